#include "solver/steel/steel_solve.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <type_traits>

#include "solver/interrupt.hpp"
#include "solver/log.hpp"
#include "solver/master.hpp"
#include "solver/steel/steel_milp.hpp"
#include "solver/steel/steel_oracle.hpp"
#include "solver/steel/steel_recovery.hpp"
#include "solver/subgradient.hpp"

namespace pp::steel {

std::string SolveOptions::check() const {
  if (!(time_limit > 0 && time_limit <= 1e6)) return "option time_limit must be in (0, 1e6] s";
  if (!(gap >= 0 && gap < 1)) return "option gap must be in [0, 1)";
  if (max_iterations < 1) return "option max_iterations must be at least 1";
  if (threads < 0) return "option threads must be >= 0";
  if (recovery_every < 1 || recovery_every > 1000000) return "option recovery_every must be in [1, 1e6]";
  if (repair_rounds < 0 || repair_rounds > 1000) return "option repair_rounds must be in [0, 1000]";
  if (master != "bundle" && master != "subgradient") return "option master must be bundle or subgradient for steel";
  if (mip_nodes < 0 || mip_nodes > 1000000000L) return "option mip_nodes must be in [0, 1e9]";
  if (mip_pools < 0 || mip_pools > 1000) return "option mip_pools must be in [0, 1000]";
  if (mip_window < 1 || mip_window > 1000000) return "option mip_window must be in [1, 1e6]";
  if (milp_max_blocks < 0 || milp_max_blocks > 1000000) return "option milp_max_blocks must be in [0, 1e6]";
  if (flat_window < 1 || flat_window > 1000000) return "option flat_window must be in [1, 1e6]";
  if (!(flat_gain > 0 && flat_gain <= 1)) return "option flat_gain must be in (0, 1]";
  if (!(master_share > 0 && master_share <= 1)) return "option master_share must be in (0, 1]";
  return {};
}

std::string SolveOptions::set(const std::string& name, const std::string& value) {
  char* end = nullptr;
  const double v = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || !std::isfinite(v)) return "steel option " + name + ": '" + value + "' is not a number";
  const bool whole = v == std::floor(v) && std::abs(v) < 2e9;
  auto as_int = [&](auto& field) -> std::string {
    if (!whole) return "steel option " + name + ": '" + value + "' is not an integer";
    field = static_cast<std::remove_reference_t<decltype(field)>>(v);
    return {};
  };
  std::string err;
  if (name == "recovery_every") err = as_int(recovery_every);
  else if (name == "repair_rounds") err = as_int(repair_rounds);
  else if (name == "mip_nodes") err = as_int(mip_nodes);
  else if (name == "mip_pools") err = as_int(mip_pools);
  else if (name == "mip_window") err = as_int(mip_window);
  else if (name == "milp_max_blocks") err = as_int(milp_max_blocks);
  else if (name == "flat_window") err = as_int(flat_window);
  else if (name == "master_share") master_share = v;
  else if (name == "flat_gain") flat_gain = v;
  else return "unknown steel option '" + name + "' (recovery_every, repair_rounds, mip_nodes, mip_pools, mip_window, "
              "milp_max_blocks, flat_window, flat_gain, master_share)";
  if (!err.empty()) return err;
  return check();
}

namespace {

std::vector<uint8_t> states_of(const Problem& P, const SteelOracle& o) {
  std::vector<uint8_t> st(size_t(P.nb) * size_t(P.n));
  for (int j = 0; j < P.nb; ++j)
    std::copy(o.path(j).state.begin(), o.path(j).state.end(), st.begin() + size_t(j) * size_t(P.n));
  return st;
}

// A t short in a row raises its price by this much (USD/t) on the first
// repair round and twice as much on each next one.
constexpr double kRaise = 2.0;

}  // namespace

bool recover(const Problem& P, std::vector<double> y, int rounds, Plan& plan, Evaluation& ev) {
  SteelOracle oracle(P);
  DualFunction f(oracle);
  double raise = kRaise;
  for (int round = 0; round <= rounds; ++round) {
    f.evaluate(y, nullptr);
    FixedStateResult fs = solve_fixed_states(P, states_of(P, oracle));
    if (!fs.solved) return false;
    if (fs.meets_rows()) {
      ev = evaluate(P, fs.plan);
      if (ev.feasible) {
        plan = std::move(fs.plan);
        return true;
      }
    }
    for (size_t r = 0; r < P.rows.size(); ++r)
      if (fs.short_by[r] > 1e-7) y[r] += raise;
    raise *= 2;
  }
  return false;
}

