#include "solver/components.hpp"

#include <numeric>

namespace pp {

namespace {

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(int n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  }
  // The smaller root wins, so the grouping does not depend on the order of unions.
  void unite(int a, int b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace

std::vector<Component> coupling_components(const Problem& P) {
  const int npv = static_cast<int>(P.provinces.size());
  // Provinces are the nodes: plants of one province always share its floor.
  UnionFind uf(std::max(npv, 1));
  for (const auto& row : P.emission_rows) {
    if (row.provinces.empty()) {
      Component all;
      all.plants.resize(P.np);
      std::iota(all.plants.begin(), all.plants.end(), 0);
      return {all};
    }
    for (int p : row.provinces) uf.unite(row.provinces.front(), p);
  }
  std::vector<int> cell_province(P.cells.size(), -1);
  for (int j = 0; j < P.np; ++j)
    for (uint32_t a = P.adj_start[j]; a < P.adj_start[j + 1]; ++a) {
      const int32_t c = P.adj_cell[a];
      if (P.cell_row[c] < 0) continue;
      if (cell_province[c] < 0) cell_province[c] = P.province[j];
      uf.unite(cell_province[c], P.province[j]);
    }
  std::vector<int> comp_of_root(std::max(npv, 1), -1);
  std::vector<Component> out;
  for (int j = 0; j < P.np; ++j) {
    const int r = uf.find(P.province[j]);
    if (comp_of_root[r] < 0) {
      comp_of_root[r] = static_cast<int>(out.size());
      out.emplace_back();
    }
    out[comp_of_root[r]].plants.push_back(j);
  }
  return out;
}

Problem restrict_to(const Problem& P, Component& c) {
  const int n = P.n;
  const size_t npv = P.provinces.size();
  Problem S;
  S.prm = P.prm;
  S.years = P.years;
  S.n = n;
  S.provinces = P.provinces;
  S.countries = P.countries;
  S.province_country = P.province_country;
  S.cells = P.cells;
  S.pathway = P.pathway;
  S.dk = P.dk;
  S.np = static_cast<int>(c.plants.size());

  std::vector<char> in_province(npv, 0);
  S.adj_start.reserve(c.plants.size() + 1);
  S.adj_start.push_back(0);
  for (int j : c.plants) {
    S.plants.push_back(P.plants[j]);
    S.province.push_back(P.province[j]);
    in_province[P.province[j]] = 1;
    S.K.push_back(P.K[j]);
    S.H.push_back(P.H[j]);
    S.e.push_back(P.e[j]);
    S.D.push_back(P.D[j]);
    S.installed.push_back(P.installed[j]);
    S.first_k.push_back(P.first_k[j]);
    S.last_k.push_back(P.last_k[j]);
    S.disc.insert(S.disc.end(), P.disc.begin() + size_t(j) * n, P.disc.begin() + size_t(j + 1) * n);
    S.fixed_npv.push_back(P.fixed_npv[j]);
    S.u_flex_lo.push_back(P.u_flex_lo[j]);
    S.plant_npv_bau.push_back(P.plant_npv_bau[j]);
    S.npv_bau += P.plant_npv_bau[j];
    for (uint32_t a = P.adj_start[j]; a < P.adj_start[j + 1]; ++a) {
      S.adj_cell.push_back(P.adj_cell[a]);
      S.adj_dist.push_back(P.adj_dist[a]);
    }
    S.adj_start.push_back(static_cast<uint32_t>(S.adj_cell.size()));
  }

  // A shared cell's plants all lie in one component, so its row carries over.
  S.cell_row.assign(P.cells.size(), -1);
  c.cell_row.clear();
  for (int32_t cell : S.adj_cell)
    if (P.cell_row[cell] >= 0 && S.cell_row[cell] < 0) S.cell_row[cell] = -2;
  for (size_t cell = 0; cell < P.cells.size(); ++cell)
    if (S.cell_row[cell] == -2) {
      S.cell_row[cell] = S.n_cell_rows++;
      c.cell_row.push_back(P.cell_row[cell]);
    }

  c.emission_row.clear();
  for (size_t r = 0; r < P.emission_rows.size(); ++r) {
    const auto& row = P.emission_rows[r];
    bool mine = row.provinces.empty();
    for (int p : row.provinces) mine = mine || in_province[p];
    if (!mine) continue;
    S.emission_rows.push_back(row);
    c.emission_row.push_back(static_cast<int>(r));
  }

  S.floor.assign(P.floor.size(), 0.0);
  S.bau_emissions.assign(n, 0.0);
  S.bau_emissions_pk.assign(P.bau_emissions_pk.size(), 0.0);
  S.bau_generation_pk.assign(P.bau_generation_pk.size(), 0.0);
  for (size_t p = 0; p < npv; ++p) {
    if (!in_province[p]) continue;
    for (int k = 0; k < n; ++k) {
      const size_t i = p * n + k;
      S.floor[i] = P.floor[i];
      S.bau_emissions_pk[i] = P.bau_emissions_pk[i];
      S.bau_generation_pk[i] = P.bau_generation_pk[i];
      S.bau_emissions[k] += P.bau_emissions_pk[i];
    }
  }
  return S;
}

}  // namespace pp
