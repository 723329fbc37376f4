#include "tests/fuzz/reader_targets.hpp"

#include <cctype>
#include <fstream>
#include <stdexcept>

#include "io/input_error.hpp"
#include "io/instance_reader.hpp"
#include "io/milp/solution_reader.hpp"
#include "model/evaluate.hpp"
#include "model/problem.hpp"
#include "solver/milp/formulation.hpp"

namespace pp::fuzz {

namespace fs = std::filesystem;

namespace {

// Two provinces, three plants (one not yet built, one with CCS installed),
// cells in and out of reach, floors at every decision year, one pathway:
// every reader path and most of build_problem are exercised by a mutation.
const char* kPlants =
    "id,name,country,province,lon,lat,capacity_mw,start_year,hours,emission_factor_t_per_mwh,ccs_distance_km,installed\n"
    "A1,\"Plant A, unit 1\",China,Hebei,115,38,600,2010,5000,0.9,100,\n"
    "A2,Plant A unit 2,China,Hebei,115.1,38.1,300,2030,4000,0.85,120,CCS\n"
    "B1,Plant B,China,Shanxi,112,37,1000,2005,5500,,50,Flex\n";
const char* kBiomass = "cell,lon,lat,supply_mwh\nc1,115.2,38.2,1000\nc2,112.1,37.1,2000\nc3,90,30,500\n";
const char* kFloors =
    "province,year,floor_mwh\n"
    "Hebei,2025,2000000\nHebei,2030,3000000\nHebei,2035,0\nHebei,2040,0\nHebei,2045,0\nHebei,2050,0\n"
    "Shanxi,2025,4000000\nShanxi,2030,0\nShanxi,2035,0\nShanxi,2040,0\nShanxi,2045,0\nShanxi,2050,0\n";
const char* kPathways = "pathway,year,cap_ratio\np1,2025,1\np1,2030,0.9\np1,2050,0.5\n";
const char* kParams = "# a comment\ndiscount_rate = 0.07  # trailing\ncap_scope = \"national\"\nlifetime = 30\n";

void write(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << text;
}

void write_base(const fs::path& d) {
  fs::create_directories(d);
  write(d / "plants.csv", kPlants);
  write(d / "biomass.csv", kBiomass);
  write(d / "elec_floor.csv", kFloors);
  write(d / "pathways.csv", kPathways);
  write(d / "params.toml", kParams);
}

CouplingSpec spec_for(const std::string& pathway) {
  CouplingSpec c;
  c.pathway = pathway;
  return c;
}

// The instance and its MILP that solution files are read against.
struct ScoreBase {
  Problem P;
  MilpModel M;
};

const ScoreBase& score_base(const fs::path& scratch) {
  static const ScoreBase b = [&] {
    ScoreBase s;
    const fs::path d = scratch / "score-base";
    write_base(d);
    const Instance in = read_instance(d.string());
    std::string err;
    if (!build_problem(in, spec_for("p1"), s.P, err) || !build_milp(s.P, s.M, err))
      throw std::logic_error("fuzz base instance: " + err);
    return s;
  }();
  return b;
}

}  // namespace

const std::vector<FormatInfo>& formats() {
  static const std::vector<FormatInfo> f = {
      {Format::kPlants, "plants", "plants.csv"},       {Format::kBiomass, "biomass", "biomass.csv"},
      {Format::kFloors, "floors", "elec_floor.csv"},   {Format::kPathways, "pathways", "pathways.csv"},
      {Format::kParams, "params", "params.toml"},      {Format::kSolution, "solution", "model.sol"},
  };
  return f;
}

const FormatInfo& info(Format f) {
  for (const auto& i : formats())
    if (i.format == f) return i;
  throw std::logic_error("unknown fuzz format");
}

std::string valid_seed(Format f) {
  switch (f) {
    case Format::kPlants: return kPlants;
    case Format::kBiomass: return kBiomass;
    case Format::kFloors: return kFloors;
    case Format::kPathways: return kPathways;
    case Format::kParams: return kParams;
    case Format::kSolution: break;
  }
  // A CBC solution of the base MILP: every column at 0 is a valid file
  // (rows may be violated; `score` reports that, the reader does not care).
  return "Optimal - objective value 0\n";
}

bool names_file_and_line(const std::string& msg, const std::vector<std::string>& files) {
  for (const std::string& file : files) {
    if (msg.compare(0, file.size(), file) != 0 || msg.size() <= file.size() + 1 || msg[file.size()] != ':') continue;
    size_t i = file.size() + 1, digits = 0;
    while (i < msg.size() && std::isdigit(static_cast<unsigned char>(msg[i]))) ++i, ++digits;
    if (digits > 0 && i < msg.size() && msg[i] == ':') return true;
  }
  return false;
}

Outcome run(Format f, const std::string& bytes, const fs::path& scratch) {
  Outcome out;
  if (f == Format::kSolution) {
    const ScoreBase& b = score_base(scratch);
    const std::string file = (scratch / "model.sol").string();
    out.files = {file};
    try {
      const MilpSolutionFile sol = parse_milp_solution(bytes, file);
      if (sol.has_solution) {
        const std::vector<double> x = solution_vector(b.M, sol, file);
        (void)b.M.max_violation(x, nullptr);
        (void)evaluate(b.P, plan_from_solution(b.P, b.M, x));
      }
      out.loaded = true;
    } catch (const std::runtime_error& e) {
      out.error = e.what();
    }
    return out;
  }
  const fs::path d = scratch / "instance";
  write_base(d);
  for (const auto& i : formats())
    if (i.format != Format::kSolution) out.files.push_back((d / i.file).string());
  write(d / info(f).file, bytes);
  try {
    const Instance in = read_instance(d.string());
    out.loaded = true;
    Problem P;
    std::string err;
    if (!in.pathways.empty() && build_problem(in, spec_for(in.pathways.front().pathway), P, err)) {
      Plan bau;
      bau.resize(P.np, P.n);
      (void)evaluate(P, bau);
    }
  } catch (const InputError& e) {
    out.error = e.what();
  }
  return out;
}

}  // namespace pp::fuzz
