// plantpath params: the parameter table (the source of datasets/README.md's).
#include <cstdio>

#include "io/cli/commands.hpp"
#include "model/params.hpp"

namespace pp {

int cmd_params(int, char**) {
  const Params defaults;
  std::printf("| name | default | min | max | unit | meaning |\n|---|---:|---:|---:|---|---|\n");
  for (const ParamInfo& p : param_table())
    std::printf("| `%s` | %.10g | %.10g | %.10g | %s | %s |\n", p.name, defaults.*p.member, p.min, p.max, p.unit,
                p.meaning);
  return 0;
}

}  // namespace pp
