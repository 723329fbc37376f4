#pragma once
// A sector's technology catalogue: named states, which changes of state are
// allowed between consecutive decision years, and the capex of each change
// per unit of capacity. A sector fills one (model/steel/steel_catalogue.cpp);
// the DP, the MILP export and the evaluator read transitions only from it,
// so a policy phase-out or a new route is a change of data, not of code.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pp {

struct TechnologyCatalogue {
  std::vector<std::string> names;
  std::vector<uint8_t> allowed;  // [from * n() + to]: 1 if the change is allowed
  std::vector<double> capex;     // [from * n() + to]: per unit of capacity, paid at the decision year
  int retired = -1;              // the absorbing state without activity (-1: none)

  int n() const { return static_cast<int>(names.size()); }
  bool can(int from, int to) const { return allowed[size_t(from) * names.size() + size_t(to)] != 0; }
  double cost(int from, int to) const { return capex[size_t(from) * names.size() + size_t(to)]; }
  int find(std::string_view name) const {
    for (int s = 0; s < n(); ++s)
      if (names[size_t(s)] == name) return s;
    return -1;
  }
  void resize(int states) {
    names.resize(size_t(states));
    allowed.assign(size_t(states) * size_t(states), 0);
    capex.assign(size_t(states) * size_t(states), 0.0);
  }
  void allow(int from, int to, double c) {
    allowed[size_t(from) * names.size() + size_t(to)] = 1;
    capex[size_t(from) * names.size() + size_t(to)] = c;
  }
};

}  // namespace pp
