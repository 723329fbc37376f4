// Sweeps, budgets and sensitivity runs (issue 4 items 2-4): the warm-start
// plan, a sweep surviving broken pathways, the budget optimum against every
// swept pathway of the same cumulative emissions, the sensitivity table.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "io/budget_report.hpp"
#include "io/csv.hpp"
#include "io/sweep_runner.hpp"
#include "io/sweep_table.hpp"
#include "model/problem.hpp"
#include "solver/decomposition.hpp"
#include "solver/milp/cbc_backend.hpp"
#include "tests/support/instance_dir.hpp"
#include "tests/support/tiny.hpp"

namespace fs = std::filesystem;
using namespace pp;

namespace {

fs::path scratch(const std::string& name) { return test::scratch_dir("sweep", name); }


const std::string kPlantpath = std::string(PP_BINARY_DIR) + "/plantpath";

std::string pname(size_t i) {
  std::string s = "p";
  s += std::to_string(i);
  return s;
}

// A tiny instance without floors (every pathway feasible) and a fan of pathways
// from 1.0 at t_1 down to `last` at t_n.
Instance fan_instance(uint64_t seed, const std::vector<double>& lasts) {
  test::TinyOptions to;
  to.min_plants = 4;
  to.max_plants = 6;
  to.floor_prob = 0;
  Instance in = test::tiny_instance(seed, to);
  in.pathways.clear();
  const std::vector<int> years = in.params.decision_years();
  for (size_t i = 0; i < lasts.size(); ++i)
    for (size_t k = 0; k < years.size(); ++k) {
      const double w = double(k) / double(years.size() - 1);
      // bend every other pathway so that the fan is not one straight family
      const double bend = i % 2 ? w * (1 - w) * 0.3 : 0.0;
      in.pathways.push_back({pname(i), years[k], 1.0 + w * (lasts[i] - 1.0) - bend});
    }
  return in;
}

std::vector<std::string> lines_of(const fs::path& p) {
  std::ifstream f(p);
  std::vector<std::string> v;
  for (std::string l; std::getline(f, l);) v.push_back(l);
  return v;
}

SolverOptions quick() {
  SolverOptions o;
  o.verbosity = 0;
  o.threads = 1;
  o.time_limit = 5;
  o.gap = 1e-4;
  return o;
}

}  // namespace

TEST_CASE("warm-start plan: fixed order, parents earlier and nearest, independent of the job count") {
  const std::vector<std::vector<double>> keys = {{1, 0.5}, {1, 0.9}, {1, 0.1}, {1, 0.45}, {1, 0.85}, {1, 0.3}};
  const WarmPlan w = plan_warm_starts(keys);
  REQUIRE(w.order.size() == keys.size());
  CHECK(w.order[0] == 0);
  CHECK(w.parent[0] == -1);
  std::vector<size_t> pos(keys.size());
  for (size_t i = 0; i < w.order.size(); ++i) pos[w.order[i]] = i;
  for (size_t i = 1; i < keys.size(); ++i) {
    REQUIRE(w.parent[i] >= 0);
    CHECK(pos[size_t(w.parent[i])] < pos[i]);
  }
  CHECK(w.parent[3] == 0);  // 0.45 is nearest to 0.5
  CHECK(w.parent[4] == 1);  // 0.85 is nearest to 0.9

  // The runner hands every task the same warm source whatever the job count.
  auto sources = [&](int jobs) {
    std::vector<int> from(keys.size(), -2);
    std::mutex m;
    RunnerOptions ro;
    ro.jobs = jobs;
    run_tasks(w, ro, [&](size_t t, const Prices* warm, int f) {
      std::lock_guard<std::mutex> lk(m);
      from[t] = f;
      CHECK((warm != nullptr) == (f >= 0));
      Prices p;
      if (t != 1) p.lam = {double(t)};  // task 1 hands on nothing: its children fall back to its source
      return p;
    });
    return from;
  };
  const std::vector<int> one = sources(1);
  CHECK(one == sources(3));
  CHECK(one[4] == w.parent[1]);  // 4's parent (1) had no prices: 1's own source is used
}

