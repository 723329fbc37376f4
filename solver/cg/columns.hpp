#pragma once
// The column pool of the Dantzig-Wolfe master: per plant, the distinct
// technology paths (with their u and biomass flows) the DP has returned at
// some prices. A column knows its true NPV and its activity on every
// coupling row; the master, the vertex primal and branch-and-price read
// plants only through these columns and the oracle that makes them.
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "model/plan.hpp"
#include "model/problem.hpp"
#include "solver/price_layout.hpp"
#include "solver/subproblem.hpp"

namespace pp {

class ColumnPool {
 public:
  explicit ColumnPool(const Problem& P);

  // Adds the plant's path unless an identical column exists; `npv` is the
  // path's NPV over its decision periods (USD, no prices, fixed_npv excluded).
  // Returns the new column's index, or -1 for a duplicate.
  int add(int j, const PlantPath& path, double npv);

  size_t size() const { return plant_.size(); }
  int plant(size_t c) const { return plant_[c]; }
  double npv(size_t c) const { return npv_[c]; }
  const uint8_t* states(size_t c) const { return &state_[c * n_]; }
  double u(size_t c, int k) const { return u_[c * n_ + k]; }
  double gen(size_t c, int k) const { return gen_[c * n_ + k]; }
  double emis(size_t c, int k) const { return emis_[c * n_ + k]; }
  // Flows of column c: entries [flow_begin(c), flow_end(c)).
  uint32_t flow_begin(size_t c) const { return flow_start_[c]; }
  uint32_t flow_end(size_t c) const { return flow_start_[c + 1]; }
  int flow_k(uint32_t i) const { return flow_k_[i]; }
  int flow_cell(uint32_t i) const { return flow_cell_[i]; }
  double flow_mwh(uint32_t i) const { return flow_mwh_[i]; }
  const std::vector<int>& of_plant(int j) const { return of_plant_[j]; }

  // Writes column c into plan row j (states, u, flows).
  void to_plan(size_t c, Plan& plan) const;

 private:
  const Problem& P_;
  int n_;
  std::vector<int> plant_;
  std::vector<double> npv_;
  std::vector<uint8_t> state_;
  std::vector<double> u_, gen_, emis_;
  std::vector<uint32_t> flow_start_{0};
  std::vector<int32_t> flow_k_, flow_cell_;
  std::vector<double> flow_mwh_;
  std::vector<std::vector<int>> of_plant_;
  std::vector<std::unordered_set<uint64_t>> keys_;
};

// Column c's activity on the coupling rows, in physical units (t, MWh):
// emission(r, a) per emission row r it touches, floor(i, g) per floor price
// i of the layout, cell(kr, x) per shared cell-year kr = k * n_cell_rows +
// cell_row. The master, the vertex MIP and the reduced costs all read a
// column through this one function.
template <class Emission, class Floor, class Cell>
void for_each_activity(const Problem& P, const PriceLayout& L, const ColumnPool& pool, int c, Emission emission,
                       Floor floor, Cell cell) {
  const int j = pool.plant(c), n = P.n, p = P.province[j];
  for (size_t r = 0; r < P.emission_rows.size(); ++r) {
    const auto& row = P.emission_rows[r];
    if (!row.covers(p)) continue;
    double a = 0;
    for (int k = 0; k < n; ++k) a += row.weight[k] * pool.emis(c, k);
    if (a != 0) emission(static_cast<int>(r), a);
  }
  for (int k = 0; k < n; ++k) {
    const int i = L.pi_of_pk[size_t(p) * n + k];
    if (i >= 0 && pool.gen(c, k) != 0) floor(i, pool.gen(c, k));
  }
  for (uint32_t f = pool.flow_begin(c); f < pool.flow_end(c); ++f) {
    const int row = P.cell_row[pool.flow_cell(f)];
    if (row >= 0) cell(size_t(pool.flow_k(f)) * P.n_cell_rows + row, pool.flow_mwh(f));
  }
}

// NPV of a DP path from its priced value: value + the prices it paid.
double path_npv(const Problem& P, int j, const PlantPath& path, const PriceView& pr);

}  // namespace pp
