// The monolithic MILP (solver/milp) against the decomposition and the
// evaluator, and the MPS export / solution scoring round trip through the
// `cbc` binary and the `plantpath` CLI.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "io/milp/mps_writer.hpp"
#include "io/milp/solution_reader.hpp"
#include "model/evaluate.hpp"
#include "model/technology.hpp"
#include "solver/decomposition.hpp"
#include "solver/milp/cbc_backend.hpp"
#include "solver/milp/formulation.hpp"
#include "tests/support/instance_dir.hpp"
#include "tests/support/tiny.hpp"

namespace fs = std::filesystem;
using namespace pp;

namespace {

fs::path scratch(const std::string& name) { return test::scratch_dir("milp", name); }


bool close_rel(double a, double b, double rel, double abs_floor = 1.0) {
  return std::abs(a - b) <= rel * std::max({std::abs(a), std::abs(b), abs_floor});
}

SolverOptions exact_opts() {
  SolverOptions o;
  o.gap = 0;  // prove optimality
  o.time_limit = 20;
  o.threads = 1;
  o.verbosity = 0;
  return o;
}

bool have_cbc_binary() {
  int st = 0;
  test::run_command("command -v cbc", st);
  return st == 0;
}

}  // namespace

TEST_CASE("MILP optimum scored by the evaluator equals its objective; the decomposition brackets it") {
  int solved = 0, infeasible = 0;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    CAPTURE(seed);
    test::TinyOptions to;
    to.min_plants = 2;
    to.max_plants = seed <= 4 ? 6 : 10;
    const Problem P = test::tiny_problem(seed, to);
    MilpModel M;
    std::string err;
    REQUIRE(build_milp(P, M, err));
    const SolveResult cb = solve_cbc(P, M, exact_opts());
    if (cb.status == Status::kInfeasible) {
      ++infeasible;
      SolverOptions d;
      d.verbosity = 0;
      d.time_limit = 10;
      const SolveResult dr = solve(P, d);
      CHECK(dr.status != Status::kOptimalWithinGap);  // no feasible plan can exist
      continue;
    }
    REQUIRE_MESSAGE(cb.status == Status::kOptimalWithinGap, cb.message);
    ++solved;
    CHECK(cb.eval.feasible);
    for (const auto& v : cb.eval.violations) MESSAGE(v);
    const double milp_tc = cb.history.back().best_tc;  // evaluator TC; compare with the MILP objective:
    (void)milp_tc;
    // The MILP objective of CBC's solution, recomputed from the plan's columns,
    // equals the evaluator's TC of the plan (exact formulation).
    CHECK(close_rel(cb.eval.tc, cb.tc_lower_bound, 1e-6, 1e3));  // proven optimal: bound == objective

    SolverOptions d;
    d.verbosity = 0;
    d.gap = 1e-3;
    d.time_limit = 10;
    d.threads = 1;
    const SolveResult dr = solve(P, d);
    if (dr.plan.np == P.np && dr.eval.feasible) {
      const double tol = 1e-6 * std::max(1e3, std::abs(cb.eval.tc));
      CHECK(dr.eval.tc >= cb.eval.tc - tol);                 // a feasible plan cannot beat the optimum
      CHECK(dr.tc_lower_bound <= cb.eval.tc + tol);          // a bound cannot exceed it
      if (dr.status == Status::kOptimalWithinGap)
        CHECK(dr.eval.tc - cb.eval.tc <= dr.gap * std::abs(dr.eval.tc) + tol);
    } else {
      MESSAGE("decomposition gave no feasible plan: " << dr.message);
      CHECK(dr.tc_lower_bound <= cb.eval.tc + 1e-6 * std::max(1e3, std::abs(cb.eval.tc)));
    }
  }
  MESSAGE(solved << " solved, " << infeasible << " infeasible");
  CHECK(solved >= 4);
}

