#pragma once
// Smaller steel instances for tests and MILP comparisons: the blocks of some
// provinces, or a seeded sample of blocks (model/subset.hpp's sampler).
// Demand and every pool's supply scale by the share of capacity kept, so
// the subset faces the country's demand and scrap per t of capacity; the
// cap stays a ratio of the subset's own reference emissions.
#include <cstdint>
#include <string>
#include <vector>

#include "model/steel/steel_model.hpp"

namespace pp::steel {

// Returns an error message (empty: ok); `in` is unchanged on error.
std::string keep_blocks(Instance& in, const std::vector<std::string>& provinces, long sample, uint64_t seed);

}  // namespace pp::steel
