#pragma once
// Writes an Instance as an instance directory (datasets/README.md format),
// for tests that run the plantpath CLI on tiny instances.
#include <filesystem>
#include <string>

#include "model/instance.hpp"

namespace pp::test {

void write_instance_dir(const Instance& in, const std::string& dir);

// Runs a shell command, returns its stdout+stderr; `status` is its exit status (-1 if it did not exit).
std::string run_command(const std::string& cmd, int& status);

// An empty scratch directory <tmp>/pp-test-<suite>-<pid>/<name>.
std::filesystem::path scratch_dir(const std::string& suite, const std::string& name);

}  // namespace pp::test
