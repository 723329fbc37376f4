#include "solver/recovery.hpp"

#include <coin/ClpSimplex.hpp>
#include <coin/CoinPackedMatrix.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include <tbb/parallel_for.h>

namespace pp {

namespace {

// LP units: GWh, kt, million USD (keeps CLP's coefficients near 1).
constexpr double kE = 1e-3;      // MWh -> GWh, t -> kt
constexpr double kMoney = 1e-6;  // USD -> MUSD
constexpr double kSlackCost = 1e3;  // MUSD per kt or GWh short: far above any real marginal cost
// Candidate cells of a BE plant-year: the cheapest (haulage + cell price)
// until their supply covers kCover times the plant's biomass limit. Neighbours
// draw on the same nearest cells, so a small cover starves plants that have
// plenty of biomass farther out (China, 30 s runs: cover 2 left BE plants burning
// 40-60% of their limit with 100 TWh in reach, TC 1,385 bn; cover 6 or 12:
// 1,357 bn; every cell in reach: one LP per recovery too slow).
constexpr double kCover = 6.0;

struct Lp {
  std::vector<int> ri, ci;
  std::vector<double> v, lb, ub, obj, rlo, rhi;
  int add_col(double lo, double hi, double c) {
    lb.push_back(lo); ub.push_back(hi); obj.push_back(c);
    return static_cast<int>(lb.size()) - 1;
  }
  int add_row(double lo, double hi) {
    rlo.push_back(lo); rhi.push_back(hi);
    return static_cast<int>(rlo.size()) - 1;
  }
  void put(int r, int c, double a) { ri.push_back(r); ci.push_back(c); v.push_back(a); }
};


// One LP over the decision years in `in_block` (all years when a budget row
// couples them; else one year each). Writes that block's part of `out`.
bool solve_block(const Problem& P, const std::vector<uint8_t>& states, const double* mu, bool relaxed,
                 const std::vector<char>& in_block, std::chrono::steady_clock::time_point end,
                 RecoveryOutcome& out) {
  const Params& prm = P.prm;
  const int n = P.n;
  const double inf = COIN_DBL_MAX;

  Lp lp;
  std::vector<int> gcol(size_t(P.np) * n, -1);
  struct XCol { int j, k, cell, col; };
  std::vector<XCol> xcols;
  std::vector<std::vector<int>> cell_users(size_t(n) * P.cells.size());
  std::vector<int32_t> order;

  for (int j = 0; j < P.np; ++j)
    for (int k = 0; k < n; ++k) {
      const size_t jk = size_t(j) * n + k;
      const uint8_t s = states[jk];
      if (!in_block[k] || s == kNotAlive || s == kRetired) continue;
      const double disc = P.disc[jk], KH = P.K[j] * P.H[j];
      // Relaxed: as low as any state allows: 0 (retired) where retiring is
      // allowed, else Flex's floor (PLATO's retirement rule forbids it).
      const double glo = relaxed ? (P.may_retire(j) ? 0.0 : KH * P.u_flex_lo[j])
                                 : KH * ((s & kFlex) ? P.u_flex_lo[j] : 1.0);
      const double ghi = KH * prm.u_max;
      double a = prm.price - prm.coal_cost;
      if (s & kCCS) a -= (prm.ccs_capture + prm.ccs_storage + prm.ccs_transport_km * P.D[j]) * P.e[j];
      gcol[jk] = lp.add_col(glo * kE, ghi * kE, relaxed ? 0.0 : disc * a * kMoney / kE);
      if (!(s & kBE)) continue;
      if (relaxed) {
        // The proof of infeasibility needs a relaxation, not a cheaper
        // restriction: one biomass column per plant-year, bounded by all the
        // supply in its reach; the cells together by the year row below.
        double reach = 0;
        for (uint32_t q = P.adj_start[j]; q < P.adj_start[j + 1]; ++q) reach += P.cells[P.adj_cell[q]].supply_mwh;
        const int col = lp.add_col(0.0, reach * kE, 0.0);
        xcols.push_back({j, k, -1, col});
        continue;
      }
      // Candidate cells: cheapest first, kCover times phi * G (see kCover):
      // the rest would only be drawn if every nearer cell were taken, and the
      // LP stays small.
      const uint32_t b = P.adj_start[j], e = P.adj_start[j + 1];
      order.resize(e - b);
      std::iota(order.begin(), order.end(), 0);
      auto key = [&](int32_t i) {
        const int row = P.cell_row[P.adj_cell[b + i]];
        return disc * prm.bio_transport_km * P.adj_dist[b + i] +
               ((mu && row >= 0) ? mu[size_t(k) * P.n_cell_rows + row] : 0.0);
      };
      std::stable_sort(order.begin(), order.end(), [&](int32_t x, int32_t y) { return key(x) < key(y); });
      double cover = 0;
      const double need = kCover * prm.cofire_share * ghi;
      for (size_t q = 0; q < order.size(); ++q) {
        if (cover >= need && q >= 4) break;
        const int32_t cell = P.adj_cell[b + order[q]];
        const double S = P.cells[cell].supply_mwh;
        cover += S;
        const double beta = prm.coal_cost - prm.biomass_cost() - prm.bio_transport_km * P.adj_dist[b + order[q]];
        const int col = lp.add_col(0.0, S * kE, relaxed ? 0.0 : disc * beta * kMoney / kE);
        xcols.push_back({j, k, cell, col});
        cell_users[size_t(k) * P.cells.size() + cell].push_back(col);
      }
    }
  // Biomass within phi G: sum_c x - phi G <= 0
  {
    size_t q = 0;
    while (q < xcols.size()) {
      const int j = xcols[q].j, k = xcols[q].k;
      const int r = lp.add_row(-inf, 0.0);
      lp.put(r, gcol[size_t(j) * n + k], -prm.cofire_share);
      for (; q < xcols.size() && xcols[q].j == j && xcols[q].k == k; ++q) lp.put(r, xcols[q].col, 1.0);
    }
  }
  // Relaxation: each year's burn within the supply of every cell some plant reaches.
  if (relaxed) {
    std::vector<char> reached(P.cells.size(), 0);
    for (int32_t c : P.adj_cell) reached[c] = 1;
    double total = 0;
    for (size_t c = 0; c < P.cells.size(); ++c)
      if (reached[c]) total += P.cells[c].supply_mwh;
    for (int k = 0; k < n; ++k) {
      if (!in_block[k]) continue;
      const int r = lp.add_row(-inf, total * kE);
      for (const auto& x : xcols)
        if (x.k == k) lp.put(r, x.col, 1.0);
    }
  }
  // Cells shared by several plants
  for (int k = 0; k < n; ++k)
    for (size_t c = 0; c < P.cells.size() && in_block[k]; ++c) {
      const auto& users = cell_users[size_t(k) * P.cells.size() + c];
      if (users.size() < 2) continue;
      const int r = lp.add_row(-inf, P.cells[c].supply_mwh * kE * (1 - 1e-10));
      for (int col : users) lp.put(r, col, 1.0);
    }
  // Emission rows with elastic slack
  std::vector<int> row_slack(P.emission_rows.size());
  std::vector<std::vector<std::pair<int, double>>> xs_of(size_t(P.np) * n);
  for (const auto& x : xcols) xs_of[size_t(x.j) * n + x.k].push_back({x.col, 0});
  for (size_t ri = 0; ri < P.emission_rows.size(); ++ri) {
    const auto& row = P.emission_rows[ri];
    bool touches = false;
    for (int k = 0; k < n; ++k) touches |= row.weight[k] != 0 && in_block[k];
    if (!touches) { row_slack[ri] = -1; continue; }
    const double rhs = row.rhs * kE * (1 - 1e-9);
    const int r = lp.add_row(-inf, rhs);
    row_slack[ri] = lp.add_col(0.0, inf, -kSlackCost);
    lp.put(r, row_slack[ri], -1.0);
    for (int j = 0; j < P.np; ++j) {
      if (!row.covers(P.province[j])) continue;
      for (int k = 0; k < n; ++k) {
        const size_t jk = size_t(j) * n + k;
        if (row.weight[k] == 0 || gcol[jk] < 0) continue;
        const bool ccs = states[jk] & kCCS;
        const double keep = ccs ? 1.0 - prm.capture_rate : 1.0;
        lp.put(r, gcol[jk], row.weight[k] * P.e[j] * keep);
        const double bio = -(P.e[j] * keep + (ccs ? prm.bio_credit : 0.0));
        for (auto& [col, unused] : xs_of[jk]) lp.put(r, col, row.weight[k] * bio);
      }
    }
  }
  // Floors with elastic slack
  std::vector<int> floor_slack(P.floor.size(), -1);
  for (size_t pk = 0; pk < P.floor.size(); ++pk) {
    if (P.floor[pk] <= 0) continue;
    const int p = static_cast<int>(pk / n), k = static_cast<int>(pk % n);
    if (!in_block[k]) continue;
    const int r = lp.add_row(P.floor[pk] * kE, inf);  // no margin: a floor may equal the most a province can run
    floor_slack[pk] = lp.add_col(0.0, inf, -kSlackCost);
    lp.put(r, floor_slack[pk], 1.0);
    for (int j = 0; j < P.np; ++j)
      if (P.province[j] == p && gcol[size_t(j) * n + k] >= 0) lp.put(r, gcol[size_t(j) * n + k], 1.0);
  }

  ClpSimplex model;
  model.setLogLevel(0);
  CoinPackedMatrix M(true, lp.ri.data(), lp.ci.data(), lp.v.data(), static_cast<CoinBigIndex>(lp.v.size()));
  M.setDimensions(static_cast<int>(lp.rlo.size()), static_cast<int>(lp.lb.size()));
  model.loadProblem(M, lp.lb.data(), lp.ub.data(), lp.obj.data(), lp.rlo.data(), lp.rhi.data());
  model.setOptimizationDirection(-1);
  // Blocks run side by side and one after another: each gets what is left
  // of the call's time, not the whole of it.
  if (end != std::chrono::steady_clock::time_point::max()) {
    const double left = std::chrono::duration<double>(end - std::chrono::steady_clock::now()).count();
    if (left <= 0) return false;
    model.setMaximumSeconds(left);
  }
  model.dual();
  if (model.status() != 0) model.primal();
  if (model.status() != 0) return false;
  const double* sol = model.primalColumnSolution();

  for (size_t ri = 0; ri < row_slack.size(); ++ri) {
    if (row_slack[ri] < 0) continue;
    out.row_short[ri] = std::max(0.0, sol[row_slack[ri]]) / kE;
  }
  for (size_t pk = 0; pk < P.floor.size(); ++pk)
    if (floor_slack[pk] >= 0) {
      out.floor_short[pk] = std::max(0.0, sol[floor_slack[pk]]) / kE;
    }

  Plan& plan = out.plan;
  for (int j = 0; j < P.np; ++j)
    for (int k = 0; k < n; ++k) {
      const size_t jk = size_t(j) * n + k;
      if (!in_block[k]) continue;
      plan.state[jk] = states[jk];
      if (gcol[jk] < 0) continue;
      const double KH = P.K[j] * P.H[j];
      const double G = std::clamp(sol[gcol[jk]] / kE, lp.lb[gcol[jk]] / kE, lp.ub[gcol[jk]] / kE);
      plan.u[jk] = KH > 0 ? G / KH : 1.0;
    }
  for (const auto& x : xcols) {
    if (x.cell < 0) continue;  // the relaxation's aggregate burn: no flows to report
    const double mwh = sol[x.col] / kE;
    if (mwh > 1e-6) plan.flows[size_t(x.j) * n + x.k].push_back({x.cell, std::min(mwh, P.cells[x.cell].supply_mwh)});
  }
  // Round-off guard: keep sum of flows within phi G.
  for (int j = 0; j < P.np; ++j)
    for (int k = 0; k < n; ++k) {
      const size_t jk = size_t(j) * n + k;
      if (!in_block[k]) continue;
      auto& fl = plan.flows[jk];
      if (fl.empty()) continue;
      double b = 0;
      for (auto& f : fl) b += f.mwh;
      const double cap = prm.cofire_share * plan.u[jk] * P.K[j] * P.H[j];
      if (b > cap) for (auto& f : fl) f.mwh *= cap / b;
    }
  return true;
}

}  // namespace

RecoveryOutcome solve_fixed_states(const Problem& P, const std::vector<uint8_t>& states_in,
                                   const double* mu, bool relaxed, double max_seconds) {
  const int n = P.n;
  std::vector<uint8_t> states = states_in;
  if (relaxed) {
    states.assign(size_t(P.np) * n, kNotAlive);
    for (int j = 0; j < P.np; ++j)
      for (int k = 0; k < n; ++k)
        if (P.alive_at(j, k)) states[size_t(j) * n + k] = kFlex | kBE | kCCS;
  }
  bool coupled = false;  // a row over several years (a budget) keeps them in one LP
  for (const auto& row : P.emission_rows) {
    int years = 0;
    for (double w : row.weight) years += w != 0;
    coupled |= years > 1;
  }
  std::vector<std::vector<char>> blocks;
  if (coupled) {
    blocks.emplace_back(n, 1);
  } else {
    for (int k = 0; k < n; ++k) {
      blocks.emplace_back(n, 0);
      blocks.back()[k] = 1;
    }
  }
  RecoveryOutcome out;
  out.plan.resize(P.np, n);
  out.row_short.assign(P.emission_rows.size(), 0.0);
  out.floor_short.assign(P.floor.size(), 0.0);
  const auto end = std::isfinite(max_seconds)
                       ? std::chrono::steady_clock::now() +
                             std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                 std::chrono::duration<double>(std::max(0.0, max_seconds)))
                       : std::chrono::steady_clock::time_point::max();
  // Blocks write disjoint (j, k) entries and rows, so they can run side by side.
  std::vector<char> ok(blocks.size(), 0);
  tbb::parallel_for(size_t(0), blocks.size(), [&](size_t b) {
    ok[b] = solve_block(P, states, mu, relaxed, blocks[b], end, out);
  });
  out.solved = std::all_of(ok.begin(), ok.end(), [](char c) { return c != 0; });
  if (!out.solved) return out;
  out.feasible = true;
  for (size_t r = 0; r < out.row_short.size(); ++r)
    if (out.row_short[r] > 1e-6 * std::max(1.0, P.emission_rows[r].rhs)) out.feasible = false;
  for (size_t pk = 0; pk < out.floor_short.size(); ++pk)
    if (out.floor_short[pk] > 1e-6 * std::max(1.0, P.floor[pk])) out.feasible = false;
  return out;
}

void trim_unused_options(const Problem& P, Plan& plan) {
  const int n = P.n;
  for (int j = 0; j < P.np; ++j) {
    const int k0 = P.first_k[j], k1 = P.last_k[j];
    if (k0 < 0) continue;
    for (uint8_t opt : {kFlex, kBE}) {
      if (P.installed[j] & opt) continue;
      int first_use = -1;
      for (int k = k0; k <= k1; ++k) {
        const size_t jk = size_t(j) * n + k;
        const uint8_t s = plan.state[jk];
        if (s == kRetired || !(s & opt)) continue;
        const bool used = opt == kBE ? !plan.flows[jk].empty() : plan.u[jk] < 1.0;
        if (used) { first_use = k; break; }
      }
      for (int k = k0; k <= k1; ++k) {
        const size_t jk = size_t(j) * n + k;
        uint8_t& s = plan.state[jk];
        if (s == kRetired || !(s & opt)) continue;
        if (first_use < 0 || k < first_use) s = uint8_t(s & ~opt);
      }
    }
  }
}

}  // namespace pp
