#include "io/instance_reader.hpp"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "io/csv.hpp"
#include "model/technology.hpp"

namespace pp {

namespace fs = std::filesystem;

namespace {

std::string join_path(const std::string& dir, const std::string& file) {
  if (dir.empty()) return file;
  if (dir.back() == '/') return dir + file;
  return dir + "/" + file;
}

CsvTable open_csv(const std::string& dir, const std::string& file) {
  const std::string path = join_path(dir, file);
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError(path + ": missing file (required in an instance directory)");
  return CsvTable::read_file(path);
}

// Plausible ranges of the input fields (datasets/README.md lists them). They
// are wide enough for any real fleet (the world tracker's largest unit is
// 1,350 MW, its highest factor 1.95 t/MWh) and narrow enough to catch a
// wrong unit (kW for MW, kg for t, percent for a ratio) before it turns into
// "no feasible plan" after a long solve.
struct FieldRange {
  double lo, hi;
  const char* why;  // what a value above hi most likely is
};
constexpr FieldRange kCapacityMw{0, 10000, "a unit above 10 GW: kW instead of MW?"};
constexpr FieldRange kStartYear{1900, 2100, "a start year outside 1900-2100"};
constexpr FieldRange kHours{0, 8784, "more than the hours of a year (8784)"};
constexpr FieldRange kEmissionFactor{0, 3, "above 3 t/MWh: kg/MWh instead of t/MWh?"};
constexpr FieldRange kDistanceKm{0, 20040, "longer than half the Earth's circumference: m instead of km?"};
constexpr FieldRange kSupplyMwh{0, 1e10, "above 10,000 TWh/yr in one cell: kWh instead of MWh?"};
constexpr FieldRange kFloorMwh{0, 1e10, "above 10,000 TWh/yr in one province: kWh instead of MWh?"};
constexpr FieldRange kYear{1900, 2200, "a year outside 1900-2200"};
constexpr FieldRange kCapRatio{0, 10, "above 10 times BAU: percent instead of a ratio (0.5 for 50%)?"};

std::string num(double v) {
  char b[40];
  std::snprintf(b, sizeof b, "%.10g", v);
  return b;
}

void require_in(const CsvTable& t, size_t r, int c, double v, const FieldRange& f) {
  if (v < 0 && f.lo == 0) t.fail(r, c, t.str(r, c) + " is negative");
  if (v < f.lo || v > f.hi)
    t.fail(r, c, t.str(r, c) + " is outside its plausible range [" + num(f.lo) + ", " + num(f.hi) + "] (" + f.why + ")");
}

double read_in(const CsvTable& t, size_t r, int c, const FieldRange& f) {
  const double v = t.number(r, c);
  require_in(t, r, c, v, f);
  return v;
}

int read_year(const CsvTable& t, size_t r, int c, const FieldRange& f) {
  const int y = t.integer(r, c);
  require_in(t, r, c, y, f);
  return y;
}

std::string read_id(const CsvTable& t, size_t r, int c) {
  std::string s = t.str(r, c);
  if (s.empty()) t.fail(r, c, "empty, a name is required");
  return s;
}

void check_lon_lat(const CsvTable& t, size_t r, int clon, int clat, double lon, double lat) {
  if (lon < -180 || lon > 180) t.fail(r, clon, t.str(r, clon) + " is outside [-180, 180]");
  if (lat < -90 || lat > 90) t.fail(r, clat, t.str(r, clat) + " is outside [-90, 90]");
}


std::vector<PathwayRecord> read_pathways_table(const CsvTable& t) {
  const int cp = t.require("pathway"), cy = t.require("year"), cr = t.require("cap_ratio");
  std::vector<PathwayRecord> out;
  std::map<std::pair<std::string, int>, int> seen;
  out.reserve(t.rows());
  for (size_t r = 0; r < t.rows(); ++r) {
    PathwayRecord rec;
    rec.pathway = read_id(t, r, cp);
    rec.year = read_year(t, r, cy, kYear);
    rec.cap_ratio = read_in(t, r, cr, kCapRatio);
    auto [it, fresh] = seen.emplace(std::make_pair(rec.pathway, rec.year), t.line(r));
    if (!fresh)
      t.fail(r, cy, "pathway '" + rec.pathway + "' year " + std::to_string(rec.year) + " is repeated (first on line " +
                        std::to_string(it->second) + ")");
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace

std::vector<PathwayRecord> read_pathways_csv(const std::string& path) {
  return read_pathways_table(CsvTable::read_file(path));
}

void read_params_toml(const std::string& path, Params& p) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(path + ": cannot open file");
  std::string line;
  int no = 0;
  while (std::getline(f, line)) {
    ++no;
    if (no == 1 && line.size() >= 3 && (unsigned char)line[0] == 0xEF && (unsigned char)line[1] == 0xBB &&
        (unsigned char)line[2] == 0xBF)
      line.erase(0, 3);
    const std::string where = path + ":" + std::to_string(no) + ": ";
    std::string s = trim(line);
    if (s.empty() || s[0] == '#') continue;
    const size_t eq = s.find('=');
    if (eq == std::string::npos)
      throw InputError(where + "expected 'name = value', got '" + s + "' (only that form, comments and blank lines are supported)");
    const std::string name = trim(s.substr(0, eq));
    std::string value = trim(s.substr(eq + 1));
    if (name.empty()) throw InputError(where + "missing parameter name before '='");
    for (char c : name)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
        throw InputError(where + "'" + name + "' is not a parameter name");
    if (!find_param(name)) throw InputError(where + "unknown parameter '" + name + "'");
    std::string word;
    if (!value.empty() && value[0] == '"') {
      const size_t close = value.find('"', 1);
      if (close == std::string::npos) throw InputError(where + "unterminated string in '" + s + "'");
      word = value.substr(1, close - 1);
      std::string rest = trim(value.substr(close + 1));
      if (!rest.empty() && rest[0] != '#') throw InputError(where + "unexpected text '" + rest + "' after the value");
    } else {
      const size_t hash = value.find('#');
      if (hash != std::string::npos) value = trim(value.substr(0, hash));
      if (value.empty()) throw InputError(where + "missing value for '" + name + "'");
      double v = 0;
      if (!parse_finite(value, v))
        throw InputError(where + "parameter '" + name + "': '" + value +
                         "' is not a finite number (words must be quoted, e.g. \"provincial\")");
      word = value;
    }
    const std::string err = set_param(p, name, word);
    if (!err.empty()) throw InputError(where + err);
  }
}

void apply_overrides(Params& p, const std::vector<std::string>& items) {
  for (const auto& item : items) {
    const size_t eq = item.find('=');
    if (eq == std::string::npos) throw InputError("--set '" + item + "': expected name=value");
    const std::string name = trim(item.substr(0, eq));
    std::string value = trim(item.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    const std::string err = set_param(p, name, value);
    if (!err.empty()) throw InputError("--set " + item + ": " + err);
  }
}

Instance read_instance(const std::string& dir) {
  Instance in;
  in.dir = dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InputError(dir + ": not an instance directory (no such directory)");

  const std::string toml = join_path(dir, "params.toml");
  if (fs::exists(toml, ec)) read_params_toml(toml, in.params);

  // plants.csv
  {
    const CsvTable t = open_csv(dir, "plants.csv");
    const int cid = t.require("id"), cprov = t.require("province"), clon = t.require("lon"), clat = t.require("lat"),
              ccap = t.require("capacity_mw"), cstart = t.require("start_year"), chours = t.require("hours"),
              cdist = t.require("ccs_distance_km");
    const int cname = t.column("name"), ccountry = t.column("country"), cef = t.column("emission_factor_t_per_mwh"),
              cinst = t.column("installed");
    std::unordered_map<std::string, int> seen;
    in.plants.reserve(t.rows());
    for (size_t r = 0; r < t.rows(); ++r) {
      PlantRecord p;
      p.id = read_id(t, r, cid);
      auto [it, fresh] = seen.emplace(p.id, t.line(r));
      if (!fresh) t.fail(r, cid, "duplicate plant id '" + p.id + "' (first on line " + std::to_string(it->second) + ")");
      p.name = t.str(r, cname);
      p.country = t.str(r, ccountry);
      p.province = read_id(t, r, cprov);
      p.lon = t.number(r, clon);
      p.lat = t.number(r, clat);
      check_lon_lat(t, r, clon, clat, p.lon, p.lat);
      p.capacity_mw = read_in(t, r, ccap, kCapacityMw);
      p.start_year = read_year(t, r, cstart, kStartYear);
      p.hours = read_in(t, r, chours, kHours);
      p.emission_factor_t_per_mwh = t.number_or(r, cef, in.params.emission_factor);
      if (cef >= 0 && !t.str(r, cef).empty()) require_in(t, r, cef, p.emission_factor_t_per_mwh, kEmissionFactor);
      p.ccs_distance_km = read_in(t, r, cdist, kDistanceKm);
      const std::string inst = t.str(r, cinst);
      if (!parse_options(inst, p.installed))
        t.fail(r, cinst, "unknown option in '" + inst + "' (expected Flex, BE, CCS joined by '+', or empty)");
      in.plants.push_back(std::move(p));
    }
  }

  // biomass.csv and elec_floor.csv exist only where someone has the data
  // (PLATO's, for China): a missing file means no biomass and no floors.
  if (fs::exists(join_path(dir, "biomass.csv"), ec)) {
    const CsvTable t = open_csv(dir, "biomass.csv");
    const int cid = t.require("cell"), clon = t.require("lon"), clat = t.require("lat"), cs = t.require("supply_mwh");
    const int ccountry = t.column("country");
    std::unordered_map<std::string, int> seen;
    in.cells.reserve(t.rows());
    for (size_t r = 0; r < t.rows(); ++r) {
      CellRecord c;
      c.id = read_id(t, r, cid);
      auto [it, fresh] = seen.emplace(c.id, t.line(r));
      if (!fresh) t.fail(r, cid, "duplicate cell id '" + c.id + "' (first on line " + std::to_string(it->second) + ")");
      c.lon = t.number(r, clon);
      c.lat = t.number(r, clat);
      check_lon_lat(t, r, clon, clat, c.lon, c.lat);
      c.supply_mwh = read_in(t, r, cs, kSupplyMwh);
      c.country = t.str(r, ccountry);
      in.cells.push_back(std::move(c));
    }
  }

  if (fs::exists(join_path(dir, "elec_floor.csv"), ec)) {
    const CsvTable t = open_csv(dir, "elec_floor.csv");
    const int cp = t.require("province"), cy = t.require("year"), cf = t.require("floor_mwh");
    std::set<std::string> provinces;
    for (const auto& p : in.plants) provinces.insert(p.province);
    std::map<std::pair<std::string, int>, int> seen;
    for (size_t r = 0; r < t.rows(); ++r) {
      FloorRecord f;
      f.province = read_id(t, r, cp);
      if (!provinces.count(f.province))
        t.fail(r, cp, "unknown province '" + f.province + "' (no plant of plants.csv is in it)");
      f.year = read_year(t, r, cy, kYear);
      f.floor_mwh = read_in(t, r, cf, kFloorMwh);
      auto [it, fresh] = seen.emplace(std::make_pair(f.province, f.year), t.line(r));
      if (!fresh)
        t.fail(r, cy, "duplicate floor for '" + f.province + "' " + std::to_string(f.year) + " (first on line " +
                          std::to_string(it->second) + ")");
      in.floors.push_back(std::move(f));
    }
  }

  // pathways.csv
  in.pathways = read_pathways_table(open_csv(dir, "pathways.csv"));
  return in;
}

}  // namespace pp
