#pragma once
// `plantpath report`: one self-contained HTML page (every script, style and
// map outline inlined) and each figure as SVG and PNG, made from a run's
// output files only, so it works on a run of an older version or one copied
// from another machine. The drawing is done by io/report/report.py (ECharts
// for the page, matplotlib for the paper figures); this side owns the output
// locations: it checks and locks them before any work, stages everything in
// a temporary directory, and puts the page and the figures in place only when
// the whole report is made, so a failure leaves no half-written report.
//
// Where it goes. One run, no --out: RUN/report.html and RUN/report-figures/,
// both then listed in RUN's .plantpath-output marker. With --out PAGE.html:
// PAGE.html and PAGE-figures/ beside it (an existing PAGE.html is replaced
// only if plantpath wrote it). Two runs (a comparison) need --out.
#include <string>
#include <vector>

#include "io/output_dir.hpp"

namespace pp {

struct ReportRequest {
  std::vector<std::string> runs;  // run directories: one, or two to compare (A B)
  std::string out_html;           // "" : RUN/report.html (one run only)
  std::string province;           // "" : the page's province views start at the largest province
  int verbosity = 1;              // 0 quiet
};

// Checks a request before any work: the runs exist and are plantpath output
// directories of a kind the report knows, the out path fits. UsageError-like
// problems are returned as text ("" when fine).
std::string report_request_problem(const ReportRequest& r);

// Makes the report. `run_claim`: the caller's claim on runs[0] when it holds
// one already (solve --report), else nullptr and one is taken here. Returns 0,
// or 1 when the report program rejected an input (it has said why, naming the
// file, line and field, on stderr). Throws OutputRefused / std::runtime_error.
// `html_written` receives the page's path.
int make_report(const ReportRequest& r, OutputClaim* run_claim, std::string& html_written);

}  // namespace pp
