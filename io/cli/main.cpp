// plantpath: command-line entry. Dispatches on the sub-command; never lets an
// exception escape. Exit status: 0 success, 1 input or runtime error (message
// on stderr), 2 usage error or a refused --out (pp::OutputRefused: a location
// plantpath did not write, or one another run holds), 3 a solve ended without
// a feasible plan.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "io/cli/args.hpp"
#include "io/cli/commands.hpp"
#include "io/input_error.hpp"
#include "io/output_dir.hpp"

namespace {

void usage(std::FILE* to) {
  std::fprintf(to,
               "usage: plantpath <command> [arguments]\n\n"
               "Commands:\n"
               "  solve <instance-dir> --pathway P --out DIR   plan the coal fleet's transition at least cost\n"
               "  check <instance-dir> [--pathway P]           validate an instance (and build its problem), solve nothing\n"
               "  sweep <instance-dir> --pathways SPEC --out DIR  solve many pathways (all, names, globs, a FILE)\n"
               "  sensitivity <instance-dir> --pathway P --out DIR  every economic parameter at its Min and Max\n"
               "  report RUN [RUN_B] [--out PAGE.html]         an HTML page and SVG/PNG figures of a run (or two compared)\n"
               "  export-mps <instance-dir> --pathway P --out FILE.mps   write the monolithic MILP%s\n"
               "  score <instance-dir> --pathway P --solution FILE       check and cost a MILP solution%s\n"
               "  params                                       the model parameters (Markdown table)\n"
               "  options                                      the solver options with their ranges (Markdown table)\n"
               "  help                                         this text\n\n"
               "Run 'plantpath <command> --help' for the options of a command.\n",
#ifdef PLANTPATH_HAVE_MILP
               "", ""
#else
               " (not in this build)", " (not in this build)"
#endif
  );
}

#ifndef PLANTPATH_HAVE_MILP
int no_milp(const char* cmd) {
  std::fprintf(stderr, "plantpath %s: this build lacks the MILP/CBC support (install coinor-libcbc-dev and rebuild)\n",
               cmd);
  return 1;
}
#endif

int run(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const std::string cmd = argv[1];
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    usage(stdout);
    return 0;
  }
  if (cmd == "solve") return pp::cmd_solve(argc - 1, argv + 1);
  if (cmd == "check") return pp::cmd_check(argc - 1, argv + 1);
  if (cmd == "params") return pp::cmd_params(argc - 1, argv + 1);
  if (cmd == "options") return pp::cmd_options(argc - 1, argv + 1);
  if (cmd == "sweep") return pp::cmd_sweep(argc - 1, argv + 1);
  if (cmd == "sensitivity") return pp::cmd_sensitivity(argc - 1, argv + 1);
  if (cmd == "report") return pp::cmd_report(argc - 1, argv + 1);
  if (cmd == "export-mps") {
#ifdef PLANTPATH_HAVE_MILP
    return pp::cmd_export_mps(argc - 1, argv + 1);
#else
    return no_milp("export-mps");
#endif
  }
  if (cmd == "score") {
#ifdef PLANTPATH_HAVE_MILP
    return pp::cmd_score(argc - 1, argv + 1);
#else
    return no_milp("score");
#endif
  }
  std::fprintf(stderr, "plantpath: unknown command '%s'\n\n", cmd.c_str());
  usage(stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const char* cmd = argc > 1 ? argv[1] : "";
  // A file-size limit (ulimit -f, a quota) would kill the process mid-write
  // with SIGXFSZ; ignored, the write fails with EFBIG and the writers report
  // it, remove their temporary and leave the previous output in place.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    return run(argc, argv);
  } catch (const pp::UsageError& e) {
    std::fprintf(stderr, "plantpath %s: %s\n", cmd, e.what());
    return 2;
  } catch (const pp::InputError& e) {
    std::fprintf(stderr, "plantpath %s: %s\n", cmd, e.what());
    return 1;
  } catch (const pp::OutputRefused& e) {
    std::fprintf(stderr, "plantpath %s: %s\n", cmd, e.what());
    return 2;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "plantpath %s: out of memory\n", cmd);
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "plantpath %s: error: %s\n", cmd, e.what());
    return 1;
  } catch (...) {
    std::fprintf(stderr, "plantpath %s: unknown error\n", cmd);
    return 1;
  }
}
