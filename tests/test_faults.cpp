// Faults that must lose nothing (issue 12, item 4), on the real CLI:
// SIGINT during a solve writes the best plan so far, marked interrupted;
// SIGKILL at any moment of a solve leaves a complete output at --out; a sweep
// killed again and again and rerun with --resume ends with the rows of an
// uninterrupted sweep, each once; a file-size limit gives a clear error and
// leaves the previous output as it was.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "io/csv.hpp"
#include "model/evaluate.hpp"
#include "solver/decomposition.hpp"
#include "solver/interrupt.hpp"
#include "tests/support/instance_dir.hpp"
#include "tests/support/tiny.hpp"

namespace fs = std::filesystem;
using namespace pp;

namespace {

const std::string kPlantpath = std::string(PP_BINARY_DIR) + "/plantpath";

fs::path scratch(const std::string& name) { return test::scratch_dir("faults", name); }

// Starts `cmd` under /bin/sh (exec'd, so the pid is plantpath's own).
pid_t spawn(const std::string& cmd) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// Waits for `pid`; its exit status, 128 + signal if killed, -1 after `limit`
// seconds (the process is then killed).
int wait_for(pid_t pid, double limit) {
  const auto t0 = std::chrono::steady_clock::now();
  for (;;) {
    int st = 0;
    const pid_t r = ::waitpid(pid, &st, WNOHANG);
    if (r == pid) return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() > limit) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &st, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string read_text(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> m;
  for (const auto& e : fs::directory_iterator(dir)) m[e.path().filename().string()] = read_text(e.path());
  return m;
}

// Every file the marker lists is there, whole: summary.json closes its
// object, each CSV has its header and ends with a newline.
void check_complete_output(const fs::path& out) {
  REQUIRE(fs::is_directory(out));
  const std::string marker = read_text(out / ".plantpath-output");
  REQUIRE(marker.rfind("plantpath-output 1\n", 0) == 0);
  int listed = 0;
  std::istringstream ls(marker);
  for (std::string line; std::getline(ls, line);) {
    if (line.rfind("file ", 0) != 0) continue;
    const std::string name = line.substr(5);
    ++listed;
    INFO(name);
    REQUIRE(fs::is_regular_file(out / name));
    const std::string text = read_text(out / name);
    REQUIRE(!text.empty());
    CHECK(text.back() == '\n');
    if (name == "summary.json") CHECK(text.find("\n}\n") != std::string::npos);
  }
  CHECK(listed >= 5);
}

Instance small_instance(uint64_t seed) {
  test::TinyOptions to;
  to.min_plants = 6;
  to.max_plants = 8;
  return test::tiny_instance(seed, to);
}

}  // namespace

TEST_CASE("SIGINT stops a solve, which writes its best plan marked interrupted") {
  const fs::path d = scratch("sigint");
  // 600 Chinese units with biomass cells: the bundle master, which never
  // reaches a zero gap, so only the signal ends the run.
  const std::string cmd = kPlantpath + " solve " + PP_SOURCE_DIR + "/datasets/china-gcpt-2024-07 --sample 600 --seed 5" +
                          " --pathway 50-30lp-50nozero --gap 0 --time-limit 900 --threads 2 --out " +
                          (d / "out").string() + " > " + (d / "log").string() + " 2>&1";
  const pid_t pid = spawn(cmd);
  std::this_thread::sleep_for(std::chrono::seconds(4));
  REQUIRE(::kill(pid, SIGINT) == 0);
  const int rc = wait_for(pid, 120);
  INFO(read_text(d / "log"));
  CHECK(rc == 130);
  check_complete_output(d / "out");
  const std::string summary = read_text(d / "out" / "summary.json");
  CHECK(summary.find("\"stop_reason\": \"interrupted\"") != std::string::npos);
  CHECK(read_text(d / "log").find("stopped by:       interrupted") != std::string::npos);
}

TEST_CASE("an interrupt requested in-process stops the solve with its best plan, and is cleared") {
  test::TinyOptions to;
  to.min_plants = 8;
  to.max_plants = 10;
  to.floor_prob = 0;
  const Problem P = test::tiny_problem(7, to);
  SolverOptions o;
  o.threads = 1;
  o.verbosity = 0;
  o.master = "bundle";  // checks the flag each iteration
  o.gap = 0;            // unreachable: only the interrupt ends the run
  o.time_limit = 1e6;
  request_interrupt();
  const SolveResult r = solve(P, o);
  clear_interrupt();
  CHECK(r.stop == StopReason::kInterrupted);
  CHECK(r.iterations <= 2);
  if (!r.plan.state.empty()) CHECK(evaluate(P, r.plan).feasible);  // the plan written is a real one
  o.max_iterations = 5;
  const SolveResult again = solve(P, o);
  CHECK(again.stop != StopReason::kInterrupted);
  CHECK(again.iterations == 5);
}

TEST_CASE("SIGKILL at any moment of a solve leaves a complete output at --out") {
  const fs::path d = scratch("sigkill-solve");
  test::write_instance_dir(small_instance(21), (d / "inst").string());
  const std::string cmd = kPlantpath + " solve " + (d / "inst").string() + " --pathway tiny --threads 1 --out " +
                          (d / "out").string() + " > /dev/null 2>&1";
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(wait_for(spawn(cmd), 300) == 0);
  const double run_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  check_complete_output(d / "out");
  const size_t lines = read_text(d / "out" / "pathways.csv").size();
  // Kills spread over the whole run (start-up, solve, writing, the swap)
  // and a little past its end.
  int killed = 0;
  for (int i = 0; i <= 50; ++i) {
    const int delay_ms = static_cast<int>(run_ms * 1.2 * i / 50);
    const pid_t pid = spawn(cmd);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    const int rc = wait_for(pid, 300);
    killed += rc == 128 + SIGKILL;
    CAPTURE(delay_ms);
    check_complete_output(d / "out");
    CHECK(read_text(d / "out" / "pathways.csv").size() == lines);
  }
  MESSAGE(killed, " of 51 runs killed before they finished");
  // The directory is still plantpath's: a new solve replaces it.
  REQUIRE(wait_for(spawn(cmd), 300) == 0);
  check_complete_output(d / "out");
}

namespace {

// Every column but the solve's seconds, by the key columns' values.
std::multimap<std::string, std::string> table_rows(const fs::path& csv, const std::vector<std::string>& key_cols) {
  const CsvTable t = CsvTable::read_file(csv.string());
  std::multimap<std::string, std::string> m;
  const int cs = t.require("seconds");
  for (size_t r = 0; r < t.rows(); ++r) {
    std::string row, key;
    for (size_t c = 0; c < t.header().size(); ++c)
      if (static_cast<int>(c) != cs) row += t.text(r, static_cast<int>(c)) + "|";
    for (const auto& k : key_cols) key += t.text(r, t.require(k)) + "|";
    m.emplace(key, row);
  }
  return m;
}

// Runs `cmd(resume)` into a fresh output and SIGKILLs it 10 times, each
// after a seeded random 5-45% of `full_ms` (the time of an uninterrupted
// run), rerunning with --resume once the table exists; then lets one run
// finish. After every kill the table has no key twice. Returns the number of
// runs the kill ended and, in `most_kept`, the most rows a killed run left.
int kill_and_resume(const std::function<std::string(bool)>& cmd, const fs::path& csv,
                    const std::vector<std::string>& key_cols, double full_ms, size_t& most_kept) {
  uint64_t s = 0x5eed;
  int kills = 0, rc = -1;
  most_kept = 0;
  for (int attempt = 0; attempt <= 10 && rc != 0; ++attempt) {
    const pid_t pid = spawn(cmd(fs::exists(csv)));
    if (attempt < 10) {
      s = s * 6364136223846793005ull + 1442695040888963407ull;
      const double share = 0.05 + 0.4 * double((s >> 33) % 1000) / 1000.0;
      std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(share * full_ms)));
      ::kill(pid, SIGKILL);
    }
    rc = wait_for(pid, 900);
    kills += rc == 128 + SIGKILL;
    if (fs::exists(csv)) {  // never a torn or duplicated row, whenever the kill came
      const auto part = table_rows(csv, key_cols);
      std::set<std::string> keys;
      for (const auto& [k, row] : part) CHECK(keys.insert(k).second);
      if (rc != 0) most_kept = std::max(most_kept, part.size());
    }
  }
  REQUIRE(rc == 0);
  return kills;
}

