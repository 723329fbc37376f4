// NPV, transition cost and emissions of single plants, computed BY HAND from
// papers/model.md and checked against the independent evaluator; and every rule the
// evaluator must catch.
//
// Common data (papers/model.md defaults): P = 60, f_coal = 11.45, O&M 41.66 + 31.35
// = 73.01 USD/kW-yr, biomass 10.3 + 6.15 + 6.75 = 23.2 USD/MWh + 0.065
// USD/(MWh km), BE O&M 18.85 + 27.5 = 46.35 USD/kW-yr, CCS 40 + 17.39 USD/t +
// 0.1195 USD/(t km), e = 0.8017 t/MWh, kappa = 0.9, a_bio = 0.37572, r = 5 %,
// L = 40, decision years 2025, 2030, ..., 2050, phi = 0.9, h_flex = 1500 h.
//
// Plant "h": K = 100 MW, H = 5000 h, start 2000 -> alive 2000..2039, scored
// 2025..2039 (15 years), alive at the decision years 2025, 2030, 2035.
// G = 100 * 5000 = 500,000 MWh/yr.
// BAU CF = 60 * 500,000 - 11.45 * 500,000 - 1000 * 100 * 73.01
//        = 30,000,000 - 5,725,000 - 7,301,000 = 16,974,000 USD/yr.
// With v = 1/1.05, sum_{y=a}^{b} v^(y-2025) = (v^(a-2025) - v^(b-2024)) / (1 - v):
//   A(2025..2039) = (1 - v^15) / (1 - v) = 10.89864094...
// BAU NPV = 16,974,000 * 10.89864094 = 184,993,531.32 USD.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "model/evaluate.hpp"
#include "model/problem.hpp"
#include "model/technology.hpp"
#include "tests/support/tiny.hpp"

using namespace pp;
using pp::test::hand_plant;

namespace {

const double v = 1.0 / 1.05;
// closed-form sum of v^(y-2025) for y = a..b
double A(int a, int b) { return (std::pow(v, a - 2025) - std::pow(v, b - 2024)) / (1.0 - v); }
double d(int y) { return std::pow(v, y - 2025); }

const double kPi = 3.14159265358979323846;
const double kOneDegreeKm = 6371.0 * kPi / 180.0;  // 111.19492664 km along a meridian


Instance instance(std::vector<PlantRecord> plants) {
  Instance in;
  in.dir = "by-hand";
  in.plants = std::move(plants);
  in.cells.push_back({"c0", 115, 31, 1e6, ""});      // 1 degree north: 111.19 km
  in.cells.push_back({"far", 115, 33, 1e6, ""});     // 3 degrees: 333.6 km > R
  in.cells.push_back({"small", 115.2, 30.5, 150000, ""});
  in.pathways.push_back({"flat", 2025, 1.0});
  in.pathways.push_back({"flat", 2050, 1.0});
  return in;
}

Problem build(const Instance& in, std::vector<double> caps = {}) {
  Problem P;
  std::string err;
  CouplingSpec spec;
  spec.pathway = "flat";
  if (caps.empty()) caps.assign(6, 1e12);
  spec.cap_override = caps;
  REQUIRE_MESSAGE(build_problem(in, spec, P, err), err);
  return P;
}

// Plan with state s and utilisation u at every decision year where plant 0
// is alive (k in [k0, k1]).
Plan plan_for(const Problem& P, int k0, int k1, uint8_t s, double u) {
  Plan pl;
  pl.resize(P.np, P.n);
  for (int j = 0; j < P.np; ++j)
    for (int k = k0; k <= k1; ++k) {
      pl.state[pl.at(j, k)] = s;
      pl.u[pl.at(j, k)] = u;
    }
  return pl;
}

bool mentions(const Evaluation& ev, const std::string& a, const std::string& b = "") {
  for (const auto& s : ev.violations)
    if (s.find(a) != std::string::npos && (b.empty() || s.find(b) != std::string::npos)) return true;
  return false;
}

void approx(double got, double want) {
  CHECK(got == doctest::Approx(want).epsilon(1e-10));
}

}  // namespace

