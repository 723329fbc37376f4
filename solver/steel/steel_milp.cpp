#include "solver/steel/steel_milp.hpp"

#include "solver/steel/steel_solve.hpp"

#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/CbcEventHandler.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <cmath>
#include <limits>

namespace pp::steel {

namespace {

struct Triplets {
  std::vector<double> lb, ub, obj, rlo, rhi, v;
  std::vector<int> ri, ci;
  std::vector<char> integer;
  int col(double lo, double up, double c, bool is_int = false) {
    lb.push_back(lo);
    ub.push_back(up);
    obj.push_back(c);
    integer.push_back(is_int);
    return int(lb.size()) - 1;
  }
  int row(double lo, double up) {
    rlo.push_back(lo);
    rhi.push_back(up);
    return int(rlo.size()) - 1;
  }
  void put(int r, int c, double x) {
    ri.push_back(r);
    ci.push_back(c);
    v.push_back(x);
  }
};

// Stops the search at the first plan that meets the caller's gap: CBC's own
// gap is against its bound, not the Lagrangian one.
class StopAtTarget : public CbcEventHandler {
 public:
  explicit StopAtTarget(double target) : target_(target) {}
  CbcEventHandler* clone() const override { return new StopAtTarget(*this); }
  CbcAction event(CbcEvent which) override {
    if (!model_ || model_->parentModel() != nullptr) return noAction;
    if (which != solution && which != heuristicSolution && which != node) return noAction;
    const double best = model_->getObjValue();
    return best < 1e49 && best <= target_ ? stop : noAction;
  }

