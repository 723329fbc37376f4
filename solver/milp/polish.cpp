#include "solver/milp/polish.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "model/evaluate.hpp"
#include "solver/interrupt.hpp"
#include "solver/log.hpp"
#include "solver/cg/column_generation.hpp"
#include "solver/milp/cbc_backend.hpp"
#include "solver/milp/formulation.hpp"
#include "solver/components.hpp"
#include "solver/myopic.hpp"
#include "solver/recovery.hpp"

namespace pp {

namespace {


// Closes the z columns of plant-year states outside `allowed` ([j*n+k] masks).
void restrict_states(MilpModel& M, const std::vector<uint16_t>& allowed) {
  for (size_t jk = 0; jk < allowed.size(); ++jk)
    for (int s = 0; s < 9; ++s) {
      const int z = M.z_col[jk * 9 + s];
      if (z >= 0 && !(allowed[jk] & (1u << s))) M.col_up[z] = 0.0;
    }
}

// A MILP stopped early can leave an option bought and never used (BE with
// no biomass in reach, Flex at u >= 1); dropping it only saves its capex
// and O&M, so the evaluator decides whether the trimmed plan replaces it.
void trim_cbc_plan(const Problem& P, SolveResult& r) {
  if (r.plan.state.empty()) return;
  Plan trimmed = r.plan;
  trim_unused_options(P, trimmed);
  if (trimmed.state == r.plan.state) return;
  Evaluation ev = evaluate(P, trimmed);
  if ((ev.feasible || !r.eval.feasible) && ev.tc < r.eval.tc) {
    r.plan = std::move(trimmed);
    r.eval = std::move(ev);
  }
}

}  // namespace

bool polish_with_milp(const Problem& P, const SolverOptions& opt, double seconds, SolveResult& res) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  Log log(opt.verbosity);
  if (interrupt_requested()) return false;
  MilpModel full;
  std::string err;
  if (!build_milp(P, full, err)) {
    log.say(1, "polish skipped: %s", err.c_str());
    return false;
  }
  const bool have_plan = !res.plan.state.empty() && std::isfinite(res.eval.tc);
  std::vector<uint16_t> allowed = res.seen_states;
  allowed.resize(size_t(P.np) * P.n, 0);
  if (have_plan)
    for (size_t jk = 0; jk < allowed.size(); ++jk)
      if (res.plan.state[jk] != kNotAlive) allowed[jk] |= uint16_t(1u << res.plan.state[jk]);

  SolverOptions o = opt;
  o.verbosity = std::min(opt.verbosity, 1) - 1;  // CBC's own log only when asked for detail
  const double cutoff = have_plan ? res.eval.tc - 1e-7 * std::max(1.0, std::abs(res.eval.tc))
                                  : std::numeric_limits<double>::infinity();
  auto left = [&] { return seconds - std::chrono::duration<double>(Clock::now() - t0).count(); };

  auto adopt = [&](SolveResult& r, const char* what) {
    trim_cbc_plan(P, r);
    if (r.plan.state.empty() || !(r.eval.feasible || P.prm.violation_penalty > 0)) return false;
    const bool have_now = !res.plan.state.empty() && std::isfinite(res.eval.tc);
    if (have_now && !(r.eval.tc < res.eval.tc)) return false;
    log.say(1, "polish (%s MILP): TC %.6g -> %.6g USD", what, have_now ? res.eval.tc : NAN, r.eval.tc);
    res.plan = std::move(r.plan);
    res.eval = std::move(r.eval);
    return true;
  };

  MilpModel restricted = full;
  restrict_states(restricted, allowed);
  o.time_limit = std::max(1.0, left());
  SolveResult r = solve_cbc(P, restricted, o, cutoff);
  bool improved = adopt(r, "restricted");
  // Tiny instances (or no plan yet): the unrestricted MILP, cut off at the
  // best plan so far, in the time left.
  const bool have_now = have_plan || improved;
  if ((!have_now || P.np <= opt.polish_full_plants) && left() > 1.0) {
    o.time_limit = left();
    const double cut = have_now ? res.eval.tc - 1e-7 * std::max(1.0, std::abs(res.eval.tc)) : cutoff;
    SolveResult rf = solve_cbc(P, full, o, cut);
    improved = adopt(rf, "full") || improved;
  }
  if (improved) {
    res.gap = relative_gap(res.eval.tc, res.tc_lower_bound, P.npv_bau);
    if (res.gap <= opt.gap) res.status = Status::kOptimalWithinGap;
    else if (res.status == Status::kNoFeasiblePlan) res.status = Status::kIterationLimit;
    res.history.push_back({"polish", res.iterations, res.tc_lower_bound, res.eval.tc, res.gap,
                           res.seconds + std::chrono::duration<double>(Clock::now() - t0).count()});
  }
  return improved;
}

