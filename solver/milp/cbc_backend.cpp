#include "solver/milp/cbc_backend.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <CbcEventHandler.hpp>
#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinMessageHandler.hpp>
#include <OsiClpSolverInterface.hpp>

#include "model/evaluate.hpp"
#include "solver/log.hpp"
#include "solver/interrupt.hpp"

namespace pp {

namespace {

using Clock = std::chrono::steady_clock;

std::string num(double v) {
  char b[40];
  std::snprintf(b, sizeof b, "%.10g", v);
  return b;
}

// Records (seconds, bound, best) when CBC finds a solution or reports tree
// status. Values are in the (possibly preprocessed) model's objective, which
// for this formulation is TC in money units (preprocessing keeps the offset).
class HistoryHandler : public CbcEventHandler {
 public:
  HistoryHandler(std::vector<ConvergenceRow>* rows, std::mutex* mu, Clock::time_point t0, double money, double npv_bau,
                 const Log* log)
      : rows_(rows), mu_(mu), t0_(t0), money_(money), npv_bau_(npv_bau), log_(log) {}
  CbcEventHandler* clone() const override { return new HistoryHandler(*this); }
  CbcAction event(CbcEvent which) override {
    if ((which == node || which == treeStatus) && interrupt_requested()) return stop;
    if (which != solution && which != heuristicSolution && which != treeStatus) return noAction;
    // Heuristics run small branch-and-bounds of their own (RINS, ...): their
    // bounds are not bounds of the whole problem. Only the main tree counts.
    if (!model_ || model_->parentModel() != nullptr) return noAction;
    const double best = model_->getObjValue();
    const double bound = model_->getBestPossibleObjValue();
    const double sec = std::chrono::duration<double>(Clock::now() - t0_).count();
    std::lock_guard<std::mutex> lock(*mu_);
    if (which == treeStatus && !rows_->empty() && sec - rows_->back().seconds < 0.5) return noAction;
    ConvergenceRow r;
    r.phase = "cbc";
    r.iteration = model_->getNodeCount();
    r.best_tc = best < 1e49 ? best * money_ : std::numeric_limits<double>::infinity();
    r.bound_tc = std::min(bound * money_, r.best_tc);
    if (!rows_->empty()) {  // best so far: incumbents only improve, keep the best bound
      r.best_tc = std::min(r.best_tc, rows_->back().best_tc);
      r.bound_tc = std::max(r.bound_tc, rows_->back().bound_tc);
      r.bound_tc = std::min(r.bound_tc, r.best_tc);
    }
    r.gap = relative_gap(r.best_tc, r.bound_tc, npv_bau_);
    r.seconds = sec;
    rows_->push_back(r);
    // No phase runs silently: the search says how far it is every few seconds.
    if (log_ && sec - last_said_ >= kSayEvery) {
      last_said_ = sec;
      log_->say(1, "CBC: %d nodes, plan %s, bound %.6g bn, gap %s", r.iteration,
                std::isfinite(r.best_tc) ? (std::to_string(r.best_tc / 1e9) + " bn").c_str() : "none", r.bound_tc / 1e9,
                std::isfinite(r.best_tc) ? (std::to_string(100 * r.gap) + "%").c_str() : "-");
    }
    return noAction;
  }