SolveResult solve(const Problem& P, const SolveOptions& opt) {
  const int threads = opt.threads > 0 ? opt.threads : tbb::info::default_concurrency();
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, size_t(threads));
  Log log(opt.verbosity);
  SolveResult res;
  log.say(1, "steel: %d route blocks, %d provinces, %d decision years, %zu coupling rows", P.nb, P.np, P.n,
          P.rows.size());
  SteelOracle oracle(P);
  DualFunction dual(oracle);
  std::vector<double> metric(P.rows.size());
  for (size_t r = 0; r < P.rows.size(); ++r) metric[r] = std::max(1.0, P.rows[r].rhs);
  std::unique_ptr<PriceMaster> master;
  if (opt.master == "subgradient")
    master = std::make_unique<SubgradientMaster>(metric, SubgradientSettings{});
  else
    master = std::make_unique<BundleMaster>(metric, BundleSettings{});
  // The last iteration at which the DP chose each state of each block-year:
  // the MIP's columns are the states chosen in the last mip_window
  // iterations (the prices far from the optimum, early on, choose states no
  // good plan uses, and made the MIP 20 times slower).
  std::vector<int> last_seen(size_t(P.nb) * size_t(P.n) * kNStates, -1);
  auto note_states = [&] {
    for (int j = 0; j < P.nb; ++j)
      for (int k = 0; k < P.n; ++k)
        last_seen[(size_t(j) * P.n + size_t(k)) * kNStates + oracle.path(j).state[size_t(k)]] = res.iterations;
  };
  std::vector<double> y(P.rows.size(), 0.0), g;
  double f = dual.evaluate(y, &g);
  note_states();
  double best_f = f;
  res.prices = y;
  master->start(y, f, g);
  double best_tc = std::numeric_limits<double>::infinity();
  auto gap_now = [&] { return relative_gap(best_tc, -best_f, 0.0); };
  auto offer = [&](Plan&& plan, Evaluation&& ev, const char* how) {
    if (!ev.feasible || !(ev.tc < best_tc)) return;
    best_tc = ev.tc;
    res.plan = std::move(plan);
    res.eval = std::move(ev);
    master->set_target(-best_tc);
    log.say(1, "it %d: plan TC %.3f bn (%s), bound %.3f bn, gap %.4f%%", res.iterations, best_tc / 1e3, how,
            -best_f / 1e3, 100 * gap_now());
  };
  auto try_recover = [&](const std::vector<double>& at) {
    Plan plan;
    Evaluation ev;
    ++res.recoveries;
    if (recover(P, at, opt.repair_rounds, plan, ev)) offer(std::move(plan), std::move(ev), "repair");
  };
  const bool small = P.nb <= opt.milp_max_blocks;
  const double master_end = (small || opt.mip_nodes > 0 ? opt.master_share : 1.0) * opt.time_limit;
  bool stalled = false;
  std::vector<double> bound_at = {-best_f};  // best bound after each iteration
  while (true) {
    if (res.iterations % opt.recovery_every == 0) try_recover(master->center());
    res.history.push_back({res.iterations, log.seconds(), -best_f, best_tc, gap_now()});
    if (gap_now() <= opt.gap) break;
    if (res.iterations >= opt.max_iterations || log.seconds() >= master_end || interrupt_requested()) break;
    // The bound has flattened (a tenth of the gap over the last window of
    // iterations): the MIP over the states seen does more from here.
    if (opt.mip_nodes > 0 && res.iterations >= opt.flat_window &&
        -best_f - bound_at[size_t(res.iterations - opt.flat_window)] <= opt.flat_gain * opt.gap * std::abs(best_f))
      break;
    const double expect = master->next_trial(y);
    if (expect <= 1e-9 * std::max(1.0, std::abs(best_f))) {
      stalled = true;
      break;
    }
    f = dual.evaluate(y, &g);
    note_states();
    ++res.iterations;
    if (f < best_f) {
      best_f = f;
      res.prices = y;
    }
    bound_at.push_back(-best_f);
    master->report(y, f, g);
    if (res.iterations % 50 == 0)
      log.say(2, "it %d: bound %.3f bn, best TC %.3f bn, %s", res.iterations, -best_f / 1e3, best_tc / 1e3,
              master->describe().c_str());
  }
  log.say(1, "master: %d iterations, bound %.3f bn, %.1f s", res.iterations, -best_f / 1e3, log.seconds());
  auto left = [&] { return opt.time_limit - log.seconds(); };
  if (gap_now() > opt.gap && left() > 0 && !interrupt_requested()) try_recover(res.prices);
  bool mip_node_limited = false;
  // The MIP over the states seen, then every pool for its states.
  if (gap_now() > opt.gap && opt.mip_nodes > 0 && left() > 0 && !interrupt_requested()) {
    std::vector<uint8_t> seen(size_t(P.nb) * size_t(P.n), 0);
    size_t columns = 0;
    for (size_t i = 0; i < seen.size(); ++i) {
      for (int s = 0; s < kNStates; ++s)
        if (last_seen[i * kNStates + size_t(s)] >= res.iterations - opt.mip_window) seen[i] |= uint8_t(1u << s);
      if (!res.plan.state.empty()) seen[i] |= uint8_t(1u << res.plan.state[i]);
      columns += size_t(__builtin_popcount(seen[i]));
    }
    MilpOptions mo;
    mo.allowed = &seen;
    mo.max_nodes = opt.mip_nodes;
    mo.max_pools = opt.mip_pools;
    mo.time_limit = std::max(0.1, (small ? 0.5 : 0.9) * left());
    if (std::isfinite(best_tc)) mo.cutoff = best_tc * (1 - 1e-9);
    mo.target = -best_f * (1 + opt.gap);
    log.say(1, "MIP over the states seen: %zu block-year states (of %zu block-years), up to %ld nodes, %d pools per block, %.1f s",
            columns, seen.size(), mo.max_nodes, mo.max_pools, mo.time_limit);
    const MilpResult mr = solve_milp(P, mo);
    mip_node_limited = mr.node_limited;
    if (!mr.plan.state.empty()) {
      FixedStateResult fs = solve_fixed_states(P, mr.plan.state);
      Evaluation ev = fs.meets_rows() ? evaluate(P, fs.plan) : Evaluation{};
      if (ev.feasible) offer(std::move(fs.plan), std::move(ev), "MIP + LP");
    }
    log.say(1, "MIP: %ld nodes, %.1f s, %s", mr.nodes, mr.seconds, mr.plan.state.empty() ? "no better plan" : "plan");
  }
  // Small instances: the whole MILP, cut off just above the plan, proves it.
  bool proven = false;
  if (small && gap_now() > opt.gap && left() > 0 && !interrupt_requested()) {
    MilpOptions mo;
    mo.time_limit = std::max(0.1, left());
    if (std::isfinite(best_tc)) mo.cutoff = best_tc * (1 + 1e-9) + 1e-9;
    log.say(1, "whole MILP (%d blocks), %.1f s", P.nb, mo.time_limit);
    MilpResult mr = solve_milp(P, mo);
    if (!mr.plan.state.empty()) {
      Evaluation ev = evaluate(P, mr.plan);
      if (ev.feasible) offer(std::move(mr.plan), std::move(ev), "MILP");
    }
    if (mr.proven && std::isfinite(best_tc)) {
      best_f = std::min(best_f, -std::min(best_tc, mr.plan.state.empty() ? best_tc : mr.tc));
      proven = true;
    } else if (mr.bound > -best_f && mr.bound < 1e299) {
      best_f = -mr.bound;
    }
    log.say(1, "MILP: %ld nodes, %.1f s, %s", mr.nodes, mr.seconds, mr.proven ? "finished" : "stopped");
  }
  res.history.push_back({res.iterations, log.seconds(), -best_f, best_tc, gap_now()});
  res.bound = -best_f;
  res.gap = gap_now();
  res.seconds = log.seconds();
  const bool plan = std::isfinite(best_tc);
  if (plan && res.gap <= opt.gap) {
    res.status = Status::kOptimalWithinGap;
    res.stop = StopReason::kGapReached;
  } else if (res.iterations >= opt.max_iterations) {
    res.status = Status::kIterationLimit;
    res.stop = StopReason::kIterationLimit;
  } else if (mip_node_limited && left() > 0) {
    res.status = Status::kIterationLimit;  // the MIP's nodes are its iterations
    res.stop = StopReason::kNodeLimit;
  } else if (stalled && left() > 0) {
    res.status = Status::kBoundConverged;
    res.stop = StopReason::kBoundStalled;
  } else {
    res.status = Status::kTimeLimit;
    res.stop = StopReason::kTimeLimit;
  }
  if (interrupt_requested() && res.stop != StopReason::kGapReached) res.stop = StopReason::kInterrupted;
  if (!plan) {
    res.status = Status::kNoFeasiblePlan;
    res.solution = SolutionState::kNone;
    res.gap = std::numeric_limits<double>::quiet_NaN();
  } else if (res.gap <= kProvenGap || proven) {
    res.solution = SolutionState::kProvenOptimal;
  } else if (res.gap <= opt.gap) {
    res.solution = SolutionState::kFeasibleWithinGap;
  } else {
    res.solution = SolutionState::kFeasible;
  }
  log.say(1, "steel: %s; TC %.3f bn, bound %.3f bn, gap %.4f%%, %d iterations, %d recoveries, %.1f s",
          to_string(res.status).c_str(), best_tc / 1e3, res.bound / 1e3, 100 * res.gap, res.iterations,
          res.recoveries, res.seconds);
  return res;
}

}  // namespace pp::steel
