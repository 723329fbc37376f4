#pragma once
// Primal recovery for the steel sector: with every block's state fixed, one
// LP (CLP) sets output, scrap shares and the pool-to-plant scrap flows at
// least cost. Under caps the years separate (one LP per decision year, in
// parallel); a budget ties them into one LP.
// Rows the fixed states cannot meet get elastic slack, so the LP always
// solves and says by how much each row falls short.
#include <vector>

#include "model/steel/steel_model.hpp"

namespace pp::steel {

struct FixedStateResult {
  bool solved = false;
  Plan plan;
  std::vector<double> short_by;  // [row] shortfall in the row's own unit (Mt/yr; Mt for a budget); 0 when met
  bool meets_rows() const;
};

FixedStateResult solve_fixed_states(const Problem& P, const std::vector<uint8_t>& state);

}  // namespace pp::steel
