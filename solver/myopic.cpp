// Myopic mode (papers/model.md section 7): see solver/myopic.hpp for the method and
// every interpretation choice.
#include "solver/myopic.hpp"

#include <tbb/info.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "model/evaluate.hpp"
#include "model/technology.hpp"
#include "solver/log.hpp"

namespace pp {

double plato_retire_value(const Problem& P, int j, int t, uint8_t inst, double rem) {
  const Params& prm = P.prm;
  const double K = P.K[j], G = K * P.H[j];
  const double om = 1000.0 * K * (prm.om() + ((inst & kBE) ? prm.be_om() : 0.0));
  if (!(inst & kFlex)) return -HUGE_VAL;  // not allowed (the step's fall-back may lift this)
  // PLATO's cost table: row i (plant age i) holds O&M and fuel at u = 1,
  // discounted by 1/(1+r)^(i+1) from the commissioning year; retiring at age
  // a credits rows a .. L-1. O&M is sunk in PLATO's step (a constant), while
  // here staying pays it over the `rem` step years: credit the difference.
  const int age = t - P.plants[j].start_year;
  const double q = 1.0 / (1.0 + prm.discount_rate);
  double table = 0;
  for (int i = std::max(age, 0); i < static_cast<int>(prm.lifetime); ++i) table += std::pow(q, double(i + 1));
  return table * (om + prm.coal_cost * G) - rem * om;
}

bool build_myopic_step(const Problem& P, int k, const std::vector<uint8_t>& current, MyopicStep& out,
                       std::string& error, int only_province, const std::vector<double>* supply_left) {
  const int n = P.n;
  const int t = P.years[k];
  const Params& prm = P.prm;
  for (const auto& row : P.emission_rows) {
    int years = 0;
    for (double w : row.weight) years += w != 0;
    if (years > 1) {
      error = "myopic mode is ill-defined with the emission row '" + row.label +
              "', which couples several decision years (a cumulative budget): use --mode foresight";
      return false;
    }
  }

  out = MyopicStep{};
  out.k = k;
  Problem& S = out.P;
  S.prm = prm;
  S.prm.first_year = t;  // Y0 of the step: money in present value of t_k
  S.prm.last_year = t;
  if (prm.violation_penalty > 0) S.prm.violation_penalty = prm.violation_penalty / P.dk[k];
  // PLATO's step (step_valuation = 1) counts every remaining year fully: the
  // step's own discount rate is 0, so that its evaluator agrees with its disc.
  if (prm.step_valuation != 0) S.prm.discount_rate = 0;
  S.years = {t};
  S.n = 1;
  S.provinces = P.provinces;
  S.cells = P.cells;
  if (supply_left)
    for (size_t c = 0; c < S.cells.size(); ++c) S.cells[c].supply_mwh = std::max(0.0, (*supply_left)[c]);
  S.pathway = P.pathway;
  const size_t npv = P.provinces.size();
  S.dk = {1.0};
  S.bau_emissions.assign(1, 0.0);
  S.bau_emissions_pk.assign(npv, 0.0);
  S.bau_generation_pk.assign(npv, 0.0);
  S.adj_start.push_back(0);

  const int L = static_cast<int>(prm.lifetime);
  const double q = 1.0 / (1.0 + S.prm.discount_rate);
  for (int j = 0; j < P.np; ++j) {
    if (!P.alive_at(j, k) || current[j] == kRetired) continue;
    if (only_province >= 0 && P.province[j] != only_province) continue;
    const uint8_t inst = current[j];
    out.plant.push_back(j);
    S.plants.push_back(P.plants[j]);
    S.plants.back().installed = inst;
    S.province.push_back(P.province[j]);
    S.K.push_back(P.K[j]);
    S.H.push_back(P.H[j]);
    S.e.push_back(P.e[j]);
    S.D.push_back(P.D[j]);
    S.installed.push_back(inst);
    S.first_k.push_back(0);
    S.last_k.push_back(0);
    // PLATO: the h_flex floor binds only in the step that adopts Flex.
    S.u_flex_lo.push_back(prm.flex_floor_scope != 0 && (inst & kFlex) ? 0.0 : P.u_flex_lo[j]);
    S.fixed_npv.push_back(0.0);
    // Remaining-life discount sum from t_k, in the evaluator's year-by-year
    // form (d(y) = (1 + r)^-(y - t_k), y = t_k .. c_j + L - 1).
    const int dies = P.plants[j].start_year + L - 1;
    double rem = 0;
    for (int y = t; y <= dies; ++y) rem += std::pow(q, double(y - t));
    S.disc.push_back(rem);
    if (prm.retire_rule != 0) S.retire_value.push_back(plato_retire_value(P, j, t, inst, rem));
    // Step baseline: keep the current state, u = 1, no biomass.
    const double G = P.K[j] * P.H[j];
    double cf = (prm.price - prm.coal_cost) * G - 1000.0 * P.K[j] * prm.om();
    if (inst & kBE) cf -= 1000.0 * P.K[j] * prm.be_om();
    if (inst & kCCS) cf -= (prm.ccs_capture + prm.ccs_storage + prm.ccs_transport_km * P.D[j]) * P.e[j] * G;
    S.plant_npv_bau.push_back(rem * cf);
    S.npv_bau += rem * cf;
    const double E = P.e[j] * G * ((inst & kCCS) ? 1.0 - prm.capture_rate : 1.0);
    S.bau_emissions[0] += E;
    S.bau_emissions_pk[P.province[j]] += E;
    S.bau_generation_pk[P.province[j]] += G;
    for (uint32_t a = P.adj_start[j]; a < P.adj_start[j + 1]; ++a) {
      S.adj_cell.push_back(P.adj_cell[a]);
      S.adj_dist.push_back(P.adj_dist[a]);
    }
    S.adj_start.push_back(static_cast<uint32_t>(S.adj_cell.size()));
  }
  S.np = static_cast<int>(out.plant.size());

  // Cells drawn on by several step plants carry a priced row.
  std::vector<int> users(S.cells.size(), 0);
  for (int32_t c : S.adj_cell) ++users[c];
  S.cell_row.assign(S.cells.size(), -1);
  for (size_t c = 0; c < S.cells.size(); ++c)
    if (users[c] >= 2) S.cell_row[c] = S.n_cell_rows++;

  // The rows of year k.
  for (size_t r = 0; r < P.emission_rows.size(); ++r) {
    const auto& row = P.emission_rows[r];
    if (row.weight[k] == 0) continue;
    if (only_province >= 0) {
      if (row.provinces.size() != 1) {
        error = "province_sequence = 1 solves a step province by province, but the emission row '" + row.label +
                "' is not one province's cap: use --cap-scope provincial";
        return false;
      }
      if (row.provinces[0] != only_province) continue;
    }
    EmissionRow s = row;
    s.weight = {row.weight[k]};
    S.emission_rows.push_back(std::move(s));
    out.row.push_back(static_cast<int>(r));
  }
  S.floor.assign(npv, 0.0);
  for (size_t p = 0; p < npv; ++p)
    if (only_province < 0 || int(p) == only_province) S.floor[p] = P.floor[p * n + k];
  return true;
}

SolveResult solve_myopic_with(const Problem& P, const SolverOptions& opt, const StepSolver& step) {
  Log log(opt.verbosity);
  const int n = P.n;
  SolveResult res;
  res.threads = opt.threads > 0 ? opt.threads : tbb::info::default_concurrency();
  // No bound on the pathway's optimum is computed in myopic mode, so it has
  // no gap either; how well each step was solved is worst_step_gap.
  res.tc_lower_bound = std::numeric_limits<double>::quiet_NaN();
  res.gap = std::numeric_limits<double>::quiet_NaN();
  res.worst_step_gap = 0;
  res.prices.lam.assign(P.emission_rows.size(), 0.0);
  res.prices.pi.assign(P.floor.size(), 0.0);
  res.prices.mu.assign(size_t(n) * P.n_cell_rows, 0.0);
  log.say(1, "myopic: %d plants, %d decision years, %zu emission rows, %d shared cells", P.np, n,
          P.emission_rows.size(), P.n_cell_rows);

  Plan plan;
  plan.resize(P.np, n);
  std::vector<uint8_t> current(P.installed.begin(), P.installed.end());
  Status status = Status::kOptimalWithinGap;
  MyopicStep st;
  std::string dead_ends;  // floors lowered because earlier steps retired the plants they need
  long forced_retirements = 0;  // retire_rule = 1: retired without prior Flex (by the fall-back)
  std::string fallback_steps;   // the decision years whose step needed it
  const bool sequential = P.prm.province_sequence != 0;
  const size_t npv = P.provinces.size();
  std::vector<double> supply_left(P.cells.size());
  std::vector<int> plants_of;  // province -> plants to decide in the step
  for (int k = 0; k < n; ++k) {
    const int year = P.years[k];
    // Plants retired by an earlier step stay retired while alive.
    for (int j = 0; j < P.np; ++j)
      if (P.alive_at(j, k) && current[j] == kRetired) plan.state[plan.at(j, k)] = kRetired;

    // The step's parts: the whole step (-1), or PLATO's province loop: every
    // province with plants or a floor at t_k, in descending order of its cap
    // (provinces without a cap row last, ties in province order), with the
    // biomass supply full again at each step.
    std::vector<int> parts{-1};
    if (sequential) {
      plants_of.assign(npv, 0);
      for (int j = 0; j < P.np; ++j)
        if (P.alive_at(j, k) && current[j] != kRetired) ++plants_of[P.province[j]];
      std::vector<double> cap(npv, -HUGE_VAL);
      for (const auto& row : P.emission_rows)
        if (row.weight[k] != 0 && row.provinces.size() == 1) cap[row.provinces[0]] = row.rhs;
      parts.clear();
      for (size_t p = 0; p < npv; ++p)
        if (plants_of[p] > 0 || P.floor[p * n + k] > 0) parts.push_back(int(p));
      std::stable_sort(parts.begin(), parts.end(), [&](int a, int b) { return cap[a] > cap[b]; });
      for (size_t c = 0; c < P.cells.size(); ++c) supply_left[c] = P.cells[c].supply_mwh;
    }
    const double step_start = log.seconds();
    const double step_end = step_start + (opt.time_limit - step_start) / double(n - k);
    double step_tc = 0, step_lb = 0, step_gap = 0;
    int step_plants = 0, retired = 0, adopted = 0, forced = 0;

    for (size_t part = 0; part < parts.size(); ++part) {
      const int only = parts[part];
      const std::string where = only < 0 ? std::to_string(year) : std::to_string(year) + " " + P.provinces[only];
      // A province's share of the step's time is its share of the plants
      // still to solve (as for independent groups, solver/components.hpp).
      double parts_left = 1;
      if (sequential) {
        double mine = 0, rest = 0;
        for (size_t q = part; q < parts.size(); ++q) (q == part ? mine : rest) += double(plants_of[parts[q]]) + 1.0;
        parts_left = (mine + rest) / mine;
      }
      std::string error;
      if (!build_myopic_step(P, k, current, st, error, only, sequential ? &supply_left : nullptr)) {
        res.status = Status::kError;
        res.message = error;
        res.seconds = log.seconds();
        log.say(1, "error: %s", error.c_str());
        return res;
      }
      // Dead end: a floor of t_k above what the plants still running can
      // generate (earlier steps retired them; a step cannot see later floors).
      // The step gets that floor lowered to the most they can generate, the
      // path goes on, and the final evaluation reports the shortfall (charged
      // as a penalty in soft mode; status kNoFeasiblePlan otherwise).
      {
        std::vector<double> most(st.P.floor.size(), 0.0);
        for (int i = 0; i < st.P.np; ++i)
          most[st.P.province[i]] += st.P.K[i] * st.P.H[i] * st.P.prm.u_max;
        for (size_t p = 0; p < most.size(); ++p)
          if (st.P.floor[p] > most[p]) {
            char b[256];
            std::snprintf(b, sizeof b, "%s%s %d (%.6g MWh > %.6g MWh at full output)", dead_ends.empty() ? "" : "; ",
                          P.provinces[p].c_str(), year, st.P.floor[p], most[p]);
            dead_ends += b;
            st.P.floor[p] = most[p];
          }
      }
      const Problem& S = st.P;
      SolverOptions so = opt;
      so.mode = "foresight";
      so.verbosity = opt.verbosity >= 2 ? opt.verbosity - 1 : 0;
      so.time_limit = std::max(1e-3, (step_end - log.seconds()) / parts_left);
      const double share = so.time_limit;
      const double t0 = log.seconds();
      SolveResult sr;
      auto planned = [&] { return sr.plan.np == S.np && sr.plan.n == 1 && (S.np == 0 || !sr.eval.plant_npv.empty()); };
      // More time for a step that ran out of its share without a plan (it
      // would end the run with none): the time left, less half of what the
      // later steps' (and provinces') shares would be.
      // In the province loop at most 8 times the province's share (at least
      // 20 s): one hard province must not take half the run from the
      // hundred-odd province steps after it.
      auto longer = [&] {
        const double left = opt.time_limit - log.seconds();
        const double t = left - 0.5 * left * (1.0 - 1.0 / (double(n - k) * parts_left));
        return sequential ? std::min(t, std::max(8.0 * share, 20.0)) : t;
      };
      auto may_retry = [&] {
        return !planned() && sr.status != Status::kInfeasible && sr.status != Status::kError &&
               (k + 1 < n || parts_left > 1) && opt.time_limit - log.seconds() > 1.0;
      };
      // PLATO's fall-back when a province step has no solution: plants it
      // would not let retire are retired after all (its brute_force_model
      // retires the plants without BE or CCS). Here: the step again with
      // every plant free to retire at PLATO's credit; the ones that do are
      // counted and reported. Once per step (nothing is left to lift after).
      auto fall_back = [&](double seconds) {
        if (planned() || P.prm.retire_rule == 0) return;
        int lifted = 0;
        for (int i = 0; i < st.P.np; ++i)
          if (!st.P.may_retire(i)) {
            st.P.retire_value[i] =
                plato_retire_value(P, st.plant[i], year, uint8_t(st.P.installed[i] | kFlex), st.P.disc[i]);
            ++lifted;
          }
        if (lifted == 0) return;
        log.say(1, "step %s: no feasible plan under PLATO's retirement rule (%s); PLATO's fall-back: %d plants "
                "without Flex may retire too", where.c_str(),
                sr.status == Status::kInfeasible ? "proven" : "none found, none proven", lifted);
        so.time_limit = std::max(1e-3, seconds);
        sr = step(S, so);
        fallback_steps += where + ", ";
      };
      if (S.np == 0) {
        // Nothing to decide (floors were lowered to 0 above).
        sr.status = Status::kOptimalWithinGap;
        sr.gap = 0;
        sr.plan.resize(0, 1);
      } else {
        sr = step(S, so);
        // Proven without a solution (PLATO's case): the fall-back at once.
        if (sr.status == Status::kInfeasible) fall_back((step_end - log.seconds()) / parts_left);
        if (may_retry()) {
          so.time_limit = longer();
          log.say(1, "step %s: no plan in its share of the time; once more with %.1f s of the %.1f s left",
                  where.c_str(), so.time_limit, opt.time_limit - log.seconds());
          sr = step(S, so);
        }
        // Still none, and none proven: the fall-back as the last resort.
        fall_back(longer());
      }
      if (!planned()) {
        // Why the run stopped: the step's own reason (its time share, its
        // limits), not an iteration limit the run never had.
        res.stop = sr.stop == StopReason::kTimeLimit ? StopReason::kTimeLimit : StopReason::kIterationLimit;
        res.status = sr.status == Status::kInfeasible ? Status::kInfeasible : Status::kNoFeasiblePlan;
        res.message = "myopic step " + where + ": " + (sr.message.empty() ? to_string(sr.status) : sr.message);
        if (k > 0) res.message += " (given the states fixed at the earlier decision years)";
        if (part > 0) res.message += " (and the biomass the provinces before it used)";
        res.iterations += sr.iterations;
        res.seconds = log.seconds();
        log.say(1, "%s: %s", to_string(res.status).c_str(), res.message.c_str());
        return res;
      }
      // Fix the part's choice; later provinces see the biomass it drew.
      for (int i = 0; i < S.np; ++i) {
        const int j = st.plant[i];
        const size_t a = plan.at(j, k);
        plan.state[a] = sr.plan.state[i];
        plan.u[a] = sr.plan.u[i];
        plan.flows[a] = sr.plan.flows[i];
        current[j] = sr.plan.state[i];
        if (sequential)
          for (const Flow& f : sr.plan.flows[i]) {
            double& rest = supply_left[f.cell];
            rest -= f.mwh;
            if (rest < 1e-9 * P.cells[f.cell].supply_mwh) rest = 0;  // used up: no rounding residue
          }
      }
      const double dk = P.dk[k];
      for (size_t r = 0; r < st.row.size() && r < sr.prices.lam.size(); ++r)
        res.prices.lam[st.row[r]] = dk * sr.prices.lam[r];
      for (size_t p = 0; p < npv && p < sr.prices.pi.size(); ++p)
        if (only < 0 || int(p) == only) res.prices.pi[p * n + k] = dk * sr.prices.pi[p];
      if (sr.prices.mu.size() == size_t(S.n_cell_rows))
        for (size_t c = 0; c < P.cells.size(); ++c)
          if (P.cell_row[c] >= 0 && S.cell_row[c] >= 0) {
            double& mu = res.prices.mu[size_t(k) * P.n_cell_rows + P.cell_row[c]];
            if (mu == 0) mu = dk * sr.prices.mu[S.cell_row[c]];  // the first province that priced it
          }

      const double part_gap = S.np == 0 ? 0.0 : sr.gap;
      step_gap = std::max(step_gap, std::isfinite(part_gap) ? part_gap : 1.0);
      res.iterations += sr.iterations;
      if (sr.status == Status::kTimeLimit) status = Status::kTimeLimit;
      else if (sr.status != Status::kOptimalWithinGap && status == Status::kOptimalWithinGap) status = sr.status;
      const double part_tc = S.np == 0 ? 0.0 : dk * sr.eval.tc;
      const double part_lb = S.np == 0 ? 0.0 : dk * sr.tc_lower_bound;
      step_tc += part_tc;
      step_lb += part_lb;
      step_plants += S.np;
      int part_retired = 0, part_adopted = 0, part_forced = 0;
      for (int i = 0; i < S.np; ++i) {
        part_retired += sr.plan.state[i] == kRetired;
        part_adopted += sr.plan.state[i] != kRetired && sr.plan.state[i] != S.installed[i];
        // Retired without Flex: only PLATO's fall-back allows that.
        part_forced += sr.plan.state[i] == kRetired && P.prm.retire_rule != 0 && !(S.installed[i] & kFlex);
      }
      retired += part_retired;
      adopted += part_adopted;
      forced += part_forced;
      if (part_forced > 0) log.say(1, "step %s: %d plants without Flex retired by PLATO's fall-back", where.c_str(), part_forced);
      if (sequential)
        log.say(1, "step %s: %d plants, TC %.3f bn (bound %.3f), gap %.4f%%, %s; %d retire, %d adopt; %.2f s",
                where.c_str(), S.np, part_tc / 1e9, part_lb / 1e9, 100 * part_gap, to_string(sr.status).c_str(),
                part_retired, part_adopted, log.seconds() - t0);
    }
    forced_retirements += forced;
    res.worst_step_gap = std::max(res.worst_step_gap, step_gap);
    res.history.push_back({"myopic step", year, step_lb, step_tc, step_gap, log.seconds()});
    log.say(1, "step %d: %d plants%s, step TC %.3f bn (bound %.3f), gap %.4f%%; %d retire, %d adopt; %.2f s", year,
            step_plants, sequential ? (" in " + std::to_string(parts.size()) + " provinces").c_str() : "",
            step_tc / 1e9, step_lb / 1e9, 100 * step_gap, retired, adopted, log.seconds() - step_start);
  }

  res.plan = std::move(plan);
  res.eval = evaluate(P, res.plan);
  res.status = status == Status::kOptimalWithinGap ? Status::kStepsWithinGap : status;
  // Kept when a dead end below turns the status into "no feasible plan".
  res.stop = status == Status::kTimeLimit        ? StopReason::kTimeLimit
             : status == Status::kOptimalWithinGap ? StopReason::kGapReached
                                                   : StopReason::kIterationLimit;
  if (!dead_ends.empty()) {
    res.message = "myopic dead end: the plants retired by earlier myopic steps leave these floors unmeetable: " +
                  dead_ends + "; the path was completed with them lowered to the full output left" +
                  (res.eval.feasible ? std::string(" (penalised: soft mode)") : "; see the violations");
    if (!res.eval.feasible) res.status = Status::kNoFeasiblePlan;
    log.say(1, "%s", res.message.c_str());
  } else if (!res.eval.feasible) {
    // Each step met its own rows, so this is a bug, not an outcome.
    res.status = Status::kError;
    res.message = "the myopic path breaks a rule or row: " +
                  (res.eval.violations.empty() ? std::string("?") : res.eval.violations.front());
  } else if (status != Status::kOptimalWithinGap) {
    res.message = "a myopic step stopped on its " + to_string(status) + " before reaching the gap";
  }
  if (forced_retirements > 0) {
    if (fallback_steps.size() >= 2) fallback_steps.resize(fallback_steps.size() - 2);  // the last ", "
    const std::string m = "PLATO's fall-back (retire_rule = 1) in the steps of " + fallback_steps + " retired " +
                          std::to_string(forced_retirements) + " plants without Flex";
    res.message = res.message.empty() ? m : res.message + "; " + m;
  }
  res.seconds = log.seconds();
  log.say(1, "myopic %s: TC %.3f bn (realised path, papers/model.md section 6), worst step gap %.4f%%, %d iterations, %.2f s",
          to_string(res.status).c_str(), res.eval.tc / 1e9, 100 * res.worst_step_gap, res.iterations, res.seconds);
  return res;
}

SolveResult solve_myopic(const Problem& P, const SolverOptions& opt) {
  return solve_myopic_with(P, opt, [](const Problem& S, const SolverOptions& o) { return solve(S, o); });
}

}  // namespace pp
