#pragma once
// Primal plans from a vertex of the master. At a basic solution every plant
// but at most one per tight coupling row sits on one column; those are fixed,
// and a small MIP (CBC) chooses one column for each mixed plant against the
// room the fixed plants leave in every row. The fixed-state LP then
// re-optimises u and the biomass flows of the whole fleet for those paths.
#include <cstdint>
#include <vector>

#include "model/evaluate.hpp"
#include "model/plan.hpp"
#include "model/problem.hpp"
#include "solver/cg/columns.hpp"
#include "solver/cg/master_lp.hpp"
#include "solver/log.hpp"
#include "solver/price_layout.hpp"

namespace pp {

struct VertexPrimal {
  bool found = false;        // a plan the evaluator accepts (or, in soft mode, any plan)
  Plan plan;
  Evaluation eval;
  int mixed = 0;             // plants on more than one column
  int mip_columns = 0;       // binaries of the MIP
  bool mip_optimal = false;  // the MIP over the candidates was solved to optimality
  std::vector<uint8_t> states;  // the chosen paths [j*n+k], also when not feasible
};

// y: the master's prices (USD), for the reduced costs that pick each mixed
// plant's candidates. allowed: per [j*n+k] the states a branch allows (null:
// all). mip_nodes: CBC's node limit (what makes the result reproducible);
// seconds: only the run's time left.
VertexPrimal primal_from_vertex(const Problem& P, const PriceLayout& L, const ColumnPool& pool, const MasterLp& M,
                                long mip_nodes, double seconds, const Log& log,
                                const std::vector<uint16_t>* allowed = nullptr);

// y . (activity of column c on the coupling rows), USD.
double priced_activity(const Problem& P, const PriceLayout& L, const ColumnPool& pool, int c,
                       const std::vector<double>& y);

// Whether column c respects the allowed states of its plant (null: yes).
bool column_allowed(const Problem& P, const ColumnPool& pool, int c, const std::vector<uint16_t>* allowed);

}  // namespace pp