// The wall time of `cmd` run to the end (exit status 0 required).
double run_ms(const std::string& cmd) {
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(wait_for(spawn(cmd), 900) == 0);
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

Instance fan_of_pathways(uint64_t seed, int count) {
  Instance in = small_instance(seed);
  in.pathways.clear();
  const std::vector<int> years = in.params.decision_years();
  for (int i = 0; i < count; ++i)
    for (size_t k = 0; k < years.size(); ++k)
      // append, not "p" + ...: GCC 12's -Wrestrict misfires on literal + temporary
      in.pathways.push_back({std::string("p").append(std::to_string(i)), years[k],
                             1.0 - double(k) / double(years.size() - 1) * (0.2 + 0.08 * i)});
  return in;
}

}  // namespace

TEST_CASE("a sweep killed at random moments and resumed ends with the uninterrupted sweep's rows") {
  const fs::path d = scratch("sigkill-sweep");
  test::write_instance_dir(fan_of_pathways(33, 5), (d / "inst").string());
  auto sweep = [&](const fs::path& out, bool resume) {
    return kPlantpath + " sweep " + (d / "inst").string() + " --pathways all --no-warm --threads 1 --out " +
           out.string() + (resume ? " --resume" : "") + " > /dev/null 2>&1";
  };
  const double full_ms = run_ms(sweep(d / "ref", false));
  const auto ref = table_rows(d / "ref" / "sweep.csv", {"pathway"});
  REQUIRE(ref.size() == 5);
  size_t kept = 0;
  const int kills = kill_and_resume([&](bool resume) { return sweep(d / "out", resume); }, d / "out" / "sweep.csv",
                                    {"pathway"}, full_ms, kept);
  MESSAGE(kills, " sweeps killed before the one that finished; a killed one left up to ", kept, " rows");
  CHECK(kills > 0);
  CHECK(kept > 0);  // the kills came while rows were being written, not only before
  CHECK(table_rows(d / "out" / "sweep.csv", {"pathway"}) == ref);
}