// Random plans that follow every per-plant rule (coupling rows may break).
Plan random_plan(const Problem& P, uint64_t seed) {
  test::Rng rng(seed);
  Plan plan;
  plan.resize(P.np, P.n);
  const int nc = static_cast<int>(P.cells.size());
  std::vector<double> left(size_t(P.n) * nc);
  for (int k = 0; k < P.n; ++k)
    for (int c = 0; c < nc; ++c) left[size_t(k) * nc + c] = P.cells[c].supply_mwh;
  for (int j = 0; j < P.np; ++j) {
    if (P.first_k[j] < 0) continue;
    uint8_t s = P.installed[j];
    for (int k = P.first_k[j]; k <= P.last_k[j]; ++k) {
      const size_t jk = plan.at(j, k);
      if (s != kRetired) {
        if (rng.chance(0.1)) s = kRetired;
        else if (rng.chance(0.4)) s |= static_cast<uint8_t>(rng.integer(1, 7));
      }
      plan.state[jk] = s;
      if (s == kRetired) continue;
      const double lo = (s & kFlex) ? P.u_flex_lo[j] : 1.0;
      plan.u[jk] = rng.chance(0.3) ? lo : rng.uniform(lo, P.prm.u_max);
      if (!(s & kBE)) continue;
      double room = P.prm.cofire_share * P.K[j] * P.H[j] * plan.u[jk] * rng.uniform();
      for (uint32_t a = P.adj_start[j]; a < P.adj_start[j + 1] && room > 0; ++a) {
        const int c = P.adj_cell[a];
        const double take = std::min(room, left[size_t(k) * nc + c] * rng.uniform());
        if (take <= 0) continue;
        plan.flows[jk].push_back({c, take});
        left[size_t(k) * nc + c] -= take;
        room -= take;
      }
    }
  }
  return plan;
}

TEST_CASE("exact formulation: for random plans, MILP objective and rows equal the evaluator's TC, emissions, generation") {
  for (uint64_t seed = 11; seed <= 30; ++seed) {
    CAPTURE(seed);
    test::TinyOptions to;
    to.vary_params = seed % 2 == 0;  // u_max > 1, other costs
    const Problem P = test::tiny_problem(seed, to);
    MilpModel M;
    std::string err;
    REQUIRE(build_milp(P, M, err));
    for (int rep = 0; rep < 5; ++rep) {
      const Plan plan = random_plan(P, seed * 100 + rep);
      const Evaluation ev = evaluate(P, plan);
      for (const auto& v : ev.violations)  // only coupling rows may break
        CHECK_MESSAGE((v.find("emission row") == 0 || v.find("electricity floor") == 0 || v.find("biomass cell") == 0),
                      v);
      const std::vector<double> x = solution_from_plan(P, M, plan);
      CHECK(close_rel(M.tc_from_objective(M.objective_of(x)), ev.tc, 1e-9, 1e3));
      // row activities
      std::vector<double> act(M.num_rows(), 0.0);
      for (int c = 0; c < M.num_cols(); ++c)
        for (int e = M.col_start[c]; e < M.col_start[c + 1]; ++e) act[M.row_index[e]] += M.value[e] * x[c];
      int r = 0;
      for (const auto& er : P.emission_rows) {
        double lhs = 0;
        for (int k = 0; k < P.n; ++k) {
          double e = er.provinces.empty() ? ev.emissions[k] : 0.0;
          for (int p : er.provinces) e += ev.emissions_pk[size_t(p) * P.n + k];
          lhs += er.weight[k] * e;
        }
        CHECK(close_rel(act[r] * M.energy_unit, lhs, 1e-9, 1.0));
        ++r;
      }
      // every per-plant row holds (only coupling rows may be violated)
      for (int q = 0; q < M.num_rows(); ++q) {
        const std::string& nm = M.row_name[q];
        if (nm.rfind("emis_", 0) == 0 || nm.rfind("floor_", 0) == 0 || nm.rfind("cell_", 0) == 0) continue;
        const double tol = 1e-7 * std::max(1.0, std::abs(act[q]));
        CHECK_MESSAGE(act[q] >= M.row_lo[q] - tol, nm);
        CHECK_MESSAGE(act[q] <= M.row_up[q] + tol, nm);
      }
    }
  }
}