void finish_with_milp(const Problem& P, const SolverOptions& opt, double seconds, SolveResult& res) {
  Log log(opt.verbosity);
  if (interrupt_requested()) return;
  MilpModel M;
  std::string err;
  if (!build_milp(P, M, err)) {
    log.say(1, "exact finish skipped: %s", err.c_str());
    return;
  }
  const bool have_plan = !res.plan.state.empty() && std::isfinite(res.eval.tc);
  SolverOptions o = opt;
  o.verbosity = std::min(opt.verbosity, 1) - 1;
  o.time_limit = seconds;
  o.threads = 1;  // CBC's parallel tree search is not reproducible
  const double cutoff = have_plan ? res.eval.tc + 1e-9 * std::max(1.0, std::abs(res.eval.tc))
                                  : std::numeric_limits<double>::infinity();
  log.say(1, "exact finish: CBC on the MILP (%d columns, %d rows), cutoff %s, %.1f s", M.num_cols(), M.num_rows(),
          have_plan ? "at the plan" : "none", seconds);
  SolveResult r = solve_cbc(P, M, o, cutoff);
  trim_cbc_plan(P, r);
  const bool better = !r.plan.state.empty() && r.eval.feasible && (!have_plan || r.eval.tc < res.eval.tc);
  if (better) {
    res.plan = std::move(r.plan);
    res.eval = std::move(r.eval);
  }
  // CBC's bound is global (the whole MILP); with the cutoff at the plan, a
  // search that ends without a better plan proves the plan optimal.
  double cbc_bound = r.tc_lower_bound;
  if (r.status == Status::kOptimalWithinGap || r.status == Status::kInfeasible) cbc_bound = res.eval.tc;
  if (std::isfinite(cbc_bound) && cbc_bound > res.tc_lower_bound)
    res.tc_lower_bound = std::min(cbc_bound, std::isfinite(res.eval.tc) ? res.eval.tc : cbc_bound);
  res.gap = relative_gap(res.eval.tc, res.tc_lower_bound, P.npv_bau);
  res.status = res.gap <= opt.gap ? Status::kOptimalWithinGap
                                  : (r.status == Status::kTimeLimit || r.status == Status::kNoFeasiblePlan
                                         ? Status::kTimeLimit : Status::kIterationLimit);
  if (!std::isfinite(res.eval.tc)) res.status = Status::kNoFeasiblePlan;
  res.milp_nodes += r.milp_nodes;
  res.history.push_back({"exact finish", res.iterations, res.tc_lower_bound, res.eval.tc, res.gap, res.seconds + r.seconds});
  log.say(1, "exact finish: TC %.6g, bound %.6g, gap %.4g%%", res.eval.tc, res.tc_lower_bound, 100 * res.gap);
}

