#pragma once
// Coal power's Lagrangian dual function assembled directly from the
// per-plant DP, serially: per province and year sums, then the rows, as
// DualOracle computed it before coal moved onto the engine's seam. The
// reference for tests/test_engine_coal.cpp and, in bench/, the cost the seam
// is measured against.
#include <vector>

#include "model/problem.hpp"
#include "solver/price_layout.hpp"
#include "solver/subproblem.hpp"

namespace pp::test {

// L(y) and its subgradient g (PriceLayout order); paths: every plant's DP path.
inline double direct_dual(const Problem& P, const PriceLayout& L, const std::vector<double>& y, std::vector<double>& g,
                   std::vector<PlantPath>& paths) {
  const int n = P.n;
  std::vector<double> lam_pk, pi_pk;
  L.expand(P, y, lam_pk, pi_pk);
  const PriceView pv{lam_pk.data(), pi_pk.data(), L.n_mu ? y.data() + L.mu_off() : nullptr};
  thread_local Scratch s;  // warm across calls, as DualOracle's per-thread scratch was
  if (paths.size() != size_t(P.np)) paths.assign(size_t(P.np), {});
  double f = 0;
  for (int j = 0; j < P.np; ++j) f += solve_plant(P, j, pv, s, &paths[size_t(j)]) + P.fixed_npv[size_t(j)];
  for (size_t r = 0; r < L.n_lam; ++r) f += y[r] * P.emission_rows[r].rhs;
  for (size_t i = 0; i < L.n_pi; ++i) f -= y[L.pi_off() + i] * P.floor[size_t(L.pk_of_pi[i])];
  for (int k = 0; k < n; ++k)
    for (size_t c = 0; c < P.cells.size(); ++c)
      if (P.cell_row[c] >= 0) f += y[L.mu_off() + size_t(k) * P.n_cell_rows + P.cell_row[c]] * P.cells[c].supply_mwh;
  g.assign(L.dim(), 0.0);
  std::vector<double> E_pk(P.provinces.size() * n, 0.0), G_pk(P.provinces.size() * n, 0.0);
  for (int j = 0; j < P.np; ++j)
    for (int k = 0; k < n; ++k) {
      E_pk[size_t(P.province[j]) * n + k] += paths[size_t(j)].emissions[size_t(k)];
      G_pk[size_t(P.province[j]) * n + k] += paths[size_t(j)].generation[size_t(k)];
    }
  for (size_t r = 0; r < L.n_lam; ++r) {
    const auto& row = P.emission_rows[r];
    double act = 0;
    for (size_t p = 0; p < P.provinces.size(); ++p)
      if (row.covers(int(p)))
        for (int k = 0; k < n; ++k) act += row.weight[size_t(k)] * E_pk[p * n + k];
    g[r] = row.rhs - act;
  }
  for (size_t i = 0; i < L.n_pi; ++i) g[L.pi_off() + i] = G_pk[size_t(L.pk_of_pi[i])] - P.floor[size_t(L.pk_of_pi[i])];
  for (int k = 0; k < n; ++k)
    for (size_t c = 0; c < P.cells.size(); ++c)
      if (P.cell_row[c] >= 0) g[L.mu_off() + size_t(k) * P.n_cell_rows + P.cell_row[c]] = P.cells[c].supply_mwh;
  for (int j = 0; j < P.np; ++j)
    for (int k = 0; k < n; ++k)
      for (const Flow& fl : paths[size_t(j)].flows[size_t(k)])
        if (P.cell_row[fl.cell] >= 0) g[L.mu_off() + size_t(k) * P.n_cell_rows + P.cell_row[fl.cell]] -= fl.mwh;
  return f;
}

}  // namespace pp::test
