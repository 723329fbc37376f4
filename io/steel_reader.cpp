#include "io/steel_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "io/csv.hpp"
#include "io/input_error.hpp"
#include "model/geo.hpp"

namespace pp::steel {

namespace {

std::string path_of(const std::string& dir, const char* file) {
  return (std::filesystem::path(dir) / file).string();
}

// name=value lines of params.toml (comments with #); errors name the line.
void read_params(const std::string& file, Params& prm) {
  std::ifstream in(file);
  if (!in) return;  // optional
  std::string line;
  int no = 0;
  while (std::getline(in, line)) {
    ++no;
    if (auto h = line.find('#'); h != std::string::npos) line.erase(h);
    auto trim = [](std::string s) {
      const auto a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
      return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
    };
    line = trim(line);
    if (line.empty()) continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) throw InputError(file + ":" + std::to_string(no) + ": expected 'name = value'");
    const std::string err = set_param(prm, trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
    if (!err.empty()) throw InputError(file + ":" + std::to_string(no) + ": " + err);
  }
}

// Values of one series at the decision years: listed years linearly
// interpolated; a decision year outside them is an error naming `what`.
std::vector<double> at_years(const std::map<int, double>& listed, const std::vector<int>& years,
                             const std::string& file, const std::string& what) {
  std::vector<double> out;
  for (int t : years) {
    auto hi = listed.lower_bound(t);
    if (hi != listed.end() && hi->first == t) {
      out.push_back(hi->second);
      continue;
    }
    if (hi == listed.end() || hi == listed.begin())
      throw InputError(file + ": " + what + " has no value at or around decision year " + std::to_string(t) +
                       " (listed " + std::to_string(listed.empty() ? 0 : listed.begin()->first) + "-" +
                       std::to_string(listed.empty() ? 0 : listed.rbegin()->first) + ")");
    auto lo = std::prev(hi);
    const double w = double(t - lo->first) / double(hi->first - lo->first);
    out.push_back(lo->second + w * (hi->second - lo->second));
  }
  return out;
}

int year_of(const CsvTable& t, size_t row, int col) {
  const int y = t.integer(row, col);
  if (y < 1900 || y > 2200) t.fail(row, col, "year " + std::to_string(y) + " outside 1900-2200");
  return y;
}

double nonneg(const CsvTable& t, size_t row, int col) {
  const double v = t.number(row, col);
  if (v < 0) t.fail(row, col, "must not be negative");
  return v;
}

}  // namespace

bool is_steel_instance(const std::string& dir) {
  return std::filesystem::exists(std::filesystem::path(dir) / "blocks.csv");
}

std::vector<std::string> pathway_names(const std::string& dir) {
  const CsvTable t = CsvTable::read_file(path_of(dir, "pathways.csv"));
  const int c = t.require("pathway");
  std::vector<std::string> names;
  for (size_t r = 0; r < t.rows(); ++r) {
    const std::string s = t.str(r, c);
    if (std::find(names.begin(), names.end(), s) == names.end()) names.push_back(s);
  }
  return names;
}

Instance read_instance(const std::string& dir, const std::string& pathway,
                       const std::vector<std::pair<std::string, std::string>>& sets) {
  Instance in;
  read_params(path_of(dir, "params.toml"), in.prm);
  for (const auto& [k, v] : sets)
    if (std::string e = set_param(in.prm, k, v); !e.empty()) throw InputError("--set " + k + "=" + v + ": " + e);
  if (std::string e = check(in.prm); !e.empty()) throw InputError(e);
  in.pathway = pathway;
  std::vector<int> years;
  for (int k = 0; k < in.prm.n_years(); ++k) years.push_back(in.prm.year(k));
  const size_t n = years.size();

  // Provinces (pools)
  std::map<std::string, int> prov;
  {
    const CsvTable t = CsvTable::read_file(path_of(dir, "provinces.csv"));
    const int cn = t.require("province"), cla = t.require("lat"), clo = t.require("lng");
    for (size_t r = 0; r < t.rows(); ++r) {
      const std::string name = t.str(r, cn);
      if (name.empty()) t.fail(r, cn, "empty province name");
      if (!prov.emplace(name, int(in.provinces.size())).second) t.fail(r, cn, "province '" + name + "' listed twice");
      const double la = t.number(r, cla), lo = t.number(r, clo);
      if (la < -90 || la > 90) t.fail(r, cla, "latitude outside [-90, 90]");
      if (lo < -180 || lo > 180) t.fail(r, clo, "longitude outside [-180, 180]");
      in.provinces.push_back(name);
      in.prov_lat.push_back(la);
      in.prov_lng.push_back(lo);
    }
    if (in.provinces.empty()) throw InputError(t.file() + ": no province");
  }
  // Route blocks
  {
    const CsvTable t = CsvTable::read_file(path_of(dir, "blocks.csv"));
    const int cid = t.require("block_id"), cpl = t.require("plant_id"), cnm = t.column("plant_name"),
              cpr = t.require("province"), cla = t.require("lat"), clo = t.require("lng"), cro = t.require("route"),
              cca = t.require("capacity_mt"), cst = t.column("start_year"), cre = t.column("last_relining");
    std::set<std::string> ids;
    for (size_t r = 0; r < t.rows(); ++r) {
      Block b;
      b.id = t.str(r, cid);
      if (b.id.empty()) t.fail(r, cid, "empty block id");
      if (!ids.insert(b.id).second) t.fail(r, cid, "block '" + b.id + "' listed twice");
      b.plant_id = t.str(r, cpl);
      b.plant_name = t.str(r, cnm);
      const std::string p = t.str(r, cpr);
      auto it = prov.find(p);
      if (it == prov.end()) t.fail(r, cpr, "province '" + p + "' is not in provinces.csv");
      b.province = it->second;
      b.lat = t.number(r, cla);
      b.lng = t.number(r, clo);
      if (b.lat < -90 || b.lat > 90) t.fail(r, cla, "latitude outside [-90, 90]");
      if (b.lng < -180 || b.lng > 180) t.fail(r, clo, "longitude outside [-180, 180]");
      const std::string route = t.str(r, cro);
      if (route == "BF-BOF") b.route = Route::kBFBOF;
      else if (route == "EAF") b.route = Route::kEAF;
      else t.fail(r, cro, "route '" + route + "' is not one the catalogue knows (BF-BOF, EAF)");
      b.capacity = t.number(r, cca);
      if (!(b.capacity > 0) || b.capacity > 100) t.fail(r, cca, "capacity must be in (0, 100] Mt/yr");
      if (cst >= 0 && !t.str(r, cst).empty()) b.start_year = year_of(t, r, cst);
      if (cre >= 0 && !t.str(r, cre).empty()) b.last_relining = year_of(t, r, cre);
      in.blocks.push_back(std::move(b));
    }
    if (in.blocks.empty()) throw InputError(t.file() + ": no route block");
  }
  // National series
  auto series = [&](const char* file, const char* col, const std::string& what, bool want_pathway) {
    const CsvTable t = CsvTable::read_file(path_of(dir, file));
    const int cy = t.require("year"), cv = t.require(col), cp = want_pathway ? t.require("pathway") : -1;
    std::map<int, double> listed;
    for (size_t r = 0; r < t.rows(); ++r) {
      if (want_pathway && t.str(r, cp) != pathway) continue;
      const int y = year_of(t, r, cy);
      if (!listed.emplace(y, nonneg(t, r, cv)).second) t.fail(r, cy, "year " + std::to_string(y) + " listed twice");
    }
    if (want_pathway && listed.empty()) {
      std::string known;
      for (const std::string& s : pathway_names(dir)) known += (known.empty() ? "" : ", ") + s;
      throw InputError(t.file() + ": no pathway '" + pathway + "' (known: " + known + ")");
    }
    return at_years(listed, years, t.file(), what);
  };
  in.demand = series("demand.csv", "demand_mt", "steel demand", false);
  in.grid_ef = series("grid_ef.csv", "ef_t_per_mwh", "grid emission factor", false);
  in.cap_ratio = series("pathways.csv", "ratio", "pathway '" + pathway + "'", true);
  // Scrap supply per province and year
  {
    const CsvTable t = CsvTable::read_file(path_of(dir, "scrap_supply.csv"));
    const int cp = t.require("province"), cy = t.require("year"), cv = t.require("supply_mt");
    std::vector<std::map<int, double>> listed(in.provinces.size());
    for (size_t r = 0; r < t.rows(); ++r) {
      const std::string p = t.str(r, cp);
      auto it = prov.find(p);
      if (it == prov.end()) t.fail(r, cp, "province '" + p + "' is not in provinces.csv");
      const int y = year_of(t, r, cy);
      if (!listed[size_t(it->second)].emplace(y, nonneg(t, r, cv)).second)
        t.fail(r, cy, "year " + std::to_string(y) + " listed twice for " + p);
    }
    in.supply.assign(in.provinces.size() * n, 0.0);
    for (size_t p = 0; p < in.provinces.size(); ++p) {
      if (listed[p].empty()) continue;  // a province without a pool row supplies nothing
      const std::vector<double> v = at_years(listed[p], years, t.file(), "scrap supply of " + in.provinces[p]);
      for (size_t k = 0; k < n; ++k) in.supply[p * n + k] = v[k];
    }
  }
  // Rows no plan can meet, found before any work.
  for (size_t k = 0; k < n; ++k) {
    double most = 0;
    for (const Block& b : in.blocks) most += in.prm.u_max * b.capacity;
    if (in.demand[k] > most * (1 + 1e-9))
      throw InputError(path_of(dir, "demand.csv") + ": steel demand " + std::to_string(in.demand[k]) + " Mt in " +
                       std::to_string(years[k]) + " is above what every block can make (" + std::to_string(most) +
                       " Mt at u_max)");
  }
  // A pool with supply that no block can reach under free trade is a data
  // error (a misplaced pool); with scrap_trade = 0 the pools of provinces
  // without plants are expected to go unused.
  if (in.prm.scrap_trade != 0)
    for (size_t p = 0; p < in.provinces.size(); ++p) {
      bool any = false;
      for (size_t k = 0; k < n; ++k) any = any || in.supply[p * n + k] > 0;
      bool reach = false;
      for (const Block& b : in.blocks)
        reach = reach || b.province == int(p) ||
                in.prm.detour * great_circle_km(b.lng, b.lat, in.prov_lng[p], in.prov_lat[p]) <= in.prm.scrap_max_km;
      if (any && !reach)
        throw InputError(path_of(dir, "scrap_supply.csv") + ": the scrap pool of " + in.provinces[p] +
                         " has supply but no block is within scrap_max_km (" + std::to_string(in.prm.scrap_max_km) +
                         " km) of it");
    }
  return in;
}

}  // namespace pp::steel
