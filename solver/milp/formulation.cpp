#include "solver/milp/formulation.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include "model/technology.hpp"

namespace pp {

namespace {

struct Builder {
  MilpModel& M;
  std::vector<std::tuple<int, int, double>> trip;  // (col, row, value)

  int col(std::string name, double lo, double up, double c, bool integer, MilpColumn info) {
    M.col_name.push_back(std::move(name));
    M.col_lo.push_back(lo);
    M.col_up.push_back(up);
    M.obj.push_back(c);
    M.is_int.push_back(integer ? 1 : 0);
    M.col_info.push_back(info);
    return M.num_cols() - 1;
  }
  int row(std::string name, double lo, double up) {
    M.row_name.push_back(std::move(name));
    M.row_lo.push_back(lo);
    M.row_up.push_back(up);
    return M.num_rows() - 1;
  }
  void coef(int r, int c, double v) {
    if (v != 0.0) trip.emplace_back(c, r, v);
  }
  void finish() {
    // Merge duplicates (same row and column) and build CSC.
    std::sort(trip.begin(), trip.end(), [](const auto& a, const auto& b) {
      return std::get<0>(a) < std::get<0>(b) || (std::get<0>(a) == std::get<0>(b) && std::get<1>(a) < std::get<1>(b));
    });
    M.col_start.assign(M.num_cols() + 1, 0);
    M.row_index.clear();
    M.value.clear();
    for (size_t i = 0; i < trip.size();) {
      auto [c, r, v] = trip[i];
      size_t e = i + 1;
      while (e < trip.size() && std::get<0>(trip[e]) == c && std::get<1>(trip[e]) == r) v += std::get<2>(trip[e++]);
      if (v != 0.0) {
        M.row_index.push_back(r);
        M.value.push_back(v);
        ++M.col_start[c + 1];
      }
      i = e;
    }
    for (int c = 0; c < M.num_cols(); ++c) M.col_start[c + 1] += M.col_start[c];
    trip.clear();
    trip.shrink_to_fit();
  }
};

std::string sanitize(const std::string& s) {
  std::string out;
  for (char ch : s) {
    const bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ||
                    ch == '-' || ch == '.';
    out += ok ? ch : '_';
  }
  return out.substr(0, 200);
}

const char* kOptName[3] = {"Flex", "BE", "CCS"};
constexpr uint8_t kOptBit[3] = {kFlex, kBE, kCCS};

}  // namespace

std::string milp_state_code(int s) {
  if (s == kRetired) return "CR";
  if (s == 0) return "PP";
  std::string out;
  if (s & kFlex) out += 'F';
  if (s & kBE) out += 'B';
  if (s & kCCS) out += 'C';
  return out;
}

int MilpModel::num_integers() const { return static_cast<int>(std::count(is_int.begin(), is_int.end(), 1)); }

double MilpModel::objective_of(const std::vector<double>& x) const {
  double v = obj_offset;
  for (int i = 0; i < num_cols(); ++i) v += obj[i] * x[i];
  return v;
}

double MilpModel::max_violation(const std::vector<double>& x, std::string* where) const {
  std::vector<double> act(num_rows(), 0.0);
  double worst = 0;
  auto note = [&](double v, const std::string& what) {
    if (v > worst) {
      worst = v;
      if (where) *where = what;
    }
  };
  for (int c = 0; c < num_cols(); ++c) {
    note(col_lo[c] - x[c], "lower bound of " + col_name[c]);
    note(x[c] - col_up[c], "upper bound of " + col_name[c]);
    if (is_int[c]) note(std::abs(x[c] - std::round(x[c])), "integrality of " + col_name[c]);
    for (int e = col_start[c]; e < col_start[c + 1]; ++e) act[row_index[e]] += value[e] * x[c];
  }
  for (int r = 0; r < num_rows(); ++r) {
    note(row_lo[r] - act[r], "row " + row_name[r] + " (below)");
    note(act[r] - row_up[r], "row " + row_name[r] + " (above)");
  }
  return worst;
}

int MilpModel::find_col(const std::string& name) const {
  for (int c = 0; c < num_cols(); ++c)
    if (col_name[c] == name) return c;
  return -1;
}

bool build_milp(const Problem& P, MilpModel& M, std::string& error, const MilpBuildOptions& opt) {
  M = MilpModel{};
  const Params& prm = P.prm;
  const int n = P.n, np = P.np;
  const double EU = M.energy_unit, MU = M.money_unit, inf = MilpModel::kInf;
  M.np = np;
  M.n = n;
  const double capex[3] = {prm.capex_flex, prm.capex_be, prm.capex_ccs};
  for (int o = 0; o < 3; ++o)
    if (capex[o] < 0) {
      error = std::string("the MILP's adoption rows assume capex >= 0; capex_") + kOptName[o] + " < 0";
      return false;
    }
  if (prm.u_max < 1.0) {
    error = "u_max < 1 leaves no feasible utilisation without Flex";
    return false;
  }
  Builder B{M, {}};
  const bool soft = prm.violation_penalty > 0;
  const double pen = prm.violation_penalty;

  M.z_col.assign(size_t(np) * n * 9, -1);
  M.g_col.assign(size_t(np) * n * 8, -1);
  M.g_fixed.assign(size_t(np) * n * 8, 0.0);
  M.x_first.assign(size_t(np) * n, -1);
  M.b_col.assign(size_t(np) * n * 2, -1);

  // --- coupling rows first, so their indices are known ---
  const int nrow_e = static_cast<int>(P.emission_rows.size());
  std::vector<int> erow(nrow_e);
  for (int r = 0; r < nrow_e; ++r) {
    const auto& er = P.emission_rows[r];
    erow[r] = B.row("emis_" + sanitize(er.label), -inf, er.rhs / EU);
    if (soft) {
      // slack in kt, penalised at violation_penalty USD per t of the row's left side
      const int s = B.col("sE_" + std::to_string(r), 0, inf, pen * EU / MU, false, {MilpColumn::kSlack, -1, -1, r});
      B.coef(erow[r], s, -1.0);
    }
  }
  const int npv = static_cast<int>(P.provinces.size());
  std::vector<int> frow(size_t(npv) * n, -1);
  for (int p = 0; p < npv; ++p)
    for (int k = 0; k < n; ++k) {
      const double f = P.floor[size_t(p) * n + k];
      if (f <= 0) continue;
      const std::string tag = sanitize(P.provinces[p]) + "_" + std::to_string(P.years[k]);
      frow[size_t(p) * n + k] = B.row("floor_" + tag, f / EU, inf);
      if (soft) {
        const int s = B.col("sF_" + tag, 0, inf, pen * EU / MU, false, {MilpColumn::kSlack, -1, k, p});
        B.coef(frow[size_t(p) * n + k], s, 1.0);
      }
    }
  const int nc = static_cast<int>(P.cells.size());
  // Cells reached by two plants or more get a supply row per decision year;
  // a cell reached by one plant only is bounded by its flow's upper bound.
  // In soft mode every reachable cell gets a (penalised) row, since the
  // evaluator charges a violation of any cell.
  std::vector<int> crow(size_t(n) * nc, -1);
  std::vector<char> reached(nc, 0);
  for (int32_t c : P.adj_cell) reached[c] = 1;
  for (int c = 0; c < nc; ++c) {
    if (P.cell_row[c] < 0 && !(soft && reached[c])) continue;
    for (int k = 0; k < n; ++k) {
      const std::string tag = std::to_string(c) + "_" + std::to_string(P.years[k]);
      crow[size_t(k) * nc + c] = B.row("cell_" + tag, -inf, P.cells[c].supply_mwh / EU);
      if (soft) {
        const int s = B.col("sC_" + tag, 0, inf, pen * EU / MU, false, {MilpColumn::kSlack, -1, k, c});
        B.coef(crow[size_t(k) * nc + c], s, -1.0);
      }
    }
  }

  const double kappa = prm.capture_rate, phi = prm.cofire_share;
  const double fbio = prm.biomass_cost();
  for (int j = 0; j < np; ++j) {
    if (P.first_k[j] < 0) continue;
    const uint8_t inst = P.installed[j];
    const double K = P.K[j], KH = P.K[j] * P.H[j] / EU, e = P.e[j];
    const double ccs_unit = prm.ccs_capture + prm.ccs_storage + prm.ccs_transport_km * P.D[j];
    // BAU cash flow per year, taken from the Problem's own sums so that the
    // objective is exactly plant_npv_bau - fixed_npv - NPV(decision periods).
    double dsum = 0;
    for (int k = P.first_k[j]; k <= P.last_k[j]; ++k) dsum += P.disc[size_t(j) * n + k];
    const double cf_bau = dsum > 0 ? (P.plant_npv_bau[j] - P.fixed_npv[j]) / dsum : 0.0;
    const std::string pj = std::to_string(j);
    const int p = P.province[j];
    const uint32_t a0 = P.adj_start[j], a1 = P.adj_start[j + 1];

    for (int k = P.first_k[j]; k <= P.last_k[j]; ++k) {
      const size_t jk = size_t(j) * n + k;
      const double disc = P.disc[jk];
      const std::string tag = pj + "_" + std::to_string(P.years[k]);
      // --- state binaries ---
      const int one = B.row("one_" + tag, 1, 1);
      for (int s = 0; s < kStates; ++s) {
        if (s != kRetired && (s & inst) != inst) continue;  // installed options stay
        double c;
        if (s == kRetired) {
          // Retired at k and after: the credit of retiring at the first such
          // year telescopes over z_R,k (d(t_k) - d(t_{k+1})), 0 after the last.
          const double next = k < P.last_k[j] ? P.dk[k + 1] : 0.0;
          c = disc * cf_bau - (P.retire_value.empty() || !P.may_retire(j) ? 0.0 : P.retire_value[j] * (P.dk[k] - next));
        } else {
          double fixed = 1000.0 * K * prm.om();
          if (s & kBE) fixed += 1000.0 * K * prm.be_om();
          c = disc * (cf_bau + fixed);
        }
        const double up = s == kRetired && !P.may_retire(j) ? 0.0 : 1.0;  // a retirement the problem forbids
        const int z = B.col("z_" + tag + "_" + milp_state_code(s), 0, up, c / MU, true, {MilpColumn::kState, j, k, s});
        M.z_col[jk * 9 + s] = z;
        B.coef(one, z, 1.0);
      }
      // --- transition flows from the previous decision year ---
      std::vector<std::tuple<int, int, int>> trans;  // (column, from, to)
      if (opt.transition_flows && k > P.first_k[j]) {
        const size_t jp = jk - 1;
        int out_row[kStates], in_row[kStates];
        for (int s = 0; s < kStates; ++s) {
          out_row[s] = in_row[s] = -1;
          if (M.z_col[jp * 9 + s] >= 0) {
            out_row[s] = B.row("tout_" + tag + "_" + milp_state_code(s), 0, 0);
            B.coef(out_row[s], M.z_col[jp * 9 + s], -1.0);
          }
          if (M.z_col[jk * 9 + s] >= 0) {
            in_row[s] = B.row("tin_" + tag + "_" + milp_state_code(s), 0, 0);
            B.coef(in_row[s], M.z_col[jk * 9 + s], -1.0);
          }
        }
        for (int s = 0; s < kStates; ++s)
          for (int t = 0; t < kStates; ++t) {
            if (out_row[s] < 0 || in_row[t] < 0 || !can_follow(uint8_t(s), uint8_t(t))) continue;
            const int f = B.col("t_" + tag + "_" + milp_state_code(s) + "_" + milp_state_code(t), 0, 1, 0.0, false,
                                {MilpColumn::kTransition, j, k, s * kStates + t});
            B.coef(out_row[s], f, 1.0);
            B.coef(in_row[t], f, 1.0);
            trans.emplace_back(f, s, t);
          }
      }
      // --- generation per state (convex hull of the disjunction) ---
      // gen[s] = list of (column, multiplier) whose sum is G_s in GWh/yr
      std::vector<std::pair<int, double>> gen[8];
      for (int s = 0; s < 8; ++s) {
        const int z = M.z_col[jk * 9 + s];
        if (z < 0 || KH <= 0) continue;
        const double lo = (s & kFlex) ? P.u_flex_lo[j] : 1.0, hi = prm.u_max;
        if (hi - lo <= 1e-12) {
          M.g_fixed[jk * 8 + s] = KH * lo;
          gen[s].push_back({z, KH * lo});
        } else {
          const int g = B.col("G_" + tag + "_" + milp_state_code(s), 0, KH * hi, 0.0, false, {MilpColumn::kGen, j, k, s});
          M.g_col[jk * 8 + s] = g;
          const int rlo = B.row("glo_" + tag + "_" + milp_state_code(s), 0, inf);
          B.coef(rlo, g, 1.0);
          B.coef(rlo, z, -KH * lo);
          const int rhi = B.row("ghi_" + tag + "_" + milp_state_code(s), -inf, 0);
          B.coef(rhi, g, 1.0);
          B.coef(rhi, z, -KH * hi);
          gen[s].push_back({g, 1.0});
        }
      }
      // Objective and emission terms of generation.
      std::vector<std::pair<int, double>> erows;  // (row, weight) of rows covering (j, k)
      for (int r = 0; r < nrow_e; ++r) {
        const auto& er = P.emission_rows[r];
        if (!er.covers(p)) continue;
        if (er.weight[k] != 0.0) erows.push_back({erow[r], er.weight[k]});
      }
      const int fr = frow[size_t(p) * n + k];
      for (int s = 0; s < 8; ++s) {
        const bool ccs = s & kCCS;
        const double margin = prm.price - prm.coal_cost - (ccs ? ccs_unit * e : 0.0);  // USD/MWh
        const double ef = ccs ? (1.0 - kappa) * e : e;                                 // t/MWh
        for (auto [col, mult] : gen[s]) {
          M.obj[col] += -disc * margin * EU * mult / MU;
          for (auto [r, w] : erows) B.coef(r, col, w * ef * mult);
          if (fr >= 0) B.coef(fr, col, mult);
        }
      }
      // --- biomass ---
      if (phi > 0 && a1 > a0) {
        int bcol[2] = {-1, -1};
        for (int ccs = 0; ccs < 2; ++ccs) {
          // states with BE and with (ccs = 1) or without (ccs = 0) CCS
          std::vector<int> sts;
          for (int s = 0; s < 8; ++s)
            if ((s & kBE) && bool(s & kCCS) == bool(ccs) && !gen[s].empty()) sts.push_back(s);
          if (sts.empty()) continue;
          const int b = B.col((ccs ? "B1_" : "B0_") + tag, 0, inf, -disc * (prm.coal_cost - fbio) * EU / MU, false,
                              {ccs ? MilpColumn::kBio1 : MilpColumn::kBio0, j, k, ccs});
          bcol[ccs] = b;
          M.b_col[jk * 2 + ccs] = b;
          const int r = B.row(std::string(ccs ? "bio1_" : "bio0_") + tag, -inf, 0);
          B.coef(r, b, 1.0);
          for (int s : sts)
            for (auto [col, mult] : gen[s]) B.coef(r, col, -phi * mult);
          const double ef = ccs ? -((1.0 - kappa) * e + prm.bio_credit) : -e;
          for (auto [er, w] : erows) B.coef(er, b, w * ef);
        }
        if (bcol[0] >= 0 || bcol[1] >= 0) {
          const int bal = B.row("flow_" + tag, 0, 0);
          if (bcol[0] >= 0) B.coef(bal, bcol[0], -1.0);
          if (bcol[1] >= 0) B.coef(bal, bcol[1], -1.0);
          for (uint32_t a = a0; a < a1; ++a) {
            const int c = P.adj_cell[a];
            const double S = P.cells[c].supply_mwh / EU;
            const int x = B.col("x_" + tag + "_" + std::to_string(c), 0, soft ? inf : S,
                                disc * prm.bio_transport_km * P.adj_dist[a] * EU / MU, false, {MilpColumn::kFlow, j, k, c});
            if (a == a0) M.x_first[jk] = x;
            B.coef(bal, x, 1.0);
            const int cr = crow[size_t(k) * nc + c];
            if (cr >= 0) B.coef(cr, x, 1.0);
            if (opt.flow_indicator_rows) {
              // x <= phi G <= phi K H u_max always; x <= S_c too unless soft
              const double bigm = soft ? phi * KH * prm.u_max : std::min(S, phi * KH * prm.u_max);
              const int ir = B.row("xind_" + tag + "_" + std::to_string(c), -inf, 0);
              B.coef(ir, x, 1.0);
              for (int s = 0; s < 8; ++s)
                if ((s & kBE) && M.z_col[jk * 9 + s] >= 0) B.coef(ir, M.z_col[jk * 9 + s], -bigm);
            }
          }
        }
      }
      // --- monotonicity, CR absorbing, adoption ---
      const bool has_prev = k > P.first_k[j];
      const size_t jp = jk - 1;
      auto add_indicator = [&](int r, size_t at, uint8_t bit, double sign) {
        for (int s = 0; s < 8; ++s)
          if ((s & bit) && M.z_col[at * 9 + s] >= 0) B.coef(r, M.z_col[at * 9 + s], sign);
      };
      if (has_prev) {
        const int r = B.row("crabs_" + tag, 0, inf);  // z_CR(k) - z_CR(k-1) >= 0
        B.coef(r, M.z_col[jk * 9 + kRetired], 1.0);
        B.coef(r, M.z_col[jp * 9 + kRetired], -1.0);
      }
      for (int o = 0; o < 3; ++o) {
        const uint8_t bit = kOptBit[o];
        if (inst & bit) continue;  // present in every non-CR state: nothing to decide
        if (has_prev) {
          // I_o(k) + z_CR(k) - I_o(k-1) >= 0: an option, once there, stays unless the plant retires
          const int r = B.row("keep_" + tag + "_" + kOptName[o], 0, inf);
          add_indicator(r, jk, bit, 1.0);
          B.coef(r, M.z_col[jk * 9 + kRetired], 1.0);
          add_indicator(r, jp, bit, -1.0);
        }
        if (capex[o] > 0) {
          // a >= I_o(k) - I_o(k-1); with capex > 0 the optimum sets a to the max
          const int a = B.col("a_" + tag + "_" + kOptName[o], 0, 1, capex[o] * 1000.0 * K * P.dk[k] / MU, false,
                              {MilpColumn::kAdopt, j, k, bit});
          const int r = B.row("adopt_" + tag + "_" + kOptName[o], 0, inf);
          B.coef(r, a, 1.0);
          if (!trans.empty()) {
            // a >= the flows that add the option: exact in the LP relaxation
            for (auto& [f, from, to] : trans)
              if (to != kRetired && (to & bit) && !(from & bit)) B.coef(r, f, -1.0);
          } else {
            add_indicator(r, jk, bit, -1.0);
            if (has_prev) add_indicator(r, jp, bit, 1.0);
          }
        }
      }
    }
  }
  B.finish();
  return true;
}

Plan plan_from_solution(const Problem& P, const MilpModel& M, const std::vector<double>& x) {
  Plan plan;
  plan.resize(P.np, P.n);
  const int n = P.n;
  const double EU = M.energy_unit, phi = P.prm.cofire_share;
  const int nc = static_cast<int>(P.cells.size());
  std::vector<double> use(size_t(n) * nc, 0.0);
  for (int j = 0; j < P.np; ++j) {
    if (P.first_k[j] < 0) continue;
    const double KH = P.K[j] * P.H[j];
    for (int k = P.first_k[j]; k <= P.last_k[j]; ++k) {
      const size_t jk = size_t(j) * n + k;
      int best = -1;
      double bv = -1;
      for (int s = 0; s < kStates; ++s) {
        const int c = M.z_col[jk * 9 + s];
        if (c >= 0 && x[c] > bv) bv = x[c], best = s;
      }
      plan.state[jk] = static_cast<uint8_t>(best);
      if (best == kRetired || best < 0) continue;
      const double lo = (best & kFlex) ? P.u_flex_lo[j] : 1.0, hi = P.prm.u_max;
      double u = lo;
      if (M.g_col[jk * 8 + best] >= 0 && KH > 0) u = x[M.g_col[jk * 8 + best]] * EU / KH;
      u = std::clamp(u, lo, hi);
      plan.u[jk] = u;
      if (!(best & kBE) || M.x_first[jk] < 0) continue;
      auto& fl = plan.flows[jk];
      double total = 0;
      const uint32_t a0 = P.adj_start[j], a1 = P.adj_start[j + 1];
      for (uint32_t a = a0; a < a1; ++a) {
        const double v = std::max(0.0, x[M.x_first[jk] + (a - a0)]) * EU;
        if (v <= 1e-9) continue;
        fl.push_back({P.adj_cell[a], v});
        total += v;
      }
      const double cap = phi * KH * u;
      if (total > cap && total > 0)
        for (auto& f : fl) f.mwh *= cap / total;
      for (auto& f : fl) use[size_t(k) * nc + f.cell] += f.mwh;
    }
  }
  // Solver tolerance can leave a cell over-subscribed by ~1e-9: scale back.
  for (int j = 0; j < P.np; ++j)
    for (int k = 0; k < n; ++k)
      for (auto& f : plan.flows[size_t(j) * n + k]) {
        const double u = use[size_t(k) * nc + f.cell], S = P.cells[f.cell].supply_mwh;
        if (u > S && u > 0) f.mwh *= S / u;
      }
  return plan;
}

std::vector<double> solution_from_plan(const Problem& P, const MilpModel& M, const Plan& plan) {
  std::vector<double> x(M.num_cols(), 0.0);
  const int n = P.n;
  const double EU = M.energy_unit;
  for (int j = 0; j < P.np; ++j) {
    if (P.first_k[j] < 0) continue;
    const double KH = P.K[j] * P.H[j];
    for (int k = P.first_k[j]; k <= P.last_k[j]; ++k) {
      const size_t jk = size_t(j) * n + k;
      const int s = plan.state[jk];
      if (s < 0 || s >= kStates) continue;
      const int z = M.z_col[jk * 9 + s];
      if (z < 0) continue;  // state not allowed (lacks an installed option)
      x[z] = 1.0;
      if (s == kRetired) continue;
      const int g = M.g_col[jk * 8 + s];
      if (g >= 0) x[g] = KH * plan.u[jk] / EU;
      if (!(s & kBE) || M.x_first[jk] < 0) continue;
      const int bc = M.b_col[jk * 2 + ((s & kCCS) ? 1 : 0)];
      const uint32_t a0 = P.adj_start[j], a1 = P.adj_start[j + 1];
      for (const Flow& f : plan.flows[jk]) {
        for (uint32_t a = a0; a < a1; ++a)
          if (P.adj_cell[a] == f.cell) {
            x[M.x_first[jk] + (a - a0)] += f.mwh / EU;
            break;
          }
        if (bc >= 0) x[bc] += f.mwh / EU;
      }
    }
  }
  // Transitions: the plan's change of state between consecutive years.
  for (int c = 0; c < M.num_cols(); ++c) {
    const MilpColumn& ci = M.col_info[c];
    if (ci.kind != MilpColumn::kTransition) continue;
    const size_t jk = size_t(ci.plant) * n + ci.k;
    if (plan.state[jk - 1] == ci.aux / kStates && plan.state[jk] == ci.aux % kStates) x[c] = 1.0;
  }
  // Adoptions and slacks: the least value their rows allow.
  std::vector<double> act(M.num_rows(), 0.0);
  for (int c = 0; c < M.num_cols(); ++c)
    for (int e = M.col_start[c]; e < M.col_start[c + 1]; ++e) act[M.row_index[e]] += M.value[e] * x[c];
  for (int c = 0; c < M.num_cols(); ++c) {
    const auto kind = M.col_info[c].kind;
    if (kind != MilpColumn::kAdopt && kind != MilpColumn::kSlack) continue;
    if (M.col_start[c + 1] - M.col_start[c] != 1) continue;
    const int r = M.row_index[M.col_start[c]];
    const double a = M.value[M.col_start[c]];
    // need lo <= act + a v <= up with v >= 0 as small as possible
    double v = 0;
    if (a > 0 && act[r] < M.row_lo[r]) v = (M.row_lo[r] - act[r]) / a;
    if (a < 0 && act[r] > M.row_up[r]) v = (act[r] - M.row_up[r]) / -a;
    v = std::min(v, M.col_up[c]);
    x[c] = v;
    act[r] += a * v;
  }
  return x;
}

}  // namespace pp
