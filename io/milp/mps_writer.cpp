#include "io/milp/mps_writer.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "io/output_dir.hpp"
#include "model/technology.hpp"

namespace pp {

namespace {

std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

bool finite_bound(double v) { return std::abs(v) < MilpModel::kInf * 0.5; }

}  // namespace

std::string mps_text(const MilpModel& M, const std::string& model_name) {
  std::ostringstream o;
  std::string name = model_name.empty() ? "plantpath" : model_name;
  for (char& c : name)
    if (c == ' ' || c == '\t') c = '_';
  o << "NAME " << name << "\n";
  o << kMpsSignature << " (papers/model.md, foresight). Minimise TC in units of " << num(M.money_unit)
    << " USD;\n* energy in " << num(M.energy_unit) << " MWh/yr, emissions in " << num(M.energy_unit)
    << " t/yr. Column names: see the .map.csv next to this file.\n";
  o << "ROWS\n N  obj\n";
  const int nr = M.num_rows(), nc = M.num_cols();
  std::vector<char> type(nr);
  for (int r = 0; r < nr; ++r) {
    const bool lo = finite_bound(M.row_lo[r]), up = finite_bound(M.row_up[r]);
    char t;
    if (lo && up)
      t = M.row_lo[r] == M.row_up[r] ? 'E' : 'L';  // L + RANGES for two finite sides
    else if (up)
      t = 'L';
    else if (lo)
      t = 'G';
    else
      throw std::runtime_error("MPS export: row " + M.row_name[r] + " has no finite side");
    type[r] = t;
    o << " " << t << "  " << M.row_name[r] << "\n";
  }
  o << "COLUMNS\n";
  bool in_int = false;
  int marker = 0;
  auto column = [&](int c, const std::string& cname, double objc) {
    bool any = false;
    if (objc != 0.0) {
      o << "    " << cname << "  obj  " << num(objc) << "\n";
      any = true;
    }
    if (c >= 0)
      for (int e = M.col_start[c]; e < M.col_start[c + 1]; ++e) {
        o << "    " << cname << "  " << M.row_name[M.row_index[e]] << "  " << num(M.value[e]) << "\n";
        any = true;
      }
    if (!any) o << "    " << cname << "  obj  0\n";  // every column must appear
  };
  for (int c = 0; c < nc; ++c) {
    if (M.is_int[c] && !in_int) {
      o << "    MARKER" << marker << "  'MARKER'  'INTORG'\n";
      in_int = true;
    } else if (!M.is_int[c] && in_int) {
      o << "    MARKER" << marker++ << "  'MARKER'  'INTEND'\n";
      in_int = false;
    }
    column(c, M.col_name[c], M.obj[c]);
  }
  if (in_int) o << "    MARKER" << marker++ << "  'MARKER'  'INTEND'\n";
  if (M.obj_offset != 0.0) column(-1, "obj_const", M.obj_offset);
  o << "RHS\n";
  for (int r = 0; r < nr; ++r) {
    const double rhs = type[r] == 'G' ? M.row_lo[r] : M.row_up[r];
    if (rhs != 0.0) o << "    RHS  " << M.row_name[r] << "  " << num(rhs) << "\n";
  }
  bool ranges = false;
  for (int r = 0; r < nr; ++r)
    if (type[r] == 'L' && finite_bound(M.row_lo[r])) {
      if (!ranges) o << "RANGES\n";
      ranges = true;
      o << "    RNG  " << M.row_name[r] << "  " << num(M.row_up[r] - M.row_lo[r]) << "\n";
    }
  o << "BOUNDS\n";
  for (int c = 0; c < nc; ++c) {
    const double lo = M.col_lo[c], up = M.col_up[c];
    const bool flo = finite_bound(lo), fup = finite_bound(up);
    const std::string& cn = M.col_name[c];
    if (M.is_int[c] && lo == 0 && up == 1) {
      o << " BV BND  " << cn << "\n";
      continue;
    }
    if (flo && fup && lo == up) {
      o << " FX BND  " << cn << "  " << num(lo) << "\n";
      continue;
    }
    if (!flo && !fup) {
      o << " FR BND  " << cn << "\n";
      continue;
    }
    if (!flo)
      o << " MI BND  " << cn << "\n";
    else if (lo != 0.0 || M.is_int[c])
      o << " LO BND  " << cn << "  " << num(lo) << "\n";
    if (fup)
      o << " UP BND  " << cn << "  " << num(up) << "\n";
    else if (M.is_int[c])
      o << " PL BND  " << cn << "\n";
  }
  if (M.obj_offset != 0.0) o << " FX BND  obj_const  1\n";
  o << "ENDATA\n";
  return o.str();
}

void check_mps_outputs(const std::string& path) {
  const std::filesystem::path mps = output_path(path, false);
  std::string r = output_file_refusal(mps, path, 1, kMpsSignature, false);
  if (r.empty()) r = output_file_refusal(mps.string() + ".map.csv", path + ".map.csv", 0, kMapHeader, true);
  if (!r.empty()) throw OutputRefused(r);
}

void write_mps(const std::string& path, const Problem& P, const MilpModel& M, const std::string& model_name) {
  check_mps_outputs(path);
  const std::filesystem::path mps = output_path(path, false);
  std::ostringstream f;
  f << kMapHeader << "\n";
  static const char* kind_name[] = {"state", "generation_gwh", "biomass_no_ccs_gwh", "biomass_ccs_gwh",
                                    "flow_gwh", "adoption", "slack", "constant", "transition"};
  auto csv = [](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (int c = 0; c < M.num_cols(); ++c) {
    const MilpColumn& ci = M.col_info[c];
    std::string detail;
    switch (ci.kind) {
      case MilpColumn::kState:
      case MilpColumn::kGen: detail = state_label(static_cast<uint8_t>(ci.aux)); break;
      case MilpColumn::kFlow: detail = "cell " + P.cells[ci.aux].id; break;
      case MilpColumn::kAdopt: detail = state_label(static_cast<uint8_t>(ci.aux)); break;
      case MilpColumn::kTransition:
        detail = state_label(static_cast<uint8_t>(ci.aux / kStates)) + " to " +
                 state_label(static_cast<uint8_t>(ci.aux % kStates));
        break;
      case MilpColumn::kSlack:
        if (M.col_name[c].rfind("sE_", 0) == 0) detail = "emission row " + P.emission_rows[ci.aux].label;
        else if (M.col_name[c].rfind("sF_", 0) == 0) detail = "floor " + P.provinces[ci.aux];
        else detail = "cell " + P.cells[ci.aux].id;
        break;
      default: break;
    }
    f << c << "," << M.col_name[c] << "," << kind_name[ci.kind] << ",";
    if (ci.plant >= 0) f << ci.plant << "," << csv(P.plants[ci.plant].id);
    else f << ",";
    f << ",";
    if (ci.k >= 0) f << P.years[ci.k];
    f << "," << csv(detail) << "\n";
  }
  const std::string text = mps_text(M, model_name);
  write_file_atomically(mps, text);
  write_file_atomically(mps.string() + ".map.csv", f.str());
}

}  // namespace pp
