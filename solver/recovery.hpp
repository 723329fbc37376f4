#pragma once
// Primal recovery. With every plant's technology path fixed, the rest of the
// problem (u and biomass flows under caps, floors and cells) is a linear
// programme; we solve it exactly (CLP) with elastic slacks on the caps and
// floors, so that a path choice that cannot be made feasible says which rows
// fall short and by how much.
#include <cstdint>
#include <limits>
#include <vector>

#include "model/plan.hpp"
#include "model/problem.hpp"

namespace pp {

struct RecoveryOutcome {
  bool solved = false;     // LP solved to optimality
  bool feasible = false;   // no slack needed
  Plan plan;
  std::vector<double> row_short;    // per emission row, t above rhs
  std::vector<double> floor_short;  // [p*n+k], MWh below the floor
};

// states: [j*n+k] as in Plan::state. mu: cell prices [k*n_cell_rows+row] or
// null, used only to choose which cells each plant may draw from.
// relaxed: ignore `states`, give every alive plant all options, let G go
// down to 0 (the convex hull of "retire or run") and bound each plant's
// biomass by the supply in its reach and each year's by all the supply (the
// cell rows relaxed): a relaxation of the whole model, small enough to run
// before every solve, used to prove infeasibility.
// max_seconds: CLP's time limit per LP; an LP stopped by it leaves the
// outcome unsolved (a time limit only decides where a run stops).
RecoveryOutcome solve_fixed_states(const Problem& P, const std::vector<uint8_t>& states,
                                   const double* mu, bool relaxed = false,
                                   double max_seconds = std::numeric_limits<double>::infinity());

// Delays Flex and BE adoption to the first decision year that uses them (BE:
// biomass > 0, Flex: u < 1) and drops them if never used. Keeps u and flows,
// so the plan stays feasible and only gets cheaper.
void trim_unused_options(const Problem& P, Plan& plan);

}  // namespace pp
