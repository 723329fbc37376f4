// Issue 8: --out never deletes or overwrites anything plantpath did not write.
// The ownership rule and the lock (io/output_dir), write_solution on foreign
// and owned directories, and every writing command of the real CLI (solve,
// sweep, sensitivity, export-mps) against a directory holding a foreign file,
// a foreign file in a subfolder and a symbolic link pointing out of it: each
// must refuse before any work and leave every byte as it was.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "io/output_dir.hpp"
#include "io/solution_writer.hpp"
#include "tests/support/instance_dir.hpp"
#include "tests/support/tiny.hpp"

namespace fs = std::filesystem;
using namespace pp;

namespace {

const std::string kPlantpath = std::string(PP_BINARY_DIR) + "/plantpath";
const std::string kQuick = " --threads 1 --time-limit 5 --quiet";

fs::path scratch(const std::string& name) { return test::scratch_dir("outdir", name); }

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << text;
}

std::string read_text(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_marker(const fs::path& dir, const std::vector<std::string>& lines) {
  std::string t = "plantpath-output 1\nkind solve\n";
  for (const auto& l : lines) t += l + "\n";
  write_file(dir / kOutputMarker, t);
}

// Everything under `root`, never following a link: relative path -> type and
// contents (file), target (link) or "dir".
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> m;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& p = it->path();
    const std::string rel = fs::relative(p, root).string();
    const fs::file_status st = fs::symlink_status(p);
    if (fs::is_symlink(st)) m[rel] = "link:" + fs::read_symlink(p).string();
    else if (fs::is_directory(st)) m[rel] = "dir";
    else m[rel] = "file:" + read_text(p);
  }
  return m;
}

std::string listing(const std::map<std::string, std::string>& m) {
  std::string o;
  for (const auto& [k, v] : m) o += k + " = " + v.substr(0, 60) + "\n";
  return o;
}

// A tiny instance (3-4 plants, one pathway "tiny", no floors: feasible) and a
// one-parameter range table for sensitivity.
struct Setup {
  fs::path root, inst, ranges;
  explicit Setup(const std::string& name) : root(scratch(name)), inst(root / "inst"), ranges(root / "ranges.csv") {
    test::TinyOptions to;
    to.min_plants = 3;
    to.max_plants = 4;
    to.floor_prob = 0;
    test::write_instance_dir(test::tiny_instance(5, to), inst.string());
    write_file(ranges, "parameter,min,max\ncoal_cost,5,15\n");
  }
};

// A path quoted for the shell.
std::string q(const fs::path& p) {
  std::string o = "'";
  for (char c : p.string()) o += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return o + "'";
}

std::string command_line(const std::string& cmd, const fs::path& inst, const fs::path& out, const fs::path& ranges) {
  std::string c = kPlantpath + " " + cmd + " " + q(inst);
  if (cmd == "solve" || cmd == "export-mps") c += " --pathway tiny";
  if (cmd == "sweep") c += " --pathways tiny --save-plans";
  if (cmd == "sensitivity") c += " --pathway tiny --save-plans --ranges " + q(ranges);
  return c + kQuick + " --out " + q(out);
}

std::string run(const std::string& cmd, int& st) { return test::run_command(cmd, st); }

bool have_mps() {
  int st = 0;
  const std::string h = run(kPlantpath + " help", st);
  return st == 0 && contains(h, "export-mps") && !contains(h, "MILP (not in this build)");
}

// The three foreign directories of the issue, under root/<name>, plus a file
// outside them that a link points to.
enum Case { kForeignFile, kForeignInSubfolder, kLinkOut };
const char* case_name(Case c) {
  return c == kForeignFile ? "foreign file" : c == kForeignInSubfolder ? "foreign file in a subfolder" : "symlink out";
}

