#include "tests/support/tiny.hpp"

#include <stdexcept>

#include "model/technology.hpp"

namespace pp::test {

namespace {
const char* kProvinces[] = {"Anhui", "Beijing", "Chongqing", "Fujian", "Gansu", "Hebei"};
}

PlantRecord random_plant(Rng& rng, int index, const TinyOptions& opt, int nprov) {
  PlantRecord p;
  // append, not "p" + to_string: GCC 12 warns falsely (-Wrestrict) on the latter
  p.id = std::string("p").append(std::to_string(index));
  p.name = std::string("Tiny plant ").append(std::to_string(index));
  p.country = "China";
  p.province = kProvinces[rng.integer(0, nprov - 1)];
  p.lon = 115.0 + rng.uniform(-1.5, 1.5);
  p.lat = 35.0 + rng.uniform(-1.5, 1.5);
  p.capacity_mw = rng.uniform(50, 1000);
  // Start years: mostly alive over the horizon, but many edge cases.
  switch (rng.integer(0, 7)) {
    case 0: p.start_year = rng.integer(1986, 1995); break;   // dies mid-horizon (2025..2034)
    case 1: p.start_year = rng.integer(2026, 2049); break;   // often between decision years
    case 2: p.start_year = rng.integer(2046, 2050); break;   // only the last decision year(s)
    case 3: p.start_year = 2051 + rng.integer(0, 3); break;  // never alive at a decision year
    default: p.start_year = rng.integer(1996, 2025); break;
  }
  p.hours = rng.chance(opt.low_hours) ? rng.uniform(600, 1500) : rng.uniform(1500, 7500);
  p.emission_factor_t_per_mwh = rng.uniform(0.7, 1.0);
  p.ccs_distance_km = rng.uniform(30, 900);
  uint8_t inst = 0;
  if (rng.chance(opt.installed_ccs)) inst |= kCCS;
  if (rng.chance(opt.installed_other)) inst |= kFlex;
  if (rng.chance(opt.installed_other)) inst |= kBE;
  p.installed = inst;
  return p;
}

double bau_generation(const Instance& in, const std::string& province, int year) {
  const int L = static_cast<int>(in.params.lifetime);
  double g = 0;
  for (const auto& p : in.plants)
    if (p.province == province && p.start_year <= year && year <= p.start_year + L - 1) g += p.capacity_mw * p.hours;
  return g;
}

Instance tiny_instance(uint64_t seed, const TinyOptions& opt) {
  Rng rng(seed);
  Instance in;
  in.dir = "tiny-" + std::to_string(seed);
  Params& prm = in.params;
  if (opt.vary_params) {
    const double umax[] = {1.0, 1.2, 1.5};
    prm.u_max = umax[rng.integer(0, 2)];
    prm.discount_rate = rng.uniform(0.03, 0.08);
    prm.price = rng.uniform(48, 72);
    prm.coal_cost = rng.uniform(1.9, 21);
    prm.bio_purchase = rng.uniform(2.12, 18.47);
    prm.bio_transport_km = rng.uniform(0.00045, 0.13);
    prm.ccs_capture = rng.uniform(29, 51);
    prm.capture_rate = rng.uniform(0.4, 0.9);
    prm.capex_ccs = rng.uniform(205, 2914.5);
    prm.emission_factor_source = rng.chance(0.5) ? 1 : 0;
  }
  const int nprov = std::max(1, std::min(opt.provinces, 6));
  const int np = rng.integer(opt.min_plants, opt.max_plants);
  for (int j = 0; j < np; ++j) in.plants.push_back(random_plant(rng, j, opt, nprov));
  const int nc = rng.integer(opt.min_cells, opt.max_cells);
  for (int c = 0; c < nc; ++c) {
    CellRecord cell;
    cell.id = std::string("c").append(std::to_string(c));
    cell.lon = 115.0 + rng.uniform(-2.0, 2.0);
    cell.lat = 35.0 + rng.uniform(-2.0, 2.0);
    cell.supply_mwh = rng.chance(0.1) ? 0.0 : rng.uniform(2e4, 8e5);
    in.cells.push_back(cell);
  }
  const std::vector<int> years = prm.decision_years();
  const double last = rng.uniform(opt.cap_last_lo, opt.cap_last_hi);
  for (size_t k = 0; k < years.size(); ++k) {
    const double w = years.size() > 1 ? double(k) / double(years.size() - 1) : 0.0;
    in.pathways.push_back({"tiny", years[k], 1.0 + w * (last - 1.0)});
  }
  // A province with floors lists every decision year (0 = no floor that
  // year): papers/model.md section 5 makes a decision year outside the listed
  // years an input error.
  for (int p = 0; p < nprov; ++p) {
    std::vector<FloorRecord> rows;
    bool any = false;
    for (int y : years) {
      double f = 0;
      const double g = bau_generation(in, kProvinces[p], y);
      if (rng.chance(opt.floor_prob) && g > 0) f = rng.uniform(opt.floor_lo, opt.floor_hi) * g;
      any |= f > 0;
      rows.push_back({kProvinces[p], y, f});
    }
    // only provinces that have plants may carry floors
    if (any) in.floors.insert(in.floors.end(), rows.begin(), rows.end());
  }
  return in;
}

Problem build_or_throw(const Instance& in, const CouplingSpec& spec) {
  Problem P;
  std::string err;
  if (!build_problem(in, spec, P, err)) throw std::runtime_error("build_problem: " + err);
  return P;
}

Problem tiny_problem(uint64_t seed, const TinyOptions& opt) { return build_or_throw(tiny_instance(seed, opt)); }

PlantRecord hand_plant(const std::string& id, int start, uint8_t installed) {
  PlantRecord p;
  p.id = id;
  p.name = id;
  p.country = "China";
  p.province = "Hebei";
  p.lon = 115;
  p.lat = 30;
  p.capacity_mw = 100;
  p.hours = 5000;
  p.start_year = start;
  p.emission_factor_t_per_mwh = 0.95;  // unused: the constant 0.8017 is the default
  p.ccs_distance_km = 300;
  p.installed = installed;
  return p;
}

PlantRecord anhui_plant(const std::string& id) {
  PlantRecord p;
  p.id = p.name = id;
  p.province = "Anhui";
  p.lon = 115;
  p.lat = 35;
  p.capacity_mw = 100;
  p.start_year = 2020;  // alive 2020 .. 2059
  p.hours = 5000;
  p.emission_factor_t_per_mwh = 0.8017;
  p.ccs_distance_km = 100;
  return p;
}

RandomPrices random_prices(const Problem& P, Rng& rng, int kind) {
  RandomPrices r;
  const size_t npk = P.provinces.size() * size_t(P.n);
  r.lam.assign(npk, 0.0);
  r.pi.assign(npk, 0.0);
  r.mu.assign(size_t(P.n) * P.n_cell_rows, 0.0);
  if (kind == 1) return r;
  for (auto& x : r.lam) x = kind == 2 ? rng.uniform(1e3, 1e5) : (rng.chance(0.2) ? 0.0 : rng.uniform(0, 250));
  for (auto& x : r.pi) x = rng.chance(0.3) ? 0.0 : rng.uniform(0, 40);
  for (auto& x : r.mu) x = rng.chance(0.3) ? 0.0 : rng.uniform(0, 30);
  return r;
}

}  // namespace pp::test
