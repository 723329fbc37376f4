#pragma once
// Reads MILP solution files written for plantpath's MPS by
//   CBC     `cbc model.mps solve solu out.sol`: first line the status
//           ("Optimal - objective value 12.3", "Stopped on time - ...",
//           "Infeasible - ..."), then `[**] index name value reduced-cost`
//           (only non-zero values unless printingOptions all; `**` marks
//           a value outside its bounds or a broken row);
//   HiGHS   `highs --solution_file out.sol model.mps` (raw style):
//           "Model status" / status line, "# Primal solution values",
//           "Feasible", "Objective v", "# Columns N", N lines `name value`,
//           then "# Rows" ... (ignored);
//   Gurobi  `gurobi_cl ResultFile=out.sol model.mps`: `# ...` comments
//           (e.g. "# Objective value = v"), then `name value` lines.
// The format is detected from the content. Errors (std::runtime_error) name
// the file and line.
#include <string>
#include <utility>
#include <vector>

#include "solver/milp/formulation.hpp"

namespace pp {

struct MilpSolutionFile {
  std::string format;       // "cbc", "highs", "gurobi"
  std::string status;       // as written by the solver ("" if none)
  bool has_solution = true; // false when the status says there is none (infeasible, no solution)
  double objective = 0;     // as written; NaN when the file has none
  std::vector<std::pair<std::string, double>> values;  // column name -> value, file order
  std::vector<int> lines;   // line number of each value (for errors)
};

MilpSolutionFile read_milp_solution(const std::string& path);
MilpSolutionFile parse_milp_solution(const std::string& text, const std::string& path_for_errors);

// Column vector of M from the file (columns absent from the file are 0:
// CBC writes only non-zeros). A name M does not have (except obj_const) is
// an error naming the file and line.
std::vector<double> solution_vector(const MilpModel& M, const MilpSolutionFile& sol, const std::string& path);

}  // namespace pp
