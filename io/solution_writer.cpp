#include "io/solution_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <vector>

#include "io/budget_report.hpp"
#include "io/output_dir.hpp"
#include "model/technology.hpp"

namespace pp {

namespace fs = std::filesystem;

namespace detail {
// Test hook: when >= 0, writing fails after that many files (see tests).
int writer_fail_after_files = -1;
}  // namespace detail

std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {  // integers without an exponent: 4000000000, not 4e+09
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) {
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
  }
  return std::string(buf, ptr);
}

std::string json_string(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\b': o += "\\b"; break;
      case '\f': o += "\\f"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          o += buf;
        } else {
          o += static_cast<char>(c);
        }
    }
  }
  return o + "\"";
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();


double get(const std::vector<double>& v, size_t i) { return i < v.size() ? v[i] : kNaN; }

class OutFile {
 public:
  OutFile(const fs::path& dir, const char* name, int& files_written) : path_(dir / name), count_(files_written) {
    if (detail::writer_fail_after_files >= 0 && count_ >= detail::writer_fail_after_files)
      throw std::runtime_error(path_.string() + ": simulated write failure (test hook)");
    f_.open(path_, std::ios::binary | std::ios::trunc);
    if (!f_) throw std::runtime_error(path_.string() + ": cannot create file");
  }
  std::ofstream& s() { return f_; }
  // The stream keeps no error code; errno still holds the failed write's
  // (ENOSPC on a full disk, EFBIG past a file-size limit).
  [[noreturn]] void fail() const {
    const int e = errno;
    throw std::runtime_error(path_.string() + ": write failed" + (e ? ": " + std::string(std::strerror(e)) : "") +
                             (e == ENOSPC || e == EFBIG ? " (the disk is full or a file-size limit is reached; the "
                                                          "previous output, if any, is kept)"
                                                        : ""));
  }
  void close() {
    errno = 0;
    f_.flush();
    if (!f_) fail();
    f_.close();
    if (f_.fail()) fail();
    ++count_;
  }

 private:
  fs::path path_;
  std::ofstream f_;
  int& count_;
};

// The labels of the pathways / plant_years / fleet files: Planned (not yet
// built), the 8 option states (PP, +Flex, ..., +Flex+BE+CCS), +Retire, NR
// (past its lifetime).
constexpr int kLabelPlanned = 0, kLabelRetire = 9, kLabelNR = 10, kLabels = 11;
const std::vector<std::string>& labels() {
  static const std::vector<std::string> l = [] {
    std::vector<std::string> v = {"Planned"};
    for (uint8_t s = 0; s < 8; ++s) v.push_back(state_label(s));
    v.push_back(state_label(kRetired));
    v.push_back("NR");
    return v;
  }();
  return l;
}

// Label index of plant j at decision year k; -1 for an alive plant without a plan.
int label_of(const Problem& P, const SolveResult& res, bool has_plan, int j, int k) {
  const int y = P.years[k];
  const auto& pl = P.plants[j];
  if (pl.start_year > y) return kLabelPlanned;
  if (pl.start_year + static_cast<int>(P.prm.lifetime) - 1 < y) return kLabelNR;
  if (!has_plan) return -1;
  const uint8_t s = res.plan.state[res.plan.at(j, k)];
  if (s == kNotAlive) return kLabelNR;
  return s == kRetired ? kLabelRetire : 1 + s;
}

std::string year_label(const Problem& P, const SolveResult& res, bool has_plan, int j, int k) {
  const int l = label_of(P, res, has_plan, j, k);
  return l < 0 ? std::string() : labels()[l];
}

// The old output's entries plantpath did not write stay where they are now.
void warn_foreign_left(const std::string& out_dir, const std::vector<std::string>& left, const fs::path& kept_in) {
  if (left.empty()) return;
  std::string names;
  for (size_t i = 0; i < left.size() && i < 3; ++i) names += (i ? ", '" : "'") + left[i] + "'";
  if (left.size() > 3) names += " and " + std::to_string(left.size() - 3) + " more";
  std::fprintf(stderr, "plantpath: warning: %s held %s, which plantpath did not write; kept them in %s\n",
               out_dir.c_str(), names.c_str(), kept_in.c_str());
}

