#pragma once
// The steel sector's monolithic MILP (papers/steel-model.md section 7),
// for cross-checks on small instances: one-hot state binaries per block
// and decision year, transition flows between consecutive years (so the LP
// relaxation is the convex hull of each block's state paths), output and
// scrap per state, pool-to-block flows, and the coupling rows. Solved by
// CBC (plain branch and bound, one thread, so the result is reproducible).
#include "model/steel/steel_model.hpp"

namespace pp::steel {

struct MilpResult {
  bool optimal = false;  // CBC proved the optimum (within 1e-9 relative)
  bool proven = false;   // the search finished: optimal, or nothing below the cutoff
  bool node_limited = false;  // it stopped on max_nodes
  double tc = 0;         // million USD
  double bound = 0;      // CBC's best bound, million USD
  Plan plan;
  long nodes = 0;
  double seconds = 0;
};

struct MilpOptions {
  double time_limit = 60;   // s
  long max_nodes = -1;      // CBC node limit (< 0: none); the reproducible stop
  // Per (j, k) the states a block may take (bit s); null: every state. A
  // restricted MILP's bound is not a bound on the model.
  const std::vector<uint8_t>* allowed = nullptr;
  int max_pools = 0;        // per block, only its this many cheapest pools (and its own); 0: all
  double cutoff = 1e300;    // million USD: only plans cheaper than this
  double target = -1e300;   // million USD: stop at the first plan at most this (the gap is met)
};

MilpResult solve_milp(const Problem& P, const MilpOptions& o);
// `--backend cbc`: the whole MILP in CBC for comparison, as a SolveResult.
struct SolveOptions;
struct SolveResult;
SolveResult solve_cbc(const Problem& P, const SolveOptions& opt);
inline MilpResult solve_milp(const Problem& P, double time_limit_s) {
  MilpOptions o;
  o.time_limit = time_limit_s;
  return solve_milp(P, o);
}

}  // namespace pp::steel
