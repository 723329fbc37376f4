#pragma once
// Where a gap comes from. For prices y >= 0 and a feasible plan x,
//   L(y) - NPV(x) = sum_j [v_j(y) - value_j(x_j, y)] + y . (room x leaves in the rows)
// with v_j the plant's DP value at y and value_j its priced value on x's
// path. The first sum splits further into plants whose states are not their
// best at y ("paths") and plants on their best states run short of their
// priced optimum (u and flows, "operation"). Both parts and the room terms
// are >= 0, so the split says which side a better plan must improve.
#include <vector>

#include "model/evaluate.hpp"
#include "model/plan.hpp"
#include "model/problem.hpp"
#include "solver/price_layout.hpp"

namespace pp {

struct GapSplit {
  double total = 0;           // L(y) - NPV(x) = TC - bound, USD
  double paths = 0;           // sum_j v_j(y) - (best value of x_j's states at y)
  double operation = 0;       // the rest of the per-plant part (u and flows)
  double room_emission = 0;   // sum_r lambda_r (rhs_r - emissions)
  double room_floor = 0;      // sum pi (generation - floor)
  double room_cell = 0;       // sum mu (supply - draw)
  int plants_off_path = 0;    // plants whose paths share is above 1 USD
};

// dual_npv: L(y) on the NPV scale (the bound is npv_bau - dual_npv).
GapSplit split_gap(const Problem& P, const PriceLayout& L, const std::vector<double>& y, double dual_npv,
                   const Plan& plan, const Evaluation& ev);

}  // namespace pp