TEST_CASE("the decomposition's plan, mapped into the MILP, is feasible there with objective = its TC") {
  int mapped = 0;
  for (uint64_t seed = 41; seed <= 44; ++seed) {
    CAPTURE(seed);
    const Problem P = test::tiny_problem(seed);
    SolverOptions d;
    d.verbosity = 0;
    d.time_limit = 5;
    d.threads = 1;
    const SolveResult dr = solve(P, d);
    if (dr.plan.np != P.np || !dr.eval.feasible) continue;
    MilpModel M;
    std::string err;
    REQUIRE(build_milp(P, M, err));
    const std::vector<double> x = solution_from_plan(P, M, dr.plan);
    std::string where;
    CHECK_MESSAGE(M.max_violation(x, &where) <= 1e-6, where);
    CHECK(close_rel(M.tc_from_objective(M.objective_of(x)), dr.eval.tc, 1e-9, 1e3));
    ++mapped;
  }
  MESSAGE(mapped << " of 4 decomposition plans mapped and checked");
}

TEST_CASE("soft mode: penalised rows, the MILP objective equals the evaluator's TC with its penalty") {
  test::TinyOptions to;
  to.cap_last_lo = 0.05;
  to.cap_last_hi = 0.1;
  Instance in = test::tiny_instance(5, to);
  in.params.violation_penalty = 500;  // USD/t and USD/MWh
  const Problem P = test::build_or_throw(in);
  MilpModel M;
  std::string err;
  REQUIRE(build_milp(P, M, err));
  const SolveResult cb = solve_cbc(P, M, exact_opts());
  REQUIRE(cb.status == Status::kOptimalWithinGap);
  CHECK(close_rel(cb.eval.tc, cb.tc_lower_bound, 1e-6, 1e3));
}

TEST_CASE("MPS export, the cbc binary, and the solution reader round-trip") {
  if (!have_cbc_binary()) {
    MESSAGE("cbc binary not found: skipped");
    return;
  }
  const fs::path d = scratch("roundtrip");
  int checked = 0;
  for (uint64_t seed = 21; seed <= 24; ++seed) {
    CAPTURE(seed);
    const Problem P = test::tiny_problem(seed);
    MilpModel M;
    std::string err;
    REQUIRE(build_milp(P, M, err));
    const SolveResult cb = solve_cbc(P, M, exact_opts());
    const std::string stem = (d / "m").string() + std::to_string(seed);
    const fs::path mps = stem + ".mps", sol = stem + ".sol";
    write_mps(mps.string(), P, M, "tiny");
    REQUIRE(fs::exists(mps.string() + ".map.csv"));
    int st = 0;
    const std::string log = test::run_command("cbc " + mps.string() + " -solve -solu " + sol.string(), st);
    REQUIRE_MESSAGE(st == 0, log);
    const MilpSolutionFile f = read_milp_solution(sol.string());
    CHECK(f.format == "cbc");
    if (cb.status == Status::kInfeasible) {
      CHECK_FALSE(f.has_solution);
      continue;
    }
    REQUIRE(cb.status == Status::kOptimalWithinGap);
    REQUIRE(f.has_solution);
    const std::vector<double> x = solution_vector(M, f, sol.string());
    const Evaluation ev = evaluate(P, plan_from_solution(P, M, x));
    CHECK(ev.feasible);
    for (const auto& v : ev.violations) MESSAGE(v);
    // same optimum (the file's values carry 8 significant digits)
    CHECK(close_rel(ev.tc, cb.eval.tc, 1e-6, 1e3));
    CHECK(close_rel(M.tc_from_objective(f.objective), cb.eval.tc, 1e-6, 1e3));
    ++checked;
  }
  CHECK(checked >= 2);
}

TEST_CASE("solution reader: HiGHS and Gurobi formats, errors name file and line") {
  const std::string highs =
      "Model status\nOptimal\n\n# Primal solution values\nFeasible\nObjective 12.5\n# Columns 2\nz_0_2025_PP 1\n"
      "G_0_2025_F 3.25\n# Rows 1\none_0_2025 1\n\n# Dual solution values\nFeasible\n# Columns 2\nz_0_2025_PP 0\n";
  const MilpSolutionFile h = parse_milp_solution(highs, "h.sol");
  CHECK(h.format == "highs");
  CHECK(h.status == "Optimal");
  CHECK(h.objective == 12.5);
  REQUIRE(h.values.size() == 2);
  CHECK(h.values[1].first == "G_0_2025_F");
  CHECK(h.values[1].second == 3.25);

  const MilpSolutionFile g = parse_milp_solution("# Solution for model x\n# Objective value = 7\nz_1 1\nx_2 0.5\n", "g.sol");
  CHECK(g.format == "gurobi");
  CHECK(g.objective == 7);
  CHECK(g.values.size() == 2);

  const MilpSolutionFile c = parse_milp_solution(
      "Stopped on time - objective value 3.5\n      0 z_0_2025_PP  1  0\n**    1 x_1   0.25  2\n", "c.sol");
  CHECK(c.format == "cbc");
  CHECK(c.has_solution);
  CHECK(c.objective == 3.5);
  CHECK(c.values.size() == 2);
  CHECK_FALSE(parse_milp_solution("Infeasible - objective value 0\n", "i.sol").has_solution);

  try {
    parse_milp_solution("Optimal - objective value 1\n 0 z_0 abc 0\n", "bad.sol");
    CHECK_MESSAGE(false, "no error");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("bad.sol:2") != std::string::npos);
  }
}