 private:
  double target_;
};

}  // namespace

MilpResult solve_milp(const Problem& P, const MilpOptions& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  constexpr double inf = 1e30;
  const int n = P.n, S = kNStates;
  Triplets m;
  std::vector<int> zc(size_t(P.nb) * n * S, -1), qc(zc.size(), -1), rc(zc.size(), -1);
  auto may = [&](int j, int k, int s) {
    return !opt.allowed || ((*opt.allowed)[size_t(j) * n + size_t(k)] & (1u << s));
  };
  std::vector<char> pool_ok(size_t(P.np));
  struct F { int j, k, p, col; };
  std::vector<F> fc;
  std::vector<int> demand(static_cast<size_t>(n)), pool(static_cast<size_t>(P.np) * n), cap(size_t(P.n_emission));
  for (int e = 0; e < P.n_emission; ++e) cap[size_t(e)] = m.row(-inf, P.emission_cap[size_t(e)]);
  for (int k = 0; k < n; ++k) {
    demand[size_t(k)] = m.row(P.in.demand[size_t(k)], inf);
    for (int p = 0; p < P.np; ++p) pool[size_t(p) * n + size_t(k)] = m.row(-inf, P.in.supply[size_t(p) * n + size_t(k)]);
  }
  for (int j = 0; j < P.nb; ++j) {
    const double K = P.K(j);
    for (int k = 0; k < n; ++k) {
      const double dk = P.delta[size_t(k)];
      const int one = m.row(1, 1);
      const int bal = m.row(0, 0);  // sum of flows = sum of scrap
      for (int s = 0; s < S; ++s) {
        const size_t i = (size_t(j) * n + size_t(k)) * S + size_t(s);
        if (!may(j, k, s)) continue;
        double fixed = 0;
        if (s != kRET) fixed = dk * P.oper(k, s).fom * K;
        if (s == kBF || s == kCCS) fixed += P.reline_pv[size_t(j) * n + size_t(k)] * P.in.prm.reline_cost * K;
        zc[i] = m.col(0, 1, fixed, true);
        m.put(one, zc[i], 1);
        if (s == kRET) continue;
        const Operation& o = P.oper(k, s);
        qc[i] = m.col(0, o.umax * K, dk * (o.a + o.b));
        rc[i] = m.col(0, inf, -dk * o.b);
        const int lo = m.row(0, inf), hi = m.row(-inf, 0), rlo = m.row(0, inf), rhi = m.row(-inf, 0);
        m.put(lo, qc[i], 1);
        m.put(lo, zc[i], -o.umin * K);
        m.put(hi, qc[i], 1);
        m.put(hi, zc[i], -o.umax * K);
        m.put(rlo, rc[i], 1);
        m.put(rlo, qc[i], -o.smin);
        m.put(rhi, rc[i], 1);
        m.put(rhi, qc[i], -o.smax);
        m.put(bal, rc[i], -1);
        m.put(demand[size_t(k)], qc[i], 1);
        const int crow = cap[size_t(P.row_emission(j, k) - P.n)];
        const double ew = P.emission_year_weight(k);
        m.put(crow, qc[i], ew * (o.ea + o.eb));
        m.put(crow, rc[i], -ew * o.eb);
      }
      std::fill(pool_ok.begin(), pool_ok.end(), char(opt.max_pools <= 0));
      if (opt.max_pools > 0) {
        const double* c = &P.scrap_cost[size_t(j) * size_t(P.np)];
        std::vector<int> order(size_t(P.np));
        for (int p = 0; p < P.np; ++p) order[size_t(p)] = p;
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return c[a] < c[b]; });
        for (int i = 0; i < std::min(opt.max_pools, P.np); ++i) pool_ok[size_t(order[size_t(i)])] = 1;
        pool_ok[size_t(P.in.blocks[size_t(j)].province)] = 1;
      }
      for (int p = 0; p < P.np; ++p) {
        const double c = P.scrap_cost[size_t(j) * size_t(P.np) + size_t(p)];
        if (!pool_ok[size_t(p)] || !std::isfinite(c) || P.in.supply[size_t(p) * n + size_t(k)] <= 0) continue;
        const int f = m.col(0, inf, dk * c);
        fc.push_back({j, k, p, f});
        m.put(bal, f, 1);
        m.put(pool[size_t(p) * n + size_t(k)], f, 1);
      }
      // Transition flows from the previous year's state (the initial one at k = 0).
      std::vector<int> out_row(S, -1), in_row(S);
      for (int s = 0; s < S; ++s) {
        in_row[size_t(s)] = m.row(0, 0);
        const int zin = zc[(size_t(j) * n + size_t(k)) * S + size_t(s)];
        if (zin >= 0) m.put(in_row[size_t(s)], zin, -1);
        if (k == 0) {
          const double from = s == P.initial[size_t(j)] ? 1.0 : 0.0;
          out_row[size_t(s)] = m.row(from, from);
        } else {
          out_row[size_t(s)] = m.row(0, 0);
          const int zout = zc[(size_t(j) * n + size_t(k) - 1) * S + size_t(s)];
          if (zout >= 0) m.put(out_row[size_t(s)], zout, -1);
        }
      }
      for (int a = 0; a < S; ++a)
        for (int b = 0; b < S; ++b) {
          if (!P.tech.can(a, b) || !may(j, k, b) || (k > 0 && !may(j, k - 1, a)) ||
              (k == 0 && a != P.initial[size_t(j)]))
            continue;
          const int t = m.col(0, 1, P.disc_at[size_t(k)] * K * P.tech.cost(a, b));
          m.put(out_row[size_t(a)], t, 1);
          m.put(in_row[size_t(b)], t, 1);
        }
    }
  }
  OsiClpSolverInterface solver;
  CoinPackedMatrix A(true, m.ri.data(), m.ci.data(), m.v.data(), CoinBigIndex(m.v.size()));
  A.setDimensions(int(m.rlo.size()), int(m.lb.size()));
  solver.loadProblem(A, m.lb.data(), m.ub.data(), m.obj.data(), m.rlo.data(), m.rhi.data());
  for (size_t c = 0; c < m.integer.size(); ++c)
    if (m.integer[c]) solver.setInteger(int(c));
  solver.messageHandler()->setLogLevel(0);
  CbcModel model(solver);
  model.messageHandler()->setLogLevel(0);
  // Through CbcMain1, so that CBC's preprocessing, cuts and heuristics run
  // (plain branchAndBound found no plan in 500 nodes on the country). One
  // thread and a node limit: the same answer on every machine.
  CbcSolverUsefulData data;
  data.noPrinting_ = true;
  CbcMain0(model, data);
  model.messageHandler()->setLogLevel(0);
  StopAtTarget stop_at(opt.target);
  if (opt.target > -1e299) model.passInEventHandler(&stop_at);
  auto num = [](double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.17g", v);
    return std::string(b);
  };
  std::vector<std::string> args = {"plantpath-steel-cbc", "-log", "0", "-slog", "0", "-timeMode", "elapsed",
                                   "-sec", num(std::max(0.1, opt.time_limit)), "-ratio", "1e-10", "-allow", "1e-9"};
  if (opt.max_nodes >= 0) {
    args.push_back("-maxNodes");
    args.push_back(std::to_string(std::min<long>(opt.max_nodes, 2000000000L)));
  }
  if (opt.cutoff < 1e299) {
    args.push_back("-cutoff");
    args.push_back(num(opt.cutoff));
  }
  args.push_back("-solve");
  args.push_back("-quit");
  std::vector<const char*> argv;
  for (auto& a : args) argv.push_back(a.c_str());
  CbcMain1(int(argv.size()), argv.data(), model, [](CbcModel*, int) { return 0; }, data);
  MilpResult res;
  res.nodes = model.getNodeCount();
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double* x = model.bestSolution();
  res.node_limited = model.isNodeLimitReached();
  res.proven = !model.isNodeLimitReached() && !model.isSecondsLimitReached() &&
               (model.isProvenOptimal() || model.isProvenInfeasible());
  if (!x) return res;
  res.optimal = model.isProvenOptimal();
  res.tc = model.getObjValue();
  res.bound = model.getBestPossibleObjValue();
  Plan& plan = res.plan;
  plan.state.assign(size_t(P.nb) * n, kRET);
  plan.q.assign(plan.state.size(), 0.0);
  plan.r.assign(plan.state.size(), 0.0);
  for (int j = 0; j < P.nb; ++j)
    for (int k = 0; k < n; ++k)
      for (int s = 0; s < S; ++s) {
        const size_t i = (size_t(j) * n + size_t(k)) * S + size_t(s);
        if (zc[i] < 0 || x[zc[i]] < 0.5) continue;
        const size_t jk = size_t(j) * n + size_t(k);
        plan.state[jk] = uint8_t(s);
        if (qc[i] >= 0) {
          plan.q[jk] = x[qc[i]];
          plan.r[jk] = x[rc[i]];
        }
      }
  for (const F& f : fc)
    if (x[f.col] > 1e-12) plan.flows.push_back({f.j, f.k, f.p, x[f.col]});
  return res;
}

