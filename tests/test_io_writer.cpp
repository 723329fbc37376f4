// io/solution_writer: the output files from a hand-built Problem,
// Plan and Evaluation, and the atomic replacement of the output directory.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cmath>

#include "io/csv.hpp"
#include "io/instance_reader.hpp"
#include "io/solution_writer.hpp"
#include "io_test_util.hpp"

using namespace pp;
using namespace pp::iotest;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The tiny instance (3 plants: A1 Hebei 2010, A2 Hebei 2030 with CCS, B1 Shanxi 1995)
// built for pathway p1, with a hand-made plan and evaluation.
struct Fixture {
  Problem P;
  SolveResult res;
  Fixture() {
    const fs::path d = write_instance("writer-inst", tiny_files());
    const Instance in = read_instance(d.string());
    std::string err;
    REQUIRE(build_problem(in, CouplingSpec{"p1", -1, {}}, P, err));
    REQUIRE(P.n == 6);  // 2025..2050
    res.status = Status::kOptimalWithinGap;
    res.plan.resize(P.np, P.n);
    const size_t nn = size_t(P.np) * P.n;
    Evaluation& ev = res.eval;
    ev.gen.assign(nn, 0);
    ev.bio.assign(nn, 0);
    ev.emis.assign(nn, 0);
    ev.cash_flow.assign(nn, 0);
    ev.capex.assign(nn, 0);
    for (int j = 0; j < P.np; ++j)
      for (int k = 0; k < P.n; ++k) {
        if (!P.alive_at(j, k)) continue;
        const size_t i = res.plan.at(j, k);
        res.plan.state[i] = P.installed[j];
        res.plan.u[i] = 1;
        ev.gen[i] = P.K[j] * P.H[j];
        ev.emis[i] = 0.5 * ev.gen[i];
        ev.cash_flow[i] = 10.0 * (j + 1);
      }
    // A1 adds Flex in 2030 (k = 1) and retires in 2040 (k = 3).
    for (int k = 1; k < P.n; ++k)
      if (P.alive_at(0, k)) res.plan.state[res.plan.at(0, k)] = k >= 3 ? kRetired : kFlex;
    ev.capex[res.plan.at(0, 1)] = 123.5;
    ev.plant_npv = P.plant_npv_bau;
    ev.plant_npv[0] -= 3e9;  // Hebei's TC: 3 bn
    ev.plant_npv[2] -= 1e9;  // Shanxi's TC: 1 bn
    ev.npv_bau = P.npv_bau;
    ev.npv = P.npv_bau - 4e9;
    ev.tc = 4e9;
    ev.emissions.assign(P.n, 1e6);
    ev.emissions_pk.assign(P.provinces.size() * P.n, 5e5);
    ev.generation_pk.assign(P.provinces.size() * P.n, 2e6);
    // Hebei's 3 bn: 1 bn in 2025, 2 bn in 2030; Shanxi's 1 bn in 2025.
    ev.tc_pk.assign(P.provinces.size() * P.n, 0.0);
    ev.tc_pk[0] = 1e9;
    ev.tc_pk[1] = 2e9;
    ev.tc_pk[size_t(P.n)] = 1e9;
    ev.violations = {"a \"quoted\" violation\nwith a newline"};
    res.tc_lower_bound = 3.9e9;
    res.gap = 0.025;
    res.iterations = 7;
    res.seconds = 1.25;
    res.threads = 2;
    res.prices.lam.assign(P.emission_rows.size(), 0.0);
    res.prices.lam[2] = 42.5;
    res.history = {{"bundle", 1, 0, std::numeric_limits<double>::infinity(), 1, 0.1},
                   {"bundle", 2, 3.9e9, 4e9, 0.025, 0.2}};
  }
};

}  // namespace

