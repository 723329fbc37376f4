// plantpath sensitivity <instance-dir> --pathway P --out DIR [--ranges FILE] [--params a,b] [--jobs J] [options]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "io/cli/args.hpp"
#include "io/cli/batch.hpp"
#include "io/cli/commands.hpp"
#include "io/csv.hpp"
#include "io/output_dir.hpp"
#include "io/solution_writer.hpp"
#include "io/sweep_runner.hpp"
#include "io/sweep_table.hpp"

namespace pp {

namespace {

namespace fs = std::filesystem;

void sensitivity_usage() {
  std::printf(
      "usage: plantpath sensitivity <instance-dir> (--pathway P | --budget-cuer X) --out DIR [options]\n"
      "Solves the baseline and then every parameter of the range table at its Min and at its Max (the\n"
      "others at the baseline), as the PLATO paper's Supplementary Table 3, and writes DIR/sensitivity.csv.\n\n"
      "Sensitivity options:\n"
      "  --ranges FILE          range table, columns parameter, min, max (parameter: a plantpath name, see\n"
      "                         --set); default <instance-dir>/params_range.csv, written by the importer\n"
      "                         from params_economic.csv; without it, the parameters of the built-in\n"
      "                         table that come from params_economic.csv, with its ranges\n"
      "  --params a,b           only these parameters\n"
      "  --jobs J               concurrent solves (default 1), sharing --threads\n"
      "  --save-plans           also write each run's full solve output into DIR/<parameter>-<min|max>/\n"
      "  --no-warm              start every solve cold (default: from the baseline's prices)\n"
      "  --resume               keep the rows of an earlier DIR/sensitivity.csv (same columns) that have a\n"
      "                         plan, if its baseline has one, and solve the others (after a crash or a kill)\n\n"
      "sensitivity.csv columns: parameter, level (baseline|min|max), value, tc_change_pct (against the\n"
      "baseline), change_within_gaps (yes: |TC - TC_baseline| <= gap x TC + gap_baseline x TC_baseline,\n"
      "so the change may be the two solves' noise; empty without both gaps), status, tc_usd, bound_usd, gap, cum_emissions_t, emissions_t_<year>, cap_ratio_<year>,\n"
      "share_<flex|be|ccs|retired>_<year> (of the capacity alive at that year; a plant with several options\n"
      "counts for each), seconds, iterations, warm_start_from, message. --set changes the baseline.\n"
      "DIR is written into only if plantpath wrote everything in it (its .plantpath-output marker lists\n"
      "it); otherwise, or while another run writes there, the command refuses before solving.\n\n%s"
      "\nExit status: 0 every run has a plan, 1 input error, 2 usage error or refused --out, 3 some\n"
      "runs have none.\n",
      common_options_help().c_str());
}

struct Run {
  std::string parameter, level;  // "" / "baseline" for the baseline
  double value = std::numeric_limits<double>::quiet_NaN();
};

std::vector<Run> read_ranges(const std::string& path, const std::vector<std::string>& only) {
  std::vector<Run> runs;
  auto wanted = [&](const std::string& name) {
    if (only.empty()) return true;
    for (const auto& o : only)
      if (o == name) return true;
    return false;
  };
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    const CsvTable t = CsvTable::read_file(path);
    const int cp = t.require("parameter"), clo = t.require("min"), chi = t.require("max");
    for (size_t r = 0; r < t.rows(); ++r) {
      const std::string name = t.str(r, cp);
      if (!find_param(name)) t.fail(r, cp, "unknown parameter '" + name + "' (see datasets/README.md)");
      if (!wanted(name)) continue;
      runs.push_back({name, "min", t.number(r, clo)});
      runs.push_back({name, "max", t.number(r, chi)});
    }
  } else {
    for (const auto& p : param_table())
      if (p.csv_parameter[0] != '\0' && wanted(p.name)) {
        runs.push_back({p.name, "min", p.min});
        runs.push_back({p.name, "max", p.max});
      }
  }
  for (const auto& o : only) {
    bool found = false;
    for (const auto& r : runs) found |= r.parameter == o;
    if (!found) throw UsageError("--params: '" + o + "' is not in the range table");
  }
  return runs;
}


}  // namespace

