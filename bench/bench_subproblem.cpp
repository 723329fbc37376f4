// Google Benchmark of the per-plant DP (solver/subproblem.hpp) and of one
// evaluation of the dual function (every plant, TBB) on the bundled China
// dataset, at fixed, realistic prices (cap rows 100 USD/t, floors 20 USD/MWh,
// shared cells 5 USD/MWh). Figures: papers/decomposition.md.
//   build/bench/bench_subproblem [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <tbb/global_control.h>

#include <cstdio>
#include <memory>
#include <string>

#include "io/instance_reader.hpp"
#include "model/problem.hpp"
#include "solver/dual_oracle.hpp"
#include "solver/price_layout.hpp"
#include "solver/subproblem.hpp"
#include "tests/support/direct_dual.hpp"

namespace {

struct China {
  pp::Problem P;
  std::unique_ptr<pp::PriceLayout> L;
  std::vector<double> y, lam_pk, pi_pk;
  China() {
    const pp::Instance in = pp::read_instance(std::string(PP_SOURCE_DIR) + "/datasets/china-gcpt-2024");
    pp::CouplingSpec spec;
    spec.pathway = "50-30lp-50nozero";
    std::string err;
    if (!pp::build_problem(in, spec, P, err)) {
      std::fprintf(stderr, "bench_subproblem: %s\n", err.c_str());
      std::exit(1);
    }
    L = std::make_unique<pp::PriceLayout>(P);
    y.assign(L->dim(), 0.0);
    for (size_t i = 0; i < L->n_lam; ++i) y[i] = 100.0;
    for (size_t i = 0; i < L->n_pi; ++i) y[L->pi_off() + i] = 20.0;
    for (size_t i = 0; i < L->n_mu; ++i) y[L->mu_off() + i] = 5.0;
    L->expand(P, y, lam_pk, pi_pk);
  }
  pp::PriceView view() const { return {lam_pk.data(), pi_pk.data(), L->n_mu ? y.data() + L->mu_off() : nullptr}; }
};

const China& china() {
  static const China c;
  return c;
}

// One plant's DP (with its path), cycling over all plants.
void BM_SolvePlant(benchmark::State& state) {
  const China& c = china();
  pp::Scratch s;
  pp::PlantPath path;
  int j = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(pp::solve_plant(c.P, j, c.view(), s, &path));
    j = (j + 1) % c.P.np;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["plants"] = c.P.np;
}
BENCHMARK(BM_SolvePlant);

// The whole dual function: every plant's DP plus the reduction, on N threads
// (since 2026-12-06 the engine's DualFunction over CoalPlantOracle).
void BM_DualOracle(benchmark::State& state) {
  const China& c = china();
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(state.range(0)));
  pp::DualOracle oracle(c.P, *c.L);
  std::vector<double> g;
  for (auto _ : state) benchmark::DoNotOptimize(oracle.evaluate(c.y, &g));
  state.SetItemsProcessed(state.iterations() * c.P.np);
}
BENCHMARK(BM_DualOracle)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The dual function as coal assembled it before it moved onto the engine's
// seam (tests/support/direct_dual.hpp: the same DPs, serially, per province
// and year sums): what BM_DualOracle/1 is measured against.
void BM_DirectDualFunction(benchmark::State& state) {
  const China& c = china();
  std::vector<double> g;
  std::vector<pp::PlantPath> paths;
  for (auto _ : state) benchmark::DoNotOptimize(pp::test::direct_dual(c.P, *c.L, c.y, g, paths));
  state.SetItemsProcessed(state.iterations() * c.P.np);
}
BENCHMARK(BM_DirectDualFunction)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
