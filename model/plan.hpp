#pragma once
// A complete decision: per plant and decision year, the technology state,
// the utilisation u and the biomass flows. Solvers produce it; the evaluator
// scores it from this alone.
#include <cstdint>
#include <vector>

#include "model/technology.hpp"

namespace pp {

struct Flow {
  int32_t cell;   // index into Problem::cells
  double mwh;     // per year
};

struct Plan {
  int np = 0, n = 0;
  std::vector<uint8_t> state;               // [j*n+k]; kNotAlive where not alive at t_k
  std::vector<double> u;                    // [j*n+k]; 0 when retired / not alive
  std::vector<std::vector<Flow>> flows;     // [j*n+k]

  void resize(int plants, int years) {
    np = plants;
    n = years;
    state.assign(size_t(np) * n, kNotAlive);
    u.assign(size_t(np) * n, 0.0);
    flows.assign(size_t(np) * n, {});
  }
  size_t at(int j, int k) const { return size_t(j) * n + k; }
};

}  // namespace pp