SolveResult solve_cbc(const Problem& P, const SolveOptions& opt) {
  MilpOptions mo;
  mo.time_limit = opt.time_limit;
  MilpResult mr = solve_milp(P, mo);
  SolveResult res;
  res.seconds = mr.seconds;
  res.iterations = int(std::min<long>(mr.nodes, 2000000000L));
  res.bound = mr.bound;
  if (!mr.plan.state.empty()) {
    res.eval = evaluate(P, mr.plan);
    res.plan = std::move(mr.plan);
  }
  const bool plan = !res.plan.state.empty() && res.eval.feasible;
  res.gap = plan ? relative_gap(res.eval.tc, res.bound, 0.0) : std::numeric_limits<double>::quiet_NaN();
  res.history.push_back({res.iterations, res.seconds, res.bound, plan ? res.eval.tc : std::nan(""), res.gap});
  if (!plan) {
    res.status = mr.proven ? Status::kInfeasible : Status::kNoFeasiblePlan;
    res.stop = mr.proven ? StopReason::kInfeasible : StopReason::kTimeLimit;
    res.solution = SolutionState::kNone;
    res.plan = Plan{};
  } else if (mr.optimal) {
    res.status = Status::kOptimalWithinGap;
    res.stop = StopReason::kGapReached;
    res.solution = SolutionState::kProvenOptimal;
  } else {
    res.status = Status::kTimeLimit;
    res.stop = StopReason::kTimeLimit;
    res.solution = res.gap <= opt.gap ? SolutionState::kFeasibleWithinGap : SolutionState::kFeasible;
  }
  return res;
}

}  // namespace pp::steel
