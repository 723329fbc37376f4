// Annual decision years (year_step = 1, papers/model.md section 5's last paragraph):
//
// - the per-plant DP (pp::solve_plant) against an exhaustive enumeration of
//   every monotone state path (period optima by CLP, tests/support/
//   lp_reference.hpp; capex and discounting recomputed here), for plants alive
//   at 4-6 decision years and for plants alive at all 26 decision years
//   2025..2050 (the old DP had room for 16); on a 76-year horizon against the
//   value of its own path and every single-state deviation of it;
// - the `allowed` state masks: the DP equals the brute force restricted to the
//   allowed paths, -inf when none is allowed;
// - the evaluator on one-plant annual instances against NPVs written out by
//   hand from papers/model.md section 3;
// - floors and cap ratios at decision years the input files do not list:
//   linear interpolation, the floor capped by the province's BAU generation,
//   and input errors outside the listed years.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "io/instance_reader.hpp"
#include "model/evaluate.hpp"
#include "model/problem.hpp"
#include "model/technology.hpp"
#include "solver/subproblem.hpp"
#include "tests/support/instance_dir.hpp"
#include "tests/support/lp_reference.hpp"
#include "tests/support/tiny.hpp"

using namespace pp;
using namespace pp::test;

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------
// Instances with annual decision years
// ---------------------------------------------------------------------------

// Plants near (115 E, 35 N) with the given start years, random cells around
// them, one pathway "flat" listed at the first and last decision year only,
// no floors. Decision years first..last, step 1.
Instance annual_instance(uint64_t seed, int lifetime, const std::vector<int>& starts, int last_year = 2050) {
  Rng rng(seed);
  TinyOptions opt;
  Instance in;
  in.dir = "annual-" + std::to_string(seed);
  Params& prm = in.params;
  prm.first_year = 2025;
  prm.last_year = last_year;
  prm.year_step = 1;
  prm.lifetime = lifetime;
  if (seed % 3 == 1) prm.u_max = 1.3;
  if (seed % 2 == 0) {
    prm.discount_rate = rng.uniform(0.03, 0.08);
    prm.capex_ccs = rng.uniform(205, 2914.5);
    prm.capture_rate = rng.uniform(0.4, 0.9);
    prm.coal_cost = rng.uniform(1.9, 21);
  }
  for (size_t i = 0; i < starts.size(); ++i) {
    PlantRecord p = random_plant(rng, static_cast<int>(i), opt, 2);
    p.start_year = starts[i];
    in.plants.push_back(p);
  }
  const int nc = rng.integer(3, 7);
  for (int c = 0; c < nc; ++c) {
    CellRecord cell;
    cell.id = "c" + std::to_string(c);
    cell.lon = 115.0 + rng.uniform(-2.0, 2.0);
    cell.lat = 35.0 + rng.uniform(-2.0, 2.0);
    cell.supply_mwh = rng.uniform(2e4, 8e5);
    in.cells.push_back(cell);
  }
  in.pathways.push_back({"flat", 2025, 1.0});
  in.pathways.push_back({"flat", last_year, 1.0});
  return in;
}

Problem build_annual(const Instance& in) {
  Problem P = build_or_throw(in, {"flat", -1, {}});
  REQUIRE(P.n == static_cast<int>(in.params.last_year) - 2025 + 1);
  for (int k = 0; k < P.n; ++k) REQUIRE(P.years[k] == 2025 + k);
  return P;
}

// ---------------------------------------------------------------------------
// Brute force over every state path, optionally restricted by masks
// ---------------------------------------------------------------------------

// Period optima per (k, state) by CLP: the brute force is then over paths only.
struct PeriodTable {
  int fk = -1, lk = -2;
  uint8_t inst = 0;
  std::vector<double> pv;  // [k*8+s], -inf for states without the installed options
};

PeriodTable period_table(const Problem& P, int j, const PriceView& pr) {
  PeriodTable t;
  alive_range(P, j, t.fk, t.lk);  // from the start year and the lifetime
  t.inst = P.plants[j].installed & 7;
  t.pv.assign(size_t(P.n) * 8, kNegInf);
  for (int k = t.fk; t.fk >= 0 && k <= t.lk; ++k)
    for (uint8_t s = 0; s < 8; ++s)
      if ((s & t.inst) == t.inst) t.pv[k * 8 + s] = reference_period(P, j, k, s, pr);
  return t;
}

double capex_usd(const Params& m, double K, uint8_t added) {
  double c = 0;
  if (added & kFlex) c += m.capex_flex;
  if (added & kBE) c += m.capex_be;
  if (added & kCCS) c += m.capex_ccs;
  return c * 1000.0 * K;
}

struct Brute {
  double value = kNegInf;
  long paths = 0;  // allowed paths enumerated
  std::vector<uint8_t> state;
};