 private:
  std::vector<ConvergenceRow>* rows_;
  std::mutex* mu_;
  Clock::time_point t0_;
  double money_;
  double npv_bau_;
  const Log* log_;
  double last_said_ = 0;
  static constexpr double kSayEvery = 5.0;  // seconds between progress lines
};

// A province floor that no choice of states can reach: names it.
std::string diagnose_infeasible(const Problem& P) {
  const int n = P.n, npv = static_cast<int>(P.provinces.size());
  for (int p = 0; p < npv; ++p)
    for (int k = 0; k < n; ++k) {
      const double f = P.floor[size_t(p) * n + k];
      if (f <= 0) continue;
      double gmax = 0;
      for (int j = 0; j < P.np; ++j)
        if (P.province[j] == p && P.alive_at(j, k)) gmax += P.K[j] * P.H[j] * P.prm.u_max;
      if (gmax < f)
        return "the electricity floor of " + P.provinces[p] + " in " + std::to_string(P.years[k]) +
               " cannot be met (" + std::to_string(f) + " MWh > " + std::to_string(gmax) + " MWh at full output)";
    }
  return "the MILP is infeasible: the floors cannot be met together with the emission rows";
}

}  // namespace

SolveResult solve_cbc(const Problem& P, const SolverOptions& opt) {
  MilpModel M;
  std::string err;
  if (!build_milp(P, M, err)) {
    SolveResult r;
    r.status = Status::kError;
    r.message = err;
    return r;
  }
  return solve_cbc(P, M, opt);
}

SolveResult solve_cbc(const Problem& P, const MilpModel& M, const SolverOptions& opt, double cutoff_tc) {
  const auto t0 = Clock::now();
  Log log(opt.verbosity);
  SolveResult res;
  res.threads = opt.threads > 0 ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
  log.say(1, "MILP: %d columns (%d integer), %d rows, %d nonzeros", M.num_cols(), M.num_integers(), M.num_rows(),
          M.num_nonzeros());

  const double build_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  OsiClpSolverInterface solver;
  solver.loadProblem(M.num_cols(), M.num_rows(), M.col_start.data(), M.row_index.data(), M.value.data(),
                     M.col_lo.data(), M.col_up.data(), M.obj.data(), M.row_lo.data(), M.row_up.data());
  for (int c = 0; c < M.num_cols(); ++c)
    if (M.is_int[c]) solver.setInteger(c);
  solver.setObjSense(1.0);
  solver.setDblParam(OsiObjOffset, -M.obj_offset);  // Osi: objective = c x - offset
  const bool quiet = opt.verbosity < 2;
  if (quiet) solver.messageHandler()->setLogLevel(0);

  CbcModel model(solver);
  if (quiet) model.messageHandler()->setLogLevel(0);
  std::vector<ConvergenceRow> hist;
  std::mutex hist_mu;
  HistoryHandler handler(&hist, &hist_mu, t0, M.money_unit, P.npv_bau, &log);
  model.passInEventHandler(&handler);

  // CbcMain0/CbcMain1 keep global state (coin-or/Cbc issue #332): one at a
  // time per process, e.g. when `sweep --jobs J` polishes J plans at once.
  // The wait counts against the time limit.
  static std::mutex cbc_main_mu;
  std::lock_guard<std::mutex> cbc_lock(cbc_main_mu);
  const double waited_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  CbcSolverUsefulData data;
  data.noPrinting_ = quiet;
  CbcMain0(model, data);
  if (quiet) model.messageHandler()->setLogLevel(0);
  std::vector<std::string> args = {"plantpath-cbc",
                                   "-log", quiet ? "0" : "1",
                                   "-slog", quiet ? "0" : "1",
                                   "-timeMode", "elapsed",
                                   "-sec", num(std::max(1.0, opt.time_limit - std::max(build_seconds, waited_seconds))),
                                   "-maxNodes", std::to_string(opt.milp_max_nodes),
                                   "-ratio", num(std::max(0.0, opt.gap)),
                                   "-allow", "1e-9"};
  if (std::isfinite(cutoff_tc)) {
    args.push_back("-cutoff");
    args.push_back(num(cutoff_tc / M.money_unit));
  }
  if (res.threads > 1) {
    args.push_back("-threads");
    args.push_back(std::to_string(res.threads));
  }
  args.push_back("-solve");
  args.push_back("-quit");
  std::vector<const char*> argv;
  for (auto& a : args) argv.push_back(a.c_str());
  CbcMain1(static_cast<int>(argv.size()), argv.data(), model, [](CbcModel*, int) { return 0; }, data);

  res.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  res.iterations = model.getNodeCount();
  res.milp_nodes = model.getNodeCount();
  res.history = std::move(hist);
  const double* sol = model.bestSolution();
  const bool have = sol != nullptr && model.getMinimizationObjValue() < 1e49;
  const double bound_obj = model.getBestPossibleObjValue();

  if (!have) {
    if (model.isProvenInfeasible() || model.secondaryStatus() == 1) {
      res.status = Status::kInfeasible;
      res.message = diagnose_infeasible(P);
    } else if (interrupt_requested()) {
      res.status = Status::kNoFeasiblePlan;
      res.message = "CBC was interrupted before it found a feasible plan";
    } else if (model.isSecondsLimitReached() || model.secondaryStatus() == 4) {
      res.status = Status::kNoFeasiblePlan;
      res.message = "CBC found no feasible plan within the time limit";
    } else if (model.isNodeLimitReached() || model.secondaryStatus() == 3) {
      res.status = Status::kNoFeasiblePlan;
      res.message = "CBC found no feasible plan within milp_max_nodes nodes";
    } else {
      res.status = Status::kError;
      res.message = "CBC stopped without a solution (status " + std::to_string(model.status()) + "/" +
                    std::to_string(model.secondaryStatus()) + ")";
    }
    res.tc_lower_bound = res.status != Status::kInfeasible && std::isfinite(bound_obj) && std::abs(bound_obj) < 1e49
                             ? M.tc_from_objective(bound_obj)
                             : std::numeric_limits<double>::quiet_NaN();
    log.say(1, "CBC: %s after %.1f s", to_string(res.status).c_str(), res.seconds);
    return res;
  }

  std::vector<double> x(sol, sol + M.num_cols());
  std::string where;
  const double viol = M.max_violation(x, &where);
  if (viol > 1e-5) log.say(1, "CBC solution violates %s by %.3g (model units)", where.c_str(), viol);
  const double obj = M.objective_of(x);
  res.plan = plan_from_solution(P, M, x);
  res.eval = evaluate(P, res.plan);
  const double tc_milp = M.tc_from_objective(obj);
  // A proven-optimal run's bound can sit a hair above the incumbent; the
  // certified bound is the smaller of the two.
  res.tc_lower_bound = std::min(M.tc_from_objective(bound_obj), tc_milp);
  const double tc = res.eval.tc;
  res.gap = relative_gap(tc, res.tc_lower_bound, P.npv_bau);
  if (!res.eval.feasible) {
    res.status = Status::kError;
    res.message = "the evaluator rejects CBC's plan: " +
                  (res.eval.violations.empty() ? std::string("?") : res.eval.violations.front());
  } else if (model.isProvenOptimal() || model.secondaryStatus() == 0 || model.secondaryStatus() == 2 ||
             res.gap <= opt.gap) {
    res.status = Status::kOptimalWithinGap;
  } else if (model.isSecondsLimitReached() || model.secondaryStatus() == 4 || interrupt_requested()) {
    res.status = Status::kTimeLimit;
  } else {
    res.status = Status::kIterationLimit;
  }
  if (std::abs(tc - tc_milp) > 1e-6 * std::max(1.0, std::abs(tc)))
    log.say(1, "warning: evaluator TC %.9g differs from the MILP objective %.9g", tc, tc_milp);
  res.history.push_back({"cbc", res.iterations, res.tc_lower_bound, tc, res.gap, res.seconds});
  log.say(1, "CBC: %s, TC %.6g USD, bound %.6g USD, gap %.3g%%, %d nodes, %.1f s", to_string(res.status).c_str(), tc,
          res.tc_lower_bound, 100 * res.gap, res.iterations, res.seconds);
  return res;
}

}  // namespace pp
