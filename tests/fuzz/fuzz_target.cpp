// libFuzzer program for one input format (PP_FUZZ_FORMAT, set by CMake).
// A reader that throws anything but its documented input error, or refuses
// an input without naming file and line, is a finding: abort so libFuzzer
// keeps the input.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

#include "tests/fuzz/reader_targets.hpp"

namespace {

const pp::fuzz::FormatInfo& target() {
  for (const auto& f : pp::fuzz::formats())
    if (std::strcmp(f.name, PP_FUZZ_FORMAT) == 0) return f;
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::filesystem::path scratch =
      std::filesystem::temp_directory_path() / ("plantpath-fuzz-" + std::string(PP_FUZZ_FORMAT) + "-" +
                                                std::to_string(::getpid()));
  const pp::fuzz::Outcome o =
      pp::fuzz::run(target().format, std::string(reinterpret_cast<const char*>(data), size), scratch);
  if (!o.loaded && !pp::fuzz::names_file_and_line(o.error, o.files)) {
    std::fprintf(stderr, "message names no file and line: %s\n", o.error.c_str());
    std::abort();
  }
  return 0;
}