TEST_CASE("CLI: export-mps, cbc, score; score rejects a plan that breaks a cap") {
  if (!have_cbc_binary()) {
    MESSAGE("cbc binary not found: skipped");
    return;
  }
  const std::string exe = std::string(PP_BINARY_DIR) + "/plantpath";
  if (!fs::exists(exe)) {
    MESSAGE("plantpath executable not built: skipped");
    return;
  }
  const fs::path d = scratch("cli");
  test::TinyOptions to;
  to.min_plants = 5;
  to.max_plants = 6;
  to.cap_last_lo = 0.3;
  to.cap_last_hi = 0.4;
  to.floor_prob = 0.3;
  Instance in;
  Problem P;
  uint64_t seed = 31;
  MilpModel M;
  SolveResult cb;
  for (;; ++seed) {  // first seed whose instance is feasible
    REQUIRE(seed < 60);
    in = test::tiny_instance(seed, to);
    P = test::build_or_throw(in);
    std::string err;
    REQUIRE(build_milp(P, M, err));
    cb = solve_cbc(P, M, exact_opts());
    if (cb.status == Status::kOptimalWithinGap) break;
  }
  CAPTURE(seed);
  const fs::path inst = d / "inst";
  test::write_instance_dir(in, inst.string());
  const std::string mps = (d / "m.mps").string(), sol = (d / "m.sol").string();
  int st = 0;
  std::string out = test::run_command(exe + " export-mps " + inst.string() + " --pathway tiny --out " + mps, st);
  REQUIRE_MESSAGE(st == 0, out);
  out = test::run_command("cbc " + mps + " -solve -solu " + sol, st);
  REQUIRE_MESSAGE(st == 0, out);
  out = test::run_command(exe + " score " + inst.string() + " --pathway tiny --solution " + sol, st);
  CHECK_MESSAGE(st == 0, out);
  CHECK(out.find("verdict:          feasible") != std::string::npos);
  // TC printed by score equals the in-process CBC optimum
  const auto pos = out.find("transition cost:");
  REQUIRE(pos != std::string::npos);
  const auto lp = out.find('(', pos);
  const double tc = std::strtod(out.c_str() + lp + 1, nullptr);
  CHECK(close_rel(tc, cb.eval.tc, 1e-6, 1e3));

  // A Gurobi-style file holding the business-as-usual plan (installed state,
  // full output, no biomass) breaks the caps (they fall to 30-40% of BAU).
  const std::string bau = (d / "bau.sol").string();
  {
    std::ofstream f(bau);
    f << "# Objective value = 0\n";
    for (int j = 0; j < P.np; ++j)
      for (int k = 0; P.first_k[j] >= 0 && k < P.n; ++k)
        if (P.alive_at(j, k)) {
          const int s = P.installed[j];
          const int z = M.z_col[(size_t(j) * P.n + k) * 9 + s];
          REQUIRE(z >= 0);
          f << M.col_name[z] << " 1\n";
          const int g = M.g_col[(size_t(j) * P.n + k) * 8 + s];
          if (g >= 0) f << M.col_name[g] << " " << P.K[j] * P.H[j] / M.energy_unit << "\n";
        }
  }
  out = test::run_command(exe + " score " + inst.string() + " --pathway tiny --solution " + bau, st);
  CHECK_MESSAGE(st == 3, out);
  CHECK(out.find("INFEASIBLE") != std::string::npos);
  CHECK(out.find("emission row 'cap") != std::string::npos);
}