int state_column(uint8_t s) { return s == kRetired ? 8 : (s < 8 ? s : -1); }

void write_summary(const fs::path& dir, const Problem& P, const SolveResult& res, bool has_plan, bool has_eval,
                   const std::string& extra, int& count) {
  OutFile f(dir, "summary.json", count);
  auto& o = f.s();
  const int n = P.n;
  const Evaluation& ev = res.eval;
  const double nan = kNaN;
  o << "{\n";
  o << "  \"status\": " << json_string(to_string(res.status)) << ",\n";
  o << "  \"stop_reason\": " << json_string(to_string(res.stop)) << ",\n";
  o << "  \"solution_state\": " << json_string(to_string(res.solution)) << ",\n";
  o << "  \"message\": " << json_string(res.message) << ",\n";
  o << "  \"plants\": " << P.np << ",\n";
  o << "  \"decision_years\": [";
  for (int k = 0; k < n; ++k) o << (k ? ", " : "") << P.years[k];
  o << "],\n";
  o << "  \"pathway\": " << json_string(P.pathway) << ",\n";
  o << "  \"npv_bau_usd\": " << json_number(P.npv_bau) << ",\n";
  o << "  \"npv_usd\": " << json_number(has_eval ? ev.npv : nan) << ",\n";
  o << "  \"transition_cost_usd\": " << json_number(has_eval ? ev.tc : nan) << ",\n";
  o << "  \"transition_cost_lower_bound_usd\": " << json_number(res.tc_lower_bound) << ",\n";
  o << "  \"gap\": " << json_number(has_eval ? res.gap : nan) << ",\n";
  o << "  \"worst_step_gap\": " << json_number(has_eval ? res.worst_step_gap : nan) << ",\n";
  o << "  \"seconds_to_gap_1pct\": " << json_number(seconds_to_gap(res, 1e-2)) << ",\n";
  o << "  \"seconds_to_gap_0.1pct\": " << json_number(seconds_to_gap(res, 1e-3)) << ",\n";
  o << "  \"seconds_to_gap_0.01pct\": " << json_number(seconds_to_gap(res, 1e-4)) << ",\n";
  o << "  \"feasible\": " << (has_eval && ev.feasible ? "true" : "false") << ",\n";
  o << "  \"iterations\": " << res.iterations << ",\n";
  o << "  \"seconds\": " << json_number(res.seconds) << ",\n";
  o << "  \"threads\": " << res.threads << ",\n";
  o << "  \"nodes\": " << res.nodes << ",\n";
  o << "  \"milp_nodes\": " << res.milp_nodes << ",\n";
  o << "  \"solver\": {";
  for (size_t i = 0; i < res.stats.size(); ++i)
    o << (i ? ", " : "") << json_string(res.stats[i].first) << ": " << json_number(res.stats[i].second);
  o << "},\n";
  o << "  \"emission_rows\": [";
  for (size_t r = 0; r < P.emission_rows.size(); ++r)
    o << (r ? ", " : "") << "{\"label\": " << json_string(P.emission_rows[r].label)
      << ", \"rhs_t\": " << json_number(P.emission_rows[r].rhs)
      << ", \"price\": " << json_number(get(res.prices.lam, r)) << "}";
  o << "],\n";
  o << "  \"years\": [\n";
  const bool prices_ok = res.prices.lam.size() == P.emission_rows.size();
  const int npr = static_cast<int>(P.provinces.size());
  for (int k = 0; k < n; ++k) {
    // cap: rows constraining only year k
    double cap = 0;
    bool has_cap = false;
    double nat_price = 0, prov_price = 0, prov_w = 0, prov_plain = 0;
    int prov_rows = 0;
    for (size_t r = 0; r < P.emission_rows.size(); ++r) {
      const EmissionRow& row = P.emission_rows[r];
      const double w = get(row.weight, k);
      if (!(w != 0) || !std::isfinite(w)) continue;
      bool only_k = true;
      for (int kk = 0; kk < static_cast<int>(row.weight.size()); ++kk)
        if (kk != k && row.weight[kk] != 0) only_k = false;
      if (only_k) {
        cap += row.rhs;
        has_cap = true;
      }
      if (!prices_ok) continue;
      const double price = res.prices.lam[r] * w;
      if (row.provinces.empty()) {
        nat_price += price;
      } else {
        // A regional row's price counts with the emissions it covers.
        double we = 0, bau = 0;
        for (int p : row.provinces) {
          const size_t pk = size_t(p) * n + k;
          we += has_eval ? get(ev.emissions_pk, pk) : kNaN;
          bau += get(P.bau_emissions_pk, pk);
        }
        if (!std::isfinite(we) || we <= 0) we = bau;
        if (!std::isfinite(we) || we < 0) we = 0;
        prov_price += we * price;
        prov_w += we;
        prov_plain += price;
        ++prov_rows;
      }
    }
    double price = kNaN;
    if (prices_ok) {
      price = nat_price;
      if (prov_rows > 0) price += prov_w > 0 ? prov_price / prov_w : prov_plain / prov_rows;
    }
    double gen = kNaN, bau_gen = 0;
    if (has_eval && ev.generation_pk.size() == size_t(npr) * n) {
      gen = 0;
      for (int p = 0; p < npr; ++p) gen += ev.generation_pk[size_t(p) * n + k];
    }
    for (int p = 0; p < npr; ++p) bau_gen += get(P.bau_generation_pk, size_t(p) * n + k);
    o << "    {\"year\": " << P.years[k] << ", \"cap_t\": " << json_number(has_cap ? cap : kNaN)
      << ", \"emissions_t\": " << json_number(has_eval ? get(ev.emissions, k) : kNaN)
      << ", \"generation_mwh\": " << json_number(gen) << ", \"bau_emissions_t\": " << json_number(get(P.bau_emissions, k))
      << ", \"bau_generation_mwh\": " << json_number(bau_gen) << ", \"carbon_price_usd_per_t\": " << json_number(price)
      << "}" << (k + 1 < n ? "," : "") << "\n";
  }
  o << "  ],\n";
  o << "  \"has_plan\": " << (has_plan ? "true" : "false") << ",\n";
  o << "  \"violations\": [";
  for (size_t i = 0; i < ev.violations.size(); ++i) o << (i ? ",\n    " : "\n    ") << json_string(ev.violations[i]);
  o << (ev.violations.empty() ? "]" : "\n  ]");
  if (const std::string b = budget_json(P, res, has_eval); !b.empty()) o << ",\n  " << b;
  // extra members
  size_t b = 0, e = extra.size();
  while (b < e && (extra[b] == ',' || std::isspace(static_cast<unsigned char>(extra[b])))) ++b;
  while (e > b && (extra[e - 1] == ',' || std::isspace(static_cast<unsigned char>(extra[e - 1])))) --e;
  if (e > b) o << ",\n  " << extra.substr(b, e - b);
  o << "\n}\n";
  f.close();
}

