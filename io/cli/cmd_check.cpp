// plantpath check <instance-dir> [--pathway P] [instance options]: reads and
// validates an instance (every file, every field's plausible range, the
// pathway's caps) and builds its problem, without solving: a researcher's
// check of a new or edited instance before a long run, and the measure of
// what loading costs (papers/reliability.md).
#include <cstdio>
#include <string>

#include "io/cli/args.hpp"
#include "io/cli/batch.hpp"
#include "io/cli/commands.hpp"
#include "io/steel_reader.hpp"

namespace pp {

int cmd_check(int argc, char** argv) {
  const CliArgs a = parse_args(argc, argv);
  if (a.help) {
    std::printf(
        "usage: plantpath check <instance-dir> [--pathway P] [options]\n"
        "Reads and validates the instance and, with --pathway (or --budget-cuer), builds its problem; solves\n"
        "nothing and writes nothing. The instance options of solve apply (--set, --provinces, --sample, ...).\n\n%s"
        "\nExit status: 0 the instance is valid, 1 input error (the message names file, line and column),\n"
        "2 usage error.\n",
        common_options_help().c_str());
    return 0;
  }
  if (a.positional.size() != 1) throw UsageError("check: expected one instance directory");
  if (steel::is_steel_instance(a.instance_dir())) {
    const std::string pathway = a.pathway.empty() ? steel::pathway_names(a.instance_dir()).front() : a.pathway;
    const steel::Problem P = steel::build_problem(steel::read_instance(a.instance_dir(), pathway, set_pairs(a)));
    std::printf("steel instance:   %s\nroute blocks:     %d\nprovinces:        %d\ndecision years:   %d\n"
                "coupling rows:    %zu\npathway:          %s\nE_ref:            %.3f Mt CO2/yr\n",
                a.instance_dir().c_str(), P.nb, P.np, P.n, P.rows.size(), pathway.c_str(), P.e_ref);
    return 0;
  }
  const Instance in = load_instance(a);
  std::printf("instance:         %s\n", in.dir.c_str());
  std::printf("plants:           %zu\n", in.plants.size());
  std::printf("biomass cells:    %zu\n", in.cells.size());
  std::printf("floors:           %zu\n", in.floors.size());
  std::printf("pathway rows:     %zu\n", in.pathways.size());
  if (!a.pathway.empty() || a.budget_cuer >= 0) {
    coupling_spec(a);
    const Problem P = load_problem(a, in);
    std::printf("problem:          %d plants, %d decision years, %zu provinces, %zu emission rows, %d shared cells\n",
                P.np, P.n, P.provinces.size(), P.emission_rows.size(), P.n_cell_rows);
  }
  std::printf("verdict:          valid\n");
  return 0;
}

}  // namespace pp
