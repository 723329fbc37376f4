#pragma once
// A plain projected subgradient method for min_{y >= 0} f(y) (the Lagrangian
// dual), behind the same seam as the bundle (price_master.hpp), for
// comparing masters on one instance (--master subgradient). Polyak steps in
// the bundle's diagonal metric: y+ = max(0, y - s W^-1 g) with
// s = theta (f(y) - target) / |g|^2_{W^-1}, target the NPV of the best plan
// (a value no dual point goes below) or, without a plan, 5% under the best
// f; theta halves after `patience` iterations without a better f. Its
// primal estimate for the recovery is the plain average over the last
// `window` points (ergodic), its center the best point.
#include <deque>
#include <string>
#include <vector>

#include "solver/price_master.hpp"

namespace pp {

struct SubgradientSettings {
  double theta = 1.0;
  double theta_min = 1e-6;  // below it the method has stalled
  int patience = 20;
  int window = 30;
};

class SubgradientMaster : public PriceMaster {
 public:
  SubgradientMaster(std::vector<double> metric, SubgradientSettings s, std::vector<double> upper = {});
  void start(const std::vector<double>& y, double f, const std::vector<double>& g) override;
  double next_trial(std::vector<double>& y) override;
  bool report(const std::vector<double>& y, double f, const std::vector<double>& g) override;
  std::vector<std::pair<long, double>> weights() const override;
  const std::vector<double>& center() const override { return best_y_; }
  std::string describe() const override;
  void set_target(double f_target) override { target_ = f_target; }

 private:
  std::vector<double> w_, ub_;
  SubgradientSettings s_;
  std::vector<double> y_, g_, best_y_;
  double f_ = 0, f_best_ = 0, theta_ = 1;
  double target_;
  int since_best_ = 0;
  long next_id_ = 0;
  std::deque<long> recent_;
};

}  // namespace pp
