// PLATO's step choices (solver/myopic.hpp, papers/plato-comparison.md):
// one plant's step value under PLATO's objective computed by hand against
// the step MILP solved by CBC; a retirement credit in the DP against the
// independent evaluator over every path; and PLATO-mode steps of a small
// random instance by the decomposition bracketing CBC's optimum.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "io/instance_reader.hpp"
#include "model/evaluate.hpp"
#include "model/subset.hpp"
#include "model/params.hpp"
#include "model/technology.hpp"
#include "solver/decomposition.hpp"
#include "solver/milp/cbc_backend.hpp"
#include "solver/myopic.hpp"
#include "solver/subproblem.hpp"
#include "tests/support/tiny.hpp"

using namespace pp;

namespace {

SolverOptions quiet(double gap = 0) {
  SolverOptions o;
  o.verbosity = 0;
  o.threads = 1;
  o.time_limit = 60;
  o.gap = gap;
  return o;
}

void plato(Params& p) {
  REQUIRE(set_param(p, "objective", "plato").empty());
  p.cap_scope = kCapScopeNational;  // one plant: the national row is its row
  p.province_sequence = 0;          // (the province loop needs provincial rows)
}

// One plant, 100 MW, 5000 h, built 2020 (alive to 2059), one decision year
// 2025 whose cap is `ratio` of BAU emissions; no biomass.
Problem one_plant(double ratio) {
  Instance in;
  in.dir = "hand";
  plato(in.params);
  in.params.first_year = 2025;
  in.params.last_year = 2025;
  PlantRecord& p = in.plants.emplace_back();
  p.id = p.name = "p0";
  p.province = "Anhui";
  p.lon = 115;
  p.lat = 35;
  p.capacity_mw = 100;
  p.start_year = 2020;
  p.hours = 5000;
  p.emission_factor_t_per_mwh = 0.8017;
  p.ccs_distance_km = 100;
  in.pathways.push_back({"hand", 2025, ratio});
  return test::build_or_throw(in, {"hand", -1, {}});
}

// CBC's proven step optimum lies between the decomposition's bound and the
// TC of its plan, both scored by the evaluator.
void check_brackets(const Problem& S, const SolveResult& cbc) {
  const Evaluation ec = evaluate(S, cbc.plan);
  REQUIRE(ec.feasible);
  const SolveResult d = solve(S, quiet(1e-6));
  const double tol = 1e-6 * std::max(1e3, std::fabs(ec.tc));
  CHECK(d.tc_lower_bound <= ec.tc + tol);
  REQUIRE(d.plan.np == S.np);
  const Evaluation ed = evaluate(S, d.plan);
  CHECK(ed.feasible);
  CHECK(ed.tc >= ec.tc - tol);
}

}  // namespace

