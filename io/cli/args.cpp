#include "io/cli/args.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "io/csv.hpp"
#include "io/instance_reader.hpp"
#include "io/solution_writer.hpp"

namespace pp {

namespace {


double to_double(const std::string& opt, const std::string& v) {
  const std::string t = trim(v);
  double x = 0;
  const char* b = t.data();
  const char* e = b + t.size();
  auto [p, ec] = std::from_chars(b, e, x);
  if (t.empty() || ec != std::errc() || p != e || !std::isfinite(x))
    throw UsageError("--" + opt + ": '" + v + "' is not a number");
  return x;
}

long long to_int(const std::string& opt, const std::string& v) {
  const std::string t = trim(v);
  long long x = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), x);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size())
    throw UsageError("--" + opt + ": '" + v + "' is not an integer");
  return x;
}

uint64_t to_u64(const std::string& opt, const std::string& v) {
  const std::string t = trim(v);
  uint64_t x = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), x);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size())
    throw UsageError("--" + opt + ": '" + v + "' is not a non-negative integer");
  return x;
}

const char* const kValueOptions[] = {"pathway", "out",   "threads", "gap",       "time-limit", "max-iterations",
                                     "set",     "mode",  "cap-scope", "backend", "budget-cuer", "provinces",
                                     "sample",  "seed",  "biomass-grid", "polish-plants", "master", "option"};
const char* const kFlagOptions[] = {"quiet", "verbose", "help"};

}  // namespace

const std::string& CliArgs::instance_dir() const {
  if (positional.empty()) throw UsageError("missing the instance directory");
  return positional[0];
}

std::string CliArgs::get(const std::string& name, const std::string& dflt) const {
  auto it = extra.find(name);
  return it == extra.end() || it->second.empty() ? dflt : it->second.back();
}

CliArgs parse_args(int argc, char** argv, const std::vector<ExtraOption>& extra) {
  CliArgs a;
  a.command = argc > 0 && argv[0] ? argv[0] : "";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i] ? argv[i] : "";
    if (arg == "-h" || arg == "--help") {
      a.help = true;
      continue;
    }
    if (arg == "-q") arg = "--quiet";
    if (arg == "-v") arg = "--verbose";
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      if (arg.size() > 1 && arg[0] == '-') throw UsageError("unknown option '" + arg + "'");
      a.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2), value;
    bool has_value = false;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    bool is_value = false, is_flag = false;
    const ExtraOption* ex = nullptr;
    for (const char* o : kValueOptions) is_value |= name == o;
    for (const char* o : kFlagOptions) is_flag |= name == o;
    for (const auto& e : extra)
      if (e.name == name) ex = &e;
    if (ex) {
      is_value = ex->takes_value;
      is_flag = !ex->takes_value;
    }
    if (!is_value && !is_flag) throw UsageError("unknown option '--" + name + "' (see " + a.command + " --help)");
    if (is_flag) {
      if (has_value) throw UsageError("option '--" + name + "' takes no value");
    } else if (!has_value) {
      if (i + 1 >= argc) throw UsageError("option '--" + name + "' needs a value");
      value = argv[++i];
    }
    if (ex) {
      auto& v = a.extra[ex->name];
      if (!ex->repeatable) v.clear();
      v.push_back(is_flag ? std::string("1") : value);
      continue;
    }
    if (name == "help") a.help = true;
    else if (name == "quiet") a.solver.verbosity = 0;
    else if (name == "verbose") a.solver.verbosity = 2;
    else if (name == "pathway") a.pathway = value;
    else if (name == "out") a.out = value;
    else if (name == "threads") {
      const long long t = to_int(name, value);
      if (t < 0 || t > 4096) throw UsageError("--threads must be between 0 (all) and 4096");
      a.solver.threads = static_cast<int>(t);
    } else if (name == "gap") {
      a.solver.gap = to_double(name, value);
      if (a.solver.gap < 0) throw UsageError("--gap must be >= 0");
    } else if (name == "time-limit") {
      a.solver.time_limit = to_double(name, value);
      if (a.solver.time_limit <= 0) throw UsageError("--time-limit must be > 0 seconds");
    } else if (name == "max-iterations") {
      const long long t = to_int(name, value);
      if (t < 1 || t > 1000000000) throw UsageError("--max-iterations must be >= 1");
      a.solver.max_iterations = static_cast<int>(t);
    } else if (name == "polish-plants") {
      const long long t = to_int(name, value);
      if (t > 1000000000) throw UsageError("--polish-plants is too large");
      a.solver.polish_max_plants = static_cast<int>(t);
    } else if (name == "set") {
      a.sets.push_back(value);
    } else if (name == "mode") {
      if (value != "foresight" && value != "myopic") throw UsageError("--mode must be foresight or myopic");
      a.solver.mode = value;
    } else if (name == "cap-scope") {
      if (value != "national" && value != "provincial" && value != "country")
        throw UsageError("--cap-scope must be national, provincial or country");
      a.cap_scope = value;
    } else if (name == "backend") {
      if (value != "decomposition" && value != "cbc") throw UsageError("--backend must be decomposition or cbc");
      a.solver.backend = value;
    } else if (name == "master") {
      const std::string err = set_option(a.solver, "master", value);
      if (!err.empty()) throw UsageError("--master: " + err);
    } else if (name == "option") {
      const size_t eq = value.find('=');
      if (eq == std::string::npos) throw UsageError("--option needs name=value, got '" + value + "'");
      const std::string key = trim(value.substr(0, eq)), val = trim(value.substr(eq + 1));
      // steel.NAME: the steel sector's solver options, checked by its solve.
      if (key.rfind("steel.", 0) == 0) {
        a.steel_options.emplace_back(key.substr(6), val);
      } else {
        const std::string err = set_option(a.solver, key, val);
        if (!err.empty()) throw UsageError("--option: " + err);
      }
    } else if (name == "budget-cuer") {
      a.budget_cuer = to_double(name, value);
      if (a.budget_cuer < 0 || a.budget_cuer > 1) throw UsageError("--budget-cuer must be between 0 and 1");
    } else if (name == "provinces") {
      size_t start = 0;
      while (start <= value.size()) {
        size_t comma = value.find(',', start);
        if (comma == std::string::npos) comma = value.size();
        const std::string p = trim(value.substr(start, comma - start));
        if (!p.empty()) a.subset.provinces.push_back(p);
        start = comma + 1;
      }
      if (a.subset.provinces.empty()) throw UsageError("--provinces needs at least one province name");
    } else if (name == "sample") {
      const long long s = to_int(name, value);
      if (s < 1) throw UsageError("--sample must be >= 1");
      a.subset.sample = static_cast<long>(s);
    } else if (name == "seed") {
      a.subset.seed = to_u64(name, value);
    } else if (name == "biomass-grid") {
      a.subset.biomass_grid_km = to_double(name, value);
      if (a.subset.biomass_grid_km <= 0) throw UsageError("--biomass-grid must be > 0 km");
    }
  }
  // Every option within its range before any work (HiGHS / Ceres style).
  if (const std::string err = a.solver.IsValid(); !err.empty()) throw UsageError(err);
  return a;
}

