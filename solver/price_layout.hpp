#pragma once
// Where each price lives in the master's vector y:
//   [ emission rows | floors with Emin > 0 | cells with a row, per decision year ]
// and how y expands into the per-(province, year) arrays the subproblem reads.
#include <vector>

#include "model/problem.hpp"
#include "solver/decomposition.hpp"

namespace pp {

struct PriceLayout {
  size_t n_lam = 0, n_pi = 0, n_mu = 0;
  std::vector<int> pi_of_pk;   // [p*n+k] -> index among the floor prices, -1 if no floor
  std::vector<int> pk_of_pi;   // inverse
  size_t dim() const { return n_lam + n_pi + n_mu; }
  size_t pi_off() const { return n_lam; }
  size_t mu_off() const { return n_lam + n_pi; }

  explicit PriceLayout(const Problem& P) {
    n_lam = P.emission_rows.size();
    pi_of_pk.assign(P.floor.size(), -1);
    for (size_t pk = 0; pk < P.floor.size(); ++pk)
      if (P.floor[pk] > 0) {
        pi_of_pk[pk] = static_cast<int>(pk_of_pi.size());
        pk_of_pi.push_back(static_cast<int>(pk));
      }
    n_pi = pk_of_pi.size();
    n_mu = size_t(P.n) * P.n_cell_rows;
  }

  // lam_pk / pi_pk as the subproblem reads them.
  void expand(const Problem& P, const std::vector<double>& y, std::vector<double>& lam_pk,
              std::vector<double>& pi_pk) const {
    const size_t npk = P.provinces.size() * P.n;
    lam_pk.assign(npk, 0.0);
    pi_pk.assign(npk, 0.0);
    for (size_t r = 0; r < n_lam; ++r) {
      const auto& row = P.emission_rows[r];
      for (int k = 0; k < P.n; ++k) {
        if (row.weight[k] == 0) continue;
        if (!row.provinces.empty()) {
          for (int p : row.provinces) lam_pk[size_t(p) * P.n + k] += y[r] * row.weight[k];
        } else {
          for (size_t p = 0; p < P.provinces.size(); ++p) lam_pk[p * P.n + k] += y[r] * row.weight[k];
        }
      }
    }
    for (size_t i = 0; i < n_pi; ++i) pi_pk[pk_of_pi[i]] = y[pi_off() + i];
  }

  std::vector<double> pack(const Prices& pr) const {
    std::vector<double> y(dim(), 0.0);
    for (size_t i = 0; i < n_lam && i < pr.lam.size(); ++i) y[i] = pr.lam[i];
    for (size_t i = 0; i < n_pi; ++i)
      if (size_t(pk_of_pi[i]) < pr.pi.size()) y[pi_off() + i] = pr.pi[pk_of_pi[i]];
    for (size_t i = 0; i < n_mu && i < pr.mu.size(); ++i) y[mu_off() + i] = pr.mu[i];
    return y;
  }
  Prices unpack(const Problem& P, const std::vector<double>& y) const {
    Prices pr;
    pr.lam.assign(y.begin(), y.begin() + n_lam);
    pr.pi.assign(P.floor.size(), 0.0);
    for (size_t i = 0; i < n_pi; ++i) pr.pi[pk_of_pi[i]] = y[pi_off() + i];
    pr.mu.assign(y.begin() + mu_off(), y.end());
    return pr;
  }
};

}  // namespace pp
