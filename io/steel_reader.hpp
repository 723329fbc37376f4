#pragma once
// Reads a steel instance directory (datasets/china-steel-gist-2025/README.md):
// blocks.csv, provinces.csv, demand.csv, scrap_supply.csv, grid_ef.csv,
// pathways.csv and params.toml. Every error is a pp::InputError naming the
// file, the line and the field. Values at decision years a file does not
// list are interpolated linearly between the nearest listed years; a
// decision year outside the listed range is an error (as for coal power,
// papers/model.md section 5).
#include <string>
#include <utility>
#include <vector>

#include "model/steel/steel_model.hpp"

namespace pp::steel {

// True if `dir` holds a steel instance (it has blocks.csv).
bool is_steel_instance(const std::string& dir);

// `sets`: name=value overrides applied after params.toml, in order.
Instance read_instance(const std::string& dir, const std::string& pathway,
                       const std::vector<std::pair<std::string, std::string>>& sets);

// The pathway names of pathways.csv, in file order.
std::vector<std::string> pathway_names(const std::string& dir);

}  // namespace pp::steel
