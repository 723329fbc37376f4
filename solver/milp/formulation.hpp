#pragma once
// The monolithic MILP of papers/model.md (foresight mode), built in memory as a
// sparse column-wise model. Shared by the MPS export (io/milp) and the
// in-process CBC backend (cbc_backend.hpp). papers/milp-formulation.md
// derives every row and explains why each linearisation is exact.
//
// Scaling (all exact multiplications, undone by plan_from_solution and by
// tc_from_objective):
//   energy  (generation G, biomass B, flows x, floors, cell supplies): GWh/yr
//           = energy_unit (1e3) MWh;
//   emissions (emission rows): kt CO2 = energy_unit t (t/MWh x GWh);
//   money   (objective): million USD = money_unit (1e6) USD.
// The objective is the transition cost itself, TC = NPV_BAU - NPV, in
// money units, with no constant: each plant's BAU NPV over its decision
// periods is spread over its one-hot state binaries (which sum to one per
// alive decision year), so objective value x money_unit = TC exactly, and
// CBC's relative gap is the decomposition's gap definition.
//
// Column names (a person can map them back; <file>.map.csv lists them all):
//   z_<j>_<year>_<S>    binary: plant j (0-based index in plants.csv order)
//                       is in state S at decision year `year`; S is one of
//                       PP F B C FB FC BC FBC CR (F = Flex, B = BE, C = CCS,
//                       CR = compulsory retirement)
//   G_<j>_<year>_<S>    generation in state S, GWh/yr (0 unless z = 1); only
//                       when u can vary (Flex states or u_max > 1), otherwise
//                       G = K H z / 1000 is substituted
//   B0_<j>_<year>       biomass burned without CCS, GWh/yr
//   B1_<j>_<year>       biomass burned with CCS, GWh/yr
//   x_<j>_<year>_<c>    flow from biomass cell c (0-based index in biomass.csv
//                       order) to plant j, GWh/yr
//   a_<j>_<year>_<O>    adoption of option O (Flex, BE, CCS) at that year
//   t_<j>_<year>_<S>_<T> transition from state S at the previous decision year
//                       to T at `year` (see MilpBuildOptions::transition_flows)
//   sE_<r>, sF_<p>_<year>, sC_<c>_<year>   slacks of soft coupling rows
//                       (only with violation_penalty > 0)
#include <cstdint>
#include <string>
#include <vector>

#include "model/plan.hpp"
#include "model/problem.hpp"

namespace pp {

struct MilpColumn {
  enum Kind : uint8_t { kState, kGen, kBio0, kBio1, kFlow, kAdopt, kSlack, kConst, kTransition };
  Kind kind;
  int plant = -1;   // -1 for slacks
  int k = -1;       // decision year index, -1 if none
  int aux = -1;     // state (z, G), cell (x, slack), option bit (a), row (slack)
};

struct MilpModel {
  static constexpr double kInf = 1e30;
  double energy_unit = 1e3;   // MWh per model energy unit (GWh)
  double money_unit = 1e6;    // USD per objective unit
  double obj_offset = 0;      // constant added to the objective (model units); 0 by construction

  // Columns
  std::vector<std::string> col_name;
  std::vector<double> col_lo, col_up, obj;
  std::vector<char> is_int;
  std::vector<MilpColumn> col_info;
  // Column-wise matrix (CSC): entries of column i are [col_start[i], col_start[i+1])
  std::vector<int> col_start, row_index;
  std::vector<double> value;
  // Rows: row_lo <= a x <= row_up (+-kInf for none)
  std::vector<std::string> row_name;
  std::vector<double> row_lo, row_up;

  // Index maps used by plan_from_solution (-1 where absent)
  int np = 0, n = 0;
  std::vector<int> z_col;     // [(j*n+k)*9 + s]
  std::vector<int> g_col;     // [(j*n+k)*8 + s]   G column, or -1 if G = g_fixed * z
  std::vector<double> g_fixed;  // [(j*n+k)*8 + s] GWh per unit of z when substituted
  std::vector<int> x_first;   // [j*n+k] column of the flow from the plant's first adjacent cell, -1 if none
  std::vector<int> b_col;     // [(j*n+k)*2 + ccs]

  int num_cols() const { return static_cast<int>(col_name.size()); }
  int num_rows() const { return static_cast<int>(row_name.size()); }
  int num_nonzeros() const { return static_cast<int>(value.size()); }
  int num_integers() const;
  // TC in USD of an objective value in model units (including obj_offset).
  double tc_from_objective(double obj_value) const { return obj_value * money_unit; }
  // Objective value (model units, including obj_offset) of a column vector.
  double objective_of(const std::vector<double>& x) const;
  // Largest violation of rows and bounds of x (model units), for diagnostics.
  double max_violation(const std::vector<double>& x, std::string* where = nullptr) const;
  int find_col(const std::string& name) const;  // linear scan; -1 if absent
};

struct MilpBuildOptions {
  // Adds x_{j,k,c} <= S_c * (sum of z over BE states) for every flow: valid
  // and redundant for integer z, tightens the LP relaxation; more rows.
  bool flow_indicator_rows = false;
  // Transition flows: for consecutive decision years a column
  // t_<j>_<year>_<S>_<S'> per allowed change of state, with z of each year
  // the sum of the flows out of (into) it, and each adoption priced on the
  // flows that add the option. Redundant for integer z; its LP relaxation
  // is the convex hull of the plants' state paths (the DP's network), the
  // bound a Dantzig-Wolfe master over path columns gives, instead of the
  // much weaker relaxation of the aggregated monotonicity rows.
  bool transition_flows = true;
};

// Builds the model. Returns false with `error` set when the model cannot be
// written exactly (e.g. negative capex, which the adoption rows assume >= 0).
bool build_milp(const Problem& P, MilpModel& M, std::string& error, const MilpBuildOptions& opt = {});

// Short state code used in column names: PP F B C FB FC BC FBC CR.
std::string milp_state_code(int s);

// The plan a MILP solution (column values in model units) encodes: state =
// the largest z, u = G / (K H) clamped to its range, flows in MWh/yr (tiny
// flows dropped; rounding noise that would break phi G or a cell's supply
// scaled away). Score it with pp::evaluate.
Plan plan_from_solution(const Problem& P, const MilpModel& M, const std::vector<double>& x);

// The inverse: the column vector encoding `plan` (adoptions and soft-row
// slacks set to their least values). For a plan that follows the rules,
// M.objective_of(result) x money_unit equals evaluate(P, plan).tc and
// M.max_violation(result) is ~0 exactly when the plan meets the coupling
// rows: a two-way check of the formulation, and a MIP start for CBC.
std::vector<double> solution_from_plan(const Problem& P, const MilpModel& M, const Plan& plan);

}  // namespace pp
