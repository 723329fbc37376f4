// The per-plant DP (pp::solve_plant) against exhaustive enumeration of every
// state path with each period's (u, x) LP solved by CLP
// (tests/support/lp_reference.hpp), at random nonnegative prices.
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "model/evaluate.hpp"
#include "model/technology.hpp"
#include "solver/subproblem.hpp"
#include "tests/support/lp_reference.hpp"
#include "tests/support/tiny.hpp"

using namespace pp;
using namespace pp::test;

namespace {


std::string describe(const Problem& P, int j) {
  std::ostringstream o;
  const auto& pl = P.plants[j];
  o << "plant " << pl.id << " K=" << pl.capacity_mw << " H=" << pl.hours << " start=" << pl.start_year
    << " installed=" << state_label(pl.installed) << " D=" << pl.ccs_distance_km << " u_max=" << P.prm.u_max
    << " first_k=" << P.first_k[j] << " last_k=" << P.last_k[j];
  return o.str();
}

std::string path_text(const std::vector<uint8_t>& s) {
  std::string t;
  for (auto x : s) t += (x == kNotAlive ? std::string("-") : state_label(x)) + " ";
  return t;
}

int cases_checked = 0;

void check_plant(const Problem& P, int j, const RandomPrices& pr, const std::string& what) {
  const PriceView view = pr.view();
  const ReferencePath ref = reference_plant(P, j, view);
  Scratch scratch;
  PlantPath path;
  const double value = solve_plant(P, j, view, scratch, &path);
  const double value_only = solve_plant(P, j, view, scratch, nullptr);
  const double tol = 1e-6 * std::max(1.0, std::fabs(ref.value));
  INFO(what << " | " << describe(P, j));
  INFO("reference path: " << path_text(ref.state) << " value " << ref.value);
  INFO("DP path:        " << path_text(path.state) << " value " << value);
  CHECK(std::fabs(value - ref.value) <= tol);
  CHECK(std::fabs(value_only - value) <= tol);
  CHECK(std::fabs(path.value - value) <= tol);
  // Score the DP's own path independently.
  std::string err;
  const double scored = score_path(P, j, view, path.state, path.u, path.flows, &err);
  CHECK_MESSAGE(err.empty(), "DP path breaks a rule: " << err);
  CHECK(std::fabs(scored - value) <= tol);
  // Reported per-period figures agree with the path.
  if (path.generation.size() == size_t(P.n) && path.emissions.size() == size_t(P.n) &&
      path.biomass.size() == size_t(P.n)) {
    for (int k = 0; k < P.n; ++k) {
      const uint8_t s = path.state[k];
      if (s == kNotAlive || s == kRetired) continue;
      const double G = P.K[j] * P.H[j] * path.u[k];
      double b = 0;
      for (const auto& f : path.flows[k]) b += f.mwh;
      CHECK(path.generation[k] == doctest::Approx(G).epsilon(1e-9));
      CHECK(path.biomass[k] == doctest::Approx(b).epsilon(1e-9).scale(1.0));
      CHECK(path.emissions[k] == doctest::Approx(period_emissions(P, j, s, G, b)).epsilon(1e-9).scale(1.0));
    }
  }
  // The reference's own path scores to its value (sanity of the reference).
  const double ref_scored = score_path(P, j, view, ref.state, ref.u, ref.flows, &err);
  CHECK_MESSAGE(err.empty(), "reference path breaks a rule: " << err);
  CHECK(std::fabs(ref_scored - ref.value) <= tol);
  ++cases_checked;
}

void check_instance(const Problem& P, Rng& rng, int kind, const std::string& what) {
  const RandomPrices pr = random_prices(P, rng, kind);
  for (int j = 0; j < P.np; ++j) check_plant(P, j, pr, what);
}

}  // namespace

TEST_CASE("DP equals brute force on random plants at random prices") {
  cases_checked = 0;
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    TinyOptions opt;
    opt.min_plants = 2;
    opt.max_plants = 6;
    opt.vary_params = seed % 2 == 0;
    const Problem P = tiny_problem(seed, opt);
    Rng rng(seed * 7919);
    check_instance(P, rng, 0, "seed " + std::to_string(seed) + " random prices");
  }
  MESSAGE(cases_checked << " plant/price cases checked");
}

TEST_CASE("DP equals brute force at zero prices and at a huge emission price") {
  for (uint64_t seed = 1000; seed < 1040; ++seed) {
    TinyOptions opt;
    opt.vary_params = seed % 2 == 1;
    const Problem P = tiny_problem(seed, opt);
    Rng rng(seed);
    check_instance(P, rng, 1, "seed " + std::to_string(seed) + " zero prices");
    check_instance(P, rng, 2, "seed " + std::to_string(seed) + " huge emission price");
  }
}

