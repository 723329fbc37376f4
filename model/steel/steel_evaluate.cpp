// The independent scorer of a steel plan: every rule and row checked, the
// cost summed year by year from the parameters (papers/steel-model.md
// sections 3-5), not from the solver's period sums or Operation tables.
#include <cmath>
#include <cstdio>
#include <string>

#include "model/geo.hpp"
#include "model/steel/steel_model.hpp"

namespace pp::steel {

namespace {

bool is_bf(int s) { return s == kBF || s == kCCS; }

struct Coef {
  double conv, iron, e_steel, e_iron, fom, umin, smin, smax;
};

// The model's per-state definitions, written out again on purpose.
Coef coef(const Params& m, int s, double grid) {
  switch (s) {
    case kBF: return {m.conv_bof, m.iron_cost_bf, m.bof_ef, m.hm_ef, m.fom_bf, m.umin_bf, m.bf_scrap_min, m.bf_scrap_max};
    case kCCS:
      return {m.conv_bof, m.iron_cost_bf + m.ccs_cost * m.capture_rate * m.hm_ef, m.bof_ef,
              (1 - m.capture_rate) * m.hm_ef, m.fom_bf + m.fom_ccs, m.umin_bf, m.bf_scrap_min, m.bf_scrap_max};
    case kEAF:
      return {m.conv_eaf + m.elec_price * m.eaf_mwh, m.iron_cost_eaf, m.eaf_ef + grid * m.eaf_mwh, m.pig_ef, m.fom_eaf,
              m.umin_eaf, m.eaf_scrap_min, m.eaf_scrap_max};
    case kDRI:
      return {m.conv_eaf + m.elec_price * m.eaf_mwh, m.iron_cost_dri, m.eaf_ef + grid * m.eaf_mwh, m.dri_ef, m.fom_dri,
              m.umin_dri, m.dri_scrap_min, m.dri_scrap_max};
    default: return {0, 0, 0, 0, 0, 0, 0, 0};
  }
}

std::string num(double v) {
  char b[48];
  std::snprintf(b, sizeof b, "%.9g", v);
  return b;
}

}  // namespace

Evaluation evaluate(const Problem& P, const Plan& plan, double tol) {
  Evaluation ev;
  const Params& m = P.in.prm;
  const int n = P.n;
  const size_t nk = size_t(P.nb) * size_t(n);
  auto fail = [&](const std::string& why) {
    ev.feasible = false;
    ev.violation = why;
    return ev;
  };
  if (plan.state.size() != nk || plan.q.size() != nk || plan.r.size() != nk) return fail("plan has the wrong size");
  ev.emissions.assign(size_t(n), 0.0);
  ev.output.assign(size_t(n), 0.0);
  ev.pool_use.assign(size_t(P.np) * size_t(n), 0.0);
  std::vector<double> drawn(nk, 0.0), haul_cost(nk, 0.0);
  for (const Flow& f : plan.flows) {
    if (f.j < 0 || f.j >= P.nb || f.k < 0 || f.k >= n || f.p < 0 || f.p >= P.np) return fail("flow out of range");
    if (f.mt < 0) return fail("negative scrap flow");
    const Block& b = P.in.blocks[size_t(f.j)];
    if (m.scrap_trade == 0 && f.p != b.province)
      return fail(b.id + " draws scrap from another province with scrap_trade = 0");
    const double km = m.detour * great_circle_km(b.lng, b.lat, P.in.prov_lng[size_t(f.p)], P.in.prov_lat[size_t(f.p)]);
    if (km > m.scrap_max_km && f.p != b.province)
      return fail(b.id + " draws scrap from " + P.in.provinces[size_t(f.p)] + ", beyond scrap_max_km");
    drawn[size_t(f.j) * n + size_t(f.k)] += f.mt;
    haul_cost[size_t(f.j) * n + size_t(f.k)] += f.mt * (m.scrap_price + m.scrap_haul_km * km);
    ev.pool_use[size_t(f.p) * n + size_t(f.k)] += f.mt;
  }
  double tc = 0;
  std::vector<double> emission_use(size_t(P.n_emission), 0.0);
  for (int j = 0; j < P.nb; ++j) {
    const Block& b = P.in.blocks[size_t(j)];
    const double K = b.capacity;
    int prev = b.route == Route::kBFBOF ? kBF : kEAF;
    const std::vector<int> reline = relining_years(m, b, P.years[0], P.horizon_end());
    for (int k = 0; k < n; ++k) {
      const size_t i = size_t(j) * n + size_t(k);
      const int s = plan.state[i];
      const int y0 = P.years[size_t(k)];
      if (s >= kNStates) return fail(b.id + " has an unknown state in " + std::to_string(y0));
      if (!P.tech.can(prev, s))
        return fail(b.id + ": " + P.tech.names[size_t(prev)] + " cannot become " + P.tech.names[size_t(s)] + " in " +
                    std::to_string(y0));
      const double capex = K * P.tech.cost(prev, s) * std::pow(1 + m.discount_rate, -(y0 - m.first_year));
      ev.capex += capex;
      prev = s;
      const double q = plan.q[i], r = plan.r[i];
      if (s == kRET) {
        if (std::abs(q) > tol * K || std::abs(r) > tol * K || drawn[i] > tol * K)
          return fail(b.id + " produces after retirement in " + std::to_string(y0));
        continue;
      }
      const Coef c = coef(m, s, P.in.grid_ef[size_t(k)]);
      const double slack = tol * std::max(1.0, K);
      if (q < c.umin * K - slack || q > m.u_max * K + slack)
        return fail(b.id + " output " + num(q) + " Mt outside [" + num(c.umin * K) + ", " + num(m.u_max * K) + "] in " +
                    std::to_string(y0));
      if (r < c.smin * q - slack || r > c.smax * q + slack)
        return fail(b.id + " scrap " + num(r) + " Mt outside its share of output in " + std::to_string(y0));
      if (std::abs(drawn[i] - r) > slack)
        return fail(b.id + " draws " + num(drawn[i]) + " Mt of scrap but uses " + num(r) + " in " + std::to_string(y0));
      const double fixed = c.fom * K, variable = c.conv * q + c.iron * (q - r), scrap = haul_cost[i];
      double relines = 0;
      for (int y = y0; y < y0 + int(m.year_step); ++y) {
        const double d = std::pow(1 + m.discount_rate, -(y - m.first_year));
        ev.fixed += d * fixed;
        ev.variable += d * variable;
        ev.scrap += d * scrap;
        if (is_bf(s))
          for (int ry : reline)
            if (ry == y) relines += d * m.reline_cost * K;
      }
      ev.reline += relines;
      const double e = c.e_steel * q + c.e_iron * (q - r);
      ev.emissions[size_t(k)] += e;
      emission_use[size_t(P.row_emission(j, k) - n)] += P.emission_year_weight(k) * e;
      ev.output[size_t(k)] += q;
    }
  }
  tc = ev.capex + ev.reline + ev.fixed + ev.variable + ev.scrap;
  ev.tc = tc;
  for (int k = 0; k < n; ++k) {
    const std::string y = std::to_string(P.years[size_t(k)]);
    const double d = P.in.demand[size_t(k)];
    if (ev.output[size_t(k)] < d - tol * std::max(1.0, d))
      return fail("steel demand " + y + " not met: " + num(ev.output[size_t(k)]) + " < " + num(d) + " Mt");
    for (int p = 0; p < P.np; ++p) {
      const double s = P.in.supply[size_t(p) * n + size_t(k)], u = ev.pool_use[size_t(p) * n + size_t(k)];
      if (u > s + tol * std::max(1.0, s))
        return fail("scrap pool " + P.in.provinces[size_t(p)] + " " + y + " overdrawn: " + num(u) + " > " + num(s) + " Mt");
    }
  }
  for (int e = 0; e < P.n_emission; ++e) {
    const double cap = P.emission_cap[size_t(e)];
    if (emission_use[size_t(e)] > cap + tol * std::max(1.0, cap))
      return fail(P.rows[size_t(n + e)].label + " exceeded: " + num(emission_use[size_t(e)]) + " > " + num(cap) + " Mt");
  }
  ev.feasible = true;
  return ev;
}

}  // namespace pp::steel
