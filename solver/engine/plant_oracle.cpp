#include "solver/engine/plant_oracle.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace pp {

DualFunction::DualFunction(PlantOracle& o)
    : o_(o), values_(size_t(o.plants()), 0.0), act_(size_t(o.plants())) {
  for (const CouplingRow& r : o.rows()) {
    sign_.push_back(r.sense == RowSense::kLe ? 1.0 : -1.0);
    signed_rhs_.push_back(sign_.back() * r.rhs);
  }
}

double DualFunction::evaluate(const std::vector<double>& y, std::vector<double>* g) {
  const int np = o_.plants();
  o_.prepare(y);
  tbb::parallel_for(tbb::blocked_range<int>(0, np, 16), [&](const tbb::blocked_range<int>& r) {
    for (int j = r.begin(); j < r.end(); ++j) values_[size_t(j)] = o_.price_plant(j, y, act_[size_t(j)]);
  });
  const size_t nr = sign_.size();
  double f = 0;
  for (int j = 0; j < np; ++j) f += values_[size_t(j)];
  for (size_t r = 0; r < nr; ++r) f += y[r] * signed_rhs_[r];
  if (!g) return f;
  g->assign(signed_rhs_.begin(), signed_rhs_.end());
  double* gr = g->data();
  for (int j = 0; j < np; ++j)
    for (const RowActivity& a : act_[size_t(j)]) gr[size_t(a.row)] -= sign_[size_t(a.row)] * a.amount;
  return f;
}

}  // namespace pp
