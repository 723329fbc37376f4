#pragma once
// Every solver option in one place (as HiGHS' HighsOptions / Ceres' Solver::Options).
#include <string>

namespace pp {

struct SolverOptions {
  int threads = 0;             // 0: all hardware threads
  double gap = 1e-3;           // stop when (TC - bound) / TC <= gap
  double time_limit = 600;     // seconds
  int max_iterations = 5000;   // master iterations
  int verbosity = 1;           // 0 quiet, 1 progress, 2 per-iteration detail
  std::string mode = "foresight";  // or "myopic"
  std::string backend = "decomposition";  // or "cbc"
  // Bundle method
  double prox_initial = 0;     // 0: derived from the data
  int bundle_size = 30;
  double serious_step = 0.1;   // m in the descent test
  // Primal recovery: first when the bound gained less than recovery_flatness
  // (relative) over 10 iterations, then on a time budget (the master gets
  // twice the time of the last recovery), every recovery_every iterations,
  // and at the end. Each recovery raises the guiding prices at most
  // recovery_rounds times until the fixed paths can meet every row.
  int recovery_every = 1000000;
  double recovery_flatness = 0.002;
  int recovery_rounds = 16;
  // Roundings of the bundle's aggregate primal tried per recovery (solver/rounding.hpp).
  int recovery_draws = 2;
  // Polish (solver/milp/polish.hpp): on instances of at most polish_max_plants
  // plants, CBC searches the MILP restricted to the states the DP chose at
  // some prices, in the share polish_share of the time limit kept for it.
  // 0 turns it off. Needs the CBC build; the bound stays the Lagrangian one.
  // Up to polish_full_plants plants the unrestricted MILP follows.
  int polish_max_plants = 300;
  int polish_full_plants = 30;
  double polish_share = 0.5;
};

}  // namespace pp
