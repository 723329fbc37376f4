#include "solver/engine/plant_oracle.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace pp {

DualFunction::DualFunction(PlantOracle& o)
    : o_(o), values_(size_t(o.plants()), 0.0), act_(size_t(o.plants())) {}

double DualFunction::evaluate(const std::vector<double>& y, std::vector<double>* g) {
  const int np = o_.plants();
  o_.prepare(y);
  tbb::parallel_for(tbb::blocked_range<int>(0, np, 16), [&](const tbb::blocked_range<int>& r) {
    for (int j = r.begin(); j < r.end(); ++j) values_[size_t(j)] = o_.price_plant(j, y, act_[size_t(j)]);
  });
  const auto& rows = o_.rows();
  double f = 0;
  for (int j = 0; j < np; ++j) f += values_[size_t(j)];
  if (g) g->assign(rows.size(), 0.0);
  for (size_t r = 0; r < rows.size(); ++r) {
    const double sign = rows[r].sense == RowSense::kLe ? 1.0 : -1.0;
    f += sign * y[r] * rows[r].rhs;
    if (g) (*g)[r] = sign * rows[r].rhs;
  }
  if (g)
    for (int j = 0; j < np; ++j)
      for (const RowActivity& a : act_[size_t(j)]) {
        const double sign = rows[size_t(a.row)].sense == RowSense::kLe ? -1.0 : 1.0;
        (*g)[size_t(a.row)] += sign * a.amount;
      }
  return f;
}

}  // namespace pp
