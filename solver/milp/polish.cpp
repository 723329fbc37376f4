#include "solver/milp/polish.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "model/evaluate.hpp"
#include "solver/log.hpp"
#include "solver/cg/column_generation.hpp"
#include "solver/milp/cbc_backend.hpp"
#include "solver/milp/formulation.hpp"
#include "solver/myopic.hpp"

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

}  // namespace

bool polish_with_milp(const Problem& P, const SolverOptions& opt, double seconds, SolveResult& res) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  Log log(opt.verbosity);
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
    res.history.push_back({res.iterations, res.tc_lower_bound, res.eval.tc, res.gap,
                           res.seconds + std::chrono::duration<double>(Clock::now() - t0).count()});
  }
  return improved;
}

void finish_with_milp(const Problem& P, const SolverOptions& opt, double seconds, SolveResult& res) {
  Log log(opt.verbosity);
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
  res.nodes += r.iterations;
  res.stats.push_back({"milp_nodes", double(r.iterations)});
  res.history.push_back({res.iterations, res.tc_lower_bound, res.eval.tc, res.gap, res.seconds + r.seconds});
  log.say(1, "exact finish: TC %.6g, bound %.6g, gap %.4g%%", res.eval.tc, res.tc_lower_bound, 100 * res.gap);
}

SolveResult solve_with_backend(const Problem& P, const SolverOptions& opt, const Prices* warm) {
  // Myopic: every step through the chosen backend (and polish).
  if (opt.mode == "myopic")
    return solve_myopic_with(P, opt, [](const Problem& S, const SolverOptions& o) { return solve_with_backend(S, o); });
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
