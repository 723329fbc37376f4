#include "model/steel/steel_params.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace pp::steel {

int Params::n_years() const {
  return static_cast<int>((last_year - first_year) / year_step) + 1;
}

const std::vector<ParamInfo>& steel_param_table() {
  static const std::vector<ParamInfo> t = {
      {"discount_rate", &Params::discount_rate, 0.0, 0.2, false, "1/yr", "discount rate"},
      {"first_year", &Params::first_year, 2020, 2100, true, "year", "first decision year (base of discounting)"},
      {"last_year", &Params::last_year, 2020, 2100, true, "year", "last decision year"},
      {"year_step", &Params::year_step, 1, 10, true, "yr", "years between decision years (period length)"},
      {"u_max", &Params::u_max, 0.1, 1.0, false, "1", "highest utilisation of capacity"},
      {"umin_bf", &Params::umin_bf, 0.0, 1.0, false, "1", "lowest utilisation of a blast furnace route (BF-BOF, +CCS)"},
      {"umin_eaf", &Params::umin_eaf, 0.0, 1.0, false, "1", "lowest utilisation of a scrap-EAF"},
      {"umin_dri", &Params::umin_dri, 0.0, 1.0, false, "1", "lowest utilisation of an H2-DRI-EAF"},
      {"bf_scrap_min", &Params::bf_scrap_min, 0.0, 1.0, false, "t/t", "least scrap share of BF-BOF steel"},
      {"bf_scrap_max", &Params::bf_scrap_max, 0.0, 1.0, false, "t/t", "largest scrap share of BF-BOF steel"},
      {"eaf_scrap_min", &Params::eaf_scrap_min, 0.0, 1.0, false, "t/t", "least scrap share of scrap-EAF steel"},
      {"eaf_scrap_max", &Params::eaf_scrap_max, 0.0, 1.0, false, "t/t", "largest scrap share of scrap-EAF steel"},
      {"dri_scrap_min", &Params::dri_scrap_min, 0.0, 1.0, false, "t/t", "least scrap share of H2-DRI-EAF steel"},
      {"dri_scrap_max", &Params::dri_scrap_max, 0.0, 1.0, false, "t/t", "largest scrap share of H2-DRI-EAF steel"},
      {"iron_cost_bf", &Params::iron_cost_bf, 0, 2000, false, "USD/t", "cost of a t of hot metal (ore, coke, sinter, BF)"},
      {"iron_cost_eaf", &Params::iron_cost_eaf, 0, 2000, false, "USD/t", "cost of a t of bought iron units (pig iron, DRI) in a scrap-EAF"},
      {"iron_cost_dri", &Params::iron_cost_dri, 0, 2000, false, "USD/t", "cost of a t of H2-DRI (ore, green H2, shaft)"},
      {"conv_bof", &Params::conv_bof, 0, 1000, false, "USD/t", "converter and casting cost per t of steel"},
      {"conv_eaf", &Params::conv_eaf, 0, 1000, false, "USD/t", "EAF and casting cost per t of steel, electricity excluded"},
      {"eaf_mwh", &Params::eaf_mwh, 0, 5, false, "MWh/t", "grid electricity per t of EAF steel"},
      {"elec_price", &Params::elec_price, 0, 500, false, "USD/MWh", "grid electricity price"},
      {"fom_bf", &Params::fom_bf, 0, 500, false, "USD/t-yr", "fixed O&M of a BF-BOF block per t of capacity"},
      {"fom_ccs", &Params::fom_ccs, 0, 500, false, "USD/t-yr", "extra fixed O&M of CCS per t of capacity"},
      {"fom_eaf", &Params::fom_eaf, 0, 500, false, "USD/t-yr", "fixed O&M of a scrap-EAF per t of capacity"},
      {"fom_dri", &Params::fom_dri, 0, 500, false, "USD/t-yr", "fixed O&M of an H2-DRI-EAF per t of capacity"},
      {"capex_ccs", &Params::capex_ccs, 0, 5000, false, "USD/t", "BF-BOF to BF-BOF+CCS, per t of capacity"},
      {"capex_eaf", &Params::capex_eaf, 0, 5000, false, "USD/t", "BF-BOF to scrap-EAF, per t of capacity"},
      {"capex_dri", &Params::capex_dri, 0, 5000, false, "USD/t", "BF-BOF to H2-DRI-EAF (shaft and EAF), per t of capacity"},
      {"capex_dri_shaft", &Params::capex_dri_shaft, 0, 5000, false, "USD/t", "scrap-EAF to H2-DRI-EAF (shaft), per t of capacity"},
      {"reline_cost", &Params::reline_cost, 0, 1000, false, "USD/t", "blast furnace relining at the end of a campaign, per t of capacity"},
      {"campaign_years", &Params::campaign_years, 1, 50, true, "yr", "years between relinings"},
      {"capture_rate", &Params::capture_rate, 0, 1, false, "1", "share of hot-metal CO2 captured with CCS"},
      {"ccs_cost", &Params::ccs_cost, 0, 500, false, "USD/t CO2", "capture, transport and storage per t captured"},
      {"hm_ef", &Params::hm_ef, 0, 5, false, "t CO2/t", "emissions per t of hot metal"},
      {"bof_ef", &Params::bof_ef, 0, 5, false, "t CO2/t", "converter and casting emissions per t of BF-BOF steel"},
      {"eaf_ef", &Params::eaf_ef, 0, 5, false, "t CO2/t", "EAF process emissions per t of steel (electrodes, lime)"},
      {"pig_ef", &Params::pig_ef, 0, 5, false, "t CO2/t", "emissions per t of bought iron units in a scrap-EAF"},
      {"dri_ef", &Params::dri_ef, 0, 5, false, "t CO2/t", "emissions per t of H2-DRI"},
      {"scrap_price", &Params::scrap_price, 0, 2000, false, "USD/t", "scrap price at its pool"},
      {"scrap_haul_km", &Params::scrap_haul_km, 0, 1, false, "USD/(t km)", "scrap haulage per t and km"},
      {"detour", &Params::detour, 1, 3, false, "1", "road distance over great-circle distance"},
      {"scrap_max_km", &Params::scrap_max_km, 0, 20000, false, "km", "longest scrap haul (road km) from a pool to a plant"},
      {"scrap_trade", &Params::scrap_trade, 0, 1, true, "0/1", "1: plants draw scrap from any province; 0: from their own only"},
      {"ref_utilisation", &Params::ref_utilisation, 0.1, 1, false, "1", "utilisation of the reference emissions E_ref"},
  };
  return t;
}

