#pragma once
// The Lagrangian dual function: for prices y, every plant's DP (in parallel,
// TBB) and the assembled value and subgradient. Plants are reduced in index
// order, so the result does not depend on the thread count or the split.
#include <vector>

#include <tbb/enumerable_thread_specific.h>

#include "model/problem.hpp"
#include "solver/price_layout.hpp"
#include "solver/subproblem.hpp"

namespace pp {

class DualOracle {
 public:
  DualOracle(const Problem& P, const PriceLayout& L);
  // Upper bound on the optimal NPV at y (y >= 0) and a subgradient g.
  double evaluate(const std::vector<double>& y, std::vector<double>* g);
  const std::vector<PlantPath>& paths() const { return paths_; }
  // Per plant its DP value at the last evaluate (fixed_npv excluded).
  const std::vector<double>& values() const { return values_; }
  // Branch-and-price: allowed states [j*n+k] (null: all). The value is -inf
  // when some plant has no allowed path.
  void set_allowed(const std::vector<uint16_t>* allowed) { allowed_ = allowed; }

 private:
  const Problem& P_;
  const PriceLayout& L_;
  std::vector<PlantPath> paths_;
  std::vector<double> values_;
  std::vector<double> lam_pk_, pi_pk_;
  tbb::enumerable_thread_specific<Scratch> scratch_;
  const std::vector<uint16_t>* allowed_ = nullptr;
};

}  // namespace pp
