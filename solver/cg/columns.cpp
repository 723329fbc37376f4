#include "solver/cg/columns.hpp"

#include <cstring>

namespace pp {

namespace {

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}
uint64_t bits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

}  // namespace

ColumnPool::ColumnPool(const Problem& P) : P_(P), n_(P.n), of_plant_(P.np), keys_(P.np) {}

int ColumnPool::add(int j, const PlantPath& path, double npv) {
  uint64_t h = 1469598103934665603ULL;
  for (int k = 0; k < n_; ++k) {
    h = mix(h, path.state[k]);
    h = mix(h, bits(path.u[k]));
    for (const Flow& f : path.flows[k]) h = mix(mix(h, uint64_t(f.cell)), bits(f.mwh));
  }
  if (!keys_[j].insert(h).second) return -1;
  const int c = static_cast<int>(plant_.size());
  plant_.push_back(j);
  npv_.push_back(npv);
  for (int k = 0; k < n_; ++k) {
    state_.push_back(path.state[k]);
    u_.push_back(path.u[k]);
    gen_.push_back(path.generation[k]);
    emis_.push_back(path.emissions[k]);
    for (const Flow& f : path.flows[k]) {
      flow_k_.push_back(k);
      flow_cell_.push_back(f.cell);
      flow_mwh_.push_back(f.mwh);
    }
  }
  flow_start_.push_back(static_cast<uint32_t>(flow_k_.size()));
  of_plant_[j].push_back(c);
  return c;
}

void ColumnPool::to_plan(size_t c, Plan& plan) const {
  const int j = plant_[c];
  for (int k = 0; k < n_; ++k) {
    const size_t jk = plan.at(j, k);
    plan.state[jk] = state_[c * n_ + k];
    plan.u[jk] = u_[c * n_ + k];
    plan.flows[jk].clear();
  }
  for (uint32_t i = flow_start_[c]; i < flow_start_[c + 1]; ++i)
    plan.flows[plan.at(j, flow_k_[i])].push_back({flow_cell_[i], flow_mwh_[i]});
}

double path_npv(const Problem& P, int j, const PlantPath& path, const PriceView& pr) {
  double v = path.value;
  for (int k = 0; k < P.n; ++k) {
    const uint8_t s = path.state[k];
    if (s == kNotAlive || s == kRetired) continue;
    const size_t pk = size_t(P.province[j]) * P.n + k;
    v += pr.lam_pk[pk] * path.emissions[k] - pr.pi_pk[pk] * path.generation[k];
    if (pr.mu)
      for (const Flow& f : path.flows[k]) {
        const int row = P.cell_row[f.cell];
        if (row >= 0) v += pr.mu[size_t(k) * P.n_cell_rows + row] * f.mwh;
      }
  }
  return v;
}

}  // namespace pp
