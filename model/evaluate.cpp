// The independent evaluator (papers/model.md sections 2-6).
//
// It recomputes everything year by year from the plants' raw data (K, H, e,
// D, installed options, province, start year, location), the cells' records,
// the decision years, the parameters, the emission rows and the floors, and
// the plan. It deliberately does NOT read the solver's precomputed sums
// (Problem::disc, fixed_npv, first_k/last_k, adj_*, u_flex_lo, dk, npv_bau):
// lives, discount factors, distances and utilisation bounds are all derived
// again here, so that a slip in build_problem or in the solver cannot hide.
//
// Conventions fixed here (where papers/model.md leaves a choice):
// - Years before Y0 are sunk. A plant is scored from max(c_j, Y0) to
//   c_j + L - 1. Year y belongs to the period of the largest decision year
//   t_k <= y; if the plant was not alive at that t_k (commissioned after it)
//   or there is none, year y is a "fixed" year: installed options, u = 1, no
//   biomass. Such years count in BAU and in the plan alike.
// - Installed options are the initial state: they cost no capex, they are in
//   BAU (a unit built with CCS pays the CCS running cost and captures in BAU),
//   and every alive decision-year state (other than CR) must contain them.
// - Capex of options adopted at t_k (state at t_k minus the state at the
//   previous alive decision year, or minus the installed set at the first
//   one) is paid once in year t_k, discounted by d(t_k). CR costs nothing.
// - Coupling rows are checked at decision years only, over the plants alive
//   at t_k, with relative tolerance rel_tol: a row is broken when its
//   violation exceeds rel_tol * max(1, |rhs|).
// - Soft mode (prm.violation_penalty > 0): every broken coupling row is still
//   listed in `violations`; its violation amount (t for an emission row, its
//   weighted sum for a budget; MWh for a floor or a cell) times the penalty is
//   charged ONCE per row and decision year, UNDISCOUNTED, into `penalty` and
//   subtracted from npv (so tc includes it). In soft mode broken coupling rows
//   do not make the plan infeasible (that is what soft means); rule breaks of
//   a single plant (monotonicity, u range, flows, ...) always do.
#include "model/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "model/geo.hpp"
#include "model/technology.hpp"

namespace pp {

namespace {

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}
std::string num(double v) { return fmt("%.6g", v); }

struct Year {
  double G = 0, b = 0, haul = 0;  // MWh, MWh, MWh km
  uint8_t state = 0;              // option mask (0..7) or kRetired
};

// Annual cash flow (papers/model.md section 3) of a plant in `state` with
// generation G, biomass b and haulage sum dist * x (MWh km).
double cash_flow(const Params& p, double K, double e, double D, uint8_t state, double G, double b,
                 double haul) {
  if (state == kRetired) return 0.0;
  double cf = p.price * G - p.coal_cost * (G - b) -
              (p.bio_purchase + p.bio_pretreat + p.bio_transport_fixed) * b -
              p.bio_transport_km * haul - 1000.0 * K * (p.om_fix + p.om_var);
  if (state & kBE) cf -= 1000.0 * K * (p.be_om_fix + p.be_om_var);
  if (state & kCCS) cf -= (p.ccs_capture + p.ccs_storage + p.ccs_transport_km * D) * e * G;
  return cf;
}

// Net emissions (papers/model.md section 4), t/yr.
double emissions(const Params& p, double e, uint8_t state, double G, double b) {
  if (state == kRetired) return 0.0;
  double E = e * (G - b);
  if (state & kCCS) E -= p.capture_rate * e * (G - b) + p.bio_credit * b;
  return E;
}

double capex_of(const Params& p, double K, uint8_t added) {
  double c = 0;
  if (added & kFlex) c += p.capex_flex;
  if (added & kBE) c += p.capex_be;
  if (added & kCCS) c += p.capex_ccs;
  return c * 1000.0 * K;
}

}  // namespace

