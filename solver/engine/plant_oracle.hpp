#pragma once
// The seam between a master and its blocks (as SMS++ keeps it): the master
// sees a plant only through this oracle. Given prices on the sector's
// coupling rows, the oracle returns the plant's best path value and the
// path's sparse activity on the rows, and keeps the path for the recovery.
// A sector implements it once (solver/steel/steel_oracle.hpp).
#include <vector>

#include "model/engine/coupling_rows.hpp"

namespace pp {

class PlantOracle {
 public:
  virtual ~PlantOracle() = default;
  virtual int plants() const = 0;
  virtual const std::vector<CouplingRow>& rows() const = 0;
  // Called once per evaluation, before any price_plant at y: a sector whose
  // blocks read prices in another shape (coal power's per province and
  // year) converts them here once, not once per plant.
  virtual void prepare(const std::vector<double>& /*y*/) {}
  // Plant j's best path at prices y (one per row, >= 0): the largest
  //   -cost - sum_{<= rows} y_r a_r + sum_{>= rows} y_r a_r
  // over its paths. Writes its activity (cleared first) and keeps the path
  // as plant j's last. Called concurrently for distinct j.
  virtual double price_plant(int j, const std::vector<double>& y, std::vector<RowActivity>& activity) = 0;
};

// The Lagrangian dual function over every plant (TBB, reduced in plant
// order, so the value and subgradient do not depend on the thread count):
//   f(y) = sum_j price_plant(j, y) + sum_{<=} y_r rhs_r - sum_{>=} y_r rhs_r,
// an upper bound on the optimal -cost; g its subgradient.
class DualFunction {
 public:
  explicit DualFunction(PlantOracle& o);
  double evaluate(const std::vector<double>& y, std::vector<double>* g);
  const std::vector<double>& values() const { return values_; }
  // The activity of each plant's last path.
  const std::vector<std::vector<RowActivity>>& activities() const { return act_; }

 private:
  PlantOracle& o_;
  // Per row +1 (<=) or -1 (>=) and sign * rhs, in flat arrays: the rows'
  // records are large (labels), and the reduction touches one per activity.
  std::vector<double> sign_, signed_rhs_;
  std::vector<double> values_;
  std::vector<std::vector<RowActivity>> act_;
};

}  // namespace pp
