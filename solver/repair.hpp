#pragma once
// From prices to a feasible plan. Paths are taken from the DP at the guiding
// prices; the fixed-path LP (recovery.hpp) sets u and flows and reports which
// rows fall short; then, instead of moving every plant at once (alike plants
// all answer a price the same way), only the plants whose switch to their
// path at raised prices costs least, at the guiding prices, per unit of
// shortfall relieved are switched, just enough to cover it; and again.
#include <limits>
#include <vector>

#include "solver/dual_oracle.hpp"
#include "solver/log.hpp"
#include "solver/price_layout.hpp"
#include "solver/recovery.hpp"

namespace pp {

// Returns a solved outcome (feasible, or in soft mode the best found), or one
// with solved = false if `rounds` repairs did not reach feasibility.
// start: the paths to begin from ([j*n+k]); null: the DP's paths at y_guide.
// deadline: on log's clock; no round starts that would end after it, judged
// by the last LP's time (the time limit only decides where the repair stops,
// never what a round does).
RecoveryOutcome repair_from_prices(const Problem& P, const PriceLayout& L, DualOracle& oracle,
                                   const std::vector<double>& y_guide, int rounds, const Log& log,
                                   const std::vector<uint8_t>* start = nullptr,
                                   double deadline = std::numeric_limits<double>::infinity());

}  // namespace pp
