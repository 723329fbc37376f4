// Myopic mode (papers/model.md section 7, solver/myopic.hpp): a hand-computed case
// where myopia costs money, "myopic never beats foresight" against the CBC
// optimum on small random instances, feasibility of the myopic plan for the
// independent evaluator, the step problem's baseline against the evaluator,
// thread-count independence, and the budget error.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "model/evaluate.hpp"
#include "model/technology.hpp"
#include "solver/decomposition.hpp"
#include "solver/milp/cbc_backend.hpp"
#include "solver/milp/polish.hpp"
#include "solver/myopic.hpp"
#include "tests/support/tiny.hpp"

using namespace pp;

namespace {

SolverOptions quiet(double seconds = 20) {
  SolverOptions o;
  o.verbosity = 0;
  o.threads = 1;
  o.time_limit = seconds;
  o.max_iterations = 300;
  return o;
}

// As `plantpath solve --mode myopic`: each step by the decomposition, polished
// by CBC over the DP's states (tiny steps may leave the greedy repair alone
// without a plan: nothing to average over).
SolveResult myopic_product(const Problem& P) {
  SolverOptions o = quiet(10);
  o.mode = "myopic";
  return solve_with_backend(P, o);
}

// Each step solved exactly by CBC on the step problem.
SolveResult myopic_cbc(const Problem& P, double seconds = 20) {
  SolverOptions o = quiet(seconds);
  o.gap = 0;
  return solve_myopic_with(P, o, [](const Problem& S, const SolverOptions& so) { return solve_cbc(S, so); });
}

SolveResult foresight_cbc(const Problem& P) {
  SolverOptions o = quiet(20);
  o.gap = 0;
  return solve_cbc(P, o);
}

double tol(double v) { return 1e-6 * std::max(1e3, std::fabs(v)); }

// One plant, two decision years (2025, 2030), no biomass. Caps: 50 % of BAU
// in 2025, zero in 2030.
Instance hand_instance() {
  Instance in;
  in.dir = "hand";
  in.params.first_year = 2025;
  in.params.last_year = 2030;
  in.plants.push_back(test::anhui_plant("p0"));
  in.pathways.push_back({"hand", 2025, 0.5});
  in.pathways.push_back({"hand", 2030, 0.0});
  return in;
}

}  // namespace

