#include "solver/subproblem.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pp {

namespace {

// Orders the plant's cells for period k by the state-independent part of the
// biomass cost, disc * f_trkm * dist + mu (papers/model.md section 8). Cells come
// sorted by distance, so without cell prices the order is already right.
void order_cells(const Problem& P, int j, int k, const PriceView& pr, Scratch& s) {
  const uint32_t b = P.adj_start[j], e = P.adj_start[j + 1];
  const size_t m = e - b;
  const double disc = P.disc[size_t(j) * P.n + k];
  const double per_km = disc * P.prm.bio_transport_km;
  s.order.resize(m);
  s.key.resize(m);
  bool priced = false;
  for (size_t i = 0; i < m; ++i) {
    s.order[i] = static_cast<int32_t>(i);
    double mu = 0;
    const int32_t row = P.cell_row[P.adj_cell[b + i]];
    if (row >= 0 && pr.mu) mu = pr.mu[size_t(k) * P.n_cell_rows + row];
    priced |= mu != 0;
    s.key[i] = per_km * P.adj_dist[b + i] + mu;
  }
  if (priced)
    std::stable_sort(s.order.begin(), s.order.end(),
                     [&](int32_t a, int32_t c) { return s.key[a] < s.key[c]; });
}

// Period optimum for a state, given the cell order already in `s`.
PeriodChoice period_from_order(const Problem& P, int j, int k, uint8_t st, const PriceView& pr,
                               Scratch& s, std::vector<Flow>* flows) {
  const Params& prm = P.prm;
  const size_t jk = size_t(j) * P.n + k;
  const int pk = P.province[j] * P.n + k;
  const double disc = P.disc[jk];
  const double lam = pr.lam_pk[pk], pi = pr.pi_pk[pk];
  const bool ccs = st & kCCS, be = st & kBE, flex = st & kFlex;
  const double e = P.e[j], K = P.K[j], KH = P.K[j] * P.H[j];
  const double keep = ccs ? 1.0 - prm.capture_rate : 1.0;

  double alpha = disc * (prm.price - prm.coal_cost) - lam * e * keep + pi;
  if (ccs) alpha -= disc * (prm.ccs_capture + prm.ccs_storage + prm.ccs_transport_km * P.D[j]) * e;
  const double fixed = disc * 1000.0 * K * (prm.om() + (be ? prm.be_om() : 0.0));
  const double gmin = KH * (flex ? P.u_flex_lo[j] : 1.0);
  const double gmax = KH * prm.u_max;
  // beta_c = base - key_c: value of one MWh of biomass from cell c.
  const double base = disc * (prm.coal_cost - prm.biomass_cost()) + lam * (e * keep + (ccs ? prm.bio_credit : 0.0));
  const double phi = prm.cofire_share;

  PeriodChoice out;
  double G = gmin, value = 0;
  size_t pos = 0;        // current cell in the order
  double left = 0;       // supply left in that cell
  const uint32_t b0 = P.adj_start[j];
  const size_t m = be ? s.order.size() : 0;
  if (be) s.take.assign(m, 0.0);
  auto beta_at = [&](size_t i) { return base - s.key[s.order[i]]; };
  auto supply_at = [&](size_t i) { return P.cells[P.adj_cell[b0 + s.order[i]]].supply_mwh; };
  if (m > 0) left = supply_at(0);

  // Fill phi * gmin with the best cells.
  double budget = phi * G;
  while (pos < m && budget > 0 && beta_at(pos) > 0) {
    const double t = std::min(left, budget);
    s.take[pos] += t;
    value += t * beta_at(pos);
    budget -= t;
    left -= t;
    if (left <= 0 && ++pos < m) left = supply_at(pos);
  }
  // Raise G while the marginal value alpha + phi * beta (of the cell being
  // filled, if worth it) is positive: the optimum is at a bound or where a
  // cell runs out.
  while (G < gmax) {
    const bool bio = pos < m && beta_at(pos) > 0;
    const double slope = alpha + (bio ? phi * beta_at(pos) : 0.0);
    if (slope <= 0) break;
    double g_next = gmax;
    if (bio) g_next = std::min(gmax, G + left / phi);
    if (bio && g_next <= G) {
      // A supply too small to move G in floating point (a cell all but used
      // up): it counts as empty, or this loop would never end.
      left = 0;
      if (++pos < m) left = supply_at(pos);
      continue;
    }
    const double dG = g_next - G;
    if (bio) {
      const double t = phi * dG;
      s.take[pos] += t;
      value += t * beta_at(pos);
      left -= t;
      if (left <= 1e-9 * supply_at(pos) && ++pos < m) left = supply_at(pos);
    }
    G = g_next;
  }
  out.value = value + alpha * G - fixed;
  out.u = KH > 0 ? G / KH : (flex ? P.u_flex_lo[j] : 1.0);
  double bsum = 0;
  int used = 0;
  if (flows) flows->clear();
  for (size_t i = 0; i < m; ++i) {
    if (s.take[i] <= 0) continue;
    bsum += s.take[i];
    ++used;
    if (flows) flows->push_back({P.adj_cell[b0 + s.order[i]], s.take[i]});
  }
  out.biomass = bsum;
  out.n_cells = used;
  return out;
}

double capex_of(const Problem& P, int j, int k, uint8_t added) {
  const Params& prm = P.prm;
  double c = 0;
  if (added & kFlex) c += prm.capex_flex;
  if (added & kBE) c += prm.capex_be;
  if (added & kCCS) c += prm.capex_ccs;
  return c * 1000.0 * P.K[j] * P.dk[k];
}

}  // namespace

