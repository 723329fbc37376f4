#pragma once
// Myopic mode (papers/model.md section 7, PLATO's recursive method).
//
// For k = 1..n, with every plant's state before t_k fixed, each plant alive
// and not retired at t_k chooses its state, u and biomass flows for t_k to
// maximise the NPV of its remaining life *as if that choice were held to
// the end of its life*, subject only to the coupling rows of t_k (the cap
// row(s) of year k, national or provincial; the provincial floors of k; the
// biomass cells of k). The choice is fixed and the next decision year is
// solved. The realised path is then scored with papers/model.md section 6 by the
// independent evaluator, exactly like foresight.
//
// Each step is itself a Problem (build_myopic_step): one decision year t_k,
// the plants alive and not retired at t_k with their current state as the
// "installed" options (so options can only be added and the step's baseline
// is "keep the current state, u = 1, no biomass"), disc = the plant's
// remaining-life discount sum from t_k, money in present value of t_k, and
// the rows of year k. Any foresight solver solves it unchanged: by default
// the decomposition (solve() with mode "foresight"), in tests also CBC.
//
// PLATO's step choices (parameters, all 0 by default; papers/plato-comparison.md):
// - step_valuation = 1: the step's discount rate is 0, so disc = the years
//   left and capex counts in full: PLATO's undiscounted "times the years left".
// - flex_floor_scope = 1: a plant that enters the step with Flex has u >= 0
//   (PLATO's 1500 h floor binds only in the step adopting Flex).
// - retire_rule = 1: retire_value of every step plant (plato_retire_value):
//   PLATO's credit for one with Flex from an earlier step; for one without,
//   retiring is not allowed (-infinity). A step with no solution then takes
//   PLATO's fall-back: it is solved again with every plant free to retire at
//   that credit; the years and the plants retired so are reported. "No
//   solution" is PLATO's (its solver proved it) when prove_infeasible shows
//   it; a step that merely found no plan in its share first gets more time
//   as any step does, and takes the fall-back only if it still has none.
// - province_sequence = 1 (needs provincial caps): a step is solved one
//   province at a time, in descending order of the province's cap at t_k
//   (ties: province order), each against its own cap and floor, and each
//   drawing on what the provinces before it left of every cell; supply is
//   full again at the next step (PLATO's main.py). The step's gap is its
//   worst province's, its TC and bound the provinces' sums; a cell's price
//   is the one of the first province whose step priced it. PLATO's fall-back
//   (retire_rule = 1) then applies per province, as in PLATO.
// Each changes only what a step optimises; the realised path is scored by
// papers/model.md section 6 as always.
//
// Interpretation choices (papers/model-interpretation-myopic.md):
// - "Held to the end": the state, u and flows chosen at t_k are valued in
//   every remaining year of the plant's life (t_k .. c_j + L - 1) with the
//   discount factors of those years; future decision years, future caps,
//   floors and cell limits are ignored. Capex of options adopted at t_k is
//   paid once, in full, at t_k (not annualised, no salvage value).
// - Only the choice for period k is kept: at t_{k+1} the plant is re-decided
//   (its state can only grow, or it retires). Options adopted at t_k but not
//   used at t_k (Flex with u = 1, BE without biomass) are dropped by the
//   step solver (trim_unused_options), since that only improves the step.
// - Bound and gap: the foresight Lagrangian bound is NOT computed
//   (tc_lower_bound = NaN; the myopic plan is a heuristic for the foresight
//   problem). gap = the largest relative gap of the step problems, each
//   measured on its own step TC (step baseline NPV minus step NPV), and
//   status "optimal within gap" means every step reached opt.gap.
//   history has one row per decision year: iteration = the year, bound_tc /
//   best_tc = the step's TC bound / TC in USD discounted to Y0, gap = the
//   step gap, seconds = elapsed time at the end of the step.
// - prices: the step prices (lam per row of year k, pi per floor of year k,
//   mu per shared cell of year k), converted to present value USD of Y0.
//   They price the *remaining-life* NPV per unit of the year-k row, so they
//   are not the foresight prices and are a poor warm start for foresight.
// - A budget row (papers/model.md section 5) couples the years: myopic mode is then
//   ill-defined and returns Status::kError.
// - Soft mode: the step's violation penalty is the full problem's divided by
//   d(t_k) (the step's money is present value of t_k), so that a step values
//   a violation as the full evaluation charges it.
// - Dead ends: a step cannot see later floors, so earlier myopic
//   retirements can leave a floor of t_k above what the province's remaining
//   plants can generate at u_max. That floor is lowered, for the step only,
//   to that full output; the path is completed and the final evaluation
//   (against the true floors) lists the shortfall. Hard mode: status
//   kNoFeasiblePlan with the plan kept and the message naming province and
//   year; soft mode: the shortfall is penalised like any violation. Any other
//   step with no feasible choice ends the run (kInfeasible / kNoFeasiblePlan,
//   no plan, message naming the year).
#include <functional>
#include <string>
#include <vector>

#include "model/problem.hpp"
#include "solver/decomposition.hpp"
#include "solver/options.hpp"

namespace pp {

struct MyopicStep {
  Problem P;               // the one-year problem of decision year k
  int k = 0;               // decision year index in the full problem
  std::vector<int> plant;  // step plant -> plant of the full problem
  std::vector<int> row;    // step emission row -> emission row of the full problem
};

// current[j]: plant j's state at its previous alive decision year (its
// installed options if none), kRetired after compulsory retirement. Plants
// not alive at t_k or retired are left out. Returns false with `error` set if
// an emission row covers several decision years (a budget).
// only_province >= 0 (province_sequence = 1): only that province's plants, its
// own cap row and floor (caps must be provincial), and the cells' supply
// replaced by `supply_left` (what the provinces solved before it left).
bool build_myopic_step(const Problem& P, int k, const std::vector<uint8_t>& current, MyopicStep& out,
                       std::string& error, int only_province = -1, const std::vector<double>* supply_left = nullptr);

// retire_rule = 1 (PLATO): the step value of retiring plant j at year t with
// options `inst`, `rem` = the step's valuation of one year held to the end
// (its disc). Without Flex from an earlier step retiring is not allowed:
// -infinity (Problem::may_retire). With Flex: the
// O&M and fuel (u = 1) of PLATO's cost table from the plant's age to the end
// of its life, discounted to its commissioning year, minus the O&M that
// staying pays here (PLATO's step treats it as sunk).
double plato_retire_value(const Problem& P, int j, int t, uint8_t inst, double rem);

// Solves one step problem (any foresight solver: its plan, eval on the step
// problem, tc_lower_bound, gap, status, prices in the step's layout).
using StepSolver = std::function<SolveResult(const Problem&, const SolverOptions&)>;

// The myopic run with a given step solver; `solve_myopic(P, opt)` (what
// solve() calls for mode "myopic") uses the decomposition.
SolveResult solve_myopic_with(const Problem& P, const SolverOptions& opt, const StepSolver& step);
SolveResult solve_myopic(const Problem& P, const SolverOptions& opt);

}  // namespace pp
