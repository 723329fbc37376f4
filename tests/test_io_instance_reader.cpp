// Instance reading and validation (io/csv, io/instance_reader), the subset
// transforms (model/subset) and the shared CLI option parsing (io/cli/args).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "io/cli/args.hpp"
#include "io/csv.hpp"
#include "io/instance_reader.hpp"
#include "io_test_util.hpp"
#include "model/subset.hpp"
#include "model/technology.hpp"

using namespace pp;
using namespace pp::iotest;

namespace {

// Reads the tiny instance with `file` replaced by `text`; returns the InputError message ("" if none).
std::string read_error(const std::string& file, const std::string& text) {
  auto files = tiny_files();
  files[file] = text;
  const fs::path d = write_instance("bad", files);
  try {
    read_instance(d.string());
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const char* kPlantsHeader =
    "id,name,country,province,lon,lat,capacity_mw,start_year,hours,emission_factor_t_per_mwh,ccs_distance_km,installed\n";

}  // namespace

TEST_CASE("csv: quoting, CRLF, BOM, column order, extra columns") {
  const std::string text =
      "\xEF\xBB\xBF"
      "b,a,extra\r\n"
      "\"x,1\",2,zzz\r\n"
      "\r\n"
      "\"say \"\"hi\"\"\",\"multi\nline\",\r\n";
  CsvTable t = CsvTable::parse(text, "t.csv");
  REQUIRE(t.rows() == 2);
  CHECK(t.require("a") == 1);
  CHECK(t.text(0, t.require("b")) == "x,1");
  CHECK(t.number(0, t.require("a")) == 2);
  CHECK(t.text(1, 0) == "say \"hi\"");
  CHECK(t.text(1, 1) == "multi\nline");
  CHECK(t.line(0) == 2);
  CHECK(t.line(1) == 4);
  CHECK(t.column("nope") == -1);
  CHECK_THROWS_WITH_AS(t.require("hours"), "t.csv:1: missing column 'hours'", InputError);
}

TEST_CASE("csv: a ';'- or tab-separated file is named as such") {
  const CsvTable semi = CsvTable::parse("id;capacity_mw\nA;600\n", "plants.csv");
  try {
    semi.require("id");
    FAIL("no error");
  } catch (const InputError& e) {
    const std::string m = e.what();
    CHECK(m.rfind("plants.csv:1: missing column 'id': the header is one column separated by ';'", 0) == 0);
    CHECK(m.find("re-save as CSV with ',' separators") != std::string::npos);
  }
  const CsvTable tabs = CsvTable::parse("id\tcapacity_mw\nA\t600\n", "plants.csv");
  CHECK_THROWS_WITH_AS(tabs.require("id"),
                       doctest::Contains("missing column 'id': the header is one column separated by tabs"), InputError);
  // A one-column file whose column is simply another one is not blamed on separators.
  CHECK_THROWS_WITH_AS(CsvTable::parse("name\nA\n", "p.csv").require("id"), "p.csv:1: missing column 'id'", InputError);
}

TEST_CASE("csv: numbers reject NaN, inf, empty, garbage; integers") {
  CsvTable t = CsvTable::parse("v\n1.5e3\nnan\ninf\n \n12abc\n2016.0\n2016.5\n+3\n", "n.csv");
  CHECK(t.number(0, 0) == 1500);
  CHECK_THROWS_WITH_AS(t.number(1, 0), "n.csv:3: column 'v': 'nan' is not a finite number", InputError);
  CHECK_THROWS_WITH_AS(t.number(2, 0), "n.csv:4: column 'v': 'inf' is not a finite number", InputError);
  CHECK_THROWS_WITH_AS(t.number(3, 0), "n.csv:5: column 'v': empty, a number is required", InputError);
  CHECK_THROWS_WITH_AS(t.number(4, 0), "n.csv:6: column 'v': '12abc' is not a number", InputError);
  CHECK(t.integer(5, 0) == 2016);
  CHECK_THROWS_WITH_AS(t.integer(6, 0), "n.csv:8: column 'v': '2016.5' is not an integer", InputError);
  CHECK(t.number(7, 0) == 3);
}

TEST_CASE("csv: structural errors name the line") {
  CHECK_THROWS_WITH_AS(CsvTable::parse("a,b\n1,2\n3\n", "f.csv"), "f.csv:3: 1 fields, but the header has 2", InputError);
  CHECK_THROWS_WITH_AS(CsvTable::parse("a,b\n1,\"2\n", "f.csv"), "f.csv:2: unterminated quoted field", InputError);
  CHECK_THROWS_WITH_AS(CsvTable::parse("", "f.csv"), "f.csv:1: empty file (a header row is required)", InputError);
  CHECK_THROWS_WITH_AS(CsvTable::parse("a,a\n", "f.csv"), "f.csv:1: duplicate column 'a'", InputError);
  CHECK_THROWS_WITH_AS(CsvTable::parse("a,b\n\"1\"x,2\n", "f.csv"), "f.csv:2: characters after a closing quote",
                       InputError);
}

TEST_CASE("reader: the good tiny instance reads back exactly") {
  auto files = tiny_files();
  files["params.toml"] = "# comment\n\ndiscount_rate = 0.07   # trailing comment\ncap_scope = \"provincial\"\n";
  const fs::path d = write_instance("good", files);
  const Instance in = read_instance(d.string());
  REQUIRE(in.plants.size() == 3);
  CHECK(in.plants[0].id == "A1");
  CHECK(in.plants[0].name == "Plant A, unit 1");
  CHECK(in.plants[0].province == "Hebei");
  CHECK(in.plants[0].lon == 115);
  CHECK(in.plants[0].capacity_mw == 600);
  CHECK(in.plants[0].start_year == 2010);
  CHECK(in.plants[0].hours == 5000);
  CHECK(in.plants[0].emission_factor_t_per_mwh == 0.9);
  CHECK(in.plants[0].ccs_distance_km == 100);
  CHECK(in.plants[0].installed == 0);
  CHECK(in.plants[1].installed == kCCS);
  REQUIRE(in.cells.size() == 3);
  CHECK(in.cells[1].id == "c2");
  CHECK(in.cells[1].supply_mwh == 2000);
  REQUIRE(in.floors.size() == 12);
  CHECK(in.floors[2].province == "Shanxi");
  CHECK(in.floors[2].floor_mwh == 4e6);
  REQUIRE(in.pathways.size() == 2);
  CHECK(in.pathways[1].cap_ratio == 0.5);
  CHECK(in.params.discount_rate == 0.07);
  CHECK(in.params.cap_scope == 1);
  CHECK(in.dir == d.string());
}

TEST_CASE("reader: each bad input names file, line and column") {
  const std::string P = kPlantsHeader;
  std::string e;

  e = read_error("plants.csv", "id,province,lon,lat,start_year,hours,ccs_distance_km\nA1,Hebei,115,38,2010,5000,1\n");
  CHECK(contains(e, "plants.csv:1: missing column 'capacity_mw'"));

  e = read_error("plants.csv", P + "A1,a,China,Hebei,115,38,600,2010,5000,0.9,100,\nA2,b,China,Hebei,115,38,abc,2010,5000,0.9,100,\n");
  CHECK(contains(e, "plants.csv:3: column 'capacity_mw': 'abc' is not a number"));

  e = read_error("plants.csv", P + "A1,a,China,Hebei,115,38,-5,2010,5000,0.9,100,\n");
  CHECK(contains(e, "plants.csv:2: column 'capacity_mw': -5 is negative"));

  e = read_error("plants.csv", P + "A1,a,China,Hebei,115,38,600,2010,NaN,0.9,100,\n");
  CHECK(contains(e, "plants.csv:2: column 'hours': 'NaN' is not a finite number"));

  e = read_error("plants.csv", P + "A1,a,China,Hebei,115,38,600,2010,5000,0.9,100,\nB1,b,China,Shanxi,112,37,1,2000,1,1,1,\nA1,c,China,Hebei,115,38,1,2000,1,1,1,\n");
  CHECK(contains(e, "plants.csv:4: column 'id': duplicate plant id 'A1' (first on line 2)"));

  e = read_error("plants.csv", P + "A1,a,China,Hebei,115,38,600,2010,5000,0.9,100,Flex+Solar\n");
  CHECK(contains(e, "plants.csv:2: column 'installed': unknown option in 'Flex+Solar'"));

  e = read_error("plants.csv", P + "A1,a,China,Hebei,195,38,600,2010,5000,0.9,100,\n");
  CHECK(contains(e, "plants.csv:2: column 'lon': 195 is outside [-180, 180]"));

  e = read_error("plants.csv", P + "A1,a,China,Hebei,115,38,600,2010.5,5000,0.9,100,\n");
  CHECK(contains(e, "plants.csv:2: column 'start_year': '2010.5' is not an integer"));

  e = read_error("biomass.csv", "cell,lon,lat,supply_mwh\nc1,115,38,1\nc1,115,38,2\n");
  CHECK(contains(e, "biomass.csv:3: column 'cell': duplicate cell id 'c1' (first on line 2)"));

  e = read_error("biomass.csv", "cell,lon,lat,supply_mwh\nc1,115,38,-1\n");
  CHECK(contains(e, "biomass.csv:2: column 'supply_mwh': -1 is negative"));

  e = read_error("elec_floor.csv", "province,year,floor_mwh\nHebei,2025,1\nAtlantis,2025,1\n");
  CHECK(contains(e, "elec_floor.csv:3: column 'province': unknown province 'Atlantis'"));

  e = read_error("elec_floor.csv", "province,year,floor_mwh\nHebei,2025,1\nHebei,2025,2\n");
  CHECK(contains(e, "elec_floor.csv:3: column 'year': duplicate floor for 'Hebei' 2025 (first on line 2)"));

  e = read_error("elec_floor.csv", "province,year,floor_mwh\nHebei,2025,-3\n");
  CHECK(contains(e, "elec_floor.csv:2: column 'floor_mwh': -3 is negative"));

  e = read_error("pathways.csv", "pathway,year,cap_ratio\np1,2025,1\np1,2025,0.5\n");
  CHECK(contains(e, "pathways.csv:3: column 'year': pathway 'p1' year 2025 is repeated (first on line 2)"));

  e = read_error("pathways.csv", "pathway,year,cap_ratio\np1,2025,inf\n");
  CHECK(contains(e, "pathways.csv:2: column 'cap_ratio': 'inf' is not a finite number"));

  // Plausible ranges catch a wrong unit before any work (datasets/README.md).
  struct Bad {
    const char* file;
    std::string text, message;
  };
  const Bad plausible[] = {
      {"plants.csv", P + "A1,a,China,Hebei,115,38,600000,2010,5000,0.9,100,\n",
       "plants.csv:2: column 'capacity_mw': 600000 is outside its plausible range [0, 10000] (a unit above 10 GW: "
       "kW instead of MW?)"},
      {"plants.csv", P + "A1,a,China,Hebei,115,38,1e308,2010,5000,0.9,100,\n",
       "plants.csv:2: column 'capacity_mw': 1e308 is outside its plausible range"},
      {"plants.csv", P + "A1,a,China,Hebei,115,38,600,2010,5000,850,100,\n",
       "plants.csv:2: column 'emission_factor_t_per_mwh': 850 is outside its plausible range [0, 3]"},
      {"plants.csv", P + "A1,a,China,Hebei,115,38,600,20100,5000,0.9,100,\n",
       "plants.csv:2: column 'start_year': 20100 is outside its plausible range [1900, 2100]"},
      {"plants.csv", P + "A1,a,China,Hebei,115,38,600,2010,8785,0.9,100,\n",
       "plants.csv:2: column 'hours': 8785 is outside its plausible range [0, 8784]"},
      {"plants.csv", P + "A1,a,China,Hebei,115,38,600,2010,5000,0.9,550000,\n",
       "plants.csv:2: column 'ccs_distance_km': 550000 is outside its plausible range [0, 20040]"},
      {"biomass.csv", "cell,lon,lat,supply_mwh\nc1,115,38,2e13\n",
       "biomass.csv:2: column 'supply_mwh': 2e13 is outside its plausible range [0, 1e+10]"},
      {"elec_floor.csv", "province,year,floor_mwh\nHebei,1025,1\n",
       "elec_floor.csv:2: column 'year': 1025 is outside its plausible range [1900, 2200]"},
      {"pathways.csv", "pathway,year,cap_ratio\np1,2025,50\n",
       "pathways.csv:2: column 'cap_ratio': 50 is outside its plausible range [0, 10] (above 10 times BAU: percent "
       "instead of a ratio (0.5 for 50%)?)"},
  };
  for (const Bad& b : plausible) {
    e = read_error(b.file, b.text);
    CHECK_MESSAGE(contains(e, b.message), e);
  }

  e = read_error("pathways.csv", "pathway,year,cap_ratio\np1,2025,inf\n");
  // Every message starts with the file's path inside the instance directory.
  CHECK(contains(e, "/pathways.csv:2:"));
}

TEST_CASE("reader: missing files and directories") {
  auto files = tiny_files();
  const fs::path d = write_instance("missing", files);
  fs::remove(d / "pathways.csv");
  CHECK_THROWS_WITH_AS(read_instance(d.string()), ((d / "pathways.csv").string() + ": missing file (required in an instance directory)").c_str(), InputError);
  CHECK_THROWS_AS(read_instance((d / "nope").string()), InputError);
}

TEST_CASE("reader: biomass.csv and elec_floor.csv are optional (no biomass, no floors)") {
  auto files = tiny_files();
  const fs::path d = write_instance("optional", files);
  const Instance full = read_instance(d.string());
  REQUIRE(!full.cells.empty());
  REQUIRE(!full.floors.empty());
  fs::remove(d / "biomass.csv");
  fs::remove(d / "elec_floor.csv");
  const Instance bare = read_instance(d.string());
  CHECK(bare.cells.empty());
  CHECK(bare.floors.empty());
  CHECK(bare.plants.size() == full.plants.size());
}

TEST_CASE("params.toml: subset of TOML, errors with file:line") {
  auto err = [](const std::string& toml) {
    auto files = tiny_files();
    files["params.toml"] = toml;
    const fs::path d = write_instance("toml", files);
    try {
      read_instance(d.string());
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(err("# ok\nlifetime = 30\n") == "");
  CHECK(contains(err("# c\n[section]\n"), "params.toml:2: expected 'name = value'"));
  CHECK(contains(err("lifetime = 30\nfoo = 1\n"), "params.toml:2: unknown parameter 'foo'"));
  CHECK(contains(err("lifetime = abc\n"), "params.toml:1: parameter 'lifetime': 'abc' is not a finite number"));
  CHECK(contains(err("cap_scope = \"worldwide\"\n"), "params.toml:1: parameter 'cap_scope'"));
  CHECK(contains(err("discount_rate = -1\n"), "params.toml:1: parameter 'discount_rate' = -1 is outside its valid range [0, 0.5]"));
  CHECK(contains(err("lifetime = 30 40\n"), "params.toml:1:"));
  CHECK(contains(err("lifetime = \n"), "params.toml:1: missing value for 'lifetime'"));
}

TEST_CASE("--set overrides") {
  Params p;
  apply_overrides(p, {"discount_rate=0.08", "cap_scope=provincial", " u_max = 1.5 "});
  CHECK(p.discount_rate == 0.08);
  CHECK(p.cap_scope == 1);
  CHECK(p.u_max == 1.5);
  CHECK_THROWS_WITH_AS(apply_overrides(p, {"foo=1"}), "--set foo=1: unknown parameter 'foo'", InputError);
  CHECK_THROWS_WITH_AS(apply_overrides(p, {"discount_rate"}), "--set 'discount_rate': expected name=value", InputError);
  CHECK_THROWS_AS(apply_overrides(p, {"discount_rate=nan"}), InputError);
  // A percentage where a share is meant is refused, with the likely intent.
  CHECK_THROWS_WITH_AS(apply_overrides(p, {"discount_rate=8"}),
                       "--set discount_rate=8: parameter 'discount_rate' = 8 is outside its valid range [0, 0.5] (a "
                       "share: 0.08 for 8%?)",
                       InputError);
  CHECK_THROWS_WITH_AS(apply_overrides(p, {"capture_rate=90"}), doctest::Contains("(a share: 0.9 for 90%?)"),
                       InputError);
}

TEST_CASE("subset: sampling is deterministic and documented") {
  // Pinned: the documented algorithm (mt19937_64 raw outputs, rejection, partial
  // Fisher-Yates) must give these indices on every platform.
  const auto a = sample_indices(100, 5, 42);
  const auto b = sample_indices(100, 5, 42);
  CHECK(a == b);
  CHECK(a.size() == 5);
  CHECK(std::is_sorted(a.begin(), a.end()));
  CHECK(sample_indices(100, 5, 43) != a);
  CHECK(sample_indices(4, 10, 1) == std::vector<size_t>{0, 1, 2, 3});
  // Reference by hand from the raw generator: first draw picks r0 = x mod 100.
  std::mt19937_64 rng(42);
  const uint64_t x = rng();
  const size_t r0 = size_t(x % 100);  // 2^64 mod 100 = 16: rejection practically never triggers
  CHECK(std::find(a.begin(), a.end(), r0) != a.end());
  CHECK(a == std::vector<size_t>{6, 16, 57, 78, 98});
}

TEST_CASE("subset: provinces, floor scaling, biomass grid, unreachable cells") {
  const fs::path d = write_instance("subset", tiny_files());
  const Instance full = read_instance(d.string());

  SUBCASE("unknown province lists the known ones") {
    Instance in = full;
    std::string err;
    CHECK_FALSE(apply_subset(in, SubsetSpec{{"Atlantis"}, -1, 1, 0}, err));
    CHECK(err == "unknown province 'Atlantis'; the instance has: Hebei, Shanxi");
  }
  SUBCASE("keep a province: its floors unchanged, others dropped, far cells dropped") {
    Instance in = full;
    std::string err;
    REQUIRE(apply_subset(in, SubsetSpec{{"Hebei"}, -1, 1, 0}, err));
    REQUIRE(in.plants.size() == 2);
    REQUIRE(in.floors.size() == 6);
    CHECK(in.floors[0].floor_mwh == 2e6);
    CHECK(in.floors[1].floor_mwh == 3e6);
    REQUIRE(in.cells.size() == 1);  // c1 only: c2 is ~300 km away, c3 far away
    CHECK(in.cells[0].id == "c1");
  }
  SUBCASE("floors scale by the kept plants' BAU generation alive that year") {
    Instance in = full;
    in.plants.erase(in.plants.begin());  // drop A1 (600 MW x 5000 h, alive 2010..2049)
    scale_floors(in, full.plants);
    REQUIRE(in.floors.size() == 12);
    // Hebei 2025: A2 not yet built -> 0 of 3e6 MWh.
    CHECK(in.floors[0].floor_mwh == 0);
    // Hebei 2030: A2 300 x 4000 = 1.2e6 of 3e6 + 1.2e6.
    CHECK(in.floors[1].floor_mwh == doctest::Approx(3e6 * 1.2e6 / 4.2e6).epsilon(1e-15));
    CHECK(in.floors[2].floor_mwh == 4e6);  // Shanxi untouched
  }
  SUBCASE("sample through apply_subset is reproducible") {
    Instance x = full, y = full;
    std::string err;
    REQUIRE(apply_subset(x, SubsetSpec{{}, 2, 7, 0}, err));
    REQUIRE(apply_subset(y, SubsetSpec{{}, 2, 7, 0}, err));
    REQUIRE(x.plants.size() == 2);
    CHECK(x.plants[0].id == y.plants[0].id);
    CHECK(x.plants[1].id == y.plants[1].id);
    CHECK(x.floors.size() == y.floors.size());
  }
  SUBCASE("a sample larger than the instance is refused, naming both sizes") {
    Instance x = full;
    std::string err;
    CHECK_FALSE(apply_subset(x, SubsetSpec{{}, 4, 7, 0}, err));
    CHECK(err == "--sample 4 is larger than the instance (3 plants)");
    CHECK(x.plants.size() == 3);
    REQUIRE(apply_subset(x, SubsetSpec{{}, 3, 7, 0}, err));  // the whole fleet is a valid sample
    CHECK(x.plants.size() == 3);
  }
  SUBCASE("biomass grid: sum, weighted centre, id") {
    Instance in = full;
    in.cells = {{"a", 115.05, 38.05, 100, ""}, {"b", 115.15, 38.15, 300, ""}, {"c", 112.1, 37.1, 50, ""}};
    aggregate_biomass(in, 111.0);  // 1-degree grid
    REQUIRE(in.cells.size() == 2);
    // ordered by (row, col): (37, 112) then (38, 115)
    CHECK(in.cells[0].id == "g37_112");
    CHECK(in.cells[1].id == "g38_115");
    CHECK(in.cells[1].supply_mwh == 400);
    CHECK(in.cells[1].lon == doctest::Approx((115.05 * 100 + 115.15 * 300) / 400));
    CHECK(in.cells[1].lat == doctest::Approx((38.05 * 100 + 38.15 * 300) / 400));
  }
  SUBCASE("an empty spec changes nothing") {
    Instance in = full;
    std::string err;
    REQUIRE(apply_subset(in, SubsetSpec{}, err));
    CHECK(in.cells.size() == 3);
    CHECK(in.plants.size() == 3);
  }
}

TEST_CASE("cli args: common options") {
  std::vector<std::string> v = {"solve", "inst", "--pathway", "p1", "--out=o", "--set", "a=1", "--set", "b=2",
                                "--provinces", "Hebei, Inner Mongolia", "--sample", "20", "--seed", "9",
                                "--biomass-grid", "50", "--threads", "2", "--mode", "myopic", "--quiet"};
  std::vector<char*> argv;
  for (auto& s : v) argv.push_back(s.data());
  const CliArgs a = parse_args(static_cast<int>(argv.size()), argv.data());
  CHECK(a.instance_dir() == "inst");
  CHECK(a.pathway == "p1");
  CHECK(a.out == "o");
  CHECK(a.sets == std::vector<std::string>{"a=1", "b=2"});
  CHECK(a.subset.provinces == std::vector<std::string>{"Hebei", "Inner Mongolia"});
  CHECK(a.subset.sample == 20);
  CHECK(a.subset.seed == 9);
  CHECK(a.subset.biomass_grid_km == 50);
  CHECK(a.solver.threads == 2);
  CHECK(a.solver.mode == "myopic");
  CHECK(a.solver.verbosity == 0);

  auto parse = [](std::vector<std::string> w, const std::vector<ExtraOption>& extra = {}) {
    std::vector<char*> av;
    for (auto& s : w) av.push_back(s.data());
    return parse_args(static_cast<int>(av.size()), av.data(), extra);
  };
  CHECK_THROWS_AS(parse({"solve", "--bogus"}), UsageError);
  CHECK_THROWS_AS(parse({"solve", "--gap"}), UsageError);
  CHECK_THROWS_AS(parse({"solve", "--gap", "x"}), UsageError);
  CHECK_THROWS_AS(parse({"solve", "--mode", "clairvoyant"}), UsageError);
  CHECK_THROWS_AS(parse({"solve", "--budget-cuer", "1.5"}), UsageError);
  CHECK_THROWS_AS(parse({"solve", "--sample", "0"}), UsageError);
  const CliArgs e = parse({"score", "i", "--solution", "s.sol", "--strict"}, {{"solution", true, false}, {"strict", false, false}});
  CHECK(e.get("solution") == "s.sol");
  CHECK(e.has("strict"));
  CHECK_THROWS_AS(coupling_spec(parse({"solve", "i"})), UsageError);
}

TEST_CASE("cli: load_instance applies --set before the subset and reports bad values as input errors") {
  const fs::path d = write_instance("cli", tiny_files());
  auto parse = [](std::vector<std::string> w) {
    std::vector<char*> av;
    for (auto& s : w) av.push_back(s.data());
    return parse_args(static_cast<int>(av.size()), av.data());
  };
  const Instance in = load_instance(parse({"solve", d.string(), "--set", "collection_radius_km=400", "--provinces", "Hebei"}));
  CHECK(in.cells.size() == 2);  // c2 (about 300 km) now reachable
  CHECK_THROWS_AS(load_instance(parse({"solve", d.string(), "--set", "nope=1"})), InputError);
  CHECK_THROWS_AS(load_instance(parse({"solve", d.string(), "--provinces", "Atlantis"})), InputError);
  const Problem P = load_problem(parse({"solve", d.string(), "--pathway", "p1"}), read_instance(d.string()));
  CHECK(P.np == 3);
  CHECK_THROWS_AS(load_problem(parse({"solve", d.string(), "--pathway", "p2"}), read_instance(d.string())), InputError);
}
