#include "io/sweep_runner.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>

namespace pp {

namespace {

double dist2(const std::vector<double>& a, const std::vector<double>& b) {
  const size_t m = std::min(a.size(), b.size());
  double s = 0;
  for (size_t i = 0; i < m; ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
  return s;
}

bool has_prices(const Prices& p) { return !p.lam.empty() || !p.pi.empty() || !p.mu.empty(); }

}  // namespace

WarmPlan plan_warm_starts(const std::vector<std::vector<double>>& keys) {
  const size_t N = keys.size();
  WarmPlan w;
  w.parent.assign(N, -1);
  if (N == 0) return w;
  // near[i]: distance from i to the nearest task already in the order, and which one.
  std::vector<double> near(N, std::numeric_limits<double>::infinity());
  std::vector<int> near_task(N, -1);
  std::vector<char> placed(N, 0);
  size_t next = 0;
  for (size_t step = 0; step < N; ++step) {
    placed[next] = 1;
    w.order.push_back(next);
    w.parent[next] = near_task[next];
    size_t far = N;
    double far_d = -1;
    for (size_t i = 0; i < N; ++i) {
      if (placed[i]) continue;
      const double d = dist2(keys[i], keys[next]);
      if (d < near[i]) {  // strict: ties keep the earlier task in the order
        near[i] = d;
        near_task[i] = static_cast<int>(next);
      }
      if (near[i] > far_d) {  // strict: ties keep the lower index
        far_d = near[i];
        far = i;
      }
    }
    if (far == N) break;
    next = far;
  }
  return w;
}

int threads_per_job(int threads, int jobs) {
  const int t = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(1, t / std::max(1, jobs));
}

void run_tasks(const WarmPlan& plan, const RunnerOptions& opt, const TaskFn& fn) {
  const size_t N = plan.order.size();
  if (N == 0) return;
  std::mutex m;
  std::condition_variable cv;
  std::vector<char> started(N, 0), done(N, 0);
  // prices[i]: what task i hands on (its own prices, else those its warm
  // start came from), src[i] the task they belong to; released once every
  // task warm-starting from i has started, so a long sweep keeps few.
  std::vector<std::shared_ptr<const Prices>> prices(N);
  std::vector<int> src(N, -1), children_left(N, 0);
  for (size_t i = 0; i < N; ++i)
    if (plan.parent[i] >= 0) ++children_left[plan.parent[i]];
  size_t finished = 0, first_open = 0;  // first_open: first position in order not yet started
  std::exception_ptr error;

  auto worker = [&] {
    std::unique_lock<std::mutex> lk(m);
    for (;;) {
      if (error || finished == N) return;
      // The first task in the order whose neighbour has finished.
      size_t pick = N;
      while (first_open < N && started[plan.order[first_open]]) ++first_open;
      for (size_t pos = first_open; pos < N; ++pos) {
        const size_t i = plan.order[pos];
        if (started[i]) continue;
        const int p = plan.parent[i];
        if (p < 0 || done[p]) {
          pick = i;
          break;
        }
      }
      if (pick == N) {
        bool any_open = false;
        for (size_t pos = first_open; pos < N && !any_open; ++pos) any_open = !started[plan.order[pos]];
        if (!any_open) return;  // everything started; the running tasks finish on their own
        cv.wait(lk);
        continue;
      }
      started[pick] = 1;
      // Nearest finished ancestor with prices (all ancestors have finished).
      const int parent = plan.parent[pick];
      std::shared_ptr<const Prices> inherited = parent >= 0 ? prices[parent] : nullptr;
      const int from = parent >= 0 ? src[parent] : -1;
      if (parent >= 0 && --children_left[parent] == 0) prices[parent].reset();
      std::shared_ptr<const Prices> warm = opt.warm ? inherited : nullptr;
      lk.unlock();
      Prices out;
      std::exception_ptr failed;
      try {
        out = fn(pick, warm.get(), warm && from >= 0 ? from : -1);
      } catch (...) {
        failed = std::current_exception();
      }
      lk.lock();
      if (failed && !error) error = failed;
      if (has_prices(out)) {
        prices[pick] = std::make_shared<const Prices>(std::move(out));
        src[pick] = static_cast<int>(pick);
      } else {
        prices[pick] = std::move(inherited);
        src[pick] = from;
      }
      if (children_left[pick] == 0) prices[pick].reset();
      done[pick] = 1;
      ++finished;
      cv.notify_all();
    }
  };

  const int jobs = std::max(1, std::min<int>(opt.jobs, static_cast<int>(N)));
  std::vector<std::thread> pool;
  for (int t = 1; t < jobs; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace pp
