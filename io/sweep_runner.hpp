#pragma once
// Runs many independent solves (pathways of a sweep, parameter settings of a
// sensitivity run) on `jobs` threads, each warm-started from the prices of a
// neighbouring task that has already finished.
//
// Determinism: the order in which tasks are considered and the neighbour each
// one starts from are fixed before anything runs, from the tasks' keys alone
// (plan_warm_starts), and a task starts only after its neighbour has
// finished. So every task sees the same warm prices whatever `jobs` is; only
// the completion order (and wall-clock) changes. (The solver's own recovery
// schedule is time-based, so two runs can still differ in the last digits of
// a plan's TC when the gap target is not reached.)
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "solver/decomposition.hpp"

namespace pp {

// order: the farthest-point traversal of the keys starting at task 0 (each
// next task is the one farthest from every task before it; ties to the lower
// index), so that early tasks spread over the key space and later ones have a
// close neighbour. parent[i]: the task before i in `order` with the nearest
// key (Euclidean; ties to the earlier in `order`), -1 for order[0]. Keys of
// different lengths compare over their common prefix.
struct WarmPlan {
  std::vector<size_t> order;
  std::vector<int> parent;
};
WarmPlan plan_warm_starts(const std::vector<std::vector<double>>& keys);

// One task: `warm` is the prices of the nearest finished ancestor that
// produced prices (nullptr: cold start, or warm starts off), `warm_from` its
// index (-1 if none). Returns the prices to hand on (empty lam/pi/mu: none).
// It should report its own failures (e.g. as a row saying so) and return;
// an exception stops the runner from starting new tasks and is rethrown by
// run_tasks once the running ones have ended.
using TaskFn = std::function<Prices(size_t task, const Prices* warm, int warm_from)>;

struct RunnerOptions {
  int jobs = 1;      // concurrent tasks (>= 1)
  bool warm = true;  // false: every task starts cold (the order is kept)
};

void run_tasks(const WarmPlan& plan, const RunnerOptions& opt, const TaskFn& fn);

// Threads for each of `jobs` concurrent solves out of a budget of `threads`
// (0: all hardware threads): max(1, threads / jobs).
int threads_per_job(int threads, int jobs);

}  // namespace pp