// Every path: at each alive decision year a superset of the previous state
// (starting from the installed options), or CR from that year to the end of
// the life. A path is allowed when allowed[k] has the bit of its state at
// every alive decision year k (bit 8 = CR). allowed == nullptr: all.
Brute brute_force(const Problem& P, int j, const PeriodTable& t, const uint16_t* allowed) {
  const int n = P.n;
  Brute best;
  best.state.assign(n, kNotAlive);
  if (t.fk < 0) {
    best.value = 0;
    best.paths = 1;
    return best;
  }
  auto ok = [&](int k, int s) { return allowed == nullptr || ((allowed[k] >> s) & 1u) != 0; };
  std::vector<uint8_t> cur(n, kNotAlive);
  const double r = P.prm.discount_rate;
  const double K = P.plants[j].capacity_mw;
  auto leaf = [&](double acc) {
    ++best.paths;
    if (acc > best.value) {
      best.value = acc;
      best.state = cur;
    }
  };
  std::function<void(int, uint8_t, double)> rec = [&](int k, uint8_t prev, double acc) {
    if (k > t.lk) {
      leaf(acc);
      return;
    }
    // CR from t_k on: allowed only if CR is allowed at every later alive year
    bool cr_ok = true;
    for (int q = k; q <= t.lk; ++q) cr_ok = cr_ok && ok(q, kRetired);
    if (cr_ok) {
      for (int q = k; q <= t.lk; ++q) cur[q] = kRetired;
      leaf(acc);
      for (int q = k; q <= t.lk; ++q) cur[q] = kNotAlive;
    }
    const double dk = std::pow(1.0 + r, -double(P.years[k] - P.years[0]));
    for (uint8_t s = 0; s < 8; ++s) {
      if ((s & prev) != prev || !ok(k, s) || t.pv[k * 8 + s] == kNegInf) continue;
      cur[k] = s;
      rec(k + 1, s, acc + t.pv[k * 8 + s] - dk * capex_usd(P.prm, K, static_cast<uint8_t>(s & ~prev)));
    }
    cur[k] = kNotAlive;
  };
  rec(t.fk, t.inst, 0.0);
  return best;
}

std::string path_text(const std::vector<uint8_t>& s) {
  std::string out;
  for (auto x : s) out += (x == kNotAlive ? std::string("-") : state_label(x)) + " ";
  return out;
}

std::string describe(const Problem& P, int j) {
  std::ostringstream o;
  const auto& pl = P.plants[j];
  o << "plant " << pl.id << " K=" << pl.capacity_mw << " H=" << pl.hours << " start=" << pl.start_year
    << " L=" << P.prm.lifetime << " installed=" << state_label(pl.installed) << " u_max=" << P.prm.u_max
    << " decision years " << P.n;
  return o.str();
}

bool same_value(double a, double b) {
  if (a == kNegInf || b == kNegInf) return a == b;
  return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b));
}

// DP (value and path) against the brute force; the DP's path obeys the masks
// and scores to its value.
void check_dp(const Problem& P, int j, const PriceView& pr, const PeriodTable& t, const uint16_t* allowed,
              const std::string& what) {
  const Brute ref = brute_force(P, j, t, allowed);
  Scratch scratch;
  PlantPath path;
  const double value = solve_plant(P, j, pr, scratch, &path, allowed);
  const double value_only = solve_plant(P, j, pr, scratch, nullptr, allowed);
  INFO(what << " | " << describe(P, j));
  INFO("brute force: " << path_text(ref.state) << " value " << ref.value << " over " << ref.paths << " paths");
  INFO("DP:          " << path_text(path.state) << " value " << value);
  CHECK(same_value(value, ref.value));
  CHECK(same_value(value_only, ref.value));
  if (ref.value == kNegInf) {
    CHECK(ref.paths == 0);
    return;
  }
  CHECK(same_value(path.value, ref.value));
  REQUIRE(path.state.size() == size_t(P.n));
  for (int k = 0; k < P.n; ++k) {
    const bool alive = k >= t.fk && k <= t.lk;
    if (!alive) {
      CHECK(path.state[k] == kNotAlive);
      continue;
    }
    REQUIRE(path.state[k] <= kRetired);
    if (allowed) CHECK_MESSAGE(((allowed[k] >> path.state[k]) & 1u) != 0, "DP uses a forbidden state at k=" << k);
  }
  std::string err;
  const double scored = score_path(P, j, pr, path.state, path.u, path.flows, &err);
  CHECK_MESSAGE(err.empty(), "DP path breaks a rule: " << err);
  CHECK(same_value(scored, ref.value));
}

uint16_t random_mask(Rng& rng, double p) {
  uint16_t m = 0;
  for (int s = 0; s < kStates; ++s)
    if (rng.chance(p)) m |= uint16_t(1u << s);
  return m;
}

}  // namespace