PeriodChoice solve_period(const Problem& P, int j, int k, uint8_t state, const PriceView& pr,
                          Scratch& s, std::vector<Flow>* flows) {
  order_cells(P, j, k, pr, s);
  return period_from_order(P, j, k, state, pr, s, flows);
}

double path_value(const Problem& P, int j, const uint8_t* states, const PriceView& pr, Scratch& s) {
  const int k0 = P.first_k[j], k1 = P.last_k[j];
  if (k0 < 0) return 0.0;
  double v = 0;
  uint8_t prev = P.installed[j];
  for (int k = k0; k <= k1; ++k) {
    const uint8_t st = states[k];
    if (st == kRetired) {
      v += P.retire_credit(j, k);
      break;
    }
    v += solve_period(P, j, k, st, pr, s, nullptr).value;
    v -= capex_of(P, j, k, uint8_t(st & ~prev));
    prev = st;
  }
  return v;
}

double solve_plant(const Problem& P, int j, const PriceView& pr, Scratch& s, PlantPath* path,
                   const uint16_t* allowed) {
  const int n = P.n;
  const int k0 = P.first_k[j], k1 = P.last_k[j];
  if (path) {
    path->state.assign(n, kNotAlive);
    path->u.assign(n, 0.0);
    path->biomass.assign(n, 0.0);
    path->emissions.assign(n, 0.0);
    path->generation.assign(n, 0.0);
    path->flows.resize(n);
    for (auto& f : path->flows) f.clear();
    path->value = 0;
  }
  if (k0 < 0) return 0.0;
  const uint8_t inst = P.installed[j];
  constexpr double kNeg = -std::numeric_limits<double>::infinity();
  auto ok = [&](int k, int st) { return !allowed || (allowed[k] >> st) & 1u; };

  // pv[k][s]: period values; W[k][s]: best value of periods k.. from state s
  // at k; nxt[k][s]: the state chosen at k+1.
  s.pv.resize(size_t(n) * 8);
  s.W.resize(size_t(n) * 9);
  s.nxt.resize(size_t(n) * 9);
  s.retire_ok.resize(size_t(n) + 1);
  double* pv = s.pv.data();
  double* W = s.W.data();
  uint8_t* nxt = s.nxt.data();
  s.retire_ok[k1 + 1] = 1;
  for (int k = k1; k >= k0; --k) s.retire_ok[k] = s.retire_ok[k + 1] && ok(k, kRetired);
  for (int k = k0; k <= k1; ++k) {
    order_cells(P, j, k, pr, s);
    for (uint8_t st = 0; st < 8; ++st) {
      if ((st & inst) != inst || !ok(k, st)) { pv[k * 8 + st] = kNeg; continue; }
      pv[k * 8 + st] = period_from_order(P, j, k, st, pr, s, nullptr).value;
    }
  }
  for (int k = k1; k >= k0; --k) {
    W[k * 9 + kRetired] = s.retire_ok[k] ? 0.0 : kNeg;
    nxt[k * 9 + kRetired] = kRetired;
    for (uint8_t st = 0; st < 8; ++st) {
      if (pv[k * 8 + st] == kNeg) { W[k * 9 + st] = kNeg; continue; }
      // end of life, or retire at k+1 (if allowed; credited then)
      double best = k == k1 ? 0.0 : s.retire_ok[k + 1] ? P.retire_credit(j, k + 1) : kNeg;
      uint8_t arg = kRetired;
      if (k < k1) {
        for (uint8_t to = 0; to < 8; ++to) {
          if ((to & st) != st || W[(k + 1) * 9 + to] == kNeg) continue;
          const double v = W[(k + 1) * 9 + to] - capex_of(P, j, k + 1, uint8_t(to & ~st));
          if (v > best) { best = v; arg = to; }
        }
      }
      W[k * 9 + st] = best == kNeg ? kNeg : pv[k * 8 + st] + best;
      nxt[k * 9 + st] = arg;
    }
  }
  double best = s.retire_ok[k0] ? P.retire_credit(j, k0) : kNeg;  // retire at the first decision year
  uint8_t first = kRetired;
  for (uint8_t st = 0; st < 8; ++st) {
    if (W[k0 * 9 + st] == kNeg) continue;
    const double v = W[k0 * 9 + st] - capex_of(P, j, k0, uint8_t(st & ~inst));
    if (v > best) { best = v; first = st; }
  }
  if (!path) return best;

  path->value = best;
  if (best == kNeg) return best;
  uint8_t st = first;
  for (int k = k0; k <= k1; ++k) {
    path->state[k] = st;
    if (st != kRetired) {
      const PeriodChoice c = solve_period(P, j, k, st, pr, s, &path->flows[k]);
      path->u[k] = c.u;
      path->biomass[k] = c.biomass;
      path->generation[k] = c.u * P.K[j] * P.H[j];
      path->emissions[k] = period_emissions(P, j, st, path->generation[k], c.biomass);
    }
    st = (st == kRetired || k == k1) ? kRetired : nxt[k * 9 + st];
  }
  return best;
}

}  // namespace pp
