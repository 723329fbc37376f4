// plantpath sweep <instance-dir> --pathways SPEC --out DIR [--jobs J] [--save-plans] [options]
#include <fnmatch.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
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

void sweep_usage() {
  std::printf(
      "usage: plantpath sweep <instance-dir> --pathways SPEC --out DIR [--jobs J] [--save-plans] [options]\n"
      "Solves many emission pathways in one run, J at a time, each warm-started from the prices of the\n"
      "nearest pathway (by cap-ratio vector) already solved, and writes DIR/sweep.csv, one row per pathway.\n\n"
      "Sweep options:\n"
      "  --pathways SPEC        all | NAME | GLOB (e.g. '50-*') | a comma-separated list of those |\n"
      "                         FILE (a CSV with columns pathway, year, cap_ratio: every pathway in it)\n"
      "  --pathways-file FILE   take the pathways NAME/GLOB refer to from FILE instead of the instance's\n"
      "                         pathways.csv (e.g. pathways_montecarlo.csv with --pathways 'CuER_50per_*')\n"
      "  --jobs J               concurrent solves (default 1); they share --threads (each gets threads/J)\n"
      "  --save-plans           also write each pathway's full solve output into DIR/<pathway>/\n"
      "                         ('/' and other unsafe characters of the name become '_')\n"
      "  --no-warm              start every solve cold\n"
      "  --resume               keep the rows of an earlier DIR/sweep.csv (same columns) that have a plan\n"
      "                         and solve only the other selected pathways\n\n"
      "sweep.csv columns: pathway, status, tc_usd, bound_usd, gap, cum_emissions_t (sum_k W_k E_k),\n"
      "emissions_t_<year>, cap_ratio_<year>, capacity_mw_<alive|pp|flex|be|ccs|retired>_<year>, seconds,\n"
      "iterations, warm_start_from, message. Rows are appended as solves finish (a crash keeps them) and\n"
      "sorted into selection order at the end. A pathway that cannot be read or solved gets a row saying\n"
      "so (status error / infeasible / no feasible plan found); the others go on.\n"
      "DIR is written into only if plantpath wrote everything in it (its .plantpath-output marker lists\n"
      "it); otherwise, or while another run writes there, the command refuses before solving.\n"
      "The usual solve options apply to every pathway; --time-limit is per pathway.\n\n%s"
      "\nExit status: 0 every pathway has a plan, 1 input error, 2 usage error or refused --out,\n"
      "3 some pathways have none.\n",
      common_options_help().c_str());
}

struct Candidate {
  std::string name;
  std::string error;  // why it cannot be solved ("" if fine)
};

// Pathways of a CSV file, leniently: a bad row spoils only its pathway.
std::vector<Candidate> read_pathway_file(const std::string& path, std::vector<PathwayRecord>& good) {
  const CsvTable t = CsvTable::read_file(path);
  const int cp = t.require("pathway"), cy = t.require("year"), cr = t.require("cap_ratio");
  std::vector<Candidate> out;
  std::map<std::string, size_t> index;
  std::set<std::pair<std::string, int>> seen;
  std::vector<PathwayRecord> recs;
  for (size_t r = 0; r < t.rows(); ++r) {
    const std::string name = t.str(r, cp);
    if (name.empty()) continue;
    auto [it, fresh] = index.emplace(name, out.size());
    if (fresh) out.push_back({name, ""});
    Candidate& c = out[it->second];
    PathwayRecord rec;
    rec.pathway = name;
    try {
      rec.year = t.integer(r, cy);
      rec.cap_ratio = t.number(r, cr);
      if (rec.cap_ratio < 0) t.fail(r, cr, "negative cap ratio");
      if (!seen.insert({name, rec.year}).second) t.fail(r, cy, "year " + std::to_string(rec.year) + " is repeated");
      recs.push_back(rec);
    } catch (const InputError& e) {
      if (c.error.empty()) c.error = e.what();
    }
  }
  for (auto& rec : recs)
    if (out[index[rec.pathway]].error.empty()) good.push_back(rec);
  return out;
}


// The pathways SPEC selects, in order, without repeats; `in.pathways` becomes
// the universe they come from.
std::vector<Candidate> select_pathways(const CliArgs& a, Instance& in) {
  const std::string spec = a.get("pathways");
  std::vector<Candidate> universe;
  auto from_file = [&](const std::string& path) {
    std::vector<PathwayRecord> good;
    universe = read_pathway_file(path, good);
    in.pathways = std::move(good);
  };
  std::error_code ec;
  const bool spec_is_file = fs::is_regular_file(spec, ec);
  if (spec_is_file && a.has("pathways-file")) throw UsageError("--pathways FILE and --pathways-file together");
  if (spec_is_file) {
    from_file(spec);
    return universe;
  }
  if (a.has("pathways-file")) {
    from_file(a.get("pathways-file"));
  } else {
    for (const auto& name : pathway_names(in)) universe.push_back({name, ""});
  }
  std::vector<Candidate> out;
  std::set<std::string> taken;
  for (const std::string& item : split_commas(spec)) {
    bool any = false;
    for (const auto& c : universe) {
      const bool hit = item == "all" || item == c.name || ::fnmatch(item.c_str(), c.name.c_str(), 0) == 0;
      if (!hit) continue;
      any = true;
      if (taken.insert(c.name).second) out.push_back(c);
    }
    if (!any)
      throw UsageError("--pathways: '" + item + "' is not a file and matches none of the " +
                       std::to_string(universe.size()) + " pathways" +
                       (universe.empty() ? std::string() : " (e.g. '" + universe.front().name + "')"));
  }
  if (out.empty()) throw UsageError("--pathways selects no pathway");
  return out;
}

}  // namespace

