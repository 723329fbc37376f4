#pragma once
// Every solver option in one place (as HiGHS' HighsOptions / Ceres'
// Solver::Options): defaults here, valid ranges in option_table(), and
// IsValid() checked before any work starts.
#include <string>
#include <vector>

namespace pp {

struct SolverOptions {
  int threads = 0;             // 0: all hardware threads
  double gap = 1e-3;           // stop when (TC - bound) / TC <= gap
  double time_limit = 600;     // seconds
  int max_iterations = 5000;   // master iterations (column generation: pricing rounds, all nodes)
  int verbosity = 1;           // 0 quiet, 1 progress, 2 per-iteration detail
  std::string mode = "foresight";  // or "myopic"
  std::string backend = "decomposition";  // or "cbc"
  // The master behind the decomposition: "cg" (Dantzig-Wolfe column
  // generation with branch-and-price, solver/cg/), "bundle" (proximal bundle
  // over aggregated cuts, with its repair and polish), "auto": column
  // generation's root then CBC on the tight MILP up to polish_max_plants
  // plants; above, branch-and-price when no biomass cell is shared by two
  // plants, else the bundle (solver/milp/polish.hpp).
  std::string master = "auto";
  // 1: a foresight problem whose plants fall into groups that share no
  // coupling row (country caps, no cross-border biomass) is solved group by
  // group, each with its own master, and certified by the sum of the
  // groups' bounds (solver/components.hpp). 0: as one problem.
  int split_components = 1;
  // Column generation
  double cg_smoothing = 0.5;   // initial Wentges weight on the best prices (self-adjusting)
  int cg_primal_every = 5;     // vertex primal every this many pricing rounds (and at each LP optimum)
  long cg_mip_nodes = 2000;    // CBC node limit of each vertex MIP (deterministic)
  long max_nodes = 100000;     // branch-and-price nodes
  // CBC node limit of the monolithic MILP, the exact finish and the polish:
  // a search that stops on it stops at the same place on any machine.
  long milp_max_nodes = 100000;
  // Bundle method
  double prox_initial = 0;     // 0: derived from the data
  int bundle_size = 30;
  double serious_step = 0.1;   // m in the descent test
  // Primal recovery of the bundle/subgradient masters: first when the bound
  // gained less than recovery_flatness (relative) over 10 iterations, then
  // every recovery_every iterations after that, and at the end. Each
  // recovery raises the guiding prices at most recovery_rounds times.
  int recovery_every = 25;
  double recovery_flatness = 0.002;
  int recovery_rounds = 16;
  // Roundings of the bundle's aggregate primal tried per recovery (solver/rounding.hpp).
  int recovery_draws = 2;
  // LP solves of the surplus-BE pass (solver/surplus.hpp) after a recovery
  // that improved the plan; 0 turns it off.
  int surplus_lps = 8;
  // Polish (solver/milp/polish.hpp), bundle/subgradient masters only: on
  // instances of at most polish_max_plants plants, CBC searches the MILP
  // restricted to the states the DP chose at some prices, in the share
  // polish_share of the time limit. 0 turns it off. Up to
  // polish_full_plants plants the unrestricted MILP follows.
  int polish_max_plants = 300;
  int polish_full_plants = 30;
  double polish_share = 0.5;

  // Empty when every option is in its range; else a message naming the
  // first option out of range, its value and the range.
  std::string IsValid() const;
};

// The options a user can set by name (`--option name=value` and the CLI's
// own flags), with their ranges: what `plantpath options` prints.
struct OptionInfo {
  const char* name;
  const char* range;    // "[0, 1]", "cg|bundle|subgradient", ...
  const char* meaning;
};
const std::vector<OptionInfo>& option_table();
// Sets an option from text; returns an error (naming the option) or "".
std::string set_option(SolverOptions& o, const std::string& name, const std::string& value);
// The value of an option as text (for summary.json and `options`).
std::string get_option(const SolverOptions& o, const std::string& name);

}  // namespace pp
