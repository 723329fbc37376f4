#pragma once
// `--backend cbc`: the monolithic MILP of formulation.hpp solved in process
// by COIN-OR CBC (CbcModel + OsiClpSolverInterface, through CbcMain1 so that
// CBC's default cuts, heuristics and preprocessing run), filling the same
// SolveResult as the decomposition so outputs compare file for file.
#include <limits>

#include "model/problem.hpp"
#include "solver/decomposition.hpp"
#include "solver/milp/formulation.hpp"
#include "solver/options.hpp"

namespace pp {

// Uses opt.time_limit (s), opt.gap (relative, CBC's ratioGap: (TC - bound) / TC
// since the objective is TC itself), opt.threads (0 = all hardware threads),
// opt.verbosity (CBC's log only at >= 2).
// status: kOptimalWithinGap, kTimeLimit (with or without a plan), kInfeasible,
// kError; iterations = branch-and-bound nodes; history = one row per
// improved solution and per tree-status event (best bound, best TC).
SolveResult solve_cbc(const Problem& P, const SolverOptions& opt);

// Same, on a model already built (lets callers reuse or modify it). With a
// finite cutoff_tc (USD) CBC prunes every node that cannot beat it, so a run
// that finds nothing better ends without a plan (status kInfeasible).
SolveResult solve_cbc(const Problem& P, const MilpModel& M, const SolverOptions& opt,
                      double cutoff_tc = std::numeric_limits<double>::infinity());

}  // namespace pp
