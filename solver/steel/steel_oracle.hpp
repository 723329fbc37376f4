#pragma once
// The steel sector's plant oracle: one DP per route block over the
// catalogue's states and the decision years. At fixed prices each period's
// operation is linear in (output q, scrap r) over
//   umin K <= q <= umax K,  smin q <= r <= smax q,
// so its optimum is a vertex: the scrap share at the bound its priced
// margin favours, then q at the bound the margin favours; the scrap comes
// from the pool with the cheapest delivered cost plus pool price.
#include <vector>

#include "model/steel/steel_model.hpp"
#include "solver/engine/plant_oracle.hpp"

namespace pp::steel {

struct BlockPath {
  std::vector<uint8_t> state;  // [k]
  std::vector<double> q, r;    // [k] Mt/yr
  std::vector<int> pool;       // [k] pool the scrap comes from (-1: none)
};

class SteelOracle : public PlantOracle {
 public:
  explicit SteelOracle(const Problem& P);
  int plants() const override { return P_.nb; }
  const std::vector<CouplingRow>& rows() const override { return P_.rows; }
  double price_plant(int j, const std::vector<double>& y, std::vector<RowActivity>& activity) override;
  const BlockPath& path(int j) const { return paths_[size_t(j)]; }
  // Optional per (j, k) mask of allowed states (bit s); null: all.
  void set_allowed(const std::vector<uint8_t>* allowed) { allowed_ = allowed; }

 private:
  const Problem& P_;
  std::vector<BlockPath> paths_;
  const std::vector<uint8_t>* allowed_ = nullptr;
};

// The operating optimum of one period (annual values, prices per t).
struct PeriodChoice {
  double value = 0;  // annual: pi q - cost - lambda e - mu r (fixed O&M included)
  double q = 0, r = 0;
  int pool = -1;
};
PeriodChoice best_operation(const Problem& P, int j, int k, int s, const std::vector<double>& y);

}  // namespace pp::steel