TEST_CASE("BAU of one plant, by hand") {
  const Problem P = build(instance({hand_plant("h", 2000)}));
  const Plan pl = plan_for(P, 0, 2, 0, 1.0);
  const Evaluation ev = evaluate(P, pl);
  CHECK(ev.feasible);
  CHECK(ev.violations.empty());
  // BAU NPV = 16,974,000 * 10.89864094 = 184,993,531.32
  approx(ev.npv_bau, 16974000.0 * A(2025, 2039));
  approx(ev.npv_bau, 184993531.3170812);
  approx(ev.npv, ev.npv_bau);
  CHECK(std::fabs(ev.tc) < 1e-6);
  // E = 0.8017 * 500,000 = 400,850 t at 2025, 2030, 2035; nothing later.
  approx(ev.emissions[0], 400850);
  approx(ev.emissions[1], 400850);
  approx(ev.emissions[2], 400850);
  CHECK(ev.emissions[3] == 0);
  CHECK(ev.emissions[5] == 0);
  approx(ev.cash_flow[0], 16974000);
  approx(ev.gen[2], 500000);
  CHECK(ev.gen[3] == 0);
  approx(ev.generation_pk[1], 500000);
  CHECK(ev.capex[0] == 0);
  // the evaluator agrees with build_problem's own BAU
  approx(ev.npv_bau, P.npv_bau);
}

TEST_CASE("Flex adopted in 2030 at u = 0.5, by hand") {
  const Problem P = build(instance({hand_plant("h", 2000)}));
  Plan pl = plan_for(P, 0, 2, kFlex, 0.5);
  pl.state[0] = 0;
  pl.u[0] = 1.0;
  const Evaluation ev = evaluate(P, pl);
  CHECK(ev.feasible);
  // 2030..2039: G = 250,000; CF = (60 - 11.45) * 250,000 - 7,301,000 = 4,836,500.
  // Capex 327.4 * 1000 * 100 = 32,740,000 in 2030, times v^5.
  // NPV = 16,974,000 A(2025..2029) + 4,836,500 A(2030..2039) - 32,740,000 v^5
  //     = 82,235,104.46;  TC = 184,993,531.32 - 82,235,104.46 = 102,758,426.86
  const double npv = 16974000.0 * A(2025, 2029) + 4836500.0 * A(2030, 2039) - 32740000.0 * d(2030);
  approx(ev.npv, npv);
  approx(ev.npv, 82235104.46083674);
  approx(ev.tc, 102758426.85624447);
  approx(ev.capex[1], 32740000);
  CHECK(ev.capex[2] == 0);
  approx(ev.cash_flow[1], 4836500);
  // emissions 2030: 0.8017 * 250,000 = 200,425 t
  approx(ev.emissions[0], 400850);
  approx(ev.emissions[1], 200425);
  approx(ev.emissions[2], 200425);
  // h_flex / H = 0.3: u = 0.3 is allowed, u = 0.29 is not
  pl.u[1] = 0.3;
  CHECK(evaluate(P, pl).feasible);
  pl.u[1] = 0.29;
  const Evaluation bad = evaluate(P, pl);
  CHECK_FALSE(bad.feasible);
  CHECK(mentions(bad, "plant h in 2030", "outside"));
}

