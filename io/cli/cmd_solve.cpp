// plantpath solve <instance-dir> --pathway P --out DIR [options]
#include <cmath>
#include <cstdio>
#include <string>

#include "io/cli/args.hpp"
#include "io/cli/commands.hpp"
#include "io/output_dir.hpp"
#include "io/report.hpp"
#include "io/solution_writer.hpp"
#include "io/steel_reader.hpp"
#include "io/cli/batch.hpp"
#include "solver/decomposition.hpp"
#include "solver/interrupt.hpp"
#include "solver/log.hpp"

namespace pp {

namespace {

void solve_usage() {
  std::printf(
      "usage: plantpath solve <instance-dir> --pathway P --out DIR [options]\n"
      "Plans retrofits and retirements of every plant for the pathway's caps at least cost\n"
      "and writes summary.json, pathways.csv, plant_years.csv, provinces.csv, convergence.csv, fleet.csv into DIR.\n"
      "DIR is replaced only if plantpath wrote everything in it (its .plantpath-output marker lists it);\n"
      "otherwise, or while another run writes there, the command refuses before solving.\n"
      "With --budget-cuer X the solver chooses the pathway under one cumulative budget and also writes\n"
      "budget_pathway.csv (per decision year: emissions, implied cap ratio, carbon price in present value\n"
      "and undiscounted USD/t; see papers/sweeps-and-budgets.md) and a \"budget\" member in summary.json.\n\n%s"
      "SIGINT (Ctrl-C) or SIGTERM stops the solve after its current step and writes the best plan so far,\n"
      "with \"stop_reason\": \"interrupted\" in summary.json; a second signal quits at once, leaving DIR as it was.\n"
      "\nExit status: 0 done, 1 input error, 2 usage error or refused --out, 3 no feasible plan (infeasible instance),\n"
      "130 interrupted (the outputs are written).\n"
      "--report also draws DIR/report.html and DIR/report-figures/ (as plantpath report DIR).\n"
      "On a steel instance (a directory with blocks.csv, papers/steel-model.md) the same command plans the\n"
      "steel fleet and writes summary.json, pathways.csv, scrap_flows.csv, route_mix.csv, provinces.csv and\n"
      "convergence.csv; --cap-scope provincial, --budget-cuer X, --sample/--provinces, --backend cbc and\n"
      "--option steel.NAME=V (recovery_every, repair_rounds, mip_nodes, mip_pools, mip_window,\n"
      "milp_max_blocks, flat_window, flat_gain, master_share) apply.\n",
      common_options_help().c_str());
}

}  // namespace

int cmd_solve(int argc, char** argv) {
  const CliArgs a = parse_args(argc, argv, {{"report", false, false}});
  if (a.help) {
    solve_usage();
    return 0;
  }
  if (a.positional.size() != 1)
    throw UsageError(a.positional.empty() ? "missing the instance directory"
                                          : "expected one instance directory, got " +
                                                std::to_string(a.positional.size()) + " positional arguments");
  if (a.out.empty()) throw UsageError("--out DIR is required");
  coupling_spec(a);  // usage check before reading anything
  // Before any work: refuse a directory plantpath did not write, or one another run holds.
  OutputClaim claim = claim_output_dir(a.out, OutputKind::kSolve);

  install_interrupt_handlers();
  if (steel::is_steel_instance(a.instance_dir())) return solve_steel(a);
  if (!a.steel_options.empty())
    throw UsageError("--option steel." + a.steel_options[0].first + ": " + a.instance_dir() + " is not a steel instance");
  Log log(a.solver.verbosity);
  const Instance in = load_instance(a);
  log.say(1, "instance %s: %zu plants, %zu biomass cells, %zu floors", in.dir.c_str(), in.plants.size(),
          in.cells.size(), in.floors.size());
  const Problem P = load_problem(a, in);
  log.say(1, "problem: %d plants, %d decision years, %d provinces, %zu emission rows, %d shared cells", P.np, P.n,
          static_cast<int>(P.provinces.size()), P.emission_rows.size(), P.n_cell_rows);

  const SolveResult res = batch_solve(P, a.solver, nullptr);

  write_solution(a.out, P, res, run_json_fields(a, in));

  const bool has_plan = res.plan.np == P.np && res.plan.np > 0 && res.eval.plant_npv.size() == size_t(P.np);
  std::printf("status:           %s\n", to_string(res.status).c_str());
  std::printf("stopped by:       %s\n", to_string(res.stop).c_str());
  std::printf("solution:         %s\n", to_string(res.solution).c_str());
  if (!res.message.empty()) std::printf("message:          %s\n", res.message.c_str());
  if (has_plan) {
    std::printf("transition cost:  %.3f bn USD\n", res.eval.tc / 1e9);
  } else {
    std::printf("transition cost:  - (no feasible plan)\n");
  }
  if (std::isfinite(res.tc_lower_bound))
    std::printf("lower bound:      %.3f bn USD\n", res.tc_lower_bound / 1e9);
  else
    std::printf("lower bound:      -%s\n", std::isfinite(res.worst_step_gap) ? " (myopic: none computed)" : "");
  if (std::isfinite(res.gap)) std::printf("gap:              %.3f %%\n", 100.0 * res.gap);
  else std::printf("gap:              -\n");
  if (std::isfinite(res.worst_step_gap))
    std::printf("worst step gap:   %.3f %% (how well each myopic step was solved)\n", 100.0 * res.worst_step_gap);
  std::printf("time:             %.2f s, %d threads, %d iterations, %ld nodes", res.seconds, res.threads,
              res.iterations, res.nodes);
  if (res.milp_nodes > 0) std::printf(", %ld CBC nodes", res.milp_nodes);
  std::printf("\n");
  if (has_plan && !res.eval.violations.empty())
    std::printf("violations:       %zu (see summary.json)\n", res.eval.violations.size());
  std::printf("output:           %s\n", a.out.c_str());
  std::fflush(stdout);
  int report_rc = 0;
  if (a.has("report")) {
    std::string page;
    report_rc = make_report({{a.out}, "", "", a.solver.verbosity}, &claim, page);
    if (report_rc == 0) std::printf("report:           %s\n", page.c_str());
  }
  const bool no_plan = res.status == Status::kInfeasible || res.status == Status::kNoFeasiblePlan ||
                       res.status == Status::kError || !has_plan;
  if (res.stop == StopReason::kInterrupted) return 130;
  if (no_plan) return 3;
  return report_rc;
}

}  // namespace pp
