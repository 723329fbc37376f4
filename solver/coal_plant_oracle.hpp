#pragma once
// Coal power on the engine's seam (solver/engine/plant_oracle.hpp): its
// coupling rows as a catalogue and its per-plant DP (solver/subproblem.hpp)
// as a PlantOracle, so that any engine master sees a coal plant as it sees a
// steel block. The rows are in PriceLayout's order (emission rows, floors
// with Emin > 0, then each decision year's shared cells), so a price vector
// means the same to both. DualOracle (solver/dual_oracle.hpp), what every
// coal master drives, is the engine's DualFunction over this oracle.
#include <tbb/enumerable_thread_specific.h>

#include <cstdint>
#include <vector>

#include "model/engine/coupling_rows.hpp"
#include "model/problem.hpp"
#include "solver/engine/plant_oracle.hpp"
#include "solver/price_layout.hpp"
#include "solver/subproblem.hpp"

namespace pp {

// The coupling-row catalogue of papers/model.md section 5 for one problem.
std::vector<CouplingRow> coal_coupling_rows(const Problem& P, const PriceLayout& L);

class CoalPlantOracle final : public PlantOracle {
 public:
  CoalPlantOracle(const Problem& P, const PriceLayout& L);
  int plants() const override { return P_.np; }
  const std::vector<CouplingRow>& rows() const override { return rows_; }
  void prepare(const std::vector<double>& y) override;
  // The plant's DP value at the prepared prices plus its fixed NPV (the
  // engine's "-cost"), its activity: weighted emissions on each emission
  // row covering it, generation on its province's floors, draws on shared
  // cells.
  double price_plant(int j, const std::vector<double>& y, std::vector<RowActivity>& activity) override;
  const std::vector<PlantPath>& paths() const { return paths_; }
  // Per plant its DP value at the last evaluation (fixed_npv excluded).
  const std::vector<double>& dp_values() const { return dp_values_; }
  // Branch-and-price: allowed states [j*n+k] (null: all); a plant with no
  // allowed path is worth -inf.
  void set_allowed(const std::vector<uint16_t>* allowed) { allowed_ = allowed; }

 private:
  const Problem& P_;
  const PriceLayout& L_;
  std::vector<CouplingRow> rows_;
  std::vector<double> lam_pk_, pi_pk_;
  std::vector<std::vector<int>> rows_of_province_;  // emission rows covering each province
  std::vector<PlantPath> paths_;
  std::vector<double> dp_values_;
  tbb::enumerable_thread_specific<Scratch> scratch_;
  const std::vector<uint16_t>* allowed_ = nullptr;
};

}  // namespace pp