TEST_CASE("sweep: a broken pathway gets a row saying so, the others are solved") {
  const fs::path d = scratch("broken");
  test::write_instance_dir(fan_instance(3, {0.5, 0.7}), (d / "inst").string());
  {
    std::ofstream f(d / "paths.csv");
    f << "pathway,year,cap_ratio\n";
    for (int y = 2025; y <= 2050; y += 5) f << "good-a," << y << "," << 1.0 - 0.01 * (y - 2025) << "\n";
    for (int y = 2025; y <= 2050; y += 5) f << "bad-number," << y << "," << (y == 2035 ? "abc" : "0.9") << "\n";
    f << "short,2025,1\nshort,2030,0.9\n";  // no cap ratio from 2035 on
    for (int y = 2025; y <= 2050; y += 5) f << "good-b," << y << "," << 1.0 - 0.015 * (y - 2025) << "\n";
  }
  int st = 0;
  const std::string out = test::run_command(kPlantpath + " sweep " + (d / "inst").string() + " --pathways " +
                                                (d / "paths.csv").string() + " --out " + (d / "out").string() +
                                                " --jobs 2 --threads 2 --time-limit 5 --save-plans",
                                            st);
  INFO(out);
  CHECK(st == 3);  // some pathways have no plan
  const auto lines = lines_of(d / "out" / "sweep.csv");
  REQUIRE(lines.size() == 5);
  const CsvTable t = CsvTable::read_file((d / "out" / "sweep.csv").string());
  const int cp = t.require("pathway"), cs = t.require("status"), ct = t.require("tc_usd"), cm = t.require("message");
  const std::vector<std::string> order = {"good-a", "bad-number", "short", "good-b"};  // selection order
  for (size_t r = 0; r < t.rows(); ++r) {
    CAPTURE(t.text(r, cp));
    CHECK(t.text(r, cp) == order[r]);
    const bool good = order[r].rfind("good", 0) == 0;
    if (good) {
      CHECK(t.text(r, cs) != "error");
      CHECK(!t.text(r, ct).empty());
      CHECK(fs::exists(d / "out" / order[r] / "summary.json"));
    } else {
      CHECK(t.text(r, cs) == "error");
      CHECK(t.text(r, ct).empty());
      CHECK(!t.text(r, cm).empty());
    }
  }
  CHECK(t.text(1, cm).find("abc") != std::string::npos);
  CHECK(t.text(2, cm).find("2035") != std::string::npos);

  // --resume keeps the rows with a plan, byte for byte, and retries the others.
  const std::string again = test::run_command(kPlantpath + " sweep " + (d / "inst").string() + " --pathways " +
                                                  (d / "paths.csv").string() + " --out " + (d / "out").string() +
                                                  " --threads 1 --time-limit 5 --resume",
                                              st);
  INFO(again);
  CHECK(again.find("2 kept from before, 0 to solve") != std::string::npos);
  const auto lines2 = lines_of(d / "out" / "sweep.csv");
  REQUIRE(lines2.size() == 5);
  CHECK(lines2[1] == lines[1]);
  CHECK(lines2[4] == lines[4]);
  CHECK(lines2[2].find("error") != std::string::npos);
}

TEST_CASE("budget optimum never costs more than a swept pathway with the same cumulative emissions") {
  const std::vector<double> lasts = {0.2, 0.35, 0.5, 0.65, 0.8};
  int compared = 0;
  for (uint64_t seed : {11u, 12u}) {
    CAPTURE(seed);
    const Instance in = fan_instance(seed, lasts);
    // Sweep the pathways with the runner (warm starts included).
    std::vector<std::vector<double>> keys;
    const std::vector<int> years = in.params.decision_years();
    for (size_t i = 0; i < lasts.size(); ++i) {
      std::string err;
      keys.push_back(pathway_ratios(in, pname(i), years, err));
    }
    std::vector<RunSummary> rows(lasts.size());
    RunnerOptions ro;
    ro.jobs = 2;
    run_tasks(plan_warm_starts(keys), ro, [&](size_t i, const Prices* warm, int) {
      const Problem P = test::build_or_throw(in, {pname(i), -1, {}});
      SolveResult r = solve(P, quick(), warm);
      rows[i] = summarize(P, r);
      return r.prices;
    });
    const Problem P0 = test::build_or_throw(in, {"p0", -1, {}});
    double wbau = 0;
    const auto W = period_weights(P0.years, P0.prm.year_step);
    for (int k = 0; k < P0.n; ++k) wbau += W[k] * P0.bau_emissions[k];
    for (size_t i = 0; i < lasts.size(); ++i) {
      CAPTURE(i);
      if (!std::isfinite(rows[i].tc)) continue;
      // The budget equal to this plan's weighted cumulative emissions.
      const double cuer = 1.0 - rows[i].cum_emissions / wbau;
      const Problem B = test::build_or_throw(in, {"", std::clamp(cuer, 0.0, 1.0), {}});
      REQUIRE(is_budget_problem(B));
      CHECK(B.emission_rows[0].rhs == doctest::Approx(rows[i].cum_emissions).epsilon(1e-9));
      SolverOptions exact = quick();
      exact.gap = 0;
      const SolveResult cb = solve_cbc(B, exact);
      REQUIRE_MESSAGE(cb.status == Status::kOptimalWithinGap, cb.message);
      CHECK(cb.eval.feasible);
      CHECK(cb.eval.tc <= rows[i].tc + 1e-7 * std::max(1.0, std::abs(rows[i].tc)));
      // The decomposition's bound on the budget problem is below too.
      const SolveResult dec = solve(B, quick());
      CHECK(dec.tc_lower_bound <= rows[i].tc + 1e-6 * std::max(1.0, std::abs(rows[i].tc)));
      ++compared;
    }
  }
  CHECK(compared >= 6);
}