Evaluation evaluate(const Problem& P, const Plan& plan, double rel_tol) {
  Evaluation ev;
  const Params& prm = P.prm;
  const int np = static_cast<int>(P.plants.size());
  const int n = static_cast<int>(P.years.size());
  const int nc = static_cast<int>(P.cells.size());
  const int nprov = static_cast<int>(P.provinces.size());
  const int L = static_cast<int>(prm.lifetime);
  const int Y0 = n > 0 ? P.years[0] : prm.first();
  const double r = prm.discount_rate;
  const double R = prm.collection_radius_km;
  auto d = [&](int y) { return std::pow(1.0 + r, -double(y - Y0)); };
  auto plant_name = [&](int j) { return "plant " + P.plants[j].id; };

  ev.plant_npv.assign(np, 0.0);
  ev.emissions.assign(n, 0.0);
  ev.emissions_pk.assign(size_t(nprov) * n, 0.0);
  ev.generation_pk.assign(size_t(nprov) * n, 0.0);
  ev.tc_pk.assign(size_t(nprov) * n, 0.0);
  ev.cell_use.assign(size_t(n) * nc, 0.0);
  ev.gen.assign(size_t(np) * n, 0.0);
  ev.bio.assign(size_t(np) * n, 0.0);
  ev.emis.assign(size_t(np) * n, 0.0);
  ev.cash_flow.assign(size_t(np) * n, 0.0);
  ev.capex.assign(size_t(np) * n, 0.0);

  auto rule = [&](const std::string& s) {
    ev.violations.push_back(s);
    ev.feasible = false;
  };

  if (plan.np != np || plan.n != n || plan.state.size() != size_t(np) * n ||
      plan.u.size() != size_t(np) * n || plan.flows.size() != size_t(np) * n) {
    rule("plan has the wrong shape: " + std::to_string(plan.np) + " plants x " + std::to_string(plan.n) +
         " decision years (arrays " + std::to_string(plan.state.size()) + "/" + std::to_string(plan.u.size()) +
         "/" + std::to_string(plan.flows.size()) + "), the problem has " + std::to_string(np) + " x " +
         std::to_string(n));
    ev.npv = -INFINITY;
    ev.tc = INFINITY;
    return ev;
  }

  std::vector<Year> per(n);
  std::vector<char> alive(n);
  for (int j = 0; j < np; ++j) {
    const PlantRecord& rec = P.plants[j];
    const double K = P.K[j], H = P.H[j], e = P.e[j], D = P.D[j];
    const uint8_t inst = P.installed[j] & (kFlex | kBE | kCCS);
    const int p = P.province[j];
    const int born = rec.start_year, dies = rec.start_year + L - 1;
    const double lo_flex = H > 0 ? std::min(1.0, prm.h_flex / H) : 1.0;
    const double G_inst = K * H;  // u = 1

    // --- per decision year: read and check the plan ---
    uint8_t prev = inst;  // state at the previous alive decision year (installed at the first)
    bool seen_alive = false;
    for (int k = 0; k < n; ++k) {
      const int t = P.years[k];
      const size_t a = plan.at(j, k);
      const uint8_t s = plan.state[a];
      const double u = plan.u[a];
      const auto& fl = plan.flows[a];
      const std::string where = plant_name(j) + " in " + std::to_string(t);
      alive[k] = (t >= born && t <= dies);
      per[k] = Year{};
      if (!alive[k]) {
        if (s != kNotAlive)
          rule(where + ": state " + std::to_string(int(s)) + " set but the plant is not alive (must be kNotAlive)");
        if (u != 0.0) rule(where + ": u = " + num(u) + " but the plant is not alive");
        for (const auto& f : fl)
          if (f.mwh != 0.0) {
            rule(where + ": biomass flows but the plant is not alive");
            break;
          }
        continue;
      }
      if (s == kNotAlive) {
        rule(where + ": state kNotAlive but the plant is alive (commissioned " + std::to_string(born) + ")");
        // score it as retired so that the rest of the evaluation goes on
        per[k].state = kRetired;
        prev = kRetired;
        seen_alive = true;
        continue;
      }
      if (s > kRetired) {
        rule(where + ": invalid state " + std::to_string(int(s)));
        per[k].state = kRetired;
        prev = kRetired;
        seen_alive = true;
        continue;
      }
      // transitions
      if (prev == kRetired && s != kRetired)
        rule(where + ": state " + state_label(s) + " after compulsory retirement (CR is absorbing)");
      else if (s != kRetired && (prev & s) != prev)
        rule(where + ": state " + state_label(s) + " drops an option of the previous state " +
             (seen_alive ? state_label(prev) : "(installed " + state_label(inst) + ")"));
      if (s != kRetired && (s & inst) != inst)
        rule(where + ": state " + state_label(s) + " lacks installed option(s) " + state_label(inst & ~s));
      // capex of adopted options
      if (s != kRetired) {
        const uint8_t base = prev == kRetired ? inst : prev;
        const uint8_t added = static_cast<uint8_t>(s & ~base & ~inst);
        ev.capex[a] = capex_of(prm, K, added);
      }
      per[k].state = s;
      if (s == kRetired) {
        if (prev != kRetired && !P.may_retire(j)) rule(where + ": compulsory retirement, which this problem does not allow the plant");
        if (u != 0.0) rule(where + ": u = " + num(u) + " after compulsory retirement (must be 0)");
        if (!fl.empty()) {
          bool any = false;
          for (const auto& f : fl) any |= f.mwh != 0.0;
          if (any) rule(where + ": biomass flows after compulsory retirement");
        }
        prev = kRetired;
        seen_alive = true;
        continue;
      }
      // utilisation
      const double lo = (s & kFlex) ? lo_flex : 1.0;
      const double utol = std::max(1e-9, rel_tol);
      if (!(u >= lo - utol && u <= prm.u_max + utol))
        rule(where + ": u = " + num(u) + " outside [" + num(lo) + ", " + num(prm.u_max) + "]" +
             ((s & kFlex) ? "" : " (no Flex)"));
      const double G = K * H * u;
      // flows
      double b = 0, haul = 0;
      for (const auto& f : fl) {
        if (f.cell < 0 || f.cell >= nc) {
          rule(where + ": flow from unknown cell index " + std::to_string(f.cell));
          continue;
        }
        const CellRecord& cell = P.cells[f.cell];
        if (!std::isfinite(f.mwh) || f.mwh < 0) {
          rule(where + ": negative biomass flow " + num(f.mwh) + " MWh from cell " + cell.id);
          continue;
        }
        if (f.mwh == 0) continue;
        if (!(s & kBE)) rule(where + ": biomass flow from cell " + cell.id + " without BE");
        const double dist = great_circle_km(rec.lon, rec.lat, cell.lon, cell.lat);
        if (dist > R * (1 + 1e-12))
          rule(where + ": biomass from cell " + cell.id + " at " + num(dist) + " km, beyond the radius " + num(R) +
               " km");
        b += f.mwh;
        haul += dist * f.mwh;
        ev.cell_use[size_t(k) * nc + f.cell] += f.mwh;
      }
      const double bmax = prm.cofire_share * G;
      if (b > bmax + rel_tol * std::max(1.0, bmax))
        rule(where + ": biomass " + num(b) + " MWh exceeds phi G = " + num(bmax) + " MWh");
      per[k].G = G;
      per[k].b = b;
      per[k].haul = haul;
      prev = s;
      seen_alive = true;
    }

    // --- per decision year: reported annual figures and coupling sums ---
    for (int k = 0; k < n; ++k) {
      if (!alive[k]) continue;
      const size_t a = plan.at(j, k);
      const Year& Yr = per[k];
      const double E = emissions(prm, e, Yr.state, Yr.G, Yr.b);
      ev.gen[a] = Yr.state == kRetired ? 0.0 : Yr.G;
      ev.bio[a] = Yr.state == kRetired ? 0.0 : Yr.b;
      ev.emis[a] = E;
      ev.cash_flow[a] = cash_flow(prm, K, e, D, Yr.state, Yr.G, Yr.b, Yr.haul);
      ev.emissions[k] += E;
      if (p >= 0 && p < nprov) {
        ev.emissions_pk[size_t(p) * n + k] += E;
        ev.generation_pk[size_t(p) * n + k] += ev.gen[a];
      }
    }

    // --- year by year NPV of the plan and of BAU ---
    const double cf_fixed = cash_flow(prm, K, e, D, inst, G_inst, 0.0, 0.0);
    double npv = 0, npv_bau = 0;
    for (int y = std::max(born, Y0); y <= dies; ++y) {
      const double dy = d(y);
      npv_bau += dy * cf_fixed;
      int k = n - 1;
      while (k >= 0 && P.years[k] > y) --k;
      if (k < 0 || !alive[k]) {
        npv += dy * cf_fixed;  // fixed year: installed state, u = 1, no biomass
        continue;
      }
      const Year& Yr = per[k];
      const double cf = dy * cash_flow(prm, K, e, D, Yr.state, Yr.G, Yr.b, Yr.haul);
      npv += cf;
      if (p >= 0 && p < nprov) ev.tc_pk[size_t(p) * n + k] += dy * cf_fixed - cf;
    }
    bool credited = false;
    for (int k = 0; k < n; ++k)
      if (alive[k]) {
        const double capex = d(P.years[k]) * ev.capex[plan.at(j, k)];
        npv -= capex;
        if (p >= 0 && p < nprov) ev.tc_pk[size_t(p) * n + k] += capex;
        if (!credited && !P.retire_value.empty() && per[k].state == kRetired && P.may_retire(j)) {
          const double credit = d(P.years[k]) * P.retire_value[size_t(j)];  // once, at retirement
          npv += credit;
          if (p >= 0 && p < nprov) ev.tc_pk[size_t(p) * n + k] -= credit;
          credited = true;
        }
      }
    ev.plant_npv[j] = npv;
    ev.npv += npv;
    ev.npv_bau += npv_bau;
  }

  // --- coupling rows ---
  const bool soft = prm.violation_penalty > 0;
  auto row_broken = [&](double viol, double rhs) { return viol > rel_tol * std::max(1.0, std::fabs(rhs)); };
  auto coupling = [&](const std::string& s, double amount) {
    ev.violations.push_back(s);
    if (soft)
      ev.penalty += prm.violation_penalty * amount;
    else
      ev.feasible = false;
  };
  for (const auto& row : P.emission_rows) {
    double lhs = 0;
    for (int k = 0; k < n && k < static_cast<int>(row.weight.size()); ++k) {
      if (row.weight[k] == 0) continue;
      double sum = 0;
      if (row.provinces.empty()) {
        sum = ev.emissions[k];
      } else {
        for (int p : row.provinces)
          if (p < nprov) sum += ev.emissions_pk[size_t(p) * n + k];
      }
      lhs += row.weight[k] * sum;
    }
    const double viol = lhs - row.rhs;
    if (row_broken(viol, row.rhs))
      coupling("emission row '" + row.label + "': " + num(lhs) + " t > cap " + num(row.rhs) + " t (excess " +
                   num(viol) + " t)",
               viol);
  }
  for (int p = 0; p < nprov; ++p)
    for (int k = 0; k < n; ++k) {
      const size_t i = size_t(p) * n + k;
      if (i >= P.floor.size()) continue;
      const double fl = P.floor[i];
      if (fl <= 0) continue;
      const double viol = fl - ev.generation_pk[i];
      if (row_broken(viol, fl))
        coupling("electricity floor " + P.provinces[p] + " " + std::to_string(P.years[k]) + ": generation " +
                     num(ev.generation_pk[i]) + " MWh < floor " + num(fl) + " MWh (short " + num(viol) + " MWh)",
                 viol);
    }
  for (int k = 0; k < n; ++k)
    for (int c = 0; c < nc; ++c) {
      const double use = ev.cell_use[size_t(k) * nc + c];
      if (use <= 0) continue;
      const double S = std::max(0.0, P.cells[c].supply_mwh);
      const double viol = use - S;
      if (row_broken(viol, S))
        coupling("biomass cell " + P.cells[c].id + " in " + std::to_string(P.years[k]) + ": " + num(use) +
                     " MWh drawn > supply " + num(S) + " MWh (excess " + num(viol) + " MWh)",
                 viol);
    }

  ev.npv -= ev.penalty;
  ev.tc = ev.npv_bau - ev.npv;
  return ev;
}

}  // namespace pp
