#include "solver/cg/master_lp.hpp"

#include <coin/ClpSimplex.hpp>

#include <algorithm>
#include <cmath>

namespace pp {

namespace {
constexpr double kE = 1e-3;      // MWh -> GWh, t -> kt
constexpr double kMoney = 1e-6;  // USD -> MUSD
constexpr size_t kMaxCellRowsPerRound = 2000;
}  // namespace

MasterLp::MasterLp(const Problem& P, const PriceLayout& L, const ColumnPool& pool, double slack_usd)
    : P_(P), L_(L), pool_(pool), lp_(std::make_unique<ClpSimplex>()) {
  slack_cost_ = slack_usd * kMoney / kE;
  lp_->setLogLevel(0);
  lp_->setOptimizationDirection(1);  // minimise -NPV
  conv_row_.assign(P.np, -1);
  std::vector<double> rlo, rhi;
  for (int j = 0; j < P.np; ++j)
    if (P.first_k[j] >= 0) {
      conv_row_[j] = static_cast<int>(rlo.size());
      rlo.push_back(1.0);
      rhi.push_back(1.0);
    }
  emis_row0_ = static_cast<int>(rlo.size());
  for (const auto& row : P.emission_rows) {
    rlo.push_back(-COIN_DBL_MAX);
    rhi.push_back(row.rhs * kE);
  }
  floor_row0_ = static_cast<int>(rlo.size());
  for (size_t i = 0; i < L.n_pi; ++i) {
    rlo.push_back(P.floor[L.pk_of_pi[i]] * kE);
    rhi.push_back(COIN_DBL_MAX);
  }
  // Rows first (empty), then one slack column per coupling row.
  const int nrows = static_cast<int>(rlo.size());
  std::vector<CoinBigIndex> starts(nrows + 1, 0);
  lp_->addRows(nrows, rlo.data(), rhi.data(), starts.data(), nullptr, nullptr);
  const int nslack = nrows - emis_row0_;
  std::vector<double> lo(nslack, 0.0), up(nslack, COIN_DBL_MAX), obj(nslack, slack_cost_), el(nslack);
  std::vector<int> ri(nslack);
  std::vector<CoinBigIndex> cs(nslack + 1);
  for (int i = 0; i < nslack; ++i) {
    ri[i] = emis_row0_ + i;
    el[i] = ri[i] < floor_row0_ ? -1.0 : 1.0;
    cs[i] = i;
  }
  cs[nslack] = nslack;
  lp_->addColumns(nslack, lo.data(), up.data(), obj.data(), cs.data(), ri.data(), el.data());
  pool_of_lp_col_.assign(nslack, -1);
  cell_row_of_.assign(size_t(P.n) * P.n_cell_rows, -1);
  y_.assign(L.dim(), 0.0);
  sigma_.assign(P.np, 0.0);
}

MasterLp::~MasterLp() = default;

int MasterLp::rows() const { return lp_->numberRows(); }
int MasterLp::columns() const { return lp_->numberColumns(); }

void MasterLp::column_entries(int c, std::vector<int>& rows, std::vector<double>& vals) const {
  rows.assign(1, conv_row_[pool_.plant(c)]);
  vals.assign(1, 1.0);
  auto put = [&](int r, double v) {
    rows.push_back(r);
    vals.push_back(v * kE);
  };
  for_each_activity(
      P_, L_, pool_, c, [&](int r, double a) { put(emis_row0_ + r, a); }, [&](int i, double g) { put(floor_row0_ + i, g); },
      [&](size_t kr, double x) {
        if (cell_row_of_[kr] >= 0) put(cell_row_of_[kr], x);
      });
}

void MasterLp::add_columns(const std::vector<int>& cols) {
  if (cols.empty()) return;
  std::vector<double> lo(cols.size(), 0.0), up(cols.size(), COIN_DBL_MAX), obj(cols.size());
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> ri, rr;
  std::vector<double> el, vv;
  for (size_t i = 0; i < cols.size(); ++i) {
    const int c = cols[i];
    obj[i] = -pool_.npv(c) * kMoney;
    column_entries(c, rr, vv);
    ri.insert(ri.end(), rr.begin(), rr.end());
    el.insert(el.end(), vv.begin(), vv.end());
    starts.push_back(static_cast<CoinBigIndex>(ri.size()));
    if (lp_col_of_.size() <= size_t(c)) lp_col_of_.resize(c + 1, -1);
    lp_col_of_[c] = lp_->numberColumns() + static_cast<int>(i);
    pool_of_lp_col_.push_back(c);
  }
  lp_->addColumns(static_cast<int>(cols.size()), lo.data(), up.data(), obj.data(), starts.data(), ri.data(),
                  el.data());
}

int MasterLp::add_violated_cells() {
  if (P_.n_cell_rows == 0) return 0;
  const double* w = lp_->primalColumnSolution();
  const size_t nkr = size_t(P_.n) * P_.n_cell_rows;
  std::vector<double> use(nkr, 0.0);
  for (size_t lc = 0; lc < pool_of_lp_col_.size(); ++lc) {
    const int c = pool_of_lp_col_[lc];
    if (c < 0 || w[lc] <= 1e-12) continue;
    for (uint32_t f = pool_.flow_begin(c); f < pool_.flow_end(c); ++f) {
      const int row = P_.cell_row[pool_.flow_cell(f)];
      if (row >= 0) use[size_t(pool_.flow_k(f)) * P_.n_cell_rows + row] += w[lc] * pool_.flow_mwh(f);
    }
  }
  std::vector<int> cell_of_row(P_.n_cell_rows, -1);
  for (size_t c = 0; c < P_.cells.size(); ++c)
    if (P_.cell_row[c] >= 0) cell_of_row[P_.cell_row[c]] = static_cast<int>(c);
  std::vector<size_t> add;
  for (size_t kr = 0; kr < nkr; ++kr) {
    if (cell_row_of_[kr] >= 0) continue;
    const double S = P_.cells[cell_of_row[kr % P_.n_cell_rows]].supply_mwh;
    if (use[kr] > S * (1 + 1e-9) + 1e-6) add.push_back(kr);
  }
  if (add.empty()) return 0;
  // The most overdrawn first, a bounded number per round: the master stays
  // small while the pricing learns the cells' prices.
  if (add.size() > kMaxCellRowsPerRound) {
    std::vector<double> excess(add.size());
    std::vector<size_t> idx(add.size());
    for (size_t i = 0; i < add.size(); ++i) {
      idx[i] = i;
      excess[i] = use[add[i]] / P_.cells[cell_of_row[add[i] % P_.n_cell_rows]].supply_mwh;
    }
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return excess[a] > excess[b]; });
    std::vector<size_t> keep;
    for (size_t i = 0; i < kMaxCellRowsPerRound; ++i) keep.push_back(add[idx[i]]);
    std::sort(keep.begin(), keep.end());
    add = std::move(keep);
  }
  // Entries of the new rows over every column already in the master.
  std::vector<std::vector<std::pair<int, double>>> ent(add.size());
  std::vector<int> slot(nkr, -1);
  for (size_t i = 0; i < add.size(); ++i) slot[add[i]] = static_cast<int>(i);
  for (size_t lc = 0; lc < pool_of_lp_col_.size(); ++lc) {
    const int c = pool_of_lp_col_[lc];
    if (c < 0) continue;
    for (uint32_t f = pool_.flow_begin(c); f < pool_.flow_end(c); ++f) {
      const int row = P_.cell_row[pool_.flow_cell(f)];
      if (row < 0) continue;
      const int s = slot[size_t(pool_.flow_k(f)) * P_.n_cell_rows + row];
      if (s >= 0) ent[s].push_back({static_cast<int>(lc), pool_.flow_mwh(f) * kE});
    }
  }
  const int first = lp_->numberRows();
  std::vector<double> rlo(add.size(), -COIN_DBL_MAX), rhi(add.size());
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> ci;
  std::vector<double> el;
  for (size_t i = 0; i < add.size(); ++i) {
    rhi[i] = P_.cells[cell_of_row[add[i] % P_.n_cell_rows]].supply_mwh * kE;
    for (auto& [c, v] : ent[i]) { ci.push_back(c); el.push_back(v); }
    starts.push_back(static_cast<CoinBigIndex>(ci.size()));
    cell_row_of_[add[i]] = first + static_cast<int>(i);
    cell_of_lp_row_.push_back(static_cast<int>(add[i]));
  }
  lp_->addRows(static_cast<int>(add.size()), rlo.data(), rhi.data(), starts.data(), ci.data(), el.data());
  // Their slacks.
  std::vector<double> lo(add.size(), 0.0), up(add.size(), COIN_DBL_MAX), obj(add.size(), slack_cost_),
      sv(add.size(), -1.0);
  std::vector<int> sr(add.size());
  std::vector<CoinBigIndex> ss(add.size() + 1);
  for (size_t i = 0; i < add.size(); ++i) { sr[i] = first + static_cast<int>(i); ss[i] = static_cast<CoinBigIndex>(i); }
  ss[add.size()] = static_cast<CoinBigIndex>(add.size());
  lp_->addColumns(static_cast<int>(add.size()), lo.data(), up.data(), obj.data(), ss.data(), sr.data(), sv.data());
  pool_of_lp_col_.resize(pool_of_lp_col_.size() + add.size(), -1);
  n_cell_rows_in_ += static_cast<int>(add.size());
  rows_added_ = true;
  return static_cast<int>(add.size());
}