TEST_CASE("writer: the output files") {
  Fixture fx;
  const fs::path out = temp_dir("writer") / "deep" / "out";  // missing parents are created
  write_solution(out.string(), fx.P, fx.res, "\"mode\": \"foresight\"");
  for (const char* f : {"summary.json", "pathways.csv", "plant_years.csv", "provinces.csv", "convergence.csv", "fleet.csv"})
    CHECK(fs::exists(out / f));

  const std::string js = read_text(out / "summary.json");
  CHECK(contains(js, "\"status\": \"optimal within gap\""));
  CHECK(contains(js, "\"plants\": 3"));
  CHECK(contains(js, "\"decision_years\": [2025, 2030, 2035, 2040, 2045, 2050]"));
  CHECK(contains(js, "\"transition_cost_usd\": 4000000000"));
  CHECK(contains(js, "\"transition_cost_lower_bound_usd\": 3900000000"));
  CHECK(contains(js, "\"gap\": 0.025"));
  CHECK(contains(js, "\"iterations\": 7"));
  CHECK(contains(js, "\"threads\": 2"));
  CHECK(contains(js, "\"pathway\": \"p1\""));
  CHECK(contains(js, "\"carbon_price_usd_per_t\": 42.5"));
  CHECK(contains(js, "\"a \\\"quoted\\\" violation\\nwith a newline\""));
  CHECK(contains(js, "\"mode\": \"foresight\"\n}"));
  // cap of 2025 = ratio 1 x BAU emissions 2025, printed with full precision
  CHECK(contains(js, "{\"year\": 2025, \"cap_t\": " + json_number(fx.P.bau_emissions[0]) + ","));

  const CsvTable pw = CsvTable::read_file((out / "pathways.csv").string());
  REQUIRE(pw.rows() == 3);
  CHECK(pw.header() == std::vector<std::string>{"id", "province", "capacity_mw", "start_year", "2025", "2030", "2035",
                                                "2040", "2045", "2050"});
  // A1 (2010, alive to 2049): PP, +Flex, +Flex, +Retire, +Retire, NR
  CHECK(pw.text(0, 4) == "PP");
  CHECK(pw.text(0, 5) == "+Flex");
  CHECK(pw.text(0, 7) == "+Retire");
  CHECK(pw.text(0, 9) == "NR");
  // A2 (2030, CCS installed): Planned, +CCS, ...
  CHECK(pw.text(1, 4) == "Planned");
  CHECK(pw.text(1, 5) == "+CCS");
  // B1 (1995, alive to 2034): PP, PP, NR, ...
  CHECK(pw.text(2, 5) == "PP");
  CHECK(pw.text(2, 6) == "NR");

  const CsvTable py = CsvTable::read_file((out / "plant_years.csv").string());
  REQUIRE(py.rows() == 18);
  CHECK(py.text(1, py.require("state")) == "+Flex");
  CHECK(py.number(1, py.require("capex_usd")) == 123.5);
  CHECK(py.number(0, py.require("generation_mwh")) == 600.0 * 5000);
  CHECK(py.text(6, py.require("state")) == "Planned");

  const CsvTable pr = CsvTable::read_file((out / "provinces.csv").string());
  REQUIRE(pr.rows() == 12);  // 2 provinces x 6 years
  const int share = pr.require("transition_cost_share"), flex = pr.require("capacity_mw_Flex"),
            pp = pr.require("capacity_mw_PP"), ret = pr.require("capacity_mw_Retire"),
            ccs = pr.require("capacity_mw_CCS");
  CHECK(pr.text(0, 0) == "Hebei");
  CHECK(pr.number(0, share) == 0.25);
  CHECK(pr.number(1, share) == 0.5);
  CHECK(pr.number(6, share) == 0.25);
  CHECK(pr.number(0, pr.require("transition_cost_usd")) == 1e9);
  double column_sum = 0;  // the rows add up to the TC
  for (size_t r = 0; r < pr.rows(); ++r) column_sum += pr.number(r, pr.require("transition_cost_usd"));
  CHECK(column_sum == 4e9);
  CHECK(pr.number(0, pp) == 600);   // Hebei 2025: A1 PP
  CHECK(pr.number(1, flex) == 600); // Hebei 2030: A1 +Flex
  CHECK(pr.number(1, ccs) == 300);  // Hebei 2030: A2 +CCS
  CHECK(pr.number(3, ret) == 600);  // Hebei 2040: A1 retired
  CHECK(pr.number(0, pr.require("floor_mwh")) == 2e6);

  // The national fleet by year, from the plants by hand: A1 600 MW (2010),
  // A2 300 MW (2030, CCS), B1 1000 MW (1995, alive to 2034).
  const CsvTable fl = CsvTable::read_file((out / "fleet.csv").string());
  REQUIRE(fl.rows() == 6 * 11);
  auto fleet = [&](int year, const std::string& state, double& mw) {
    for (size_t r = 0; r < fl.rows(); ++r)
      if (fl.integer(r, 0) == year && fl.text(r, 1) == state) {
        mw = fl.number(r, 3);
        return fl.integer(r, 2);
      }
    FAIL("no row " << year << " " << state);
    return -1;
  };
  double mw = 0;
  CHECK(fleet(2025, "PP", mw) == 2);
  CHECK(mw == 1600);
  CHECK(fleet(2025, "Planned", mw) == 1);
  CHECK(mw == 300);
  CHECK(fleet(2035, "+Flex", mw) == 1);
  CHECK(mw == 600);
  CHECK(fleet(2035, "+CCS", mw) == 1);
  CHECK(fleet(2035, "NR", mw) == 1);
  CHECK(mw == 1000);
  CHECK(fleet(2040, "+Retire", mw) == 1);
  CHECK(fleet(2040, "+BE", mw) == 0);
  CHECK(mw == 0);
  for (int k = 0; k < 6; ++k) {  // each year's rows are the whole fleet
    double sum = 0;
    for (size_t r = 0; r < fl.rows(); ++r)
      if (fl.integer(r, 0) == 2025 + 5 * k) sum += fl.number(r, 3);
    CHECK(sum == 1900);
  }

  const CsvTable cv = CsvTable::read_file((out / "convergence.csv").string());
  REQUIRE(cv.rows() == 2);
  CHECK(cv.text(0, cv.require("best_tc_usd")) == "");  // infinity: empty field
  CHECK(cv.text(0, cv.require("gap")) == "");          // no plan: no gap (not 1)
  CHECK(cv.text(1, cv.require("phase")) == "bundle");
  CHECK(cv.number(1, cv.require("gap")) == 0.025);
  CHECK(contains(js, "\"seconds_to_gap_1pct\": null"));  // 2.5% at best: never reached
  SolveResult t;
  const double inf = std::numeric_limits<double>::infinity();
  t.history = {{"bundle", 1, 0, inf, 1, 0.5}, {"bundle", 2, 1, 1.02, 0.02, 1}, {"bundle", 3, 1, 1.005, 0.005, 2},
               {"exact finish", 3, 1, 1.0005, 0.0005, 3}};
  CHECK(seconds_to_gap(t, 1e-2) == 2);
  CHECK(seconds_to_gap(t, 1e-3) == 3);
  CHECK(std::isnan(seconds_to_gap(t, 1e-4)));
  t.worst_step_gap = 0;  // myopic: step gaps, not the run's
  CHECK(std::isnan(seconds_to_gap(t, 1e-2)));
  CHECK(cv.number(1, cv.require("bound_tc_usd")) == 3.9e9);
}