TEST_CASE("BE with a single cell flow, by hand") {
  const Problem P = build(instance({hand_plant("h", 2000)}));
  Plan pl = plan_for(P, 0, 2, kBE, 1.0);
  for (int k = 0; k <= 2; ++k) pl.flows[pl.at(0, k)] = {{0, 100000.0}};
  const Evaluation ev = evaluate(P, pl);
  CHECK(ev.feasible);
  // b = 100,000 MWh from c0 at 111.19492664 km.
  // CF = 30,000,000 - 11.45 * 400,000 - 23.2 * 100,000 - 0.065 * 111.19492664 * 100,000
  //      - 7,301,000 - 1000 * 100 * 46.35
  //    = 30,000,000 - 4,580,000 - 2,320,000 - 722,767.02 - 7,301,000 - 4,635,000 = 10,441,232.98
  const double cf = 30000000.0 - 4580000.0 - 2320000.0 - 0.065 * kOneDegreeKm * 100000.0 - 7301000.0 - 4635000.0;
  approx(cf, 10441232.97681037);
  approx(ev.cash_flow[0], cf);
  // Capex 327.2 * 100,000 = 32,720,000 in 2025 (d = 1).
  approx(ev.capex[0], 32720000);
  approx(ev.npv, cf * A(2025, 2039) - 32720000.0);
  // E = 0.8017 * (500,000 - 100,000) = 320,680 t (biomass without CCS counts as zero)
  approx(ev.emissions[1], 320680);
  approx(ev.bio[1], 100000);
  approx(ev.cell_use[1 * 3 + 0], 100000);
}

TEST_CASE("CCS in 2025 and compulsory retirement in 2035, by hand") {
  const Problem P = build(instance({hand_plant("h", 2000)}));
  Plan pl = plan_for(P, 0, 1, kCCS, 1.0);
  pl.state[2] = kRetired;
  pl.u[2] = 0;
  const Evaluation ev = evaluate(P, pl);
  CHECK(ev.feasible);
  // CCS running cost (40 + 17.39 + 0.1195 * 300) * 0.8017 * 500,000 = 93.24 * 400,850 = 37,375,254
  // CF = 16,974,000 - 37,375,254 = -20,401,254 for 2025..2034, 0 from 2035.
  // Capex 1559.75 * 100,000 = 155,975,000 in 2025.
  approx(ev.cash_flow[0], -20401254.0);
  CHECK(ev.cash_flow[2] == 0);
  approx(ev.npv, -20401254.0 * A(2025, 2034) - 155975000.0);
  approx(ev.tc, 16974000.0 * A(2025, 2039) + 20401254.0 * A(2025, 2034) + 155975000.0);
  // E = 0.1 * 400,850 = 40,085 t; 0 after CR
  approx(ev.emissions[0], 40085);
  approx(ev.emissions[1], 40085);
  CHECK(ev.emissions[2] == 0);
  CHECK(ev.gen[2] == 0);
}

TEST_CASE("BE + CCS at full co-firing share gives negative emissions, by hand") {
  const Problem P = build(instance({hand_plant("h", 2000)}));
  Plan pl = plan_for(P, 0, 2, kBE | kCCS, 1.0);
  for (int k = 0; k <= 2; ++k) pl.flows[pl.at(0, k)] = {{0, 450000.0}};  // = phi G
  const Evaluation ev = evaluate(P, pl);
  CHECK(ev.feasible);
  // E = 0.8017 * 50,000 - (0.9 * 0.8017 * 50,000 + 0.37572 * 450,000) = 4,008.5 - 169,074 = -165,065.5
  approx(ev.emissions[0], -165065.5);
  // CF = 30,000,000 - 11.45 * 50,000 - 23.2 * 450,000 - 0.065 * 111.1949 * 450,000 - 7,301,000
  //      - 4,635,000 - 37,375,254 (CCS on e G, not on e (G - b))
  const double cf = 30000000.0 - 572500.0 - 10440000.0 - 0.065 * kOneDegreeKm * 450000.0 - 7301000.0 - 4635000.0 -
                    37375254.0;
  approx(ev.cash_flow[0], cf);
  approx(ev.npv, cf * A(2025, 2039) - (327.2 + 1559.75) * 100000.0);
  // one MWh more than phi G is a rule break
  pl.flows[pl.at(0, 1)] = {{0, 450001.0}};
  const Evaluation bad = evaluate(P, pl);
  CHECK_FALSE(bad.feasible);
  CHECK(mentions(bad, "plant h in 2030", "phi G"));
}

