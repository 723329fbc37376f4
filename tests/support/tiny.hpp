#pragma once
// Tiny random instances for tests, seeded deterministically (same seed, same
// instance on every machine: a hand-written generator, no std distributions).
//
// Plants sit around (115 E, 35 N) within about +-1.5 degrees; biomass cells
// within about +-2 degrees, so the 200 km collection discs overlap and most
// cells are shared by several plants. Start years range so that the set
// holds plants alive over the whole horizon, plants that die mid-horizon,
// plants commissioned strictly between decision years, plants alive at only
// the last decision year and plants never alive at a decision year.
#include <cstdint>
#include <string>
#include <vector>

#include "model/instance.hpp"
#include "model/problem.hpp"
#include "solver/subproblem.hpp"

namespace pp::test {

// SplitMix64: small, fast, portable.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }            // [0, 1)
  double uniform(double a, double b) { return a + (b - a) * uniform(); }   // [a, b)
  int integer(int a, int b) { return a + int(next() % uint64_t(b - a + 1)); }  // [a, b]
  bool chance(double p) { return uniform() < p; }

 private:
  uint64_t s_;
};

struct TinyOptions {
  int min_plants = 2, max_plants = 10;
  int min_cells = 3, max_cells = 8;
  int provinces = 3;             // names "Anhui", "Beijing", "Chongqing", ... (first `provinces`)
  double installed_ccs = 0.15;   // probability of a plant built with CCS
  double installed_other = 0.05; // probability of Flex / of BE installed
  double low_hours = 0.15;       // probability of H below h_flex
  // Cap ratio per decision year: 1 at t_1, falling linearly to cap_last.
  double cap_last_lo = 0.3, cap_last_hi = 0.8;
  // Floors: per province and decision year, this fraction of the BAU generation.
  double floor_prob = 0.7, floor_lo = 0.2, floor_hi = 0.8;
  bool vary_params = false;      // random u_max in {1, 1.2, 1.5}, discount rate, costs within their ranges
};

// A random instance with one pathway named "tiny".
Instance tiny_instance(uint64_t seed, const TinyOptions& opt = {});

// build_problem on the "tiny" pathway; throws std::runtime_error on failure.
Problem tiny_problem(uint64_t seed, const TinyOptions& opt = {});
Problem build_or_throw(const Instance& in, const CouplingSpec& spec = {"tiny", -1, {}});

// A random plant record (id "p<index>") near the instance centre.
PlantRecord random_plant(Rng& rng, int index, const TinyOptions& opt, int nprov);

// The plant of the hand computations: Hebei, (115 E, 30 N), K = 100 MW,
// H = 5000 h, D = 300 km, commissioned in `start`.
PlantRecord hand_plant(const std::string& id, int start, uint8_t installed = 0);

// The plant of the surplus and myopic hand cases: Anhui, (115 E, 35 N),
// K = 100 MW, H = 5000 h, e = 0.8017 t/MWh, D = 100 km, commissioned 2020.
PlantRecord anhui_plant(const std::string& id);

// Random prices in the subproblem's layout. kind 0: random (sometimes
// exactly zero); 1: all zero; 2: a huge emission price (1e3..1e5 USD/t).
struct RandomPrices {
  std::vector<double> lam, pi, mu;
  PriceView view() const { return {lam.data(), pi.data(), mu.empty() ? nullptr : mu.data()}; }
};
RandomPrices random_prices(const Problem& P, Rng& rng, int kind);

// BAU generation (u = 1) of the plants of `province` alive in `year`.
double bau_generation(const Instance& in, const std::string& province, int year);

}  // namespace pp::test
