#pragma once
// The one exception type for malformed input (instance files, params.toml,
// command-line values). Its message is complete and user-facing, e.g.
//   datasets/x/plants.csv:17: column 'capacity_mw': 'abc' is not a number
// The CLI prints it on stderr and exits with status 1.
#include <stdexcept>
#include <string>

namespace pp {

struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace pp
