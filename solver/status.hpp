#pragma once
// One status model, three separate answers (as HiGHS keeps the call's
// status, the model status and the solution status apart):
//  - the call's outcome: ok / input error / internal error (the CLI's exit
//    status; see io/cli/main.cpp),
//  - why the run stopped (StopReason),
//  - what the solution is (SolutionState).
// `Status` is the one-word summary kept in summary.json's "status" field;
// stop_reason and solution_state are written next to it.
#include <cmath>
#include <string>

namespace pp {

// kStepsWithinGap: a myopic run whose every step reached the gap. It is not
// "optimal within gap": the myopic plan has no bound on the pathway's optimum.
enum class Status { kOptimalWithinGap, kTimeLimit, kIterationLimit, kBoundConverged, kInfeasible, kNoFeasiblePlan, kError,
                    kStepsWithinGap };

enum class StopReason { kGapReached, kTimeLimit, kIterationLimit, kNodeLimit, kBoundStalled, kInfeasible, kError, kInterrupted };
// kFeasibleNoBound: a plan with no bound to measure it by (myopic mode).
enum class SolutionState { kProvenOptimal, kFeasibleWithinGap, kFeasible, kFeasibleNoBound, kNone };

inline std::string to_string(Status s) {
  switch (s) {
    case Status::kOptimalWithinGap: return "optimal within gap";
    case Status::kTimeLimit: return "time limit";
    case Status::kIterationLimit: return "iteration limit";
    // The master can raise the bound no further and the requested gap was
    // not reached (the duality gap plus what the primal side missed).
    case Status::kBoundConverged: return "bound stalled, gap not reached";
    case Status::kInfeasible: return "infeasible";
    case Status::kNoFeasiblePlan: return "no feasible plan found";
    case Status::kError: return "error";
    case Status::kStepsWithinGap: return "myopic steps within gap";
  }
  return "error";
}

inline std::string to_string(StopReason s) {
  switch (s) {
    case StopReason::kGapReached: return "gap reached";
    case StopReason::kTimeLimit: return "time limit";
    case StopReason::kIterationLimit: return "iteration limit";
    case StopReason::kNodeLimit: return "node limit";
    case StopReason::kBoundStalled: return "bound stalled";
    case StopReason::kInfeasible: return "infeasible";
    case StopReason::kError: return "error";
    case StopReason::kInterrupted: return "interrupted";
  }
  return "error";
}

inline std::string to_string(SolutionState s) {
  switch (s) {
    case SolutionState::kProvenOptimal: return "proven optimal";
    case SolutionState::kFeasibleWithinGap: return "feasible within gap";
    case SolutionState::kFeasible: return "feasible, gap not reached";
    case SolutionState::kFeasibleNoBound: return "feasible, no bound";
    case SolutionState::kNone: return "none";
  }
  return "none";
}

// The one gap definition: (TC - bound) / max(|TC|, 1e-9 |NPV_BAU|, 1 USD).
// Inside the solvers a missing plan counts as gap 1 (never "reached");
// settle_status turns the reported gap into NaN (null) without a plan or a
// bound, the one way every output says "no gap".
inline double relative_gap(double tc, double bound, double npv_bau) {
  if (!std::isfinite(tc) || !std::isfinite(bound)) return 1.0;
  double den = std::abs(tc);
  if (den < 1e-9 * std::abs(npv_bau)) den = 1e-9 * std::abs(npv_bau);
  if (den < 1.0) den = 1.0;
  const double g = (tc - bound) / den;
  return g > 0 ? g : 0.0;
}

// A gap this small counts as a proof of optimality (papers/model.md's 1e-6).
constexpr double kProvenGap = 1e-6;

}  // namespace pp