std::string common_options_help() {
  return "Common options:\n"
         "  --pathway P            emission pathway (a name in the instance's pathways.csv)\n"
         "  --budget-cuer X        one cumulative budget, (1 - X) x cumulative BAU emissions, instead of --pathway\n"
         "  --out DIR              output directory: created, or replaced only if plantpath wrote all of it\n"
         "  --threads N            worker threads (0: all cores; default 0)\n"
         "  --gap G                relative gap to stop at (default 0.001)\n"
         "  --time-limit S         seconds (default 600)\n"
         "  --max-iterations N     master iterations (default 5000)\n"
         "  --set name=value       override a model parameter (repeatable; names in datasets/README.md)\n"
         "  --mode M               foresight (default) or myopic\n"
         "  --cap-scope S          national (default), provincial or country caps (each region: the\n"
         "                         pathway's ratio of its own BAU)\n"
         "  --backend B            decomposition (default) or cbc\n"
         "  --master M             auto (default: column generation + exact CBC finish up to 300 plants; above,\n"
         "                         branch-and-price if no biomass cell is shared, else bundle), cg (column\n"
         "                         generation with branch-and-price), bundle, or subgradient (plain Polyak\n"
         "                         steps; for comparing masters: same recovery and convergence.csv)\n"
         "  --option name=value    any solver option, range-checked (repeatable; `plantpath options` lists them)\n"
         "  --polish-plants N      polish plans of instances up to N plants with CBC (default 300; 0: never)\n"
         "  --provinces A,B        keep only the plants of these provinces\n"
         "  --sample N --seed S    keep a random subset of N plants (deterministic for a seed; default seed 1)\n"
         "  --biomass-grid KM      aggregate biomass cells into a grid of about KM km\n"
         "  --quiet, --verbose     less / more progress on stderr\n";
}

