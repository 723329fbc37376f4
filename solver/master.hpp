#pragma once
// Proximal bundle method for min_{y >= 0} f(y), f convex and known only
// through values and subgradients (here: the Lagrangian dual, an upper bound
// on the optimal NPV). The proximal term uses a diagonal metric so that rows
// of very different size (national caps in t, cells in MWh) move their
// prices by comparable relative violations.
#include <cstddef>
#include <string>
#include <vector>

#include "solver/price_master.hpp"

namespace pp {

struct BundleSettings {
  double t_initial = 100;   // proximal parameter (step scale)
  double t_min = 1e-6, t_max = 1e9;
  int max_cuts = 30;
  double descent = 0.1;     // serious step if actual >= descent * predicted decrease
  int qp_iterations = 400;
};

class BundleMaster : public PriceMaster {
 public:
  // upper: price caps (empty: none), e.g. the violation penalty in soft mode.
  BundleMaster(std::vector<double> metric, BundleSettings s, std::vector<double> upper = {});

  // First evaluation (the center).
  void start(const std::vector<double>& y, double f, const std::vector<double>& g) override;
  // Next trial point; returns the predicted decrease f(center) - model(trial) >= 0.
  double next_trial(std::vector<double>& y) override;
  // Result at the last trial point. Returns true on a serious step.
  bool report(const std::vector<double>& y, double f, const std::vector<double>& g) override;

  // Cuts are numbered in the order they were given (start: 0, each report: the next).
  // Their weights in the last QP: the aggregate primal is the same mix of the
  // subproblem solutions that produced them.
  std::vector<std::pair<long, double>> weights() const override;

  const std::vector<double>& center() const override { return center_; }
  std::string describe() const override;
  double center_value() const { return f_center_; }
  double t() const { return t_; }
  size_t cuts() const { return cuts_.size(); }

 private:
  struct Cut {
    std::vector<double> g;
    double err;   // linearisation error at the center, >= 0
    int idle = 0; // consecutive QPs with zero weight
    long id = 0;
    double alpha = 0;
  };
  void add_cut(const std::vector<double>& g, double err);
  void solve_qp(std::vector<double>& alpha);

  std::vector<double> w_;       // metric
  std::vector<double> ub_;      // upper bounds (empty: none)
  BundleSettings s_;
  double t_;
  std::vector<double> center_;
  double f_center_ = 0;
  std::vector<Cut> cuts_;
  std::vector<double> d_;       // last trial step
  double predicted_ = 0;
  int null_steps_ = 0;
  long next_id_ = 0;
  // active components of the last QP (center > 0 or some cut pushes up)
  std::vector<size_t> active_;
};

}  // namespace pp
