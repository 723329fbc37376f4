#include "io/cli/batch.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
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

namespace {

std::string duration_text(double s) {
  char b[32];
  if (!std::isfinite(s) || s < 0) return "?";
  const long t = std::lround(s);
  if (t < 60) std::snprintf(b, sizeof b, "%lds", t);
  else if (t < 3600) std::snprintf(b, sizeof b, "%ldm%02lds", t / 60, t % 60);
  else std::snprintf(b, sizeof b, "%ldh%02ldm", t / 3600, (t % 3600) / 60);
  return b;
}

}  // namespace

struct BatchProgress::Impl {
  Impl(const char* w, size_t t, size_t d, bool e)
      : what(w), total(t), done(d), kept(d), enabled(e), tty(e && ::isatty(STDERR_FILENO) == 1) {}
  const char* what;
  size_t total, done, kept;
  bool enabled, tty;
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  std::vector<std::string> running;  // in the order they started
  std::mutex m;
  std::condition_variable cv;
  bool stop = false;
  std::thread ticker;

  double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); }
  // Time left from the mean time per run solved in this invocation so far.
  std::string left() const {
    const size_t solved = done - kept;
    if (solved == 0 || done >= total) return "";
    return ", ~" + duration_text(elapsed() / double(solved) * double(total - done)) + " left";
  }
  std::string head() const {
    char b[96];
    std::snprintf(b, sizeof b, "[%*zu/%zu %8.1fs", static_cast<int>(std::to_string(total).size()), done, total,
                  elapsed());
    return b + left() + "]";
  }
  void status_line() {  // caller holds m; tty only
    std::string line = head() + " " + what + ": ";
    if (running.empty()) line += "waiting";
    else {
      line += "solving " + running.front();
      if (running.size() > 1) line += " and " + std::to_string(running.size() - 1) + " more";
    }
    std::fprintf(stderr, "\r%s\033[K", line.c_str());
    std::fflush(stderr);
  }
  void clear_line() {
    if (tty) std::fprintf(stderr, "\r\033[K");
  }
};

BatchProgress::BatchProgress(const char* what, size_t total, size_t already_done, bool enabled)
    : impl_(new Impl(what, total, already_done, enabled)) {
  if (impl_->tty)
    impl_->ticker = std::thread([this] {
      std::unique_lock<std::mutex> lk(impl_->m);
      while (!impl_->cv.wait_for(lk, std::chrono::seconds(1), [this] { return impl_->stop; })) impl_->status_line();
    });
}

BatchProgress::~BatchProgress() {
  {
    std::lock_guard<std::mutex> lk(impl_->m);
    impl_->stop = true;
    impl_->clear_line();
    std::fflush(stderr);
  }
  impl_->cv.notify_all();
  if (impl_->ticker.joinable()) impl_->ticker.join();
  delete impl_;
}

double BatchProgress::elapsed() const { return impl_->elapsed(); }

void BatchProgress::started(const std::string& name) {
  if (!impl_->enabled) return;
  std::lock_guard<std::mutex> lk(impl_->m);
  impl_->running.push_back(name);
  if (impl_->tty) impl_->status_line();
  else std::fprintf(stderr, "%s solving %s\n", impl_->head().c_str(), name.c_str()), std::fflush(stderr);
}

void BatchProgress::finished(const std::string& name, const std::string& status, double tc, double gap,
                             double seconds, const std::string& warm_from) {
  std::lock_guard<std::mutex> lk(impl_->m);
  ++impl_->done;
  auto& r = impl_->running;
  if (auto it = std::find(r.begin(), r.end(), name); it != r.end()) r.erase(it);
  if (!impl_->enabled) return;
  char tcs[64] = "no plan", gaps[64] = "";
  if (std::isfinite(tc)) std::snprintf(tcs, sizeof tcs, "TC %.3f bn", tc / 1e9);
  if (std::isfinite(gap)) std::snprintf(gaps, sizeof gaps, ", gap %.3f%%", 100 * gap);
  impl_->clear_line();
  std::fprintf(stderr, "%s %s: %s, %s%s, %.2f s%s%s\n", impl_->head().c_str(), name.c_str(), status.c_str(), tcs, gaps,
               std::isfinite(seconds) ? seconds : 0.0, warm_from.empty() ? "" : ", warm from ", warm_from.c_str());
  if (impl_->tty && impl_->done < impl_->total) impl_->status_line();
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
