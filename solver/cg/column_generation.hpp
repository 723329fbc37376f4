#pragma once
// `--master cg`: Dantzig-Wolfe column generation over per-plant paths with
// branch-and-price (papers/decomposition.md). The master LP (master_lp.hpp)
// holds one convexity row per plant and the coupling rows; the per-plant DP
// prices columns at Wentges-smoothed duals with a self-adjusting weight
// (Pessoa et al. 2013); the certified bound is the Lagrangian value at the
// best dual point; plans come from the master's vertex (vertex_primal.hpp).
// When the LP bound stalls above the target gap, nodes branch on a mixed
// plant's state at a decision year (the DP forbids states at a node),
// explored best bound first. Every schedule counts pricing rounds and nodes;
// the clock only decides where the run stops.
#include "model/problem.hpp"
#include "solver/decomposition.hpp"
#include "solver/options.hpp"

namespace pp {

SolveResult solve_column_generation(const Problem& P, const SolverOptions& opt, const Prices* warm = nullptr);

}  // namespace pp
