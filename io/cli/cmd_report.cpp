// plantpath report RUN [RUN_B] [--out PAGE.html] [--province NAME]
#include <cstdio>
#include <stdexcept>
#include <string>

#include "io/cli/args.hpp"
#include "io/cli/commands.hpp"
#include "io/report.hpp"

namespace pp {

namespace {

void report_usage() {
  std::printf(
      "usage: plantpath report RUN [--out PAGE.html] [--province NAME]\n"
      "       plantpath report RUN_A RUN_B --out PAGE.html      (compare two solve outputs)\n"
      "Draws one self-contained HTML page from a run's output files (it opens offline in any browser:\n"
      "every script, style and map outline is inlined) and each figure as SVG and PNG for a paper.\n"
      "RUN is a solve output (emissions against caps, generation against floors, capacity flows between\n"
      "technology states, capacity by state, a map of the plants by year, costs by province, convergence),\n"
      "a sweep output (cost and bound per pathway, ranked) or a sensitivity output (a tornado chart).\n"
      "Two solve outputs A and B (e.g. myopic and foresight) are compared side by side: the difference\n"
      "B - A per decision year and per province.\n\n"
      "  --out PAGE.html   write PAGE.html and PAGE-figures/ (default: RUN/report.html and RUN/report-figures/,\n"
      "                    listed in RUN's .plantpath-output); an existing page is replaced only if plantpath wrote it\n"
      "  --province NAME   the province the page's fleet views show first (default: national, or the\n"
      "                    run's one province)\n"
      "  --quiet           no progress lines\n\n"
      "Output columns and codes: papers/outputs.md. Libraries: ECharts draws the page, matplotlib the figures.\n"
      "Exit status: 0 done, 1 a run file is missing or malformed (the message names it; nothing is written),\n"
      "2 usage error or a refused --out.\n");
}

}  // namespace

int cmd_report(int argc, char** argv) {
  const CliArgs a = parse_args(argc, argv, {{"province", true, false}});
  if (a.help) {
    report_usage();
    return 0;
  }
  ReportRequest r;
  r.runs = a.positional;
  r.out_html = a.out;
  r.province = a.get("province");
  r.verbosity = a.solver.verbosity;
  if (const std::string e = report_request_problem(r); !e.empty()) throw UsageError(e);
  std::string page;
  const int rc = make_report(r, nullptr, page);
  if (rc == 0) std::printf("report:           %s\n", page.c_str());
  return rc;
}

}  // namespace pp
