#pragma once
// Small random steel instances for the tests: a few provinces on a line of
// latitude, blocks of both routes with random capacities and relining
// years, demand a share of capacity, scrap per province, a cap ratio path.
#include <cstdint>
#include <random>
#include <string>

#include "model/steel/steel_model.hpp"

namespace test {

inline pp::steel::Instance steel_tiny(int blocks, int provinces, int years, uint64_t seed, double last_ratio = 0.4) {
  using namespace pp::steel;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> U(0, 1);
  Instance in;
  in.prm.first_year = 2025;
  in.prm.year_step = 5;
  in.prm.last_year = 2025 + 5 * (years - 1);
  in.pathway = "tiny";
  for (int p = 0; p < provinces; ++p) {
    in.provinces.push_back("P" + std::to_string(p));
    in.prov_lat.push_back(30 + 2.0 * p);
    in.prov_lng.push_back(110 + 3.0 * p);
  }
  double cap = 0;
  for (int j = 0; j < blocks; ++j) {
    Block b;
    b.id = "B" + std::to_string(j);
    b.plant_id = b.id;
    b.province = int(rng() % uint64_t(provinces));
    b.lat = in.prov_lat[size_t(b.province)] + (U(rng) - 0.5);
    b.lng = in.prov_lng[size_t(b.province)] + (U(rng) - 0.5);
    b.route = U(rng) < 0.7 ? Route::kBFBOF : Route::kEAF;
    b.capacity = 0.5 + 4.5 * U(rng);
    b.start_year = 1990 + int(rng() % 30);
    if (b.route == Route::kBFBOF && U(rng) < 0.5) b.last_relining = 2008 + int(rng() % 15);
    cap += b.capacity;
    in.blocks.push_back(b);
  }
  for (int k = 0; k < years; ++k) {
    const double t = years > 1 ? double(k) / (years - 1) : 0.0;
    in.demand.push_back(cap * (0.75 - 0.2 * t));
    in.grid_ef.push_back(0.57 * (1 - t));
    in.cap_ratio.push_back(1.0 - (1.0 - last_ratio) * t);
  }
  in.supply.assign(size_t(provinces) * size_t(years), 0.0);
  for (int p = 0; p < provinces; ++p)
    for (int k = 0; k < years; ++k)
      in.supply[size_t(p) * size_t(years) + size_t(k)] = cap * (0.15 + 0.2 * k / std::max(1, years - 1)) * (0.5 + U(rng)) / provinces;
  return in;
}

}  // namespace test