TEST_CASE("DP with cells all but used up (supplies too small to move generation in floating point)") {
  // A myopic province loop leaves cells with residues of 1e-12 MWh next to
  // plants generating 1e6 MWh: the DP once looped forever on such a cell.
  for (uint64_t seed = 2000; seed < 2030; ++seed) {
    Instance in = tiny_instance(seed);
    for (size_t c = 0; c < in.cells.size(); c += 2) in.cells[c].supply_mwh = 1e-13 * double(c + 1);
    const Problem P = build_or_throw(in);
    Rng rng(seed);
    check_instance(P, rng, 0, "seed " + std::to_string(seed) + " tiny supplies");
    check_instance(P, rng, 2, "seed " + std::to_string(seed) + " tiny supplies, huge emission price");
  }
}

TEST_CASE("DP edge cases") {
  // One instance with hand-picked plants around a shared cell field.
  Instance in = tiny_instance(777);
  Rng rng(4242);
  TinyOptions opt;
  in.plants.clear();
  auto add = [&](int start, double hours, uint8_t inst) {
    PlantRecord p = random_plant(rng, static_cast<int>(in.plants.size()), opt, 3);
    p.start_year = start;
    p.hours = hours;
    p.installed = inst;
    in.plants.push_back(p);
  };
  add(2027, 5000, 0);       // commissioned between decision years
  add(2033, 6000, kCCS);    // between decision years, CCS installed
  add(2050, 4000, 0);       // alive at only the last decision year
  add(1986, 5000, 0);       // alive at only the first decision year (dies 2025)
  add(1990, 5500, kCCS);    // installed CCS, dies mid-horizon
  add(2000, 1200, 0);       // H below h_flex: Flex cannot lower u
  add(2000, 1200, kFlex);   // ... and with Flex installed
  add(2010, 7000, kBE);     // BE installed
  add(2010, 7000, kFlex | kBE | kCCS);  // everything installed
  add(2060, 5000, 0);       // never alive at a decision year
  in.floors.clear();
  for (double umax : {1.0, 1.4}) {
    in.params.u_max = umax;
    const Problem P = build_or_throw(in);
    CHECK(P.first_k[0] == 1);
    CHECK(P.first_k[2] == 5);
    CHECK(P.last_k[3] == 0);
    CHECK(P.first_k[9] == -1);
    for (int kind = 0; kind < 3; ++kind)
      for (int rep = 0; rep < 3; ++rep)
        check_instance(P, rng, kind, "edge cases u_max=" + std::to_string(umax) + " kind " + std::to_string(kind));
  }
}

TEST_CASE("evaluator agrees with the DP's paths (zero prices: priced value = NPV of the decision periods)") {
  for (uint64_t seed = 500; seed < 530; ++seed) {
    TinyOptions opt;
    opt.vary_params = seed % 2 == 0;
    const Problem P = tiny_problem(seed, opt);
    Rng rng(seed);
    const RandomPrices zero = random_prices(P, rng, 1);
    const RandomPrices some = random_prices(P, rng, 0);
    for (const RandomPrices* pr : {&zero, &some}) {
      Plan plan;
      plan.resize(P.np, P.n);
      std::vector<PlantPath> paths(P.np);
      Scratch scratch;
      for (int j = 0; j < P.np; ++j) {
        solve_plant(P, j, pr->view(), scratch, &paths[j]);
        for (int k = 0; k < P.n; ++k) {
          plan.state[plan.at(j, k)] = paths[j].state[k];
          plan.u[plan.at(j, k)] = paths[j].u[k];
          plan.flows[plan.at(j, k)] = paths[j].flows[k];
        }
      }
      const Evaluation ev = evaluate(P, plan);
      // single-plant rules hold (coupling rows may be broken: prices are arbitrary)
      for (const auto& v : ev.violations) {
        INFO("seed " << seed << ": " << v);
        CHECK((v.rfind("emission row", 0) == 0 || v.rfind("electricity floor", 0) == 0 ||
               v.rfind("biomass cell", 0) == 0));
      }
      CHECK(ev.npv_bau == doctest::Approx(P.npv_bau).epsilon(1e-10));
      for (int j = 0; j < P.np; ++j) {
        INFO("seed " << seed << " " << describe(P, j));
        if (pr == &zero)
          CHECK(ev.plant_npv[j] == doctest::Approx(paths[j].value + P.fixed_npv[j]).epsilon(1e-9).scale(1e3));
        for (int k = 0; k < P.n; ++k) {
          if (paths[j].state[k] == kNotAlive) continue;
          if (paths[j].emissions.size() == size_t(P.n))
            CHECK(ev.emis[plan.at(j, k)] == doctest::Approx(paths[j].emissions[k]).epsilon(1e-9).scale(1.0));
          if (paths[j].generation.size() == size_t(P.n))
            CHECK(ev.gen[plan.at(j, k)] == doctest::Approx(paths[j].generation[k]).epsilon(1e-9).scale(1.0));
        }
      }
    }
  }
}
