#pragma once
// Shared by tests/test_io_*.cpp: temporary directories and a tiny on-disk
// instance with hand-checkable numbers.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace pp::iotest {

namespace fs = std::filesystem;

// A fresh, empty directory under the build tree (or /tmp), unique per process and name.
inline fs::path temp_dir(const std::string& name) {
#ifdef PP_BINARY_DIR
  fs::path base = fs::path(PP_BINARY_DIR) / "test-tmp";
#else
  fs::path base = fs::temp_directory_path() / "plantpath-test";
#endif
  fs::path d = base / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

inline void write_file(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << text;
}

inline std::string read_text(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// The good tiny instance: 3 plants (2 in Hebei, 1 in Shanxi), 3 cells, floors, one pathway.
inline std::map<std::string, std::string> tiny_files() {
  return {
      {"plants.csv",
       "id,name,country,province,lon,lat,capacity_mw,start_year,hours,emission_factor_t_per_mwh,ccs_distance_km,installed\n"
       "A1,\"Plant A, unit 1\",China,Hebei,115,38,600,2010,5000,0.9,100,\n"
       "A2,Plant A unit 2,China,Hebei,115.1,38.1,300,2030,4000,0.85,120,CCS\n"
       "B1,Plant B,China,Shanxi,112,37,1000,1995,5500,0.95,50,\n"},
      {"biomass.csv",
       "cell,lon,lat,supply_mwh\n"
       "c1,115.2,38.2,1000\n"
       "c2,112.1,37.1,2000\n"
       "c3,90,30,500\n"},
      {"elec_floor.csv",
       "province,year,floor_mwh\n"
       "Hebei,2025,2000000\n"
       "Hebei,2030,3000000\n"
       "Shanxi,2025,4000000\n"
       // every decision year listed (0 = no floor): papers/model.md section 5
       "Hebei,2035,0\nHebei,2040,0\nHebei,2045,0\nHebei,2050,0\n"
       "Shanxi,2030,0\nShanxi,2035,0\nShanxi,2040,0\nShanxi,2045,0\nShanxi,2050,0\n"},
      {"pathways.csv",
       "pathway,year,cap_ratio\n"
       "p1,2025,1\n"
       "p1,2050,0.5\n"},
  };
}

inline fs::path write_instance(const std::string& name, const std::map<std::string, std::string>& files) {
  fs::path d = temp_dir(name);
  for (const auto& [f, text] : files)
    if (!text.empty() || f == "params.toml") write_file(d / f, text);
  return d;
}

}  // namespace pp::iotest
