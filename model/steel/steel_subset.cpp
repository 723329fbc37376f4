#include "model/steel/steel_subset.hpp"

#include <algorithm>

#include "model/subset.hpp"

namespace pp::steel {

std::string keep_blocks(Instance& in, const std::vector<std::string>& provinces, long sample, uint64_t seed) {
  std::vector<Block> kept;
  for (const std::string& name : provinces)
    if (std::find(in.provinces.begin(), in.provinces.end(), name) == in.provinces.end())
      return "--provinces: unknown province '" + name + "'";
  for (const Block& b : in.blocks)
    if (provinces.empty() ||
        std::find(provinces.begin(), provinces.end(), in.provinces[size_t(b.province)]) != provinces.end())
      kept.push_back(b);
  if (kept.empty()) return "--provinces: no route block in the provinces given";
  if (sample == 0) return "--sample must be at least 1";
  if (sample > 0) {
    if (size_t(sample) > kept.size())
      return "--sample " + std::to_string(sample) + " is larger than the instance (" + std::to_string(kept.size()) +
             " blocks)";
    std::vector<Block> s;
    for (size_t i : sample_indices(kept.size(), size_t(sample), seed)) s.push_back(kept[i]);
    kept = std::move(s);
  }
  double all = 0, part = 0;
  for (const Block& b : in.blocks) all += b.capacity;
  for (const Block& b : kept) part += b.capacity;
  const double share = part / all;
  for (double& d : in.demand) d *= share;
  for (double& s : in.supply) s *= share;
  in.blocks = std::move(kept);
  return {};
}

}  // namespace pp::steel
