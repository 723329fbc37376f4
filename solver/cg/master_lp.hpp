#pragma once
// The restricted Dantzig-Wolfe master LP, solved with CLP:
//   max  sum_c npv_c w_c - M * slacks
//   s.t. sum_{c of j} w_c = 1                    per plant alive at some t_k
//        emission rows, floors (elastic), cell rows (added when violated)
//        w >= 0 (upper bounds set to 0 by branching)
// Units inside: million USD, kt, GWh (coefficients near 1). Columns are
// appended as the pricing finds them (primal simplex from the last basis);
// cell rows are appended when the master's mix overdraws a cell (dual
// simplex from the last basis). Slacks cost M per kt / GWh: in soft mode M
// is the violation penalty (the master is then exactly the soft model's
// relaxation); in hard mode M is a large price, so an LP with positive
// slack says the columns so far cannot meet the rows.
#include <memory>
#include <vector>

#include "model/problem.hpp"
#include "solver/cg/columns.hpp"
#include "solver/price_layout.hpp"

class ClpSimplex;

namespace pp {

class MasterLp {
 public:
  // slack_usd: M in USD per t or MWh.
  MasterLp(const Problem& P, const PriceLayout& L, const ColumnPool& pool, double slack_usd);
  ~MasterLp();

  void add_columns(const std::vector<int>& pool_cols);
  // Adds the cell rows (k, cell) that the last solution overdraws; returns how many.
  int add_violated_cells();
  // Solves from the last basis; false if CLP did not reach an optimum.
  bool solve();
  // Slack price, USD per t or MWh (the hard mode raises it step by step).
  void set_slack_cost(double usd);
  double slack_cost_usd() const;
  // Branching: bound a column (0 = excluded at this node, 1e30 = free).
  void set_column_upper(int pool_col, double ub);

  // After solve(): prices in the PriceLayout (USD per t / MWh), the plants'
  // convexity duals sigma_j (USD), the objective (USD, slack penalties
  // included), the weight of a pool column and the total slack.
  const std::vector<double>& prices() const { return y_; }
  double sigma(int j) const { return sigma_[j]; }
  double objective_usd() const { return obj_usd_; }
  double weight(int pool_col) const;
  double slack() const { return slack_; }
  int simplex_iterations() const { return iterations_; }
  int rows() const;
  int columns() const;
  int cell_rows() const { return n_cell_rows_in_; }
  // Master rows whose dual is not zero, by family: emission, floor, cell.
  void tight_rows(int& emission, int& floor, int& cell) const;

 private:
  void column_entries(int c, std::vector<int>& rows, std::vector<double>& vals) const;

  const Problem& P_;
  const PriceLayout& L_;
  const ColumnPool& pool_;
  std::unique_ptr<ClpSimplex> lp_;
  std::vector<int> conv_row_;          // per plant, -1 if never alive at a decision year
  int emis_row0_ = 0, floor_row0_ = 0;
  std::vector<int> cell_row_of_;       // [k*n_cell_rows + row] -> LP row, -1 if not in the master
  std::vector<int> cell_of_lp_row_;    // LP row - first cell row -> index k*n_cell_rows+row
  int n_cell_rows_in_ = 0;
  std::vector<int> lp_col_of_;         // pool column -> LP column
  std::vector<int> pool_of_lp_col_;    // LP column -> pool column, -1 for slacks
  double slack_cost_;                  // MUSD per kt / GWh
  std::vector<double> y_, sigma_;
  double obj_usd_ = 0, slack_ = 0;
  bool rows_added_ = false;
  int iterations_ = 0;
};

}  // namespace pp
