#pragma once
// Writes a steel solve's outputs atomically into a directory (same rules as
// io/solution_writer.hpp): summary.json, pathways.csv (block-years),
// scrap_flows.csv (pool province to plant province per year), route_mix.csv
// (province, year, state), provinces.csv (scrap balance and emissions per
// province and year), convergence.csv. papers/outputs.md lists the columns.
#include <string>

#include "model/steel/steel_model.hpp"
#include "solver/steel/steel_solve.hpp"

namespace pp::steel {

void write_solution(const std::string& out_dir, const Problem& P, const SolveResult& res, int threads);

// A province counts as net zero in a year when its blocks emit at most this
// share of their reference emissions (a 99% cut, Lin et al. 2025's measure).
constexpr double kNetZeroShare = 0.01;

}  // namespace pp::steel
