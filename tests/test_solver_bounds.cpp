// The decomposition on random small instances: its plan is feasible for the
// independent evaluator, its bound is below the plan's TC (and below the CBC
// optimum of the monolithic MILP, when that backend is built), the result
// does not depend on the thread count, and an infeasible floor is reported.
//
// Note: with 5..10 plants the Lagrangian duality gap is intrinsically large
// (a plain subgradient method on the same dual reaches the same bounds), so
// the 1e-3 target is usually not reachable here and the status is not
// required to be "optimal within gap"; a plan is. Runs stop on an iteration
// limit (not a time limit) so that 1 and 2 threads can be compared bitwise.
// The greedy repair alone may miss a plan on so few plants (nothing to
// average over); the product's solve then polishes with CBC over the DP's
// states (solver/milp/polish.hpp), which must find one.
#include <algorithm>
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "model/evaluate.hpp"
#include "model/technology.hpp"
#include "solver/decomposition.hpp"
#include "tests/support/tiny.hpp"

#if __has_include("solver/milp/cbc_backend.hpp")
#include "solver/milp/cbc_backend.hpp"
#include "solver/milp/polish.hpp"
#define PP_TEST_HAVE_CBC 1
#endif

using namespace pp;
using namespace pp::test;

namespace {

TinyOptions small() {
  TinyOptions o;
  o.min_plants = 5;
  o.max_plants = 10;
  return o;
}

SolverOptions options(int threads) {
  SolverOptions o;
  o.threads = threads;
  o.gap = 1e-3;
  // The runs must stop on gap or iterations, never on the clock (the
  // thread-count comparison below needs that, and the sanitized pass of
  // scripts/test.sh is many times slower than Release).
  o.time_limit = 1e6;
  o.max_iterations = 300;
  o.verbosity = 0;
  return o;
}

double tol_of(double tc) { return 1e-6 * std::max(1.0, std::fabs(tc)); }

bool same_plan(const Plan& a, const Plan& b) {
  if (a.np != b.np || a.n != b.n || a.state != b.state || a.u != b.u || a.flows.size() != b.flows.size()) return false;
  for (size_t i = 0; i < a.flows.size(); ++i) {
    if (a.flows[i].size() != b.flows[i].size()) return false;
    for (size_t f = 0; f < a.flows[i].size(); ++f)
      if (a.flows[i][f].cell != b.flows[i][f].cell || a.flows[i][f].mwh != b.flows[i][f].mwh) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("decomposition: feasible plan, valid bound, same result on 1 and 2 threads") {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    TinyOptions opt = small();
    opt.vary_params = seed % 3 == 0;
    const Problem P = tiny_problem(seed, opt);
    INFO("seed " << seed << ": " << P.np << " plants, " << P.cells.size() << " cells, u_max " << P.prm.u_max);
    const SolveResult r1 = solve(P, options(1));
    INFO("status " << to_string(r1.status) << " " << r1.message << ", TC " << r1.eval.tc << ", bound "
                   << r1.tc_lower_bound << ", gap " << r1.gap << ", iterations " << r1.iterations);
    CHECK(r1.status != Status::kError);
    CHECK(r1.status != Status::kInfeasible);
    CHECK(r1.seen_states.size() == size_t(P.np) * P.n);
    const SolveResult r2 = solve(P, options(2));
    CHECK(r2.status == r1.status);
    CHECK(r2.eval.tc == r1.eval.tc);  // bitwise
    CHECK(r2.tc_lower_bound == r1.tc_lower_bound);
    CHECK(r2.iterations == r1.iterations);
    CHECK(same_plan(r1.plan, r2.plan));
    CHECK(r2.seen_states == r1.seen_states);
    {  // the subgradient master: the same promise of thread independence
      SolverOptions so1 = options(1), so2 = options(2);
      so1.master = so2.master = "subgradient";
      const SolveResult s1 = solve(P, so1), s2 = solve(P, so2);
      CHECK(s1.status != Status::kError);
      CHECK(s2.eval.tc == s1.eval.tc);
      CHECK(s2.tc_lower_bound == s1.tc_lower_bound);
      CHECK(same_plan(s1.plan, s2.plan));
      CHECK(s1.history.front().phase == std::string("subgradient"));
    }
#ifdef PP_TEST_HAVE_CBC
    SolverOptions bo = options(1);
    bo.master = "bundle";
    const SolveResult rp = solve_with_backend(P, bo);
    INFO("with polish: " << to_string(rp.status) << ", TC " << rp.eval.tc);
    CHECK(rp.status != Status::kNoFeasiblePlan);
    CHECK(rp.tc_lower_bound == r1.tc_lower_bound);
    if (r1.plan.np == P.np) CHECK(rp.eval.tc <= r1.eval.tc);
    const SolveResult& r = rp;
#else
    CHECK(r1.status != Status::kNoFeasiblePlan);
    const SolveResult& r = r1;
#endif
    if (r.plan.np != P.np) continue;  // no plan: reported above
    const Evaluation ev = evaluate(P, r.plan);
    // The per-province, per-period parts of the TC (provinces.csv) add up to
    // the TC, which the evaluator takes as NPV_BAU - NPV over whole plants.
    double parts = 0;
    for (double v : ev.tc_pk) parts += v;
    CHECK(parts == doctest::Approx(ev.tc - ev.penalty).epsilon(1e-9).scale(std::max(1.0, std::fabs(ev.tc))));
    for (const auto& v : ev.violations) MESSAGE("violation: " << v);
    CHECK(ev.feasible);
    CHECK(ev.tc == doctest::Approx(r.eval.tc).epsilon(1e-12));
    CHECK(r.tc_lower_bound <= ev.tc + tol_of(ev.tc));
    if (r.status == Status::kOptimalWithinGap)
      CHECK(ev.tc - r.tc_lower_bound <= 1e-3 * std::max(1.0, std::fabs(ev.tc)) + tol_of(ev.tc));
  }
}

TEST_CASE("decomposition: a floor above the province's generation at u_max is infeasible, and says where") {
  Instance in = tiny_instance(11, small());
  // the province and a decision year of a plant alive then
  std::string prov;
  int year = 0;
  const int L = static_cast<int>(in.params.lifetime);
  for (const auto& pl : in.plants)
    for (int y : in.params.decision_years())
      if (year == 0 && pl.start_year <= y && y <= pl.start_year + L - 1) {
        prov = pl.province;
        year = y;
      }
  REQUIRE(year > 0);
  // Set on the problem: a floor file's value is capped at BAU generation
  // (papers/model.md section 5), so only a floor made by other means (or a
  // myopic step's) can be out of reach; the solver must still say where.
  Problem P = build_or_throw(in);
  const int p = static_cast<int>(std::find(P.provinces.begin(), P.provinces.end(), prov) - P.provinces.begin());
  const int k = static_cast<int>(std::find(P.years.begin(), P.years.end(), year) - P.years.begin());
  REQUIRE(p < static_cast<int>(P.provinces.size()));
  P.floor[size_t(p) * P.n + k] = 1.01 * in.params.u_max * bau_generation(in, prov, year);
  const SolveResult r = solve(P, options(1));
  INFO("message: " << r.message);
  CHECK(r.status == Status::kInfeasible);
  CHECK(r.message.find(prov) != std::string::npos);
  CHECK(r.message.find(std::to_string(year)) != std::string::npos);
}

#ifdef PP_TEST_HAVE_CBC
TEST_CASE("decomposition against the CBC optimum of the monolithic MILP") {
  for (uint64_t seed = 21; seed <= 28; ++seed) {
    TinyOptions opt = small();
    opt.max_plants = 7;
    opt.max_cells = 5;
    opt.floor_prob = seed % 2 ? 0.7 : 0.0;
    opt.vary_params = seed % 3 == 0;
    const Problem P = tiny_problem(seed, opt);
    INFO("seed " << seed << ": " << P.np << " plants, " << P.cells.size() << " cells");
    SolverOptions co = options(1);
    co.gap = 1e-9;
    co.time_limit = 3600;
    const SolveResult cbc = solve_cbc(P, co);
    INFO("CBC: " << to_string(cbc.status) << " TC " << cbc.eval.tc << " bound " << cbc.tc_lower_bound);
    REQUIRE(cbc.status == Status::kOptimalWithinGap);
    const Evaluation ecbc = evaluate(P, cbc.plan);
    CHECK(ecbc.feasible);
    // the MILP's own objective (an independent formulation of papers/model.md) is the evaluator's TC
    CHECK(ecbc.tc == doctest::Approx(cbc.tc_lower_bound).epsilon(1e-6).scale(1e3));
    const double opt_tc = ecbc.tc;
    const SolveResult dec = solve_with_backend(P, options(1));
    INFO("decomposition: " << to_string(dec.status) << " TC " << dec.eval.tc << " bound " << dec.tc_lower_bound);
    // the bound is a bound on the true optimum
    CHECK(dec.tc_lower_bound <= opt_tc + tol_of(opt_tc));
    // CBC found a plan, so the instance is feasible: the decomposition must find one too
    CHECK(dec.status != Status::kNoFeasiblePlan);
    CHECK(dec.status != Status::kInfeasible);
    if (dec.plan.np != P.np) continue;
    // its plan cannot beat the optimum, and if it claims a gap the optimum lies inside it
    CHECK(dec.eval.tc >= opt_tc - tol_of(opt_tc));
    if (dec.status == Status::kOptimalWithinGap)
      CHECK(dec.eval.tc - opt_tc <= 1e-3 * std::max(1.0, std::fabs(opt_tc)) + tol_of(opt_tc));
    // Each price master alone (no polish): a valid bound, a plan no better than the optimum.
    for (const char* m : {"bundle", "subgradient"}) {
      SolverOptions mo = options(1);
      mo.master = m;
      const SolveResult r = solve(P, mo);
      INFO(m << ": " << to_string(r.status) << " TC " << r.eval.tc << " bound " << r.tc_lower_bound);
      CHECK(r.tc_lower_bound <= opt_tc + tol_of(opt_tc));
      if (r.plan.np == P.np) {
        CHECK(evaluate(P, r.plan).feasible);
        CHECK(r.eval.tc >= opt_tc - tol_of(opt_tc));
      }
    }
    // quality of the recovered plan (not a failure: the duality gap is large on so few plants)
    WARN_MESSAGE(dec.eval.tc - opt_tc <= 0.02 * std::max(1.0, std::fabs(P.npv_bau)),
                 "decomposition plan TC " << dec.eval.tc << " is far above the CBC optimum " << opt_tc
                                          << " (NPV_BAU " << P.npv_bau << ")");
  }
}
#endif
