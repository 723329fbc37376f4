#include "solver/gap_split.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "solver/subproblem.hpp"

namespace pp {

GapSplit split_gap(const Problem& P, const PriceLayout& L, const std::vector<double>& y, double dual_npv,
                   const Plan& plan, const Evaluation& ev) {
  const int n = P.n;
  GapSplit g;
  g.total = dual_npv - ev.npv;
  std::vector<double> lam_pk, pi_pk;
  L.expand(P, y, lam_pk, pi_pk);
  const PriceView pr{lam_pk.data(), pi_pk.data(), L.n_mu ? y.data() + L.mu_off() : nullptr};
  // Per plant, stored and summed in plant order: the same split on any thread count.
  std::vector<double> loss(P.np, 0.0);
  tbb::enumerable_thread_specific<Scratch> scratch;
  tbb::parallel_for(0, P.np, [&](int j) {
    Scratch& s = scratch.local();
    const double best = solve_plant(P, j, pr, s, nullptr);
    loss[j] = best - path_value(P, j, &plan.state[plan.at(j, 0)], pr, s);
  });
  for (int j = 0; j < P.np; ++j) {
    g.paths += loss[j];
    g.plants_off_path += loss[j] > 1.0;
  }
  for (size_t r = 0; r < L.n_lam; ++r) {
    const auto& row = P.emission_rows[r];
    double e = 0;
    for (int k = 0; k < n; ++k)
      for (size_t p = 0; p < P.provinces.size(); ++p)
        if (row.covers(int(p))) e += row.weight[k] * ev.emissions_pk[p * n + k];
    g.room_emission += y[r] * (row.rhs - e);
  }
  for (size_t i = 0; i < L.n_pi; ++i) {
    const int pk = L.pk_of_pi[i];
    g.room_floor += y[L.pi_off() + i] * (ev.generation_pk[pk] - P.floor[pk]);
  }
  const size_t nc = P.cells.size();
  if (ev.cell_use.size() == size_t(n) * nc)
    for (int k = 0; k < n; ++k)
      for (size_t c = 0; c < nc; ++c)
        if (P.cell_row[c] >= 0)
          g.room_cell += y[L.mu_off() + size_t(k) * P.n_cell_rows + P.cell_row[c]] *
                         (P.cells[c].supply_mwh - ev.cell_use[size_t(k) * nc + c]);
  g.operation = g.total - g.paths - g.room_emission - g.room_floor - g.room_cell;
  return g;
}

}  // namespace pp
