#include "solver/options.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace pp {

namespace {

enum class Kind { kInt, kLong, kReal, kWord };
struct Spec {
  const char* name;
  Kind kind;
  double lo, hi;           // numbers: closed range
  const char* words;       // words: '|'-separated
  const char* meaning;
  int SolverOptions::*i = nullptr;
  long SolverOptions::*l = nullptr;
  double SolverOptions::*d = nullptr;
  std::string SolverOptions::*w = nullptr;
};

const std::vector<Spec>& specs() {
  static const std::vector<Spec> t = {
      {"threads", Kind::kInt, 0, 4096, "", "worker threads (0: all hardware threads)", &SolverOptions::threads},
      {"gap", Kind::kReal, 0, 1, "", "target relative gap (TC - bound) / TC", nullptr, nullptr, &SolverOptions::gap},
      {"time_limit", Kind::kReal, 0.01, 1e7, "", "seconds; the run ends within 2% (at least 1 s) of it", nullptr,
       nullptr, &SolverOptions::time_limit},
      {"max_iterations", Kind::kInt, 1, 1e8, "", "master iterations / pricing rounds", &SolverOptions::max_iterations},
      {"verbosity", Kind::kInt, 0, 2, "", "0 quiet, 1 progress, 2 detail", &SolverOptions::verbosity},
      {"mode", Kind::kWord, 0, 0, "foresight|myopic", "intertemporal or PLATO's step by step", nullptr, nullptr,
       nullptr, &SolverOptions::mode},
      {"backend", Kind::kWord, 0, 0, "decomposition|cbc", "decomposition or the monolithic MILP in CBC", nullptr,
       nullptr, nullptr, &SolverOptions::backend},
      {"master", Kind::kWord, 0, 0, "auto|cg|bundle|subgradient", "the decomposition's master", nullptr, nullptr, nullptr,
       &SolverOptions::master},
      {"split_components", Kind::kInt, 0, 1, "", "1: solve plants sharing no coupling row apart (countries under country caps)",
       &SolverOptions::split_components},
      {"cg_smoothing", Kind::kReal, 0, 0.99, "", "initial dual smoothing weight (column generation)", nullptr, nullptr,
       &SolverOptions::cg_smoothing},
      {"cg_primal_every", Kind::kInt, 1, 1e6, "", "vertex primal every N pricing rounds",
       &SolverOptions::cg_primal_every},
      {"cg_mip_nodes", Kind::kLong, 1, 1e9, "", "node limit of each vertex MIP", nullptr, &SolverOptions::cg_mip_nodes},
      {"max_nodes", Kind::kLong, 1, 1e12, "", "branch-and-price node limit", nullptr, &SolverOptions::max_nodes},
      {"milp_max_nodes", Kind::kLong, 1, 1e9, "", "CBC node limit (monolithic MILP, exact finish, polish)", nullptr,
       &SolverOptions::milp_max_nodes},
      {"prox_initial", Kind::kReal, 0, 1e12, "", "bundle: initial proximal weight (0: from the data)", nullptr,
       nullptr, &SolverOptions::prox_initial},
      {"bundle_size", Kind::kInt, 2, 10000, "", "bundle: cuts kept", &SolverOptions::bundle_size},
      {"serious_step", Kind::kReal, 1e-6, 0.999, "", "bundle: descent test m", nullptr, nullptr,
       &SolverOptions::serious_step},
      {"recovery_every", Kind::kInt, 1, 1e8, "", "bundle: recovery every N iterations once started",
       &SolverOptions::recovery_every},
      {"recovery_flatness", Kind::kReal, 0, 1, "", "bundle: first recovery when the bound gains less over 10 its",
       nullptr, nullptr, &SolverOptions::recovery_flatness},
      {"recovery_rounds", Kind::kInt, 1, 10000, "", "bundle: repair rounds per recovery",
       &SolverOptions::recovery_rounds},
      {"recovery_draws", Kind::kInt, 0, 1000, "", "bundle: roundings per recovery", &SolverOptions::recovery_draws},
      {"surplus_lps", Kind::kInt, 0, 1000, "", "bundle: LPs of the surplus-BE pass after a better recovery (0: off)",
       &SolverOptions::surplus_lps},
      {"polish_max_plants", Kind::kInt, 0, 1e7, "", "bundle: CBC polish up to this many plants (0: off)",
       &SolverOptions::polish_max_plants},
      {"polish_full_plants", Kind::kInt, 0, 1e7, "", "bundle: unrestricted MILP polish up to this many plants",
       &SolverOptions::polish_full_plants},
      {"polish_share", Kind::kReal, 0, 0.95, "", "bundle: share of the time limit kept for the polish", nullptr,
       nullptr, &SolverOptions::polish_share},
  };
  return t;
}

std::string fmt(double v) {
  char b[48];
  std::snprintf(b, sizeof b, "%.10g", v);
  return b;
}

std::string range_of(const Spec& s) {
  if (s.kind == Kind::kWord) return s.words;
  std::string r = "[";  // appended, not "[" + ...: GCC 12's -Wrestrict misfires on literal + temporary
  r += fmt(s.lo);
  r += ", ";
  r += fmt(s.hi);
  r += "]";
  return r;
}

bool word_ok(const Spec& s, const std::string& v) {
  std::string_view all = s.words;
  size_t a = 0;
  while (a <= all.size()) {
    size_t b = all.find('|', a);
    if (b == std::string_view::npos) b = all.size();
    if (all.substr(a, b - a) == v) return true;
    a = b + 1;
  }
  return false;
}

const Spec* find(const std::string& name) {
  for (const auto& s : specs())
    if (name == s.name) return &s;
  return nullptr;
}

}  // namespace

