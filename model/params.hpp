#pragma once
// Every parameter of papers/model.md, with its default and sensitivity range, in one
// table so that params.toml, --set, the sensitivity command and the docs all
// read the same names.
#include <string>
#include <string_view>
#include <vector>

namespace pp {

// Values of Params::cap_scope: one cap row per year for the whole fleet, per
// province, or per country.
inline constexpr int kCapScopeNational = 0, kCapScopeProvincial = 1, kCapScopeCountry = 2;
inline const char* cap_scope_name(double v) {
  return v == kCapScopeProvincial ? "provincial" : v == kCapScopeCountry ? "country" : "national";
}

struct Params {
  // Time
  double first_year = 2025;   // t_1 = Y0
  double last_year = 2050;    // t_n
  double year_step = 5;
  double lifetime = 40;       // L
  double discount_rate = 0.05;
  // Revenue and plant costs
  double price = 60;          // P, USD/MWh
  double coal_cost = 11.45;   // USD/MWh of coal-fired generation
  double om_fix = 41.66;      // USD/kW-yr
  double om_var = 31.35;      // USD/kW-yr
  // Biomass
  double bio_purchase = 10.3;     // USD/MWh
  double bio_pretreat = 6.15;     // USD/MWh
  double bio_transport_fixed = 6.75;   // USD/MWh
  double bio_transport_km = 0.065;     // USD/(MWh km)
  double be_om_fix = 18.85;   // USD/kW-yr
  double be_om_var = 27.5;    // USD/kW-yr
  double cofire_share = 0.9;  // phi
  double collection_radius_km = 200;
  // CCS
  double ccs_capture = 40;        // USD/t
  double ccs_storage = 17.39;     // USD/t
  double ccs_transport_km = 0.1195;  // USD/(t km)
  double capture_rate = 0.9;      // kappa
  double bio_credit = 0.37572;    // a_bio, t/MWh
  // Capex, USD/kW
  double capex_flex = 327.4;
  double capex_be = 327.2;
  double capex_ccs = 1559.75;
  // Operation
  double u_max = 1.0;
  double h_flex = 1500;       // h/yr floor of flexible operation
  double emission_factor = 0.8017;  // t/MWh, used unless emission_factor_source = plant
  double emission_factor_source = 0;  // 0 = constant, 1 = plant's own value
  // Coupling options
  double cap_scope = 0;       // kCapScopeNational, kCapScopeProvincial or kCapScopeCountry
  double violation_penalty = 0;  // 0 = hard constraints; > 0: USD per t / per MWh
  // PLATO's step objective (myopic mode only; papers/plato-comparison.md, "PLATO's choices"):
  double step_valuation = 0;    // 0: a step discounts its held-to-the-end cash flows; 1: undiscounted x years left
  double flex_floor_scope = 0;  // 0: u >= h_flex/H in every year with Flex; 1: only in the step adopting Flex
  double retire_rule = 0;       // 0: any plant may retire, saving its cash flows; 1: only after Flex, credited
                                //    PLATO's remaining O&M and fuel (its cost table) instead
  double province_sequence = 0; // 0: a myopic step solves its provinces jointly; 1: one at a time, in descending order
                                //    of their cap, each drawing on the biomass the earlier ones left (PLATO's main.py)

  int first() const { return static_cast<int>(first_year); }
  std::vector<int> decision_years() const;
  double biomass_cost() const { return bio_purchase + bio_pretreat + bio_transport_fixed; }
  double om() const { return om_fix + om_var; }
  double be_om() const { return be_om_fix + be_om_var; }
};

struct ParamInfo {
  const char* name;
  double Params::*member;
  double min, max;   // sensitivity range (equal to default where papers/model.md gives none)
  const char* unit;
  const char* meaning;
  const char* csv_parameter;  // row of params_economic.csv it comes from, "" if none
};

const std::vector<ParamInfo>& param_table();

// What a parameter may be at all (checked by set_param before any work):
// wider than the sensitivity range, narrow enough to catch a unit slip
// (discount_rate = 8 meant as 8%).
struct ValidRange {
  double lo, hi;
  bool integer;
};
ValidRange valid_range(std::string_view name);
const ParamInfo* find_param(std::string_view name);

// Sets `name` from text. Accepts numbers and, for the enumerated options,
// their words (national/provincial, constant/plant). Returns an error text,
// empty on success.
std::string set_param(Params& p, std::string_view name, std::string_view value);

}  // namespace pp
