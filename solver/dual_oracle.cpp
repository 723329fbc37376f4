#include "solver/dual_oracle.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace pp {

DualOracle::DualOracle(const Problem& P, const PriceLayout& L) : P_(P), L_(L) {
  paths_.resize(P.np);
  values_.assign(P.np, 0.0);
}

double DualOracle::evaluate(const std::vector<double>& y, std::vector<double>* g) {
  const Problem& P = P_;
  const int n = P.n;
  L_.expand(P, y, lam_pk_, pi_pk_);
  PriceView pv{lam_pk_.data(), pi_pk_.data(), L_.n_mu ? y.data() + L_.mu_off() : nullptr};
  tbb::parallel_for(tbb::blocked_range<int>(0, P.np, 16), [&](const tbb::blocked_range<int>& r) {
    Scratch& s = scratch_.local();
    for (int j = r.begin(); j != r.end(); ++j)
      values_[j] = solve_plant(P, j, pv, s, &paths_[j], allowed_ ? allowed_->data() + size_t(j) * n : nullptr);
  });

  double f = 0;
  for (int j = 0; j < P.np; ++j) f += values_[j] + P.fixed_npv[j];
  for (size_t r = 0; r < L_.n_lam; ++r) f += y[r] * P.emission_rows[r].rhs;
  for (size_t i = 0; i < L_.n_pi; ++i) f -= y[L_.pi_off() + i] * P.floor[L_.pk_of_pi[i]];
  for (int k = 0; k < n; ++k)
    for (size_t c = 0; c < P.cells.size(); ++c) {
      const int row = P.cell_row[c];
      if (row >= 0) f += y[L_.mu_off() + size_t(k) * P.n_cell_rows + row] * P.cells[c].supply_mwh;
    }
  if (!g) return f;

  g->assign(L_.dim(), 0.0);
  std::vector<double>& gr = *g;
  // Emission rows: rhs - activity
  std::vector<double> E_pk(P.provinces.size() * n, 0.0), G_pk(P.provinces.size() * n, 0.0);
  for (int j = 0; j < P.np; ++j)
    for (int k = 0; k < n; ++k) {
      const size_t pk = size_t(P.province[j]) * n + k;
      E_pk[pk] += paths_[j].emissions[k];
      G_pk[pk] += paths_[j].generation[k];
    }
  for (size_t r = 0; r < L_.n_lam; ++r) {
    const auto& row = P.emission_rows[r];
    double act = 0;
    for (size_t p = 0; p < P.provinces.size(); ++p) {
      if (!row.covers(int(p))) continue;
      for (int k = 0; k < n; ++k) act += row.weight[k] * E_pk[p * n + k];
    }
    gr[r] = row.rhs - act;
  }
  for (size_t i = 0; i < L_.n_pi; ++i) gr[L_.pi_off() + i] = G_pk[L_.pk_of_pi[i]] - P.floor[L_.pk_of_pi[i]];
  if (L_.n_mu) {
    double* gm = gr.data() + L_.mu_off();
    for (int k = 0; k < n; ++k)
      for (size_t c = 0; c < P.cells.size(); ++c) {
        const int row = P.cell_row[c];
        if (row >= 0) gm[size_t(k) * P.n_cell_rows + row] = P.cells[c].supply_mwh;
      }
    for (int j = 0; j < P.np; ++j)
      for (int k = 0; k < n; ++k)
        for (const Flow& fl : paths_[j].flows[k]) {
          const int row = P.cell_row[fl.cell];
          if (row >= 0) gm[size_t(k) * P.n_cell_rows + row] -= fl.mwh;
        }
  }
  return f;
}

}  // namespace pp