Instance load_instance(const CliArgs& a) {
  Instance in = read_instance(a.instance_dir());
  apply_overrides(in.params, a.sets);
  if (!a.cap_scope.empty()) {
    const std::string err = set_param(in.params, "cap_scope", a.cap_scope);
    if (!err.empty()) throw InputError("--cap-scope: " + err);
  }
  // PLATO's step choices shape the myopic steps; foresight has no steps.
  if (a.solver.mode != "myopic")
    for (const char* name : {"step_valuation", "flex_floor_scope", "retire_rule", "province_sequence"})
      if (in.params.*find_param(name)->member != 0)
        throw UsageError(std::string("parameter '") + name +
                         "' shapes myopic steps (PLATO's step objective): use it with --mode myopic");
  // PLATO's province loop splits a step by its provincial cap rows.
  if (in.params.province_sequence != 0 && in.params.cap_scope != kCapScopeProvincial)
    throw UsageError("parameter 'province_sequence' solves a step's provinces one at a time against their own caps: "
                     "use it with --cap-scope provincial (cap_scope is " +
                     std::string(cap_scope_name(in.params.cap_scope)) + ")");
  std::string err;
  if (!apply_subset(in, a.subset, err)) throw InputError(err);
  if (in.plants.empty()) throw InputError(a.instance_dir() + ": no plants left to solve");
  return in;
}

CouplingSpec coupling_spec(const CliArgs& a) {
  CouplingSpec spec;
  if (a.budget_cuer >= 0) {
    spec.budget_cuer = a.budget_cuer;
  } else {
    if (a.pathway.empty()) throw UsageError("--pathway P (or --budget-cuer X) is required");
    spec.pathway = a.pathway;
  }
  return spec;
}

Problem load_problem(const CliArgs& a, const Instance& in) {
  const CouplingSpec spec = coupling_spec(a);
  Problem P;
  std::string err;
  if (!build_problem(in, spec, P, err)) {
    if (!spec.pathway.empty() && err.find("is not in") != std::string::npos) {
      const auto names = pathway_names(in);
      err += " (" + std::to_string(names.size()) + " pathways available";
      for (size_t i = 0; i < names.size() && i < 8; ++i) err += (i ? ", " : ": ") + names[i];
      if (names.size() > 8) err += ", ...";
      err += ")";
    }
    throw InputError(err);
  }
  return P;
}

std::string run_json_fields(const CliArgs& a, const Instance& in) {
  std::string s;
  s += "\"instance\": " + json_string(in.dir);
  s += ", \"mode\": " + json_string(a.solver.mode);
  s += ", \"backend\": " + json_string(a.solver.backend);
  s += ", \"master\": " + json_string(a.solver.master);
  s += ", \"cap_scope\": " + json_string(cap_scope_name(in.params.cap_scope));
  s += ", \"budget_cuer\": " + (a.budget_cuer >= 0 ? json_number(a.budget_cuer) : std::string("null"));
  s += ", \"cells\": " + std::to_string(in.cells.size());
  s += ", \"subset\": {\"provinces\": [";
  for (size_t i = 0; i < a.subset.provinces.size(); ++i) s += (i ? ", " : "") + json_string(a.subset.provinces[i]);
  s += "], \"sample\": " + (a.subset.sample >= 0 ? std::to_string(a.subset.sample) : std::string("null"));
  s += ", \"seed\": " + std::to_string(a.subset.seed);
  s += ", \"biomass_grid_km\": " + (a.subset.biomass_grid_km > 0 ? json_number(a.subset.biomass_grid_km) : std::string("null"));
  s += "}, \"set\": [";
  for (size_t i = 0; i < a.sets.size(); ++i) s += (i ? ", " : "") + json_string(a.sets[i]);
  s += "], \"gap_target\": " + json_number(a.solver.gap);
  s += ", \"time_limit_s\": " + json_number(a.solver.time_limit);
  // What differs from the built-in defaults (the instance's params.toml and
  // --set together; the solver options given): the report's headline box
  // reads these, so a reader sees every departure without the command line.
  const Params defaults;
  s += ", \"parameters_not_default\": {";
  bool first = true;
  for (const ParamInfo& p : param_table()) {
    const double v = in.params.*p.member, d = defaults.*p.member;
    if (v == d) continue;
    s += std::string(first ? "" : ", ") + json_string(p.name) + ": {\"value\": " + json_number(v) +
         ", \"default\": " + json_number(d) + ", \"unit\": " + json_string(p.unit) + "}";
    first = false;
  }
  s += "}, \"options_not_default\": {";
  const SolverOptions dopt;
  first = true;
  for (const OptionInfo& o : option_table()) {
    const std::string v = get_option(a.solver, o.name), d = get_option(dopt, o.name);
    if (v == d) continue;
    s += std::string(first ? "" : ", ") + json_string(o.name) + ": {\"value\": " + json_string(v) +
         ", \"default\": " + json_string(d) + "}";
    first = false;
  }
  s += "}";
  return s;
}

std::vector<std::pair<std::string, std::string>> set_pairs(const CliArgs& a) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& s : a.sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos) throw UsageError("--set expects name=value, got '" + s + "'");
    out.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  return out;
}

}  // namespace pp
