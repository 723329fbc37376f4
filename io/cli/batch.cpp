#include "io/cli/batch.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "io/cli/args.hpp"
#include "io/solution_writer.hpp"
#include "io/sweep_runner.hpp"
#ifdef PLANTPATH_HAVE_MILP
#include "solver/milp/polish.hpp"
#endif

namespace pp {

SolveResult batch_solve(const Problem& P, const SolverOptions& opt, const Prices* warm) {
#ifdef PLANTPATH_HAVE_MILP
  SolveResult res = solve_with_backend(P, opt, warm);
  settle_status(res, opt.gap);
  return res;
#else
  if (opt.backend == "cbc")
    throw UsageError("--backend cbc: this plantpath was not built with CBC (install coinor-libcbc-dev and rebuild)");
  return solve(P, opt, warm);
#endif
}

Prices solve_one_run(const Instance& in, const CouplingSpec& spec, const SolverOptions& opt, const Prices* warm,
                     const std::string& save_dir, const std::string& json_fields, int n_years, RunSummary& s) {
  try {
    Problem P;
    std::string err;
    if (!build_problem(in, spec, P, err)) {
      s = failed_run("error", err, n_years);
      return {};
    }
    SolveResult res = batch_solve(P, opt, warm);
    s = summarize(P, res);
    if (!save_dir.empty()) write_solution(save_dir, P, res, json_fields);
    return std::move(res.prices);
  } catch (const std::exception& e) {
    s = failed_run("error", e.what(), n_years);
    return {};
  }
}

SolverOptions batch_options(const SolverOptions& base, int jobs) {
  SolverOptions o = base;
  o.threads = threads_per_job(base.threads, jobs);
  o.verbosity = base.verbosity >= 2 ? 1 : 0;
  return o;
}

std::string safe_dir_name(const std::string& name) {
  std::string o = name;
  for (char& c : o) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '+' || c == '-';
    if (!ok) c = '_';
  }
  if (o.empty() || o == "." || o == "..") o = "_" + o;
  return o;
}

void report_progress(size_t done, size_t total, double elapsed, const std::string& name, const std::string& status,
                     double tc, double gap, double seconds, const std::string& warm_from) {
  char tcs[64] = "no plan", gaps[64] = "";
  if (std::isfinite(tc)) std::snprintf(tcs, sizeof tcs, "TC %.3f bn", tc / 1e9);
  if (std::isfinite(gap)) std::snprintf(gaps, sizeof gaps, ", gap %.3f%%", 100 * gap);
  std::fprintf(stderr, "[%*zu/%zu %8.1fs] %s: %s, %s%s, %.2f s%s%s\n", static_cast<int>(std::to_string(total).size()),
               done, total, elapsed, name.c_str(), status.c_str(), tcs, gaps, std::isfinite(seconds) ? seconds : 0.0,
               warm_from.empty() ? "" : ", warm from ", warm_from.c_str());
  std::fflush(stderr);
}

int parse_jobs(const std::string& text) {
  if (text.empty()) return 1;
  int j = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), j);
  if (ec != std::errc() || p != text.data() + text.size() || j < 1 || j > 4096)
    throw UsageError("--jobs must be an integer between 1 and 4096");
  return j;
}

}  // namespace pp
