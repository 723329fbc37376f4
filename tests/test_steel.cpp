// The steel sector: the block DP against brute force over every state path
// and operating vertex, the evaluator against a hand computation, the
// decomposition against CBC's proven optimum of the monolithic MILP, the
// reader's errors, and thread-count independence.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "io/input_error.hpp"
#include "io/csv.hpp"
#include "io/steel_reader.hpp"
#include "io/steel_writer.hpp"
#include "model/geo.hpp"
#include "model/steel/steel_model.hpp"
#include "solver/steel/steel_milp.hpp"
#include "solver/steel/steel_oracle.hpp"
#include "solver/steel/steel_solve.hpp"
#include "tests/support/steel_tiny.hpp"
#include "model/steel/steel_subset.hpp"

using namespace pp::steel;

namespace {

// The model's rules written out again (papers/steel-model.md sections 2-4).
bool allowed(int a, int b) {
  if (a == b) return true;
  if (b == kRET) return true;
  if (a == kBF) return b == kCCS || b == kEAF || b == kDRI;
  if (a == kEAF) return b == kDRI;
  return false;
}
double capex(const Params& m, int a, int b) {
  if (a == b || b == kRET) return 0;
  if (a == kBF && b == kCCS) return m.capex_ccs;
  if (a == kBF && b == kEAF) return m.capex_eaf;
  if (a == kBF && b == kDRI) return m.capex_dri;
  return m.capex_dri_shaft;  // EAF -> DRI
}

double d(const Params& m, int y) { return std::pow(1 + m.discount_rate, -(y - m.first_year)); }

// Best priced annual operation of state s by enumerating q, share and pool.
double brute_operation(const Problem& P, int j, int k, int s, const std::vector<double>& y) {
  const Params& m = P.in.prm;
  const Block& b = P.in.blocks[size_t(j)];
  const double K = b.capacity, grid = P.in.grid_ef[size_t(k)];
  double conv, iron, es, ei, fom, umin, smin, smax;
  if (s == kBF || s == kCCS) {
    conv = m.conv_bof;
    iron = m.iron_cost_bf + (s == kCCS ? m.ccs_cost * m.capture_rate * m.hm_ef : 0.0);
    es = m.bof_ef;
    ei = s == kCCS ? (1 - m.capture_rate) * m.hm_ef : m.hm_ef;
    fom = m.fom_bf + (s == kCCS ? m.fom_ccs : 0.0);
    umin = m.umin_bf;
    smin = m.bf_scrap_min;
    smax = m.bf_scrap_max;
  } else {
    conv = m.conv_eaf + m.elec_price * m.eaf_mwh;
    iron = s == kEAF ? m.iron_cost_eaf : m.iron_cost_dri;
    es = m.eaf_ef + grid * m.eaf_mwh;
    ei = s == kEAF ? m.pig_ef : m.dri_ef;
    fom = s == kEAF ? m.fom_eaf : m.fom_dri;
    umin = s == kEAF ? m.umin_eaf : m.umin_dri;
    smin = s == kEAF ? m.eaf_scrap_min : m.dri_scrap_min;
    smax = s == kEAF ? m.eaf_scrap_max : m.dri_scrap_max;
  }
  const double pi = y[size_t(P.row_demand(k))],
               lam = y[size_t(P.row_emission(j, k))] * P.emission_row_weight(k) / P.delta[size_t(k)];
  double best = -1e300;
  for (double u : {umin, m.u_max})
    for (double sh : {smin, smax})
      for (int p = 0; p < P.np; ++p) {
        if (m.scrap_trade == 0 && p != b.province) continue;
        const double km = m.detour * pp::great_circle_km(b.lng, b.lat, P.in.prov_lng[size_t(p)], P.in.prov_lat[size_t(p)]);
        const double q = u * K, r = sh * q;
        const double cost = conv * q + iron * (q - r) + (m.scrap_price + m.scrap_haul_km * km) * r + fom * K;
        const double e = es * q + ei * (q - r);
        best = std::max(best, pi * q - cost - lam * e - y[size_t(P.row_pool(p, k))] * r);
      }
  return best;
}

double brute_block(const Problem& P, int j, const std::vector<double>& y) {
  const Params& m = P.in.prm;
  const int n = P.n;
  const Block& b = P.in.blocks[size_t(j)];
  const int init = b.route == Route::kBFBOF ? kBF : kEAF;
  std::vector<int> reline = relining_years(m, b, P.years[0], P.horizon_end());
  double best = -1e300;
  std::vector<int> s(size_t(n), 0);
  long paths = 1;
  for (int k = 0; k < n; ++k) paths *= kNStates;
  for (long code = 0; code < paths; ++code) {
    long c = code;
    for (int k = 0; k < n; ++k) {
      s[size_t(k)] = int(c % kNStates);
      c /= kNStates;
    }
    double v = 0;
    int prev = init;
    bool ok = true;
    for (int k = 0; k < n && ok; ++k) {
      const int st = s[size_t(k)], y0 = P.years[size_t(k)];
      if (!allowed(prev, st)) {
        ok = false;
        break;
      }
      v -= capex(m, prev, st) * b.capacity * d(m, y0);
      prev = st;
      if (st == kRET) continue;
      const double op = brute_operation(P, j, k, st, y);
      for (int yr = y0; yr < y0 + int(m.year_step); ++yr) {
        v += d(m, yr) * op;
        if (st == kBF || st == kCCS)
          for (int ry : reline)
            if (ry == yr) v -= d(m, yr) * m.reline_cost * b.capacity;
      }
    }
    if (ok) best = std::max(best, v);
  }
  return best;
}

std::vector<double> random_prices(const Problem& P, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> U(0, 1);
  std::vector<double> y(P.rows.size(), 0.0);
  for (int k = 0; k < P.n; ++k) {
    y[size_t(P.row_demand(k))] = 900 * U(rng);
    for (int e = 0; e < P.n_emission; ++e) y[size_t(P.n + e)] = 250 * U(rng);
    for (int p = 0; p < P.np; ++p) y[size_t(P.row_pool(p, k))] = U(rng) < 0.5 ? 0.0 : 150 * U(rng);
  }
  return y;
}

}  // namespace