void write_pathways(const fs::path& dir, const Problem& P, const SolveResult& res, bool has_plan, int& count) {
  OutFile f(dir, "pathways.csv", count);
  auto& o = f.s();
  o << "id,province,capacity_mw,start_year";
  for (int y : P.years) o << "," << y;
  o << "\n";
  for (int j = 0; j < P.np; ++j) {
    const auto& pl = P.plants[j];
    o << csv_field(pl.id) << "," << csv_field(pl.province) << "," << csv_number(pl.capacity_mw) << "," << pl.start_year;
    for (int k = 0; k < P.n; ++k) o << "," << year_label(P, res, has_plan, j, k);
    o << "\n";
  }
  f.close();
}

// What the report's map and any join need about a plant, once per plant
// (pathways.csv stays the paper's Fig. 2 shape).
void write_plants(const fs::path& dir, const Problem& P, int& count) {
  OutFile f(dir, "plants.csv", count);
  auto& o = f.s();
  o << "id,name,country,province,lon,lat,capacity_mw,start_year\n";
  for (const auto& pl : P.plants)
    o << csv_field(pl.id) << "," << csv_field(pl.name) << "," << csv_field(pl.country) << "," << csv_field(pl.province)
      << "," << csv_number(pl.lon) << "," << csv_number(pl.lat) << "," << csv_number(pl.capacity_mw) << ","
      << pl.start_year << "\n";
  f.close();
}

