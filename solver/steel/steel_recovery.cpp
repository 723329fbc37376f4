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

struct LpOut {
  bool ok = false;
  std::vector<double> q, r;       // [j * n + k] of the years solved
  std::vector<Flow> flows;
  std::vector<double> short_by;   // [row] of the rows in this LP
};

// One LP over the decision years `ks` (one year when the years separate,
// all of them under a budget). Each year's cost is weighted by its
// discount sum, so a budget trades emissions between years at their value.
LpOut solve_years(const Problem& P, const std::vector<uint8_t>& state, const std::vector<int>& ks) {
  LpOut out;
  const int n = P.n;
  LpBuilder lp;
  const double inf = LpBuilder::kInf;
  std::vector<int> lp_row(P.rows.size(), -1);
  for (int k : ks) {
    lp_row[size_t(P.row_demand(k))] = lp.add_row(P.in.demand[size_t(k)], inf);
    for (int p = 0; p < P.np; ++p)
      lp_row[size_t(P.row_pool(p, k))] = lp.add_row(-inf, P.in.supply[size_t(p) * n + size_t(k)]);
  }
  for (int e = 0; e < P.n_emission; ++e) {
    const int y = P.emission_year[size_t(e)];
    if (y < 0 || std::find(ks.begin(), ks.end(), y) != ks.end())
      lp_row[size_t(P.n + e)] = lp.add_row(-inf, P.emission_cap[size_t(e)]);
  }
  std::vector<int> qc(size_t(P.nb) * n, -1), rc(size_t(P.nb) * n, -1);
  struct FlowCol { int j, k, p, col; };
  std::vector<FlowCol> fc;
  for (int k : ks) {
    const double dk = P.delta[size_t(k)], ew = P.emission_year_weight(k);
    for (int j = 0; j < P.nb; ++j) {
      const size_t jk = size_t(j) * n + size_t(k);
      const int s = state[jk];
      if (s == kRET) continue;
      const Operation& o = P.oper(k, s);
      const double K = P.K(j);
      const int q = lp.add_col(o.umin * K, o.umax * K, dk * (o.a + o.b));
      const int r = lp.add_col(0, inf, -dk * o.b);
      qc[jk] = q;
      rc[jk] = r;
      const int cap = lp_row[size_t(P.row_emission(j, k))];
      lp.put(lp_row[size_t(P.row_demand(k))], q, 1.0);
      lp.put(cap, q, ew * (o.ea + o.eb));
      lp.put(cap, r, -ew * o.eb);
      const int hi = lp.add_row(-inf, 0.0), lo = lp.add_row(0.0, inf), bal = lp.add_row(0.0, 0.0);
      lp.put(hi, r, 1.0);
      lp.put(hi, q, -o.smax);
      lp.put(lo, r, 1.0);
      lp.put(lo, q, -o.smin);
      lp.put(bal, r, -1.0);
      for (int p = 0; p < P.np; ++p) {
        const double c = P.scrap_cost[size_t(j) * size_t(P.np) + size_t(p)];
        if (!(c < inf) || P.in.supply[size_t(p) * n + size_t(k)] <= 0) continue;
        const int f = lp.add_col(0, inf, dk * c);
        fc.push_back({j, k, p, f});
        lp.put(bal, f, 1.0);
        lp.put(lp_row[size_t(P.row_pool(p, k))], f, 1.0);
      }
    }
  }
  // Elastic slack on every coupling row of this LP.
  std::vector<int> slack(P.rows.size(), -1);
  for (size_t row = 0; row < P.rows.size(); ++row) {
    if (lp_row[row] < 0) continue;
    slack[row] = lp.add_col(0, inf, kSlackCost);
    lp.put(lp_row[row], slack[row], P.rows[row].sense == RowSense::kGe ? 1.0 : -1.0);
  }
  std::vector<double> x;
  if (!lp.minimise(x)) return out;
  out.ok = true;
  out.q.assign(size_t(P.nb) * n, 0.0);
  out.r.assign(size_t(P.nb) * n, 0.0);
  for (int k : ks)
    for (int j = 0; j < P.nb; ++j) {
      const size_t jk = size_t(j) * n + size_t(k);
      if (qc[jk] < 0) continue;
      const Operation& o = P.oper(k, state[jk]);
      const double q = std::clamp(x[size_t(qc[jk])], o.umin * P.K(j), o.umax * P.K(j));
      out.q[jk] = q;
      out.r[jk] = std::clamp(x[size_t(rc[jk])], o.smin * q, o.smax * q);
    }
  // Flows, scaled so that each block's draws add up to its scrap exactly.
  std::vector<double> drawn(size_t(P.nb) * n, 0.0);
  for (const FlowCol& f : fc)
    if (x[size_t(f.col)] > kTinyFlow) drawn[size_t(f.j) * n + size_t(f.k)] += x[size_t(f.col)];
  for (const FlowCol& f : fc) {
    const double v = x[size_t(f.col)];
    if (v <= kTinyFlow) continue;
    const size_t jk = size_t(f.j) * n + size_t(f.k);
    out.flows.push_back({f.j, f.k, f.p, v * out.r[jk] / drawn[jk]});
  }
  for (size_t jk = 0; jk < drawn.size(); ++jk)
    if (drawn[jk] == 0) out.r[jk] = 0;  // no pool served it: the lower share then binds below
  out.short_by.assign(P.rows.size(), 0.0);
  for (size_t row = 0; row < P.rows.size(); ++row)
    if (slack[row] >= 0) out.short_by[row] = std::max(0.0, x[size_t(slack[row])]);
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
  // A budget ties the years into one LP; caps leave one LP per year, in parallel.
  std::vector<std::vector<int>> groups;
  if (P.in.cap_scope == CapScope::kBudget) {
    groups.emplace_back();
    for (int k = 0; k < n; ++k) groups.back().push_back(k);
  } else {
    for (int k = 0; k < n; ++k) groups.push_back({k});
  }
  std::vector<LpOut> outs(groups.size());
  tbb::parallel_for(size_t(0), groups.size(), [&](size_t g) { outs[g] = solve_years(P, state, groups[g]); });
  res.short_by.assign(P.rows.size(), 0.0);
  res.plan.state = state;
  res.plan.q.assign(size_t(P.nb) * n, 0.0);
  res.plan.r.assign(size_t(P.nb) * n, 0.0);
  for (size_t g = 0; g < groups.size(); ++g) {
    const LpOut& o = outs[g];
    if (!o.ok) return res;
    for (int k : groups[g])
      for (int j = 0; j < P.nb; ++j) {
        const size_t jk = size_t(j) * n + size_t(k);
        res.plan.q[jk] = o.q[jk];
        res.plan.r[jk] = o.r[jk];
      }
    res.plan.flows.insert(res.plan.flows.end(), o.flows.begin(), o.flows.end());
    for (size_t row = 0; row < P.rows.size(); ++row) res.short_by[row] = std::max(res.short_by[row], o.short_by[row]);
  }
  // Flows in (year, block, pool) order whatever the grouping.
  std::stable_sort(res.plan.flows.begin(), res.plan.flows.end(),
                   [](const Flow& a, const Flow& b) { return a.k < b.k; });
  res.solved = true;
  return res;
}

}  // namespace pp::steel
