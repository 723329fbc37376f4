#pragma once
// The model of papers/model.md for one instance and one pathway, in flat arrays:
// what the solver, the MILP export and the evaluator all read.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "model/instance.hpp"
#include "model/params.hpp"

namespace pp {

// One emission row: sum over the plants of the provinces in `provinces`
// (empty: every plant) of weight[k] * E_{j,k} <= rhs. National caps are n
// rows, provincial caps P*n, country caps C*n (a country's row lists its
// provinces), a budget is one row with the period lengths as weights.
struct EmissionRow {
  std::vector<int> provinces;  // sorted province indices; empty: all
  std::vector<double> weight;  // per decision year
  double rhs = 0;
  std::string label;           // "cap 2030", "cap Hebei 2030", "cap India 2030", "budget"

  bool covers(int p) const { return provinces.empty() || std::binary_search(provinces.begin(), provinces.end(), p); }
};

struct CouplingSpec {
  std::string pathway;        // name in pathways.csv (unused with a budget)
  double budget_cuer = -1;    // >= 0: one cumulative budget B = (1 - CuER) sum W_k BAU_k
  std::vector<double> cap_override;  // if non-empty: caps per decision year in t (national)
};

struct Problem {
  Params prm;
  std::vector<int> years;  // decision years t_1..t_n
  int n = 0;
  std::vector<std::string> provinces;
  std::vector<std::string> countries;     // sorted; a province lies in one country
  std::vector<int> province_country;      // province index -> index into countries
  std::vector<PlantRecord> plants;  // as read (ids, names for output)
  std::vector<CellRecord> cells;
  std::string pathway;

  // --- per plant, flat ---
  int np = 0;
  std::vector<int> province;       // index into provinces
  std::vector<double> K, H, e, D;  // MW, h/yr, t/MWh, km
  std::vector<uint8_t> installed;
  std::vector<int> first_k, last_k;  // decision years alive: [first_k, last_k], first_k = -1 if none
  std::vector<double> disc;          // [j*n+k] sum of d(y) over the alive years of period k
  std::vector<double> fixed_npv;     // NPV of alive years outside every decision period (state fixed)
  std::vector<double> u_flex_lo;     // min(1, h_flex / H_j)
  std::vector<double> dk;            // d(t_k)

  // --- plant-cell adjacency within R, sorted by distance (CSR) ---
  std::vector<uint32_t> adj_start;   // size np+1
  std::vector<int32_t> adj_cell;
  std::vector<double> adj_dist;      // km
  std::vector<int32_t> cell_row;     // cell -> index of its priced row (-1: one plant only, enforced locally)
  int n_cell_rows = 0;

  // --- coupling rows ---
  std::vector<EmissionRow> emission_rows;
  std::vector<double> floor;         // [p*n+k] Emin, 0 where none
  std::vector<double> bau_emissions; // per k, national
  std::vector<double> bau_emissions_pk;  // [p*n+k]
  std::vector<double> bau_generation_pk; // [p*n+k]
  double npv_bau = 0;
  std::vector<double> plant_npv_bau;
  // Credited once when plant j is compulsorily retired, at the first decision
  // year k it is retired, as retire_value[j] * d(t_k); empty = 0 (papers/model.md).
  // -infinity: plant j may not retire (the DP never chooses it, the MILP fixes
  // it out, the evaluator calls it a broken rule). Only myopic steps with
  // PLATO's retirement rule set it (solver/myopic.hpp).
  std::vector<double> retire_value;

  double retire_credit(int j, int k) const { return retire_value.empty() ? 0.0 : retire_value[size_t(j)] * dk[size_t(k)]; }
  bool may_retire(int j) const { return retire_value.empty() || retire_value[size_t(j)] > -HUGE_VAL; }

  bool alive_at(int j, int k) const { return first_k[j] >= 0 && k >= first_k[j] && k <= last_k[j]; }
  double discount(int year) const;
};

// W_k of papers/model.md section 5: t_{k+1} - t_k, the last period weighted like
// the one before it (year_step when there is one decision year). The weights
// of the budget row and of every "cumulative emissions" report.
std::vector<double> period_weights(const std::vector<int>& years, double year_step);

// Builds the problem; returns false with `error` set on an unknown pathway,
// an unknown floor province, or inconsistent data.
bool build_problem(const Instance& in, const CouplingSpec& spec, Problem& out, std::string& error);

}  // namespace pp
