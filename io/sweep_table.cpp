#include "io/sweep_table.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "io/csv.hpp"
#include "io/input_error.hpp"
#include "io/output_dir.hpp"
#include "io/solution_writer.hpp"
#include "model/technology.hpp"

namespace pp {

namespace fs = std::filesystem;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const char* const kClassNames[kCapClasses] = {"alive", "pp", "flex", "be", "ccs", "retired"};
const int kShareClasses[] = {kCapFlex, kCapBE, kCapCCS, kCapRetired};

}  // namespace

const char* capacity_class_name(int c) { return c >= 0 && c < kCapClasses ? kClassNames[c] : "?"; }


RunSummary failed_run(const std::string& status, const std::string& message, int n_years) {
  RunSummary s;
  s.status = status;
  s.message = message;
  s.tc = s.bound = s.gap = s.cum_emissions = s.seconds = kNaN;
  s.emissions.assign(n_years, kNaN);
  s.cap_ratio.assign(n_years, kNaN);
  s.capacity.assign(size_t(n_years) * kCapClasses, kNaN);
  return s;
}

RunSummary summarize(const Problem& P, const SolveResult& r) {
  const int n = P.n;
  RunSummary s = failed_run(to_string(r.status), r.message, n);
  s.bound = r.tc_lower_bound;
  s.seconds = r.seconds;
  s.iterations = r.iterations;
  for (int k = 0; k < n; ++k) {
    double cap = 0;
    bool has_cap = false;
    for (const auto& row : P.emission_rows) {
      bool only_k = row.weight[k] != 0;
      for (int kk = 0; kk < n && only_k; ++kk) only_k = kk == k || row.weight[kk] == 0;
      if (only_k) {
        cap += row.rhs;
        has_cap = true;
      }
    }
    if (has_cap && P.bau_emissions[k] > 0) s.cap_ratio[k] = cap / P.bau_emissions[k];
  }
  const bool has_plan = r.plan.np == P.np && P.np > 0 && r.plan.state.size() == size_t(P.np) * n &&
                        r.eval.plant_npv.size() == size_t(P.np) && r.eval.emissions.size() == size_t(n);
  if (!has_plan) return s;
  s.tc = r.eval.tc;
  s.gap = r.gap;
  const std::vector<double> W = period_weights(P.years, P.prm.year_step);
  s.cum_emissions = 0;
  for (int k = 0; k < n; ++k) {
    s.emissions[k] = r.eval.emissions[k];
    s.cum_emissions += W[k] * r.eval.emissions[k];
  }
  std::fill(s.capacity.begin(), s.capacity.end(), 0.0);
  for (int j = 0; j < P.np; ++j)
    for (int k = 0; k < n; ++k) {
      if (!P.alive_at(j, k)) continue;
      const uint8_t st = r.plan.state[r.plan.at(j, k)];
      double* c = &s.capacity[size_t(k) * kCapClasses];
      c[kCapAlive] += P.K[j];
      if (st == kRetired) c[kCapRetired] += P.K[j];
      else if (st == 0) c[kCapPP] += P.K[j];
      if (has(st, kFlex)) c[kCapFlex] += P.K[j];
      if (has(st, kBE)) c[kCapBE] += P.K[j];
      if (has(st, kCCS)) c[kCapCCS] += P.K[j];
    }
  return s;
}

std::string figures_header(const std::vector<int>& years) {
  std::string h = "status,tc_usd,bound_usd,gap,cum_emissions_t";
  for (int y : years) h += ",emissions_t_" + std::to_string(y);
  for (int y : years) h += ",cap_ratio_" + std::to_string(y);
  return h;
}

std::string figures_fields(const RunSummary& s) {
  std::string o = csv_field(s.status) + "," + csv_number(s.tc) + "," + csv_number(s.bound) + "," + csv_number(s.gap) + "," +
                  csv_number(s.cum_emissions);
  for (double e : s.emissions) {
    o += ',';
    o += csv_number(e);
  }
  for (double c : s.cap_ratio) {
    o += ',';
    o += csv_number(c);
  }
  return o;
}