TEST_CASE("PLATO's step by hand: undiscounted years left, Flex floor only at adoption, retirement credit") {
  // Defaults: P = 60, coal 11.45 USD/MWh, O&M 73.01 USD/kW-yr; the plant had
  // Flex from an earlier step. Held to 2059: 35 years, undiscounted.
  const double G1 = 500000, om = 1000.0 * 100 * 73.01;  // MWh/yr at u = 1; 7,301,000 USD/yr
  const double years = 35;
  // PLATO's cost table rows a = 5 .. 39 (age), discounted by 1.05^-(i+1):
  double table = 0;
  for (int i = 5; i <= 39; ++i) table += std::pow(1.05, -(i + 1));
  const double credit = table * (om + 11.45 * G1) - years * om;  // about -88.4 M USD
  const double bau = years * (48.55 * G1 - om);                   // keep Flex at u = 1: 594,090,000

  for (const double ratio : {0.5, 0.0}) {
    CAPTURE(ratio);
    const Problem P = one_plant(ratio);
    MyopicStep st;
    std::string err;
    REQUIRE(build_myopic_step(P, 0, {uint8_t(kFlex)}, st, err));
    const Problem& S = st.P;
    REQUIRE(S.np == 1);
    CHECK(S.disc[0] == doctest::Approx(years).epsilon(1e-15));
    CHECK(S.u_flex_lo[0] == 0.0);
    REQUIRE(S.retire_value.size() == 1);
    CHECK(S.retire_value[0] == doctest::Approx(credit).epsilon(1e-12));
    CHECK(S.npv_bau == doctest::Approx(bau).epsilon(1e-12));

    const SolveResult cbc = solve_cbc(S, quiet());
    REQUIRE(cbc.status == Status::kOptimalWithinGap);
    const Evaluation ev = evaluate(S, cbc.plan);
    REQUIRE(ev.feasible);
    if (ratio == 0.5) {
      // Best: Flex at u = 0.5 (the cap), worth 35 (48.55 x 250,000 - O&M) =
      // 169,277,500 > retiring (-88.4 M) > CCS or BE (capex and running cost).
      CHECK(cbc.plan.state[0] == kFlex);
      CHECK(cbc.plan.u[0] == doctest::Approx(0.5).epsilon(1e-9));
      CHECK(ev.npv == doctest::Approx(years * (48.55 * 250000 - om)).epsilon(1e-9));
    } else {
      // Cap zero: u = 0 with Flex (allowed after adoption) is worth -35 O&M =
      // -255.5 M; retiring is worth the credit, -88.4 M: PLATO retires.
      CHECK(cbc.plan.state[0] == kRetired);
      CHECK(ev.npv == doctest::Approx(credit).epsilon(1e-9));
    }
    CHECK(ev.tc == doctest::Approx(bau - ev.npv).epsilon(1e-9));
    // The decomposition on the same step: the same optimum, bracketed.
    const SolveResult d = solve(S, quiet(1e-9));
    CHECK(d.tc_lower_bound <= ev.tc + 1e-6 * std::fabs(ev.tc) + 1.0);
    CHECK(d.eval.tc == doctest::Approx(ev.tc).epsilon(1e-7));
  }

  SUBCASE("no Flex before: retiring is PLATO's last resort") {
    const Problem P = one_plant(0.0);
    MyopicStep st;
    std::string err;
    REQUIRE(build_myopic_step(P, 0, {uint8_t(0)}, st, err));
    CHECK(st.P.u_flex_lo[0] > 0.0);              // the floor binds when Flex is adopted now
    CHECK_FALSE(st.P.may_retire(0));             // PLATO: no retirement without Flex from an earlier step
    SolverOptions o = quiet();
    o.mode = "myopic";
    const SolveResult m = solve_myopic_with(P, o, [](const Problem& S, const SolverOptions& so) { return solve_cbc(S, so); });
    REQUIRE(m.plan.np == 1);
    CHECK(m.plan.state[0] == kRetired);  // a zero cap leaves nothing else (u >= 0.3 with new Flex)
    CHECK(m.message.find("PLATO's fall-back") != std::string::npos);  // the step had no solution without it
  }
}

TEST_CASE("retirement credit: the DP's best path is the best of every path by the evaluator") {
  test::Rng rng(7);
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    test::TinyOptions to;
    to.min_plants = 3;
    to.max_plants = 5;
    to.min_cells = 0;
    to.max_cells = 0;
    Problem P = test::tiny_problem(seed, to);
    P.retire_value.resize(P.np);
    for (int j = 0; j < P.np; ++j) P.retire_value[j] = j % 3 == 2 ? -HUGE_VAL : rng.uniform(-5e7, 5e8);
    const std::vector<double> zero_lam(P.provinces.size() * P.n, 0.0), zero_pi(P.provinces.size() * P.n, 0.0);
    const PriceView view{zero_lam.data(), zero_pi.data(), nullptr};
    Scratch s;
    for (int j = 0; j < P.np; ++j) {
      const int k0 = P.first_k[j], k1 = P.last_k[j];
      if (k0 < 0) continue;
      CAPTURE(seed);
      CAPTURE(j);
      PlantPath path;
      const double dp = solve_plant(P, j, view, s, &path);
      // Every monotone path over the plant's decision years, scored by the
      // evaluator with (u, x) from the DP's period optimum (no rows: prices 0).
      double best = -1e300;
      std::vector<uint8_t> st(P.n, kNotAlive);
      std::function<void(int, uint8_t)> walk = [&](int k, uint8_t prev) {
        if (k > k1) {
          Plan pl;
          pl.resize(P.np, P.n);
          for (int i = 0; i < P.np; ++i)
            for (int kk = 0; kk < P.n; ++kk) {
              pl.state[pl.at(i, kk)] = P.alive_at(i, kk) ? P.installed[i] : kNotAlive;
              pl.u[pl.at(i, kk)] = P.alive_at(i, kk) ? 1.0 : 0.0;
            }
          for (int kk = k0; kk <= k1; ++kk) {
            pl.state[pl.at(j, kk)] = st[kk];
            if (st[kk] == kRetired) { pl.u[pl.at(j, kk)] = 0; continue; }
            const PeriodChoice c = solve_period(P, j, kk, st[kk], view, s, &pl.flows[pl.at(j, kk)]);
            pl.u[pl.at(j, kk)] = c.u;
          }
          const Evaluation ev = evaluate(P, pl);
          for (const auto& v : ev.violations)
            if (v.find("does not allow") != std::string::npos) return;  // a forbidden retirement
          best = std::max(best, ev.plant_npv[j] - P.fixed_npv[j]);
          return;
        }
        if (prev == kRetired) { st[k] = kRetired; walk(k + 1, kRetired); return; }
        st[k] = kRetired;
        walk(k + 1, kRetired);
        for (uint8_t to2 = 0; to2 < 8; ++to2) {
          if ((to2 & prev) != prev) continue;
          st[k] = to2;
          walk(k + 1, to2);
        }
      };
      walk(k0, P.installed[j]);
      CHECK(dp == doctest::Approx(best).epsilon(1e-9).scale(1e3));
      if (!P.may_retire(j))
        for (int k = k0; k <= k1; ++k) CHECK(path.state[k] != kRetired);
      CHECK(path_value(P, j, path.state.data(), view, s) == doctest::Approx(dp).epsilon(1e-12).scale(1e3));
    }
  }
}