int cmd_sensitivity(int argc, char** argv) {
  const CliArgs a =
      parse_args(argc, argv, {{"ranges"}, {"params"}, {"jobs"}, {"save-plans", false}, {"no-warm", false}, {"resume", false}});
  if (a.help) {
    sensitivity_usage();
    return 0;
  }
  if (a.positional.size() != 1) throw UsageError("expected one instance directory");
  if (a.out.empty()) throw UsageError("--out DIR is required");
  const CouplingSpec spec = coupling_spec(a);
  const int jobs = parse_jobs(a.get("jobs"));
  const bool save_plans = a.has("save-plans");
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  // Before any work: refuse a directory plantpath did not write, or one another run holds.
  OutputClaim claim = claim_output_dir(a.out, OutputKind::kSensitivity);

  const Instance in = load_instance(a);
  const std::string ranges = a.has("ranges") ? a.get("ranges") : (fs::path(a.instance_dir()) / "params_range.csv").string();
  if (a.has("ranges") && !fs::is_regular_file(ranges)) throw InputError(ranges + ": no such file");
  std::vector<Run> runs{{"", "baseline", std::numeric_limits<double>::quiet_NaN()}};
  for (auto& r : read_ranges(ranges, split_commas(a.get("params")))) runs.push_back(r);
  const std::vector<int> years = in.params.decision_years();
  const int n = static_cast<int>(years.size());

  const std::string header = "parameter,level,value,tc_change_pct,change_within_gaps," + figures_header(years) + "," +
                             capacity_header(years, true) + ",seconds,iterations,warm_start_from,message";
  auto label = [&](size_t i) { return i == 0 ? std::string("baseline") : runs[i].parameter + "-" + runs[i].level; };
  // The marker lists what this run writes before it writes it.
  std::vector<OutputEntry> entries{{"sensitivity.csv", false}};
  if (save_plans)
    for (size_t i = 0; i < runs.size(); ++i) entries.push_back({safe_dir_name(label(i)), true});
  claim.record(entries);
  const std::string csv_path = (fs::path(a.out) / "sensitivity.csv").string();
  // Kept rows' tc_change_pct were taken against the earlier baseline, so
  // rows are kept only with it.
  std::map<std::string, KeptRow> kept;
  if (a.has("resume")) kept = kept_rows_with_plan(csv_path, header, {"parameter", "level"});
  auto key = [&](size_t i) { return runs[i].parameter + "\x1f" + runs[i].level; };
  if (!kept.count(key(0))) kept.clear();
  IncrementalCsv csv(csv_path, header);

  std::mutex m;
  double base_tc = std::numeric_limits<double>::quiet_NaN(), base_gap = base_tc;
  size_t done = 0, with_plan = 0;
  for (size_t i = 0; i < runs.size(); ++i)
    if (auto it = kept.find(key(i)); it != kept.end()) {
      csv.append(i, it->second.line, false);
      if (i == 0) {
        base_tc = it->second.tc;
        base_gap = it->second.gap;
      }
      ++done;
      ++with_plan;
    }
  const SolverOptions opt = batch_options(a.solver, jobs);
  const std::string run_fields = run_json_fields(a, in);
  if (a.solver.verbosity >= 1)
    std::fprintf(stderr, "sensitivity: baseline + %zu runs (%zu kept from before), %d job(s) x %d thread(s), output %s\n",
                 runs.size() - 1, done, jobs, opt.threads, csv.path().c_str());

  BatchProgress progress("sensitivity", runs.size(), done, a.solver.verbosity >= 1);
  RunnerOptions ro;
  ro.jobs = jobs;
  ro.warm = !a.has("no-warm");
  // Equal keys: every run's neighbour is the baseline (task 0), which runs first.
  run_tasks(plan_warm_starts(std::vector<std::vector<double>>(runs.size())), ro,
            [&](size_t i, const Prices* warm, int from) {
              if (kept.count(key(i))) return Prices{};  // its children start from its own source
              Run& run = runs[i];
              RunSummary s;
              Prices out;
              progress.started(label(i));
              Instance inst = in;
              const std::string err =
                  i > 0 ? set_param(inst.params, run.parameter, json_number(run.value)) : std::string();
              if (!err.empty()) {
                s = failed_run("error", err, n);
              } else {
                out = solve_one_run(inst, spec, opt, warm,
                                    save_plans ? (fs::path(a.out) / safe_dir_name(label(i))).string() : "",
                                    // this run's parameters, not the baseline's
                                    run_json_fields(a, inst) + ", \"sensitivity\": {\"parameter\": " + json_string(run.parameter) +
                                        ", \"level\": " + json_string(run.level) +
                                        ", \"value\": " + json_number(run.value) + "}",
                                    n, s);
              }
              std::lock_guard<std::mutex> lk(m);
              if (i == 0) {
                base_tc = s.tc;
                base_gap = s.gap;
              }
              const double change = std::isfinite(base_tc) && base_tc != 0 && std::isfinite(s.tc)
                                        ? 100.0 * (s.tc - base_tc) / std::abs(base_tc)
                                        : std::numeric_limits<double>::quiet_NaN();
              // Each TC is within its gap of its own optimum, so a change
              // smaller than the two gaps together may be the solves' noise.
              std::string within;
              if (i > 0 && std::isfinite(change) && std::isfinite(s.gap) && std::isfinite(base_gap))
                within = std::abs(s.tc - base_tc) <= s.gap * std::abs(s.tc) + base_gap * std::abs(base_tc) ? "yes" : "no";
              const std::string warm_name = from >= 0 ? label(size_t(from)) : "";
              csv.append(i, csv_field(run.parameter) + "," + run.level + "," + csv_number(run.value) + "," +
                                csv_number(change) + "," + within + "," + figures_fields(s) + "," + capacity_fields(s, true) + "," +
                                csv_number(s.seconds) + "," + std::to_string(s.iterations) + "," + csv_field(warm_name) +
                                "," + csv_field(s.message));
              ++done;
              if (std::isfinite(s.tc)) ++with_plan;
              progress.finished(label(i), s.status, s.tc, s.gap, s.seconds, warm_name);
              return out;
            });
  csv.finish();

  std::printf("runs:             %zu (%zu with a plan, %zu without)\n", runs.size(), with_plan, runs.size() - with_plan);
  std::printf("time:             %.2f s, %d job(s) x %d thread(s)\n", elapsed(), jobs, opt.threads);
  std::printf("output:           %s\n", csv.path().c_str());
  std::fflush(stdout);
  return with_plan == runs.size() ? 0 : 3;
}

}  // namespace pp