TEST_CASE("steel DP: the best path equals brute force over every state path and operating vertex") {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    Instance in = test::steel_tiny(6, 3, seed % 2 ? 3 : 4, seed);
    if (seed == 3) in.prm.scrap_trade = 0;
    if (seed == 4) in.cap_scope = CapScope::kProvincial;
    if (seed == 5) {
      in.cap_scope = CapScope::kBudget;
      in.budget_cuer = 0.3;
    }
    const Problem P = build_problem(in);
    SteelOracle oracle(P);
    std::mt19937_64 rng(seed * 77);
    std::vector<pp::RowActivity> act;
    for (int trial = 0; trial < 8; ++trial) {
      const std::vector<double> y = random_prices(P, rng);
      for (int j = 0; j < P.nb; ++j) {
        const double dp = oracle.price_plant(j, y, act);
        const double bf = brute_block(P, j, y);
        CHECK(dp == doctest::Approx(bf).epsilon(1e-10));
      }
    }
  }
}

TEST_CASE("steel evaluator: one block by hand") {
  Instance in = test::steel_tiny(1, 1, 2, 5);
  Block& b = in.blocks[0];
  b.route = Route::kBFBOF;
  b.capacity = 2.0;
  b.last_relining = 2016;  // campaign 15: relined 2031, inside 2030-2034
  in.grid_ef = {0.5, 0.25};
  in.demand = {1.0, 1.0};
  in.cap_ratio = {10, 10};
  in.supply = {5, 5};
  const Problem P = build_problem(in);
  const Params& m = P.in.prm;
  Plan plan;
  plan.state = {kBF, kEAF};
  plan.q = {1.5, 1.2};
  plan.r = {0.3, 1.0};
  plan.flows = {{0, 0, 0, 0.3}, {0, 1, 0, 1.0}};
  const Evaluation ev = evaluate(P, plan);
  REQUIRE(ev.feasible);
  const double km = m.detour * pp::great_circle_km(b.lng, b.lat, in.prov_lng[0], in.prov_lat[0]);
  const double scrap_t = m.scrap_price + m.scrap_haul_km * km;
  double s1 = 0, s2 = 0;  // discount sums 2025-29 and 2030-34
  for (int y = 2025; y < 2030; ++y) s1 += std::pow(1.05, -(y - 2025));
  for (int y = 2030; y < 2035; ++y) s2 += std::pow(1.05, -(y - 2025));
  // 2025-29 BF-BOF: 60*1.5 + 280*(1.5-0.3) + scrap 0.3 + 40*2; 2030 conversion to EAF 250*2;
  // 2030-34 EAF: (90 + 80*0.45)*1.2 + 380*(1.2-1.0) + scrap 1.0 + 20*2; no relining (not a BF then).
  const double tc = s1 * (60 * 1.5 + 280 * 1.2 + scrap_t * 0.3 + 40 * 2) + std::pow(1.05, -5) * 250 * 2 +
                    s2 * ((90 + 80 * 0.45) * 1.2 + 380 * 0.2 + scrap_t * 1.0 + 20 * 2);
  CHECK(ev.tc == doctest::Approx(tc).epsilon(1e-12));
  CHECK(ev.emissions[0] == doctest::Approx(0.10 * 1.5 + 1.9 * 1.2).epsilon(1e-12));
  CHECK(ev.emissions[1] == doctest::Approx((0.01 + 0.25 * 0.45) * 1.2 + 1.9 * 0.2).epsilon(1e-12));
  // Staying a blast furnace pays the 2031 relining instead of the conversion.
  plan.state = {kBF, kBF};
  plan.q = {1.5, 1.5};
  plan.r = {0.3, 0.3};
  plan.flows = {{0, 0, 0, 0.3}, {0, 1, 0, 0.3}};
  const Evaluation ev2 = evaluate(P, plan);
  REQUIRE(ev2.feasible);
  const double tc2 = (s1 + s2) * (60 * 1.5 + 280 * 1.2 + scrap_t * 0.3 + 40 * 2) + std::pow(1.05, -6) * 60 * 2;
  CHECK(ev2.tc == doctest::Approx(tc2).epsilon(1e-12));
  // Rules the evaluator enforces.
  plan.state = {kEAF, kBF};
  CHECK_FALSE(evaluate(P, plan).feasible);
  plan.state = {kBF, kBF};
  plan.q = {0.5, 1.5};  // below umin_bf * K = 1.0
  CHECK_FALSE(evaluate(P, plan).feasible);
}

