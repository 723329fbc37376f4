#include "solver/subgradient.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace pp {

SubgradientMaster::SubgradientMaster(std::vector<double> metric, SubgradientSettings s, std::vector<double> upper)
    : w_(std::move(metric)), ub_(std::move(upper)), s_(s), theta_(s.theta),
      target_(std::numeric_limits<double>::quiet_NaN()) {}

void SubgradientMaster::start(const std::vector<double>& y, double f, const std::vector<double>& g) {
  y_ = best_y_ = y;
  g_ = g;
  f_ = f_best_ = f;
  theta_ = s_.theta;
  since_best_ = 0;
  recent_.assign(1, next_id_++);
}

double SubgradientMaster::next_trial(std::vector<double>& y) {
  // A target above the best value would step backwards: never above it.
  double target = std::isfinite(target_) ? target_ : f_best_ - 0.05 * std::max(1.0, std::abs(f_best_));
  target = std::min(target, f_best_ - 1e-9 * std::max(1.0, std::abs(f_best_)));
  double norm = 0;  // |g|^2 in W^-1 over the components the projection lets move
  for (size_t i = 0; i < g_.size(); ++i)
    if (!(y_[i] <= 0 && g_[i] > 0) && !(!ub_.empty() && y_[i] >= ub_[i] && g_[i] < 0)) norm += g_[i] * g_[i] / w_[i];
  y = y_;
  if (theta_ < s_.theta_min || norm <= 0) return 0.0;
  const double step = theta_ * (f_ - target) / norm;
  for (size_t i = 0; i < y.size(); ++i) {
    y[i] = std::max(0.0, y_[i] - step * g_[i] / w_[i]);
    if (!ub_.empty()) y[i] = std::min(y[i], ub_[i]);
  }
  return std::max(0.0, f_best_ - target);
}

bool SubgradientMaster::report(const std::vector<double>& y, double f, const std::vector<double>& g) {
  recent_.push_back(next_id_++);
  while (static_cast<int>(recent_.size()) > s_.window) recent_.pop_front();
  y_ = y;
  g_ = g;
  f_ = f;
  if (f < f_best_) {
    f_best_ = f;
    best_y_ = y;
    since_best_ = 0;
    return true;
  }
  if (++since_best_ >= s_.patience) {
    theta_ *= 0.5;
    since_best_ = 0;
  }
  return false;
}

std::vector<std::pair<long, double>> SubgradientMaster::weights() const {
  std::vector<std::pair<long, double>> w;
  for (long id : recent_) w.push_back({id, 1.0 / double(recent_.size())});
  return w;
}

std::string SubgradientMaster::describe() const {
  char b[64];
  std::snprintf(b, sizeof b, "theta %.3g  points %zu", theta_, recent_.size());
  return b;
}

}  // namespace pp