TEST_CASE("PLATO-mode steps of a small instance: the decomposition brackets CBC's step optimum") {
  for (uint64_t seed = 31; seed <= 34; ++seed) {
    test::TinyOptions to;
    to.min_plants = 5;
    to.max_plants = 8;
    to.max_cells = 4;
    Instance in = test::tiny_instance(seed, to);
    REQUIRE(set_param(in.params, "objective", "plato").empty());
    const Problem P = test::build_or_throw(in);
    // Half the plants come into step 2 with Flex (their retirement is credited), half without.
    std::vector<uint8_t> current(P.installed.begin(), P.installed.end());
    for (int j = 0; j < P.np; j += 2) current[j] |= kFlex;
    for (int k = 0; k < std::min(P.n, 3); ++k) {
      CAPTURE(seed);
      CAPTURE(k);
      MyopicStep st;
      std::string err;
      REQUIRE(build_myopic_step(P, k, current, st, err));
      if (st.P.np == 0) continue;
      const SolveResult cbc = solve_cbc(st.P, quiet());
      if (cbc.status != Status::kOptimalWithinGap) continue;  // a step with no feasible choice
      check_brackets(st.P, cbc);
    }
  }
}

TEST_CASE("PLATO mode on a real province: each step of Hainan by the decomposition and by CBC on the step MILP") {
  // Hainan (10 units) of the bundled China instance, pathway 50-30lp-50nozero,
  // every PLATO choice on; each step solved exactly by CBC, the path fixed
  // from CBC's choice, and the decomposition's answer on the same step
  // bracketing CBC's optimum.
  Instance in = read_instance(std::string(PP_SOURCE_DIR) + "/datasets/china-gcpt-2024");
  REQUIRE(set_param(in.params, "objective", "plato").empty());
  SubsetSpec sub;
  sub.provinces = {"Hainan"};
  std::string err;
  REQUIRE(apply_subset(in, sub, err));
  const Problem P = test::build_or_throw(in, {"50-30lp-50nozero", -1, {}});
  REQUIRE(P.np == 10);
  std::vector<uint8_t> current(P.installed.begin(), P.installed.end());
  int with_credit = 0;
  for (int k = 0; k < P.n; ++k) {
    CAPTURE(k);
    MyopicStep st;
    REQUIRE(build_myopic_step(P, k, current, st, err));
    if (st.P.np == 0) continue;
    for (int i = 0; i < st.P.np; ++i) with_credit += st.P.may_retire(i);
    const SolveResult cbc = solve_cbc(st.P, quiet());
    REQUIRE_MESSAGE(cbc.status == Status::kOptimalWithinGap, cbc.message);
    check_brackets(st.P, cbc);
    for (int i = 0; i < st.P.np; ++i) current[st.plant[i]] = cbc.plan.state[i];
  }
  MESSAGE("plant-steps with a retirement credit (Flex from an earlier step): " << with_credit);
}

