#pragma once
// Command-line options shared by every sub-command, and the common path
// from options to a Problem: read the instance directory (params.toml
// included), apply --set overrides and --cap-scope, apply the subset
// transforms (--provinces, --sample/--seed, --biomass-grid), then
// pp::build_problem with the CouplingSpec of --pathway / --budget-cuer.
//
// Syntax: `--name value` or `--name=value`; anything not starting with "--"
// is positional. Usage errors (unknown option, missing or bad value) throw
// pp::UsageError (the CLI exits with 2); bad input files or a bad --set throw
// pp::InputError (exit 1).
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "io/input_error.hpp"
#include "model/instance.hpp"
#include "model/problem.hpp"
#include "model/subset.hpp"
#include "solver/options.hpp"

namespace pp {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A command-specific option (e.g. --solution FILE for `score`).
struct ExtraOption {
  std::string name;        // without the leading "--"
  bool takes_value = true; // false: a flag
  bool repeatable = false; // true: every value is kept, else the last wins
};

struct CliArgs {
  std::string command;                  // argv[0] of the sub-command ("solve")
  std::vector<std::string> positional;  // positional[0] is normally the instance directory
  bool help = false;                    // -h / --help seen

  std::string pathway;                  // --pathway P
  std::string out;                      // --out DIR (or FILE for export-mps)
  SolverOptions solver;                 // --threads --gap --time-limit --max-iterations
                                        // --mode --backend --quiet --verbose
  std::vector<std::string> sets;        // --set k=v, repeatable, in order
  std::vector<std::pair<std::string, std::string>> steel_options;  // --option steel.NAME=V
  std::string cap_scope;                // --cap-scope: "" (params.toml / --set), national, provincial
  double budget_cuer = -1;              // --budget-cuer X (0 <= X <= 1), < 0: none
  SubsetSpec subset;                    // --provinces A,B (repeatable) --sample N --seed S --biomass-grid KM

  std::map<std::string, std::vector<std::string>> extra;  // command-specific options, by name

  const std::string& instance_dir() const;                 // positional[0]; UsageError if absent
  bool has(const std::string& name) const { return extra.count(name) > 0; }
  std::string get(const std::string& name, const std::string& dflt = "") const;  // last value
};

// The --set values as (name, value) pairs; UsageError on one without '='.
std::vector<std::pair<std::string, std::string>> set_pairs(const CliArgs& a);

// argv[0] is the sub-command name. `extra` lists the options the command
// accepts beyond the common ones.
CliArgs parse_args(int argc, char** argv, const std::vector<ExtraOption>& extra = {});

// Help text of the common options (for usage messages).
std::string common_options_help();

// read_instance + --set + --cap-scope + subset. Throws InputError.
Instance load_instance(const CliArgs& a);
// --pathway / --budget-cuer; UsageError when neither is given.
CouplingSpec coupling_spec(const CliArgs& a);
// build_problem; InputError with build_problem's message on failure.
Problem load_problem(const CliArgs& a, const Instance& in);

// Members for summary.json describing the run (instance, mode, backend,
// cap_scope, budget_cuer, subset, overrides), as JSON text without braces.
std::string run_json_fields(const CliArgs& a, const Instance& in);

}  // namespace pp