TEST_CASE("steel decomposition brackets CBC's proven optimum of the monolithic MILP") {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    Instance in = test::steel_tiny(3 + int(seed % 3), 2 + int(seed % 2), 3, seed, seed % 2 ? 0.35 : 0.6);
    if (seed == 4) in.prm.scrap_trade = 0;
    if (seed == 6 || seed == 7) in.cap_scope = CapScope::kProvincial;
    if (seed == 8) {
      in.cap_scope = CapScope::kBudget;
      in.budget_cuer = 0.35;
    }
    const Problem P = build_problem(in);
    const MilpResult milp = solve_milp(P, 60);
    REQUIRE(milp.optimal);
    // The MILP's plan is a plan of the model, and the evaluator agrees on its cost.
    const Evaluation mev = evaluate(P, milp.plan, 1e-6);
    REQUIRE_MESSAGE(mev.feasible, mev.violation);
    CHECK(mev.tc == doctest::Approx(milp.tc).epsilon(1e-7));
    SolveOptions opt;
    opt.gap = 1e-5;
    opt.max_iterations = 3000;
    opt.time_limit = 60;
    opt.verbosity = std::getenv("PP_VERBOSE") ? 2 : 0;
    opt.threads = 1;
    const SolveResult res = solve(P, opt);
    REQUIRE(!res.plan.state.empty());
    CHECK(res.eval.feasible);
    CHECK(res.bound <= milp.tc * (1 + 1e-9) + 1e-9);
    CHECK(res.eval.tc >= milp.tc * (1 - 1e-9) - 1e-9);
    // The price master alone (no MIP, no MILP): its bound is the Lagrangian one.
    opt.mip_nodes = 0;
    opt.milp_max_blocks = 0;
    opt.max_iterations = 500;
    const SolveResult lag = solve(P, opt);
    CHECK(lag.bound <= milp.tc * (1 + 1e-9) + 1e-9);
    if (!lag.plan.state.empty()) CHECK(lag.eval.tc >= milp.tc * (1 - 1e-9) - 1e-9);
    MESSAGE("seed " << seed << ": Lagrangian bound " << lag.bound << ", CBC " << milp.tc << " (" << milp.nodes << " nodes, " << milp.seconds
                    << " s), decomposition [" << res.bound << ", " << res.eval.tc << "] gap " << res.gap);
  }
}

