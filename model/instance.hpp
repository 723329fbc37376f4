#pragma once
// An instance as read from its directory (see datasets/README.md): plain
// records, no derived data. io/ fills it; model/problem.hpp derives from it.
#include <cstdint>
#include <string>
#include <vector>

#include "model/params.hpp"

namespace pp {

struct PlantRecord {
  std::string id, name, country, province;
  double lon = 0, lat = 0;
  double capacity_mw = 0;
  int start_year = 0;
  double hours = 0;                     // base operating hours H_j
  double emission_factor_t_per_mwh = 0; // plant's own factor (used if emission_factor_source = plant)
  double ccs_distance_km = 0;           // D_j, already times tortuosity
  uint8_t installed = 0;                // option mask present from the start
};

struct CellRecord {
  std::string id;
  double lon = 0, lat = 0;
  double supply_mwh = 0;  // per year
  // Only plants of this country collect from the cell; empty: any plant.
  // A multi-country fleet must not draw one country's residues across a border.
  std::string country;
};

struct FloorRecord {
  std::string province;
  int year = 0;
  double floor_mwh = 0;
};

struct PathwayRecord {
  std::string pathway;
  int year = 0;
  double cap_ratio = 0;
};

struct Instance {
  std::string dir;
  std::vector<PlantRecord> plants;
  std::vector<CellRecord> cells;
  std::vector<FloorRecord> floors;
  std::vector<PathwayRecord> pathways;
  Params params;  // defaults overridden by params.toml
};

// Cap ratio of `pathway` at each of `years`, linearly interpolated between
// listed years. Empty + error text when the pathway is unknown or a year is
// out of its range.
std::vector<double> pathway_ratios(const Instance& in, const std::string& pathway,
                                   const std::vector<int>& years, std::string& error);
std::vector<std::string> pathway_names(const Instance& in);

}  // namespace pp
