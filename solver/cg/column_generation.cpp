#include "solver/cg/column_generation.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "solver/cg/columns.hpp"
#include "solver/cg/master_lp.hpp"
#include "solver/cg/vertex_primal.hpp"
#include "solver/dual_oracle.hpp"
#include "solver/interrupt.hpp"
#include "solver/log.hpp"
#include "solver/price_layout.hpp"
#include "solver/recovery.hpp"
#include "solver/repair.hpp"

namespace pp {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Hard rows: the master's slacks start at a plausible price (USD per t or
// MWh) so that the first duals send the pricing to realistic paths, not to
// the extremes a big M would; while the LP optimum still needs slack the
// price rises kSlackRaise-fold, up to kHardSlackUsd, above any price the
// rows can need. An LP optimum on slack at that price says the node's
// columns cannot meet the rows. (Every price vector gives a valid bound.)
constexpr double kSlackStartUsd = 1000;
constexpr double kSlackRaise = 4;
constexpr double kHardSlackUsd = 1e6;
constexpr double kSeedPrices[] = {25, 50, 100, 200, 400};

std::string fmt_bn(double usd) {
  char b[64];
  if (!std::isfinite(usd)) return "none";
  std::snprintf(b, sizeof b, "%.3f bn", usd / 1e9);
  return b;
}

struct Fix {
  int j, k;
  uint16_t mask;
};

struct Node {
  long id = 0;
  int depth = 0;
  std::vector<Fix> fixes;
  double bound_npv = kInf;  // upper bound on the node's NPV (inherited until solved)
  std::vector<double> y;    // prices to start from
};

struct NodeOrder {  // best bound first, then the older node: a total order
  bool operator()(const Node& a, const Node& b) const {
    if (a.bound_npv != b.bound_npv) return a.bound_npv > b.bound_npv;
    return a.id < b.id;
  }
};

class Search {
 public:
  Search(const Problem& P, const SolverOptions& opt, const Log& log)
      : P_(P), opt_(opt), log_(log), L_(P), oracle_(P, L_), pool_(P),
        M_(P, L_, pool_, P.prm.violation_penalty > 0 ? P.prm.violation_penalty : kSlackStartUsd) {
    for (int j = 0; j < P.np; ++j) fixed_npv_ += P.fixed_npv[j];
    allowed_.assign(size_t(P.np) * P.n, kAllStates);
    alpha_ = opt.cg_smoothing;
  }

  SolveResult run(const Prices* warm);

 private:
  double time_left() const { return opt_.time_limit - log_.seconds(); }
  double lower_bound_tc() const;
  double gap() const { return relative_gap(best_tc_, lower_bound_tc(), P_.npv_bau); }
  void record();
  // Pricing at y: adds the DP's new columns to the pool and the master;
  // returns L(y) and counts the columns improving at the master's duals.
  double price(const std::vector<double>& y, int& improving);
  // Column generation at the current node; false when a limit stopped it.
  bool solve_node(Node& node, bool& pruned);
  void apply_node(const Node& node);
  void try_primal(const char* why);
  bool choose_branch(int& j, int& k, int& s) const;
  bool limits_hit();

