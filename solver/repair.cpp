#include "solver/repair.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pp {

namespace {

struct Paths {
  std::vector<uint8_t> state;   // [j*n+k]
  std::vector<double> E, G;     // [j*n+k] emissions, generation as the DP runs them
  void take(const Problem& P, const DualOracle& o) {
    const size_t nn = size_t(P.np) * P.n;
    state.resize(nn); E.resize(nn); G.resize(nn);
    for (int j = 0; j < P.np; ++j) copy_plant(P, j, o.paths()[j]);
  }
  void copy_plant(const Problem& P, int j, const PlantPath& p) {
    for (int k = 0; k < P.n; ++k) {
      const size_t jk = size_t(j) * P.n + k;
      state[jk] = p.state[k];
      E[jk] = p.emissions[k];
      G[jk] = p.generation[k];
    }
  }
};

}  // namespace

RecoveryOutcome repair_from_prices(const Problem& P, const PriceLayout& L, DualOracle& oracle,
                                   const std::vector<double>& yg, int rounds, const Log& log,
                                   const std::vector<uint8_t>* start, double deadline) {
  const int n = P.n;
  const double* mu = L.n_mu ? yg.data() + L.mu_off() : nullptr;
  Paths S;
  if (start) {
    S.state = *start;
    S.E.assign(start->size(), 0.0);
    S.G.assign(start->size(), 0.0);
  } else {
    oracle.evaluate(yg, nullptr);
    S.take(P, oracle);
  }

  std::vector<double> lam_pk, pi_pk;
  L.expand(P, yg, lam_pk, pi_pk);
  const PriceView guide{lam_pk.data(), pi_pk.data(), mu};
  double lam_top = 0, pi_top = 0;
  for (size_t r = 0; r < L.n_lam; ++r) lam_top = std::max(lam_top, yg[r]);
  for (size_t i = 0; i < L.n_pi; ++i) pi_top = std::max(pi_top, yg[L.pi_off() + i]);
  tbb::enumerable_thread_specific<Scratch> scratch;

  RecoveryOutcome rec;
  // Price level of the raise: one step per round, four when the last round
  // switched nobody (the candidates' paths at that level do not help).
  int level = 0;
  bool same_states = false;  // the last round switched nobody: its LP still holds
  double lp_seconds = 0;      // what the last LP took: a round that would end past the deadline is not started
  for (int round = 0; round <= rounds; ++round) {
    if (!same_states) {
      const double t0 = log.seconds();
      rec = solve_fixed_states(P, S.state, mu, false, deadline - t0);
      lp_seconds = log.seconds() - t0;
    }
    if (!rec.solved || rec.feasible || P.prm.violation_penalty > 0 || round == rounds) break;
    if (log.seconds() + lp_seconds >= deadline) break;

    // Slack of every row under the LP's own operation of the current paths:
    // need > 0 is a shortfall to cover, need < 0 room that switches may use.
    const Plan& plan = rec.plan;
    for (int j = 0; j < P.np; ++j)
      for (int k = 0; k < n; ++k) {
        const size_t jk = size_t(j) * n + k;
        const uint8_t st = plan.state[jk];
        double b = 0;
        for (const Flow& f : plan.flows[jk]) b += f.mwh;
        S.G[jk] = (st == kRetired || st == kNotAlive) ? 0.0 : plan.u[jk] * P.K[j] * P.H[j];
        S.E[jk] = period_emissions(P, j, st, S.G[jk], b);
      }
    std::vector<double> need_row(L.n_lam, 0.0), need_floor(P.floor.size(), 0.0);
    for (size_t r = 0; r < L.n_lam; ++r) {
      const auto& row = P.emission_rows[r];
      double act = 0;
      for (int j = 0; j < P.np; ++j) {
        if (!row.covers(P.province[j])) continue;
        for (int k = 0; k < n; ++k) act += row.weight[k] * S.E[size_t(j) * n + k];
      }
      need_row[r] = rec.row_short[r] > 0 ? 1.1 * rec.row_short[r] + 1e-6 * std::abs(row.rhs) : act - row.rhs;
    }
    for (size_t pk = 0; pk < P.floor.size(); ++pk) {
      if (P.floor[pk] <= 0) continue;
      double act = 0;
      for (int j = 0; j < P.np; ++j)
        if (size_t(P.province[j]) * n + (pk % n) == pk) act += S.G[size_t(j) * n + pk % n];
      need_floor[pk] = rec.floor_short[pk] > 0 ? 1.1 * rec.floor_short[pk] + 1e-6 * P.floor[pk] : P.floor[pk] - act;
    }
    std::vector<double> y = yg;
    const double raise = level < 16 ? 0.05 * (level + 1) : 0.8 * std::pow(1.3, level - 16);
    for (size_t r = 0; r < L.n_lam; ++r)
      if (rec.row_short[r] > 0) y[r] = y[r] * (1 + raise) + raise * std::max(1.0, lam_top);
    for (size_t i = 0; i < L.n_pi; ++i)
      if (rec.floor_short[L.pk_of_pi[i]] > 0)
        y[L.pi_off() + i] = y[L.pi_off() + i] * (1 + raise) + raise * std::max(0.5, pi_top);
    oracle.evaluate(y, nullptr);

    // Effect of switching plant j to its path A on every row it touches.
    auto effects = [&](int j, const PlantPath& A, auto&& on_row, auto&& on_floor) {
      for (size_t r = 0; r < L.n_lam; ++r) {
        const auto& row = P.emission_rows[r];
        if (!row.covers(P.province[j])) continue;
        double d = 0;
        for (int k = 0; k < n; ++k) d += row.weight[k] * (A.emissions[k] - S.E[size_t(j) * n + k]);
        if (d != 0) on_row(r, d);
      }
      for (int k = 0; k < n; ++k) {
        const size_t pk = size_t(P.province[j]) * n + k;
        const double d = S.G[size_t(j) * n + k] - A.generation[k];
        if (P.floor[pk] > 0 && d != 0) on_floor(pk, d);
      }
    };
    std::vector<int> cand;
    for (int j = 0; j < P.np; ++j) {
      const auto& a = oracle.paths()[j].state;
      if (!std::equal(a.begin(), a.end(), S.state.begin() + size_t(j) * n)) cand.push_back(j);
    }
    std::vector<double> cost(cand.size()), benefit(cand.size());
    tbb::parallel_for(size_t(0), cand.size(), [&](size_t c) {
      const int j = cand[c];
      Scratch& s = scratch.local();
      const auto& A = oracle.paths()[j];
      cost[c] = std::max(0.0, path_value(P, j, S.state.data() + size_t(j) * n, guide, s) -
                                   path_value(P, j, A.state.data(), guide, s));
      double b = 0;
      effects(j, A, [&](size_t r, double d) { if (need_row[r] > 0 && d < 0) b += -d / need_row[r]; },
              [&](size_t pk, double d) { if (need_floor[pk] > 0 && d < 0) b += -d / need_floor[pk]; });
      benefit[c] = b;
    });
    std::vector<size_t> order(cand.size());
    std::iota(order.begin(), order.end(), 0);
    auto score = [&](size_t c) { return benefit[c] > 0 ? cost[c] / benefit[c] : INFINITY; };
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return score(a) < score(b); });

    // First pass: switches that relieve a short row and push no row past its
    // room. Second pass, for rows still short: switches that relieve them even
    // if they use up room elsewhere (the next LP round sorts that out).
    int switched = 0;
    std::vector<char> done_c(cand.size(), 0);
    auto all_met = [&] {
      return std::all_of(need_row.begin(), need_row.end(), [](double v) { return v <= 0; }) &&
             std::all_of(need_floor.begin(), need_floor.end(), [](double v) { return v <= 0; });
    };
    for (int pass = 0; pass < 2 && !all_met(); ++pass)
      for (size_t c : order) {
        if (benefit[c] <= 0) break;
        if (done_c[c]) continue;
        const int j = cand[c];
        const auto& A = oracle.paths()[j];
        bool helps = false, hurts = false;
        effects(j, A,
                [&](size_t r, double d) {
                  if (need_row[r] > 0 && d < 0) helps = true;
                  if (d > 0 && need_row[r] + d > 0) hurts = true;
                },
                [&](size_t pk, double d) {
                  if (need_floor[pk] > 0 && d < 0) helps = true;
                  if (d > 0 && need_floor[pk] + d > 0) hurts = true;
                });
        if (!helps || (hurts && pass == 0)) continue;
        effects(j, A, [&](size_t r, double d) { need_row[r] += d; }, [&](size_t pk, double d) { need_floor[pk] += d; });
        S.copy_plant(P, j, A);
        done_c[c] = 1;
        ++switched;
        if (all_met()) break;
      }
    level += switched > 0 ? 1 : 4;
    same_states = switched == 0;
    double cap_short = 0, floor_short = 0;
    for (double v : rec.row_short) cap_short += v;
    for (double v : rec.floor_short) floor_short += v;
    log.say(2, "repair round %d: short %.3f Mt, %.3f TWh; %zu candidates, %d switched", round, cap_short / 1e6,
            floor_short / 1e6, cand.size(), switched);
  }
  if (!rec.feasible && P.prm.violation_penalty <= 0) rec.solved = false;
  return rec;
}

}  // namespace pp
