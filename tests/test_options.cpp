// Solver options (solver/options.hpp) and model parameters (model/params.hpp):
// every option of option_table() refuses out-of-range, non-numeric,
// non-integer and misspelt values with a message naming the option, and
// leaves the option unchanged; SolverOptions::IsValid() is empty for the
// defaults and names the option a direct out-of-range assignment breaks;
// set_param refuses unknown parameter names.
#include <doctest/doctest.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "model/params.hpp"
#include "solver/options.hpp"

using namespace pp;

namespace {

// append, not "'" + s + "'": GCC 12 warns falsely (-Wrestrict) on the latter
std::string quoted(const std::string& s) { return std::string("'").append(s).append("'"); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string num(double v) {
  char b[48];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}

// "[lo, hi]" -> lo, hi. False for word ranges.
bool parse_range(const std::string& range, double& lo, double& hi) {
  if (range.size() < 5 || range.front() != '[' || range.back() != ']') return false;
  const size_t comma = range.find(',');
  if (comma == std::string::npos) return false;
  try {
    lo = std::stod(range.substr(1, comma - 1));
    hi = std::stod(range.substr(comma + 1, range.size() - comma - 2));
  } catch (...) {
    return false;
  }
  return true;
}

std::vector<std::string> words_of(const std::string& range) {
  std::vector<std::string> out;
  size_t a = 0;
  while (a <= range.size()) {
    size_t b = range.find('|', a);
    if (b == std::string::npos) b = range.size();
    out.push_back(range.substr(a, b - a));
    a = b + 1;
  }
  return out;
}

// Options whose value must be whole (from the field types in options.hpp).
const std::set<std::string> kWhole = {"threads",          "max_iterations",    "verbosity",        "cg_primal_every",
                                      "cg_mip_nodes",     "max_nodes",         "milp_max_nodes",   "bundle_size",      "recovery_every",
                                      "recovery_rounds",  "recovery_draws",    "surplus_lps",      "polish_max_plants",
                                      "polish_full_plants"};

// Expects set_option to refuse `value` for `name`, naming the option, and to
// leave every option as it was.
void expect_refused(const std::string& name, const std::string& value) {
  SolverOptions o;
  const std::string before = get_option(o, name);
  const std::string msg = set_option(o, name, value);
  INFO("option " << name << " = '" << value << "': " << msg);
  CHECK_FALSE(msg.empty());
  CHECK(contains(msg, name));
  CHECK(get_option(o, name) == before);
  CHECK(o.IsValid().empty());
}

void expect_accepted(const std::string& name, const std::string& value) {
  SolverOptions o;
  const std::string msg = set_option(o, name, value);
  INFO("option " << name << " = '" << value << "'");
  CHECK_MESSAGE(msg.empty(), msg);
  CHECK_MESSAGE(o.IsValid().empty(), o.IsValid());
}

}  // namespace

TEST_CASE("option_table lists every option once, with a range and a meaning") {
  const auto& table = option_table();
  REQUIRE(!table.empty());
  std::set<std::string> names;
  for (const auto& info : table) {
    INFO("option " << info.name);
    CHECK(names.insert(info.name).second);
    REQUIRE(info.range != nullptr);
    REQUIRE(info.meaning != nullptr);
    CHECK(std::string(info.range).size() > 0);
    CHECK(std::string(info.meaning).size() > 0);
    // the default is within the range
    const SolverOptions o;
    const std::string def = get_option(o, info.name);
    CHECK_FALSE(def.empty());
    SolverOptions copy;
    CHECK_MESSAGE(set_option(copy, info.name, def).empty(), "default '" << def << "' refused");
  }
  // the options the CLI and the papers talk about are all settable by name
  for (const char* n : {"threads", "gap", "time_limit", "max_iterations", "verbosity", "mode", "backend", "master",
                        "cg_smoothing", "cg_primal_every", "cg_mip_nodes", "max_nodes", "prox_initial", "bundle_size",
                        "serious_step", "recovery_every", "recovery_flatness", "recovery_rounds", "recovery_draws",
                        "surplus_lps", "polish_max_plants", "polish_full_plants", "polish_share"})
    CHECK_MESSAGE(names.count(n) == 1, "option " << n << " is not in option_table()");
}

TEST_CASE("every option refuses out-of-range, non-numeric and misspelt values, naming the option") {
  int numeric = 0, worded = 0;
  for (const auto& info : option_table()) {
    const std::string name = info.name;
    const std::string range = info.range;
    double lo = 0, hi = 0;
    if (parse_range(range, lo, hi)) {
      ++numeric;
      INFO("option " << name << " range " << range);
      REQUIRE(lo <= hi);
      // the bounds themselves are valid
      expect_accepted(name, num(lo));
      expect_accepted(name, num(hi));
      // just outside each bound, and far outside
      const double below = lo - std::max(1.0, std::fabs(lo)) * (kWhole.count(name) ? 1.0 : 0.5);
      const double above = hi + std::max(1.0, std::fabs(hi)) * (kWhole.count(name) ? 1.0 : 0.5);
      expect_refused(name, num(below));
      expect_refused(name, num(above));
      if (!kWhole.count(name)) {  // the closest doubles outside the closed range
        expect_refused(name, num(std::nextafter(lo, -std::numeric_limits<double>::infinity())));
        expect_refused(name, num(std::nextafter(hi, std::numeric_limits<double>::infinity())));
      }
      expect_refused(name, "-1e300");
      expect_refused(name, "1e300");
      // the refusal of an out-of-range number gives the range
      {
        SolverOptions o;
        const std::string msg = set_option(o, name, num(above));
        CHECK_MESSAGE(contains(msg, range), msg);
      }
      // not numbers
      for (const char* bad : {"", "abc", "nan", "NaN", "inf", "-inf", "1,5", " 1", "1 ", "1x", "0x10", "--1", "one"})
        expect_refused(name, bad);
      // a fraction where a whole number is needed
      if (kWhole.count(name)) {
        const double mid = std::floor(lo) + 0.5;
        if (mid > lo && mid < hi) expect_refused(name, num(mid));
      }
    } else {
      ++worded;
      INFO("option " << name << " words " << range);
      const auto words = words_of(range);
      REQUIRE(words.size() >= 2);
      for (const auto& w : words) {
        expect_accepted(name, w);
        SolverOptions o;
        REQUIRE(set_option(o, name, w).empty());
        CHECK(get_option(o, name) == w);
        // misspellings: case, truncation, extra letters, blanks, typo
        std::string upper = w;
        upper[0] = static_cast<char>(std::toupper(upper[0]));
        expect_refused(name, upper);
        expect_refused(name, w.substr(0, w.size() - 1));
        expect_refused(name, w + "s");
        expect_refused(name, " " + w);
        expect_refused(name, w + " ");
        std::string typo = w;
        typo[typo.size() / 2] = typo[typo.size() / 2] == 'x' ? 'y' : 'x';
        expect_refused(name, typo);
      }
      expect_refused(name, "");
      expect_refused(name, "bogus");
      expect_refused(name, range);  // the whole list is not a value
      expect_refused(name, "1");
    }
  }
  CHECK(numeric > 0);
  CHECK(worded >= 3);  // mode, backend, master
}

TEST_CASE("set_option sets the value it accepts") {
  SolverOptions o;
  CHECK(set_option(o, "gap", "0.25").empty());
  CHECK(o.gap == 0.25);
  CHECK(set_option(o, "threads", "3").empty());
  CHECK(o.threads == 3);
  CHECK(set_option(o, "max_nodes", "123456789012").empty());
  CHECK(o.max_nodes == 123456789012L);
  CHECK(set_option(o, "mode", "myopic").empty());
  CHECK(o.mode == "myopic");
  CHECK(set_option(o, "master", "cg").empty());
  CHECK(o.master == "cg");
  CHECK(set_option(o, "time_limit", "1.5").empty());
  CHECK(o.time_limit == 1.5);
  CHECK(o.IsValid().empty());
  CHECK(get_option(o, "gap") == "0.25");
  CHECK(get_option(o, "threads") == "3");
}

TEST_CASE("misspelt option names are refused, naming the name given") {
  for (const char* bad : {"gapp", "Gap", "GAP", "time-limit", "timelimit", "time_limit ", " gap", "", "bundle",
                          "thread", "max_iteration", "masters", "option", "gap=0.1"}) {
    SolverOptions o;
    const std::string msg = set_option(o, bad, "1");
    INFO("name '" << bad << "': " << msg);
    CHECK_FALSE(msg.empty());
    CHECK(contains(msg, quoted(bad)));
    CHECK(o.IsValid().empty());
    CHECK(get_option(o, "gap") == get_option(SolverOptions{}, "gap"));
  }
}

TEST_CASE("IsValid: defaults are valid, a field set out of range directly is named") {
  CHECK(SolverOptions{}.IsValid().empty());
  struct Case {
    const char* name;
    std::function<void(SolverOptions&)> set;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Case> cases = {
      {"gap", [](SolverOptions& o) { o.gap = -1; }},
      {"gap", [](SolverOptions& o) { o.gap = 2; }},
      {"gap", [nan](SolverOptions& o) { o.gap = nan; }},
      {"bundle_size", [](SolverOptions& o) { o.bundle_size = 0; }},
      {"bundle_size", [](SolverOptions& o) { o.bundle_size = 1; }},
      {"time_limit", [](SolverOptions& o) { o.time_limit = 0; }},
      {"time_limit", [](SolverOptions& o) { o.time_limit = -5; }},
      {"time_limit", [inf](SolverOptions& o) { o.time_limit = inf; }},
      {"time_limit", [nan](SolverOptions& o) { o.time_limit = nan; }},
      {"master", [](SolverOptions& o) { o.master = "bogus"; }},
      {"master", [](SolverOptions& o) { o.master = ""; }},
      {"master", [](SolverOptions& o) { o.master = "CG"; }},
      {"mode", [](SolverOptions& o) { o.mode = "clairvoyant"; }},
      {"mode", [](SolverOptions& o) { o.mode = "Foresight"; }},
      {"backend", [](SolverOptions& o) { o.backend = "gurobi"; }},
      {"threads", [](SolverOptions& o) { o.threads = -1; }},
      {"max_iterations", [](SolverOptions& o) { o.max_iterations = 0; }},
      {"verbosity", [](SolverOptions& o) { o.verbosity = 3; }},
      {"verbosity", [](SolverOptions& o) { o.verbosity = -1; }},
      {"cg_smoothing", [](SolverOptions& o) { o.cg_smoothing = 1.0; }},
      {"cg_smoothing", [](SolverOptions& o) { o.cg_smoothing = -0.1; }},
      {"cg_primal_every", [](SolverOptions& o) { o.cg_primal_every = 0; }},
      {"cg_mip_nodes", [](SolverOptions& o) { o.cg_mip_nodes = 0; }},
      {"max_nodes", [](SolverOptions& o) { o.max_nodes = 0; }},
      {"max_nodes", [](SolverOptions& o) { o.max_nodes = -7; }},
      {"milp_max_nodes", [](SolverOptions& o) { o.milp_max_nodes = 0; }},
      {"prox_initial", [](SolverOptions& o) { o.prox_initial = -1; }},
      {"serious_step", [](SolverOptions& o) { o.serious_step = 0; }},
      {"serious_step", [](SolverOptions& o) { o.serious_step = 1; }},
      {"recovery_every", [](SolverOptions& o) { o.recovery_every = 0; }},
      {"recovery_flatness", [](SolverOptions& o) { o.recovery_flatness = -0.5; }},
      {"recovery_rounds", [](SolverOptions& o) { o.recovery_rounds = 0; }},
      {"recovery_draws", [](SolverOptions& o) { o.recovery_draws = -1; }},
      {"surplus_lps", [](SolverOptions& o) { o.surplus_lps = -1; }},
      {"polish_max_plants", [](SolverOptions& o) { o.polish_max_plants = -1; }},
      {"polish_full_plants", [](SolverOptions& o) { o.polish_full_plants = -1; }},
      {"polish_share", [](SolverOptions& o) { o.polish_share = 0.99; }},
      {"polish_share", [](SolverOptions& o) { o.polish_share = -0.01; }},
  };
  for (const auto& c : cases) {
    SolverOptions o;
    c.set(o);
    const std::string msg = o.IsValid();
    INFO("option " << c.name << ": '" << msg << "'");
    CHECK_FALSE(msg.empty());
    // names that option (and not another one whose name it contains)
    CHECK(contains(msg, std::string("option ") + c.name + " "));
  }
  // the five of the brief, spelled out
  {
    SolverOptions o;
    o.gap = -1;
    CHECK(contains(o.IsValid(), "gap"));
  }
  {
    SolverOptions o;
    o.bundle_size = 0;
    CHECK(contains(o.IsValid(), "bundle_size"));
  }
  {
    SolverOptions o;
    o.time_limit = 0;
    CHECK(contains(o.IsValid(), "time_limit"));
  }
  {
    SolverOptions o;
    o.master = "bogus";
    CHECK(contains(o.IsValid(), "master"));
    CHECK(contains(o.IsValid(), "bogus"));
  }
  {
    SolverOptions o;
    o.mode = "clairvoyant";
    CHECK(contains(o.IsValid(), "mode"));
    CHECK(contains(o.IsValid(), "clairvoyant"));
  }
  // every listed value of the word options is valid when set directly
  for (const char* w : {"foresight", "myopic"}) {
    SolverOptions o;
    o.mode = w;
    CHECK(o.IsValid().empty());
  }
  for (const char* w : {"auto", "cg", "bundle"}) {
    SolverOptions o;
    o.master = w;
    CHECK(o.IsValid().empty());
  }
  for (const char* w : {"decomposition", "cbc"}) {
    SolverOptions o;
    o.backend = w;
    CHECK(o.IsValid().empty());
  }
}

TEST_CASE("set_param refuses unknown parameter names and leaves the parameters unchanged") {
  for (const char* bad : {"discount", "Discount_rate", "discount_rate ", " discount_rate", "", "r", "gap", "mode",
                          "year-step", "yearstep", "capex", "capex_CCS", "price_usd", "lifetime_years",
                          "discount_rate=0.05"}) {
    Params p;
    const std::string msg = set_param(p, bad, "0.05");
    INFO("name '" << bad << "': " << msg);
    CHECK_FALSE(msg.empty());
    CHECK(contains(msg, quoted(bad)));
    const Params def;
    for (const auto& info : param_table()) CHECK(p.*(info.member) == def.*(info.member));
  }
  // every name of the table is known (a value inside its own sensitivity range is accepted)
  for (const auto& info : param_table()) {
    Params p;
    const std::string value = num(info.min);
    CHECK_MESSAGE(set_param(p, info.name, value).empty(), info.name << " = " << value << " refused");
    CHECK(p.*(info.member) == info.min);
  }
}
