// solver/surplus.hpp: the surplus-BE pass, on a case computed by hand and
// against CBC's optimum of the same instance; solver/gap_split.hpp: weak
// duality term by term, at random prices, for CBC's optimal plans.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/evaluate.hpp"
#include "solver/milp/cbc_backend.hpp"
#include "solver/dual_oracle.hpp"
#include "solver/gap_split.hpp"
#include "solver/log.hpp"
#include "solver/price_layout.hpp"
#include "solver/recovery.hpp"
#include "solver/surplus.hpp"
#include "tests/support/tiny.hpp"

using namespace pp;

namespace {

// The independent optimum: CBC on the exported MILP, proved to gap 0.
SolveResult cbc_optimum(const Problem& P, double seconds) {
  SolverOptions o;
  o.verbosity = 0;
  o.threads = 1;
  o.gap = 0;
  o.time_limit = seconds;
  return solve_cbc(P, o);
}

// Two alike plants (100 MW, 5,000 h, built 2020) on one biomass cell that
// holds exactly one plant's co-firing limit, 0.9 x 500,000 MWh. The cap in
// 2025 and 2030 is 77.5% of BAU: 0.2255 x 0.8017 x 1,000,000 t = 180,382.5 t
// less, i.e. 225,000 MWh of biomass burned in all. BE (11.75 USD/MWh net
// fuel + 46.35 USD/kW-yr O&M) is the cheapest way: Flex would lose the
// 48.55 USD/MWh margin, CCS costs 1,559.75 USD/kW, retiring a plant its
// whole cash flow. So one BE plant burning half its limit is optimal, and
// two BE plants burning a quarter each pay one BE's fixed cost for nothing.
Instance two_plants_one_cell() {
  Instance in;
  in.dir = "surplus";
  in.params.first_year = 2025;
  in.params.last_year = 2030;
  for (const char* id : {"a", "b"}) in.plants.push_back(test::anhui_plant(id));
  in.cells.push_back({"c", 115, 35, 450000, ""});
  in.pathways.push_back({"hand", 2025, 0.775});
  in.pathways.push_back({"hand", 2030, 0.775});
  return in;
}

}  // namespace

TEST_CASE("surplus BE: of two BE plants sharing the burn one gives BE up, saving its capex and BE O&M") {
  const Problem P = test::build_or_throw(two_plants_one_cell(), {"hand", -1, {}});
  REQUIRE(P.np == 2);
  REQUIRE(P.n == 2);
  // Both plants in BE in both years; the LP splits the 225,000 MWh between them.
  std::vector<uint8_t> both(size_t(P.np) * P.n, kBE);
  RecoveryOutcome rec = solve_fixed_states(P, both, nullptr);
  REQUIRE(rec.solved);
  REQUIRE(rec.feasible);
  Plan plan = rec.plan;
  Evaluation ev = evaluate(P, plan);
  REQUIRE(ev.feasible);
  const double tc_both = ev.tc;

  Log log(0);
  const int dropped = drop_surplus_options(P, plan, ev, nullptr, 8, log);
  CHECK(dropped == 1);
  CHECK(ev.feasible);
  CHECK(evaluate(P, plan).feasible);  // the evaluator, afresh
  int be_plants = 0;
  for (int j = 0; j < P.np; ++j) be_plants += (plan.state[plan.at(j, 0)] & kBE) != 0;
  CHECK(be_plants == 1);
  // By hand: one BE capex (327.2 USD/kW x 100 MW, paid 2025, d = 1) and the
  // BE O&M (18.85 + 27.5 USD/kW-yr x 100 MW) over 2025 .. 2059 saved; the
  // burn, its cell and its distance are the same.
  double d35 = 0;
  for (int i = 0; i < 35; ++i) d35 += std::pow(1.05, -i);
  const double saved = 327.2 * 1000 * 100 + d35 * 1000 * 100 * (18.85 + 27.5);
  CHECK(tc_both - ev.tc == doctest::Approx(saved).epsilon(1e-7));

  // ... which is the optimum: CBC on the MILP of the same instance.
  const SolveResult cbc = cbc_optimum(P, 30);
  REQUIRE(cbc.status == Status::kOptimalWithinGap);
  CHECK(ev.tc == doctest::Approx(cbc.eval.tc).epsilon(1e-7));

  // A plan with nothing to spare is left alone.
  Plan again = plan;
  Evaluation ev2 = ev;
  CHECK(drop_surplus_options(P, again, ev2, nullptr, 8, log) == 0);
  CHECK(ev2.tc == ev.tc);
}

TEST_CASE("gap split: its parts are >= 0 and add up to L(y) - NPV(plan), on random tiny instances and prices") {
  int checked = 0;
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    const Problem P = test::tiny_problem(seed);
    const SolveResult cbc = cbc_optimum(P, 20);
    if (cbc.status != Status::kOptimalWithinGap) continue;  // infeasible instance
    const PriceLayout L(P);
    DualOracle oracle(P, L);
    test::Rng rng(seed);
    for (int draw = 0; draw < 3; ++draw) {
      std::vector<double> y(L.dim());
      for (double& v : y) v = rng.chance(0.5) ? rng.uniform(0, 80) : 0.0;
      const double dual = oracle.evaluate(y, nullptr);  // L(y), NPV scale, fixed years included
      const GapSplit g = split_gap(P, L, y, dual, cbc.plan, cbc.eval);
      const double tol = 1e-7 * std::max(1e6, std::abs(dual));
      CHECK(g.total == doctest::Approx(dual - cbc.eval.npv).epsilon(1e-12));
      CHECK(g.total >= -tol);  // weak duality
      CHECK(g.paths >= -tol);
      CHECK(g.operation >= -tol);
      CHECK(g.room_emission >= -tol);
      CHECK(g.room_floor >= -tol);
      CHECK(g.room_cell >= -tol);
      CHECK(g.paths + g.operation + g.room_emission + g.room_floor + g.room_cell ==
            doctest::Approx(g.total).epsilon(1e-9));
      ++checked;
    }
  }
  CHECK(checked >= 15);
}
