#pragma once
// A linear programme built from triplets and solved by CLP's dual simplex
// (primal simplex if the dual does not finish). Used by the sectors'
// fixed-state LPs.
#include <vector>

namespace pp {

class LpBuilder {
 public:
  static constexpr double kInf = 1e30;
  int add_col(double lo, double up, double cost) {
    lb_.push_back(lo);
    ub_.push_back(up);
    obj_.push_back(cost);
    return static_cast<int>(lb_.size()) - 1;
  }
  int add_row(double lo, double up) {
    rlo_.push_back(lo);
    rhi_.push_back(up);
    return static_cast<int>(rlo_.size()) - 1;
  }
  void put(int row, int col, double v) {
    ri_.push_back(row);
    ci_.push_back(col);
    v_.push_back(v);
  }
  int cols() const { return static_cast<int>(lb_.size()); }
  // Minimises; true if CLP proved an optimum. x gets the column values.
  bool minimise(std::vector<double>& x, double* objective = nullptr) const;

 private:
  std::vector<double> lb_, ub_, obj_, rlo_, rhi_, v_;
  std::vector<int> ri_, ci_;
};

}  // namespace pp
