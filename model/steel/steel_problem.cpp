#include <cmath>
#include <stdexcept>

#include "model/geo.hpp"
#include "model/steel/steel_model.hpp"

namespace pp::steel {

namespace {

double disc(const Params& prm, int y) {
  return std::pow(1.0 + prm.discount_rate, -(y - prm.first_year));
}

TechnologyCatalogue steel_catalogue(const Params& prm) {
  TechnologyCatalogue t;
  t.resize(kNStates);
  t.names = {"BF-BOF", "BF-BOF+CCS", "scrap-EAF", "H2-DRI-EAF", "retired"};
  t.retired = kRET;
  // Staying costs nothing; adoption is monotone (no way back to a blast
  // furnace once converted); retirement is absorbing and free.
  for (int s = 0; s < kNStates; ++s) t.allow(s, s, 0.0);
  t.allow(kBF, kCCS, prm.capex_ccs);
  t.allow(kBF, kEAF, prm.capex_eaf);
  t.allow(kBF, kDRI, prm.capex_dri);
  t.allow(kEAF, kDRI, prm.capex_dri_shaft);
  for (int s = 0; s < kRET; ++s) t.allow(s, kRET, 0.0);
  return t;
}

}  // namespace

std::vector<int> relining_years(const Params& prm, const Block& b, int from, int to) {
  std::vector<int> out;
  if (b.route != Route::kBFBOF) return out;
  const int camp = int(prm.campaign_years);
  // Campaign start: the last relining, else the plant's start, else a
  // campaign before the first decision year (relined then).
  int base = b.last_relining > 0 ? b.last_relining : (b.start_year > 0 ? b.start_year : int(prm.first_year) - camp);
  for (int y = base + camp; y <= to; y += camp)
    if (y >= from) out.push_back(y);
  return out;
}

Problem build_problem(Instance in) {
  Problem P;
  const Params& prm = in.prm;
  P.n = prm.n_years();
  if (P.n < 1) throw std::invalid_argument("no decision year between first_year and last_year");
  P.nb = static_cast<int>(in.blocks.size());
  P.np = static_cast<int>(in.provinces.size());
  const size_t n = size_t(P.n);
  if (in.demand.size() != n || in.grid_ef.size() != n || in.cap_ratio.size() != n ||
      in.supply.size() != size_t(P.np) * n || in.prov_lat.size() != size_t(P.np))
    throw std::invalid_argument("steel instance arrays do not match the decision years and provinces");
  P.tech = steel_catalogue(prm);
  for (int k = 0; k < P.n; ++k) P.years.push_back(prm.year(k));
  const int yend = P.years.back() + int(prm.year_step) - 1;
  P.disc_at.resize(n);
  P.delta.assign(n, 0.0);
  for (int k = 0; k < P.n; ++k) {
    P.disc_at[size_t(k)] = disc(prm, P.years[size_t(k)]);
    for (int y = P.years[size_t(k)]; y < P.years[size_t(k)] + int(prm.year_step); ++y) P.delta[size_t(k)] += disc(prm, y);
  }
  // Operating coefficients per decision year and state.
  P.op.assign(n * kNStates, Operation{});
  for (int k = 0; k < P.n; ++k) {
    const double grid = in.grid_ef[size_t(k)];
    Operation bf, ccs, eaf, dri;
    bf.a = prm.conv_bof;
    bf.b = prm.iron_cost_bf;
    bf.ea = prm.bof_ef;
    bf.eb = prm.hm_ef;
    bf.fom = prm.fom_bf;
    bf.umin = prm.umin_bf;
    bf.smin = prm.bf_scrap_min;
    bf.smax = prm.bf_scrap_max;
    ccs = bf;
    ccs.b = prm.iron_cost_bf + prm.ccs_cost * prm.capture_rate * prm.hm_ef;
    ccs.eb = (1.0 - prm.capture_rate) * prm.hm_ef;
    ccs.fom = prm.fom_bf + prm.fom_ccs;
    eaf.a = prm.conv_eaf + prm.eaf_mwh * prm.elec_price;
    eaf.b = prm.iron_cost_eaf;
    eaf.ea = prm.eaf_ef + grid * prm.eaf_mwh;
    eaf.eb = prm.pig_ef;
    eaf.fom = prm.fom_eaf;
    eaf.umin = prm.umin_eaf;
    eaf.smin = prm.eaf_scrap_min;
    eaf.smax = prm.eaf_scrap_max;
    dri = eaf;
    dri.b = prm.iron_cost_dri;
    dri.eb = prm.dri_ef;
    dri.fom = prm.fom_dri;
    dri.umin = prm.umin_dri;
    dri.smin = prm.dri_scrap_min;
    dri.smax = prm.dri_scrap_max;
    for (Operation* o : {&bf, &ccs, &eaf, &dri}) o->umax = prm.u_max;
    Operation* row = &P.op[size_t(k) * kNStates];
    row[kBF] = bf;
    row[kCCS] = ccs;
    row[kEAF] = eaf;
    row[kDRI] = dri;
    row[kRET] = Operation{};
  }
  P.initial.resize(size_t(P.nb));
  P.reline_pv.assign(size_t(P.nb) * n, 0.0);
  P.scrap_cost.assign(size_t(P.nb) * size_t(P.np), std::numeric_limits<double>::infinity());
  for (int j = 0; j < P.nb; ++j) {
    const Block& b = in.blocks[size_t(j)];
    P.initial[size_t(j)] = b.route == Route::kBFBOF ? kBF : kEAF;
    for (int y : relining_years(prm, b, P.years[0], yend)) {
      int k = 0;
      while (k + 1 < P.n && P.years[size_t(k) + 1] <= y) ++k;
      P.reline_pv[size_t(j) * n + size_t(k)] += disc(prm, y);
    }
    for (int p = 0; p < P.np; ++p) {
      if (prm.scrap_trade == 0 && p != b.province) continue;
      const double km = prm.detour * great_circle_km(b.lng, b.lat, in.prov_lng[size_t(p)], in.prov_lat[size_t(p)]);
      if (km > prm.scrap_max_km && p != b.province) continue;
      P.scrap_cost[size_t(j) * size_t(P.np) + size_t(p)] = prm.scrap_price + prm.scrap_haul_km * km;
    }
  }
  // Reference emissions: every block in its initial state at ref_utilisation
  // and the middle of its scrap-share range, at the first year's grid.
  P.e_ref = 0;
  P.e_ref_p.assign(size_t(P.np), 0.0);
  for (int j = 0; j < P.nb; ++j) {
    const Operation& o = P.oper(0, P.initial[size_t(j)]);
    const double s = 0.5 * (o.smin + o.smax);
    const double e = in.blocks[size_t(j)].capacity * prm.ref_utilisation * (o.ea + (1 - s) * o.eb);
    P.e_ref += e;
    P.e_ref_p[size_t(in.blocks[size_t(j)].province)] += e;
  }
  P.cap.resize(n);
  for (int k = 0; k < P.n; ++k) P.cap[size_t(k)] = in.cap_ratio[size_t(k)] * P.e_ref;
  // Coupling rows, each year's activity weighted by the period's discount
  // sum, so a price is the present value of a t (of steel, CO2, scrap) per
  // year held over the period.
  P.rows.clear();
  for (int k = 0; k < P.n; ++k) {
    const std::string y = std::to_string(P.years[size_t(k)]);
    P.rows.push_back({"demand", "China", "Mt/yr x PV-yr", "steel demand " + y, RowSense::kGe, P.years[size_t(k)],
                      P.delta[size_t(k)] * in.demand[size_t(k)]});
  }
  switch (in.cap_scope) {
    case CapScope::kNational:
      for (int k = 0; k < P.n; ++k) {
        P.emission_cap.push_back(P.cap[size_t(k)]);
        P.emission_year.push_back(k);
        P.rows.push_back({"emission", "China", "Mt CO2/yr x PV-yr", "emission cap " + std::to_string(P.years[size_t(k)]),
                          RowSense::kLe, P.years[size_t(k)], P.delta[size_t(k)] * P.cap[size_t(k)]});
      }
      break;
    case CapScope::kProvincial:
      for (int p = 0; p < P.np; ++p)
        for (int k = 0; k < P.n; ++k) {
          const double c = P.e_ref > 0 ? P.cap[size_t(k)] * P.e_ref_p[size_t(p)] / P.e_ref : 0.0;
          P.emission_cap.push_back(c);
          P.emission_year.push_back(k);
          P.rows.push_back({"emission", in.provinces[size_t(p)], "Mt CO2/yr x PV-yr",
                            "emission cap " + in.provinces[size_t(p)] + " " + std::to_string(P.years[size_t(k)]),
                            RowSense::kLe, P.years[size_t(k)], P.delta[size_t(k)] * c});
        }
      break;
    case CapScope::kBudget: {
      double b = 0;
      for (int k = 0; k < P.n; ++k) b += prm.year_step * P.e_ref;
      b *= 1.0 - in.budget_cuer;
      P.emission_cap.push_back(b);
      P.emission_year.push_back(-1);
      P.rows.push_back({"emission", "China", "Mt CO2", "emission budget", RowSense::kLe, 0, b});
      break;
    }
  }
  P.n_emission = static_cast<int>(P.emission_cap.size());
  for (int p = 0; p < P.np; ++p)
    for (int k = 0; k < P.n; ++k) {
      const std::string y = std::to_string(P.years[size_t(k)]);
      P.rows.push_back({"scrap pool", in.provinces[size_t(p)], "Mt/yr x PV-yr",
                        "scrap pool " + in.provinces[size_t(p)] + " " + y, RowSense::kLe, P.years[size_t(k)],
                        P.delta[size_t(k)] * in.supply[size_t(p) * n + size_t(k)]});
    }
  P.in = std::move(in);
  return P;
}

}  // namespace pp::steel