TEST_CASE("a sensitivity run killed at random moments and resumed ends with the uninterrupted run's rows") {
  const fs::path d = scratch("sigkill-sensitivity");
  test::write_instance_dir(fan_of_pathways(34, 1), (d / "inst").string());
  auto sens = [&](const fs::path& out, bool resume) {
    return kPlantpath + " sensitivity " + (d / "inst").string() +
           " --pathway p0 --params discount_rate,capex_ccs --no-warm --threads 1 --out " + out.string() +
           (resume ? " --resume" : "") + " > /dev/null 2>&1";
  };
  const double full_ms = run_ms(sens(d / "ref", false));
  const std::vector<std::string> keys = {"parameter", "level"};
  const auto ref = table_rows(d / "ref" / "sensitivity.csv", keys);
  REQUIRE(ref.size() == 5);
  size_t kept = 0;
  const int kills = kill_and_resume([&](bool resume) { return sens(d / "out", resume); },
                                    d / "out" / "sensitivity.csv", keys, full_ms, kept);
  MESSAGE(kills, " sensitivity runs killed before the one that finished; a killed one left up to ", kept, " rows");
  CHECK(kills > 0);
  CHECK(kept > 0);
  CHECK(table_rows(d / "out" / "sensitivity.csv", keys) == ref);
}

TEST_CASE("a file-size limit: a clear error, the previous output untouched, no temporary left") {
  const fs::path d = scratch("full-disk");
  test::write_instance_dir(small_instance(44), (d / "inst").string());
  const std::string solve = kPlantpath + " solve " + (d / "inst").string() + " --pathway tiny --threads 1 --out " +
                            (d / "out").string();
  REQUIRE(wait_for(spawn(solve + " > /dev/null 2>&1"), 300) == 0);
  const auto before = snapshot(d / "out");
  // 1 KiB per file: the marker fits, summary.json does not.
  const pid_t pid = spawn("/bin/bash -c 'ulimit -f 1; exec " + solve + "' > " + (d / "log").string() + " 2>&1");
  const int rc = wait_for(pid, 300);
  const std::string log = read_text(d / "log");
  INFO(log);
  CHECK(rc == 1);
  CHECK(log.find("summary.json: write failed: File too large (the disk is full or a file-size limit is reached") !=
        std::string::npos);
  CHECK(snapshot(d / "out") == before);
  for (const auto& e : fs::directory_iterator(d)) CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}
