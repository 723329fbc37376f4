#pragma once
#include <string>

namespace pp {

enum class Status { kOptimalWithinGap, kTimeLimit, kIterationLimit, kBoundConverged, kInfeasible, kNoFeasiblePlan, kError };

inline std::string to_string(Status s) {
  switch (s) {
    case Status::kOptimalWithinGap: return "optimal within gap";
    case Status::kTimeLimit: return "time limit";
    case Status::kIterationLimit: return "iteration limit";
    // The prices reached the Lagrangian dual optimum: the bound cannot rise,
    // the gap left is the duality gap plus what recovery missed.
    case Status::kBoundConverged: return "bound converged";
    case Status::kInfeasible: return "infeasible";
    case Status::kNoFeasiblePlan: return "no feasible plan found";
    case Status::kError: return "error";
  }
  return "error";
}

}  // namespace pp
