// plantpath solve <steel-instance-dir> --pathway P --out DIR: the steel
// sector (papers/steel-model.md). Shares the coal command's options where
// they mean the same; coal-only ones are refused by name.
#include <cstdio>
#include <string>

#include "io/cli/args.hpp"
#include "io/cli/commands.hpp"
#include "io/steel_reader.hpp"
#include "io/steel_writer.hpp"
#include "model/steel/steel_subset.hpp"
#include "solver/steel/steel_milp.hpp"
#include "solver/steel/steel_solve.hpp"

namespace pp {

int solve_steel(const CliArgs& a) {
  if (!a.cap_scope.empty() && a.cap_scope != "national" && a.cap_scope != "provincial")
    throw UsageError("--cap-scope for steel is national or provincial");
  if (a.budget_cuer >= 0 && !a.pathway.empty()) throw UsageError("give --pathway or --budget-cuer, not both");
  if (a.solver.mode != "foresight") throw UsageError("--mode myopic is coal power's; steel solves with foresight");
  if (a.subset.biomass_grid_km > 0) throw UsageError("--biomass-grid is coal power's");
  // A budget needs no pathway (its caps are unused): the file's first one is read.
  const std::string pathway = a.pathway.empty() ? steel::pathway_names(a.instance_dir()).front() : a.pathway;
  steel::Instance in = steel::read_instance(a.instance_dir(), pathway, set_pairs(a));
  if (a.cap_scope == "provincial") in.cap_scope = steel::CapScope::kProvincial;
  if (a.budget_cuer >= 0) {
    in.cap_scope = steel::CapScope::kBudget;
    in.budget_cuer = a.budget_cuer;
    in.pathway = "budget";
  }
  if (a.subset.active()) {
    const std::string e = steel::keep_blocks(in, a.subset.provinces, a.subset.sample, a.subset.seed);
    if (!e.empty()) throw UsageError(e);
  }
  steel::SolveOptions opt;
  opt.time_limit = a.solver.time_limit;
  opt.gap = a.solver.gap;
  opt.max_iterations = a.solver.max_iterations;
  opt.threads = a.solver.threads;
  opt.verbosity = a.solver.verbosity;
  opt.master = a.solver.master == "auto" ? "bundle" : a.solver.master;
  for (const auto& [k, v] : a.steel_options)
    if (const std::string e = opt.set(k, v); !e.empty()) throw UsageError("--option steel." + k + ": " + e);
  if (const std::string e = opt.check(); !e.empty()) throw UsageError(e);
  const steel::Problem P = steel::build_problem(std::move(in));
  const steel::SolveResult res =
      a.solver.backend == "cbc" ? steel::solve_cbc(P, opt) : steel::solve(P, opt);
  steel::write_solution(a.out, P, res, opt.threads);
  std::printf("%s: %s; TC %.3f bn USD, bound %.3f bn USD, gap %s; %d iterations, %.1f s\n", a.out.c_str(),
              to_string(res.solution).c_str(), res.eval.tc / 1e3, res.bound / 1e3,
              std::isfinite(res.gap) ? (std::to_string(100 * res.gap) + "%").c_str() : "-", res.iterations, res.seconds);
  return res.plan.state.empty() ? 3 : 0;
}

}  // namespace pp
