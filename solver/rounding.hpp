#pragma once
// Rounding the bundle's aggregate primal. The QP weights of the cuts say in
// what proportions the DP paths behind them mix into a point that nearly
// meets every coupling row. Each plant draws one of those paths with the
// weights as probabilities: where many plants are alike (China's units share
// hours and emission factors, so at any price they all answer the same way)
// the draws split them in the aggregate's proportions instead of all-or-none.
// The draw is a hash of (plant, salt): deterministic, thread-count free.
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "model/problem.hpp"

namespace pp {

// Technology states [j*n+k] of the paths behind each cut, by cut id.
using CutStates = std::map<long, std::vector<uint8_t>>;

// weights: (cut id, weight >= 0) as BundleMaster::weights(). Returns empty if
// the weights sum to zero.
std::vector<uint8_t> round_aggregate(const Problem& P, const std::vector<std::pair<long, double>>& weights,
                                     const CutStates& states, uint64_t salt);

}  // namespace pp