namespace {

// The pieces of a separable problem one after the other, smallest first
// (ties by first plant), scored as a whole by the evaluator. Each group gets
// the share of the time left that its plant count is of the plants left
// (unused time flows on to the larger groups after it) and the same share of
// the CBC node limit, so that with enough time it stops on nodes, the same on
// any machine. A group that stops on its time share makes the whole run stop
// on the time limit, even when the sum reaches the gap: its plan depends on
// the clock, and only a run that stops on gap, iteration or node limits
// promises the same answer everywhere. (Giving every group at least half the
// time left instead let 60 small countries take 275 of the world's 300 s.)
SolveResult solve_by_components(const Problem& P, std::vector<Component>& comps, const SolverOptions& opt,
                                const Prices* warm) {
  Log log(opt.verbosity);
  const auto t0 = std::chrono::steady_clock::now();
  const int n = P.n;
  SolveResult res;
  res.threads = opt.threads;
  res.plan.resize(P.np, n);
  res.prices.lam.assign(P.emission_rows.size(), 0.0);
  res.prices.pi.assign(P.provinces.size() * n, 0.0);
  res.prices.mu.assign(size_t(n) * P.n_cell_rows, 0.0);
  res.tc_lower_bound = 0;
  size_t largest = 0;
  for (const auto& c : comps) largest = std::max(largest, c.plants.size());
  log.say(1, "%zu independent groups of plants (no shared coupling row), the largest %zu plants: solved apart",
          comps.size(), largest);
  std::stable_sort(comps.begin(), comps.end(), [](const Component& a, const Component& b) {
    if (a.plants.size() != b.plants.size()) return a.plants.size() < b.plants.size();
    return a.plants.front() < b.plants.front();
  });
  int left = P.np;
  bool all_plans = true, any_time = false, any_iter = false, any_stall = false;
  double worst_gap = 0;
  for (size_t i = 0; i < comps.size(); ++i) {
    Component& c = comps[i];
    const Problem S = restrict_to(P, c);
    SolverOptions o = opt;
    o.split_components = 0;
    const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    o.time_limit = std::max(0.05, (opt.time_limit - spent) * double(S.np) / left);
    o.milp_max_nodes = std::max(100L, long(double(opt.milp_max_nodes) * S.np / P.np));
    left -= S.np;
    if (S.np < 1000) o.verbosity = std::min(opt.verbosity, 0);
    Prices w;
    if (warm) {
      for (int r : c.emission_row) w.lam.push_back(warm->lam.at(r));
      w.pi = warm->pi;
      w.mu.assign(size_t(n) * S.n_cell_rows, 0.0);
      for (int k = 0; k < n; ++k)
        for (size_t r = 0; r < c.cell_row.size(); ++r)
          w.mu[size_t(k) * S.n_cell_rows + r] = warm->mu.at(size_t(k) * P.n_cell_rows + c.cell_row[r]);
    }
    SolveResult s = solve_with_backend(S, o, warm ? &w : nullptr);
    std::string who = S.plants.front().country;
    for (const auto& pl : S.plants)
      if (pl.country != S.plants.front().country) {
        who += " and others";
        break;
      }
    log.say(1, "group %zu/%zu (%s, %d plants): %s, TC %.6g, bound %.6g, gap %.4g%%", i + 1, comps.size(),
            who.c_str(), S.np, to_string(s.status).c_str(), s.eval.tc, s.tc_lower_bound, 100 * s.gap);
    if (s.status == Status::kInfeasible || s.status == Status::kError) {
      s.plan = Plan{};
      s.eval = Evaluation{};
      s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      return s;
    }
    res.threads = s.threads;
    res.iterations += s.iterations;
    res.nodes += s.nodes;
    res.milp_nodes += s.milp_nodes;
    res.tc_lower_bound += s.tc_lower_bound;
    worst_gap = std::max(worst_gap, s.gap);
    if (s.status == Status::kTimeLimit && i + 1 < comps.size())
      log.say(1, "group %zu stopped on its share of the time (%.1f s): the run ends as time-limited; a larger "
                 "--time-limit or a smaller milp_max_nodes lets every group stop on its node limit instead",
              i + 1, o.time_limit);
    any_time = any_time || s.status == Status::kTimeLimit;
    any_iter = any_iter || s.status == Status::kIterationLimit;
    any_stall = any_stall || s.status == Status::kBoundConverged;
    if (s.plan.state.empty()) {
      all_plans = false;
    } else {
      for (size_t a = 0; a < c.plants.size(); ++a)
        for (int k = 0; k < n; ++k) {
          const size_t from = a * n + k, to = size_t(c.plants[a]) * n + k;
          res.plan.state[to] = s.plan.state[from];
          res.plan.u[to] = s.plan.u[from];
          res.plan.flows[to] = s.plan.flows[from];
        }
    }
    for (size_t r = 0; r < c.emission_row.size() && r < s.prices.lam.size(); ++r)
      res.prices.lam[c.emission_row[r]] = s.prices.lam[r];
    for (size_t q = 0; q < s.prices.pi.size() && q < res.prices.pi.size(); ++q) res.prices.pi[q] += s.prices.pi[q];
    for (int k = 0; k < n; ++k)
      for (size_t r = 0; r < c.cell_row.size(); ++r) {
        const size_t from = size_t(k) * S.n_cell_rows + r;
        if (from < s.prices.mu.size()) res.prices.mu[size_t(k) * P.n_cell_rows + c.cell_row[r]] = s.prices.mu[from];
      }
    const double now = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // One convergence row per group: the sums over the groups solved so far.
    res.history.push_back({"group", res.iterations, res.tc_lower_bound, std::numeric_limits<double>::infinity(), 1.0, now});
  }
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (all_plans) {
    res.eval = evaluate(P, res.plan);
    if (!res.eval.feasible) all_plans = false;
  }
  if (!all_plans) {
    res.plan = Plan{};
    res.eval = Evaluation{};
    res.eval.tc = std::numeric_limits<double>::infinity();
  }
  res.gap = relative_gap(res.eval.tc, res.tc_lower_bound, P.npv_bau);
  if (!res.history.empty()) {
    res.history.back().best_tc = res.eval.tc;
    res.history.back().gap = res.gap;
  }
  res.status = !all_plans ? Status::kNoFeasiblePlan
               : any_time ? Status::kTimeLimit
               : res.gap <= opt.gap ? Status::kOptimalWithinGap
               : any_iter ? Status::kIterationLimit
               : any_stall ? Status::kBoundConverged
                           : Status::kOptimalWithinGap;
  res.stats.push_back({"groups", double(comps.size())});
  res.stats.push_back({"largest_group_plants", double(largest)});
  res.stats.push_back({"worst_group_gap", worst_gap});
  settle_status(res, opt.gap);
  return res;
}

}  // namespace

