#include "model/params.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

namespace pp {

std::vector<int> Params::decision_years() const {
  std::vector<int> ys;
  const int step = static_cast<int>(year_step);
  for (int y = first(); y <= static_cast<int>(last_year); y += step) ys.push_back(y);
  return ys;
}

const std::vector<ParamInfo>& param_table() {
  static const std::vector<ParamInfo> t = {
      {"first_year", &Params::first_year, 2025, 2025, "year", "first decision year t_1 = base year Y0", ""},
      {"last_year", &Params::last_year, 2050, 2050, "year", "last decision year t_n", ""},
      {"year_step", &Params::year_step, 5, 5, "years", "spacing of decision years", ""},
      {"lifetime", &Params::lifetime, 25, 40, "years", "plant lifetime L", "Life time"},
      {"discount_rate", &Params::discount_rate, 0.03, 0.08, "1/yr", "discount rate r", "Depriciation rate"},
      {"price", &Params::price, 48, 72, "USD/MWh", "electricity price P", ""},
      {"coal_cost", &Params::coal_cost, 1.9, 21, "USD/MWh", "coal fuel cost f_coal", "PP-coalCost"},
      {"om_fix", &Params::om_fix, 29.3, 54, "USD/kW-yr", "plant fixed O&M", "PP-fixOM"},
      {"om_var", &Params::om_var, 24, 38.7, "USD/kW-yr", "plant variable O&M", "PP-variableOM"},
      {"bio_purchase", &Params::bio_purchase, 2.12, 18.47, "USD/MWh", "biomass purchase f_buy", "BE-purchaseCost"},
      {"bio_pretreat", &Params::bio_pretreat, 2.4, 9.9, "USD/MWh", "biomass pretreatment f_pre", "BE-pretreatCost"},
      {"bio_transport_fixed", &Params::bio_transport_fixed, 0.33, 13.17, "USD/MWh", "biomass transport fixed part f_tr0", "BE-transportCost2"},
      {"bio_transport_km", &Params::bio_transport_km, 0.00045, 0.13, "USD/(MWh km)", "biomass haulage f_trkm", "BE-transportCost1"},
      {"be_om_fix", &Params::be_om_fix, 5.5, 32.2, "USD/kW-yr", "BE fixed O&M", "BE-fixOM"},
      {"be_om_var", &Params::be_om_var, 25, 30, "USD/kW-yr", "BE variable O&M", "BE-variableOM"},
      {"cofire_share", &Params::cofire_share, 0.9, 0.9, "-", "max biomass share of generation phi", ""},
      {"collection_radius_km", &Params::collection_radius_km, 200, 200, "km", "biomass collection radius R", ""},
      {"ccs_capture", &Params::ccs_capture, 29, 51, "USD/t", "CCS capture cost c_cap", "CCS-captureCost"},
      {"ccs_storage", &Params::ccs_storage, 2.93, 31.85, "USD/t", "CO2 storage cost c_sto", "CCS-storageCost"},
      {"ccs_transport_km", &Params::ccs_transport_km, 0.015, 0.224, "USD/(t km)", "CO2 transport cost c_trkm", "CCS-transportCost"},
      {"capture_rate", &Params::capture_rate, 0.4, 0.9, "-", "CCS capture rate kappa", "Carbon capture rate"},
      {"bio_credit", &Params::bio_credit, 0.37572, 0.37572, "t/MWh", "negative emission a_bio of biomass with CCS", ""},
      {"capex_flex", &Params::capex_flex, 163.7, 982.2, "USD/kW", "Flex retrofit investment", "flex"},
      {"capex_be", &Params::capex_be, 140.7, 513.7, "USD/kW", "BE retrofit investment", "BE-capital"},
      {"capex_ccs", &Params::capex_ccs, 205, 2914.5, "USD/kW", "CCS retrofit investment", "CCS-capital"},
      {"u_max", &Params::u_max, 1.0, 1.7, "-", "upper bound of the utilisation multiplier u", ""},
      {"h_flex", &Params::h_flex, 1500, 1500, "h/yr", "lowest operating hours with Flex", ""},
      {"emission_factor", &Params::emission_factor, 0.8017, 0.8017, "t/MWh", "constant emission factor e", ""},
      {"emission_factor_source", &Params::emission_factor_source, 0, 1, "0 or 1", "constant (0) or the plant's own factor from the input (1, 'plant')", ""},
      {"cap_scope", &Params::cap_scope, 0, 2, "0, 1 or 2", "national (0), provincial (1) or country (2) emission caps", ""},
      {"violation_penalty", &Params::violation_penalty, 0, 0, "USD/t, USD/MWh", "0: hard coupling rows; >0: penalised soft rows", ""},
      {"step_valuation", &Params::step_valuation, 0, 0, "0 or 1", "myopic steps value cash flows discounted (0, 'discounted') or undiscounted times the years left (1, 'undiscounted': PLATO)", ""},
      {"flex_floor_scope", &Params::flex_floor_scope, 0, 0, "0 or 1", "the h_flex floor holds in every year with Flex (0, 'always') or only in the myopic step adopting Flex (1, 'adoption': PLATO)", ""},
      {"retire_rule", &Params::retire_rule, 0, 0, "0 or 1", "myopic steps: any plant may retire, ending its cash flows (0, 'any'); or only one with Flex from an earlier step, credited its remaining O&M and fuel discounted to its commissioning year (1, 'plato')", ""},
      {"province_sequence", &Params::province_sequence, 0, 0, "0 or 1", "myopic steps with provincial caps: provinces solved jointly, sharing the biomass cells (0, 'joint'); or one at a time in descending order of their cap, each using the biomass the earlier ones left (1, 'sequential': PLATO)", ""},
  };
  return t;
}

namespace {

std::string num(double v) {
  char b[40];
  std::snprintf(b, sizeof b, "%.10g", v);
  return b;
}

}  // namespace

ValidRange valid_range(std::string_view name) {
  struct Row { const char* name; ValidRange r; };
  static const Row rows[] = {
      {"first_year", {1990, 2100, true}},    {"last_year", {1990, 2150, true}},
      {"year_step", {1, 50, true}},          {"lifetime", {1, 100, true}},
      {"discount_rate", {0, 0.5, false}},    {"cofire_share", {0, 1, false}},
      {"collection_radius_km", {0, 2000, false}}, {"bio_transport_km", {0, 10, false}},
      {"ccs_transport_km", {0, 10, false}},  {"capture_rate", {0, 1, false}},
      {"bio_credit", {0, 5, false}},         {"capex_flex", {0, 20000, false}},
      {"capex_be", {0, 20000, false}},       {"capex_ccs", {0, 20000, false}},
      {"u_max", {1, 10, false}},             {"h_flex", {0, 8760, false}},
      {"emission_factor", {0, 5, false}},    {"emission_factor_source", {0, 1, true}},
      {"cap_scope", {0, 2, true}},           {"violation_penalty", {0, 1e9, false}},
      {"step_valuation", {0, 1, true}},      {"flex_floor_scope", {0, 1, true}},
      {"retire_rule", {0, 1, true}},        {"province_sequence", {0, 1, true}},
  };
  for (const Row& r : rows)
    if (name == r.name) return r.r;
  return {0, 1000, false};  // prices, fuel, O&M and per-t costs: USD per MWh, kW-yr or t
}

const ParamInfo* find_param(std::string_view name) {
  for (const auto& p : param_table())
    if (name == p.name) return &p;
  return nullptr;
}

std::string set_param(Params& p, std::string_view name, std::string_view value) {
  // A preset, not a parameter: every choice of PLATO's code that plantpath
  // reproduces (papers/plato-comparison.md), each also settable on its own.
  if (name == "objective") {
    if (value == "model") return {};
    if (value != "plato") return "objective: '" + std::string(value) + "' is not a preset (plato or model)";
    for (const auto& [n, v] : {std::pair<const char*, const char*>{"step_valuation", "1"}, {"flex_floor_scope", "1"},
                               {"retire_rule", "1"}, {"province_sequence", "1"}, {"u_max", "1.7"}, {"collection_radius_km", "400"},
                               {"cap_scope", "provincial"}})
      if (std::string e = set_param(p, n, v); !e.empty()) return e;
    return {};
  }
  const ParamInfo* info = find_param(name);
  if (!info) return "unknown parameter '" + std::string(name) + "'";
  double v = 0;
  // Parameters that also take words: (name, word for 0, word for 1[, word for 2]).
  struct Words { const char* name; const char* w[3]; };
  static const Words words[] = {
      {"cap_scope", {"national", "provincial", "country"}},
      {"emission_factor_source", {"constant", "plant", nullptr}},
      {"step_valuation", {"discounted", "undiscounted", nullptr}},
      {"flex_floor_scope", {"always", "adoption", nullptr}},
      {"retire_rule", {"any", "plato", nullptr}},
      {"province_sequence", {"joint", "sequential", nullptr}},
  };
  const Words* named = nullptr;
  for (const Words& w : words)
    if (name == w.name) named = &w;
  int word = -1;
  if (named)
    for (int i = 0; i < 3; ++i)
      if (named->w[i] && value == named->w[i]) word = i;
  if (word >= 0) {
    v = word;
  } else {
    const char* b = value.data();
    const char* e = b + value.size();
    auto [ptr, ec] = std::from_chars(b, e, v);
    if (ec != std::errc() || ptr != e || !std::isfinite(v)) {
      std::string msg = "parameter '" + std::string(name) + "': '" + std::string(value) + "' is not a finite number";
      if (named) {
        msg += " nor one of";
        for (int i = 0; i < 3; ++i)
          if (named->w[i]) msg += std::string(i ? "," : "") + " '" + named->w[i] + "' (" + std::to_string(i) + ")";
      }
      return msg;
    }
  }
  const ValidRange r = valid_range(name);
  if (v < r.lo || v > r.hi) {
    std::string msg = "parameter '" + std::string(name) + "' = " + std::string(value) + " is outside its valid range [" +
                      num(r.lo) + ", " + num(r.hi) + "]";
    if (r.hi <= 1 && v > 1 && v <= 100) msg += " (a share: " + num(v / 100) + " for " + num(v) + "%?)";
    return msg;
  }
  if (r.integer && v != std::floor(v)) return "parameter '" + std::string(name) + "' must be a whole number";
  p.*(info->member) = v;
  if (p.year_step < 1) return "year_step must be >= 1";
  if (p.last_year < p.first_year) return "last_year must be >= first_year";
  if (p.lifetime < 1) return "lifetime must be >= 1";
  if (p.u_max < 1) return "u_max must be >= 1";
  return {};
}

}  // namespace pp
