#include "solver/cg/vertex_primal.hpp"

#include <CbcModel.hpp>
#include <CoinMessageHandler.hpp>
#include <OsiClpSolverInterface.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "solver/recovery.hpp"

namespace pp {

namespace {
constexpr double kE = 1e-3;
constexpr double kMoney = 1e-6;
constexpr int kCandidates = 24;  // columns per mixed plant in the MIP (those in the mix come first)
constexpr int kWholeMipPlants = 400;  // up to this many plants the fallback MIP frees every plant
}  // namespace

double priced_activity(const Problem& P, const PriceLayout& L, const ColumnPool& pool, int c,
                       const std::vector<double>& y) {
  double v = 0;
  for_each_activity(
      P, L, pool, c, [&](int r, double a) { v += y[r] * a; }, [&](int i, double g) { v -= y[L.pi_off() + i] * g; },
      [&](size_t kr, double x) { v += y[L.mu_off() + kr] * x; });
  return v;
}

bool column_allowed(const Problem& P, const ColumnPool& pool, int c, const std::vector<uint16_t>* allowed) {
  if (!allowed) return true;
  const int j = pool.plant(c);
  const uint8_t* s = pool.states(c);
  for (int k = 0; k < P.n; ++k)
    if (s[k] != kNotAlive && !(((*allowed)[size_t(j) * P.n + k] >> s[k]) & 1u)) return false;
  return true;
}

VertexPrimal primal_from_vertex(const Problem& P, const PriceLayout& L, const ColumnPool& pool, const MasterLp& M,
                                long mip_nodes, double seconds, const Log& log,
                                const std::vector<uint16_t>* allowed) {
  const int n = P.n;
  VertexPrimal out;
  const std::vector<double>& y = M.prices();
  Plan base;
  base.resize(P.np, n);
  std::vector<int> mixed;
  std::vector<std::vector<int>> cand(P.np);
  for (int j = 0; j < P.np; ++j) {
    const auto& cols = pool.of_plant(j);
    if (cols.empty()) continue;
    int top = -1;
    double wtop = -1;
    std::vector<int> pos;
    for (int c : cols) {
      const double w = M.weight(c);
      if (w > wtop) { wtop = w; top = c; }
      if (w > 1e-9) pos.push_back(c);
    }
    if (wtop >= 1 - 1e-6 || pos.size() <= 1) {
      pool.to_plan(top, base);
      continue;
    }
    mixed.push_back(j);
    // Candidates: the mix's columns, then the best others by reduced cost.
    std::vector<std::pair<double, int>> rc;
    for (int c : cols) {
      if (M.weight(c) > 1e-9 || !column_allowed(P, pool, c, allowed)) continue;
      rc.push_back({-(pool.npv(c) - priced_activity(P, L, pool, c, y) - M.sigma(j)), c});
    }
    std::sort(rc.begin(), rc.end());
    cand[j] = pos;
    for (size_t i = 0; i < rc.size() && cand[j].size() < size_t(kCandidates); ++i) cand[j].push_back(rc[i].second);
  }
  out.mixed = static_cast<int>(mixed.size());
  // Fallback when the mixed plants alone cannot fit the room the others
  // leave: every plant free over every allowed column (the restricted
  // master as a MIP), on fleets small enough for that.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (attempt == 1) {
      if (P.np > kWholeMipPlants) break;
      mixed.clear();
      for (int j = 0; j < P.np; ++j) {
        cand[j].clear();
        for (int c : pool.of_plant(j))
          if (column_allowed(P, pool, c, allowed)) cand[j].push_back(c);
        if (!cand[j].empty()) mixed.push_back(j);
      }
    }

    // Residual room in every row after the fixed plants.
    std::vector<double> emis_left(P.emission_rows.size()), floor_left(L.n_pi);
    for (size_t r = 0; r < P.emission_rows.size(); ++r) emis_left[r] = P.emission_rows[r].rhs;
    for (size_t i = 0; i < L.n_pi; ++i) floor_left[i] = P.floor[L.pk_of_pi[i]];
    std::vector<char> is_mixed(P.np, 0);
    for (int j : mixed) is_mixed[j] = 1;
    const size_t nkr = size_t(n) * P.n_cell_rows;
    std::vector<double> cell_left(nkr, 0.0);
    for (size_t c = 0; c < P.cells.size(); ++c)
      if (P.cell_row[c] >= 0)
        for (int k = 0; k < n; ++k) cell_left[size_t(k) * P.n_cell_rows + P.cell_row[c]] = P.cells[c].supply_mwh;
    for (int j = 0; j < P.np; ++j) {
      if (is_mixed[j] || P.first_k[j] < 0) continue;
      const int p = P.province[j];
      for (int k = P.first_k[j]; k <= P.last_k[j]; ++k) {
        const size_t jk = base.at(j, k);
        const uint8_t s = base.state[jk];
        if (s == kRetired || s == kNotAlive) continue;
        const double G = base.u[jk] * P.K[j] * P.H[j];
        double b = 0;
        for (const Flow& f : base.flows[jk]) {
          b += f.mwh;
          const int row = P.cell_row[f.cell];
          if (row >= 0) cell_left[size_t(k) * P.n_cell_rows + row] -= f.mwh;
        }
        const double E = period_emissions(P, j, s, G, b);
        for (size_t r = 0; r < P.emission_rows.size(); ++r) {
          const auto& row = P.emission_rows[r];
          if (row.covers(p)) emis_left[r] -= row.weight[k] * E;
        }
        const int i = L.pi_of_pk[size_t(p) * n + k];
        if (i >= 0) floor_left[i] -= G;
      }
    }

