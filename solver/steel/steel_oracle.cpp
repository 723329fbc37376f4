#include "solver/steel/steel_oracle.hpp"

#include <limits>

namespace pp::steel {

PeriodChoice best_operation(const Problem& P, int j, int k, int s, const std::vector<double>& y) {
  PeriodChoice c;
  if (s == kRET) return c;
  const Operation& o = P.oper(k, s);
  const double K = P.K(j);
  // The emission row's price per t of this year's annual emissions.
  const double pi = y[size_t(P.row_demand(k))],
               lam = y[size_t(P.row_emission(j, k))] * P.emission_row_weight(k) / P.delta[size_t(k)];
  // Cheapest delivered scrap including its pool's price (ties: lowest pool).
  double g = std::numeric_limits<double>::infinity();
  const double* cost = &P.scrap_cost[size_t(j) * size_t(P.np)];
  for (int p = 0; p < P.np; ++p) {
    const double v = cost[p] + y[size_t(P.row_pool(p, k))];
    if (v < g) {
      g = v;
      c.pool = p;
    }
  }
  // Margin of a t of scrap replacing a t of iron units, then of a t of steel.
  const double m_scrap = c.pool >= 0 ? o.b + lam * o.eb - g : -std::numeric_limits<double>::infinity();
  const double share = m_scrap > 0 ? o.smax : o.smin;
  if (c.pool < 0 && share > 0) {  // no pool can serve a route that needs scrap
    c.value = -std::numeric_limits<double>::infinity();
    return c;
  }
  const double m_steel = pi - o.a - o.b - lam * (o.ea + o.eb) + (share > 0 ? share * m_scrap : 0.0);
  c.q = (m_steel > 0 ? o.umax : o.umin) * K;
  c.r = share * c.q;
  if (c.r == 0) c.pool = -1;
  c.value = c.q * m_steel - o.fom * K;
  return c;
}

SteelOracle::SteelOracle(const Problem& P) : P_(P), paths_(size_t(P.nb)) {
  for (auto& p : paths_) {
    p.state.assign(size_t(P.n), kRET);
    p.q.assign(size_t(P.n), 0.0);
    p.r.assign(size_t(P.n), 0.0);
    p.pool.assign(size_t(P.n), -1);
  }
}

double SteelOracle::price_plant(int j, const std::vector<double>& y, std::vector<RowActivity>& activity) {
  constexpr int S = kNStates;
  const int n = P_.n;
  const double K = P_.K(j);
  const double ninf = -std::numeric_limits<double>::infinity();
  // Small fixed arrays per state; the years are a loop (no limit on n).
  double best[S], next[S];
  PeriodChoice choice[S];
  thread_local std::vector<int8_t> from;  // [k * S + s] predecessor state
  thread_local std::vector<PeriodChoice> ops;
  from.assign(size_t(n) * S, -1);
  ops.resize(size_t(n) * S);
  const int init = P_.initial[size_t(j)];
  for (int s = 0; s < S; ++s) best[s] = ninf;
  for (int k = 0; k < n; ++k) {
    const double dk = P_.delta[size_t(k)], capex_d = P_.disc_at[size_t(k)] * K;
    const uint8_t mask = allowed_ ? (*allowed_)[size_t(j) * n + size_t(k)] : uint8_t(0xff);
    for (int s = 0; s < S; ++s) {
      next[s] = ninf;
      if (!(mask & (1u << s))) continue;
      choice[s] = best_operation(P_, j, k, s, y);
      if (choice[s].value == ninf) continue;
      double v = dk * choice[s].value;
      if (s == kBF || s == kCCS) v -= P_.reline_pv[size_t(j) * n + size_t(k)] * P_.in.prm.reline_cost * K;
      // Predecessor: the initial state before the first year.
      for (int t = 0; t < S; ++t) {
        const double prev = k == 0 ? (t == init ? 0.0 : ninf) : best[t];
        if (prev == ninf || !P_.tech.can(t, s)) continue;
        const double cand = prev - capex_d * P_.tech.cost(t, s) + v;
        if (cand > next[s]) {
          next[s] = cand;
          from[size_t(k) * S + size_t(s)] = int8_t(t);
        }
      }
      ops[size_t(k) * S + size_t(s)] = choice[s];
    }
    for (int s = 0; s < S; ++s) best[s] = next[s];
  }
  int s = 0;
  for (int t = 1; t < S; ++t)
    if (best[t] > best[s]) s = t;
  const double value = best[s];
  BlockPath& path = paths_[size_t(j)];
  activity.clear();
  if (value == ninf) return value;
  for (int k = n - 1; k >= 0; --k) {
    const PeriodChoice& c = ops[size_t(k) * S + size_t(s)];
    path.state[size_t(k)] = uint8_t(s);
    path.q[size_t(k)] = c.q;
    path.r[size_t(k)] = c.r;
    path.pool[size_t(k)] = c.pool;
    const double dk = P_.delta[size_t(k)];
    if (s != kRET) {
      const Operation& o = P_.oper(k, s);
      activity.push_back({P_.row_demand(k), dk * c.q});
      activity.push_back({P_.row_emission(j, k), P_.emission_row_weight(k) * (o.ea * c.q + o.eb * (c.q - c.r))});
      if (c.pool >= 0 && c.r > 0) activity.push_back({P_.row_pool(c.pool, k), dk * c.r});
    }
    s = from[size_t(k) * S + size_t(s)];
  }
  return value;
}

}  // namespace pp::steel
