// plantpath params: the parameter table (the source of datasets/README.md's).
#include <cstdio>
#include <string>

#include "io/cli/args.hpp"
#include "io/cli/commands.hpp"
#include "model/params.hpp"
#include "model/steel/steel_params.hpp"
#include "solver/options.hpp"

namespace pp {

int cmd_params(int argc, char** argv) {
  // `params --sector steel`: the steel sector's table (papers/steel-model.md).
  if (argc >= 3 && std::string(argv[1]) == "--sector" && std::string(argv[2]) == "steel") {
    const steel::Params d;
    std::printf("| name | default | min | max | unit | meaning |\n|---|---:|---:|---:|---|---|\n");
    for (const steel::ParamInfo& p : steel::steel_param_table())
      std::printf("| `%s` | %.10g | %.10g | %.10g | %s | %s |\n", p.name, d.*p.field, p.lo, p.hi, p.unit, p.meaning);
    return 0;
  }
  if (argc >= 2 && std::string(argv[1]) == "--sector" && (argc < 3 || std::string(argv[2]) != "coal"))
    throw UsageError("--sector must be coal or steel");
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