// The national fleet by decision year: for every label of pathways.csv
// (Planned and NR included) the units and MW carrying it, every label on
// every year (zeros kept) so a year's rows are the whole tracker fleet.
void write_fleet(const fs::path& dir, const Problem& P, const SolveResult& res, bool has_plan, int& count) {
  OutFile f(dir, "fleet.csv", count);
  auto& o = f.s();
  std::vector<double> mw(size_t(kLabels) * P.n, 0.0);
  std::vector<long> units(size_t(kLabels) * P.n, 0);
  for (int j = 0; j < P.np; ++j)
    for (int k = 0; k < P.n; ++k) {
      const int l = label_of(P, res, has_plan, j, k);
      if (l < 0) continue;  // no plan: alive plants have no label
      mw[size_t(l) * P.n + k] += P.plants[j].capacity_mw;
      ++units[size_t(l) * P.n + k];
    }
  o << "year,state,units,capacity_mw\n";
  for (int k = 0; k < P.n; ++k)
    for (int l = 0; l < kLabels; ++l) {
      if (!has_plan && l != kLabelPlanned && l != kLabelNR) continue;
      const size_t i = size_t(l) * P.n + k;
      o << P.years[k] << "," << labels()[l] << "," << units[i] << "," << csv_number(mw[i]) << "\n";
    }
  f.close();
}

void write_plant_years(const fs::path& dir, const Problem& P, const SolveResult& res, bool has_plan, bool has_eval,
                       int& count) {
  OutFile f(dir, "plant_years.csv", count);
  auto& o = f.s();
  const Evaluation& ev = res.eval;
  o << "plant,year,state,u,generation_mwh,biomass_mwh,emissions_t,cash_flow_usd,capex_usd\n";
  for (int j = 0; j < P.np; ++j) {
    for (int k = 0; k < P.n; ++k) {
      const size_t i = size_t(j) * P.n + k;
      const std::string label = year_label(P, res, has_plan, j, k);
      o << csv_field(P.plants[j].id) << "," << P.years[k] << "," << label << ",";
      if (label == "NR" || label == "Planned") {
        o << "0,0,0,0,0,0\n";
        continue;
      }
      o << (has_plan ? csv_number(res.plan.u[i]) : std::string()) << ",";
      if (has_eval) {
        o << csv_number(get(ev.gen, i)) << "," << csv_number(get(ev.bio, i)) << "," << csv_number(get(ev.emis, i)) << ","
          << csv_number(get(ev.cash_flow, i)) << "," << csv_number(get(ev.capex, i)) << "\n";
      } else {
        o << ",,,,\n";
      }
    }
  }
  f.close();
}

