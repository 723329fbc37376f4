#include "solver/decomposition.hpp"

namespace pp {

// Myopic mode (MODEL.md section 7) comes with issue 4.
SolveResult solve_myopic(const Problem&, const SolverOptions&) {
  SolveResult r;
  r.status = Status::kError;
  r.message = "myopic mode is not implemented yet";
  return r;
}

}  // namespace pp
