#include "solver/steel/steel_recovery.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>

#include "solver/engine/lp_builder.hpp"

namespace pp::steel {

namespace {

// Price of a t of slack: far above any route's cost per t.
constexpr double kSlackCost = 1e5;
// Flows below this (Mt/yr) are dropped as round-off.
constexpr double kTinyFlow = 1e-10;

struct YearOut {
  bool ok = false;
  std::vector<double> q, r;  // [j]
  std::vector<Flow> flows;
  double short_demand = 0, short_cap = 0;
  std::vector<double> short_pool;  // [p]
};

YearOut solve_year(const Problem& P, const std::vector<uint8_t>& state, int k) {
  YearOut out;
  const int n = P.n;
  LpBuilder lp;
  const double inf = LpBuilder::kInf;
  std::vector<int> qc(size_t(P.nb), -1), rc(size_t(P.nb), -1);
  struct FlowCol { int j, p, col; };
  std::vector<FlowCol> fc;
  const int demand = lp.add_row(P.in.demand[size_t(k)], inf);
  const int cap = lp.add_row(-inf, P.cap[size_t(k)]);
  std::vector<int> pool(size_t(P.np));
  for (int p = 0; p < P.np; ++p) pool[size_t(p)] = lp.add_row(-inf, P.in.supply[size_t(p) * n + size_t(k)]);
  for (int j = 0; j < P.nb; ++j) {
    const int s = state[size_t(j) * n + size_t(k)];
    if (s == kRET) continue;
    const Operation& o = P.oper(k, s);
    const double K = P.K(j);
    const int q = lp.add_col(o.umin * K, o.umax * K, o.a + o.b);
    const int r = lp.add_col(0, inf, -o.b);
    qc[size_t(j)] = q;
    rc[size_t(j)] = r;
    lp.put(demand, q, 1.0);
    lp.put(cap, q, o.ea + o.eb);
    lp.put(cap, r, -o.eb);
    const int hi = lp.add_row(-inf, 0.0), lo = lp.add_row(0.0, inf), bal = lp.add_row(0.0, 0.0);
    lp.put(hi, r, 1.0);
    lp.put(hi, q, -o.smax);
    lp.put(lo, r, 1.0);
    lp.put(lo, q, -o.smin);
    lp.put(bal, r, -1.0);
    for (int p = 0; p < P.np; ++p) {
      const double c = P.scrap_cost[size_t(j) * size_t(P.np) + size_t(p)];
      if (!(c < inf) || P.in.supply[size_t(p) * n + size_t(k)] <= 0) continue;
      const int f = lp.add_col(0, inf, c);
      fc.push_back({j, p, f});
      lp.put(bal, f, 1.0);
      lp.put(pool[size_t(p)], f, 1.0);
    }
  }
  const int sd = lp.add_col(0, inf, kSlackCost), se = lp.add_col(0, inf, kSlackCost);
  lp.put(demand, sd, 1.0);
  lp.put(cap, se, -1.0);
  std::vector<int> sp(size_t(P.np));
  for (int p = 0; p < P.np; ++p) {
    sp[size_t(p)] = lp.add_col(0, inf, kSlackCost);
    lp.put(pool[size_t(p)], sp[size_t(p)], -1.0);
  }
  std::vector<double> x;
  if (!lp.minimise(x)) return out;
  out.ok = true;
  out.q.assign(size_t(P.nb), 0.0);
  out.r.assign(size_t(P.nb), 0.0);
  for (int j = 0; j < P.nb; ++j) {
    if (qc[size_t(j)] < 0) continue;
    const int s = state[size_t(j) * n + size_t(k)];
    const Operation& o = P.oper(k, s);
    const double q = std::clamp(x[size_t(qc[size_t(j)])], o.umin * P.K(j), o.umax * P.K(j));
    out.q[size_t(j)] = q;
    out.r[size_t(j)] = std::clamp(x[size_t(rc[size_t(j)])], o.smin * q, o.smax * q);
  }
  // Flows, scaled so that each block's draws add up to its scrap exactly.
  std::vector<double> drawn(size_t(P.nb), 0.0);
  for (const FlowCol& f : fc)
    if (x[size_t(f.col)] > kTinyFlow) drawn[size_t(f.j)] += x[size_t(f.col)];
  for (const FlowCol& f : fc) {
    const double v = x[size_t(f.col)];
    if (v <= kTinyFlow) continue;
    out.flows.push_back({f.j, k, f.p, v * out.r[size_t(f.j)] / drawn[size_t(f.j)]});
  }
  for (int j = 0; j < P.nb; ++j)
    if (drawn[size_t(j)] == 0) out.r[size_t(j)] = 0;  // no pool served it: the lower share then binds below
  out.short_demand = std::max(0.0, x[size_t(sd)]);
  out.short_cap = std::max(0.0, x[size_t(se)]);
  out.short_pool.resize(size_t(P.np));
  for (int p = 0; p < P.np; ++p) out.short_pool[size_t(p)] = std::max(0.0, x[size_t(sp[size_t(p)])]);
  return out;
}

}  // namespace

bool FixedStateResult::meets_rows() const {
  if (!solved) return false;
  for (double s : short_by)
    if (s > 1e-7) return false;
  return true;
}

FixedStateResult solve_fixed_states(const Problem& P, const std::vector<uint8_t>& state) {
  FixedStateResult res;
  const int n = P.n;
  std::vector<YearOut> years(static_cast<size_t>(n));
  tbb::parallel_for(0, n, [&](int k) { years[size_t(k)] = solve_year(P, state, k); });
  res.short_by.assign(P.rows.size(), 0.0);
  res.plan.state = state;
  res.plan.q.assign(size_t(P.nb) * n, 0.0);
  res.plan.r.assign(size_t(P.nb) * n, 0.0);
  for (int k = 0; k < n; ++k) {
    const YearOut& y = years[size_t(k)];
    if (!y.ok) return res;
    for (int j = 0; j < P.nb; ++j) {
      res.plan.q[size_t(j) * n + size_t(k)] = y.q[size_t(j)];
      res.plan.r[size_t(j) * n + size_t(k)] = y.r[size_t(j)];
    }
    res.plan.flows.insert(res.plan.flows.end(), y.flows.begin(), y.flows.end());
    res.short_by[size_t(P.row_demand(k))] = y.short_demand;
    res.short_by[size_t(P.row_emission(k))] = y.short_cap;
    for (int p = 0; p < P.np; ++p) res.short_by[size_t(P.row_pool(p, k))] = y.short_pool[size_t(p)];
  }
  res.solved = true;
  return res;
}

}  // namespace pp::steel
