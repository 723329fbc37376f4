#pragma once
// Free-format MPS of a MilpModel, readable by CBC, HiGHS, Gurobi and CPLEX.
//
// - NAME, ROWS (N obj first, then L/G/E), COLUMNS with MARKER INTORG/INTEND
//   around the integer columns, RHS, RANGES (rows with two finite sides),
//   BOUNDS, ENDATA.
// - Every integer column gets explicit bounds (BV for [0,1]), since readers
//   disagree on the default bounds of integers (some use [0,1], some
//   [0,inf)). Continuous columns: the MPS default [0, inf) unless stated.
// - Minimisation (no OBJSENSE section: MIN is every reader's default).
// - An objective constant, if any, is a column `obj_const` fixed to 1 (FX)
//   with that objective coefficient: solvers disagree on the sign of an RHS
//   entry on the objective row (CPLEX/Gurobi/CLP read it as minus the
//   constant, some tools as plus), a fixed column means the same everywhere.
//   The plantpath formulation has no constant (see formulation.hpp).
// - Numbers with 17 significant digits (exact round trip of doubles).
// - Names are the MilpModel's: [A-Za-z0-9_.-] only, at most ~220 chars.
#include <string>

#include "model/problem.hpp"
#include "solver/milp/formulation.hpp"

namespace pp {

// Writes `path` (MPS) and `path + ".map.csv"` (one row per column: column
// index, name, kind, plant index, plant id, year, detail — the state, cell
// id, option or coupling row it stands for), each atomically (a temporary
// `<file>.tmp-<pid>`, then rename). Calls check_mps_outputs first. Throws
// std::runtime_error naming the file on an I/O failure.
void write_mps(const std::string& path, const Problem& P, const MilpModel& M, const std::string& model_name);

// Throws pp::OutputRefused (io/output_dir.hpp) unless each of `path` and
// `path + ".map.csv"` is absent or a regular file plantpath wrote: the MPS's
// second line starts with kMpsSignature, the map's first line is kMapHeader.
// Symbolic links, directories and other files are never replaced.
void check_mps_outputs(const std::string& path);
inline constexpr const char* kMpsSignature = "* plantpath monolithic MILP";
inline constexpr const char* kMapHeader = "column,name,kind,plant,plant_id,year,detail";

// Only the MPS text (for tests).
std::string mps_text(const MilpModel& M, const std::string& model_name);

}  // namespace pp