void write_provinces(const fs::path& dir, const Problem& P, const SolveResult& res, bool has_plan, bool has_eval,
                     int& count) {
  OutFile f(dir, "provinces.csv", count);
  auto& o = f.s();
  const Evaluation& ev = res.eval;
  const int n = P.n;
  const int npr = static_cast<int>(P.provinces.size());
  static const char* kCols[9] = {"PP", "Flex", "BE", "Flex+BE", "CCS", "Flex+CCS", "BE+CCS", "Flex+BE+CCS", "Retire"};
  // column order: PP, Flex, BE, CCS, Flex+BE, Flex+CCS, BE+CCS, Flex+BE+CCS, Retire
  static const int kOrder[9] = {0, kFlex, kBE, kCCS, kFlex | kBE, kFlex | kCCS, kBE | kCCS, kFlex | kBE | kCCS, 8};
  o << "province,year";
  for (int c : kOrder) o << ",capacity_mw_" << kCols[c];
  o << ",generation_mwh,emissions_t,floor_mwh,transition_cost_usd,transition_cost_share\n";

  // Each row's cost is the part of the TC in that province and decision
  // period, so the column sums to the TC (before any soft-row penalty).
  const bool has_tc = has_eval && ev.tc_pk.size() == size_t(npr) * n;
  double tc_total = 0;
  if (has_tc)
    for (double v : ev.tc_pk) tc_total += v;
  std::vector<double> cap(size_t(npr) * n * 9, 0.0);
  if (has_plan)
    for (int j = 0; j < P.np; ++j)
      for (int k = 0; k < n; ++k) {
        if (!P.alive_at(j, k)) continue;
        const int c = state_column(res.plan.state[res.plan.at(j, k)]);
        if (c >= 0) cap[(size_t(P.province[j]) * n + k) * 9 + c] += P.K[j];
      }
  for (int p = 0; p < npr; ++p)
    for (int k = 0; k < n; ++k) {
      const size_t pk = size_t(p) * n + k;
      o << csv_field(P.provinces[p]) << "," << P.years[k];
      for (int c : kOrder) o << "," << (has_plan ? csv_number(cap[pk * 9 + c]) : std::string());
      o << "," << csv_number(has_eval ? get(ev.generation_pk, pk) : kNaN) << ","
        << csv_number(has_eval ? get(ev.emissions_pk, pk) : kNaN) << "," << csv_number(get(P.floor, pk)) << ","
        << csv_number(has_tc ? ev.tc_pk[pk] : kNaN) << ","
        << csv_number(has_tc && tc_total != 0 ? ev.tc_pk[pk] / tc_total : kNaN) << "\n";
    }
  f.close();
}

void write_convergence(const fs::path& dir, const SolveResult& res, int& count) {
  OutFile f(dir, "convergence.csv", count);
  auto& o = f.s();
  o << "phase,iteration,bound_tc_usd,best_tc_usd,gap,seconds\n";
  for (const auto& r : res.history) {
    // Without a plan (or, myopic, a bound) a row has no gap: an empty cell.
    const double gap = std::isfinite(r.best_tc) && std::isfinite(r.bound_tc) ? r.gap : kNaN;
    o << csv_field(r.phase ? r.phase : "") << "," << r.iteration << "," << csv_number(r.bound_tc) << ","
      << csv_number(r.best_tc) << "," << csv_number(gap) << "," << csv_number(r.seconds) << "\n";
  }
  f.close();
}

// A fresh directory `tmp` for the new output: a stale one of ours (same pid,
// e.g. an earlier failed write) is removed first, anything else is kept.
void make_fresh_dir(const fs::path& tmp) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(tmp, ec)) && !remove_owned_output(tmp).empty())
    throw std::runtime_error(tmp.string() + ": exists and was not written by plantpath; not touching it");
  if (!fs::create_directory(tmp, ec) || ec)
    throw std::runtime_error(tmp.string() + ": cannot create directory" + (ec ? ": " + ec.message() : std::string()));
}

// Removes what this run wrote in `tmp`; never throws.
void drop(const fs::path& tmp) noexcept {
  try {
    remove_owned_output(tmp);
  } catch (...) {
  }
}

}  // namespace

