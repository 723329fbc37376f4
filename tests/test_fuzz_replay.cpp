// The fuzz corpus (tests/fuzz/corpus/<format>/) replayed through every
// reader, each file as it is and under a fixed number of seeded mutations:
// no input may crash a reader (in the sanitized pass: no ASan/UBSan report
// either), and each is either read or refused with a message that starts
// with the file's path and a line number. The same entry points are the
// libFuzzer programs' (scripts/fuzz.sh).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "tests/fuzz/reader_targets.hpp"
#include "tests/io_test_util.hpp"

namespace {

using namespace pp::fuzz;
namespace fs = std::filesystem;

struct Rng {  // splitmix64: the same mutations on every machine
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return n ? static_cast<size_t>(next() % n) : 0; }
};

// Pieces that make readers take their rarer paths: separators, quotes,
// line ends, a byte-order mark, NUL, numbers at and beyond double's range,
// words where numbers belong, option names, a long field.
const std::vector<std::string>& tokens() {
  static const std::vector<std::string> t = {
      ",", "\"", "\"\"", "\n", "\r\n", "\r", ";", "\t", " ", "#", "=", "-", "+", ".", "e", "E",
      std::string("\0", 1), "\xEF\xBB\xBF", "\xFF\xFE", "0", "-1", "1e308", "-1e308", "1e309", "4.9e-324", "nan",
      "inf", "-0", "0x10", "99999999999999999999", "2147483648", "-2147483649", "2025", "2050", "1900", "8784",
      "CCS", "Flex+BE+CCS", "Flex++", "Hebei", "p1", "A1", "c1", "\"a,b\"", "Optimal - objective value 1",
      "Infeasible - objective value 0", "** ", "x_", "# Columns 3", "# Primal solution values", "Objective 1",
      std::string(300, 'x'), "discount_rate = 8", "year_step = 1", "last_year = 2150", "cap_scope = \"country\""};
  return t;
}

std::string mutate(std::string s, Rng& rng) {
  const int rounds = 1 + static_cast<int>(rng.below(4));
  for (int r = 0; r < rounds; ++r) {
    const size_t pos = rng.below(s.size() + 1);
    switch (rng.below(7)) {
      case 0:  // overwrite a byte
        if (!s.empty()) s[rng.below(s.size())] = static_cast<char>(rng.below(256));
        break;
      case 1:  // insert a token
        s.insert(pos, tokens()[rng.below(tokens().size())]);
        break;
      case 2:  // delete a range
        s.erase(pos, 1 + rng.below(12));
        break;
      case 3: {  // replace the field around pos with a token
        size_t a = s.find_last_of(",\n", pos == 0 ? 0 : pos - 1);
        a = a == std::string::npos ? 0 : a + 1;
        size_t b = s.find_first_of(",\n", pos);
        if (b == std::string::npos) b = s.size();
        if (a <= b) s.replace(a, b - a, tokens()[rng.below(tokens().size())]);
        break;
      }
      case 4: {  // duplicate a line
        const size_t a = s.rfind('\n', pos == 0 ? 0 : pos - 1);
        const size_t start = a == std::string::npos ? 0 : a + 1;
        const size_t end = s.find('\n', start);
        const std::string line = s.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
        s.insert(start, line.empty() || line.back() == '\n' ? line : line + "\n");
        break;
      }
      case 5:  // truncate
        s.resize(pos);
        break;
      default:  // every ',' to ';' (a European spreadsheet's export)
        std::replace(s.begin(), s.end(), ',', ';');
        break;
    }
  }
  return s;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("fuzz replay: every reader on the corpus and its seeded mutations") {
  constexpr int kMutationsPerSeed = 300;
  const fs::path corpus = fs::path(PP_SOURCE_DIR) / "tests" / "fuzz" / "corpus";
  const fs::path scratch = pp::iotest::temp_dir("fuzz-replay");
  for (const FormatInfo& fmt : formats()) {
    std::vector<fs::path> seeds;
    for (const auto& e : fs::directory_iterator(corpus / fmt.name))
      if (e.is_regular_file()) seeds.push_back(e.path());
    std::sort(seeds.begin(), seeds.end());
    REQUIRE_MESSAGE(seeds.size() >= 2, "corpus for ", std::string(fmt.name));
    int loaded = 0, refused = 0;
    Rng rng{0x706c616e74ull + static_cast<uint64_t>(fmt.format)};
    for (const fs::path& seed : seeds) {
      const std::string base = read_bytes(seed);
      for (int m = -1; m < kMutationsPerSeed; ++m) {
        const std::string input = m < 0 ? base : mutate(base, rng);
        const Outcome o = run(fmt.format, input, scratch);
        if (o.loaded) {
          ++loaded;
          continue;
        }
        ++refused;
        INFO(std::string(fmt.name), " ", seed.filename().string(), " mutation ", m, "\ninput:\n", input);
        CHECK_MESSAGE(names_file_and_line(o.error, o.files), "message does not name file and line: ", o.error);
      }
    }
    MESSAGE(std::string(fmt.name), ": ", loaded, " read, ", refused, " refused");
    // Mutations that keep a file valid and ones that break it both occur.
    CHECK(loaded > 0);
    CHECK(refused > 0);
  }
  // The valid seed of each format is read.
  for (const FormatInfo& fmt : formats()) CHECK_MESSAGE(run(fmt.format, valid_seed(fmt.format), scratch).loaded, std::string(fmt.name));
}