bool MasterLp::solve() {
  // New columns keep the basis primal feasible, new rows dual feasible.
  if (rows_added_) lp_->dual(); else lp_->primal();
  if (lp_->status() != 0) {
    lp_->primal();
    if (lp_->status() != 0) lp_->dual();
  }
  rows_added_ = false;
  iterations_ = lp_->numberIterations();
  if (lp_->status() != 0) return false;
  const double* d = lp_->dualRowSolution();
  const double* x = lp_->primalColumnSolution();
  const double scale = kMoney / kE;  // MUSD per kt -> USD per t
  for (size_t r = 0; r < L_.n_lam; ++r) y_[r] = std::max(0.0, -d[emis_row0_ + r]) / scale;
  for (size_t i = 0; i < L_.n_pi; ++i) y_[L_.pi_off() + i] = std::max(0.0, d[floor_row0_ + i]) / scale;
  std::fill(y_.begin() + L_.mu_off(), y_.end(), 0.0);
  const int first_cell = lp_->numberRows() - n_cell_rows_in_;
  for (int i = 0; i < n_cell_rows_in_; ++i)
    y_[L_.mu_off() + cell_of_lp_row_[i]] = std::max(0.0, -d[first_cell + i]) / scale;
  for (int j = 0; j < P_.np; ++j) sigma_[j] = conv_row_[j] >= 0 ? -d[conv_row_[j]] / kMoney : 0.0;
  obj_usd_ = -lp_->objectiveValue() / kMoney;
  slack_ = 0;
  for (size_t lc = 0; lc < pool_of_lp_col_.size(); ++lc)
    if (pool_of_lp_col_[lc] < 0) slack_ += x[lc];
  return true;
}