// ---------------------------------------------------------------------------
// DP vs brute force
// ---------------------------------------------------------------------------

TEST_CASE("annual years: DP equals brute force for plants alive at 4-6 decision years") {
  int cases = 0;
  for (uint64_t seed = 1; seed <= 24; ++seed) {
    Rng pick(seed * 31);
    // lifetime 40: alive at the first 4-6 or the last 4-6 decision years
    // (the last period then runs to the end of life); lifetime 4-6: a short
    // life in the middle of the horizon.
    std::vector<int> starts;
    int L = 40;
    if (seed % 3 == 0) {
      L = pick.integer(4, 6);
      for (int i = 0; i < 4; ++i) starts.push_back(pick.integer(2026, 2044));
    } else {
      starts = {1989, 1990, 1991, 2045, 2046, 2047};
    }
    const Instance in = annual_instance(seed, L, starts);
    const Problem P = build_annual(in);
    REQUIRE(P.n == 26);
    Rng rng(seed * 7919);
    for (int kind = 0; kind < 3; ++kind) {
      const RandomPrices pr = random_prices(P, rng, kind);
      for (int j = 0; j < P.np; ++j) {
        int fk, lk;
        alive_range(P, j, fk, lk);
        REQUIRE(fk >= 0);
        CHECK(lk - fk + 1 >= 4);
        CHECK(lk - fk + 1 <= 6);
        const PeriodTable t = period_table(P, j, pr.view());
        check_dp(P, j, pr.view(), t, nullptr, "seed " + std::to_string(seed) + " kind " + std::to_string(kind));
        ++cases;
      }
    }
  }
  MESSAGE(cases << " short-life plant/price cases");
}

TEST_CASE("annual years: DP equals brute force for plants alive at all 26 decision years") {
  // Start years 2011..2025 with L = 40: alive 2025..2050 and beyond. The
  // brute force enumerates every monotone path over 26 years (27^3 adoption
  // times times the retirement year).
  for (uint64_t seed = 101; seed <= 103; ++seed) {
    const Instance in = annual_instance(seed, 40, {2011, 2025});
    const Problem P = build_annual(in);
    Rng rng(seed);
    for (int kind = 0; kind < 3; ++kind) {
      const RandomPrices pr = random_prices(P, rng, kind);
      for (int j = 0; j < P.np; ++j) {
        int fk, lk;
        alive_range(P, j, fk, lk);
        REQUIRE(fk == 0);
        REQUIRE(lk == 25);
        const PeriodTable t = period_table(P, j, pr.view());
        check_dp(P, j, pr.view(), t, nullptr, "26 years seed " + std::to_string(seed) + " kind " + std::to_string(kind));
        // the enumeration is complete: monotone paths with CR over 26 years,
        // by the number of options not installed (3: 142,884; 2: 6,930; 1: 378; 0: 27)
        const long expected[] = {27, 378, 6930, 142884};
        int free_options = 0;
        for (uint8_t o : {kFlex, kBE, kCCS}) free_options += (P.plants[j].installed & o) ? 0 : 1;
        CHECK(brute_force(P, j, t, nullptr).paths == expected[free_options]);
      }
    }
  }
}

