#pragma once
// The Lagrangian dual function of coal power: for prices y, every plant's DP
// (in parallel, TBB) and the assembled value and subgradient. It is the
// engine's DualFunction (solver/engine/plant_oracle.hpp) over coal's
// PlantOracle (solver/coal_plant_oracle.hpp): plants are reduced in index
// order, so the result does not depend on the thread count or the split.
#include <cstdint>
#include <vector>

#include "model/problem.hpp"
#include "solver/coal_plant_oracle.hpp"
#include "solver/engine/plant_oracle.hpp"
#include "solver/price_layout.hpp"
#include "solver/subproblem.hpp"

namespace pp {

class DualOracle {
 public:
  DualOracle(const Problem& P, const PriceLayout& L) : plants_(P, L), f_(plants_) {}
  // Upper bound on the optimal NPV at y (y >= 0) and a subgradient g.
  double evaluate(const std::vector<double>& y, std::vector<double>* g) { return f_.evaluate(y, g); }
  const std::vector<PlantPath>& paths() const { return plants_.paths(); }
  // Per plant its DP value at the last evaluate (fixed_npv excluded).
  const std::vector<double>& values() const { return plants_.dp_values(); }
  // Branch-and-price: allowed states [j*n+k] (null: all). The value is -inf
  // when some plant has no allowed path.
  void set_allowed(const std::vector<uint16_t>* allowed) { plants_.set_allowed(allowed); }

 private:
  CoalPlantOracle plants_;
  DualFunction f_;
};

}  // namespace pp