TEST_CASE("writer: no plan (infeasible) still writes a complete, honest output") {
  Fixture fx;
  SolveResult r;
  r.status = Status::kInfeasible;
  r.message = "floor of Hebei 2030 cannot be met";
  const fs::path out = temp_dir("writer-infeasible") / "out";
  write_solution(out.string(), fx.P, r);
  const std::string js = read_text(out / "summary.json");
  CHECK(contains(js, "\"status\": \"infeasible\""));
  CHECK(contains(js, "\"transition_cost_usd\": null"));
  CHECK(contains(js, "\"transition_cost_lower_bound_usd\": null"));  // no bound, not 0
  CHECK(contains(js, "\"gap\": null"));
  CHECK(contains(js, "\"message\": \"floor of Hebei 2030 cannot be met\""));
  CHECK(fs::exists(out / "pathways.csv"));
}

TEST_CASE("writer: output directory is never half written") {
  Fixture fx;
  const fs::path base = temp_dir("writer-atomic");
  auto leftovers = [&](const fs::path& dir) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir))
      if (contains(e.path().filename().string(), ".tmp-") || contains(e.path().filename().string(), ".old-")) ++n;
    return n;
  };

  SUBCASE("failure in the middle leaves no directory") {
    detail::writer_fail_after_files = 2;
    CHECK_THROWS(write_solution((base / "out").string(), fx.P, fx.res));
    detail::writer_fail_after_files = -1;
    CHECK_FALSE(fs::exists(base / "out"));
    CHECK(leftovers(base) == 0);
  }
  SUBCASE("failure keeps an old output intact; success replaces it") {
    write_solution((base / "out").string(), fx.P, fx.res);
    const std::string before = read_text(base / "out" / "summary.json");
    SolveResult other = fx.res;
    other.iterations = 99;
    detail::writer_fail_after_files = 3;
    CHECK_THROWS(write_solution((base / "out").string(), fx.P, other));
    detail::writer_fail_after_files = -1;
    CHECK(read_text(base / "out" / "summary.json") == before);
    CHECK(leftovers(base) == 0);
    write_solution((base / "out").string(), fx.P, other);
    CHECK(contains(read_text(base / "out" / "summary.json"), "\"iterations\": 99"));
    CHECK(leftovers(base) == 0);
  }
  SUBCASE("a parent that is a file") {
    write_file(base / "file", "x");
    CHECK_THROWS(write_solution((base / "file" / "out").string(), fx.P, fx.res));
    CHECK(read_text(base / "file") == "x");
  }
  SUBCASE("the output path is a file, or a directory that is not an output") {
    write_file(base / "plain", "x");
    CHECK_THROWS(write_solution((base / "plain").string(), fx.P, fx.res));
    CHECK(read_text(base / "plain") == "x");
    fs::create_directories(base / "mine");
    write_file(base / "mine" / "notes.txt", "keep");
    CHECK_THROWS(write_solution((base / "mine").string(), fx.P, fx.res));
    CHECK(read_text(base / "mine" / "notes.txt") == "keep");
    CHECK(leftovers(base) == 0);
  }
  SUBCASE("an unwritable parent (skipped when running as root)") {
    if (::geteuid() != 0) {
      fs::create_directories(base / "ro");
      fs::permissions(base / "ro", fs::perms::owner_read | fs::perms::owner_exec);
      CHECK_THROWS(write_solution((base / "ro" / "out").string(), fx.P, fx.res));
      fs::permissions(base / "ro", fs::perms::owner_all);
      CHECK_FALSE(fs::exists(base / "ro" / "out"));
    }
  }
}
