// plantpath params: the parameter table (the source of datasets/README.md's).
#include <cstdio>

#include "io/cli/commands.hpp"
#include "model/params.hpp"
#include "solver/options.hpp"

namespace pp {

int cmd_params(int, char**) {
  const Params defaults;
  std::printf("| name | default | min | max | valid | unit | meaning |\n|---|---:|---:|---:|---|---|---|\n");
  for (const ParamInfo& p : param_table()) {
    const ValidRange v = valid_range(p.name);
    std::printf("| `%s` | %.10g | %.10g | %.10g | [%.10g, %.10g]%s | %s | %s |\n", p.name, defaults.*p.member, p.min,
                p.max, v.lo, v.hi, v.integer ? " whole" : "", p.unit, p.meaning);
  }
  return 0;
}

int cmd_options(int, char**) {
  const SolverOptions defaults;
  std::printf("| option | default | valid | meaning |\n|---|---:|---|---|\n");
  for (const OptionInfo& o : option_table())
    std::printf("| `%s` | %s | %s | %s |\n", o.name, get_option(defaults, o.name).c_str(), o.range, o.meaning);
  return 0;
}

}  // namespace pp
