#pragma once
// The decomposition solver: a price master (proximal bundle or plain
// subgradient, price_master.hpp) over the cap, floor and cell prices;
// per-plant DPs in parallel (TBB); primal recovery checked by the
// independent evaluator.
#include <cstdint>
#include <limits>
#include <utility>
#include <string>
#include <vector>

#include "model/evaluate.hpp"
#include "model/plan.hpp"
#include "model/problem.hpp"
#include "solver/options.hpp"
#include "solver/status.hpp"

namespace pp {

struct ConvergenceRow {
  // What produced the row: "bundle", "column generation", "exact finish",
  // "polish", "cbc", "group", "myopic step" (iterations restart or repeat
  // across phases; (phase, iteration) identifies a row).
  const char* phase;
  int iteration;
  double bound_tc;   // best lower bound on TC so far
  double best_tc;    // TC of the best feasible plan so far (inf if none)
  double gap;
  double seconds;
};

struct Prices {
  std::vector<double> lam;  // per emission row, USD/t
  std::vector<double> pi;   // [p*n+k], USD/MWh
  std::vector<double> mu;   // [k*n_cell_rows + row], USD/MWh
};

struct SolveResult {
  Status status = Status::kError;
  std::string message;          // e.g. the province and year that cannot be met
  Plan plan;                    // best feasible plan (empty if none)
  Evaluation eval;              // the evaluator's verdict on `plan`
  double tc_lower_bound = std::numeric_limits<double>::quiet_NaN();  // from the best prices; NaN: none
  double gap = 1;               // (TC - bound) / TC; NaN once settled without a plan or a bound
  // Myopic mode: the largest gap among the step problems (NaN otherwise).
  double worst_step_gap = std::numeric_limits<double>::quiet_NaN();
  int iterations = 0;
  double seconds = 0;
  int threads = 1;
  Prices prices;                // best prices (warm start for neighbours)
  std::vector<ConvergenceRow> history;
  // [j*n+k]: bit s set when the DP chose state s (0..7 options, 8 retired)
  // for plant j at decision year k at some prices. Empty for other backends.
  std::vector<uint16_t> seen_states;
  // The status model's other two answers (status.hpp), set by settle_status.
  StopReason stop = StopReason::kError;
  SolutionState solution = SolutionState::kNone;
  long nodes = 0;               // branch-and-price nodes (column generation)
  long milp_nodes = 0;          // CBC nodes (exact finish, polish, --backend cbc)
  // Figures of the run for summary.json's "solver" member (name, value),
  // e.g. master rows and columns, mixed plants, tight rows by family.
  std::vector<std::pair<std::string, double>> stats;
};

// Sets res.stop and res.solution from res.status, res.gap and the plan, and
// never leaves a success word on a missed gap.
void settle_status(SolveResult& res, double target_gap);

// Seconds until the run's gap first reached `gap` (convergence rows of the
// foresight problem); NaN if it never did or the run has no bound (myopic).
double seconds_to_gap(const SolveResult& res, double gap);

// Rows no plan can meet (a floor above what its province can generate, or a
// cap that the relaxation of every plant taking every option cannot meet
// with the floors), as a message naming them; empty if none is found.
std::string prove_infeasible(const Problem& P);

SolveResult solve(const Problem& P, const SolverOptions& opt, const Prices* warm = nullptr);

}  // namespace pp
