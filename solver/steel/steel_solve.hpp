#pragma once
// The steel sector's decomposition: a price master (bundle or subgradient,
// solver/price_master.hpp) over the coupling rows, the block DPs through
// the plant oracle, and a cheap recovery every `recovery_every` iterations
// (iteration counts only, so the schedule does not depend on the clock).
// When the master stops short of the gap: a CBC MIP over the states the DP
// chose for each block-year at some price (node-limited), its plan
// re-optimised by the fixed-state LP over every pool; on instances of at
// most `milp_max_blocks` blocks the whole MILP then proves the optimum.
#include <string>
#include <vector>

#include "model/steel/steel_model.hpp"
#include "solver/status.hpp"

namespace pp::steel {

struct SolveOptions {
  double time_limit = 60;      // s, (0, 1e6]
  double gap = 1e-3;           // relative, [0, 1)
  int max_iterations = 100000; // [1, 1e9]
  int threads = 0;             // 0: all
  int recovery_every = 50;     // [1, 1e6] master iterations between cheap recoveries
  int repair_rounds = 4;       // [0, 1000] price raises of a cheap recovery
  long mip_nodes = 500;        // [0, 1e9] node limit of the MIP over the states seen (0: skip it)
  int mip_window = 30;         // [1, 1e6] the MIP's states: those the DP chose in this many last iterations
  int mip_pools = 4;           // [0, 1000] cheapest pools per block in that MIP (0: all)
  int milp_max_blocks = 60;    // [0, 1e6] up to this many blocks the whole MILP finishes the run
  int flat_window = 100;       // [1, 1e6] iterations over which the bound must gain
  double flat_gain = 0.1;      // (0, 1] this share of the target gap (relative) for the master to go on
  double master_share = 0.6;   // (0, 1] of the time limit for the master when the gap is not reached
  std::string master = "bundle";  // bundle | subgradient
  int verbosity = 1;
  std::string check() const;   // empty if valid
  // Sets a numeric option by name (recovery_every, repair_rounds, mip_nodes,
  // mip_pools, mip_window, milp_max_blocks, flat_window, flat_gain, master_share); an error message or "".
  std::string set(const std::string& name, const std::string& value);
};

struct ConvergencePoint {
  int iteration;
  double seconds, bound, best_tc, gap;
};

struct SolveResult {
  Status status = Status::kError;
  StopReason stop = StopReason::kError;
  SolutionState solution = SolutionState::kNone;
  std::string message;
  Plan plan;
  Evaluation eval;
  double bound = -1e300;       // million USD, lower bound on TC
  double gap = 1.0;
  int iterations = 0, recoveries = 0;
  double seconds = 0;
  std::vector<double> prices;  // best dual point, per row
  std::vector<ConvergencePoint> history;
};

SolveResult solve(const Problem& P, const SolveOptions& opt);

// Plan of fixed states repaired until it meets every row, starting from
// the oracle's paths at prices y: rows still short get their price raised
// and every block re-priced. Exposed for tests.
bool recover(const Problem& P, std::vector<double> y, int rounds, Plan& plan, Evaluation& ev);

}  // namespace pp::steel
