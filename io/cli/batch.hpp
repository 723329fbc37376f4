#pragma once
// What `sweep` and `sensitivity` share beyond the runner (io/sweep_runner.hpp):
// the solve call of `solve` (same backend and polish), the per-solve options
// out of the command's thread budget, directory names for --save-plans, and
// the progress line on stderr.
#include <string>

#include "io/sweep_table.hpp"
#include "model/instance.hpp"
#include "model/problem.hpp"
#include "solver/decomposition.hpp"
#include "solver/options.hpp"

namespace pp {

// The solve of `plantpath solve` (decomposition + polish, or CBC), warm-started.
SolveResult batch_solve(const Problem& P, const SolverOptions& opt, const Prices* warm);

// One run of a sweep or sensitivity table: builds the problem of `in` and
// `spec`, solves it (warm-started), summarises it into `s`; with a non-empty
// save_dir also writes the full outputs there (summary.json gets
// json_fields). Any failure becomes an "error" summary instead of a throw.
// Returns the run's prices, for the runs warm-started from it.
Prices solve_one_run(const Instance& in, const CouplingSpec& spec, const SolverOptions& opt, const Prices* warm,
                     const std::string& save_dir, const std::string& json_fields, int n_years, RunSummary& s);

// Options of one of `jobs` concurrent solves: threads split evenly, the
// solver's own log only with --verbose.
SolverOptions batch_options(const SolverOptions& base, int jobs);

// A file-system-safe directory name: [A-Za-z0-9._+-] kept, anything else '_'
// ("CuER_30per_2025p_2050zero/98" -> "CuER_30per_2025p_2050zero_98").
std::string safe_dir_name(const std::string& name);

// Progress of a sweep or sensitivity run on stderr, for a person watching:
// done / total, what is being solved, the elapsed time and an estimate of the
// time left. On a terminal one status line is redrawn in place (every second
// and at every event) under the permanent lines of finished runs; into a file
// or a pipe only plain lines are written, one when a run starts and one when
// it ends. The clock only decides what is displayed, never what is solved.
class BatchProgress {
 public:
  // `total` runs, of which `already_done` were kept from an earlier output.
  BatchProgress(const char* what, size_t total, size_t already_done, bool enabled);
  ~BatchProgress();
  BatchProgress(const BatchProgress&) = delete;
  BatchProgress& operator=(const BatchProgress&) = delete;

  void started(const std::string& name);
  // "[  3/36  12.4s, ~1m05s left] 50-25hp-50zero: optimal within gap, TC 1.234 bn, gap 0.05%, 3.10 s, warm from ..."
  void finished(const std::string& name, const std::string& status, double tc, double gap, double seconds,
                const std::string& warm_from);
  double elapsed() const;

 private:
  struct Impl;
  Impl* impl_;
};

// --jobs value (>= 1); UsageError otherwise. Absent: 1.
int parse_jobs(const std::string& text);

}  // namespace pp
