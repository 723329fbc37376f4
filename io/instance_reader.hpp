#pragma once
// Reads an instance directory (format: datasets/README.md) into pp::Instance
// and validates it. Every problem is a pp::InputError naming file, line and
// column, e.g. "d/plants.csv:17: column 'capacity_mw': -5 is negative".
//
// Files and columns (header required, column order free, extra columns ignored):
//   plants.csv      required: id, province, lon, lat, capacity_mw, start_year,
//                   hours, ccs_distance_km; optional: name, country,
//                   emission_factor_t_per_mwh (absent/empty: the params'
//                   constant emission_factor), installed (absent/empty: none)
//   biomass.csv     cell, lon, lat, supply_mwh; optional: country (only its
//                   plants collect from the cell); the file itself is optional
//   elec_floor.csv  province, year, floor_mwh
//   pathways.csv    pathway, year, cap_ratio
//   params.toml     optional, see read_params_toml
// Checks: numbers finite (no NaN/inf/empty), capacity/hours/supply/floor/
// emission factor/distance/cap ratio >= 0, hours <= 8784, lon in
// [-180,180], lat in [-90,90], unique plant id, cell id, (province,year)
// floor and (pathway,year), known options in `installed`, every floor
// province has a plant.
#include <string>
#include <vector>

#include "io/input_error.hpp"
#include "model/instance.hpp"
#include "model/params.hpp"

namespace pp {

Instance read_instance(const std::string& dir);

// The pathways of one CSV file with columns pathway, year, cap_ratio (e.g.
// pathways_montecarlo.csv), validated like pathways.csv.
std::vector<PathwayRecord> read_pathways_csv(const std::string& path);

// A minimal TOML subset: blank lines, '#' comments (whole-line or after a
// value), and `name = number` or `name = "word"` lines, names from
// pp::param_table(). Anything else, an unknown name or a bad value is an
// InputError "file:line: ...".
void read_params_toml(const std::string& path, Params& p);

// --set name=value overrides, in order. InputError on a missing '=', an
// unknown name or a bad value, e.g. "--set foo=1: unknown parameter 'foo'".
void apply_overrides(Params& p, const std::vector<std::string>& name_eq_value);

}  // namespace pp
