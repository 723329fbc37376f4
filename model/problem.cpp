#include "model/problem.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "model/geo.hpp"
#include "model/technology.hpp"

namespace pp {

double Problem::discount(int year) const {
  return std::pow(1.0 + prm.discount_rate, -(year - prm.first()));
}

std::vector<std::string> pathway_names(const Instance& in) {
  std::vector<std::string> names;
  for (const auto& r : in.pathways)
    if (names.empty() || names.back() != r.pathway)
      if (std::find(names.begin(), names.end(), r.pathway) == names.end()) names.push_back(r.pathway);
  return names;
}

std::vector<double> pathway_ratios(const Instance& in, const std::string& pathway,
                                   const std::vector<int>& years, std::string& error) {
  std::map<int, double> pts;
  for (const auto& r : in.pathways)
    if (r.pathway == pathway) pts[r.year] = r.cap_ratio;
  if (pts.empty()) {
    error = "pathway '" + pathway + "' is not in " + in.dir + "/pathways.csv";
    return {};
  }
  std::vector<double> out;
  for (int y : years) {
    auto hi = pts.lower_bound(y);
    if (hi != pts.end() && hi->first == y) { out.push_back(hi->second); continue; }
    if (hi == pts.end() || hi == pts.begin()) {
      error = "pathway '" + pathway + "' has no cap ratio for year " + std::to_string(y);
      return {};
    }
    auto lo = std::prev(hi);
    const double w = double(y - lo->first) / double(hi->first - lo->first);
    out.push_back(lo->second + w * (hi->second - lo->second));
  }
  return out;
}

std::vector<double> period_weights(const std::vector<int>& years, double year_step) {
  const size_t n = years.size();
  std::vector<double> w(n);
  for (size_t k = 0; k < n; ++k)
    w[k] = k + 1 < n ? years[k + 1] - years[k] : (n > 1 ? years[k] - years[k - 1] : year_step);
  return w;
}

namespace {

// Annual cash flow of a plant running its installed state at u = 1 without
// biomass: the BAU year, and the fixed years before a first decision year.
double bau_cash_flow(const Params& p, double K, double H, double e, double D, uint8_t inst) {
  const double G = K * H;
  double cf = (p.price - p.coal_cost) * G - 1000.0 * K * p.om();
  if (inst & kBE) cf -= 1000.0 * K * p.be_om();
  if (inst & kCCS) cf -= (p.ccs_capture + p.ccs_storage + p.ccs_transport_km * D) * e * G;
  return cf;
}

void build_adjacency(const Instance& in, Problem& P) {
  const double R = P.prm.collection_radius_km;
  const size_t nc = in.cells.size();
  std::vector<int32_t> by_lat(nc);
  std::iota(by_lat.begin(), by_lat.end(), 0);
  std::sort(by_lat.begin(), by_lat.end(), [&](int a, int b) {
    return in.cells[a].lat < in.cells[b].lat || (in.cells[a].lat == in.cells[b].lat && a < b);
  });
  std::vector<double> lats(nc);
  for (size_t i = 0; i < nc; ++i) lats[i] = in.cells[by_lat[i]].lat;
  const double dlat = R / 6371.0 * 180.0 / 3.14159265358979323846 + 1e-9;

  std::vector<int> users(nc, 0);
  P.adj_start.assign(P.np + 1, 0);
  std::vector<std::pair<double, int32_t>> near;
  for (int j = 0; j < P.np; ++j) {
    near.clear();
    const auto& pl = P.plants[j];
    auto lo = std::lower_bound(lats.begin(), lats.end(), pl.lat - dlat);
    auto hi = std::upper_bound(lats.begin(), lats.end(), pl.lat + dlat);
    for (auto it = lo; it != hi; ++it) {
      const int32_t c = by_lat[it - lats.begin()];
      const auto& cell = in.cells[c];
      if (cell.supply_mwh <= 0) continue;
      if (!cell.country.empty() && cell.country != pl.country) continue;
      const double d = great_circle_km(pl.lon, pl.lat, cell.lon, cell.lat);
      if (d <= R) near.push_back({d, c});
    }
    std::sort(near.begin(), near.end());
    for (auto& [d, c] : near) {
      P.adj_cell.push_back(c);
      P.adj_dist.push_back(d);
      ++users[c];
    }
    P.adj_start[j + 1] = static_cast<uint32_t>(P.adj_cell.size());
  }
  P.cell_row.assign(nc, -1);
  P.n_cell_rows = 0;
  for (size_t c = 0; c < nc; ++c)
    if (users[c] >= 2) P.cell_row[c] = P.n_cell_rows++;
}

}  // namespace

bool build_problem(const Instance& in, const CouplingSpec& spec, Problem& P, std::string& error) {
  P = Problem{};
  P.prm = in.params;
  const Params& prm = P.prm;
  P.years = prm.decision_years();
  P.n = static_cast<int>(P.years.size());
  P.plants = in.plants;
  P.cells = in.cells;
  P.pathway = spec.budget_cuer >= 0 ? "budget" : spec.pathway;
  P.np = static_cast<int>(in.plants.size());
  const int n = P.n;
  const int L = static_cast<int>(prm.lifetime);

  std::map<std::string, int> prov_index;
  for (const auto& pl : in.plants)
    if (!prov_index.count(pl.province)) prov_index[pl.province] = 0;
  for (auto& [name, idx] : prov_index) {
    idx = static_cast<int>(P.provinces.size());
    P.provinces.push_back(name);
  }
  const int npv = static_cast<int>(P.provinces.size());

  // Country caps group provinces by country, so a province name may not be
  // shared by two countries (the importer writes "Country/Province" then).
  {
    std::map<std::string, std::string> country_of;
    std::map<std::string, int> country_index;
    for (const auto& pl : in.plants) {
      auto [it, fresh] = country_of.emplace(pl.province, pl.country);
      if (!fresh && it->second != pl.country) {
        error = in.dir + "/plants.csv: province '" + pl.province + "' appears in countries '" + it->second +
                "' and '" + pl.country + "' (plant " + pl.id + "); give provinces of different countries " +
                "different names, e.g. '" + pl.country + "/" + pl.province + "'";
        return false;
      }
      country_index.emplace(pl.country, 0);
    }
    for (auto& [name, idx] : country_index) {
      idx = static_cast<int>(P.countries.size());
      P.countries.push_back(name);
    }
    P.province_country.resize(npv);
    for (int p = 0; p < npv; ++p) P.province_country[p] = country_index[country_of[P.provinces[p]]];
  }

  P.dk.resize(n);
  for (int k = 0; k < n; ++k) P.dk[k] = P.discount(P.years[k]);

  P.province.resize(P.np);
  P.K.resize(P.np); P.H.resize(P.np); P.e.resize(P.np); P.D.resize(P.np);
  P.installed.resize(P.np);
  P.first_k.assign(P.np, -1); P.last_k.assign(P.np, -2);
  P.disc.assign(size_t(P.np) * n, 0.0);
  P.fixed_npv.assign(P.np, 0.0);
  P.u_flex_lo.resize(P.np);
  P.plant_npv_bau.assign(P.np, 0.0);
  P.bau_emissions.assign(n, 0.0);
  P.bau_emissions_pk.assign(size_t(npv) * n, 0.0);
  P.bau_generation_pk.assign(size_t(npv) * n, 0.0);

  for (int j = 0; j < P.np; ++j) {
    const auto& pl = in.plants[j];
    const int p = prov_index[pl.province];
    P.province[j] = p;
    P.K[j] = pl.capacity_mw;
    P.H[j] = pl.hours;
    P.e[j] = prm.emission_factor_source > 0.5 ? pl.emission_factor_t_per_mwh : prm.emission_factor;
    P.D[j] = pl.ccs_distance_km;
    P.installed[j] = pl.installed;
    P.u_flex_lo[j] = pl.hours > 0 ? std::min(1.0, prm.h_flex / pl.hours) : 1.0;
    const int born = pl.start_year, dies = pl.start_year + L - 1;
    for (int k = 0; k < n; ++k) {
      if (P.years[k] < born || P.years[k] > dies) continue;
      if (P.first_k[j] < 0) P.first_k[j] = k;
      P.last_k[j] = k;
    }
    const double bau_cf = bau_cash_flow(prm, P.K[j], P.H[j], P.e[j], P.D[j], pl.installed);
    const int decide_from = P.first_k[j] >= 0 ? P.years[P.first_k[j]] : dies + 1;
    for (int y = std::max(born, prm.first()); y <= dies; ++y) {
      const double d = P.discount(y);
      P.plant_npv_bau[j] += d * bau_cf;
      if (y < decide_from) {
        P.fixed_npv[j] += d * bau_cf;
        continue;
      }
      int k = n - 1;
      while (P.years[k] > y) --k;
      P.disc[size_t(j) * n + k] += d;
    }
    P.npv_bau += P.plant_npv_bau[j];
    const double cap_factor = (pl.installed & kCCS) ? 1.0 - prm.capture_rate : 1.0;
    for (int k = 0; k < n; ++k) {
      if (!P.alive_at(j, k)) continue;
      const double G = P.K[j] * P.H[j];
      P.bau_emissions[k] += P.e[j] * G * cap_factor;
      P.bau_emissions_pk[size_t(p) * n + k] += P.e[j] * G * cap_factor;
      P.bau_generation_pk[size_t(p) * n + k] += G;
    }
  }

  // Floors (papers/model.md section 5): min(the file's value at a listed year,
  // or the linear interpolation between two listed years, BAU generation of
  // the province's plants alive then); outside the listed years an input error.
  P.floor.assign(size_t(npv) * n, 0.0);
  std::map<int, std::map<int, double>> given;  // province -> year -> floor
  for (const auto& f : in.floors) {
    auto it = prov_index.find(f.province);
    if (it == prov_index.end()) {
      error = in.dir + "/elec_floor.csv: province '" + f.province + "' has no plant in plants.csv";
      return false;
    }
    given[it->second][f.year] = f.floor_mwh;
  }
  for (const auto& [p, pts] : given)
    for (int k = 0; k < n; ++k) {
      const int y = P.years[k];
      auto hi = pts.lower_bound(y);
      double v;
      // The min at a listed year too: the file holds it for the importer's
      // lifetime, and a run with another lifetime has another BAU.
      if (hi != pts.end() && hi->first == y) {
        v = std::min(hi->second, P.bau_generation_pk[size_t(p) * n + k]);
      } else if (hi == pts.end() || hi == pts.begin()) {
        error = in.dir + "/elec_floor.csv: province '" + P.provinces[p] + "' has no floor at or around decision year " +
                std::to_string(y) + " (listed " + std::to_string(pts.begin()->first) + "-" +
                std::to_string(pts.rbegin()->first) + ")";
        return false;
      } else {
        auto lo = std::prev(hi);
        const double w = double(y - lo->first) / double(hi->first - lo->first);
        v = std::min(lo->second + w * (hi->second - lo->second), P.bau_generation_pk[size_t(p) * n + k]);
      }
      P.floor[size_t(p) * n + k] = v;
    }

  // Emission rows.
  if (spec.budget_cuer >= 0) {
    EmissionRow row;
    row.label = "budget";
    row.weight = period_weights(P.years, prm.year_step);
    double wbau = 0;
    for (int k = 0; k < n; ++k) wbau += row.weight[k] * P.bau_emissions[k];
    row.rhs = (1.0 - spec.budget_cuer) * wbau;
    P.emission_rows.push_back(row);
  } else {
    std::vector<double> cap(n);
    if (!spec.cap_override.empty()) {
      if (static_cast<int>(spec.cap_override.size()) != n) {
        error = "cap override needs one value per decision year";
        return false;
      }
      cap = spec.cap_override;
    } else {
      std::vector<double> ratio = pathway_ratios(in, spec.pathway, P.years, error);
      if (ratio.empty()) return false;
      for (int k = 0; k < n; ++k) cap[k] = ratio[k] * P.bau_emissions[k];
    }
    // Regional caps: each region gets the national cap's share of its own
    // BAU that year, i.e. the same cap ratio.
    const int scope = static_cast<int>(prm.cap_scope);
    std::vector<std::vector<int>> regions;
    std::vector<std::string> region_name;
    if (scope == kCapScopeProvincial) {
      for (int p = 0; p < npv; ++p) regions.push_back({p}), region_name.push_back(P.provinces[p]);
    } else if (scope == kCapScopeCountry) {
      regions.resize(P.countries.size());
      region_name = P.countries;
      for (int p = 0; p < npv; ++p) regions[size_t(P.province_country[p])].push_back(p);
    }
    for (int k = 0; k < n; ++k) {
      if (scope != kCapScopeNational) {
        for (size_t g = 0; g < regions.size(); ++g) {
          double b = 0;
          for (int p : regions[g]) b += P.bau_emissions_pk[size_t(p) * n + k];
          if (b <= 0) continue;
          EmissionRow row;
          row.provinces = regions[g];
          row.weight.assign(n, 0.0);
          row.weight[k] = 1.0;
          row.rhs = P.bau_emissions[k] > 0 ? cap[k] * b / P.bau_emissions[k] : 0.0;
          row.label = "cap " + (region_name[g].empty() ? std::string("(no country)") : region_name[g]) + " " +
                      std::to_string(P.years[k]);
          P.emission_rows.push_back(row);
        }
      } else {
        EmissionRow row;
        row.weight.assign(n, 0.0);
        row.weight[k] = 1.0;
        row.rhs = cap[k];
        row.label = "cap " + std::to_string(P.years[k]);
        P.emission_rows.push_back(row);
      }
    }
  }

  build_adjacency(in, P);
  return true;
}

}  // namespace pp
