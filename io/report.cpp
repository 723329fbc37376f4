#include "io/report.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
#include <cstdio>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>

extern char** environ;

namespace pp {

namespace fs = std::filesystem;

namespace {

#ifndef PLANTPATH_REPORT_SCRIPT
#define PLANTPATH_REPORT_SCRIPT "io/report/report.py"
#endif
#ifndef PLANTPATH_NODE_MODULES
#define PLANTPATH_NODE_MODULES "node_modules"
#endif

constexpr const char* kPageName = "report.html";
constexpr const char* kFiguresName = "report-figures";
// The page's second line: how an existing --out PAGE.html is recognised as ours.
constexpr const char* kPageSignature = "<!-- plantpath report";

std::string env_or(const char* name, const std::string& dflt) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : dflt;
}

// Debian's interpreter first: python3-matplotlib is installed for it, and a
// python3 earlier on PATH (pyenv, conda) usually lacks it.
std::string python() {
  if (const char* v = std::getenv("PLANTPATH_PYTHON"); v && *v) return v;
  return ::access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

std::optional<OutputKind> run_kind(const fs::path& dir, std::string& kind) {
  std::vector<OutputEntry> entries;
  if (!read_output_marker(dir, entries, kind)) return std::nullopt;
  if (kind == "solve") return OutputKind::kSolve;
  if (kind == "sweep") return OutputKind::kSweep;
  if (kind == "sensitivity") return OutputKind::kSensitivity;
  return std::nullopt;
}

fs::path figures_dir_for(const fs::path& html) {
  fs::path stem = html.filename();
  stem.replace_extension();
  return html.parent_path() / (stem.string() + "-figures");
}

// Runs the drawing program; its stdout and stderr are ours. Returns its exit status.
int run_program(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
  if (rc != 0) throw std::runtime_error("report: cannot start " + args[0] + ": " + std::strerror(rc));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error(std::string("report: waiting for the drawing program: ") + std::strerror(errno));
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

// Moves the staged figures directory onto `dst` (atomically exchanged with an
// old one, which is then deleted as far as plantpath wrote it).
void place_dir(const fs::path& staged, const fs::path& dst) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dst, ec))) {
    if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, dst.c_str(), RENAME_EXCHANGE) != 0)
      throw std::runtime_error(dst.string() + ": cannot replace it: " + std::strerror(errno));
    remove_owned_output(staged);  // the old figures, now at the staged path
    return;
  }
  fs::rename(staged, dst, ec);
  if (ec) throw std::runtime_error(dst.string() + ": cannot create it: " + ec.message());
}

}  // namespace

std::string report_request_problem(const ReportRequest& r) {
  if (r.runs.empty()) return "missing the run directory (RUN, or RUN_A RUN_B to compare)";
  if (r.runs.size() > 2) return "expected one run directory, or two to compare, got " + std::to_string(r.runs.size());
  if (r.runs.size() == 2 && r.out_html.empty()) return "comparing two runs needs --out PAGE.html";
  for (const auto& run : r.runs) {
    std::error_code ec;
    if (!fs::is_directory(run, ec)) return run + ": not a directory";
    std::string kind;
    if (!run_kind(run, kind)) {
      if (kind.empty()) return run + ": not a plantpath output directory (no valid .plantpath-output marker)";
      return run + ": a plantpath '" + kind + "' directory; the report reads solve, sweep and sensitivity outputs";
    }
    if (r.runs.size() == 2 && kind != "solve") return run + ": comparing needs two solve outputs, this is a " + kind;
  }
  if (!r.out_html.empty()) {
    const fs::path p(r.out_html);
    if (p.extension() != ".html" && p.extension() != ".htm") return "--out must name an .html file, got '" + r.out_html + "'";
  }
  return "";
}

int make_report(const ReportRequest& r, OutputClaim* run_claim, std::string& html_written) {
  if (const std::string e = report_request_problem(r); !e.empty()) throw std::invalid_argument(e);
  const bool in_run = r.out_html.empty();
  const fs::path run0 = output_path(r.runs[0]);
  std::string kind;
  const OutputKind k = *run_kind(run0, kind);

  // Claims before any work: nothing else writes where the report goes.
  OutputClaim own_run, page_claim, fig_claim;
  fs::path html, figs;
  if (in_run) {
    if (!run_claim) {
      own_run = claim_output_dir(r.runs[0], k);
      run_claim = &own_run;
    }
    html = run0 / kPageName;
    figs = run0 / kFiguresName;
    if (const std::string why = output_file_refusal(html, (fs::path(r.runs[0]) / kPageName).string(), 1,
                                                    kPageSignature, false);
        !why.empty())
      throw OutputRefused(why);
  } else {
    html = output_path(r.out_html, false);
    figs = figures_dir_for(html);
    page_claim = claim_output_file(r.out_html);
    if (const std::string why = output_file_refusal(html, r.out_html, 1, kPageSignature, false); !why.empty())
      throw OutputRefused(why + " (the report replaces only a page it wrote)");
    fig_claim = claim_output_dir(figs.string(), OutputKind::kReport);
  }

  // Listed before anything is written, so the staging directory and a run
  // killed midway leave a directory plantpath still recognises as its own.
  if (in_run) run_claim->record({{kPageName, false}, {kFiguresName, true}});
  const fs::path staged = figs.string() + ".tmp-" + std::to_string(static_cast<long>(::getpid()));
  std::error_code ec;
  fs::remove_all(staged, ec);
  fs::create_directories(staged, ec);
  if (ec) throw std::runtime_error(staged.string() + ": cannot create it: " + ec.message());
  try {
    std::vector<std::string> args{python(), env_or("PLANTPATH_REPORT_SCRIPT", PLANTPATH_REPORT_SCRIPT),
                                  "--stage", staged.string(), "--assets",
                                  env_or("PLANTPATH_REPORT_ASSETS", PLANTPATH_NODE_MODULES),
                                  "--figures-name", figs.filename().string()};
    if (!r.province.empty()) args.insert(args.end(), {"--province", r.province});
    if (r.verbosity == 0) args.push_back("--quiet");
    for (const auto& run : r.runs) args.push_back(run);
    const int rc = run_program(args);
    if (rc != 0) {
      fs::remove_all(staged, ec);
      if (rc == 1) return 1;  // an input problem, already explained by the program
      throw std::runtime_error("report: the drawing program failed (exit status " + std::to_string(rc) + ")");
    }
    if (!fs::is_regular_file(staged / kPageName, ec))
      throw std::runtime_error("report: the drawing program wrote no page");
    std::vector<OutputEntry> figures;
    for (const auto& e : fs::directory_iterator(staged))
      if (e.path().filename() != kPageName && e.is_regular_file()) figures.push_back({e.path().filename().string(), false});
    std::sort(figures.begin(), figures.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    write_output_marker(staged, OutputKind::kReport, figures);

    fs::rename(staged / kPageName, html, ec);
    if (ec) throw std::runtime_error(html.string() + ": cannot write it: " + ec.message());
    place_dir(staged, figs);
  } catch (...) {
    fs::remove_all(staged, ec);
    throw;
  }
  html_written = in_run ? (fs::path(r.runs[0]) / kPageName).string() : r.out_html;
  return 0;
}

}  // namespace pp
