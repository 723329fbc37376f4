// Plants that share no coupling row are solved apart (solver/components.hpp):
// the groups must be the right ones, and the pieces' optima must add up to
// the optimum CBC proves for the whole MILP.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "model/evaluate.hpp"
#include "model/params.hpp"
#include "solver/components.hpp"
#include "solver/milp/cbc_backend.hpp"
#include "solver/milp/polish.hpp"
#include "support/tiny.hpp"

using namespace pp;

namespace {

// The tiny fleet with its third province moved to a second country, whose
// plants may not draw the (Chinese) cells.
Instance two_countries(uint64_t seed) {
  test::TinyOptions to;
  to.min_plants = 5;
  to.max_plants = 8;
  to.floor_prob = 0.3;
  Instance in = test::tiny_instance(seed, to);
  for (auto& p : in.plants)
    if (p.province == "Chongqing") {
      p.country = "India";
      p.province = "Punjab";
    }
  for (auto& f : in.floors)
    if (f.province == "Chongqing") f.province = "Punjab";
  for (auto& c : in.cells) c.country = "China";
  in.params.cap_scope = kCapScopeCountry;
  return in;
}

bool close(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1e3, std::abs(b)); }

}  // namespace

TEST_CASE("groups: one per country under country caps, one for the whole under a national cap") {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    CAPTURE(seed);
    Instance in = two_countries(seed);
    const Problem P = test::build_or_throw(in);
    std::set<std::string> countries;
    for (const auto& p : in.plants) countries.insert(p.country);
    std::vector<Component> g = coupling_components(P);
    CHECK(g.size() == countries.size());
    size_t plants = 0, rows = 0;
    for (auto& c : g) {
      plants += c.plants.size();
      for (int j : c.plants) CHECK(P.plants[j].country == P.plants[c.plants.front()].country);
      const Problem S = restrict_to(P, c);
      CHECK(S.np == int(c.plants.size()));
      std::set<int> mine;
      for (int j : c.plants) mine.insert(P.province[j]);
      for (const auto& row : S.emission_rows)  // its country's caps only
        for (int p : row.provinces) CHECK(mine.count(p) == 1);
      rows += S.emission_rows.size();
      double npv = 0;
      for (int j : c.plants) npv += P.plant_npv_bau[j];
      CHECK(close(S.npv_bau, npv));
    }
    CHECK(plants == size_t(P.np));
    CHECK(rows == P.emission_rows.size());
    in.params.cap_scope = kCapScopeNational;
    CHECK(coupling_components(test::build_or_throw(in)).size() == 1);
  }
}

TEST_CASE("the pieces' optima add up to CBC's optimum of the whole MILP") {
  int compared = 0;
  for (uint64_t seed = 1; seed <= 10 && compared < 4; ++seed) {
    CAPTURE(seed);
    const Problem P = test::build_or_throw(two_countries(seed));
    if (coupling_components(P).size() < 2) continue;
    SolverOptions o;
    o.gap = 1e-7;  // below kProvenGap: proofs, with room for the sums' round-off
    o.time_limit = 30;
    o.threads = 1;
    o.verbosity = 0;
    o.backend = "cbc";
    o.split_components = 0;
    const SolveResult whole = solve_cbc(P, o);
    if (whole.status == Status::kInfeasible) continue;
    REQUIRE(whole.status == Status::kOptimalWithinGap);
    o.split_components = 1;
    const SolveResult split = solve_with_backend(P, o);
    REQUIRE(split.status == Status::kOptimalWithinGap);
    CHECK(split.eval.feasible);
    CHECK(close(split.eval.tc, whole.eval.tc));
    CHECK(close(split.tc_lower_bound, whole.eval.tc));
    CHECK(split.prices.lam.size() == P.emission_rows.size());
    // The decomposition on the pieces brackets the same optimum.
    o.backend = "decomposition";
    o.gap = 1e-3;
    const SolveResult dec = solve_with_backend(P, o);
    if (dec.eval.feasible) CHECK(dec.eval.tc >= whole.eval.tc - 1e-6 * std::abs(whole.eval.tc) - 1e-3);
    CHECK(dec.tc_lower_bound <= whole.eval.tc + 1e-6 * std::abs(whole.eval.tc) + 1e-3);
    ++compared;
  }
  CHECK(compared >= 2);
}
