#pragma once
// Writes a solve's outputs into a directory, atomically: everything goes into
// `<out>.tmp-<pid>` first, which is then renamed to `<out>`. The directory
// holds the marker `.plantpath-output` listing the files (io/output_dir.hpp).
// An old `<out>` is replaced only if it is plantpath-owned (empty, or every
// entry listed in its marker); otherwise pp::OutputRefused names it and what
// is in the way, before anything is written. Replacing deletes only the
// entries the old marker lists; anything else found there at the last moment
// is kept (in `<out>.old-<pid>`, with a warning on stderr). On any failure the
// temporary directory is removed, an old `<out>` is kept, and a
// std::runtime_error names the path. Missing parent directories are created.
// No lock is taken here: the CLI holds an OutputClaim on `<out>` for the run.
//
// Files (numbers in shortest round-trip form, i.e. full double precision;
// a non-finite number is `null` in JSON and an empty field in CSV):
//   summary.json      status, message, plants, decision_years, npv_bau_usd,
//                     npv_usd, transition_cost_usd,
//                     transition_cost_lower_bound_usd, gap, iterations,
//                     seconds, threads, pathway, emission_rows, years[]
//                     {year, cap_t, emissions_t, generation_mwh,
//                     bau_emissions_t, carbon_price_usd_per_t}, violations[],
//                     then `extra_json_fields`. Without a plan the plan's
//                     figures are null.
//       cap_t: sum of the rhs of the emission rows that constrain only that
//              year (null when none, e.g. with a budget).
//       carbon_price_usd_per_t: the emission price that the per-plant
//              subproblem sees at t_k, per t/yr emitted at t_k, in present
//              value USD of Y0 (the Lagrangian's units): sum over the rows
//              covering t_k of lam_row * weight_row[k], averaged over
//              provinces weighted by the plan's (else BAU) emissions when
//              the caps are provincial. For a budget this is lam * W_k.
//              null when SolveResult::prices.lam does not match the rows.
//   pathways.csv      id, province, capacity_mw, start_year, one column per
//                     decision year: PP, +Flex, ..., +Retire, NR (naturally
//                     retired: start_year + L - 1 < year) or Planned
//                     (start_year > year); empty without a plan.
//   plant_years.csv   plant, year, state, u, generation_mwh, biomass_mwh,
//                     emissions_t, cash_flow_usd, capex_usd for every plant
//                     and decision year (NR / Planned rows have zeros). Annual,
//                     undiscounted figures at t_k from the evaluator.
//   provinces.csv     province, year, capacity_mw_<state> for PP, Flex, BE,
//                     CCS, Flex+BE, Flex+CCS, BE+CCS, Flex+BE+CCS, Retire
//                     (plants alive at that year; Retire = compulsorily
//                     retired), generation_mwh, emissions_t, floor_mwh,
//                     transition_cost_usd, transition_cost_share. The
//                     transition cost of a row is the part of the TC that
//                     falls in that province and decision period (years
//                     t_k .. t_{k+1} - 1: discounted cash flow lost against
//                     BAU, plus discounted capex at t_k), so the column sums
//                     to the TC (without soft-row penalties) and a
//                     province's rows to its total; the share is the row's
//                     part of that sum. (Before 2026-12-03 every row held
//                     the province's total.)
//   convergence.csv   iteration, bound_tc_usd, best_tc_usd, gap, seconds.
//   fleet.csv         year, state, units, capacity_mw: the national fleet by
//                     decision year and pathways.csv label (Planned = not
//                     yet built, PP, +Flex, ..., +Flex+BE+CCS, +Retire =
//                     compulsorily retired, NR = past its lifetime), every
//                     label on every year; without a plan only Planned and NR.
//   plants.csv        id, name, country, province, lon, lat, capacity_mw,
//                     start_year: the plants as read, in pathways.csv's order.
//   budget_pathway.csv  only for a cumulative budget (--budget-cuer): per
//                     decision year the plan's emissions, the caps they imply
//                     and the carbon price (definitions in io/budget_report.hpp);
//                     summary.json then also has a "budget" member with them.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "io/output_dir.hpp"

#include "model/problem.hpp"
#include "solver/decomposition.hpp"

namespace pp {

// extra_json_fields: more members of summary.json's top-level object, as JSON
// text without surrounding braces, e.g. "\"mode\": \"myopic\", \"backend\": \"cbc\"".
void write_solution(const std::string& out_dir, const Problem& P, const SolveResult& res,
                    const std::string& extra_json_fields = "");

// The atomic write every output directory shares: `write` fills a fresh
// `<out>.tmp-<pid>` (its marker listing `files` is already there), which then
// replaces `<out>` as described above. Any exception leaves the old output.
void publish_output_dir(const std::string& out_dir, OutputKind kind, const std::vector<OutputEntry>& files,
                        const std::function<void(const std::filesystem::path& tmp)>& write);
// One file of an output being written (counted for the writer's fault hook).
void write_output_file(const std::filesystem::path& dir, const char* name, const std::string& text, int& count);

// JSON helpers (also used by the CLI to build extra fields).
std::string json_string(const std::string& s);  // quoted, escaped
std::string json_number(double v);              // shortest round-trip, null if non-finite
// CSV helpers (also used by sweep and sensitivity tables).
std::string csv_number(double v);               // shortest round-trip, empty if non-finite
std::string csv_field(const std::string& s);    // quoted when needed; newlines become blanks

namespace detail {
// Test hook: when >= 0, write_solution fails (throws) before writing file
// number `writer_fail_after_files` (0-based), to test the atomic behaviour.
extern int writer_fail_after_files;
}  // namespace detail

}  // namespace pp
