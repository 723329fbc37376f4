// plantpath export-mps <instance-dir> --pathway P --out FILE.mps [options]
// plantpath score <instance-dir> --pathway P --solution FILE [options]
#include <cmath>
#include <cstdio>
#include <string>

#include "io/cli/args.hpp"
#include "io/cli/commands.hpp"
#include "io/milp/mps_writer.hpp"
#include "io/milp/solution_reader.hpp"
#include "io/output_dir.hpp"
#include "model/evaluate.hpp"
#include "solver/log.hpp"
#include "solver/milp/formulation.hpp"

namespace pp {

namespace {

void export_usage() {
  std::printf(
      "usage: plantpath export-mps <instance-dir> --pathway P --out FILE.mps [options]\n"
      "Writes the monolithic MILP of papers/model.md (foresight mode) in free MPS, readable by\n"
      "CBC, HiGHS, Gurobi and CPLEX, plus FILE.mps.map.csv mapping every column to its\n"
      "plant, year and meaning. Minimising the MPS objective gives TC in million USD\n"
      "(see papers/milp-formulation.md). An existing FILE.mps or FILE.mps.map.csv is replaced\n"
      "only if plantpath wrote it; both are written atomically.\n\n%s"
      "  --flow-indicators      add x <= S_c * [BE] rows (tighter LP, more rows)\n"
      "\nExit status: 0 written, 1 input error, 2 usage error or refused --out.\n",
      common_options_help().c_str());
}

void score_usage() {
  std::printf(
      "usage: plantpath score <instance-dir> --pathway P --solution FILE [options]\n"
      "Reads a CBC, HiGHS (raw) or Gurobi solution of the MPS that export-mps writes for the\n"
      "same instance and options, rebuilds the plan, and checks and costs it with the\n"
      "evaluator the solver uses. Prints TC, emissions per decision year against the caps,\n"
      "and every violation.\n\n%s"
      "\nExit status: 0 feasible, 3 infeasible plan (or the file holds no solution), 1 input error.\n",
      common_options_help().c_str());
}

MilpModel build_or_throw(const Problem& P, bool indicators) {
  MilpModel M;
  std::string err;
  MilpBuildOptions bo;
  bo.flow_indicator_rows = indicators;
  if (!build_milp(P, M, err, bo)) throw InputError("MILP: " + err);
  return M;
}

}  // namespace

int cmd_export_mps(int argc, char** argv) {
  const CliArgs a = parse_args(argc, argv, {{"flow-indicators", false, false}});
  if (a.help) {
    export_usage();
    return 0;
  }
  if (a.positional.size() != 1) throw UsageError("export-mps: expected one instance directory");
  if (a.out.empty()) throw UsageError("export-mps: --out FILE.mps is required");
  coupling_spec(a);
  // Before building anything: FILE.mps and FILE.mps.map.csv are replaced only
  // if plantpath wrote them, and one run at a time.
  const OutputClaim claim = claim_output_file(a.out);
  check_mps_outputs(a.out);
  Log log(a.solver.verbosity);
  const Instance in = load_instance(a);
  const Problem P = load_problem(a, in);
  const MilpModel M = build_or_throw(P, a.has("flow-indicators"));
  write_mps(a.out, P, M, "plantpath_" + P.pathway);
  std::printf("plants:     %d (%d decision years, %zu biomass cells)\n", P.np, P.n, P.cells.size());
  std::printf("columns:    %d (%d integer)\n", M.num_cols(), M.num_integers());
  std::printf("rows:       %d\n", M.num_rows());
  std::printf("nonzeros:   %d\n", M.num_nonzeros());
  std::printf("objective:  TC in %.0f USD (multiply the MPS optimum by it)\n", M.money_unit);
  std::printf("npv_bau:    %.17g USD\n", P.npv_bau);
  std::printf("written:    %s, %s.map.csv\n", a.out.c_str(), a.out.c_str());
  return 0;
}

int cmd_score(int argc, char** argv) {
  const CliArgs a = parse_args(argc, argv, {{"solution", true, false}, {"flow-indicators", false, false}});
  if (a.help) {
    score_usage();
    return 0;
  }
  if (a.positional.size() != 1) throw UsageError("score: expected one instance directory");
  const std::string file = a.get("solution");
  if (file.empty()) throw UsageError("score: --solution FILE is required");
  coupling_spec(a);
  const Instance in = load_instance(a);
  const Problem P = load_problem(a, in);
  const MilpModel M = build_or_throw(P, a.has("flow-indicators"));
  MilpSolutionFile sol;
  try {
    sol = read_milp_solution(file);
  } catch (const std::runtime_error& e) {
    throw InputError(e.what());
  }
  std::printf("solution file:    %s (%s format), status '%s'\n", file.c_str(), sol.format.c_str(), sol.status.c_str());
  if (!sol.has_solution) {
    std::printf("verdict:          no solution in the file\n");
    return 3;
  }
  std::vector<double> x;
  try {
    x = solution_vector(M, sol, file);
  } catch (const std::runtime_error& e) {
    throw InputError(e.what());
  }
  std::string where;
  const double viol = M.max_violation(x, &where);
  const double obj = M.objective_of(x);
  const Plan plan = plan_from_solution(P, M, x);
  const Evaluation ev = evaluate(P, plan);

  if (std::isfinite(sol.objective))
    std::printf("file objective:   %.10g (TC %.6f bn USD)\n", sol.objective, M.tc_from_objective(sol.objective) / 1e9);
  std::printf("MILP objective:   %.10g (TC %.6f bn USD) recomputed from the values\n", obj,
              M.tc_from_objective(obj) / 1e9);
  std::printf("MILP rows:        largest violation %.3g model units%s%s\n", viol, viol > 0 ? " at " : "",
              viol > 0 ? where.c_str() : "");
  std::printf("NPV BAU:          %.6f bn USD\n", ev.npv_bau / 1e9);
  std::printf("NPV plan:         %.6f bn USD\n", ev.npv / 1e9);
  std::printf("transition cost:  %.6f bn USD (%.17g USD)\n", ev.tc / 1e9, ev.tc);
  if (ev.penalty > 0) std::printf("penalty:          %.6f bn USD (soft rows, in the TC)\n", ev.penalty / 1e9);
  std::printf("\n%-6s %14s %14s %14s\n", "year", "emissions_Mt", "cap_Mt", "bau_Mt");
  for (int k = 0; k < P.n; ++k) {
    double cap = 0;
    bool has_cap = false;
    for (const auto& r : P.emission_rows) {
      bool only_k = r.weight[k] != 0;
      for (int q = 0; q < P.n && only_k; ++q)
        if (q != k && r.weight[q] != 0) only_k = false;
      if (only_k) cap += r.rhs, has_cap = true;
    }
    std::printf("%-6d %14.4f ", P.years[k], ev.emissions[k] / 1e6);
    if (has_cap) std::printf("%14.4f ", cap / 1e6);
    else std::printf("%14s ", "-");
    std::printf("%14.4f\n", P.bau_emissions[k] / 1e6);
  }
  for (const auto& r : P.emission_rows)
    if (r.label == "budget") {
      double lhs = 0;
      for (int k = 0; k < P.n; ++k) lhs += r.weight[k] * ev.emissions[k];
      std::printf("budget: %.4f Mt of %.4f Mt\n", lhs / 1e6, r.rhs / 1e6);
    }
  std::printf("\nviolations:       %zu\n", ev.violations.size());
  for (const auto& v : ev.violations) std::printf("  %s\n", v.c_str());
  std::printf("verdict:          %s\n", ev.feasible ? "feasible" : "INFEASIBLE");
  if (ev.feasible && std::abs(ev.tc - M.tc_from_objective(obj)) > 1e-6 * std::max(1.0, std::abs(ev.tc)))
    std::printf("note:             the evaluator's TC differs from the MILP objective by %.3g USD\n",
                ev.tc - M.tc_from_objective(obj));
  return ev.feasible ? 0 : 3;
}

}  // namespace pp