TEST_CASE("myopic by hand: Flex looks right held to 2059, but the 2030 cap of zero retires the plant") {
  // Defaults: P = 60, f_coal = 11.45, O&M 41.66 + 31.35 USD/kW-yr, Flex capex
  // 327.4 USD/kW, r = 5 %, h_flex = 1500 h (so u >= 0.3), u_max = 1.
  // G = 100 MW x 5000 h x u = 500,000 u MWh; CF(u) = 48.55 G - 7,301,000.
  const double cf_half = 48.55 * 250000.0 - 1000.0 * 100 * (41.66 + 31.35);  // u = 0.5: 4,836,500
  const double cf_one = 48.55 * 500000.0 - 1000.0 * 100 * (41.66 + 31.35);   // u = 1: 16,974,000
  const double capex = 327.4 * 1000.0 * 100;                                 // 32,740,000
  double d35 = 0, d5 = 0;  // discount sums over 2025..2059 and 2025..2029
  for (int i = 0; i < 35; ++i) d35 += std::pow(1.05, -i);
  for (int i = 0; i < 5; ++i) d5 += std::pow(1.05, -i);
  const double npv_bau = d35 * cf_one;
  // Myopic step 2025: BAU breaks the cap (u must be <= 0.5). Held to 2059,
  // Flex at u = 0.5 is worth d35 * CF(0.5) - capex (about +50.4 M USD) > 0 =
  // retiring; CCS costs more per MWh (55.6 USD) than the margin (48.55 USD).
  REQUIRE(d35 * cf_half - capex > 0);
  // Step 2030: a cap of zero leaves only retirement. Realised NPV: five years
  // of Flex at u = 0.5 minus the capex (about -10.75 M USD).
  const double npv_myopic = d5 * cf_half - capex;
  REQUIRE(npv_myopic < 0);
  // Foresight: retiring in 2025 (NPV 0) beats Flex-then-retire.
  const double tc_foresight = npv_bau - 0.0;
  const double tc_myopic = npv_bau - npv_myopic;

  const Problem P = test::build_or_throw(hand_instance(), {"hand", -1, {}});
  REQUIRE(P.np == 1);
  REQUIRE(P.n == 2);

  const SolveResult f = foresight_cbc(P);
  REQUIRE(f.status == Status::kOptimalWithinGap);
  CHECK(f.eval.tc == doctest::Approx(tc_foresight).epsilon(1e-9));
  CHECK(f.plan.state[0] == kRetired);

  const SolveResult m = myopic_cbc(P);
  REQUIRE_MESSAGE(m.status == Status::kStepsWithinGap, m.message);
  CHECK(m.eval.feasible);
  CHECK(m.plan.state[0] == kFlex);
  CHECK(m.plan.u[0] == doctest::Approx(0.5).epsilon(1e-9));
  CHECK(m.plan.state[1] == kRetired);
  CHECK(m.eval.tc == doctest::Approx(tc_myopic).epsilon(1e-9));
  CHECK(m.eval.tc > f.eval.tc + 1e6);  // the value of foresight here: about 10.75 M USD
  CHECK(std::isnan(m.tc_lower_bound));  // the foresight bound is not computed
  CHECK(m.worst_step_gap <= 1e-9);
  {  // ... so the run has no gap and its plan is "feasible, no bound", never "optimal"
    SolveResult settled = m;
    settle_status(settled, 1e-3);
    CHECK(std::isnan(settled.gap));
    CHECK(settled.solution == SolutionState::kFeasibleNoBound);
    CHECK(settled.stop == StopReason::kGapReached);
    CHECK(to_string(settled.status) == "myopic steps within gap");
  }
  REQUIRE(m.history.size() == 2);
  CHECK(m.history[0].iteration == 2025);
  // Step 2025's TC (baseline: keep PP at u = 1 to 2059): npv_bau - (d35 CF(0.5) - capex).
  CHECK(m.history[0].best_tc == doctest::Approx(npv_bau - (d35 * cf_half - capex)).epsilon(1e-9));

  // The decomposition's steps give a feasible plan no better than foresight.
  const SolveResult md = myopic_product(P);
  REQUIRE(md.plan.np == 1);
  CHECK(md.eval.feasible);
  CHECK(md.eval.tc >= f.eval.tc - tol(f.eval.tc));
}

TEST_CASE("myopic step problem: baseline, remaining-life discount sums and rows agree with the evaluator") {
  test::TinyOptions to;
  to.min_plants = 6;
  to.max_plants = 10;
  const Problem P = test::tiny_problem(3, to);
  std::vector<uint8_t> current(P.installed.begin(), P.installed.end());
  for (int k = 0; k < P.n; ++k) {
    CAPTURE(k);
    MyopicStep st;
    std::string err;
    REQUIRE(build_myopic_step(P, k, current, st, err));
    const Problem& S = st.P;
    // BAU of the step (keep current state, u = 1) scored by the evaluator on the step problem
    Plan keep;
    keep.resize(S.np, 1);
    for (int i = 0; i < S.np; ++i) {
      keep.state[i] = S.installed[i];
      keep.u[i] = 1.0;
    }
    const Evaluation ev = evaluate(S, keep);
    CHECK(ev.tc == doctest::Approx(0.0).scale(std::max(1.0, 1e-9 * std::fabs(S.npv_bau))));
    CHECK(ev.npv_bau == doctest::Approx(S.npv_bau).epsilon(1e-12));
    int alive = 0;
    for (int j = 0; j < P.np; ++j) alive += P.alive_at(j, k) && current[j] != kRetired;
    CHECK(S.np == alive);
    size_t rows = 0;
    for (const auto& r : P.emission_rows) rows += r.weight[k] != 0;
    CHECK(S.emission_rows.size() == rows);
    // next step: retire plant 0 of the step, give the next Flex
    if (S.np > 0) current[st.plant[0]] = kRetired;
    if (S.np > 1) current[st.plant[1]] = uint8_t(S.installed[1] | kFlex);
  }
}

