#pragma once
// An independent reference for one plant's priced subproblem (the value that
// solver/subproblem.hpp's solve_plant maximises; see its header comment).
//
// Independent of the solver and of build_problem's derived arrays: lives come
// from the start year and the lifetime, discount sums from the decision years
// and the rate, distances from great_circle_km over every cell with positive
// supply. Only the price layout (PriceView, Problem::cell_row) is shared.
//
// For a fixed state the period problem in (u, x) is an LP: it is solved with
// COIN-OR CLP and its optimum re-scored with the direct formulas. The best
// path is found by enumerating EVERY feasible state path by brute force
// (monotone subsets of {Flex, BE, CCS} containing the installed options, CR
// absorbing and allowed after any state).
#include <string>
#include <vector>

#include "model/plan.hpp"
#include "model/problem.hpp"
#include "solver/subproblem.hpp"

namespace pp::test {

struct ReferencePath {
  double value = 0;                      // best priced value (no fixed_npv)
  std::vector<uint8_t> state;            // [k], kNotAlive outside the life
  std::vector<double> u;                 // [k]
  std::vector<std::vector<Flow>> flows;  // [k]
  long paths = 0;                        // number of state paths enumerated
};

// Decision years at which plant j is alive, from its record: [first, last],
// first = -1 when none.
void alive_range(const Problem& P, int j, int& first, int& last);

// Sum of d(y) over the alive years of period k (recomputed year by year).
double period_discount(const Problem& P, int j, int k);

// Priced value of period k for the given state (0..7), u and flows:
// disc * CF - lam E + pi G - sum mu x. No validity check.
double priced_period_value(const Problem& P, int j, int k, uint8_t state, double u,
                           const std::vector<Flow>& flows, const PriceView& pr);

// Optimum of period k in `state` (0..7) by CLP; fills u and flows if given.
double reference_period(const Problem& P, int j, int k, uint8_t state, const PriceView& pr,
                        double* u = nullptr, std::vector<Flow>* flows = nullptr);

// Brute force over every state path.
ReferencePath reference_plant(const Problem& P, int j, const PriceView& pr);

// Scores a path (states per decision year, u, flows) of plant j under prices,
// including capex; checks every rule of the plant (state path, u range,
// flows within R and S_c, phi G, BE). Returns the priced value; `error`
// receives the first rule broken (empty if none).
double score_path(const Problem& P, int j, const PriceView& pr, const std::vector<uint8_t>& state,
                  const std::vector<double>& u, const std::vector<std::vector<Flow>>& flows,
                  std::string* error, double tol = 1e-7);

}  // namespace pp::test
