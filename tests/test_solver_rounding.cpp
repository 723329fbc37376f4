// Rounding of the bundle's aggregate primal (solver/rounding.hpp): every
// plant takes the path of one weighted cut, the shares follow the weights,
// zero-weight cuts are never drawn, and the draw depends only on the salt.
#include <doctest/doctest.h>

#include <cmath>

#include "model/problem.hpp"
#include "solver/rounding.hpp"

using namespace pp;

TEST_CASE("round_aggregate draws each plant's path from the weighted cuts in proportion") {
  Problem P;
  P.np = 4000;
  P.n = 2;
  // cut 7: every plant in state 1 (Flex) at both years; cut 9: state 2 (BE); cut 11: retired
  CutStates cuts;
  cuts[7].assign(size_t(P.np) * P.n, 1);
  cuts[9].assign(size_t(P.np) * P.n, 2);
  cuts[11].assign(size_t(P.np) * P.n, 8);
  const std::vector<std::pair<long, double>> w = {{7, 0.25}, {9, 0.75}, {11, 0.0}};
  const auto a = round_aggregate(P, w, cuts, 1);
  REQUIRE(a.size() == size_t(P.np) * P.n);
  int flex = 0;
  for (int j = 0; j < P.np; ++j) {
    const uint8_t s0 = a[size_t(j) * P.n], s1 = a[size_t(j) * P.n + 1];
    CHECK(s0 == s1);                // a whole path, not a mix of years
    CHECK((s0 == 1 || s0 == 2));    // never the zero-weight cut
    flex += s0 == 1;
  }
  // Binomial(4000, 0.25): mean 1000, sd ~27; 5 sd either side
  CHECK(std::abs(flex - 1000) < 140);
  CHECK(round_aggregate(P, w, cuts, 1) == a);   // deterministic for a salt
  CHECK(round_aggregate(P, w, cuts, 2) != a);   // another salt, another draw
}

TEST_CASE("round_aggregate returns nothing without positive weight") {
  Problem P;
  P.np = 3;
  P.n = 1;
  CutStates cuts;
  cuts[0].assign(3, 1);
  CHECK(round_aggregate(P, {{0, 0.0}}, cuts, 1).empty());
  CHECK(round_aggregate(P, {{5, 1.0}}, cuts, 1).empty());  // weight on a cut whose paths are gone
}
