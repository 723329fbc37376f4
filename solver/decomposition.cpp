#include "solver/decomposition.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>

#include "solver/dual_oracle.hpp"
#include "solver/gap_split.hpp"
#include "solver/interrupt.hpp"
#include "solver/log.hpp"
#include "solver/master.hpp"
#include "solver/price_layout.hpp"
#include "solver/recovery.hpp"
#include "solver/repair.hpp"
#include "solver/rounding.hpp"
#include "solver/subgradient.hpp"
#include "solver/surplus.hpp"

namespace pp {

SolveResult solve_myopic(const Problem& P, const SolverOptions& opt);  // solver/myopic.cpp

namespace {

// A run that has no plan yet stops its master at this share of the time
// limit and spends the rest on the repair.
constexpr double kNoPlanShare = 0.7;

std::string fmt_bn(double usd) {
  char b[64];
  std::snprintf(b, sizeof b, "%.3f bn", usd / 1e9);
  return b;
}

std::vector<double> metric(const Problem& P, const PriceLayout& L) {
  std::vector<double> w(L.dim(), 1.0);
  const int n = P.n;
  for (size_t r = 0; r < L.n_lam; ++r) {
    const auto& row = P.emission_rows[r];
    double bau = 0;
    for (int k = 0; k < n; ++k)
      for (size_t p = 0; p < P.provinces.size(); ++p)
        if (row.covers(int(p))) bau += row.weight[k] * P.bau_emissions_pk[p * n + k];
    w[r] = std::max({row.rhs, 0.05 * bau, 1.0});
  }
  for (size_t i = 0; i < L.n_pi; ++i) {
    const int pk = L.pk_of_pi[i];
    w[L.pi_off() + i] = std::max({P.floor[pk], 0.05 * P.bau_generation_pk[pk], 1.0});
  }
  for (int k = 0; k < n; ++k)
    for (size_t c = 0; c < P.cells.size(); ++c)
      if (P.cell_row[c] >= 0)
        w[L.mu_off() + size_t(k) * P.n_cell_rows + P.cell_row[c]] = std::max(1.0, P.cells[c].supply_mwh);
  return w;
}

}  // namespace

// Rows no plan can meet: a floor above what the province can generate, or
// (via the relaxation of every plant taking every option) a cap that cannot
// be met together with the floors. Empty if none is found.
std::string prove_infeasible(const Problem& P) {
  const int n = P.n;
  for (size_t pk = 0; pk < P.floor.size(); ++pk) {
    if (P.floor[pk] <= 0) continue;
    const int p = static_cast<int>(pk / n), k = static_cast<int>(pk % n);
    double most = 0;
    for (int j = 0; j < P.np; ++j)
      if (P.province[j] == p && P.alive_at(j, k)) most += P.K[j] * P.H[j] * P.prm.u_max;
    if (P.floor[pk] > most * (1 + 1e-12))
      return "electricity floor of " + P.provinces[p] + " in " + std::to_string(P.years[k]) + " (" +
             std::to_string(P.floor[pk]) + " MWh) exceeds what its plants can generate (" + std::to_string(most) +
             " MWh)";
  }
  if (P.prm.violation_penalty > 0) return {};
  RecoveryOutcome rel = solve_fixed_states(P, {}, nullptr, true);
  if (!rel.solved || rel.feasible) return {};
  std::string msg;
  for (size_t r = 0; r < rel.row_short.size(); ++r)
    if (rel.row_short[r] > 1e-6 * std::max(1.0, P.emission_rows[r].rhs))
      msg += (msg.empty() ? "" : "; ") + P.emission_rows[r].label + " cannot be met (short by at least " +
             std::to_string(rel.row_short[r]) + " t)";
  for (size_t pk = 0; pk < rel.floor_short.size(); ++pk)
    if (rel.floor_short[pk] > 1e-6 * std::max(1.0, P.floor[pk]))
      msg += (msg.empty() ? "" : "; ") + std::string("electricity floor of ") + P.provinces[pk / n] + " in " +
             std::to_string(P.years[pk % n]) + " cannot be met (short by at least " +
             std::to_string(rel.floor_short[pk]) + " MWh)";
  return msg.empty() ? msg : msg + " together with the other rows";
}

void settle_status(SolveResult& res, double target_gap) {
  // A written plan that breaks a row (a myopic dead end) is no solution.
  const bool plan = !res.plan.state.empty() && std::isfinite(res.eval.tc) && res.eval.feasible;
  const bool bound = std::isfinite(res.tc_lower_bound);
  if (res.status == Status::kOptimalWithinGap && !(res.gap <= target_gap)) res.status = Status::kBoundConverged;
  switch (res.status) {
    case Status::kOptimalWithinGap: res.stop = StopReason::kGapReached; break;
    case Status::kStepsWithinGap: res.stop = StopReason::kGapReached; break;
    case Status::kTimeLimit: res.stop = StopReason::kTimeLimit; break;
    case Status::kIterationLimit: res.stop = StopReason::kIterationLimit; break;
    case Status::kBoundConverged: res.stop = StopReason::kBoundStalled; break;
    case Status::kInfeasible: res.stop = StopReason::kInfeasible; break;
    case Status::kNoFeasiblePlan: if (res.stop == StopReason::kError) res.stop = StopReason::kIterationLimit; break;
    case Status::kError: res.stop = StopReason::kError; break;
  }
  // A signal asked the run to stop: whatever limit the loops report, the
  // reason is the interruption (a run that reached its gap keeps saying so).
  if (interrupt_requested() && res.stop != StopReason::kGapReached && res.stop != StopReason::kInfeasible &&
      res.stop != StopReason::kError)
    res.stop = StopReason::kInterrupted;
  // One way to say "no gap" in every output: NaN (null, an empty cell, "-").
  if (!plan || !bound) res.gap = std::numeric_limits<double>::quiet_NaN();
  if (!plan) res.solution = SolutionState::kNone;
  else if (!bound) res.solution = SolutionState::kFeasibleNoBound;
  else if (res.gap <= kProvenGap) res.solution = SolutionState::kProvenOptimal;
  else if (res.gap <= target_gap) res.solution = SolutionState::kFeasibleWithinGap;
  else res.solution = SolutionState::kFeasible;
}

double seconds_to_gap(const SolveResult& res, double gap) {
  if (std::isfinite(res.worst_step_gap)) return std::numeric_limits<double>::quiet_NaN();
  for (const ConvergenceRow& r : res.history)
    if (std::isfinite(r.best_tc) && r.gap <= gap) return r.seconds;
  return std::numeric_limits<double>::quiet_NaN();
}

SolveResult solve(const Problem& P, const SolverOptions& opt, const Prices* warm) {
  const int threads = opt.threads > 0 ? opt.threads : tbb::info::default_concurrency();
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  if (opt.mode == "myopic") return solve_myopic(P, opt);

  Log log(opt.verbosity);
  SolveResult res;
  res.threads = threads;
  log.say(1, "foresight: %d plants, %d decision years, %zu emission rows, %d shared cells", P.np, P.n,
          P.emission_rows.size(), P.n_cell_rows);

  if (std::string why = prove_infeasible(P); !why.empty()) {
    res.status = Status::kInfeasible;
    res.message = why;
    res.seconds = log.seconds();
    log.say(1, "infeasible: %s", why.c_str());
    return res;
  }

  PriceLayout L(P);
  DualOracle oracle(P, L);
  BundleSettings bs;
  if (opt.prox_initial > 0) bs.t_initial = opt.prox_initial;
  bs.max_cuts = opt.bundle_size;
  bs.descent = opt.serious_step;
  std::vector<double> upper;
  if (P.prm.violation_penalty > 0) upper.assign(L.dim(), P.prm.violation_penalty);
  // The price-based master behind the loop (solver/price_master.hpp).
  std::unique_ptr<PriceMaster> master;
  if (opt.master == "subgradient")
    master = std::make_unique<SubgradientMaster>(metric(P, L), SubgradientSettings{}, upper);
  else
    master = std::make_unique<BundleMaster>(metric(P, L), bs, upper);

  // A warm start takes the neighbour's emission and floor prices, not its
  // cell prices: China, sweep 30-25hp-50zero then 30-25lp-50zero at 30 s:
  // all prices gave bound 735.6 bn, gap 20.4%; cold 854.5 bn, 4.1%; without
  // the cell prices 869.4 bn, 1.6% (88k cell prices of another pathway are
  // a start the bundle does not recover from).
  std::vector<double> y = warm ? L.pack(*warm) : std::vector<double>(L.dim(), 0.0);
  std::fill(y.begin() + L.mu_off(), y.end(), 0.0);
  if (!upper.empty())
    for (size_t i = 0; i < y.size(); ++i) y[i] = std::min(y[i], upper[i]);
  std::vector<double> g;
  double f = oracle.evaluate(y, &g);
  double best_f = f;
  std::vector<double> best_y = y;
  master->start(y, f, g);
  // Every state the DP chose for a plant-year at some prices: the columns of
  // the restricted MILP that polishes small instances (solver/milp/polish.hpp).
  res.seen_states.assign(size_t(P.np) * P.n, 0);
  auto note_states = [&] {
    for (int j = 0; j < P.np; ++j)
      for (int k = 0; k < P.n; ++k) {
        const uint8_t s = oracle.paths()[j].state[k];
        if (s != kNotAlive) res.seen_states[size_t(j) * P.n + k] |= uint16_t(1u << s);
      }
  };
  note_states();
  // Paths behind each cut still in the bundle, for rounding its aggregate.
  CutStates cut_states;
  long cuts_given = 0;
  auto keep_cut_states = [&] {
    std::vector<uint8_t> st(size_t(P.np) * P.n);
    for (int j = 0; j < P.np; ++j)
      std::copy(oracle.paths()[j].state.begin(), oracle.paths()[j].state.end(), st.begin() + size_t(j) * P.n);
    cut_states[cuts_given++] = std::move(st);
  };
  keep_cut_states();

  double best_tc = std::numeric_limits<double>::infinity();
  auto lower_bound = [&] { return P.npv_bau - best_f; };
  // This recovery's best candidate; it becomes the run's plan once the
  // surplus pass has had its go at it and it beats the best so far.
  Plan cand_plan;
  Evaluation cand_eval;
  double cand_tc = std::numeric_limits<double>::infinity();
  auto accept = [&](RecoveryOutcome& rec, const char* how) {
    trim_unused_options(P, rec.plan);
    Evaluation ev = evaluate(P, rec.plan);
    log.say(2, "recovery (%s): TC %s, feasible %d", how, fmt_bn(ev.tc).c_str(), int(ev.feasible));
    if ((ev.feasible || P.prm.violation_penalty > 0) && ev.tc < cand_tc) {
      cand_tc = ev.tc;
      cand_plan = std::move(rec.plan);
      cand_eval = std::move(ev);
    }
  };
  uint64_t roundings = 0;
  // Two starts for the repair: the DP's paths at the prices, and a rounding
  // of the bundle's aggregate primal (closer to meeting the rows when alike
  // plants make the DP's answer all-or-none).
  // The plain start only until a plan exists: once the bundle has settled,
  // rounded starts win (China, 50-30lp-50nozero: 1393 vs 1453 bn at 60 s).
  double recovery_cost = 0;  // seconds the last recovery took once a plan existed
  // Every recovery stops its repair rounds at `deadline` (the time limit:
  // it decides where a run stops, never what a round does).
  auto try_recover = [&](const std::vector<double>& yr, int rounds, int draws, double deadline) {
    if (!std::isfinite(best_tc)) {
      RecoveryOutcome rec = repair_from_prices(P, L, oracle, yr, rounds, log, nullptr, deadline);
      if (rec.solved) accept(rec, "repair");
    }
    const double d0 = log.seconds();
    for (int draw = 0; draw < draws && log.seconds() < deadline; ++draw) {
      const std::vector<uint8_t> start = round_aggregate(P, master->weights(), cut_states, ++roundings);
      if (start.empty()) break;
      RecoveryOutcome rr = repair_from_prices(P, L, oracle, yr, rounds, log, &start, deadline);
      if (rr.solved) accept(rr, "rounded repair");
    }
    if (std::isfinite(cand_tc) && cand_eval.feasible && opt.surplus_lps > 0 && log.seconds() < deadline) {
      const double before = cand_tc;
      const int dropped = drop_surplus_options(P, cand_plan, cand_eval, L.n_mu ? yr.data() + L.mu_off() : nullptr,
                                               opt.surplus_lps, log, deadline);
      cand_tc = cand_eval.tc;
      if (dropped > 0)
        log.say(2, "surplus BE: %d plants gave up BE, TC %s -> %s", dropped, fmt_bn(before).c_str(),
                fmt_bn(cand_tc).c_str());
    }
    if (cand_tc < best_tc) {
      best_tc = cand_tc;
      res.plan = std::move(cand_plan);
      res.eval = std::move(cand_eval);
    }
    cand_tc = std::numeric_limits<double>::infinity();
    // What a recovery costs once a plan exists (rounded starts and the
    // surplus pass): the time the master keeps free for the final one.
    recovery_cost = log.seconds() - d0;
  };

  int it = 0;
  double last_log = -1;
  Status status = Status::kIterationLimit;
  double gap = 1.0;
  double t_master = 0, t_oracle = 0, t_recover = 0;
  std::vector<double> bound_trail;
  int first_recovery = 0;
  for (it = 1; it <= opt.max_iterations; ++it) {
    double t0 = log.seconds();
    if (std::isfinite(best_tc)) master->set_target(P.npv_bau - best_tc);
    const double predicted = master->next_trial(y);
    double t1 = log.seconds();
    f = oracle.evaluate(y, &g);
    double t2 = log.seconds();
    if (f < best_f) { best_f = f; best_y = y; }
    note_states();
    keep_cut_states();
    master->report(y, f, g);
    {  // drop the paths of cuts the bundle let go
      const auto w = master->weights();
      std::erase_if(cut_states, [&](const auto& cs) {
        return std::none_of(w.begin(), w.end(), [&](const auto& c) { return c.first == cs.first; });
      });
    }
    double t3 = log.seconds();
    const bool stalled = predicted <= 1e-12 * std::max(1.0, std::abs(best_f));
    // Recover once the bound flattens, then every recovery_every iterations:
    // counted, never timed, so the run is the same on any machine and load.
    bound_trail.push_back(lower_bound());
    const size_t back = 10;
    const bool flat = bound_trail.size() > back &&
                      bound_trail.back() - bound_trail[bound_trail.size() - 1 - back] <=
                          opt.recovery_flatness * std::max(1.0, std::abs(bound_trail.back()));
    if (first_recovery == 0 && flat) first_recovery = it;
    const bool due = first_recovery > 0 && (it - first_recovery) % opt.recovery_every == 0;
    if (due || stalled) {
      try_recover(master->center(), opt.recovery_rounds, opt.recovery_draws, opt.time_limit);
    }
    double t4 = log.seconds();
    t_master += (t1 - t0) + (t3 - t2);
    t_oracle += t2 - t1;
    t_recover += t4 - t3;
    log.say(2, "it %d: master %.3fs oracle %.3fs recovery %.3fs (totals %.1f %.1f %.1f)", it, (t1 - t0) + (t3 - t2),
            t2 - t1, t4 - t3, t_master, t_oracle, t_recover);
    gap = relative_gap(best_tc, lower_bound(), P.npv_bau);
    res.history.push_back({opt.master == "subgradient" ? "subgradient" : "bundle", it, lower_bound(), best_tc, gap,
                           log.seconds()});
    if (log.seconds() - last_log >= 1.0 || gap <= opt.gap) {
      last_log = log.seconds();
      log.say(1, "it %4d  bound %s  plan %s  gap %8.4f%%  %s", it, fmt_bn(lower_bound()).c_str(),
              std::isfinite(best_tc) ? fmt_bn(best_tc).c_str() : "none", 100 * gap, master->describe().c_str());
    }
    if (gap <= opt.gap) { status = Status::kOptimalWithinGap; break; }
    // A time limit is a limit: the master stops early enough for the final
    // recovery (as long as the last one took) to end within it.
    // Without a plan yet, the last part of the limit is kept for the repair
    // (on China a plain repair takes 3-15 s).
    const double stop_at = std::isfinite(best_tc) ? opt.time_limit : kNoPlanShare * opt.time_limit;
    if (log.seconds() + recovery_cost + (t4 - t0) >= stop_at || interrupt_requested()) {
      status = Status::kTimeLimit;
      break;
    }
    if (stalled && std::isfinite(best_tc)) { status = Status::kBoundConverged; break; }
  }
  const bool interrupted = interrupt_requested();
  if (interrupted && !std::isfinite(best_tc)) {
    // Asked to stop before any plan: one plain repair from the best prices
    // (a few seconds on China, not the long last chance below).
    log.say(1, "interrupted without a plan: one repair from the best prices");
    try_recover(best_y, opt.recovery_rounds, 0, std::numeric_limits<double>::infinity());
    gap = relative_gap(best_tc, lower_bound(), P.npv_bau);
  } else if (!interrupted && status != Status::kOptimalWithinGap &&
             (!std::isfinite(best_tc) || log.seconds() < opt.time_limit)) {
    // Last chance for a plan: many more repair rounds from the best prices,
    // within the limit (no round starts after it: the master stopped early
    // by what the last recovery took, but this one may take longer).
    if (!std::isfinite(best_tc)) log.say(1, "no plan yet: repair from the best prices in the %.1f s left",
                                         std::max(0.0, opt.time_limit - log.seconds()));
    try_recover(best_y, std::isfinite(best_tc) ? opt.recovery_rounds : 8 * opt.recovery_rounds,
                opt.recovery_draws, opt.time_limit);
    gap = relative_gap(best_tc, lower_bound(), P.npv_bau);
    if (gap <= opt.gap) status = Status::kOptimalWithinGap;
  }
  if (!std::isfinite(best_tc)) {
    // Not a proof of infeasibility (prove_infeasible found none): say so,
    // and keep the limit that ended the search as the reason it stopped.
    res.stop = status == Status::kTimeLimit ? StopReason::kTimeLimit : StopReason::kIterationLimit;
    status = Status::kNoFeasiblePlan;
    res.message = "no feasible plan found within the limits; no row was proven infeasible (try a longer "
                  "--time-limit, or --set violation_penalty=... to see which rows bind)";
  }
  res.status = status;
  res.iterations = std::min(it, opt.max_iterations);
  res.tc_lower_bound = lower_bound();
  res.gap = gap;
  res.prices = L.unpack(P, best_y);
  res.seconds = log.seconds();
  if (std::isfinite(best_tc) && res.eval.feasible) {
    const GapSplit gs = split_gap(P, L, best_y, best_f, res.plan, res.eval);
    log.say(1, "gap at the best prices: %s plants off their best path (%d plants), %s operation; room left in "
               "emission rows %s, floors %s, cells %s",
            fmt_bn(gs.paths).c_str(), gs.plants_off_path, fmt_bn(gs.operation).c_str(),
            fmt_bn(gs.room_emission).c_str(), fmt_bn(gs.room_floor).c_str(), fmt_bn(gs.room_cell).c_str());
    res.stats = {{"gap_paths_usd", gs.paths},           {"gap_plants_off_path", gs.plants_off_path},
                 {"gap_operation_usd", gs.operation},   {"gap_room_emission_usd", gs.room_emission},
                 {"gap_room_floor_usd", gs.room_floor}, {"gap_room_cell_usd", gs.room_cell}};
  }
  settle_status(res, opt.gap);
  log.say(1, "%s: TC %s, bound %s, gap %.4f%%, %d iterations, %.2f s, %d threads", to_string(res.status).c_str(),
          fmt_bn(best_tc).c_str(), fmt_bn(res.tc_lower_bound).c_str(), 100 * gap, res.iterations, res.seconds,
          threads);
  return res;
}

}  // namespace pp
