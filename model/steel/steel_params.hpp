#pragma once
// Parameters of the steel sector model (papers/steel-model.md, parameter
// table). One record with defaults; every field has a valid range that
// `steel_param_table()` states and `check()` enforces before any work.
#include <string>
#include <vector>

namespace pp::steel {

struct Params {
  // time
  double discount_rate = 0.05;
  double first_year = 2025, last_year = 2060, year_step = 5;
  // operation
  double u_max = 0.9;
  double umin_bf = 0.5, umin_eaf = 0.0, umin_dri = 0.3;
  double bf_scrap_min = 0.05, bf_scrap_max = 0.30;
  double eaf_scrap_min = 0.70, eaf_scrap_max = 1.0;
  double dri_scrap_min = 0.0, dri_scrap_max = 0.5;
  // costs (USD per t, per t of capacity and year, per MWh)
  double iron_cost_bf = 280, iron_cost_eaf = 380, iron_cost_dri = 420;
  double conv_bof = 60, conv_eaf = 90, eaf_mwh = 0.45, elec_price = 80;
  double fom_bf = 40, fom_ccs = 15, fom_eaf = 20, fom_dri = 35;
  double capex_ccs = 300, capex_eaf = 250, capex_dri = 700, capex_dri_shaft = 450;
  double reline_cost = 60, campaign_years = 15;
  double capture_rate = 0.85, ccs_cost = 60;
  // emissions (t CO2 per t)
  double hm_ef = 1.9, bof_ef = 0.10, eaf_ef = 0.01, pig_ef = 1.9, dri_ef = 0.02;
  // scrap
  double scrap_price = 330, scrap_haul_km = 0.04, detour = 1.2, scrap_max_km = 5000;
  double scrap_trade = 1;  // 1: any province's pool; 0: own province only
  double ref_utilisation = 0.8;

  int n_years() const;  // number of decision years
  int year(int k) const { return int(first_year) + k * int(year_step); }
};

struct ParamInfo {
  const char* name;
  double Params::*field;
  double lo, hi;
  bool integer;
  const char* unit;
  const char* meaning;
};

const std::vector<ParamInfo>& steel_param_table();

// Sets one parameter from "name=value" text; returns an error message (empty: ok).
std::string set_param(Params& p, const std::string& name, const std::string& value);
// Every range and the relations between parameters; empty if valid.
std::string check(const Params& p);

}  // namespace pp::steel
