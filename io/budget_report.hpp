#pragma once
// The pathway a cumulative budget run (--budget-cuer, papers/model.md section 5)
// chooses, for summary.json ("budget") and budget_pathway.csv.
//
// The budget row is  sum_k W_k E_k <= B  with multiplier lam (the solver's
// best price for the row, USD per t in present value of the base year Y0).
// W_k E_k is the tonnage of period k (E_k t/yr held W_k years), so lam is the
// price of one tonne emitted in any period, in present value: a budget gives
// one PV price for every year (Hotelling). Reported per decision year:
//   emissions_t            E_k (t/yr, plants alive at t_k)
//   implied_cap_ratio      E_k / BAU_k: the yearly caps the plan implies
//   weighted_emissions_t   W_k E_k
//   carbon_price_pv_usd_per_t   lam (the same every year)
//   carbon_price_undiscounted_usd_per_t      lam / d(t_k) = lam (1 + r)^(t_k - Y0): the
//                               undiscounted (real USD of 2023) price in year
//                               t_k; it rises at the discount rate
//   shadow_price_usd_per_t_per_yr  lam W_k: what a plant's subproblem pays per
//                               t/yr of its emission rate in period k (the
//                               carbon_price_usd_per_t of summary.json's years[])
// Prices are empty/null when the backend gives none (e.g. --backend cbc).
#include <ostream>
#include <string>

#include "model/problem.hpp"
#include "solver/decomposition.hpp"

namespace pp {

// True for a problem with one cumulative budget row.
bool is_budget_problem(const Problem& P);

// "\"budget\": {...}" (a member for summary.json), "" if not a budget problem.
std::string budget_json(const Problem& P, const SolveResult& res, bool has_plan);

// budget_pathway.csv: header and one row per decision year.
void write_budget_csv(std::ostream& o, const Problem& P, const SolveResult& res, bool has_plan);

}  // namespace pp
