#pragma once
// The independent evaluator: recomputes NPV, emissions, generation and
// biomass use of a plan year by year from papers/model.md's formulas and the raw
// plant and cell records (it uses none of the solver's precomputed sums), and
// checks every rule and coupling row. Every reported cost goes through it.
#include <string>
#include <vector>

#include "model/plan.hpp"
#include "model/problem.hpp"

namespace pp {

struct Evaluation {
  double npv = 0;       // sum over plants and years >= Y0 of d(y) CF - discounted capex
  double npv_bau = 0;
  double tc = 0;        // npv_bau - npv
  std::vector<double> plant_npv;        // per plant
  std::vector<double> emissions;        // [k] national, plants alive at t_k
  std::vector<double> emissions_pk;     // [p*n+k]
  std::vector<double> generation_pk;    // [p*n+k]
  // The part of the TC that falls in decision period k of province p: the
  // discounted cash flows lost in years t_k .. t_{k+1} - 1 against BAU plus
  // the discounted capex paid at t_k. Sums to tc - penalty (the soft rows'
  // penalty belongs to no province), so provinces.csv's costs add up.
  std::vector<double> tc_pk;            // [p*n+k]
  std::vector<double> cell_use;         // [k*ncells + c]
  // Per plant and decision year, for reports (annual, undiscounted, at t_k):
  std::vector<double> gen, bio, emis, cash_flow, capex;  // [j*n+k]
  // Rule breaks (state monotonicity, u range, flow outside R, ...) and
  // coupling violations beyond tolerance, as readable sentences.
  std::vector<std::string> violations;
  double penalty = 0;   // violation_penalty * violations (soft mode), already in npv
  bool feasible = true;
};

// rel_tol: relative tolerance on the coupling rows (e.g. 1e-7 of the rhs)
Evaluation evaluate(const Problem& P, const Plan& plan, double rel_tol = 1e-7);

}  // namespace pp
