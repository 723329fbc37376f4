#pragma once
// Polish for small instances: the monolithic MILP restricted to the states
// the per-plant DPs chose at some prices during the decomposition (plus the
// incumbent plan's), solved by CBC with the incumbent's TC as cutoff. This is
// the "restricted master" heuristic of column generation: the prices say
// which technology paths are worth having; CBC picks the combination that
// meets every row. When there is no incumbent and the restricted MILP has no
// plan either, the unrestricted MILP gets the remaining time.
// The Lagrangian bound is kept: the restricted MILP's bound is not global.
#include "model/problem.hpp"
#include "solver/decomposition.hpp"
#include "solver/options.hpp"

namespace pp {

// Improves res.plan / res.eval / res.gap / res.status in place when CBC finds
// a better feasible plan within `seconds`. Returns true if it did.
bool polish_with_milp(const Problem& P, const SolverOptions& opt, double seconds, SolveResult& res);

// The exact finish of small instances (master "auto", at most
// opt.polish_max_plants plants): CBC on the whole MILP with the transition
// flows (whose LP relaxation is the column-generation bound), cut off at the
// incumbent, in the time left. Its bound, where it has
// one, is a global bound too: the result keeps the larger of the two.
void finish_with_milp(const Problem& P, const SolverOptions& opt, double seconds, SolveResult& res);

// The whole `solve`: the chosen backend, then the polish when it applies
// (decomposition backend, at most opt.polish_max_plants plants, gap not yet
// reached). The decomposition gets (1 - polish_share) of the time limit.
// Masters: "cg" branch-and-price alone; "bundle" the bundle and its polish;
// "auto" (default) column generation at the root then the exact finish up
// to opt.polish_max_plants plants; above, branch-and-price when no biomass
// cell is shared, else the bundle (papers/column-generation.md has the
// measurements behind the split).
// In myopic mode each step goes through this function.
SolveResult solve_with_backend(const Problem& P, const SolverOptions& opt, const Prices* warm = nullptr);

}  // namespace pp