TEST_CASE("myopic never beats foresight; its plan is feasible per the evaluator") {
  int compared = 0, differ = 0, dead_ends = 0;
  for (uint64_t seed = 1; seed <= 16; ++seed) {
    CAPTURE(seed);
    test::TinyOptions to;
    to.min_plants = 3;
    to.max_plants = 7;
    to.vary_params = seed % 3 == 0;
    const Problem P = test::tiny_problem(seed, to);
    const SolveResult f = foresight_cbc(P);
    if (f.status != Status::kOptimalWithinGap) continue;  // infeasible instance
    for (int solver = 0; solver < 2; ++solver) {
      CAPTURE(solver);
      const SolveResult m = solver == 0 ? myopic_cbc(P) : myopic_product(P);
      if (m.status == Status::kInfeasible || m.status == Status::kNoFeasiblePlan) {
        // A myopic dead end (earlier retirements leave a floor unmeetable) is
        // possible: the path is completed and only floors are broken.
        MESSAGE(m.message);
        ++dead_ends;
        REQUIRE(m.status == Status::kNoFeasiblePlan);
        CHECK(m.message.find("myopic dead end") != std::string::npos);
        REQUIRE(m.plan.np == P.np);
        CHECK_FALSE(m.eval.feasible);
        for (const auto& v : m.eval.violations) CHECK_MESSAGE(v.find("electricity floor") == 0, v);
        continue;
      }
      REQUIRE_MESSAGE(m.plan.np == P.np, m.message);
      const Evaluation ev = evaluate(P, m.plan);
      for (const auto& v : ev.violations) MESSAGE("violation: " << v);
      CHECK(ev.feasible);
      CHECK(ev.tc == doctest::Approx(m.eval.tc).epsilon(1e-12));
      CHECK(ev.tc >= f.eval.tc - tol(f.eval.tc));
      CHECK(m.history.size() == size_t(P.n));
      if (solver == 0) {
        CHECK(m.status == Status::kStepsWithinGap);
        ++compared;
        differ += ev.tc > f.eval.tc + tol(f.eval.tc);
      }
    }
  }
  MESSAGE(compared << " instances compared, myopic strictly worse on " << differ << "; " << dead_ends
                   << " myopic dead ends");
  CHECK(compared >= 6);
}

TEST_CASE("myopic: same plan on 1 and 2 threads; provincial caps; budget is an error") {
  test::TinyOptions to;
  to.min_plants = 8;
  to.max_plants = 10;
  Instance in = test::tiny_instance(7, to);
  in.params.cap_scope = 1;  // provincial
  const Problem P = test::build_or_throw(in);
  SolverOptions o1 = quiet(60), o2 = quiet(60);
  o1.mode = o2.mode = "myopic";
  o2.threads = 2;
  const SolveResult a = solve(P, o1), b = solve(P, o2);
  CHECK(a.status == b.status);
  if (a.plan.np == P.np) {
    CHECK(a.eval.feasible == (a.status != Status::kNoFeasiblePlan));  // a dead end keeps its plan
    CHECK(a.plan.state == b.plan.state);
    CHECK(a.plan.u == b.plan.u);
    CHECK(a.eval.tc == b.eval.tc);
  }

  const Problem B = test::build_or_throw(test::tiny_instance(7, to), {"tiny", 0.5, {}});
  SolverOptions ob = quiet();
  ob.mode = "myopic";
  const SolveResult e = solve(B, ob);
  CHECK(e.status == Status::kError);
  CHECK(e.message.find("budget") != std::string::npos);
}

TEST_CASE("myopic dead end in soft mode: the floor shortfall is penalised, the run ends normally") {
  test::TinyOptions to;
  to.min_plants = 3;
  to.max_plants = 7;
  const Problem hard = test::tiny_problem(1, to);  // dead-ends at a 2050 floor (see the case above)
  const SolveResult h = myopic_cbc(hard);
  REQUIRE(h.status == Status::kNoFeasiblePlan);
  Instance in = test::tiny_instance(1, to);
  in.params.violation_penalty = 1e4;  // USD per t / MWh: far above any step price here
  const Problem P = test::build_or_throw(in);
  const SolveResult m = myopic_cbc(P);
  CHECK(m.status == Status::kStepsWithinGap);
  CHECK(m.message.find("myopic dead end") != std::string::npos);
  REQUIRE(m.plan.np == P.np);
  CHECK(m.eval.feasible);  // soft: broken rows are charged, not fatal
  CHECK(m.eval.penalty > 0);
  for (const auto& v : m.eval.violations) CHECK_MESSAGE(v.find("electricity floor") == 0, v);
}