  const Problem& P_;
  const SolverOptions& opt_;
  const Log& log_;
  PriceLayout L_;
  DualOracle oracle_;
  ColumnPool pool_;
  MasterLp M_;
  double fixed_npv_ = 0;
  std::vector<uint16_t> allowed_;
  std::vector<double> g_, y_best_root_;
  double alpha_ = 0.5;  // Wentges weight on the best prices (from opt.cg_smoothing)
  int rounds_ = 0;
  long nodes_ = 0, next_id_ = 0;
  std::multiset<Node, NodeOrder> open_;
  double node_upper_ = kInf;   // bound of the node being solved
  double pruned_upper_ = -kInf;  // best bound among nodes pruned within the gap tolerance
  bool node_limit_ = false;
  double best_tc_ = kInf;
  Plan best_plan_;
  Evaluation best_eval_;
  std::vector<uint8_t> last_states_;
  double last_primal_seconds_ = 0;
  int last_mixed_ = 0, last_mip_cols_ = 0;
  double root_bound_tc_ = -kInf, root_seconds_ = 0;
  Status stop_ = Status::kIterationLimit;
  std::vector<ConvergenceRow> history_;
};

double Search::lower_bound_tc() const {
  double ub = std::max(node_upper_, pruned_upper_);
  for (const Node& n : open_) ub = std::max(ub, n.bound_npv);
  if (ub == -kInf) return best_tc_;  // everything explored: the incumbent is optimal
  return P_.npv_bau - ub;
}

void Search::record() {
  const double lb = lower_bound_tc(), g = gap();
  if (!history_.empty() && history_.back().iteration == rounds_ && history_.back().bound_tc == lb &&
      history_.back().best_tc == best_tc_)
    return;  // nothing new since the last row
  history_.push_back({"column generation", rounds_, lb, best_tc_, g, log_.seconds()});
}

double Search::price(const std::vector<double>& y, int& improving) {
  const double f = oracle_.evaluate(y, &g_);
  ++rounds_;
  improving = 0;
  if (!std::isfinite(f)) return f;
  std::vector<double> lam_pk, pi_pk;
  L_.expand(P_, y, lam_pk, pi_pk);
  const PriceView view{lam_pk.data(), pi_pk.data(), L_.n_mu ? y.data() + L_.mu_off() : nullptr};
  const std::vector<double>& yo = M_.prices();
  std::vector<int> added;
  for (int j = 0; j < P_.np; ++j) {
    if (P_.first_k[j] < 0) continue;
    const PlantPath& path = oracle_.paths()[j];
    const int c = pool_.add(j, path, path_npv(P_, j, path, view));
    if (c < 0) continue;
    added.push_back(c);
    const double rc = pool_.npv(c) - priced_activity(P_, L_, pool_, c, yo) - M_.sigma(j);
    if (rc > 1e-9 * std::max(1.0, std::abs(M_.sigma(j))) + 1e-3) ++improving;
  }
  M_.add_columns(added);
  return f;
}

void Search::apply_node(const Node& node) {
  std::fill(allowed_.begin(), allowed_.end(), kAllStates);
  for (const Fix& f : node.fixes) allowed_[size_t(f.j) * P_.n + f.k] &= f.mask;
  const bool root = node.fixes.empty();
  oracle_.set_allowed(root ? nullptr : &allowed_);
  for (size_t c = 0; c < pool_.size(); ++c)
    M_.set_column_upper(static_cast<int>(c), column_allowed(P_, pool_, static_cast<int>(c), root ? nullptr : &allowed_)
                                                  ? 1e30 : 0.0);
}

bool Search::limits_hit() {
  if (time_left() <= 0 || interrupt_requested()) { stop_ = Status::kTimeLimit; return true; }
  if (rounds_ >= opt_.max_iterations) { stop_ = Status::kIterationLimit; return true; }
  return false;
}

void Search::try_primal(const char* why) {
  // The fleet-wide LP after the MIP takes seconds on a large fleet: start it
  // only when the last one fits in the time left.
  if (time_left() < 1.2 * last_primal_seconds_) return;
  const double t0 = log_.seconds();
  VertexPrimal vp = primal_from_vertex(P_, L_, pool_, M_, opt_.cg_mip_nodes, time_left(), log_,
                                       nodes_ > 1 ? &allowed_ : nullptr);
  last_primal_seconds_ = log_.seconds() - t0;
  last_mixed_ = vp.mixed;
  last_mip_cols_ = vp.mip_columns;
  last_states_ = vp.states;
  if (vp.found && vp.eval.tc < best_tc_) {
    log_.say(2, "primal (%s): TC %s, %d mixed plants, %.2f s", why, fmt_bn(vp.eval.tc).c_str(), vp.mixed,
             last_primal_seconds_);
    best_tc_ = vp.eval.tc;
    best_plan_ = std::move(vp.plan);
    best_eval_ = std::move(vp.eval);
  }
}

bool Search::choose_branch(int& bj, int& bk, int& bs) const {
  double best = -1;
  bj = -1;
  for (int j = 0; j < P_.np; ++j) {
    const auto& cols = pool_.of_plant(j);
    if (cols.size() < 2) continue;
    int positive = 0;
    for (int c : cols) positive += M_.weight(c) > 1e-9;
    if (positive < 2) continue;
    for (int k = P_.first_k[j]; k <= P_.last_k[j]; ++k) {
      double share[9] = {0};
      for (int c : cols) {
        const double w = M_.weight(c);
        if (w > 1e-9) share[pool_.states(c)[k]] += w;
      }
      for (int s = 0; s < 9; ++s) {
        const double frac = std::min(share[s], 1.0 - share[s]);
        if (frac > 1e-6 && frac > best + 1e-12) { best = frac; bj = j; bk = k; bs = s; }
      }
    }
  }
  return bj >= 0;
}

bool Search::solve_node(Node& node, bool& pruned) {
  pruned = false;
  apply_node(node);
  node_upper_ = node.bound_npv;
  std::vector<double> y_in = node.y, y_best = node.y;
  int since_primal = 0;
  for (;;) {
    const double t0 = log_.seconds();
    if (!M_.solve()) throw std::runtime_error("column generation: CLP could not solve the master LP");
    int cells_added = 0;
    for (int add; (add = M_.add_violated_cells()) > 0;) {
      cells_added += add;
      if (!M_.solve()) throw std::runtime_error("column generation: CLP could not solve the master LP");
    }
    log_.say(2, "master %dx%d solved in %.3f s, %d simplex its (%d cell rows added, slack %.3g)", M_.rows(),
             M_.columns(), log_.seconds() - t0, M_.simplex_iterations(), cells_added, M_.slack());
    const std::vector<double> y_out = M_.prices();
    const double lp_npv = M_.objective_usd() + fixed_npv_;
    if (y_in.empty()) y_in = y_out;
    std::vector<double> y_sep(y_out.size());
    for (size_t i = 0; i < y_sep.size(); ++i) y_sep[i] = alpha_ * y_in[i] + (1 - alpha_) * y_out[i];
    int improving = 0;
    double f = price(y_sep, improving);
    if (f < node_upper_) { node_upper_ = f; y_best = y_sep; }
    // Self-adjusting weight: the subgradient at the smoothed point says
    // whether the master's duals lie downhill (smooth less) or not (more).
    if (std::isfinite(f) && alpha_ > 0) {
      double dir = 0;
      for (size_t i = 0; i < g_.size(); ++i) dir += g_[i] * (y_out[i] - y_in[i]);
      alpha_ = dir < 0 ? std::max(0.0, alpha_ - 0.1) : std::min(0.99, alpha_ + 0.1 * (1 - alpha_));
    }
    if (improving == 0 && y_sep != y_out && std::isfinite(f)) {
      // Mispricing: no column improves the master at its own duals; price there.
      f = price(y_out, improving);
      if (f < node_upper_) { node_upper_ = f; y_best = y_out; }
    }
    y_in = y_best;
    if (node.fixes.empty()) y_best_root_ = y_best;
    node.y = y_best;
    const bool infeasible_node = !std::isfinite(node_upper_);
    const bool converged = infeasible_node || improving == 0 ||
                           node_upper_ - lp_npv <= 1e-9 * std::max(1.0, std::abs(node_upper_));
    ++since_primal;
    if (!infeasible_node && (converged || since_primal >= opt_.cg_primal_every) &&
        (P_.prm.violation_penalty > 0 || M_.slack() <= 1e-9)) {
      try_primal(converged ? "lp optimum" : "schedule");
      since_primal = 0;
    }
    record();
    if (log_.verbosity() >= 1 && (rounds_ % 10 == 0 || converged))
      log_.say(1, "round %4d  node %ld  bound %s  plan %s  gap %8.4f%%  columns %zu  master %dx%d  mixed %d",
               rounds_, nodes_, fmt_bn(lower_bound_tc()).c_str(), fmt_bn(best_tc_).c_str(), 100 * gap(), pool_.size(),
               M_.rows(), M_.columns(), last_mixed_);
    if (gap() <= opt_.gap) { stop_ = Status::kOptimalWithinGap; return false; }
    // Prune: the node cannot hold a plan better than the incumbent by more
    // than the target gap.
    if (infeasible_node ||
        (std::isfinite(best_tc_) && P_.npv_bau - node_upper_ >= best_tc_ - opt_.gap * std::abs(best_tc_) * 0.5)) {
      // Its bound still counts: the certificate stays exact.
      if (!infeasible_node) pruned_upper_ = std::max(pruned_upper_, node_upper_);
      pruned = true;
      return true;
    }
    if (converged && P_.prm.violation_penalty <= 0 && M_.slack() > 1e-6 && M_.slack_cost_usd() < kHardSlackUsd) {
      M_.set_slack_cost(std::min(kHardSlackUsd, kSlackRaise * M_.slack_cost_usd()));
      log_.say(2, "master still on slack: its price rises to %.3g USD", M_.slack_cost_usd());
      if (limits_hit()) return false;
      continue;
    }
    if (converged) {
      // Hard rows: an LP optimum on slack says this node cannot meet them.
      if (P_.prm.violation_penalty <= 0 && M_.slack() > 1e-6) pruned = true;
      return true;
    }
    if (limits_hit()) return false;
  }
}

SolveResult Search::run(const Prices* warm) {
  SolveResult res;
  Node root;
  root.id = next_id_++;
  if (warm) root.y = L_.pack(*warm);
  // Seed the pool with every plant's "retire at its first decision year"
  // path: with the BAU-like paths the DP gives at zero prices, the master
  // can then meet caps and floors by mixing, without the slacks' huge
  // prices sending the first pricing rounds to extreme paths.
  {
    PlantPath retire;
    std::vector<int> cols;
    for (int j = 0; j < P_.np; ++j) {
      if (P_.first_k[j] < 0 || !P_.may_retire(j)) continue;
      retire.state.assign(P_.n, kNotAlive);
      for (int k = P_.first_k[j]; k <= P_.last_k[j]; ++k) retire.state[k] = kRetired;
      retire.u.assign(P_.n, 0.0);
      retire.biomass.assign(P_.n, 0.0);
      retire.emissions.assign(P_.n, 0.0);
      retire.generation.assign(P_.n, 0.0);
      retire.flows.assign(P_.n, {});
      const int c = pool_.add(j, retire, P_.retire_credit(j, P_.first_k[j]));
      if (c >= 0) cols.push_back(c);
    }
    M_.add_columns(cols);
  }
  {
    int unused = 0;
    const double f = price(root.y.empty() ? std::vector<double>(L_.dim(), 0.0) : root.y, unused);
    root.bound_npv = f;
    root.y.clear();
    // And the paths at a ladder of uniform emission prices (USD/t): each
    // plant's answer to carbon prices from mild to steep, so the first
    // master can meet the caps by mixing instead of by slack.
    if (!warm && L_.n_lam > 0)
      for (double lam : kSeedPrices) {
        std::vector<double> y(L_.dim(), 0.0);
        for (size_t r = 0; r < L_.n_lam; ++r) y[r] = lam;
        root.bound_npv = std::min(root.bound_npv, price(y, unused));
      }
  }
  open_.insert(root);
  bool stopped = false;
  while (!open_.empty() && !stopped) {
    // Best bound first; until a plan exists, dive (the newest node, the
    // child that fixes a state) to find one.
    auto pick = open_.begin();
    if (!std::isfinite(best_tc_))
      for (auto it = open_.begin(); it != open_.end(); ++it)
        if (it->id > pick->id) pick = it;
    Node node = *pick;
    open_.erase(pick);
    ++nodes_;
    bool pruned = false;
    stopped = !solve_node(node, pruned);
    if (nodes_ == 1) { root_bound_tc_ = P_.npv_bau - node_upper_; root_seconds_ = log_.seconds(); }
    if (stopped) {
      node.bound_npv = node_upper_;
      open_.insert(node);  // still open: its bound counts
      node_upper_ = -kInf;
      break;
    }
    const double node_bound = node_upper_;
    node_upper_ = -kInf;
    if (pruned) continue;
    int j = -1, k = -1, s = -1;
    if (!choose_branch(j, k, s)) {
      // State-integral: the fixed-state LP of the vertex primal holds this
      // node's optimum; its bound still counts until a plan matches it.
      pruned_upper_ = std::max(pruned_upper_, node_bound);
      continue;
    }
    if (nodes_ >= opt_.max_nodes) {
      node.bound_npv = node_bound;
      open_.insert(node);
      stop_ = Status::kIterationLimit;
      node_limit_ = true;
      break;
    }
    if (limits_hit()) {
      node.bound_npv = node_bound;
      open_.insert(node);
      break;
    }
    log_.say(2, "branch at node %ld: plant %d, year %d, state %d", nodes_, j, P_.years[k], s);
    for (int side = 0; side < 2; ++side) {
      Node child;
      child.id = next_id_++;
      child.depth = node.depth + 1;
      child.fixes = node.fixes;
      child.fixes.push_back({j, k, uint16_t(side == 0 ? (kAllStates & ~(1u << s)) : (1u << s))});
      child.bound_npv = node_bound;
      child.y = node.y;
      open_.insert(child);
    }
  }
  if (open_.empty() && node_upper_ == -kInf && !stopped) stop_ = Status::kOptimalWithinGap;
  oracle_.set_allowed(nullptr);

  // No plan yet: the greedy repair from the best root prices, as a fallback.
  if (!std::isfinite(best_tc_) && !y_best_root_.empty() && time_left() > 0) {
    log_.say(1, "no plan from the master's vertices; greedy repair from the best prices");
    RecoveryOutcome rec = repair_from_prices(P_, L_, oracle_, y_best_root_, 8 * opt_.recovery_rounds, log_,
                                             last_states_.empty() ? nullptr : &last_states_, opt_.time_limit);
    if (rec.solved) {
      trim_unused_options(P_, rec.plan);
      Evaluation ev = evaluate(P_, rec.plan);
      if (ev.feasible || P_.prm.violation_penalty > 0) {
        best_tc_ = ev.tc;
        best_plan_ = std::move(rec.plan);
        best_eval_ = std::move(ev);
      }
    }
  }
  record();
  res.gap = gap();
  res.tc_lower_bound = lower_bound_tc();
  if (res.gap <= opt_.gap && std::isfinite(best_tc_)) stop_ = Status::kOptimalWithinGap;
  else if (stop_ == Status::kOptimalWithinGap) stop_ = Status::kBoundConverged;
  res.status = stop_;
  if (!std::isfinite(best_tc_)) {
    res.stop = stop_ == Status::kTimeLimit ? StopReason::kTimeLimit : StopReason::kIterationLimit;
    res.status = Status::kNoFeasiblePlan;
    res.message = "no feasible plan found within the limits; no row was proven infeasible (try a longer "
                  "--time-limit, or --set violation_penalty=... to see which rows bind)";
  }
  res.plan = std::move(best_plan_);
  res.eval = std::move(best_eval_);
  res.iterations = rounds_;
  res.nodes = nodes_;
  res.prices = L_.unpack(P_, y_best_root_.empty() ? std::vector<double>(L_.dim(), 0.0) : y_best_root_);
  res.history = std::move(history_);
  settle_status(res, opt_.gap);
  if (node_limit_) res.stop = StopReason::kNodeLimit;
  int te = 0, tf = 0, tc = 0;
  M_.tight_rows(te, tf, tc);
  res.stats = {{"master_rows", M_.rows()},           {"master_columns", M_.columns()},
               {"columns", double(pool_.size())},    {"cell_rows_in_master", M_.cell_rows()},
               {"mixed_plants", last_mixed_},        {"vertex_mip_binaries", last_mip_cols_},
               {"tight_emission_rows", te},          {"tight_floor_rows", tf},
               {"tight_cell_rows", tc},
               {"pricing_rounds", rounds_},          {"root_bound_tc_usd", root_bound_tc_},
               {"root_seconds", root_seconds_}};
  return res;
}

}  // namespace

SolveResult solve_column_generation(const Problem& P, const SolverOptions& opt, const Prices* warm) {
  const int threads = opt.threads > 0 ? opt.threads : tbb::info::default_concurrency();
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  Log log(opt.verbosity);
  log.say(1, "column generation: %d plants, %d decision years, %zu emission rows, %d shared cells", P.np, P.n,
          P.emission_rows.size(), P.n_cell_rows);
  SolveResult res;
  if (std::string why = prove_infeasible(P); !why.empty()) {
    res.status = Status::kInfeasible;
    res.message = why;
  } else {
    Search search(P, opt, log);
    res = search.run(warm);
  }
  res.threads = threads;
  res.seconds = log.seconds();
  if (res.status == Status::kInfeasible) settle_status(res, opt.gap);
  log.say(1, "%s: TC %s, bound %s, gap %.4f%%, %d rounds, %ld nodes, %.2f s, %d threads",
          to_string(res.status).c_str(), fmt_bn(res.eval.tc).c_str(), fmt_bn(res.tc_lower_bound).c_str(),
          100 * res.gap, res.iterations, res.nodes, res.seconds, threads);
  return res;
}

}  // namespace pp
