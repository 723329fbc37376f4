#pragma once
// Rows of sweep.csv and sensitivity.csv: one solve summarised in a fixed set
// of columns, and a CSV file that grows row by row as solves finish.
//
// Figures (from the independent evaluator, empty fields without a plan):
//   tc_usd, bound_usd, gap     transition cost of the plan, lower bound, relative gap
//   cum_emissions_t            sum_k W_k E_k, W_k of papers/model.md section 5 (the
//                              quantity a --budget-cuer run limits)
//   emissions_t_<year>         E_k, t/yr at decision year t_k
//   cap_ratio_<year>           the imposed cap over BAU emissions (empty for a budget)
//   capacity_mw_<c>_<year>     capacity alive at t_k (c = alive), in state PP
//                              (no option: pp), holding Flex / BE / CCS (a
//                              plant with several options counts in each), or
//                              compulsorily retired (retired)
//   share_<c>_<year>           capacity_mw_<c>_<year> / capacity_mw_alive_<year>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "model/problem.hpp"
#include "solver/decomposition.hpp"

namespace pp {

enum CapacityClass { kCapAlive, kCapPP, kCapFlex, kCapBE, kCapCCS, kCapRetired, kCapClasses };
const char* capacity_class_name(int c);  // "alive", "pp", "flex", "be", "ccs", "retired"

struct RunSummary {
  std::string status;   // solver status, or "error" / "infeasible"
  std::string message;
  double tc = 0, bound = 0, gap = 0, cum_emissions = 0, seconds = 0;  // NaN when unknown
  int iterations = 0;
  std::vector<double> emissions;  // [k]
  std::vector<double> cap_ratio;  // [k]
  std::vector<double> capacity;   // [k * kCapClasses + class]
};

// Summary of a finished solve (status, evaluator figures, capacities).
RunSummary summarize(const Problem& P, const SolveResult& r);
// A run that never reached the solver (bad pathway, build error).
RunSummary failed_run(const std::string& status, const std::string& message, int n_years);

// Column blocks. `years` are the decision years.
std::string figures_header(const std::vector<int>& years);          // status..cum_emissions_t, emissions, cap ratios
std::string figures_fields(const RunSummary& s);
std::string capacity_header(const std::vector<int>& years, bool shares);  // MW of every class, or shares of flex/be/ccs/retired
std::string capacity_fields(const RunSummary& s, bool shares);

// --resume: the rows of an earlier table at `path` (absent: none) that have a
// plan (a tc_usd), re-encoded as CSV lines, by the values of `key_columns`
// joined with '\x1f'. InputError if its columns differ from `header`.
struct KeptRow {
  std::string line;
  double tc = 0;
  double gap = 0;  // NaN when the row has none
};
std::map<std::string, KeptRow> kept_rows_with_plan(const std::string& path, const std::string& header,
                                                   const std::vector<std::string>& key_columns);

// A CSV file written as results arrive: the header at open (into a new file
// replacing an older one, which is unlinked, never written through), then
// every row appended with one write(2) and flushed to disk, so a crash leaves
// every finished row; finish() rewrites the file with the rows sorted by key
// (the task's input position), atomically (`<path>.tmp-<pid>` + rename).
// append() is thread-safe. Throws std::runtime_error naming the path. The
// caller owns the directory (an OutputClaim whose marker lists the file,
// io/output_dir.hpp).
class IncrementalCsv {
 public:
  IncrementalCsv(const std::string& path, const std::string& header);
  ~IncrementalCsv();
  IncrementalCsv(const IncrementalCsv&) = delete;
  IncrementalCsv& operator=(const IncrementalCsv&) = delete;
  // row without the trailing newline; sync = false skips the fdatasync (for
  // many rows at once: the next synced append covers them)
  void append(size_t key, const std::string& row, bool sync = true);
  void finish();
  const std::string& path() const { return path_; }

 private:
  std::string path_, header_;
  int fd_ = -1;
  std::mutex m_;
  std::vector<std::pair<size_t, std::string>> rows_;
};

}  // namespace pp
