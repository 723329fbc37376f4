#pragma once
// Instance transforms shared by every command (--provinces, --sample/--seed,
// --biomass-grid). Applied after params.toml and --set (the collection radius
// and the lifetime come from in.params), before build_problem.
//
// Order: (1) keep the plants of the listed provinces; (2) draw a random
// sample of N of the remaining plants; (3) if plants were dropped, rescale
// the floors; (4) aggregate biomass cells into a coarser grid; (5) drop cells
// farther than the collection radius from every kept plant. Steps 4-5 only
// run when some transform is requested, so an empty spec leaves the instance
// untouched.
//
// Floor scaling (3): for province p and floor year y,
//   floor'_{p,y} = floor_{p,y} * G_kept(p,y) / G_all(p,y),
//   G(p,y) = sum of capacity_mw * hours over the plants of p alive in y
//   (start_year <= y <= start_year + lifetime - 1), kept plants / all plants.
// If G_all(p,y) = 0 the floor is left unchanged. Floors of provinces with no
// kept plant are dropped.
//
// Sampling (2), reproducible across platforms and standard libraries: with
// m candidate plants in input order, idx = 0..m-1 and rng = std::mt19937_64(seed)
// (fully specified by the C++ standard), for i = 0..N-1:
//   r = uniform_below(rng, m - i); swap(idx[i], idx[i + r]);
// where uniform_below(rng, b) draws raw 64-bit outputs x until
// x >= (2^64 - b) mod b and returns x mod b (unbiased rejection). The kept
// plants are idx[0..N-1], restored to input order. N >= m keeps all.
//
// Biomass grid (4): deg = km / 111; cell (lon, lat) goes to group
// (row, col) = (floor(lat / deg), floor(lon / deg)); a group's supply is the
// sum, its centre the supply-weighted mean lon/lat of its members (plain mean
// if the supply is 0), its id "g{row}_{col}"; groups are ordered by (row, col).
#include <cstdint>
#include <string>
#include <vector>

#include "model/instance.hpp"

namespace pp {

struct SubsetSpec {
  std::vector<std::string> provinces;  // empty: all
  long sample = -1;                    // < 0: no sampling
  uint64_t seed = 1;
  double biomass_grid_km = 0;          // <= 0: keep the cells as they are

  bool active() const { return !provinces.empty() || sample >= 0 || biomass_grid_km > 0; }
};

// Applies the whole spec. Returns false with `error` set on an unknown
// province (the message lists the known ones) or a bad value.
bool apply_subset(Instance& in, const SubsetSpec& spec, std::string& error);

// The individual steps (apply_subset calls them in the order above).
bool keep_provinces(Instance& in, const std::vector<std::string>& provinces, std::string& error);
void sample_plants(Instance& in, long n, uint64_t seed);
// Rescales in.floors for the plants now in `in` against `all_plants` (the
// plant set the floors were made for), as documented above.
void scale_floors(Instance& in, const std::vector<PlantRecord>& all_plants);
void aggregate_biomass(Instance& in, double km);
void drop_unreachable_cells(Instance& in);

// The sampler: indices (ascending) of n of m items, as documented above.
std::vector<size_t> sample_indices(size_t m, size_t n, uint64_t seed);

}  // namespace pp
