#include "solver/rounding.hpp"

#include <algorithm>

namespace pp {

namespace {

// splitmix64 finaliser: a well-mixed uniform in [0, 1) from (plant, salt).
double uniform01(uint64_t j, uint64_t salt) {
  uint64_t z = (j + 1) * 0x9E3779B97F4A7C15ull + salt * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return double(z >> 11) * 0x1.0p-53;
}

}  // namespace

std::vector<uint8_t> round_aggregate(const Problem& P, const std::vector<std::pair<long, double>>& weights,
                                     const CutStates& states, uint64_t salt) {
  double total = 0;
  for (const auto& [id, a] : weights)
    if (a > 0 && states.count(id)) total += a;
  if (total <= 0) return {};
  std::vector<uint8_t> out(size_t(P.np) * P.n);
  for (int j = 0; j < P.np; ++j) {
    const double r = uniform01(uint64_t(j), salt) * total;
    double cum = 0;
    const std::vector<uint8_t>* pick = nullptr;
    for (const auto& [id, a] : weights) {
      if (a <= 0) continue;
      auto it = states.find(id);
      if (it == states.end()) continue;
      pick = &it->second;
      cum += a;
      if (r < cum) break;
    }
    std::copy(pick->begin() + size_t(j) * P.n, pick->begin() + size_t(j + 1) * P.n, out.begin() + size_t(j) * P.n);
  }
  return out;
}

}  // namespace pp