SolveResult solve_with_backend(const Problem& P, const SolverOptions& opt, const Prices* warm) {
  // Myopic: every step through the chosen backend (and polish).
  if (opt.mode == "myopic")
    return solve_myopic_with(P, opt, [](const Problem& S, const SolverOptions& o) { return solve_with_backend(S, o); });
  if (opt.split_components) {
    std::vector<Component> comps = coupling_components(P);
    if (comps.size() > 1) return solve_by_components(P, comps, opt, warm);
  }
  if (opt.backend == "cbc") return solve_cbc(P, opt);
  // Without shared biomass cells the Dantzig-Wolfe master has one convexity
  // row per plant plus the few emission and floor rows, and column
  // generation certifies fleets of thousands of plants in seconds (India:
  // 845 plants, 0.09% in 0.07 s; the bundle stalls at 2.4%). Cell rows are
  // what make its LP slow (papers/column-generation.md), so the rule looks
  // at the data, never at the clock.
  if (opt.master == "cg" || (opt.master == "auto" && opt.mode == "foresight" && P.n_cell_rows == 0 &&
                             P.np > opt.polish_max_plants))
    return solve_column_generation(P, opt, warm);
  if (opt.master == "auto" && opt.mode == "foresight" && P.np <= opt.polish_max_plants) {
    SolverOptions o = opt;
    o.max_nodes = 1;  // the root's bound and vertex plan; CBC does the branching
    o.time_limit = opt.time_limit * (1.0 - opt.polish_share);
    SolveResult res = solve_column_generation(P, o, warm);
    if (res.status == Status::kInfeasible || res.status == Status::kError || res.gap <= opt.gap) {
      settle_status(res, opt.gap);
      return res;
    }
    const auto t0 = std::chrono::steady_clock::now();
    finish_with_milp(P, opt, std::max(0.5, opt.time_limit - res.seconds), res);
    res.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    settle_status(res, opt.gap);
    return res;
  }
  const bool polish = opt.mode == "foresight" && opt.polish_max_plants > 0 && P.np <= opt.polish_max_plants;
  if (!polish) return solve(P, opt, warm);
  SolverOptions o = opt;
  o.time_limit = opt.time_limit * (1.0 - opt.polish_share);
  SolveResult res = solve(P, o, warm);
  if (res.status == Status::kOptimalWithinGap || res.status == Status::kInfeasible || res.status == Status::kError)
    return res;
  const auto t0 = std::chrono::steady_clock::now();
  polish_with_milp(P, opt, std::max(1.0, opt.time_limit - res.seconds), res);
  res.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return res;
}

}  // namespace pp
