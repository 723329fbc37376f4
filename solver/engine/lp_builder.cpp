#include "solver/engine/lp_builder.hpp"

#include <coin/ClpSimplex.hpp>
#include <coin/CoinPackedMatrix.hpp>

namespace pp {

bool LpBuilder::minimise(std::vector<double>& x, double* objective) const {
  ClpSimplex model;
  model.setLogLevel(0);
  CoinPackedMatrix M(true, ri_.data(), ci_.data(), v_.data(), static_cast<CoinBigIndex>(v_.size()));
  M.setDimensions(static_cast<int>(rlo_.size()), static_cast<int>(lb_.size()));
  model.loadProblem(M, lb_.data(), ub_.data(), obj_.data(), rlo_.data(), rhi_.data());
  model.dual();
  if (model.status() != 0) model.primal();
  if (model.status() != 0) return false;
  const double* sol = model.primalColumnSolution();
  x.assign(sol, sol + lb_.size());
  if (objective) *objective = model.objectiveValue();
  return true;
}

}  // namespace pp
