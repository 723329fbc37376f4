// Coal power on the engine's seam (solver/coal_plant_oracle.hpp): the
// engine's DualFunction over CoalPlantOracle (= DualOracle, what every coal
// master drives) must give the value and the subgradient of the dual
// function assembled directly here from the per-plant DP (itself checked
// against brute force in test_dp_bruteforce.cpp), as coal computed it before
// it moved onto the engine: per province and year sums, then the rows. At
// random prices, on national, provincial and budget rows, with floors and
// shared cells; and the row catalogue must describe the rows the coal layout
// prices.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/problem.hpp"
#include "solver/coal_plant_oracle.hpp"
#include "solver/dual_oracle.hpp"
#include "solver/engine/plant_oracle.hpp"
#include "solver/price_layout.hpp"
#include "tests/support/direct_dual.hpp"
#include "tests/support/tiny.hpp"

using namespace pp;
using namespace pp::test;

namespace {

std::vector<double> random_y(const PriceLayout& L, Rng& rng) {
  std::vector<double> y(L.dim(), 0.0);
  for (size_t i = 0; i < L.n_lam; ++i) y[i] = rng.chance(0.2) ? 0.0 : rng.uniform(0, 150);
  for (size_t i = 0; i < L.n_pi; ++i) y[L.pi_off() + i] = rng.chance(0.3) ? 0.0 : rng.uniform(0, 40);
  for (size_t i = 0; i < L.n_mu; ++i) y[L.mu_off() + i] = rng.chance(0.5) ? 0.0 : rng.uniform(0, 30);
  return y;
}

void compare(const Problem& P, Rng& rng) {
  const PriceLayout L(P);
  DualOracle coal(P, L);
  CoalPlantOracle oracle(P, L);
  DualFunction engine(oracle);
  const auto& rows = oracle.rows();
  REQUIRE(rows.size() == L.dim());
  for (size_t i = 0; i < L.n_lam; ++i) {
    CHECK(rows[i].sense == RowSense::kLe);
    CHECK(rows[i].rhs == P.emission_rows[i].rhs);
  }
  for (size_t i = 0; i < L.n_pi; ++i) CHECK(rows[L.pi_off() + i].sense == RowSense::kGe);
  for (size_t i = 0; i < L.n_mu; ++i) CHECK(rows[L.mu_off() + i].family == "biomass cell");
  for (int trial = 0; trial < 4; ++trial) {
    const std::vector<double> y = random_y(L, rng);
    std::vector<double> g1, g2, g3;
    std::vector<PlantPath> paths;
    const double f1 = direct_dual(P, L, y, g1, paths);
    const double f2 = engine.evaluate(y, &g2);
    const double f3 = coal.evaluate(y, &g3);
    CHECK(f3 == f2);  // DualOracle is this very function
    CHECK(g3 == g2);
    CHECK(f2 == doctest::Approx(f1).epsilon(1e-12));
    REQUIRE(g1.size() == g2.size());
    for (size_t i = 0; i < g1.size(); ++i) {
      CAPTURE(i);
      // rhs minus the activity: the two sum in different orders, so they
      // agree to rounding on the scale of the row.
      CHECK(std::fabs(g2[i] - g1[i]) <= 1e-12 * std::max(1.0, std::fabs(rows[i].rhs)));
    }
    for (int j = 0; j < P.np; ++j) CHECK(oracle.paths()[size_t(j)].state == paths[size_t(j)].state);
  }
}

}  // namespace

TEST_CASE("coal on the engine seam: DualFunction over CoalPlantOracle = the dual function assembled directly") {
  int with_cells = 0, with_floors = 0;
  for (uint64_t seed = 1; seed <= 24; ++seed) {
    CAPTURE(seed);
    TinyOptions to;
    to.vary_params = seed % 2 == 0;
    Instance in = tiny_instance(seed, to);
    if (seed % 3 == 1) in.params.cap_scope = kCapScopeProvincial;
    const CouplingSpec spec = seed % 3 == 2 ? CouplingSpec{"tiny", 0.4, {}} : CouplingSpec{"tiny", -1, {}};
    const Problem P = build_or_throw(in, spec);
    with_cells += P.n_cell_rows > 0;
    for (double f : P.floor) with_floors += f > 0;
    Rng rng(seed * 31);
    compare(P, rng);
  }
  CHECK(with_cells > 0);
  CHECK(with_floors > 0);
}