TEST_CASE("plant commissioned between decision years with CCS installed, by hand") {
  // Start 2027: alive 2027..2066; fixed years 2027..2029 (installed CCS, u = 1);
  // decision years 2030..2050. CF with CCS = -20,401,254 every year in BAU.
  const Problem P = build(instance({hand_plant("n", 2027, kCCS)}));
  CHECK(P.first_k[0] == 1);
  Plan pl = plan_for(P, 1, 5, kCCS, 1.0);
  Evaluation ev = evaluate(P, pl);
  CHECK(ev.feasible);
  approx(ev.npv_bau, -20401254.0 * A(2027, 2066));
  approx(ev.npv, ev.npv_bau);
  CHECK(ev.capex[1] == 0);  // installed options cost nothing
  approx(ev.emissions[1], 40085);
  // Retire in 2030: only the fixed years remain; TC = -(-20,401,254) ... < 0 (loss-making unit)
  pl = plan_for(P, 1, 5, kRetired, 0.0);
  ev = evaluate(P, pl);
  CHECK(ev.feasible);
  approx(ev.npv, -20401254.0 * A(2027, 2029));
  approx(ev.tc, -20401254.0 * A(2030, 2066));
  CHECK(ev.emissions[1] == 0);
  // Dropping the installed CCS is a rule break
  pl = plan_for(P, 1, 5, 0, 1.0);
  ev = evaluate(P, pl);
  CHECK_FALSE(ev.feasible);
  CHECK(mentions(ev, "plant n in 2030", "installed"));
}

TEST_CASE("plant never alive at a decision year runs its fixed years") {
  // Start 2052: alive 2052..2091, no decision year. BAU CF = 16,974,000.
  const Problem P = build(instance({hand_plant("late", 2052)}));
  Plan pl;
  pl.resize(1, P.n);
  const Evaluation ev = evaluate(P, pl);
  CHECK(ev.feasible);
  approx(ev.npv, 16974000.0 * A(2052, 2091));
  approx(ev.npv_bau, ev.npv);
}

TEST_CASE("rule breaks are detected") {
  const Problem P = build(instance({hand_plant("h", 2000)}));
  auto check_bad = [&](const Plan& pl, const std::string& what) {
    const Evaluation ev = evaluate(P, pl);
    CHECK_FALSE(ev.feasible);
    CHECK_MESSAGE(mentions(ev, what), "expected a violation mentioning '" << what << "'");
  };
  {  // non-monotone: CCS in 2025, nothing in 2030
    Plan pl = plan_for(P, 0, 2, 0, 1.0);
    pl.state[0] = kCCS;
    check_bad(pl, "drops");
  }
  {  // CR followed by a non-CR state
    Plan pl = plan_for(P, 0, 2, 0, 1.0);
    pl.state[1] = kRetired;
    pl.u[1] = 0;
    check_bad(pl, "after compulsory retirement");
  }
  {  // u != 0 after CR
    Plan pl = plan_for(P, 0, 2, kRetired, 0.5);
    check_bad(pl, "u = 0.5");
  }
  {  // u below 1 without Flex
    Plan pl = plan_for(P, 0, 2, 0, 0.9);
    check_bad(pl, "no Flex");
  }
  {  // u above u_max
    Plan pl = plan_for(P, 0, 2, kFlex, 1.2);
    check_bad(pl, "outside");
  }
  {  // flow beyond R: "far" is 333.6 km away
    Plan pl = plan_for(P, 0, 2, kBE, 1.0);
    pl.flows[pl.at(0, 0)] = {{1, 1000.0}};
    check_bad(pl, "beyond the radius");
  }
  {  // flow without BE
    Plan pl = plan_for(P, 0, 2, kCCS, 1.0);
    pl.flows[pl.at(0, 0)] = {{0, 1000.0}};
    check_bad(pl, "without BE");
  }
  {  // negative flow
    Plan pl = plan_for(P, 0, 2, kBE, 1.0);
    pl.flows[pl.at(0, 0)] = {{0, -5.0}};
    check_bad(pl, "negative");
  }
  {  // state set where the plant is not alive (2040)
    Plan pl = plan_for(P, 0, 3, 0, 1.0);
    check_bad(pl, "not alive");
  }
  {  // kNotAlive where the plant is alive
    Plan pl = plan_for(P, 0, 1, 0, 1.0);
    check_bad(pl, "kNotAlive");
  }
  {  // wrong shape
    Plan pl;
    pl.resize(2, P.n);
    check_bad(pl, "shape");
  }
}