fs::path make_case(const fs::path& root, Case c) {
  const fs::path out = root / "out";
  write_file(root / "outside" / "secret.txt", "do not touch\n");
  switch (c) {
    case kForeignFile:  // the report: an old-looking summary.json next to a thesis
      write_file(out / "summary.json", "{\"old\": true}\n");
      write_file(out / "thesis.tex", "\\documentclass{article}\n");
      break;
    case kForeignInSubfolder:  // owned on top, a listed subfolder holds a foreign file
      write_marker(out, {"file summary.json", "dir data"});
      write_file(out / "summary.json", "{}\n");
      write_marker(out / "data", {"file summary.json"});
      write_file(out / "data" / "summary.json", "{}\n");
      write_file(out / "data" / "notes.txt", "field notes\n");
      break;
    case kLinkOut:  // even a listed name may not be a link
      write_marker(out, {"file summary.json", "file link"});
      write_file(out / "summary.json", "{}\n");
      fs::create_symlink(root / "outside" / "secret.txt", out / "link");
      break;
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------- the rule

TEST_CASE("ownership: empty, marker-listed, stale temporaries and locks are ours; anything else is foreign") {
  const fs::path d = scratch("rule");
  CHECK(inspect_output_dir(d / "missing").owned);
  CHECK_FALSE(inspect_output_dir(d / "missing").exists);
  fs::create_directories(d / "empty");
  CHECK(inspect_output_dir(d / "empty").owned);

  const fs::path o = d / "owned";
  write_marker(o, {"file summary.json", "file sweep.csv", "dir p0", "dir p1", "file absent.csv"});
  write_file(o / "summary.json", "{}");
  write_file(o / "sweep.csv", "a\n");
  write_file(o / "sweep.csv.tmp-123", "a\n");           // an interrupted IncrementalCsv::finish
  write_file(o / ".plantpath-output.tmp-9", "x");        // an interrupted marker write
  write_file(o / ".p0.plantpath-lock", "");              // a run writing p0
  write_marker(o / "p0", {"file summary.json"});
  write_file(o / "p0" / "summary.json", "{}");
  write_marker(o / "p0.tmp-77", {"file summary.json"});  // an interrupted write_solution
  fs::create_directories(o / "p1");                      // empty listed dir
  OutputDirState s = inspect_output_dir(o);
  CHECK_MESSAGE(s.owned, (s.foreign.empty() ? s.problem : s.foreign[0]));
  CHECK(s.marker);
  CHECK(output_dir_refusal(o, "o").empty());

  SUBCASE("an unlisted file") {
    write_file(o / "thesis.tex", "x");
    s = inspect_output_dir(o);
    CHECK_FALSE(s.owned);
    REQUIRE(s.foreign.size() == 1);
    CHECK(s.foreign[0] == "thesis.tex");
    const std::string msg = output_dir_refusal(o, "my/out");
    CHECK(contains(msg, "my/out: not a plantpath output directory (holds 'thesis.tex')"));
    CHECK(contains(msg, "choose another --out"));
  }
  SUBCASE("a foreign file inside a listed subfolder") {
    write_file(o / "p0" / "notes.txt", "x");
    s = inspect_output_dir(o);
    CHECK_FALSE(s.owned);
    REQUIRE(s.foreign.size() == 1);
    CHECK(s.foreign[0] == "p0/notes.txt");
  }
  SUBCASE("a listed subfolder without its own marker") {
    fs::remove(o / "p0" / kOutputMarker);
    CHECK_FALSE(inspect_output_dir(o).owned);
  }
  SUBCASE("an unlisted subfolder") {
    write_file(o / "data" / "x.csv", "1");
    s = inspect_output_dir(o);
    REQUIRE(s.foreign.size() == 1);
    CHECK(s.foreign[0] == "data/");
  }
  SUBCASE("a symbolic link, even under a listed name") {
    fs::remove(o / "summary.json");
    fs::create_symlink(d / "elsewhere", o / "summary.json");
    CHECK_FALSE(inspect_output_dir(o).owned);
  }
  SUBCASE("a listed dir that is a file, a listed file that is a dir") {
    fs::remove_all(o / "p1");
    write_file(o / "p1", "x");
    CHECK_FALSE(inspect_output_dir(o).owned);
  }
  SUBCASE("temporaries: only <listed>.tmp-<digits> of the listed kind") {
    write_file(o / "sweep.csv.tmp-abc", "x");
    CHECK_FALSE(inspect_output_dir(o).owned);
  }
  SUBCASE("temporaries of unlisted names") {
    write_file(o / "thesis.tex.tmp-1", "x");
    CHECK_FALSE(inspect_output_dir(o).owned);
  }
  SUBCASE("an invalid marker makes everything foreign") {
    write_file(o / kOutputMarker, "plantpath-output 2\nkind solve\nfile summary.json\n");
    s = inspect_output_dir(o);
    CHECK_FALSE(s.owned);
    CHECK_FALSE(s.marker);
    CHECK(contains(output_dir_refusal(o, "o"), "no valid .plantpath-output marker"));
  }
  SUBCASE("a marker entry that escapes the directory is invalid") {
    write_file(o / kOutputMarker, "plantpath-output 1\nkind solve\nfile ../x\n");
    CHECK_FALSE(inspect_output_dir(o).owned);
  }
  SUBCASE("the marker as a link is not a marker") {
    const std::string text = read_text(o / kOutputMarker);
    write_file(d / "m", text);
    fs::remove(o / kOutputMarker);
    fs::create_symlink(d / "m", o / kOutputMarker);
    CHECK_FALSE(inspect_output_dir(o).owned);
  }
}

TEST_CASE("ownership: old outputs without a marker and non-directories are refused") {
  const fs::path d = scratch("old");
  write_file(d / "old" / "summary.json", "{}");
  write_file(d / "old" / "pathways.csv", "id\n");
  const std::string msg = output_dir_refusal(d / "old", "old");
  CHECK(contains(msg, "old: not a plantpath output directory (no valid .plantpath-output marker; holds "
                      "'pathways.csv', 'summary.json')"));
  write_file(d / "file", "x");
  CHECK(contains(output_dir_refusal(d / "file", "file"), "file: exists and is not a directory"));
}

TEST_CASE("remove_owned_output deletes only what the markers list") {
  const fs::path d = scratch("remove");
  const fs::path o = d / "o";
  write_file(d / "outside.txt", "keep");
  write_marker(o, {"file a.csv", "dir p0", "dir p1"});
  write_file(o / "a.csv", "1");
  write_file(o / "a.csv.tmp-5", "1");
  write_marker(o / "p0", {"file summary.json"});
  write_file(o / "p0" / "summary.json", "{}");
  write_marker(o / "p1", {"file summary.json"});
  write_file(o / "p1" / "summary.json", "{}");
  write_file(o / "p1" / "mine.txt", "user");
  fs::create_symlink(d / "outside.txt", o / "link");
  const std::vector<std::string> left = remove_owned_output(o);
  CHECK(left == std::vector<std::string>{"link", "p1/mine.txt"});
  CHECK(read_text(o / "p1" / "mine.txt") == "user");
  CHECK(fs::is_symlink(o / "link"));
  CHECK(read_text(d / "outside.txt") == "keep");
  CHECK_FALSE(fs::exists(o / "a.csv"));
  CHECK_FALSE(fs::exists(o / "a.csv.tmp-5"));
  CHECK_FALSE(fs::exists(o / "p0"));
  CHECK_FALSE(fs::exists(o / "p1" / "summary.json"));
  // once the foreign entries are gone, the rest goes too
  fs::remove(o / "link");
  fs::remove(o / "p1" / "mine.txt");
  CHECK(remove_owned_output(o).empty());
  CHECK_FALSE(fs::exists(o));
}

TEST_CASE("claim: one run per location; released lock files vanish; stale ones are taken over") {
  const fs::path d = scratch("claim");
  const fs::path out = d / "deep" / "out";
  {
    OutputClaim a = claim_output_dir(out.string(), OutputKind::kSweep);
    CHECK(a.held());
    CHECK(fs::is_regular_file(d / "deep" / ".out.plantpath-lock"));
    try {
      OutputClaim b = claim_output_dir(out.string(), OutputKind::kSolve);
      CHECK_MESSAGE(false, "second claim succeeded");
    } catch (const OutputRefused& e) {
      CHECK(contains(e.what(), out.string() + ": another plantpath run is writing here (lock "));
    }
    // the same directory by another spelling is the same lock
    CHECK_THROWS_AS(claim_output_dir((d / "deep" / "." / "out" / "").string(), OutputKind::kSolve), OutputRefused);
    // record: creates the directory and a marker listing the entries, merged
    a.record({{"sweep.csv", false}, {"p0", true}});
    a.record({{"p1", true}, {"sweep.csv", false}});
    std::vector<OutputEntry> e;
    REQUIRE(read_output_marker(out, e));
    CHECK(e == std::vector<OutputEntry>{{"sweep.csv", false}, {"p0", true}, {"p1", true}});
    CHECK(inspect_output_dir(out).owned);
  }
  CHECK_FALSE(fs::exists(d / "deep" / ".out.plantpath-lock"));
  // a stale lock file (a crashed run) does not block
  write_file(d / "deep" / ".out.plantpath-lock", "");
  {
    OutputClaim c = claim_output_dir(out.string(), OutputKind::kSolve);
    CHECK(c.held());
    OutputClaim moved = std::move(c);
    CHECK_FALSE(c.held());
    CHECK(moved.held());
  }
  CHECK_FALSE(fs::exists(d / "deep" / ".out.plantpath-lock"));
  // a foreign directory is refused and leaves no lock file behind
  write_file(d / "mine" / "thesis.tex", "x");
  CHECK_THROWS_AS(claim_output_dir((d / "mine").string(), OutputKind::kSolve), OutputRefused);
  CHECK_FALSE(fs::exists(d / ".mine.plantpath-lock"));
  // paths that cannot be an output
  CHECK_THROWS_AS(claim_output_dir("", OutputKind::kSolve), OutputRefused);
  CHECK_THROWS_AS(claim_output_dir(".", OutputKind::kSolve), OutputRefused);
  CHECK_THROWS_AS(claim_output_dir("/", OutputKind::kSolve), OutputRefused);
  CHECK_THROWS_AS(claim_output_dir("a/..", OutputKind::kSolve), OutputRefused);
}

TEST_CASE("output files: replaced only when absent or plantpath's") {
  const fs::path d = scratch("files");
  CHECK(output_file_refusal(d / "m.mps", "m.mps", 1, "* plantpath", false).empty());
  write_file(d / "m.mps", "NAME x\n* plantpath monolithic MILP\n");
  CHECK(output_file_refusal(d / "m.mps", "m.mps", 1, "* plantpath", false).empty());
  write_file(d / "n.mps", "NAME x\n* someone else's model\n");
  CHECK(contains(output_file_refusal(d / "n.mps", "n.mps", 1, "* plantpath", false),
                 "n.mps: exists and was not written by plantpath"));
  fs::create_symlink(d / "m.mps", d / "l.mps");
  CHECK(contains(output_file_refusal(d / "l.mps", "l.mps", 1, "* plantpath", false), "symbolic link"));
  fs::create_directories(d / "dir.mps");
  CHECK(contains(output_file_refusal(d / "dir.mps", "dir.mps", 1, "* plantpath", false), "is a directory"));
  write_file_atomically(d / "m.mps", "new\n");
  CHECK(read_text(d / "m.mps") == "new\n");
  int others = 0;
  for (const auto& e : fs::directory_iterator(d)) others += contains(e.path().filename().string(), ".tmp-");
  CHECK(others == 0);
}

// ---------------------------------------------------------------- write_solution

TEST_CASE("write_solution: refuses foreign directories untouched, replaces its own") {
  const Problem P = test::tiny_problem(3);
  SolveResult r;
  r.status = Status::kInfeasible;
  for (Case c : {kForeignFile, kForeignInSubfolder, kLinkOut}) {
    const std::string cs = case_name(c);
    CAPTURE(cs);
    const fs::path root = scratch(std::string("ws-") + std::to_string(int(c)));
    const fs::path out = make_case(root, c);
    const auto before = snapshot(root);
    CHECK_THROWS_AS(write_solution(out.string(), P, r), OutputRefused);
    CHECK_MESSAGE(snapshot(root) == before, listing(snapshot(root)));
  }
  const fs::path root = scratch("ws-own");
  const fs::path out = root / "out";
  write_solution(out.string(), P, r);
  std::vector<OutputEntry> e;
  REQUIRE(read_output_marker(out, e));
  CHECK(e.size() == 7);
  CHECK(inspect_output_dir(out).owned);
  // a stale temporary of ours inside does not block; the replacement drops it
  write_file(out / "summary.json.tmp-42", "stale");
  r.iterations = 77;
  write_solution(out.string(), P, r);
  CHECK(contains(read_text(out / "summary.json"), "\"iterations\": 77"));
  CHECK_FALSE(fs::exists(out / "summary.json.tmp-42"));
  CHECK(snapshot(root).size() == 9);  // out/, the marker and the seven files: no .tmp- / .old- left
  // a link to an owned directory: the directory it names is replaced, the link stays
  fs::create_symlink(out, root / "link");
  write_solution((root / "link").string(), P, r);
  CHECK(fs::is_symlink(root / "link"));
  CHECK(inspect_output_dir(out).owned);
}

// ---------------------------------------------------------------- the CLI

TEST_CASE("CLI: solve, sweep, sensitivity refuse a foreign --out before any work, byte for byte") {
  REQUIRE(fs::exists(kPlantpath));
  const Setup s("cli");
  for (const std::string cmd : {"solve", "sweep", "sensitivity"})
    for (Case c : {kForeignFile, kForeignInSubfolder, kLinkOut}) {
      const std::string cs = case_name(c);
      CAPTURE(cmd);
      CAPTURE(cs);
      const fs::path root = scratch(std::string("cli-") + cmd + std::to_string(int(c)));
      const fs::path out = make_case(root, c);
      const auto before = snapshot(root);
      int st = 0;
      const std::string text = run(command_line(cmd, s.inst, out, s.ranges), st);
      INFO(text);
      CHECK(st == 2);
      CHECK(contains(text, out.string() + ": not a plantpath output directory"));
      CHECK(contains(text, c == kForeignFile ? "'thesis.tex'" : c == kForeignInSubfolder ? "'data/notes.txt'" : "'link'"));
      CHECK_FALSE(contains(text, "status:"));  // nothing was solved
      const auto after = snapshot(root);       // no tmp dir, no lock file, nothing changed
      CHECK_MESSAGE(after == before, listing(after));
      // before any work: a missing instance is not even looked at
      const std::string text2 = run(command_line(cmd, root / "no-such-instance", out, s.ranges), st);
      CHECK(st == 2);
      CHECK(contains(text2, "not a plantpath output directory"));
      CHECK(snapshot(root) == before);
    }
}

TEST_CASE("CLI: an old output without a marker is refused; plantpath's own outputs are replaced") {
  const Setup s("own");
  int st = 0;
  SUBCASE("solve") {
    const fs::path out = s.root / "solve";
    write_file(out / "summary.json", "{}\n");  // written by a plantpath without markers
    std::string text = run(command_line("solve", s.inst, out, s.ranges), st);
    CHECK_MESSAGE(st == 2, text);
    CHECK(contains(text, "no valid .plantpath-output marker"));
    CHECK(read_text(out / "summary.json") == "{}\n");
    fs::remove_all(out);
    // a budget run writes budget_pathway.csv; the next (pathway) run replaces the whole output
    text = run(kPlantpath + " solve " + q(s.inst) + " --budget-cuer 0.3" + kQuick + " --out " + q(out), st);
    REQUIRE_MESSAGE(st == 0, text);
    CHECK(fs::exists(out / "budget_pathway.csv"));
    text = run(command_line("solve", s.inst, out, s.ranges), st);
    REQUIRE_MESSAGE(st == 0, text);
    CHECK_FALSE(fs::exists(out / "budget_pathway.csv"));
    CHECK(contains(read_text(out / "summary.json"), "\"pathway\": \"tiny\""));
    CHECK(inspect_output_dir(out).owned);
    for (const auto& e : fs::directory_iterator(s.root)) {
      const std::string n = e.path().filename().string();
      const bool ours_left = contains(n, ".tmp-") || contains(n, ".old-") || contains(n, "plantpath-lock");
      CHECK_MESSAGE(!ours_left, n);
    }
  }
  SUBCASE("sweep and sensitivity") {
    for (const std::string cmd : {"sweep", "sensitivity"}) {
      CAPTURE(cmd);
      const fs::path out = s.root / cmd;
      for (int i = 0; i < 2; ++i) {
        const std::string text = run(command_line(cmd, s.inst, out, s.ranges), st);
        REQUIRE_MESSAGE(st == 0, text);
        const OutputDirState os = inspect_output_dir(out);
        CHECK_MESSAGE(os.owned, (os.foreign.empty() ? os.problem : os.foreign[0]));
        CHECK(fs::exists(out / (std::string(cmd) + ".csv")));
      }
      CHECK(fs::exists(out / (std::string(cmd) == "sweep" ? "tiny" : "baseline") / "summary.json"));
      // a user's file in a saved plan makes the directory foreign again
      write_file(out / (std::string(cmd) == "sweep" ? "tiny" : "baseline") / "notes.txt", "mine");
      const auto before = snapshot(out);
      const std::string text = run(command_line(cmd, s.inst, out, s.ranges), st);
      CHECK_MESSAGE(st == 2, text);
      CHECK(snapshot(out) == before);
    }
  }
}

TEST_CASE("CLI: a second run on the same --out refuses while the first holds it") {
  const Setup s("lock");
  const fs::path out = s.root / "out";
  int st = 0;
  for (const std::string cmd : {"solve", "sweep"}) {
    CAPTURE(cmd);
    {
      const OutputClaim first = claim_output_dir(out.string(), OutputKind::kSolve);  // as a first run would
      const auto before = snapshot(s.root);
      const std::string text = run(command_line(cmd, s.inst, out, s.ranges), st);
      CHECK(st == 2);
      CHECK_MESSAGE(contains(text, out.string() + ": another plantpath run is writing here (lock "), text);
      CHECK(snapshot(s.root) == before);  // the second run wrote nothing
    }
    const std::string text = run(command_line(cmd, s.inst, out, s.ranges), st);
    CHECK_MESSAGE(st == 0, text);
  }
  CHECK_FALSE(fs::exists(s.root / ".out.plantpath-lock"));
}

TEST_CASE("CLI: two sweeps started at once on one --out: one refuses, the other writes") {
  const Setup s("race");
  const fs::path out = s.root / "out";
  const std::string cmd = command_line("sweep", s.inst, out, s.ranges);
  int st = 0;
  // Both start from one shell at once; the one that finds the lock taken says so.
  const std::string text =
      run("( " + cmd + " > " + q(s.root / "a.log") + " 2>&1; echo a=$? ) & ( " + cmd + " > " + q(s.root / "b.log") +
              " 2>&1; echo b=$? ) & wait",
          st);
  const std::string a = read_text(s.root / "a.log"), b = read_text(s.root / "b.log");
  const std::string logs = text + "\n" + a + "\n" + b;
  INFO(logs);
  const bool a_ok = contains(text, "a=0"), b_ok = contains(text, "b=0");
  CHECK((a_ok || b_ok));
  // When they overlapped (almost always) the loser names the lock; both never
  // report success while overlapping, and the directory stays plantpath's.
  if (!(a_ok && b_ok)) CHECK(contains(a_ok ? b : a, "another plantpath run is writing here"));
  CHECK(inspect_output_dir(out).owned);
}

TEST_CASE("CLI: export-mps replaces only its own FILE.mps and FILE.mps.map.csv") {
  if (!have_mps()) {
    MESSAGE("export-mps not in this build: skipped");
    return;
  }
  const Setup s("mps");
  int st = 0;
  auto export_to = [&](const fs::path& file, const fs::path& inst) {
    return run(command_line("export-mps", inst, file, s.ranges), st);
  };
  struct FileCase {
    std::string name;
    void (*make)(const fs::path& dir);
    bool map;         // the refusal names the map file
    const char* why;  // and says this
  };
  const FileCase cases[] = {
      {"foreign-mps", [](const fs::path& dir) { write_file(dir / "m.mps", "my own model\nsecond line\n"); }, false,
       "not written by plantpath"},
      {"foreign-map", [](const fs::path& dir) { write_file(dir / "m.mps.map.csv", "my,columns\n"); }, true,
       "not written by plantpath"},
      {"link-out",
       [](const fs::path& dir) {
         write_file(dir.parent_path() / "outside" / "secret.mps", "NAME x\n* plantpath monolithic MILP\n");
         fs::create_symlink(dir.parent_path() / "outside" / "secret.mps", dir / "m.mps");
       },
       false, "symbolic link"},
      {"dir-in-the-way", [](const fs::path& dir) { write_file(dir / "m.mps" / "notes.txt", "mine"); }, false,
       "is a directory"},
  };
  for (const FileCase& c : cases) {
    CAPTURE(c.name);
    const fs::path root = scratch("mps-" + c.name);
    fs::create_directories(root / "d");
    c.make(root / "d");
    const auto before = snapshot(root);
    std::string text = export_to(root / "d" / "m.mps", s.inst);
    CHECK_MESSAGE(st == 2, text);
    CHECK_MESSAGE(contains(text, (root / "d" / "m.mps").string() + (c.map ? ".map.csv: " : ": ")), text);
    CHECK(contains(text, c.why));
    CHECK_FALSE(contains(text, "columns:"));
    CHECK_MESSAGE(snapshot(root) == before, listing(snapshot(root)));
    text = export_to(root / "d" / "m.mps", root / "no-such-instance");  // checked before reading the instance
    CHECK_MESSAGE(st == 2, text);
    CHECK(contains(text, c.why));
    CHECK(snapshot(root) == before);
  }
  // its own files: written, then replaced
  const fs::path file = s.root / "m.mps";
  std::string text = export_to(file, s.inst);
  REQUIRE_MESSAGE(st == 0, text);
  write_file(file.string() + ".map.csv", read_text(file.string() + ".map.csv") + "999,extra,state,,,,\n");
  text = export_to(file, s.inst);
  REQUIRE_MESSAGE(st == 0, text);
  CHECK_FALSE(contains(read_text(file.string() + ".map.csv"), "999,extra"));
  // held by another run
  {
    const OutputClaim first = claim_output_file(file.string());
    text = export_to(file, s.inst);
    CHECK(st == 2);
    CHECK(contains(text, "another plantpath run is writing here"));
  }
  for (const auto& e : fs::directory_iterator(s.root)) {
    const std::string n = e.path().filename().string();
    const bool ours_left = contains(n, ".tmp-") || contains(n, "plantpath-lock");
    CHECK_MESSAGE(!ours_left, n);
  }
}
