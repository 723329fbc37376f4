#include "solver/coal_plant_oracle.hpp"

#include <cmath>
#include <string>

namespace pp {

std::vector<CouplingRow> coal_coupling_rows(const Problem& P, const PriceLayout& L) {
  std::vector<CouplingRow> rows;
  rows.reserve(L.dim());
  for (const EmissionRow& r : P.emission_rows) {
    int year = 0, years = 0;
    for (int k = 0; k < P.n; ++k)
      if (r.weight[k] != 0) year = P.years[size_t(k)], ++years;
    std::string scope = "all provinces";
    if (!r.provinces.empty()) {
      scope.clear();
      for (int p : r.provinces) scope += (scope.empty() ? "" : ",") + P.provinces[size_t(p)];
    }
    rows.push_back({"emission", scope, "t (x period weight)", r.label, RowSense::kLe, years == 1 ? year : 0, r.rhs});
  }
  for (size_t i = 0; i < L.n_pi; ++i) {
    const int pk = L.pk_of_pi[i];
    const int p = pk / P.n, k = pk % P.n;
    const std::string& prov = P.provinces[size_t(p)];
    const int year = P.years[size_t(k)];
    rows.push_back({"floor", prov, "MWh/yr", "floor " + prov + " " + std::to_string(year), RowSense::kGe, year,
                    P.floor[size_t(pk)]});
  }
  std::vector<int> cell_of_row(size_t(P.n_cell_rows), -1);
  for (size_t c = 0; c < P.cells.size(); ++c)
    if (P.cell_row[c] >= 0) cell_of_row[size_t(P.cell_row[c])] = static_cast<int>(c);
  for (int k = 0; k < P.n; ++k)
    for (int r = 0; r < P.n_cell_rows; ++r) {
      const CellRecord& c = P.cells[size_t(cell_of_row[size_t(r)])];
      const int year = P.years[size_t(k)];
      rows.push_back({"biomass cell", c.id, "MWh/yr", "cell " + c.id + " " + std::to_string(year), RowSense::kLe,
                      year, c.supply_mwh});
    }
  return rows;
}

CoalPlantOracle::CoalPlantOracle(const Problem& P, const PriceLayout& L)
    : P_(P), L_(L), rows_(coal_coupling_rows(P, L)), rows_of_province_(P.provinces.size()), paths_(size_t(P.np)),
      dp_values_(size_t(P.np), 0.0) {
  for (size_t r = 0; r < P.emission_rows.size(); ++r)
    for (size_t p = 0; p < P.provinces.size(); ++p)
      if (P.emission_rows[r].covers(static_cast<int>(p))) rows_of_province_[p].push_back(static_cast<int>(r));
}

void CoalPlantOracle::prepare(const std::vector<double>& y) { L_.expand(P_, y, lam_pk_, pi_pk_); }

double CoalPlantOracle::price_plant(int j, const std::vector<double>& y, std::vector<RowActivity>& activity) {
  const Problem& P = P_;
  const int n = P.n;
  const PriceView pv{lam_pk_.data(), pi_pk_.data(), L_.n_mu ? y.data() + L_.mu_off() : nullptr};
  PlantPath& path = paths_[size_t(j)];
  const double value =
      solve_plant(P, j, pv, scratch_.local(), &path, allowed_ ? allowed_->data() + size_t(j) * n : nullptr);
  dp_values_[size_t(j)] = value;
  activity.clear();
  if (!std::isfinite(value)) return value;  // no allowed path: no activity either
  const int p = P.province[size_t(j)];
  for (int r : rows_of_province_[size_t(p)]) {
    const EmissionRow& row = P.emission_rows[size_t(r)];
    double a = 0;
    for (int k = 0; k < n; ++k) a += row.weight[size_t(k)] * path.emissions[size_t(k)];
    if (a != 0) activity.push_back({r, a});
  }
  for (int k = 0; k < n; ++k) {
    const int i = L_.pi_of_pk[size_t(p) * n + k];
    if (i >= 0 && path.generation[size_t(k)] != 0)
      activity.push_back({static_cast<int>(L_.pi_off()) + i, path.generation[size_t(k)]});
  }
  if (L_.n_mu)
    for (int k = 0; k < n; ++k)
      for (const Flow& f : path.flows[size_t(k)]) {
        const int row = P.cell_row[size_t(f.cell)];
        if (row >= 0)
          activity.push_back({static_cast<int>(L_.mu_off() + size_t(k) * P.n_cell_rows + size_t(row)), f.mwh});
      }
  return value + P.fixed_npv[size_t(j)];
}

}  // namespace pp
