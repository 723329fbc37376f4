#pragma once
// Per-plant subproblem for fixed prices: the exact DP over the 9 technology
// states and the decision years, with each period's (u, biomass) problem
// solved in closed form (papers/model.md section 8).
//
// Value of a plant under prices (what solve_plant maximises):
//   sum over decision years k at which j is alive of
//     disc[j,k] * CF(s_k, u_k, x_k)                (annual cash flow, no capex)
//     - lam_pk[p,k] * E(s_k, u_k, x_k)             (emission price, USD/t)
//     + pi_pk[p,k] * G(u_k)                        (floor price, USD/MWh)
//     - sum_c mu[k, cell_row(c)] * x_{k,c}         (cell price, USD/MWh; cells with row -1 unpriced)
//   - sum over adoptions of capex * 1000 K * d(t_k)
// with u, x within the plant's own limits, 0 <= x_c <= S_c (the cell's whole
// supply: a valid, tighter relaxation) and sum_c x_c <= phi G, x only with BE.
// fixed_npv (years before the first decision year) is not included.
#include <cstdint>
#include <vector>

#include "model/plan.hpp"
#include "model/problem.hpp"

namespace pp {

// Prices in the layout the subproblem reads.
struct PriceView {
  const double* lam_pk;  // [p*n+k] effective emission price (sum of the rows covering (p,k))
  const double* pi_pk;   // [p*n+k]
  const double* mu;      // [k*n_cell_rows + row], may be null when n_cell_rows == 0
};

// One period's optimum for a given state.
struct PeriodChoice {
  double value = 0;  // priced period value (as in the sum above, one k)
  double u = 0;
  double biomass = 0;  // MWh/yr
  int n_cells = 0;     // cells used, in the plant's priced order (see Scratch::order)
};

// Reusable buffers: no allocation per plant once warmed up.
struct Scratch {
  std::vector<int32_t> order;   // positions into the plant's adjacency, best first
  std::vector<double> key;
  std::vector<double> take;     // MWh from each cell in `order`
  // per (k, state) results of the last solve
  std::vector<PeriodChoice> period;  // [k*8 + s]
  std::vector<std::vector<Flow>> period_flows;  // [k*8+s]
  // DP tables, sized to the decision years on first use (no fixed limit).
  std::vector<double> pv, W;    // [k*8+s], [k*9+s]
  std::vector<uint8_t> nxt;     // [k*9+s]
  std::vector<char> retire_ok;  // [k]: retiring at k is allowed (and stays allowed)
};

struct PlantPath {
  std::vector<uint8_t> state;  // [k], kNotAlive outside the plant's life
  std::vector<double> u, biomass, emissions, generation;  // [k]
  std::vector<std::vector<Flow>> flows;  // [k]
  double value = 0;
};

// Best value of period k in `state` (0..7; not CR).
PeriodChoice solve_period(const Problem& P, int j, int k, uint8_t state, const PriceView& pr,
                          Scratch& s, std::vector<Flow>* flows);

// Allowed states of one plant per decision year: bit s (0..7 option sets,
// 8 = retired) of allowed[k]; what branch-and-price forbids at a node.
constexpr uint16_t kAllStates = 0x1FF;

// The DP: best path and its value. If `path` is null only the value is
// computed. allowed: per decision year k (P.n entries), null = every state.
// Returns -inf when the masks leave the plant no path.
double solve_plant(const Problem& P, int j, const PriceView& pr, Scratch& s, PlantPath* path,
                   const uint16_t* allowed = nullptr);

// Priced value of a given path (states[k] for the plant's decision years),
// with each period's (u, x) at its optimum for that state.
double path_value(const Problem& P, int j, const uint8_t* states, const PriceView& pr, Scratch& s);

// Emissions of one period, t/yr (papers/model.md section 4).
inline double period_emissions(const Problem& P, int j, uint8_t state, double G, double b) {
  if (state == kRetired || state == kNotAlive) return 0;
  const double e = P.e[j];
  double E = e * (G - b);
  if (state & kCCS) E -= P.prm.capture_rate * e * (G - b) + P.prm.bio_credit * b;
  return E;
}

}  // namespace pp