TEST_CASE("budget solve writes budget_pathway.csv with implied caps and a carbon price") {
  const fs::path d = scratch("budget");
  test::write_instance_dir(fan_instance(5, {0.5}), (d / "inst").string());
  int st = 0;
  const std::string out = test::run_command(kPlantpath + " solve " + (d / "inst").string() +
                                                " --budget-cuer 0.4 --threads 1 --time-limit 5 --out " +
                                                (d / "out").string(),
                                            st);
  INFO(out);
  REQUIRE(st == 0);
  const CsvTable t = CsvTable::read_file((d / "out" / "budget_pathway.csv").string());
  REQUIRE(t.rows() == 6);
  const int cw = t.require("weighted_emissions_t"), cpv = t.require("carbon_price_pv_usd_per_t"),
            cpr = t.require("carbon_price_undiscounted_usd_per_t"), cdf = t.require("discount_factor");
  double used = 0;
  for (size_t r = 0; r < t.rows(); ++r) {
    used += t.number(r, cw);
    CHECK(t.number(r, cpv) >= 0);
    CHECK(t.number(r, cpr) == doctest::Approx(t.number(r, cpv) / t.number(r, cdf)));
  }
  std::ifstream f(d / "out" / "summary.json");
  std::stringstream ss;
  ss << f.rdbuf();
  CHECK(ss.str().find("\"budget\": {\"budget_t\"") != std::string::npos);
  // within the budget (evaluator tolerance)
  const Instance in = fan_instance(5, {0.5});
  const Problem B = test::build_or_throw(in, {"", 0.4, {}});
  CHECK(used <= B.emission_rows[0].rhs * (1 + 1e-6));
}

TEST_CASE("sensitivity: a baseline row and a Min and a Max row per parameter") {
  const fs::path d = scratch("sens");
  test::write_instance_dir(fan_instance(7, {0.5}), (d / "inst").string());
  {
    std::ofstream f(d / "ranges.csv");
    f << "parameter,source_parameter,unit,value,min,max\n"
         "coal_cost,PP-coalCost,$/MWh,11.45,1.9,21\n"
         "capex_ccs,CCS-capital,$/kw,1559.75,205,2914.5\n";
  }
  int st = 0;
  const std::string out = test::run_command(kPlantpath + " sensitivity " + (d / "inst").string() +
                                                " --pathway p0 --ranges " + (d / "ranges.csv").string() +
                                                " --jobs 2 --threads 2 --time-limit 5 --out " + (d / "out").string(),
                                            st);
  INFO(out);
  CHECK(st == 0);
  const CsvTable t = CsvTable::read_file((d / "out" / "sensitivity.csv").string());
  REQUIRE(t.rows() == 5);
  const int cp = t.require("parameter"), cl = t.require("level"), cv = t.require("value"), ct = t.require("tc_usd"),
            cw = t.require("warm_start_from");
  t.require("share_flex_2050");
  t.require("share_retired_2030");
  const char* want[5][3] = {{"", "baseline", ""},
                            {"coal_cost", "min", "1.9"},
                            {"coal_cost", "max", "21"},
                            {"capex_ccs", "min", "205"},
                            {"capex_ccs", "max", "2914.5"}};
  for (size_t r = 0; r < 5; ++r) {
    CAPTURE(r);
    CHECK(t.text(r, cp) == want[r][0]);
    CHECK(t.text(r, cl) == want[r][1]);
    CHECK(t.text(r, cv) == want[r][2]);
    CHECK(!t.text(r, ct).empty());
    if (r > 0) CHECK(t.text(r, cw) == "baseline");
  }
  // The parameter reached the solve: the coal price changes the TC.
  CHECK(t.text(1, ct) != t.text(2, ct));
  // change_within_gaps, recomputed from the rows' own TCs and gaps.
  const int cg = t.require("gap"), cwg = t.require("change_within_gaps");
  CHECK(t.text(0, cwg).empty());
  for (size_t r = 1; r < 5; ++r) {
    CAPTURE(r);
    if (t.text(r, cg).empty() || t.text(0, cg).empty()) {
      CHECK(t.text(r, cwg).empty());
      continue;
    }
    const double tc = t.number(r, ct), tb = t.number(0, ct);
    const bool within = std::abs(tc - tb) <= t.number(r, cg) * std::abs(tc) + t.number(0, cg) * std::abs(tb);
    CHECK(t.text(r, cwg) == (within ? "yes" : "no"));
  }
}