const std::vector<OptionInfo>& option_table() {
  static const std::vector<OptionInfo> t = [] {
    std::vector<OptionInfo> o;
    static std::vector<std::string> ranges;
    ranges.reserve(specs().size());
    for (const auto& s : specs()) ranges.push_back(range_of(s));
    for (size_t i = 0; i < specs().size(); ++i) o.push_back({specs()[i].name, ranges[i].c_str(), specs()[i].meaning});
    return o;
  }();
  return t;
}

std::string get_option(const SolverOptions& o, const std::string& name) {
  const Spec* s = find(name);
  if (!s) return "";
  switch (s->kind) {
    case Kind::kInt: return std::to_string(o.*(s->i));
    case Kind::kLong: return std::to_string(o.*(s->l));
    case Kind::kReal: return fmt(o.*(s->d));
    case Kind::kWord: return o.*(s->w);
  }
  return "";
}

std::string SolverOptions::IsValid() const {
  for (const auto& s : specs()) {
    bool ok = true;
    switch (s.kind) {
      case Kind::kInt: ok = this->*(s.i) >= s.lo && this->*(s.i) <= s.hi; break;
      case Kind::kLong: ok = double(this->*(s.l)) >= s.lo && double(this->*(s.l)) <= s.hi; break;
      case Kind::kReal: ok = std::isfinite(this->*(s.d)) && this->*(s.d) >= s.lo && this->*(s.d) <= s.hi; break;
      case Kind::kWord: ok = word_ok(s, this->*(s.w)); break;
    }
    if (!ok) return std::string("option ") + s.name + " = " + get_option(*this, s.name) + " is out of range " + range_of(s);
  }
  return {};
}

std::string set_option(SolverOptions& o, const std::string& name, const std::string& value) {
  const Spec* s = find(name);
  if (!s) {
    std::string names;
    for (const auto& x : specs()) names += std::string(names.empty() ? "" : ", ") + x.name;
    return "unknown option '" + name + "' (options: " + names + ")";
  }
  if (s->kind == Kind::kWord) {
    if (!word_ok(*s, value)) return "option " + name + " = '" + value + "' must be one of " + s->words;
    o.*(s->w) = value;
    return {};
  }
  double v = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || p != value.data() + value.size() || !std::isfinite(v))
    return "option " + name + " = '" + value + "' is not a number";
  if (v < s->lo || v > s->hi) return "option " + name + " = " + value + " is out of range " + range_of(*s);
  if (s->kind != Kind::kReal && v != std::floor(v)) return "option " + name + " = " + value + " must be an integer";
  switch (s->kind) {
    case Kind::kInt: o.*(s->i) = static_cast<int>(v); break;
    case Kind::kLong: o.*(s->l) = static_cast<long>(v); break;
    default: o.*(s->d) = v; break;
  }
  return {};
}

}  // namespace pp