void MasterLp::set_slack_cost(double usd) {
  slack_cost_ = usd * kMoney / kE;
  for (size_t lc = 0; lc < pool_of_lp_col_.size(); ++lc)
    if (pool_of_lp_col_[lc] < 0) lp_->setObjectiveCoefficient(static_cast<int>(lc), slack_cost_);
}

double MasterLp::slack_cost_usd() const { return slack_cost_ / (kMoney / kE); }

void MasterLp::set_column_upper(int c, double ub) {
  if (size_t(c) < lp_col_of_.size() && lp_col_of_[c] >= 0) lp_->setColumnUpper(lp_col_of_[c], ub >= 1e30 ? COIN_DBL_MAX : ub);
}

double MasterLp::weight(int c) const {
  if (size_t(c) >= lp_col_of_.size() || lp_col_of_[c] < 0) return 0.0;
  return lp_->primalColumnSolution()[lp_col_of_[c]];
}

void MasterLp::tight_rows(int& emission, int& floor, int& cell) const {
  const double* a = lp_->primalRowSolution();
  const double* lo = lp_->rowLower();
  const double* up = lp_->rowUpper();
  emission = floor = cell = 0;
  const int first_cell = lp_->numberRows() - n_cell_rows_in_;
  for (int r = emis_row0_; r < lp_->numberRows(); ++r) {
    const double b = r < floor_row0_ || r >= first_cell ? up[r] : lo[r];
    if (std::abs(a[r] - b) > 1e-7 * std::max(1.0, std::abs(b))) continue;
    if (r < floor_row0_) ++emission;
    else if (r < first_cell) ++floor;
    else ++cell;
  }
}

}  // namespace pp
