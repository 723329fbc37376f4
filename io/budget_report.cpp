#include "io/budget_report.hpp"

#include <cmath>
#include <limits>

#include "io/solution_writer.hpp"

namespace pp {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct BudgetYear {
  int year;
  double weight, emissions, bau, ratio, weighted, disc, price_pv, price, shadow;
};

std::vector<BudgetYear> budget_years(const Problem& P, const SolveResult& res, bool has_plan) {
  const EmissionRow& row = P.emission_rows[0];
  const double lam = res.prices.lam.size() == 1 ? res.prices.lam[0] : kNaN;
  std::vector<BudgetYear> out;
  for (int k = 0; k < P.n; ++k) {
    BudgetYear b{};
    b.year = P.years[k];
    b.weight = row.weight[k];
    b.emissions = has_plan && res.eval.emissions.size() == size_t(P.n) ? res.eval.emissions[k] : kNaN;
    b.bau = P.bau_emissions[k];
    b.ratio = b.bau > 0 ? b.emissions / b.bau : kNaN;
    b.weighted = b.weight * b.emissions;
    b.disc = P.dk[k];
    b.price_pv = lam;
    b.price = lam / b.disc;
    b.shadow = lam * b.weight;
    out.push_back(b);
  }
  return out;
}

std::string num(double v) { return std::isfinite(v) ? json_number(v) : std::string(); }

}  // namespace

bool is_budget_problem(const Problem& P) {
  if (P.emission_rows.size() != 1 || P.n < 1) return false;
  const EmissionRow& row = P.emission_rows[0];
  if (!row.provinces.empty() || row.weight.size() != size_t(P.n)) return false;
  for (double w : row.weight)
    if (!(w > 0)) return false;
  return true;
}

std::string budget_json(const Problem& P, const SolveResult& res, bool has_plan) {
  if (!is_budget_problem(P)) return {};
  const auto ys = budget_years(P, res, has_plan);
  double used = 0, wbau = 0;
  for (const auto& b : ys) {
    used += b.weighted;
    wbau += b.weight * b.bau;
  }
  std::string s = "\"budget\": {\"budget_t\": " + json_number(P.emission_rows[0].rhs) +
                  ", \"weighted_bau_emissions_t\": " + json_number(wbau) +
                  ", \"weighted_emissions_t\": " + json_number(has_plan ? used : kNaN) +
                  ", \"carbon_price_pv_usd_per_t\": " + json_number(ys.empty() ? kNaN : ys[0].price_pv) +
                  ", \"price_definition\": " +
                  json_string("carbon_price_pv_usd_per_t = budget row multiplier (USD of Y0 per t, every year); "
                              "carbon_price_undiscounted_usd_per_t = that / d(year), undiscounted") +
                  ", \"years\": [";
  for (size_t i = 0; i < ys.size(); ++i) {
    const auto& b = ys[i];
    s += std::string(i ? ", " : "") + "{\"year\": " + std::to_string(b.year) +
         ", \"weight_years\": " + json_number(b.weight) + ", \"emissions_t\": " + json_number(b.emissions) +
         ", \"implied_cap_ratio\": " + json_number(b.ratio) +
         ", \"carbon_price_undiscounted_usd_per_t\": " + json_number(b.price) + "}";
  }
  return s + "]}";
}

void write_budget_csv(std::ostream& o, const Problem& P, const SolveResult& res, bool has_plan) {
  o << "year,weight_years,emissions_t,bau_emissions_t,implied_cap_ratio,weighted_emissions_t,discount_factor,"
       "carbon_price_pv_usd_per_t,carbon_price_undiscounted_usd_per_t,shadow_price_usd_per_t_per_yr\n";
  for (const auto& b : budget_years(P, res, has_plan))
    o << b.year << "," << num(b.weight) << "," << num(b.emissions) << "," << num(b.bau) << "," << num(b.ratio) << ","
      << num(b.weighted) << "," << num(b.disc) << "," << num(b.price_pv) << "," << num(b.price) << ","
      << num(b.shadow) << "\n";
}

}  // namespace pp
