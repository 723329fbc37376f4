#pragma once
// One entry point per input format, shared by the libFuzzer programs
// (tests/fuzz/fuzz_*.cpp, clang only) and the deterministic replay test
// (tests/test_fuzz_replay.cpp, every build). Each writes the bytes as that
// format's file into a scratch copy of a small valid instance and reads it
// the way `plantpath solve` and `plantpath score` do.
#include <filesystem>
#include <string>
#include <vector>

namespace pp::fuzz {

enum class Format { kPlants, kBiomass, kFloors, kPathways, kParams, kSolution };

struct FormatInfo {
  Format format;
  const char* name;  // corpus folder and fuzz program suffix
  const char* file;  // the file the bytes become
};
const std::vector<FormatInfo>& formats();
const FormatInfo& info(Format f);

// What one input did. `error` is the reader's message when it refused the
// input; `loaded` when it was read (and, for an instance, turned into a
// problem or refused by build_problem with a message).
struct Outcome {
  bool loaded = false;
  std::string error;
  // The paths a message may name: the fuzzed file, or another file of the
  // instance that it contradicts (a floor for a province the plants lost).
  std::vector<std::string> files;
};

// Reads `bytes` as format `f` inside `scratch` (created on first use).
// Exceptions other than the documented input errors propagate: to a fuzzer
// or a test they are a finding.
Outcome run(Format f, const std::string& bytes, const std::filesystem::path& scratch);

// True when `msg` names one of `files` and a line: "<file>:<line>: ...".
bool names_file_and_line(const std::string& msg, const std::vector<std::string>& files);

// The valid file of the scratch instance for a format (a seed).
std::string valid_seed(Format f);

}  // namespace pp::fuzz