TEST_CASE("coupling rows: cell supply, cap, floor; hard and soft") {
  Instance in = instance({hand_plant("h", 2000)});
  for (int y : in.params.decision_years())  // a floor only in 2030 (0: none)
    in.floors.push_back({"Hebei", y, y == 2030 ? 600000.0 : 0.0});  // above BAU G = 500,000
  // cap 2025 = 300,000 t < BAU 400,850 t
  Problem P = build(in, {300000, 1e12, 1e12, 1e12, 1e12, 1e12});
  // The floor is min(file, BAU generation) at a listed year too (papers/model.md section 5).
  CHECK(P.floor[1] == 500000.0);
  // BE from 2025, Flex added in 2030 and run at u = 0.8 then: G = 400,000 < 500,000
  Plan pl = plan_for(P, 0, 2, kBE, 1.0);
  for (int k = 1; k <= 2; ++k) pl.state[pl.at(0, k)] = kFlex | kBE;
  pl.u[pl.at(0, 1)] = 0.8;
  // 200,000 MWh from "small" (supply 150,000) in 2035, within R (~56 km)
  pl.flows[pl.at(0, 2)] = {{2, 200000.0}};
  Evaluation ev = evaluate(P, pl);
  CHECK_FALSE(ev.feasible);
  CHECK(mentions(ev, "small", "2035"));
  CHECK(mentions(ev, "cap 2025"));
  CHECK(mentions(ev, "Hebei", "2030"));
  CHECK(ev.violations.size() == 3);
  CHECK(ev.penalty == 0);
  const double npv_hard = ev.npv;

  // Soft: 10 USD per t / MWh, once per row, undiscounted:
  // cap excess 400,850 - 300,000 = 100,850 t; floor short 100,000 MWh; cell excess 50,000 MWh
  // penalty = 10 * (100,850 + 100,000 + 50,000) = 2,508,500
  P.prm.violation_penalty = 10;
  ev = evaluate(P, pl);
  CHECK(ev.feasible);  // soft rows do not make the plan infeasible
  CHECK(ev.violations.size() == 3);
  approx(ev.penalty, 2508500);
  approx(ev.npv, npv_hard - 2508500);
  approx(ev.tc, ev.npv_bau - ev.npv);
  // a rule break still makes it infeasible in soft mode
  pl.state[0] = kCCS;
  CHECK_FALSE(evaluate(P, pl).feasible);
}

TEST_CASE("emission rows with provinces and a budget") {
  Instance in = instance({hand_plant("h", 2000), hand_plant("g", 2000)});
  in.plants[1].province = "Gansu";
  in.params.cap_scope = 1;  // provincial: each gets half of the national cap
  Problem P = build(in, {400850, 1e12, 1e12, 1e12, 1e12, 1e12});
  Plan pl = plan_for(P, 0, 2, 0, 1.0);
  pl.state[pl.at(1, 0)] = kCCS;  // Gansu cuts to 40,085 in 2025; Hebei stays at 400,850 > 200,425
  Evaluation ev = evaluate(P, pl);
  CHECK_FALSE(ev.feasible);
  CHECK(mentions(ev, "cap Hebei 2025"));
  CHECK_FALSE(mentions(ev, "cap Gansu"));
  // Budget: weights 5 per period, BAU emissions 2 * 400,850 at k = 0, 1, 2
  // -> B = (1 - 0.5) * 5 * 3 * 801,700 = 6,012,750 t
  in.params.cap_scope = 0;
  CouplingSpec spec;
  spec.budget_cuer = 0.5;
  std::string err;
  REQUIRE(build_problem(in, spec, P, err));
  approx(P.emission_rows.at(0).rhs, 6012750);
  ev = evaluate(P, plan_for(P, 0, 2, 0, 1.0));
  CHECK_FALSE(ev.feasible);
  CHECK(mentions(ev, "budget"));
  ev = evaluate(P, plan_for(P, 0, 2, kCCS, 1.0));
  CHECK(ev.feasible);
}

