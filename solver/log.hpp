#pragma once
// One logger for progress lines: stderr, prefixed with elapsed seconds.
#include <chrono>
#include <cstdarg>
#include <cstdio>

namespace pp {

class Log {
 public:
  explicit Log(int verbosity = 1) : verbosity_(verbosity), t0_(std::chrono::steady_clock::now()) {}
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  }
  int verbosity() const { return verbosity_; }
  __attribute__((format(printf, 3, 4))) void say(int level, const char* fmt, ...) const {
    if (level > verbosity_) return;
    std::fprintf(stderr, "[%7.2fs] ", seconds());
    va_list ap;
    va_start(ap, fmt);
    std::vfprintf(stderr, fmt, ap);
    va_end(ap);
    std::fputc('\n', stderr);
  }

 private:
  int verbosity_;
  std::chrono::steady_clock::time_point t0_;
};

}  // namespace pp