    Plan plan = base;
    bool mip_ok = mixed.empty();
    if (!mixed.empty()) {
      // MIP: binaries over the candidates, one per mixed plant; rows as above.
      std::vector<int> colc;  // MIP column -> pool column
      for (int j : mixed) colc.insert(colc.end(), cand[j].begin(), cand[j].end());
      out.mip_columns = static_cast<int>(colc.size());
      std::vector<int> row_of_cell(nkr, -1);
      std::vector<double> rlo, rhi;
      std::vector<int> conv_of(P.np, -1);
      for (int j : mixed) {
        conv_of[j] = static_cast<int>(rlo.size());
        rlo.push_back(1);
        rhi.push_back(1);
      }
      const int er0 = static_cast<int>(rlo.size());
      for (double e : emis_left) { rlo.push_back(-COIN_DBL_MAX); rhi.push_back(e * kE); }
      const int fr0 = static_cast<int>(rlo.size());
      for (double f : floor_left) { rlo.push_back(f * kE); rhi.push_back(COIN_DBL_MAX); }
      std::vector<CoinBigIndex> starts{0};
      std::vector<int> ri;
      std::vector<double> el, obj;
      for (int c : colc) {
        const int j = pool.plant(c);
        obj.push_back(-pool.npv(c) * kMoney);
        ri.push_back(conv_of[j]);
        el.push_back(1.0);
        auto put = [&](int r, double v) {
          ri.push_back(r);
          el.push_back(v * kE);
        };
        for_each_activity(
            P, L, pool, c, [&](int r, double a) { put(er0 + r, a); }, [&](int i, double g) { put(fr0 + i, g); },
            [&](size_t kr, double x) {
              if (row_of_cell[kr] < 0) {
                row_of_cell[kr] = static_cast<int>(rlo.size());
                rlo.push_back(-COIN_DBL_MAX);
                rhi.push_back(cell_left[kr] * kE);
              }
              put(row_of_cell[kr], x);
            });
        starts.push_back(static_cast<CoinBigIndex>(ri.size()));
      }
      // Soft mode: the rows are elastic at the penalty.
      const double pen = P.prm.violation_penalty;
      const int nbin = static_cast<int>(colc.size());
      std::vector<double> clo(nbin, 0.0), cup(nbin, 1.0);
      if (pen > 0) {
        for (int r = er0; r < static_cast<int>(rlo.size()); ++r) {
          ri.push_back(r);
          el.push_back(r >= fr0 && r < fr0 + static_cast<int>(floor_left.size()) ? 1.0 : -1.0);
          starts.push_back(static_cast<CoinBigIndex>(ri.size()));
          obj.push_back(pen * kMoney / kE);
          clo.push_back(0);
          cup.push_back(COIN_DBL_MAX);
        }
      }
      OsiClpSolverInterface si;
      si.messageHandler()->setLogLevel(0);
      si.loadProblem(static_cast<int>(obj.size()), static_cast<int>(rlo.size()), starts.data(), ri.data(), el.data(),
                     clo.data(), cup.data(), obj.data(), rlo.data(), rhi.data());
      for (int c = 0; c < nbin; ++c) si.setInteger(c);
      CbcModel model(si);
      model.setLogLevel(0);
      model.messageHandler()->setLogLevel(0);
      model.setMaximumSeconds(std::max(0.1, seconds));
      model.setMaximumNodes(static_cast<int>(std::min<long>(mip_nodes, 1 << 30)));
      model.setNumberThreads(0);
      model.setAllowableFractionGap(1e-9);
      model.initialSolve();
      model.branchAndBound();
      const double* sol = model.bestSolution();
      if (sol) {
        mip_ok = true;
        out.mip_optimal = model.isProvenOptimal();
        for (int j : mixed) {
          int best = cand[j].front();
          double bw = -1;
          for (int c = 0; c < nbin; ++c)
            if (pool.plant(colc[c]) == j && sol[c] > bw) { bw = sol[c]; best = colc[c]; }
          pool.to_plan(best, plan);
        }
      } else {
        // No combination of the candidates fits: start the LP from each mixed
        // plant's heaviest column.
        for (int j : mixed) {
          int best = cand[j].front();
          for (int c : cand[j]) if (M.weight(c) > M.weight(best)) best = c;
          pool.to_plan(best, plan);
        }
      }
      log.say(2, "vertex: %zu mixed plants, MIP %d binaries, %s", mixed.size(), nbin,
              sol ? (out.mip_optimal ? "optimal" : "feasible") : "no solution");
    }
    out.states = plan.state;

    auto consider = [&](Plan& cand_plan) {
      trim_unused_options(P, cand_plan);
      Evaluation ev = evaluate(P, cand_plan);
      if (!(ev.feasible || P.prm.violation_penalty > 0)) return;
      if (out.found && !(ev.tc < out.eval.tc)) return;
      out.found = true;
      out.plan = std::move(cand_plan);
      out.eval = std::move(ev);
    };
    if (mip_ok) {
      Plan copy = plan;
      consider(copy);
    }
    // The paths' u and flows re-optimised fleet-wide.
    const double* mu = L.n_mu ? y.data() + L.mu_off() : nullptr;
    RecoveryOutcome rec = solve_fixed_states(P, plan.state, mu);
    if (rec.solved && (rec.feasible || P.prm.violation_penalty > 0)) consider(rec.plan);
  }
  return out;
}

}  // namespace pp