int cmd_sweep(int argc, char** argv) {
  const CliArgs a = parse_args(argc, argv,
                               {{"pathways"}, {"pathways-file"}, {"jobs"}, {"save-plans", false}, {"no-warm", false},
                                {"resume", false}});
  if (a.help) {
    sweep_usage();
    return 0;
  }
  if (a.positional.size() != 1) throw UsageError("expected one instance directory");
  if (a.out.empty()) throw UsageError("--out DIR is required");
  if (!a.has("pathways")) throw UsageError("--pathways SPEC is required (all, names, globs or a FILE)");
  if (!a.pathway.empty() || a.budget_cuer >= 0) throw UsageError("sweep takes --pathways, not --pathway / --budget-cuer");
  const int jobs = parse_jobs(a.get("jobs"));
  const bool save_plans = a.has("save-plans");
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  // Before any work: refuse a directory plantpath did not write, or one another run holds.
  OutputClaim claim = claim_output_dir(a.out, OutputKind::kSweep);

  Instance in = load_instance(a);
  const std::vector<Candidate> cands = select_pathways(a, in);
  const std::vector<int> years = in.params.decision_years();
  const int n = static_cast<int>(years.size());

  const std::string header = "pathway," + figures_header(years) + "," + capacity_header(years, false) +
                             ",seconds,iterations,warm_start_from,message";
  const std::string csv_path = (fs::path(a.out) / "sweep.csv").string();
  std::map<std::string, KeptRow> kept;
  if (a.has("resume")) kept = kept_rows_with_plan(csv_path, header, {"pathway"});

  // Keys (cap ratios at the decision years) of the pathways that can be built.
  std::vector<size_t> task_of;  // runner task -> candidate
  std::vector<std::vector<double>> keys;
  std::vector<std::string> errors(cands.size());
  for (size_t i = 0; i < cands.size(); ++i) {
    errors[i] = cands[i].error;
    if (kept.count(cands[i].name)) continue;
    if (errors[i].empty()) {
      std::string err;
      std::vector<double> key = pathway_ratios(in, cands[i].name, years, err);
      if (key.empty()) errors[i] = err.empty() ? "no cap ratios" : err;
      if (errors[i].empty()) {
        task_of.push_back(i);
        keys.push_back(std::move(key));
      }
    }
  }

  // The marker lists what this run writes before it writes it (a run killed
  // midway leaves a directory plantpath still recognises as its own).
  std::vector<OutputEntry> entries{{"sweep.csv", false}};
  if (save_plans)
    for (size_t t : task_of) entries.push_back({safe_dir_name(cands[t].name), true});
  claim.record(entries);
  IncrementalCsv csv(csv_path, header);
  for (size_t i = 0; i < cands.size(); ++i)
    if (auto it = kept.find(cands[i].name); it != kept.end()) csv.append(i, it->second.line, false);
  auto row = [&](const std::string& name, const RunSummary& s, const std::string& warm) {
    return csv_field(name) + "," + figures_fields(s) + "," + capacity_fields(s, false) + "," + csv_number(s.seconds) + "," +
           std::to_string(s.iterations) + "," + csv_field(warm) + "," + csv_field(s.message);
  };

  size_t done = 0, with_plan = 0;
  for (const auto& c : cands) with_plan += kept.count(c.name);
  done = with_plan;  // kept rows count as done
  const size_t n_kept = with_plan;
  const SolverOptions opt = batch_options(a.solver, jobs);
  const std::string run_fields = run_json_fields(a, in);
  if (a.solver.verbosity >= 1)
    std::fprintf(stderr, "sweep: %zu pathways (%zu kept from before, %zu to solve), %d job(s) x %d thread(s), output %s\n",
                 cands.size(), n_kept, task_of.size(), jobs, opt.threads, csv.path().c_str());
  BatchProgress progress("sweep", cands.size(), n_kept, a.solver.verbosity >= 1);
  std::mutex done_m;
  auto finished = [&](size_t cand, const RunSummary& s, const std::string& warm) {
    csv.append(cand, row(cands[cand].name, s, warm));
    {
      std::lock_guard<std::mutex> lk(done_m);
      ++done;
      if (std::isfinite(s.tc)) ++with_plan;
    }
    progress.finished(cands[cand].name, s.status, s.tc, s.gap, s.seconds, warm);
  };
  for (size_t i = 0; i < cands.size(); ++i)
    if (!errors[i].empty() && !kept.count(cands[i].name)) finished(i, failed_run("error", errors[i], n), "");

  RunnerOptions ro;
  ro.jobs = jobs;
  ro.warm = !a.has("no-warm");
  run_tasks(plan_warm_starts(keys), ro, [&](size_t t, const Prices* warm, int from) {
    const size_t ci = task_of[t];
    const std::string& name = cands[ci].name;
    const std::string warm_name = from >= 0 ? cands[task_of[from]].name : "";
    progress.started(name);
    CouplingSpec spec;
    spec.pathway = name;
    RunSummary s;
    Prices out = solve_one_run(in, spec, opt, warm, save_plans ? (fs::path(a.out) / safe_dir_name(name)).string() : "",
                               run_fields + ", \"warm_start_from\": " + json_string(warm_name), n, s);
    finished(ci, s, warm_name);
    return out;
  });
  csv.finish();

  std::printf("pathways:         %zu (%zu with a plan, %zu without)\n", cands.size(), with_plan,
              cands.size() - with_plan);
  std::printf("time:             %.2f s, %d job(s) x %d thread(s)\n", elapsed(), jobs, opt.threads);
  std::printf("output:           %s\n", csv.path().c_str());
  std::fflush(stdout);
  return with_plan == cands.size() ? 0 : 3;
}

}  // namespace pp
