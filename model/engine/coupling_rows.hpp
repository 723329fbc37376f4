#pragma once
// A sector's coupling-row catalogue: the rows that tie plants together and
// that the master prices. Each row has a family (what it is), a scope (the
// nation, a region, a pool), a sense, a right-hand side and the unit its
// activity is counted in. The decomposition reads only this (prices, the
// subgradient, the gap split by family); the sector's plant oracle says how
// much of each row a plant's path uses.
#include <string>
#include <vector>

namespace pp {

enum class RowSense { kLe, kGe };

struct CouplingRow {
  std::string family;  // "demand", "emission", "scrap pool", ...
  std::string scope;   // "China", a province, a pool's name
  std::string unit;    // unit of rhs and activity, e.g. "Mt/yr x PV-years"
  std::string label;   // for messages: "scrap pool Hebei 2030"
  RowSense sense = RowSense::kLe;
  int year = 0;        // calendar decision year the row belongs to (0: none)
  double rhs = 0;
};

// A plant's use of one row on its chosen path (sparse).
struct RowActivity {
  int row;
  double amount;
};

}  // namespace pp