void publish_output_dir(const std::string& out_dir, OutputKind kind, const std::vector<OutputEntry>& files,
                        const std::function<void(const fs::path& tmp)>& write) {
  const fs::path out = output_path(out_dir);  // OutputRefused for "", ".", ...
  std::error_code ec;
  const fs::path parent = out.parent_path();
  fs::create_directories(parent, ec);
  if (ec) throw std::runtime_error(out_dir + ": cannot create parent directory " + parent.string() + ": " + ec.message());
  if (const std::string r = output_dir_refusal(out, out_dir); !r.empty()) throw OutputRefused(r);

  const std::string pid = std::to_string(static_cast<long>(::getpid()));
  const fs::path tmp = out.string() + ".tmp-" + pid;
  make_fresh_dir(tmp);

  try {
    // The marker first: a write killed midway leaves a directory that is
    // still recognisably ours (listed files may be missing).
    write_output_marker(tmp, kind, files);
    write(tmp);
  } catch (...) {
    drop(tmp);
    throw;
  }

  if (fs::exists(fs::symlink_status(out, ec))) {
    // Checked again: something may have been put there while we solved.
    if (const std::string r = output_dir_refusal(out, out_dir); !r.empty()) {
      drop(tmp);
      throw OutputRefused(r);
    }
    const fs::path old = out.string() + ".old-" + pid;
    // One atomic exchange where the file system has it (Linux renameat2): a
    // run killed at any moment leaves the old output or the new one at
    // `out`, never neither. Elsewhere two renames, with a short window in
    // which the old output sits at `old`.
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) == 0) {
      fs::rename(tmp, old, ec);  // the previous output, now at tmp
      const fs::path& prev = ec ? tmp : old;
      warn_foreign_left(out_dir, remove_owned_output(prev), prev);
      return;
    }
    if (fs::exists(fs::symlink_status(old, ec)) && !remove_owned_output(old).empty()) {
      drop(tmp);
      throw std::runtime_error(old.string() + ": exists and was not written by plantpath; not touching it");
    }
    fs::rename(out, old, ec);
    if (ec) {
      drop(tmp);
      throw std::runtime_error(out_dir + ": cannot move the old output aside: " + ec.message());
    }
    fs::rename(tmp, out, ec);
    if (ec) {
      const std::string msg = ec.message();
      fs::rename(old, out, ec);
      drop(tmp);
      throw std::runtime_error(out_dir + ": cannot rename the new output into place: " + msg);
    }
    // Delete only what the old output's marker lists; anything that slipped
    // in meanwhile is kept where it now is.
    warn_foreign_left(out_dir, remove_owned_output(old), old);
  } else {
    fs::rename(tmp, out, ec);
    if (ec) {
      const std::string msg = ec.message();
      drop(tmp);
      throw std::runtime_error(out_dir + ": cannot rename the new output into place: " + msg);
    }
  }
}

void write_solution(const std::string& out_dir, const Problem& P, const SolveResult& res,
                    const std::string& extra_json_fields) {
  const bool has_plan = P.np > 0 && res.plan.np == P.np && res.plan.n == P.n &&
                        res.plan.state.size() == size_t(P.np) * P.n && res.plan.u.size() == size_t(P.np) * P.n;
  const bool has_eval = has_plan && res.eval.plant_npv.size() == size_t(P.np);
  std::vector<OutputEntry> files;
  for (const char* f : {"summary.json", "pathways.csv", "plant_years.csv", "provinces.csv", "convergence.csv", "fleet.csv",
                        "plants.csv"})
    files.push_back({f, false});
  if (is_budget_problem(P)) files.push_back({"budget_pathway.csv", false});
  publish_output_dir(out_dir, OutputKind::kSolve, files, [&](const fs::path& tmp) {
    int count = 0;
    write_summary(tmp, P, res, has_plan, has_eval, extra_json_fields, count);
    write_pathways(tmp, P, res, has_plan, count);
    write_plant_years(tmp, P, res, has_plan, has_eval, count);
    write_provinces(tmp, P, res, has_plan, has_eval, count);
    write_convergence(tmp, res, count);
    write_fleet(tmp, P, res, has_plan, count);
    write_plants(tmp, P, count);
    if (is_budget_problem(P)) {
      OutFile f(tmp, "budget_pathway.csv", count);
      write_budget_csv(f.s(), P, res, has_eval);
      f.close();
    }
  });
}

void write_output_file(const fs::path& dir, const char* name, const std::string& text, int& count) {
  OutFile f(dir, name, count);
  f.s() << text;
  f.close();
}

std::string csv_number(double v) { return std::isfinite(v) ? json_number(v) : std::string(); }

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) {
    if (c == '"') o += '"';
    o += (c == '\n' || c == '\r') ? ' ' : c;  // one record per line (sweep's --resume reads lines)
  }
  return o + "\"";
}

}  // namespace pp
