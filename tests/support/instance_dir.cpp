#include "tests/support/instance_dir.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "model/technology.hpp"

namespace pp::test {

namespace {
std::string num(double v) {
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}
}  // namespace

void write_instance_dir(const Instance& in, const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path d(dir);
  fs::create_directories(d);
  {
    std::ofstream f(d / "plants.csv");
    f << "id,name,country,province,lon,lat,capacity_mw,start_year,hours,emission_factor_t_per_mwh,ccs_distance_km,"
         "installed\n";
    for (const auto& p : in.plants) {
      std::string inst;
      for (auto [bit, word] : {std::pair{kFlex, "Flex"}, std::pair{kBE, "BE"}, std::pair{kCCS, "CCS"}})
        if (p.installed & bit) {
          if (!inst.empty()) inst.push_back('+');
          inst.append(word);
        }
      f << p.id << "," << p.id << "," << p.country << "," << p.province << "," << num(p.lon) << "," << num(p.lat)
        << "," << num(p.capacity_mw) << "," << p.start_year << "," << num(p.hours) << ","
        << num(p.emission_factor_t_per_mwh) << "," << num(p.ccs_distance_km) << "," << inst << "\n";
    }
  }
  {
    std::ofstream f(d / "biomass.csv");
    f << "cell,lon,lat,supply_mwh\n";
    for (const auto& c : in.cells) f << c.id << "," << num(c.lon) << "," << num(c.lat) << "," << num(c.supply_mwh) << "\n";
  }
  {
    std::ofstream f(d / "elec_floor.csv");
    f << "province,year,floor_mwh\n";
    for (const auto& r : in.floors) f << r.province << "," << r.year << "," << num(r.floor_mwh) << "\n";
  }
  {
    std::ofstream f(d / "pathways.csv");
    f << "pathway,year,cap_ratio\n";
    for (const auto& r : in.pathways) f << r.pathway << "," << r.year << "," << num(r.cap_ratio) << "\n";
  }
  {
    std::ofstream f(d / "params.toml");
    for (const auto& p : param_table()) f << p.name << " = " << num(in.params.*(p.member)) << "\n";
  }
}

std::string run_command(const std::string& cmd, int& status) {
  std::string out;
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  if (!p) {
    status = -1;
    return out;
  }
  char buf[4096];
  size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, got);
  const int rc = ::pclose(p);
  status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

std::filesystem::path scratch_dir(const std::string& suite, const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path d = fs::temp_directory_path() / ("pp-test-" + suite + "-" + std::to_string(::getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace pp::test
