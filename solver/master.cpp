#include "solver/master.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace pp {

BundleMaster::BundleMaster(std::vector<double> metric, BundleSettings s, std::vector<double> upper)
    : w_(std::move(metric)), ub_(std::move(upper)), s_(s), t_(s.t_initial) {}

void BundleMaster::start(const std::vector<double>& y, double f, const std::vector<double>& g) {
  center_ = y;
  f_center_ = f;
  cuts_.clear();
  add_cut(g, 0.0);
}

void BundleMaster::add_cut(const std::vector<double>& g, double err) {
  if (static_cast<int>(cuts_.size()) >= s_.max_cuts) {
    // Drop the cut idle longest (never the newest ones, which carry the aggregate).
    size_t worst = 0;
    for (size_t i = 1; i < cuts_.size(); ++i)
      if (cuts_[i].idle > cuts_[worst].idle || (cuts_[i].idle == cuts_[worst].idle && cuts_[i].err > cuts_[worst].err))
        worst = i;
    cuts_.erase(cuts_.begin() + worst);
  }
  cuts_.push_back({g, std::max(0.0, err), 0, next_id_++, 0.0});
}

// Dual of the proximal master restricted to the active components:
//   max_{alpha in simplex} -sum a_l e_l + gbar.d + (1/2t) sum w d^2,
//   d(alpha) = max(-center, -(t/w) gbar), gbar = sum alpha_l g_l,
// whose gradient is -e_l + g_l.d(alpha). Projected gradient with backtracking:
// the bundle is small, the active set is what makes it cheap.
void BundleMaster::solve_qp(std::vector<double>& alpha) {
  const size_t m = cuts_.size();
  const size_t dim = center_.size();
  active_.clear();
  for (size_t i = 0; i < dim; ++i) {
    bool act = center_[i] > 0 && (ub_.empty() || ub_[i] > 0);
    for (size_t l = 0; l < m && !act; ++l) act = cuts_[l].g[i] < 0;
    if (act) active_.push_back(i);
  }
  const size_t na = active_.size();
  std::vector<double> G(m * na);
  for (size_t l = 0; l < m; ++l)
    for (size_t a = 0; a < na; ++a) G[l * na + a] = cuts_[l].g[active_[a]];
  std::vector<double> c(na), wa(na), room(na);
  for (size_t a = 0; a < na; ++a) {
    c[a] = center_[active_[a]];
    wa[a] = w_[active_[a]];
    room[a] = ub_.empty() ? 1e300 : ub_[active_[a]] - c[a];
  }

  std::vector<double> gbar(na), d(na), grad(m);
  auto eval = [&](const std::vector<double>& al, std::vector<double>* gr) {
    std::fill(gbar.begin(), gbar.end(), 0.0);
    for (size_t l = 0; l < m; ++l)
      if (al[l] != 0)
        for (size_t a = 0; a < na; ++a) gbar[a] += al[l] * G[l * na + a];
    double h = 0;
    for (size_t l = 0; l < m; ++l) h -= al[l] * cuts_[l].err;
    for (size_t a = 0; a < na; ++a) {
      d[a] = std::min(room[a], std::max(-c[a], -(t_ / wa[a]) * gbar[a]));
      h += gbar[a] * d[a] + 0.5 / t_ * wa[a] * d[a] * d[a];
    }
    if (gr)
      for (size_t l = 0; l < m; ++l) {
        double s = -cuts_[l].err;
        for (size_t a = 0; a < na; ++a) s += G[l * na + a] * d[a];
        (*gr)[l] = s;
      }
    return h;
  };
  auto project_simplex = [](std::vector<double>& v) {
    std::vector<double> u(v);
    std::sort(u.begin(), u.end(), std::greater<>());
    double cum = 0, theta = 0;
    for (size_t i = 0; i < u.size(); ++i) {
      cum += u[i];
      const double th = (cum - 1.0) / double(i + 1);
      if (u[i] - th > 0) theta = th;
    }
    for (auto& x : v) x = std::max(0.0, x - theta);
  };

  // Warm start from the last QP's weights (a new cut starts at 0): the
  // bundle changes by one cut per iteration, so its optimum moves little.
  if (alpha.size() != m) {
    alpha.assign(m, 0.0);
    double sum = 0;
    for (size_t l = 0; l < m; ++l) sum += alpha[l] = cuts_[l].alpha;
    if (sum > 0) {
      for (auto& a : alpha) a /= sum;
    } else {
      alpha[m - 1] = 1.0;
    }
  }
  double h = eval(alpha, &grad);
  // Step from a curvature estimate: t * max ||g_l||_W^-1^2.
  double L = 0;
  for (size_t l = 0; l < m; ++l) {
    double s = 0;
    for (size_t a = 0; a < na; ++a) s += G[l * na + a] * G[l * na + a] / wa[a];
    L = std::max(L, s);
  }
  double step = L > 0 ? 1.0 / (t_ * L) : 1.0;
  std::vector<double> trial(m), gtrial(m);
  for (int it = 0; it < s_.qp_iterations; ++it) {
    bool moved = false;
    for (int bt = 0; bt < 30; ++bt) {
      for (size_t l = 0; l < m; ++l) trial[l] = alpha[l] + step * grad[l];
      project_simplex(trial);
      const double ht = eval(trial, &gtrial);
      if (ht >= h - 1e-15 * std::abs(h)) {
        double change = 0;
        for (size_t l = 0; l < m; ++l) change += std::abs(trial[l] - alpha[l]);
        alpha.swap(trial);
        grad.swap(gtrial);
        const double gain = ht - h;
        h = ht;
        step *= 1.5;
        moved = change > 1e-12 && gain > 1e-14 * (1 + std::abs(h));
        break;
      }
      step *= 0.5;
    }
    if (!moved) break;
  }
  eval(alpha, &grad);  // leaves d for alpha
  d_.assign(dim, 0.0);
  for (size_t a = 0; a < na; ++a) d_[active_[a]] = d[a];
}