std::string capacity_header(const std::vector<int>& years, bool shares) {
  std::string h;
  if (shares) {
    for (int c : kShareClasses)
      for (int y : years) {
        if (!h.empty()) h += ',';
        h += std::string("share_") + kClassNames[c] + "_" + std::to_string(y);
      }
  } else {
    for (int c = 0; c < kCapClasses; ++c)
      for (int y : years) {
        if (!h.empty()) h += ',';
        h += std::string("capacity_mw_") + kClassNames[c] + "_" + std::to_string(y);
      }
  }
  return h;
}

std::string capacity_fields(const RunSummary& s, bool shares) {
  const size_t n = s.capacity.size() / kCapClasses;
  std::string o;
  bool first = true;
  auto add = [&](double v) {
    if (!first) o += ',';
    first = false;
    o += csv_number(v);
  };
  if (shares) {
    for (int c : kShareClasses)
      for (size_t k = 0; k < n; ++k) {
        const double alive = s.capacity[k * kCapClasses + kCapAlive];
        add(alive > 0 ? s.capacity[k * kCapClasses + c] / alive : kNaN);
      }
  } else {
    for (int c = 0; c < kCapClasses; ++c)
      for (size_t k = 0; k < n; ++k) add(s.capacity[k * kCapClasses + c]);
  }
  return o;
}

IncrementalCsv::IncrementalCsv(const std::string& path, const std::string& header) : path_(path), header_(header) {
  std::error_code ec;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) throw std::runtime_error(parent.string() + ": cannot create directory: " + ec.message());
  }
  // A new file, never one opened in place: an older file is unlinked first, so
  // neither a link nor a second hard link to it is written through (the
  // caller's OutputClaim has checked that the name is plantpath's).
  if (::unlink(path.c_str()) != 0 && errno != ENOENT)
    throw std::runtime_error(path + ": cannot replace the file: " + std::strerror(errno));
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd_ < 0) throw std::runtime_error(path + ": cannot create file: " + std::strerror(errno));
  const std::string line = header + "\n";
  if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    ::close(fd_);
    fd_ = -1;
    throw std::runtime_error(path + ": write failed");
  }
}

IncrementalCsv::~IncrementalCsv() {
  if (fd_ >= 0) ::close(fd_);
}

void IncrementalCsv::append(size_t key, const std::string& row, bool sync) {
  const std::string line = row + "\n";
  std::lock_guard<std::mutex> lk(m_);
  rows_.emplace_back(key, row);
  if (fd_ < 0) throw std::runtime_error(path_ + ": already finished");
  if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size()))
    throw std::runtime_error(path_ + ": write failed: " + std::strerror(errno));
  if (sync) ::fdatasync(fd_);
}

void IncrementalCsv::finish() {
  std::lock_guard<std::mutex> lk(m_);
  std::stable_sort(rows_.begin(), rows_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string text = header_ + "\n";
  for (const auto& r : rows_) text += r.second + "\n";
  write_file_atomically(path_, text);  // via path.tmp-<pid>
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::map<std::string, KeptRow> kept_rows_with_plan(const std::string& path, const std::string& header,
                                                   const std::vector<std::string>& key_columns) {
  std::map<std::string, KeptRow> out;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return out;
  const CsvTable t = CsvTable::read_file(path);
  std::string h;
  for (const auto& c : t.header()) h += (h.empty() ? "" : ",") + c;
  if (h != header) throw InputError("--resume: " + path + " has other columns than this run would write");
  std::vector<int> keys;
  for (const auto& k : key_columns) keys.push_back(t.require(k));
  const int ct = t.require("tc_usd"), cg = t.require("gap");
  for (size_t r = 0; r < t.rows(); ++r) {
    if (t.str(r, ct).empty()) continue;
    KeptRow k;
    k.tc = t.number(r, ct);
    k.gap = t.str(r, cg).empty() ? std::numeric_limits<double>::quiet_NaN() : t.number(r, cg);
    for (size_t c = 0; c < t.header().size(); ++c) {
      if (c) k.line += ',';
      k.line += csv_field(t.text(r, static_cast<int>(c)));
    }
    std::string key;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i) key += '\x1f';
      key += t.text(r, keys[i]);
    }
    out[key] = std::move(k);
  }
  return out;
}

}  // namespace pp