TEST_CASE("annual years: DP value equals the value of its own path, no single-state deviation is better") {
  // 26 decision years (2025..2050) and 76 (2025..2100, L = 100), plants alive
  // at every one of them: value-only recomputation with path_value.
  for (int last : {2050, 2100}) {
    for (uint64_t seed = 201; seed <= 204; ++seed) {
      const int L = last == 2050 ? 40 : 100;
      const Instance in = annual_instance(seed, L, {2015, 2020, 2025}, last);
      const Problem P = build_annual(in);
      Rng rng(seed);
      for (int kind = 0; kind < 3; ++kind) {
        const RandomPrices pr = random_prices(P, rng, kind);
        const PriceView view = pr.view();
        for (int j = 0; j < P.np; ++j) {
          INFO(describe(P, j) << " kind " << kind);
          REQUIRE(P.first_k[j] == 0);
          REQUIRE(P.last_k[j] == P.n - 1);
          Scratch s;
          PlantPath path;
          const double value = solve_plant(P, j, view, s, &path);
          REQUIRE(path.state.size() == size_t(P.n));
          INFO("DP path " << path_text(path.state) << " value " << value);
          CHECK(same_value(solve_plant(P, j, view, s, nullptr), value));
          CHECK(same_value(path_value(P, j, path.state.data(), view, s), value));
          std::string err;
          CHECK(same_value(score_path(P, j, view, path.state, path.u, path.flows, &err), value));
          CHECK(err.empty());
          // every single-year change that keeps the path valid
          const uint8_t inst = P.plants[j].installed & 7;
          int deviations = 0;
          for (int k = 0; k < P.n; ++k) {
            const uint8_t before = k == 0 ? inst : path.state[k - 1];
            const bool last_year = k + 1 == P.n;
            for (uint8_t alt = 0; alt <= kRetired; ++alt) {
              if (alt == path.state[k]) continue;
              if (alt != kRetired && (alt & inst) != inst) continue;
              if (!can_follow(before, alt)) continue;
              if (!last_year && !can_follow(alt, path.state[k + 1])) continue;
              std::vector<uint8_t> dev = path.state;
              dev[k] = alt;
              const double dv = path_value(P, j, dev.data(), view, s);
              ++deviations;
              CHECK_MESSAGE(dv <= value + 1e-6 * std::max(1.0, std::fabs(value)),
                            "changing k=" << k << " to " << state_label(alt) << " gives " << dv << " > " << value);
            }
          }
          CHECK(deviations > 0);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Allowed masks
// ---------------------------------------------------------------------------

TEST_CASE("annual years: allowed masks restrict the DP exactly like the brute force") {
  int cases = 0, empty = 0;
  for (uint64_t seed = 301; seed <= 312; ++seed) {
    std::vector<int> starts = {1990, 2046, 2011};  // 5, 5 and 26 decision years
    const Instance in = annual_instance(seed, 40, starts);
    const Problem P = build_annual(in);
    Rng rng(seed * 17);
    const RandomPrices pr = random_prices(P, rng, static_cast<int>(seed % 3));
    for (int j = 0; j < P.np; ++j) {
      const PeriodTable t = period_table(P, j, pr.view());
      const int reps = t.lk - t.fk + 1 > 6 ? 6 : 25;
      for (int rep = 0; rep < reps; ++rep) {
        std::vector<uint16_t> allowed(P.n);
        const double p = rep % 3 == 0 ? 0.9 : (rep % 3 == 1 ? 0.7 : 0.5);
        for (auto& m : allowed) m = random_mask(rng, p);
        const std::string what = "seed " + std::to_string(seed) + " masked rep " + std::to_string(rep);
        const Brute ref = brute_force(P, j, t, allowed.data());
        empty += ref.value == kNegInf;
        check_dp(P, j, pr.view(), t, allowed.data(), what);
        ++cases;
      }
      // Edge masks.
      std::vector<uint16_t> allowed(P.n, kAllStates);
      check_dp(P, j, pr.view(), t, allowed.data(), "all states allowed");
      // one alive year with nothing allowed: no path
      allowed[t.fk + (t.lk - t.fk) / 2] = 0;
      check_dp(P, j, pr.view(), t, allowed.data(), "one empty year");
      {
        Scratch s;
        PlantPath path;
        CHECK(solve_plant(P, j, pr.view(), s, &path, allowed.data()) == kNegInf);
        CHECK(solve_plant(P, j, pr.view(), s, nullptr, allowed.data()) == kNegInf);
      }
      // masks outside the plant's life do not matter
      std::fill(allowed.begin(), allowed.end(), kAllStates);
      for (int k = 0; k < P.n; ++k)
        if (k < t.fk || k > t.lk) allowed[k] = 0;
      check_dp(P, j, pr.view(), t, allowed.data(), "empty masks outside the life");
      // only CR allowed: the one path retires at the first decision year, value 0
      std::fill(allowed.begin(), allowed.end(), uint16_t(1u << kRetired));
      check_dp(P, j, pr.view(), t, allowed.data(), "only CR");
      {
        Scratch s;
        CHECK(solve_plant(P, j, pr.view(), s, nullptr, allowed.data()) == 0.0);
      }
      // CR forbidden in the last alive year only: retirement impossible
      // anywhere (CR is absorbing); the plant must run to the end of life.
      std::fill(allowed.begin(), allowed.end(), kAllStates);
      allowed[t.lk] = uint16_t(kAllStates & ~(1u << kRetired));
      check_dp(P, j, pr.view(), t, allowed.data(), "no CR in the last year");
      // only the empty state (and CR) allowed: with installed options no path but CR
      std::fill(allowed.begin(), allowed.end(), uint16_t(1u | (1u << kRetired)));
      check_dp(P, j, pr.view(), t, allowed.data(), "only PP or CR");
      // nothing allowed anywhere: -inf
      std::fill(allowed.begin(), allowed.end(), uint16_t(0));
      check_dp(P, j, pr.view(), t, allowed.data(), "nothing allowed");
      {
        Scratch s;
        CHECK(solve_plant(P, j, pr.view(), s, nullptr, allowed.data()) == kNegInf);
      }
    }
  }
  MESSAGE(cases << " random masks, " << empty << " of them leave no path");
  CHECK(empty > 0);
  CHECK(empty < cases);
}

// ---------------------------------------------------------------------------
// Evaluator by hand, annual years
// ---------------------------------------------------------------------------
//
// papers/model.md defaults: P = 60, f_coal = 11.45, O&M 41.66 + 31.35 = 73.01
// USD/kW-yr, CCS 40 + 17.39 USD/t + 0.1195 USD/(t km), e = 0.8017, kappa =
// 0.9, r = 5 %, L = 40, capex Flex 327.4, CCS 1559.75 USD/kW.
// Plant: K = 100 MW, H = 5000 h (G = 500,000 MWh at u = 1), D = 300 km.

namespace {


Problem hand_problem(const PlantRecord& pl) {
  Instance in;
  in.dir = "annual-by-hand";
  in.params.year_step = 1;  // 2025, 2026, ..., 2050
  in.plants.push_back(pl);
  in.cells.push_back({"c0", 115, 31, 1e6, ""});
  in.pathways.push_back({"flat", 2025, 1.0});
  in.pathways.push_back({"flat", 2050, 1.0});
  CouplingSpec spec;
  spec.pathway = "flat";
  spec.cap_override.assign(26, 1e12);
  Problem P;
  std::string err;
  REQUIRE_MESSAGE(build_problem(in, spec, P, err), err);
  REQUIRE(P.n == 26);
  return P;
}

double d(int y) { return std::pow(1.05, -(y - 2025)); }

// Annual cash flow of the hand plant, papers/model.md section 3, no biomass.
double hand_cf(double u, bool ccs) {
  const double K = 100, H = 5000, e = 0.8017, D = 300;
  const double G = K * H * u;
  double cf = 60.0 * G - 11.45 * G - 1000.0 * K * (41.66 + 31.35);
  if (ccs) cf -= (40.0 + 17.39 + 0.1195 * D) * e * G;
  return cf;
}

void approx(double got, double want) { CHECK(got == doctest::Approx(want).epsilon(1e-10)); }

std::string violations_text(const Evaluation& ev) {
  std::string t;
  for (const auto& v : ev.violations) t += v + "; ";
  return t;
}

}  // namespace

TEST_CASE("annual years: evaluator NPV of BAU, Flex, Flex+CCS, CR by hand") {
  // Start 2000: alive 2000..2039, decision years 2025..2039 (k = 0..14).
  // Plan: 2025 PP (u = 1); 2026-2028 +Flex at u = 0.6; 2029-2032 +Flex+CCS at
  // u = 1; 2033.. CR.
  //   CF(PP, u=1)       = 60*500,000 - 11.45*500,000 - 7,301,000      = 16,974,000
  //   CF(Flex, u=0.6)   = 60*300,000 - 11.45*300,000 - 7,301,000      =  7,264,000
  //   CF(Flex+CCS, u=1) = 16,974,000 - (40+17.39+0.1195*300)*0.8017*500,000
  //                     = 16,974,000 - 37,375,254                     = -20,401,254
  //   capex: Flex 327.4*100,000 = 32,740,000 in 2026; CCS 1559.75*100,000 =
  //   155,975,000 in 2029.
  // NPV = sum_{y=2025}^{2039} d(y) CF(y) - 32,740,000 d(2026) - 155,975,000 d(2029)
  const Problem P = hand_problem(hand_plant("h", 2000));
  REQUIRE(P.first_k[0] == 0);
  REQUIRE(P.last_k[0] == 14);
  Plan pl;
  pl.resize(1, P.n);
  auto set = [&](int y, uint8_t s, double u) {
    pl.state[pl.at(0, y - 2025)] = s;
    pl.u[pl.at(0, y - 2025)] = u;
  };
  set(2025, 0, 1.0);
  for (int y = 2026; y <= 2028; ++y) set(y, kFlex, 0.6);
  for (int y = 2029; y <= 2032; ++y) set(y, kFlex | kCCS, 1.0);
  for (int y = 2033; y <= 2039; ++y) set(y, kRetired, 0.0);
  const Evaluation ev = evaluate(P, pl);
  CHECK_MESSAGE(ev.feasible, violations_text(ev));
  CHECK_MESSAGE(ev.violations.empty(), violations_text(ev));

  approx(hand_cf(1.0, false), 16974000.0);
  approx(hand_cf(0.6, false), 7264000.0);
  approx(hand_cf(1.0, true), -20401254.0);
  double npv = 0, bau = 0;
  for (int y = 2025; y <= 2039; ++y) {
    double cf = 0;
    if (y == 2025) cf = 16974000.0;
    else if (y <= 2028) cf = 7264000.0;
    else if (y <= 2032) cf = -20401254.0;
    else cf = 0.0;  // CR
    npv += d(y) * cf;
    bau += d(y) * 16974000.0;
  }
  npv -= 32740000.0 * d(2026) + 155975000.0 * d(2029);
  approx(npv, -185237895.8682331);
  approx(bau, 184993531.3170812);
  approx(ev.npv, npv);
  approx(ev.npv_bau, bau);
  approx(ev.tc, bau - npv);
  approx(P.npv_bau, bau);
  REQUIRE(ev.plant_npv.size() == 1);
  approx(ev.plant_npv[0], npv);

  // per-year reports at t_k
  approx(ev.cash_flow[0], 16974000.0);
  approx(ev.cash_flow[2], 7264000.0);
  approx(ev.cash_flow[5], -20401254.0);
  CHECK(ev.cash_flow[8] == 0);
  approx(ev.capex[1], 32740000.0);
  approx(ev.capex[4], 155975000.0);
  CHECK(ev.capex[0] == 0);
  CHECK(ev.capex[2] == 0);
  CHECK(ev.capex[8] == 0);
  // E = 0.8017 G; with CCS 10 % of it; 0 after CR and after death
  approx(ev.emissions[0], 400850.0);
  approx(ev.emissions[3], 240510.0);
  approx(ev.emissions[4], 40085.0);
  approx(ev.emissions[7], 40085.0);
  CHECK(ev.emissions[8] == 0);
  CHECK(ev.emissions[20] == 0);
  approx(ev.gen[1], 300000.0);
  approx(ev.gen[6], 500000.0);
  CHECK(ev.gen[10] == 0);
}

TEST_CASE("annual years: evaluator NPV of a late plant whose last period runs to the end of its life, by hand") {
  // Start 2045: alive 2045..2084; decision years 2045..2050 (k = 20..25); the
  // state of 2050 holds until 2084. Plan: PP 2045-2047, +CCS from 2048.
  // NPV = sum_{2045}^{2047} d(y) 16,974,000 + sum_{2048}^{2084} d(y) (-20,401,254)
  //       - 155,975,000 d(2048)
  const Problem P = hand_problem(hand_plant("late", 2045));
  REQUIRE(P.first_k[0] == 20);
  REQUIRE(P.last_k[0] == 25);
  Plan pl;
  pl.resize(1, P.n);
  for (int k = 20; k <= 25; ++k) {
    pl.state[pl.at(0, k)] = P.years[k] <= 2047 ? 0 : kCCS;
    pl.u[pl.at(0, k)] = 1.0;
  }
  const Evaluation ev = evaluate(P, pl);
  CHECK_MESSAGE(ev.feasible, violations_text(ev));
  double npv = 0, bau = 0;
  for (int y = 2045; y <= 2084; ++y) {
    npv += d(y) * (y <= 2047 ? 16974000.0 : -20401254.0);
    bau += d(y) * 16974000.0;
  }
  npv -= 155975000.0 * d(2048);
  approx(npv, -149035707.7507549);
  approx(bau, 115260812.14647952);
  approx(ev.npv, npv);
  approx(ev.npv_bau, bau);
  approx(ev.tc, bau - npv);
  approx(ev.capex[23], 155975000.0);
  approx(ev.emissions[25], 40085.0);
  approx(ev.emissions[20], 400850.0);
  CHECK(ev.emissions[19] == 0);
}

// ---------------------------------------------------------------------------
// Floors and cap ratios between listed years
// ---------------------------------------------------------------------------
//
// Hebei: plant A K = 100, H = 5000 (500,000 MWh), start 2000 (alive to 2039);
//        plant B K = 200, H = 4000 (800,000 MWh), start `b_start` (L = 40).
// Gansu: plant C K = 300, H = 6000 (1,800,000 MWh), start 2000.
// Decision years 2025..2030 step 1. Floors listed at 2025 and 2030 only.

namespace {

PlantRecord prov_plant(const std::string& id, const std::string& prov, double K, double H, int start) {
  PlantRecord p = hand_plant(id, start);
  p.province = prov;
  p.capacity_mw = K;
  p.hours = H;
  return p;
}

Instance floor_instance(int b_start) {
  Instance in;
  in.dir = "annual-floors";
  in.params.first_year = 2025;
  in.params.last_year = 2030;
  in.params.year_step = 1;
  in.plants.push_back(prov_plant("A", "Hebei", 100, 5000, 2000));
  in.plants.push_back(prov_plant("B", "Hebei", 200, 4000, b_start));
  in.plants.push_back(prov_plant("C", "Gansu", 300, 6000, 2000));
  in.cells.push_back({"c0", 115, 31, 1e6, ""});
  in.floors.push_back({"Hebei", 2025, 1000000.0});
  in.floors.push_back({"Hebei", 2030, 400000.0});
  in.pathways.push_back({"steep", 2025, 1.0});
  in.pathways.push_back({"steep", 2030, 0.5});
  return in;
}

int prov(const Problem& P, const std::string& name) {
  for (size_t p = 0; p < P.provinces.size(); ++p)
    if (P.provinces[p] == name) return static_cast<int>(p);
  FAIL("province " << name << " not in the problem");
  return -1;
}

double floor_at(const Problem& P, const std::string& province, int year) {
  return P.floor.at(size_t(prov(P, province)) * P.n + (year - P.years[0]));
}

const EmissionRow* row_named(const Problem& P, const std::string& label) {
  for (const auto& r : P.emission_rows)
    if (r.label == label) return &r;
  return nullptr;
}

bool build(const Instance& in, const std::string& pathway, Problem& P, std::string& err) {
  CouplingSpec spec;
  spec.pathway = pathway;
  return build_problem(in, spec, P, err);
}

}  // namespace

TEST_CASE("annual years: floor interpolated between listed years, capped by the province's BAU generation") {
  // B start 1988: alive 1988..2027. Hebei BAU generation:
  //   2025..2027: 500,000 + 800,000 = 1,300,000;  2028..2030: 500,000.
  // Interpolation of 1,000,000 (2025) and 400,000 (2030):
  //   2026: 880,000   2027: 760,000   2028: 640,000   2029: 520,000
  // Floor = min(interpolation, BAU):
  //   2026: 880,000   2027: 760,000 (BAU 1,300,000 does not bind)
  //   2028: 500,000 and 2029: 500,000 (the BAU cap binds); the listed years as listed.
  const Instance in = floor_instance(1988);
  Problem P;
  std::string err;
  REQUIRE_MESSAGE(build(in, "steep", P, err), err);
  REQUIRE(P.n == 6);
  CHECK(bau_generation(in, "Hebei", 2027) == doctest::Approx(1300000.0));
  CHECK(bau_generation(in, "Hebei", 2028) == doctest::Approx(500000.0));
  const double interp2027 = 1000000.0 + (2027.0 - 2025.0) / (2030.0 - 2025.0) * (400000.0 - 1000000.0);
  approx(interp2027, 760000.0);
  approx(floor_at(P, "Hebei", 2027), std::min(interp2027, 1300000.0));
  approx(floor_at(P, "Hebei", 2025), 1000000.0);
  approx(floor_at(P, "Hebei", 2026), 880000.0);
  approx(floor_at(P, "Hebei", 2028), 500000.0);  // min(640,000, 500,000)
  approx(floor_at(P, "Hebei", 2029), 500000.0);  // min(520,000, 500,000)
  approx(floor_at(P, "Hebei", 2030), 400000.0);
  for (int y = 2025; y <= 2030; ++y) CHECK(floor_at(P, "Gansu", y) == 0.0);  // no floor listed

  // Cap ratio 1.0 (2025) .. 0.5 (2030), interpolated: 2027 -> 0.8, 2028 -> 0.7.
  // National BAU emissions: 0.8017 * (1,300,000 + 1,800,000) = 2,485,270 t in
  // 2027; 0.8017 * (500,000 + 1,800,000) = 1,843,910 t in 2028.
  REQUIRE(P.emission_rows.size() == 6);
  const EmissionRow* r2027 = row_named(P, "cap 2027");
  const EmissionRow* r2028 = row_named(P, "cap 2028");
  REQUIRE(r2027 != nullptr);
  REQUIRE(r2028 != nullptr);
  const double ratio2027 = 1.0 + (2027.0 - 2025.0) / 5.0 * (0.5 - 1.0);
  approx(ratio2027, 0.8);
  approx(r2027->rhs, ratio2027 * 0.8017 * (500000.0 + 800000.0 + 1800000.0));
  approx(r2027->rhs, 1988216.0);
  approx(r2028->rhs, 0.7 * 0.8017 * (500000.0 + 1800000.0));
  approx(row_named(P, "cap 2025")->rhs, 0.8017 * 3100000.0);
  approx(row_named(P, "cap 2030")->rhs, 0.5 * 0.8017 * 2300000.0);
  CHECK(r2027->weight.at(2) == 1.0);
  CHECK(r2027->weight.at(1) == 0.0);

  // Provincial scope: the interpolated cap split by each province's BAU emissions.
  Instance inp = in;
  inp.params.cap_scope = 1;
  REQUIRE_MESSAGE(build(inp, "steep", P, err), err);
  const EmissionRow* h2027 = row_named(P, "cap Hebei 2027");
  REQUIRE(h2027 != nullptr);
  approx(h2027->rhs, 0.8 * 0.8017 * 1300000.0);
  approx(row_named(P, "cap Gansu 2028")->rhs, 0.7 * 0.8017 * 1800000.0);
}

TEST_CASE("annual years: the BAU cap binds at the interpolated year itself") {
  // B start 1987: alive 1987..2026. Hebei BAU: 1,300,000 in 2025-2026, 500,000 from 2027.
  // 2026: min(880,000, 1,300,000) = 880,000; 2027: min(760,000, 500,000) = 500,000.
  const Instance in = floor_instance(1987);
  Problem P;
  std::string err;
  REQUIRE_MESSAGE(build(in, "steep", P, err), err);
  approx(floor_at(P, "Hebei", 2026), 880000.0);
  approx(floor_at(P, "Hebei", 2027), std::min(760000.0, bau_generation(in, "Hebei", 2027)));
  approx(floor_at(P, "Hebei", 2027), 500000.0);
  // cap 2027: 0.8 * 0.8017 * (500,000 + 1,800,000)
  approx(row_named(P, "cap 2027")->rhs, 0.8 * 0.8017 * 2300000.0);
}

TEST_CASE("annual years: three listed floor years, interpolation between the two nearest") {
  // Gansu listed 2025: 1,000,000; 2027: 1,600,000; 2030: 100,000 (BAU 1,800,000 every year)
  //   2026: 1,300,000;  2028: 1,600,000 - 1/3 * 1,500,000 = 1,100,000;  2029: 600,000
  Instance in = floor_instance(1988);
  in.floors.push_back({"Gansu", 2025, 1000000.0});
  in.floors.push_back({"Gansu", 2027, 1600000.0});
  in.floors.push_back({"Gansu", 2030, 100000.0});
  Problem P;
  std::string err;
  REQUIRE_MESSAGE(build(in, "steep", P, err), err);
  approx(floor_at(P, "Gansu", 2025), 1000000.0);
  approx(floor_at(P, "Gansu", 2026), 1300000.0);
  approx(floor_at(P, "Gansu", 2027), 1600000.0);
  approx(floor_at(P, "Gansu", 2028), 1100000.0);
  approx(floor_at(P, "Gansu", 2029), 600000.0);
  approx(floor_at(P, "Gansu", 2030), 100000.0);
  approx(floor_at(P, "Hebei", 2027), 760000.0);
}

TEST_CASE("annual years: floors read from an elec_floor.csv that lists 2025 and 2030 only") {
  const Instance in = floor_instance(1988);
  const auto dir = scratch_dir("annual-years", "floors");
  write_instance_dir(in, dir.string());
  Instance back;
  try {
    back = read_instance(dir.string());
  } catch (const InputError& e) {
    FAIL("read_instance: " << e.what());
  }
  CHECK(back.params.year_step == 1);
  CHECK(back.floors.size() == 2);
  Problem P;
  std::string err;
  REQUIRE_MESSAGE(build(back, "steep", P, err), err);
  REQUIRE(P.n == 6);
  approx(floor_at(P, "Hebei", 2027), 760000.0);
  approx(floor_at(P, "Hebei", 2028), 500000.0);
  approx(row_named(P, "cap 2027")->rhs, 1988216.0);
}

TEST_CASE("annual years: decision years outside the listed floor or pathway years are input errors") {
  Problem P;
  std::string err;
  {  // Hebei listed 2025 and 2029: 2030 is after the last listed year
    Instance in = floor_instance(1988);
    in.floors[1].year = 2029;
    for (int y = 2025; y <= 2030; ++y) in.floors.push_back({"Gansu", y, 1000.0});  // complete
    err.clear();
    CHECK_FALSE(build(in, "steep", P, err));
    INFO("error: " << err);
    CHECK(err.find("Hebei") != std::string::npos);
    CHECK(err.find("Gansu") == std::string::npos);
    CHECK(err.find("2030") != std::string::npos);
  }
  {  // Hebei listed 2026 and 2030: 2025 is before the first listed year
    Instance in = floor_instance(1988);
    in.floors[0].year = 2026;
    err.clear();
    CHECK_FALSE(build(in, "steep", P, err));
    INFO("error: " << err);
    CHECK(err.find("Hebei") != std::string::npos);
    CHECK(err.find("2025") != std::string::npos);
  }
  {  // one listed year only
    Instance in = floor_instance(1988);
    in.floors.pop_back();
    err.clear();
    CHECK_FALSE(build(in, "steep", P, err));
    INFO("error: " << err);
    CHECK(err.find("Hebei") != std::string::npos);
  }
  {  // pathway listed 2025 and 2029: 2030 after its last year, error names the pathway
    Instance in = floor_instance(1988);
    in.pathways[1].year = 2029;
    err.clear();
    CHECK_FALSE(build(in, "steep", P, err));
    INFO("error: " << err);
    CHECK(err.find("steep") != std::string::npos);
    CHECK(err.find("2030") != std::string::npos);
  }
  {  // pathway starting after the first decision year
    Instance in = floor_instance(1988);
    in.pathways[0].year = 2026;
    err.clear();
    CHECK_FALSE(build(in, "steep", P, err));
    INFO("error: " << err);
    CHECK(err.find("steep") != std::string::npos);
  }
  {  // the same instance with the listed years covering the horizon builds
    err.clear();
    CHECK_MESSAGE(build(floor_instance(1988), "steep", P, err), err);
  }
}