std::string set_param(Params& p, const std::string& name, const std::string& value) {
  for (const ParamInfo& i : steel_param_table()) {
    if (name != i.name) continue;
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (value.empty() || end == value.c_str() || *end != '\0' || errno == ERANGE || !std::isfinite(v))
      return "parameter '" + name + "': '" + value + "' is not a number";
    if (i.integer && v != std::floor(v)) return "parameter '" + name + "': '" + value + "' is not an integer";
    if (v < i.lo || v > i.hi) {
      std::ostringstream o;
      o << "parameter '" << name << "' = " << value << " is outside its range [" << i.lo << ", " << i.hi << "]";
      return o.str();
    }
    p.*i.field = v;
    return {};
  }
  return "unknown steel parameter '" + name + "' (plantpath params --sector steel lists them)";
}

std::string check(const Params& p) {
  for (const ParamInfo& i : steel_param_table()) {
    const double v = p.*i.field;
    if (!(v >= i.lo && v <= i.hi) || (i.integer && v != std::floor(v))) {
      std::ostringstream o;
      o << "parameter '" << i.name << "' = " << v << " is outside its range [" << i.lo << ", " << i.hi << "]";
      return o.str();
    }
  }
  if (p.last_year < p.first_year) return "parameter 'last_year' is before 'first_year'";
  const struct { const char* lo_name; double lo; const char* hi_name; double hi; } pairs[] = {
      {"bf_scrap_min", p.bf_scrap_min, "bf_scrap_max", p.bf_scrap_max},
      {"eaf_scrap_min", p.eaf_scrap_min, "eaf_scrap_max", p.eaf_scrap_max},
      {"dri_scrap_min", p.dri_scrap_min, "dri_scrap_max", p.dri_scrap_max},
      {"umin_bf", p.umin_bf, "u_max", p.u_max},
      {"umin_eaf", p.umin_eaf, "u_max", p.u_max},
      {"umin_dri", p.umin_dri, "u_max", p.u_max},
  };
  for (const auto& q : pairs)
    if (q.lo > q.hi) return std::string("parameter '") + q.lo_name + "' is above '" + q.hi_name + "'";
  return {};
}

}  // namespace pp::steel