TEST_CASE("steel solve: the same plan on 1 and 2 threads") {
  const Problem P = build_problem(test::steel_tiny(40, 4, 4, 11));
  SolveOptions opt;
  opt.max_iterations = 60;
  opt.mip_nodes = 50;  // node-limited, so reproducible
  opt.milp_max_blocks = 0;
  opt.gap = 0;
  opt.time_limit = 600;
  opt.verbosity = 0;
  opt.threads = 1;
  const SolveResult a = solve(P, opt);
  opt.threads = 2;
  const SolveResult b = solve(P, opt);
  REQUIRE(!a.plan.state.empty());
  CHECK(a.plan.state == b.plan.state);
  CHECK(a.eval.tc == b.eval.tc);
  CHECK(a.bound == b.bound);
}

namespace {

struct Dir {
  std::filesystem::path p;
  Dir() {
    p = std::filesystem::temp_directory_path() / ("pp_steel_" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(p);
    put("provinces.csv", "province,lat,lng\nA,30,110\nB,32,113\n");
    put("blocks.csv",
        "block_id,plant_id,plant_name,province,lat,lng,route,capacity_mt,start_year,last_relining\n"
        "x-BOF,x,X,A,30.1,110.2,BF-BOF,3,2000,2015\ny-EAF,y,Y,B,32.2,113.1,EAF,1,2010,\n");
    put("demand.csv", "year,demand_mt\n2025,3\n2060,2\n");
    put("grid_ef.csv", "year,ef_t_per_mwh\n2025,0.57\n2060,0\n");
    put("scrap_supply.csv", "province,year,supply_mt\nA,2025,0.5\nA,2060,1\nB,2025,0.5\nB,2060,1\n");
    put("pathways.csv", "pathway,year,ratio\nlin,2025,1\nlin,2060,0.1\n");
  }
  ~Dir() { std::filesystem::remove_all(p); }
  void put(const char* f, const std::string& text) { std::ofstream(p / f) << text; }
  std::string error(const std::string& pathway = "lin",
                    std::vector<std::pair<std::string, std::string>> sets = {}) const {
    try {
      read_instance(p.string(), pathway, sets);
    } catch (const pp::InputError& e) {
      return e.what();
    }
    return "";
  }
};

}  // namespace

TEST_CASE("steel reader: bad inputs end in errors naming file, line and field") {
  {
    Dir d;
    CHECK(d.error().empty());
    const Instance in = read_instance(d.p.string(), "lin", {});
    CHECK(in.demand.size() == 8);
    CHECK(in.demand[1] == doctest::Approx(3 - 5.0 / 35));  // 2030 interpolated between 2025 and 2060
  }
  {
    Dir d;
    d.put("blocks.csv",
          "block_id,plant_id,plant_name,province,lat,lng,route,capacity_mt\nx-BOF,x,X,A,30,110,BOF,3\n");
    const std::string e = d.error();
    CHECK(e.find("blocks.csv:2") != std::string::npos);
    CHECK(e.find("'route'") != std::string::npos);
    CHECK(e.find("BOF") != std::string::npos);
  }
  {
    Dir d;
    d.put("demand.csv", "year,demand_mt\n2025,30\n2060,2\n");
    CHECK(d.error().find("above what every block can make") != std::string::npos);
  }
  {
    Dir d;
    d.put("scrap_supply.csv", "province,year,supply_mt\nA,2025,0.5\nZ,2060,1\n");
    const std::string e = d.error();
    CHECK(e.find("scrap_supply.csv:3") != std::string::npos);
    CHECK(e.find("'Z'") != std::string::npos);
  }
  {
    Dir d;
    const std::string e = d.error("nope");
    CHECK(e.find("no pathway 'nope'") != std::string::npos);
    CHECK(e.find("lin") != std::string::npos);
  }
  {
    Dir d;
    d.put("provinces.csv", "province,lat,lng\nA,30,110\nB,32,113\nC,45,87\n");
    d.put("scrap_supply.csv", "province,year,supply_mt\nA,2025,0.5\nA,2060,1\nC,2025,1\nC,2060,1\n");
    CHECK(d.error("lin", {{"scrap_max_km", "500"}}).find("scrap pool of C") != std::string::npos);
  }
  {
    Dir d;
    CHECK(d.error("lin", {{"u_max", "2"}}).find("outside its range") != std::string::npos);
    CHECK(d.error("lin", {{"capex_eaf", "x"}}).find("not a number") != std::string::npos);
    CHECK(d.error("lin", {{"bogus", "1"}}).find("unknown steel parameter") != std::string::npos);
    CHECK(d.error("lin", {{"bf_scrap_min", "0.5"}}).find("above 'bf_scrap_max'") != std::string::npos);
  }
  {
    Dir d;
    d.put("pathways.csv", "pathway,year,ratio\nlin,2030,1\nlin,2060,0.1\n");
    CHECK(d.error().find("2025") != std::string::npos);
  }
}

TEST_CASE("steel on samples of the bundled fleet: the decomposition brackets CBC and the MILP finish proves it") {
  const std::string dir = std::string(PP_SOURCE_DIR) + "/datasets/china-steel-gist-2025";
  if (!std::filesystem::exists(dir + "/blocks.csv")) return;
  for (uint64_t seed : {1, 2}) {
    Instance in = read_instance(dir, "paper-99", {});
    REQUIRE(keep_blocks(in, {}, 4, seed).empty());
    const Problem P = build_problem(in);
    const MilpResult milp = solve_milp(P, 120);
    REQUIRE(milp.optimal);
    SolveOptions opt;
    opt.verbosity = 0;
    opt.threads = 2;
    opt.time_limit = 120;
    opt.gap = 1e-6;
    opt.mip_nodes = 0;
    opt.milp_max_blocks = 0;
    opt.max_iterations = 800;
    const SolveResult lag = solve(P, opt);
    CHECK(lag.bound <= milp.tc * (1 + 1e-9));
    if (!lag.plan.state.empty()) CHECK(lag.eval.tc >= milp.tc * (1 - 1e-9));
    opt.mip_nodes = 500;
    opt.milp_max_blocks = 60;
    const SolveResult full = solve(P, opt);
    REQUIRE(!full.plan.state.empty());
    CHECK(full.eval.tc == doctest::Approx(milp.tc).epsilon(1e-6));
    CHECK(full.solution == pp::SolutionState::kProvenOptimal);
    MESSAGE("sample 4 seed " << seed << ": CBC " << milp.tc << " in " << milp.seconds << " s; Lagrangian ["
                             << lag.bound << ", " << lag.eval.tc << "] " << lag.seconds << " s; finish " << full.seconds
                             << " s");
  }
}

TEST_CASE("steel writer: the files agree with the evaluated plan") {
  const Problem P = build_problem(test::steel_tiny(5, 3, 3, 2));
  SolveOptions opt;
  opt.verbosity = 0;
  opt.time_limit = 60;
  const SolveResult res = solve(P, opt);
  REQUIRE(!res.plan.state.empty());
  const auto dir = std::filesystem::temp_directory_path() / ("pp_steel_out_" + std::to_string(std::random_device{}()));
  write_solution(dir.string(), P, res, 1);
  const pp::CsvTable pw = pp::CsvTable::read_file((dir / "pathways.csv").string());
  CHECK(pw.rows() == size_t(P.nb) * size_t(P.n));
  double out = 0;
  for (size_t r = 0; r < pw.rows(); ++r) out += pw.number(r, pw.require("output_mt"));
  double expect = 0;
  for (double q : res.eval.output) expect += q;
  CHECK(out == doctest::Approx(expect).epsilon(1e-12));
  const pp::CsvTable sf = pp::CsvTable::read_file((dir / "scrap_flows.csv").string());
  double scrap = 0, used = 0;
  for (size_t r = 0; r < sf.rows(); ++r) scrap += sf.number(r, sf.require("scrap_mt"));
  for (double u : res.eval.pool_use) used += u;
  CHECK(scrap == doctest::Approx(used).epsilon(1e-12));
  std::ifstream js(dir / "summary.json");
  const std::string text((std::istreambuf_iterator<char>(js)), std::istreambuf_iterator<char>());
  CHECK(text.find("\"sector\": \"steel\"") != std::string::npos);
  CHECK(text.find("\"solution_state\": \"proven optimal\"") != std::string::npos);
  std::filesystem::remove_all(dir);
}
