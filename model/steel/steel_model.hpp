#pragma once
// The steel sector (papers/steel-model.md): route blocks of plants, their
// technology catalogue, the coupling rows (steel demand, national emission
// cap, provincial scrap pools) and everything the DP and the evaluator read,
// precomputed once in flat arrays.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "model/engine/coupling_rows.hpp"
#include "model/engine/technology_catalogue.hpp"
#include "model/steel/steel_params.hpp"

namespace pp::steel {

// States of the catalogue, in this order.
enum State : uint8_t { kBF = 0, kCCS = 1, kEAF = 2, kDRI = 3, kRET = 4 };
constexpr int kNStates = 5;
enum class Route : uint8_t { kBFBOF, kEAF };
// The emission rows (papers/steel-model.md section 5): one national cap per
// decision year, one cap per province and year (the national cap split by
// reference emissions), or one cumulative budget.
enum class CapScope : uint8_t { kNational, kProvincial, kBudget };

struct Block {
  std::string id, plant_id, plant_name;
  int province = -1;
  double lat = 0, lng = 0;
  Route route = Route::kBFBOF;
  double capacity = 0;  // Mt crude steel per year
  int start_year = 0;   // 0: unknown
  int last_relining = 0;  // 0: unknown (BF-BOF only)
};

// What the reader gives the model (io/steel_reader.cpp).
struct Instance {
  Params prm;
  std::string pathway;
  std::vector<std::string> provinces;
  std::vector<double> prov_lat, prov_lng;
  std::vector<Block> blocks;
  std::vector<double> demand;     // [k] Mt/yr
  std::vector<double> supply;     // [p * n + k] Mt/yr
  std::vector<double> grid_ef;    // [k] t CO2/MWh
  std::vector<double> cap_ratio;  // [k] cap / E_ref (unused with a budget)
  CapScope cap_scope = CapScope::kNational;
  double budget_cuer = 0;         // kBudget: B = (1 - cuer) sum_k W_k E_ref
};

// Per-state operating coefficients in one decision year (per t of steel q,
// per t of iron units q - r; emissions include grid electricity).
struct Operation {
  double a = 0, b = 0;    // USD/t of steel, USD/t of iron units
  double ea = 0, eb = 0;  // t CO2/t of steel, t CO2/t of iron units
  double fom = 0;         // USD per t of capacity and year
  double umin = 0, umax = 0, smin = 0, smax = 0;
};

struct Problem {
  Instance in;
  TechnologyCatalogue tech;
  int n = 0, nb = 0, np = 0;          // decision years, blocks, provinces (pools)
  std::vector<int> years;             // [k]
  std::vector<double> disc_at;        // [k] d(t_k)
  std::vector<double> delta;          // [k] sum of d(y) over period k
  std::vector<Operation> op;          // [k * kNStates + s]
  std::vector<uint8_t> initial;       // [j] kBF or kEAF
  std::vector<double> reline_pv;      // [j * n + k] sum of d(y) over the period's relining years
  std::vector<double> scrap_cost;     // [j * np + p] USD/t delivered; +inf where not allowed
  std::vector<double> cap;            // [k] national cap, Mt/yr (its provincial split or the budget may apply instead)
  double e_ref = 0;                   // Mt/yr
  std::vector<double> e_ref_p;        // [p] reference emissions of province p's blocks
  int n_emission = 0;                 // emission rows
  std::vector<double> emission_cap;   // [e] Mt/yr (caps) or Mt (budget)
  std::vector<int> emission_year;     // [e] decision year index, -1 for the budget
  std::vector<CouplingRow> rows;      // demand k | emission rows | pool (p, k)

  int horizon_end() const { return years.back() + int(in.prm.year_step) - 1; }
  int row_demand(int k) const { return k; }
  // The emission row block j's emissions of year k count in (index into rows).
  int row_emission(int j, int k) const {
    switch (in.cap_scope) {
      case CapScope::kProvincial: return n + in.blocks[size_t(j)].province * n + k;
      case CapScope::kBudget: return n;
      default: return n + k;
    }
  }
  // Weight of a year's annual emissions in its emission row, in the row's
  // own unit (1: a cap in Mt/yr; W_k years: the budget in Mt).
  double emission_year_weight(int k) const {
    return in.cap_scope == CapScope::kBudget ? period_years(k) : 1.0;
  }
  // Weight in the priced row (rows are discounted for caps, plain years for the budget).
  double emission_row_weight(int k) const {
    return in.cap_scope == CapScope::kBudget ? period_years(k) : delta[size_t(k)];
  }
  double period_years(int /*k*/) const { return in.prm.year_step; }
  int row_pool(int p, int k) const { return n + n_emission + p * n + k; }
  const Operation& oper(int k, int s) const { return op[size_t(k) * kNStates + size_t(s)]; }
  double K(int j) const { return in.blocks[size_t(j)].capacity; }
};

// Builds the catalogue and every derived array; throws std::invalid_argument
// on an instance the model cannot hold (no decision year, a row of the wrong
// length).
Problem build_problem(Instance in);

// Relining years of block j in [from, to] (calendar years) by the campaign rule.
std::vector<int> relining_years(const Params& prm, const Block& b, int from, int to);

// A plan: per block and decision year the state, output q and scrap r
// (Mt/yr, held over the period), and the scrap drawn from each pool.
struct Flow {
  int j, k, p;
  double mt;
};
struct Plan {
  std::vector<uint8_t> state;  // [j * n + k]
  std::vector<double> q, r;    // [j * n + k]
  std::vector<Flow> flows;
};

struct Evaluation {
  bool feasible = false;
  std::string violation;  // the first rule or row the plan breaks
  double tc = std::numeric_limits<double>::quiet_NaN();  // million USD, discounted
  double capex = 0, reline = 0, fixed = 0, variable = 0, scrap = 0;  // parts of tc
  std::vector<double> emissions, output;  // [k] Mt/yr
  std::vector<double> pool_use;           // [p * n + k] Mt/yr
};

// Scores a plan year by year from the model's definitions (not from the
// DP's precomputed sums), with relative tolerance `tol` on the rows.
Evaluation evaluate(const Problem& P, const Plan& plan, double tol = 1e-6);

}  // namespace pp::steel
