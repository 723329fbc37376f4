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
  // Primal recovery runs every this many iterations (and at the end)
  int recovery_every = 5;
};

}  // namespace pp
