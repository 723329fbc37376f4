#include "tests/support/lp_reference.hpp"

#include <ClpSimplex.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "model/geo.hpp"
#include "model/technology.hpp"

namespace pp::test {

namespace {

double disc_year(const Problem& P, int y) {
  return std::pow(1.0 + P.prm.discount_rate, -double(y - P.years[0]));
}

struct Near {
  int cell;
  double dist;
};

std::vector<Near> cells_within(const Problem& P, int j) {
  std::vector<Near> out;
  const auto& pl = P.plants[j];
  for (int c = 0; c < static_cast<int>(P.cells.size()); ++c) {
    if (P.cells[c].supply_mwh <= 0) continue;
    const double d = great_circle_km(pl.lon, pl.lat, P.cells[c].lon, P.cells[c].lat);
    if (d <= P.prm.collection_radius_km) out.push_back({c, d});
  }
  return out;
}

double cell_price(const Problem& P, int k, int c, const PriceView& pr) {
  const int row = P.cell_row[c];
  if (row < 0 || pr.mu == nullptr) return 0.0;
  return pr.mu[size_t(k) * P.n_cell_rows + row];
}

double capex_usd(const Problem& P, int j, uint8_t added) {
  double c = 0;
  if (added & kFlex) c += P.prm.capex_flex;
  if (added & kBE) c += P.prm.capex_be;
  if (added & kCCS) c += P.prm.capex_ccs;
  return c * 1000.0 * P.K[j];
}

double u_low(const Problem& P, int j, uint8_t s) {
  return (s & kFlex) ? std::min(1.0, P.prm.h_flex / P.H[j]) : 1.0;
}

}  // namespace

void alive_range(const Problem& P, int j, int& first, int& last) {
  const int born = P.plants[j].start_year;
  const int dies = born + static_cast<int>(P.prm.lifetime) - 1;
  first = -1;
  last = -2;
  for (int k = 0; k < static_cast<int>(P.years.size()); ++k)
    if (P.years[k] >= born && P.years[k] <= dies) {
      if (first < 0) first = k;
      last = k;
    }
}

double period_discount(const Problem& P, int j, int k) {
  const int born = P.plants[j].start_year;
  const int dies = born + static_cast<int>(P.prm.lifetime) - 1;
  const int n = static_cast<int>(P.years.size());
  const int end = k + 1 < n ? P.years[k + 1] - 1 : dies;
  double s = 0;
  for (int y = P.years[k]; y <= end; ++y)
    if (y >= born && y <= dies) s += disc_year(P, y);
  return s;
}

double priced_period_value(const Problem& P, int j, int k, uint8_t s, double u, const std::vector<Flow>& flows,
                           const PriceView& pr) {
  if (s == kRetired || s == kNotAlive) return 0.0;
  const Params& m = P.prm;
  const auto& pl = P.plants[j];
  const double K = P.K[j], e = P.e[j], D = P.D[j];
  const double G = K * P.H[j] * u;
  double b = 0, haul = 0, mux = 0;
  for (const auto& f : flows) {
    b += f.mwh;
    haul += great_circle_km(pl.lon, pl.lat, P.cells[f.cell].lon, P.cells[f.cell].lat) * f.mwh;
    mux += cell_price(P, k, f.cell, pr) * f.mwh;
  }
  double cf = m.price * G - m.coal_cost * (G - b) - (m.bio_purchase + m.bio_pretreat + m.bio_transport_fixed) * b -
              m.bio_transport_km * haul - 1000.0 * K * (m.om_fix + m.om_var);
  if (s & kBE) cf -= 1000.0 * K * (m.be_om_fix + m.be_om_var);
  if (s & kCCS) cf -= (m.ccs_capture + m.ccs_storage + m.ccs_transport_km * D) * e * G;
  double E = e * (G - b);
  if (s & kCCS) E -= m.capture_rate * e * (G - b) + m.bio_credit * b;
  const int p = P.province[j];
  const size_t pk = size_t(p) * P.n + k;
  return period_discount(P, j, k) * cf - pr.lam_pk[pk] * E + pr.pi_pk[pk] * G - mux;
}

double reference_period(const Problem& P, int j, int k, uint8_t s, const PriceView& pr, double* u_out,
                        std::vector<Flow>* flows_out) {
  const Params& m = P.prm;
  const double K = P.K[j], H = P.H[j], e = P.e[j], D = P.D[j];
  const double disc = period_discount(P, j, k);
  const size_t pk = size_t(P.province[j]) * P.n + k;
  const double lam = pr.lam_pk[pk], pi = pr.pi_pk[pk];
  const bool ccs = s & kCCS, be = s & kBE;
  const auto near = be ? cells_within(P, j) : std::vector<Near>{};
  const int nx = static_cast<int>(near.size());

  // columns: u, x_0..x_{nx-1}; one row: sum x - phi K H u <= 0
  std::vector<double> collb(1 + nx), colub(1 + nx), obj(1 + nx);
  collb[0] = u_low(P, j, s);
  colub[0] = m.u_max;
  const double dG = disc * (m.price - m.coal_cost - (ccs ? (m.ccs_capture + m.ccs_storage + m.ccs_transport_km * D) * e : 0.0)) -
                    lam * e * (1.0 - (ccs ? m.capture_rate : 0.0)) + pi;
  obj[0] = K * H * dG;
  for (int i = 0; i < nx; ++i) {
    const int c = near[i].cell;
    collb[1 + i] = 0;
    colub[1 + i] = P.cells[c].supply_mwh;
    const double dEdb = -e + (ccs ? m.capture_rate * e - m.bio_credit : 0.0);
    obj[1 + i] = disc * (m.coal_cost - m.bio_purchase - m.bio_pretreat - m.bio_transport_fixed -
                         m.bio_transport_km * near[i].dist) -
                 lam * dEdb - cell_price(P, k, c, pr);
  }
  std::vector<CoinBigIndex> start(2 + nx);
  std::vector<int> index;
  std::vector<double> value;
  start[0] = 0;
  index.push_back(0);
  value.push_back(-m.cofire_share * K * H);
  for (int i = 0; i < nx; ++i) {
    start[1 + i] = static_cast<CoinBigIndex>(index.size());
    index.push_back(0);
    value.push_back(1.0);
  }
  start[1 + nx] = static_cast<CoinBigIndex>(index.size());
  const double rowlb = -COIN_DBL_MAX, rowub = 0.0;

  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.loadProblem(1 + nx, 1, start.data(), index.data(), value.data(), collb.data(), colub.data(), obj.data(),
                 &rowlb, &rowub);
  lp.setOptimizationDirection(-1);  // maximise
  lp.primal();
  if (!lp.isProvenOptimal()) throw std::runtime_error("CLP: period LP not solved to optimality");
  const double* sol = lp.primalColumnSolution();

  // Clean the vertex (clamp to bounds, scale biomass into phi G) and
  // re-score it with the direct formulas.
  double u = std::clamp(sol[0], collb[0], colub[0]);
  std::vector<Flow> flows;
  double b = 0;
  for (int i = 0; i < nx; ++i) {
    const double x = std::clamp(sol[1 + i], 0.0, colub[1 + i]);
    if (x > 0) {
      flows.push_back({near[i].cell, x});
      b += x;
    }
  }
  const double bmax = m.cofire_share * K * H * u;
  if (b > bmax && b > 0)
    for (auto& f : flows) f.mwh *= bmax / b;
  const double v = priced_period_value(P, j, k, s, u, flows, pr);
  // Sanity: the re-scored value must match CLP's objective (+ constant).
  const double constant = -disc * 1000.0 * K * (m.om_fix + m.om_var + (be ? m.be_om_fix + m.be_om_var : 0.0));
  const double clp = lp.objectiveValue() + constant;
  if (std::fabs(clp - v) > 1e-6 * std::max(1.0, std::fabs(v)) + 1e-3)
    throw std::runtime_error("CLP objective " + std::to_string(clp) + " differs from the re-scored " +
                             std::to_string(v));
  if (u_out) *u_out = u;
  if (flows_out) *flows_out = std::move(flows);
  return v;
}

ReferencePath reference_plant(const Problem& P, int j, const PriceView& pr) {
  const int n = static_cast<int>(P.years.size());
  ReferencePath best;
  best.state.assign(n, kNotAlive);
  best.u.assign(n, 0.0);
  best.flows.assign(n, {});
  int fk, lk;
  alive_range(P, j, fk, lk);
  if (fk < 0) {
    best.paths = 1;
    return best;
  }
  const uint8_t inst = P.installed[j] & 7;
  // Period optima, once per (k, state): the value of a path is their sum
  // minus capex, so the brute force below is over paths only.
  std::vector<double> pv(size_t(n) * 8, -INFINITY), pu(size_t(n) * 8, 0.0);
  std::vector<std::vector<Flow>> pf(size_t(n) * 8);
  for (int k = fk; k <= lk; ++k)
    for (uint8_t s = 0; s < 8; ++s)
      if ((s & inst) == inst) pv[k * 8 + s] = reference_period(P, j, k, s, pr, &pu[k * 8 + s], &pf[k * 8 + s]);

  std::vector<uint8_t> cur(n, kNotAlive);
  best.value = -INFINITY;
  std::function<void(int, uint8_t, double)> rec = [&](int k, uint8_t prev, double acc) {
    if (k > lk) {
      ++best.paths;
      if (acc > best.value) {
        best.value = acc;
        best.state = cur;
      }
      return;
    }
    const double dk = disc_year(P, P.years[k]);
    // CR at t_k (absorbing): value 0 from here on, no capex
    for (int q = k; q <= lk; ++q) cur[q] = kRetired;
    ++best.paths;
    if (acc > best.value) {
      best.value = acc;
      best.state = cur;
    }
    for (int q = k; q <= lk; ++q) cur[q] = kNotAlive;
    // or any superset of the previous state
    for (uint8_t s = 0; s < 8; ++s) {
      if ((s & prev) != prev) continue;
      cur[k] = s;
      rec(k + 1, s, acc + pv[k * 8 + s] - dk * capex_usd(P, j, static_cast<uint8_t>(s & ~prev)));
    }
    cur[k] = kNotAlive;
  };
  rec(fk, inst, 0.0);
  for (int k = fk; k <= lk; ++k) {
    const uint8_t s = best.state[k];
    if (s == kRetired) continue;
    best.u[k] = pu[k * 8 + s];
    best.flows[k] = pf[k * 8 + s];
  }
  return best;
}

double score_path(const Problem& P, int j, const PriceView& pr, const std::vector<uint8_t>& state,
                  const std::vector<double>& u, const std::vector<std::vector<Flow>>& flows, std::string* error,
                  double tol) {
  const int n = static_cast<int>(P.years.size());
  std::string err;
  auto fail = [&](const std::string& s) {
    if (err.empty()) err = s;
  };
  if (static_cast<int>(state.size()) != n || static_cast<int>(u.size()) != n ||
      static_cast<int>(flows.size()) != n) {
    if (error) *error = "path arrays do not have one entry per decision year";
    return -INFINITY;
  }
  int fk, lk;
  alive_range(P, j, fk, lk);
  const uint8_t inst = P.installed[j] & 7;
  const auto& pl = P.plants[j];
  uint8_t prev = inst;
  double v = 0;
  for (int k = 0; k < n; ++k) {
    const std::string at = "k=" + std::to_string(k) + " (" + std::to_string(P.years[k]) + "): ";
    const uint8_t s = state[k];
    const bool alive = fk >= 0 && k >= fk && k <= lk;
    if (!alive) {
      if (s != kNotAlive) fail(at + "state set where the plant is not alive");
      continue;
    }
    if (s == kNotAlive || s > kRetired) {
      fail(at + "invalid state " + std::to_string(int(s)) + " where alive");
      continue;
    }
    if (s == kRetired) {
      if (u[k] != 0) fail(at + "u != 0 after CR");
      if (!flows[k].empty()) fail(at + "flows after CR");
      prev = kRetired;
      continue;
    }
    if (prev == kRetired) fail(at + "non-CR state after CR");
    if ((s & prev) != prev) fail(at + "state drops an option");
    if ((s & inst) != inst) fail(at + "installed option missing");
    const double lo = u_low(P, j, s);
    if (u[k] < lo - 1e-9 || u[k] > P.prm.u_max + 1e-9) fail(at + "u out of range: " + std::to_string(u[k]));
    double b = 0;
    for (const auto& f : flows[k]) {
      if (f.cell < 0 || f.cell >= static_cast<int>(P.cells.size())) {
        fail(at + "bad cell index");
        continue;
      }
      if (!(s & kBE) && f.mwh != 0) fail(at + "flow without BE");
      if (f.mwh < 0) fail(at + "negative flow");
      if (f.mwh > P.cells[f.cell].supply_mwh * (1 + tol) + tol) fail(at + "flow above the cell's supply");
      const double d = great_circle_km(pl.lon, pl.lat, P.cells[f.cell].lon, P.cells[f.cell].lat);
      if (d > P.prm.collection_radius_km) fail(at + "flow from beyond R");
      b += f.mwh;
    }
    const double bmax = P.prm.cofire_share * P.K[j] * P.H[j] * u[k];
    if (b > bmax + tol * std::max(1.0, bmax)) fail(at + "biomass above phi G");
    const uint8_t base = prev == kRetired ? inst : prev;
    v += priced_period_value(P, j, k, s, u[k], flows[k], pr) -
         disc_year(P, P.years[k]) * capex_usd(P, j, static_cast<uint8_t>(s & ~base));
    prev = s;
  }
  if (error) *error = err;
  return v;
}

}  // namespace pp::test
