#pragma once
// Sub-commands of the plantpath executable. Each receives the arguments
// after the program name: argv[0] is the sub-command itself ("solve"),
// argv[1..] its arguments (parse them with pp::parse_args, io/cli/args.hpp).
// Return the exit status (0 success, 3 solve ended without a feasible plan).
// Throw pp::UsageError for command-line mistakes and pp::OutputRefused
// (io/output_dir.hpp) for an --out it may not use (main exits 2), and
// pp::InputError / std::exception for everything else (main exits 1); main
// prints the message on stderr.
namespace pp {

int cmd_solve(int argc, char** argv);
// In io/cli/cmd_solve_steel.cpp: `solve` on a steel instance (one with blocks.csv).
struct CliArgs;
int solve_steel(const CliArgs& a);
// In io/cli/cmd_params.cpp: prints every parameter (name, default, range, unit, meaning).
int cmd_params(int argc, char** argv);
// In io/cli/cmd_params.cpp: prints every solver option (name, default, valid values, meaning).
int cmd_options(int argc, char** argv);
int cmd_check(int argc, char** argv);        // io/cli/cmd_check.cpp
int cmd_sweep(int argc, char** argv);        // io/cli/cmd_sweep.cpp
int cmd_sensitivity(int argc, char** argv);  // io/cli/cmd_sensitivity.cpp
int cmd_report(int argc, char** argv);       // io/cli/cmd_report.cpp
// In io/cli/cmd_milp.cpp (only when built with CBC: PLANTPATH_HAVE_MILP).
int cmd_export_mps(int argc, char** argv);
int cmd_score(int argc, char** argv);

}  // namespace pp
