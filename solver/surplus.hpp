#pragma once
// An improvement pass for a feasible plan: co-firing adopted where the LP
// barely burns biomass. At the prices that led to a plan, alike plants all
// find BE worth its fixed cost (capex, BE O&M), so more plants adopt it than
// the caps need, and the fixed-state LP spreads the burn thinly over them:
// on China about 10% of the BE fleet's burning capacity idles while its
// fixed cost is paid (the "operation" part of the gap, gap_split.hpp).
// The pass drops BE from the least-used plants as long as the BE capacity
// left covers every year's burn with a margin, re-solves the LP, keeps the
// plan if the evaluator finds it feasible and cheaper, and halves the set
// when it is not.
#include <limits>

#include "model/evaluate.hpp"
#include "model/plan.hpp"
#include "model/problem.hpp"
#include "solver/log.hpp"

namespace pp {

// plan/ev: a feasible plan and its evaluation, replaced by a better one if
// found. mu: cell prices as for solve_fixed_states (may be null). At most
// `lps` LP solves, none started that would end after `deadline` (log's
// clock, judged by the last LP's time). Returns the
// number of plants whose BE was dropped.
int drop_surplus_options(const Problem& P, Plan& plan, Evaluation& ev, const double* mu, int lps, const Log& log,
                         double deadline = std::numeric_limits<double>::infinity());

}  // namespace pp
