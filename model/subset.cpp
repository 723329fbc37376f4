#include "model/subset.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <set>

#include "model/geo.hpp"

namespace pp {

namespace {

uint64_t uniform_below(std::mt19937_64& rng, uint64_t bound) {
  const uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
  while (true) {
    const uint64_t x = rng();
    if (x >= threshold) return x % bound;
  }
}

}  // namespace

std::vector<size_t> sample_indices(size_t m, size_t n, uint64_t seed) {
  std::vector<size_t> idx(m);
  std::iota(idx.begin(), idx.end(), size_t{0});
  if (n >= m) return idx;
  std::mt19937_64 rng(seed);
  for (size_t i = 0; i < n; ++i) {
    const size_t r = static_cast<size_t>(uniform_below(rng, m - i));
    std::swap(idx[i], idx[i + r]);
  }
  idx.resize(n);
  std::sort(idx.begin(), idx.end());
  return idx;
}

bool keep_provinces(Instance& in, const std::vector<std::string>& provinces, std::string& error) {
  std::set<std::string> known;
  for (const auto& p : in.plants) known.insert(p.province);
  std::set<std::string> want;
  for (const auto& name : provinces) {
    if (!known.count(name)) {
      error = "unknown province '" + name + "'; the instance has:";
      bool first = true;
      for (const auto& k : known) {
        error += (first ? " " : ", ") + k;
        first = false;
      }
      return false;
    }
    want.insert(name);
  }
  std::vector<PlantRecord> kept;
  for (auto& p : in.plants)
    if (want.count(p.province)) kept.push_back(std::move(p));
  in.plants = std::move(kept);
  return true;
}

void sample_plants(Instance& in, long n, uint64_t seed) {
  if (n < 0 || static_cast<size_t>(n) >= in.plants.size()) return;
  const std::vector<size_t> idx = sample_indices(in.plants.size(), static_cast<size_t>(n), seed);
  std::vector<PlantRecord> kept;
  kept.reserve(idx.size());
  for (size_t i : idx) kept.push_back(std::move(in.plants[i]));
  in.plants = std::move(kept);
}

void scale_floors(Instance& in, const std::vector<PlantRecord>& all_plants) {
  const int L = static_cast<int>(in.params.lifetime);
  auto gen = [&](const std::vector<PlantRecord>& plants, const std::string& prov, int y) {
    double g = 0;
    for (const auto& p : plants)
      if (p.province == prov && p.start_year <= y && y <= p.start_year + L - 1) g += p.capacity_mw * p.hours;
    return g;
  };
  std::set<std::string> kept_provinces;
  for (const auto& p : in.plants) kept_provinces.insert(p.province);
  std::vector<FloorRecord> out;
  for (const auto& f : in.floors) {
    if (!kept_provinces.count(f.province)) continue;
    FloorRecord g = f;
    const double all = gen(all_plants, f.province, f.year);
    if (all > 0) g.floor_mwh = f.floor_mwh * (gen(in.plants, f.province, f.year) / all);
    out.push_back(g);
  }
  in.floors = std::move(out);
}

void aggregate_biomass(Instance& in, double km) {
  if (km <= 0) return;
  const double deg = km / 111.0;
  struct Acc {
    double s = 0, slon = 0, slat = 0, lon = 0, lat = 0;
    long count = 0;
  };
  std::map<std::pair<long, long>, Acc> groups;
  for (const auto& c : in.cells) {
    const long row = static_cast<long>(std::floor(c.lat / deg));
    const long col = static_cast<long>(std::floor(c.lon / deg));
    Acc& a = groups[{row, col}];
    a.s += c.supply_mwh;
    a.slon += c.supply_mwh * c.lon;
    a.slat += c.supply_mwh * c.lat;
    a.lon += c.lon;
    a.lat += c.lat;
    ++a.count;
  }
  std::vector<CellRecord> out;
  out.reserve(groups.size());
  for (const auto& [key, a] : groups) {
    CellRecord c;
    c.id.reserve(24);
    c.id.append(1, 'g').append(std::to_string(key.first)).append(1, '_').append(std::to_string(key.second));
    c.supply_mwh = a.s;
    if (a.s > 0) {
      c.lon = a.slon / a.s;
      c.lat = a.slat / a.s;
    } else {
      c.lon = a.lon / a.count;
      c.lat = a.lat / a.count;
    }
    out.push_back(std::move(c));
  }
  in.cells = std::move(out);
}

void drop_unreachable_cells(Instance& in) {
  const double R = in.params.collection_radius_km;
  std::vector<size_t> order(in.plants.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return in.plants[a].lat < in.plants[b].lat; });
  std::vector<double> lats(order.size());
  for (size_t i = 0; i < order.size(); ++i) lats[i] = in.plants[order[i]].lat;
  const double dlat = R / 6371.0 * 180.0 / 3.14159265358979323846 + 1e-9;
  std::vector<CellRecord> out;
  for (auto& c : in.cells) {
    auto lo = std::lower_bound(lats.begin(), lats.end(), c.lat - dlat);
    auto hi = std::upper_bound(lats.begin(), lats.end(), c.lat + dlat);
    bool reach = false;
    for (auto it = lo; it != hi && !reach; ++it) {
      const auto& p = in.plants[order[it - lats.begin()]];
      reach = great_circle_km(p.lon, p.lat, c.lon, c.lat) <= R;
    }
    if (reach) out.push_back(std::move(c));
  }
  in.cells = std::move(out);
}

bool apply_subset(Instance& in, const SubsetSpec& spec, std::string& error) {
  if (!spec.active()) return true;
  if (spec.sample == 0) {
    error = "--sample must be at least 1";
    return false;
  }
  if (!std::isfinite(spec.biomass_grid_km) || spec.biomass_grid_km < 0) {
    error = "--biomass-grid must be a positive number of km";
    return false;
  }
  const std::vector<PlantRecord> all = in.plants;
  if (!spec.provinces.empty() && !keep_provinces(in, spec.provinces, error)) return false;
  if (spec.sample > static_cast<long>(in.plants.size())) {
    // A sample as large as the fleet would silently be the fleet itself.
    error = "--sample " + std::to_string(spec.sample) + " is larger than the instance (" +
            std::to_string(in.plants.size()) + " plants" + (spec.provinces.empty() ? "" : " in the chosen provinces") + ")";
    return false;
  }
  if (spec.sample > 0) sample_plants(in, spec.sample, spec.seed);
  if (in.plants.size() != all.size()) scale_floors(in, all);
  if (spec.biomass_grid_km > 0) aggregate_biomass(in, spec.biomass_grid_km);
  drop_unreachable_cells(in);
  return true;
}

}  // namespace pp