TEST_CASE("country caps: one row per country and year, each the cap ratio of its own BAU") {
  // Two Chinese plants in two provinces and one Indian plant, 400,850 t each at u = 1.
  Instance in = instance({hand_plant("h", 2000), hand_plant("g", 2000), hand_plant("i", 2000)});
  in.plants[1].province = "Gansu";
  in.plants[2].country = "India";
  in.plants[2].province = "Punjab";
  in.params.cap_scope = kCapScopeCountry;
  // national cap 2025 = 0.6 x BAU 1,202,550 = 721,530 -> China 481,020, India 240,510
  Problem P = build(in, {721530, 1e12, 1e12, 1e12, 1e12, 1e12});
  REQUIRE(P.countries == std::vector<std::string>{"China", "India"});
  int rows_2025 = 0;
  for (const auto& row : P.emission_rows) {
    if (row.weight[0] == 0) continue;
    ++rows_2025;
    if (row.label == "cap China 2025") {
      approx(row.rhs, 481020);
      CHECK(row.provinces.size() == 2);
    } else {
      CHECK(row.label == "cap India 2025");
      approx(row.rhs, 240510);
    }
  }
  CHECK(rows_2025 == 2);
  Plan pl = plan_for(P, 0, 2, 0, 1.0);
  for (int k = 0; k <= 2; ++k) pl.state[pl.at(2, k)] = kCCS;  // India cuts to 40,085; China stays at 801,700 > 481,020
  Evaluation ev = evaluate(P, pl);
  CHECK_FALSE(ev.feasible);
  CHECK(mentions(ev, "cap China 2025"));
  CHECK_FALSE(mentions(ev, "cap India"));
  for (int k = 0; k <= 2; ++k) pl.state[pl.at(0, k)] = kCCS;  // China: 40,085 + 400,850 = 440,935 <= 481,020
  CHECK(evaluate(P, pl).feasible);

  // A province name shared by two countries would merge their plants.
  in.plants[1].province = "Punjab";
  Problem Q;
  std::string err;
  CouplingSpec spec;
  spec.cap_override = {1e12, 1e12, 1e12, 1e12, 1e12, 1e12};
  CHECK_FALSE(build_problem(in, spec, Q, err));
  CHECK(err.find("province 'Punjab' appears in countries 'China' and 'India'") != std::string::npos);
}

TEST_CASE("a cell tagged with a country serves only that country's plants") {
  // Both plants sit 1 degree south of cell c0 (111 km < R = 200 km).
  Instance in = instance({hand_plant("h", 2000), hand_plant("i", 2000)});
  in.plants[1].country = "India";
  in.plants[1].province = "Punjab";
  in.cells.resize(1);
  auto cells_of = [&](const Problem& P, int j) { return P.adj_start[j + 1] - P.adj_start[j]; };
  Problem P = build(in);
  CHECK(cells_of(P, 0) == 1);
  CHECK(cells_of(P, 1) == 1);
  CHECK(P.n_cell_rows == 1);  // shared: a coupling row
  in.cells[0].country = "China";
  P = build(in);
  CHECK(cells_of(P, 0) == 1);
  CHECK(cells_of(P, 1) == 0);
  CHECK(P.n_cell_rows == 0);  // one user: its own bound, no row
}