std::string BundleMaster::describe() const {
  char b[64];
  std::snprintf(b, sizeof b, "t %.3g  cuts %zu", t_, cuts_.size());
  return b;
}

std::vector<std::pair<long, double>> BundleMaster::weights() const {
  std::vector<std::pair<long, double>> w;
  for (const auto& c : cuts_) w.push_back({c.id, c.alpha});
  return w;
}

double BundleMaster::next_trial(std::vector<double>& y) {
  std::vector<double> alpha;
  solve_qp(alpha);
  // Aggregate: cuts with zero weight age; the model value at the trial.
  double model = -1e300;
  for (size_t l = 0; l < cuts_.size(); ++l) {
    double v = -cuts_[l].err;
    for (size_t a : active_) v += cuts_[l].g[a] * d_[a];
    model = std::max(model, v);
    cuts_[l].idle = alpha[l] > 1e-12 ? 0 : cuts_[l].idle + 1;
    cuts_[l].alpha = alpha[l];
  }
  predicted_ = std::max(0.0, -model);
  y.resize(center_.size());
  for (size_t i = 0; i < y.size(); ++i) {
    y[i] = std::max(0.0, center_[i] + d_[i]);
    if (!ub_.empty()) y[i] = std::min(y[i], ub_[i]);
  }
  return predicted_;
}

bool BundleMaster::report(const std::vector<double>& y, double f, const std::vector<double>& g) {
  // Linearisation error of the new cut at the center: f_c - (f + g.(c - y)).
  double gd = 0;
  for (size_t i = 0; i < y.size(); ++i) gd += g[i] * (center_[i] - y[i]);
  const double err_new = f_center_ - (f + gd);
  const double actual = f_center_ - f;
  const bool serious = actual >= s_.descent * predicted_ && actual > 0;
  if (serious) {
    // Move the center: errors shift by f_new - f_old - g_l.(y - c).
    for (auto& c : cuts_) {
      double s = 0;
      for (size_t i = 0; i < y.size(); ++i) s += c.g[i] * (y[i] - center_[i]);
      c.err = std::max(0.0, c.err + f - f_center_ - s);
    }
    center_ = y;
    f_center_ = f;
    add_cut(g, 0.0);
    if (actual >= 0.8 * predicted_) t_ = std::min(s_.t_max, t_ * 2.0);
    null_steps_ = 0;
  } else {
    add_cut(g, err_new);
    if (++null_steps_ >= 3 || actual < -predicted_) {
      t_ = std::max(s_.t_min, t_ * 0.5);
      null_steps_ = 0;
    }
  }
  return serious;
}

}  // namespace pp