TEST_CASE("PLATO's province loop: provinces in descending order of their cap, each on the biomass the earlier left") {
  // Each province's step is solved exactly (CBC). Replayed here from the run's
  // own plan: for every step, the provinces are taken in descending order of
  // their cap row's right-hand side; the supply each meets is the cells'
  // supply less what the provinces before it drew in that step (full again
  // at the next step); its choice must be CBC's optimum on exactly that.
  int depleted = 0, checked = 0;
  for (uint64_t seed = 41; seed <= 46; ++seed) {
    CAPTURE(seed);
    test::TinyOptions to;
    to.min_plants = 5;
    to.max_plants = 8;
    to.min_cells = 2;
    to.max_cells = 3;
    Instance in = test::tiny_instance(seed, to);
    REQUIRE(set_param(in.params, "objective", "plato").empty());
    REQUIRE(in.params.province_sequence == 1);
    REQUIRE(in.params.cap_scope == kCapScopeProvincial);
    // Full supply: in 9 of the 69 province steps the earlier provinces' draw makes the optimum dearer.
    const Problem P = test::build_or_throw(in);
    SolverOptions o = quiet();
    o.mode = "myopic";
    const SolveResult m = solve_myopic_with(P, o, [](const Problem& S, const SolverOptions& so) { return solve_cbc(S, so); });
    if (m.plan.np != P.np) continue;  // a myopic dead end without a plan
    std::vector<uint8_t> current(P.installed.begin(), P.installed.end());
    for (int k = 0; k < P.n; ++k) {
      CAPTURE(k);
      std::vector<std::pair<double, int>> order;  // (-cap, province)
      for (const auto& row : P.emission_rows)
        if (row.weight[k] != 0) {
          REQUIRE(row.provinces.size() == 1);
          order.push_back({-row.rhs, row.provinces[0]});
        }
      std::stable_sort(order.begin(), order.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<double> left(P.cells.size());
      for (size_t c = 0; c < P.cells.size(); ++c) left[c] = P.cells[c].supply_mwh;
      for (const auto& [neg_cap, p] : order) {
        MyopicStep st;
        std::string err;
        REQUIRE(build_myopic_step(P, k, current, st, err, p, &left));
        if (st.P.np == 0) continue;
        Plan mine;
        mine.resize(st.P.np, 1);
        bool less = false;
        for (int i = 0; i < st.P.np; ++i) {
          const size_t a = m.plan.at(st.plant[i], k);
          mine.state[i] = m.plan.state[a];
          mine.u[i] = m.plan.u[a];
          mine.flows[i] = m.plan.flows[a];
          for (int32_t c : std::vector<int32_t>(st.P.adj_cell.begin() + st.P.adj_start[i],
                                                st.P.adj_cell.begin() + st.P.adj_start[i + 1]))
            less = less || left[c] < P.cells[c].supply_mwh;
        }
        // A dead end (floor lowered) or PLATO's fall-back changed the run's
        // step: not replayed, but its draw still counts for the next ones.
        const SolveResult cbc = solve_cbc(st.P, quiet());
        if (cbc.status == Status::kOptimalWithinGap) {
          const Evaluation ev = evaluate(st.P, mine);
          CHECK_MESSAGE(ev.feasible, (ev.violations.empty() ? std::string() : ev.violations.front()));
          CHECK(ev.tc == doctest::Approx(cbc.eval.tc).epsilon(1e-6).scale(1e4));
          ++checked;
          if (less) {
            // Did the earlier provinces' draw change this one's optimum?
            MyopicStep full;
            REQUIRE(build_myopic_step(P, k, current, full, err, p, nullptr));
            const SolveResult cf = solve_cbc(full.P, quiet());
            depleted += cf.status == Status::kOptimalWithinGap && cf.eval.tc < cbc.eval.tc - 1e-6 * std::fabs(cbc.eval.tc) - 1.0;
          }
        }
        for (int i = 0; i < st.P.np; ++i) {
          for (const Flow& f : mine.flows[i]) left[f.cell] -= f.mwh;
          current[st.plant[i]] = mine.state[i];
        }
      }
    }
  }
  MESSAGE("province steps checked: " << checked << ", of them made dearer by the earlier provinces' draw: " << depleted);
  CHECK(checked > 10);
  CHECK(depleted > 0);  // the order mattered somewhere
}

TEST_CASE("PLATO's province loop needs provincial caps") {
  Params p;
  REQUIRE(set_param(p, "province_sequence", "sequential").empty());
  CHECK(p.province_sequence == 1);
  CHECK_FALSE(set_param(p, "province_sequence", "2").empty());
  // A misspelt word names the words it could have been.
  CHECK(set_param(p, "province_sequence", "sequental").find("'sequential' (1)") != std::string::npos);
  CHECK(set_param(p, "cap_scope", "nation").find("'national' (0), 'provincial' (1), 'country' (2)") != std::string::npos);
  const Problem P = one_plant(0.5);  // national row
  MyopicStep st;
  std::string err;
  CHECK_FALSE(build_myopic_step(P, 0, {uint8_t(0)}, st, err, 0, nullptr));
  CHECK(err.find("--cap-scope provincial") != std::string::npos);
}
