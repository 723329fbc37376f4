#include "io/csv.hpp"

#include <charconv>
#include <cmath>
#include <cctype>
#include <fstream>
#include <limits>
#include <sstream>

namespace pp {

namespace {


std::string quote_for_msg(const std::string& s) {
  std::string t = s.size() > 60 ? s.substr(0, 57) + "..." : s;
  return "'" + t + "'";
}

}  // namespace

bool parse_finite(const std::string& text, double& out) {
  std::string t = trim(text);
  if (t.empty()) return false;
  const char* b = t.data();
  const char* e = b + t.size();
  if (*b == '+') ++b;
  if (b == e) return false;
  auto [ptr, ec] = std::from_chars(b, e, out);
  if (ec != std::errc() || ptr != e) return false;
  return std::isfinite(out);
}

namespace {

// Characters one at a time from a file (through its stream buffer: the file
// is never held whole) or from a string, with one character of look-ahead.
class FileSource {
 public:
  explicit FileSource(std::streambuf* b) : b_(b) {}
  int peek() { return b_->sgetc(); }
  void next() { b_->sbumpc(); }
 private:
  std::streambuf* b_;
};

class TextSource {
 public:
  explicit TextSource(const std::string& t) : t_(t) {}
  int peek() { return i_ < t_.size() ? static_cast<unsigned char>(t_[i_]) : std::char_traits<char>::eof(); }
  void next() { ++i_; }
 private:
  const std::string& t_;
  size_t i_ = 0;
};

}  // namespace

// One pass over the characters; fields go straight into the table's one
// buffer (memory: the fields' bytes plus an offset each, not a string each).
template <class Source>
void CsvTable::parse_from(Source& in) {
  constexpr int kEof = std::char_traits<char>::eof();
  const std::string& name = file_;
  auto fail_at = [&](int line, const std::string& what) { throw InputError(name + ":" + std::to_string(line) + ": " + what); };
  // A UTF-8 byte-order mark is skipped; the start of anything else is data.
  static constexpr int kBom[3] = {0xEF, 0xBB, 0xBF};
  for (int b = 0; b < 3 && in.peek() == kBom[b]; ++b) {
    data_ += static_cast<char>(kBom[b]);
    in.next();
    if (b == 2) data_.clear();
  }
  int line = 1;
  bool have_header = false;
  off_.assign(1, 0);
  bool first = true;
  while (in.peek() != kEof || (first && !data_.empty())) {
    const int rec_line = line;
    const size_t rec_start = first ? 0 : data_.size(), off_start = off_.size();
    size_t nfields = 0;
    bool blank = data_.size() == rec_start;  // the record is a single empty unquoted field
    first = false;
    while (true) {
      bool quoted = false;
      if (in.peek() == '"') {
        quoted = true;
        blank = false;
        const int qline = line;
        in.next();
        while (true) {
          const int c = in.peek();
          if (c == kEof) fail_at(qline, "unterminated quoted field");
          in.next();
          if (c == '"') {
            if (in.peek() != '"') break;
            in.next();
          } else if (c == '\n') {
            ++line;
          }
          data_ += static_cast<char>(c);
        }
      } else {
        for (int c = in.peek(); c != kEof && c != ',' && c != '\n' && c != '\r'; c = in.peek()) {
          data_ += static_cast<char>(c);
          blank = false;
          in.next();
        }
      }
      off_.push_back(data_.size());
      ++nfields;
      // After a field: ',' or the end of the record.
      int c = in.peek();
      if (c == ',') {
        blank = false;
        in.next();
        continue;
      }
      if (c == '\r') {
        in.next();
        c = in.peek();
        if (c != '\n' && c != kEof) fail_at(line, "stray carriage return");
      }
      if (c == '\n') {
        in.next();
        ++line;
      } else if (c != kEof) {
        fail_at(line, quoted ? "characters after a closing quote" : "unexpected character");
      }
      break;
    }
    if (blank) {
      data_.resize(rec_start);
      off_.resize(off_start);
      continue;
    }
    if (!have_header) {
      have_header = true;
      header_line_ = rec_line;
      for (size_t c = 0; c < nfields; ++c) {
        std::string h = trim(std::string(data_, off_[off_start - 1 + c], off_[off_start + c] - off_[off_start - 1 + c]));
        if (h.empty()) fail_at(rec_line, "header column " + std::to_string(c + 1) + " is empty");
        for (const auto& prev : header_)
          if (prev == h) fail_at(rec_line, "duplicate column '" + h + "'");
        header_.push_back(h);
      }
      data_.resize(rec_start);
      off_.resize(off_start);
      continue;
    }
    if (nfields != header_.size())
      fail_at(rec_line, std::to_string(nfields) + " fields, but the header has " + std::to_string(header_.size()));
    lines_.push_back(rec_line);
  }
  if (!have_header) fail_at(1, "empty file (a header row is required)");
}

CsvTable CsvTable::read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(path + ": cannot open file");
  CsvTable t;
  t.file_ = path;
  FileSource src(f.rdbuf());
  t.parse_from(src);
  if (f.bad()) throw InputError(path + ": read error");
  return t;
}

CsvTable CsvTable::parse(const std::string& text, const std::string& name) {
  CsvTable t;
  t.file_ = name;
  TextSource src(text);
  t.parse_from(src);
  return t;
}

std::string_view CsvTable::view(size_t row, int col) const {
  const size_t k = row * header_.size() + static_cast<size_t>(col);
  return std::string_view(data_).substr(off_[k], off_[k + 1] - off_[k]);
}

int CsvTable::column(const std::string& name) const {
  for (size_t c = 0; c < header_.size(); ++c)
    if (header_[c] == name) return static_cast<int>(c);
  return -1;
}

int CsvTable::require(const std::string& name) const {
  const int c = column(name);
  if (c < 0) {
    std::string msg = file_ + ":" + std::to_string(header_line_) + ": missing column '" + name + "'";
    // A spreadsheet saved with a European locale separates by ';' (or tabs):
    // the whole header is then one column whose name holds the others.
    if (header_.size() == 1)
      for (const char sep : {';', '\t'})
        if (header_[0].find(sep) != std::string::npos) {
          msg += sep == ';' ? ": the header is one column separated by ';' (a spreadsheet's European CSV export?)"
                            : ": the header is one column separated by tabs";
          msg += "; plantpath reads comma-separated files only: re-save as CSV with ',' separators";
          break;
        }
    throw InputError(msg);
  }
  return c;
}

std::string CsvTable::where(size_t row, int col) const {
  std::string s = file_ + ":" + std::to_string(lines_[row]) + ":";
  if (col >= 0) s += " column '" + header_[col] + "':";
  return s;
}

void CsvTable::fail(size_t row, int col, const std::string& msg) const { throw InputError(where(row, col) + " " + msg); }

std::string CsvTable::str(size_t row, int col) const { return col < 0 ? std::string() : trim(text(row, col)); }

double CsvTable::number(size_t row, int col) const {
  const std::string s = text(row, col);
  double v = 0;
  if (parse_finite(s, v)) return v;
  const std::string t = trim(s);
  if (t.empty()) fail(row, col, "empty, a number is required");
  double raw = 0;
  const char* b = t.data();
  auto [ptr, ec] = std::from_chars(b + (t[0] == '+'), b + t.size(), raw);
  if (ec == std::errc() && ptr == b + t.size() && !std::isfinite(raw))
    fail(row, col, quote_for_msg(t) + " is not a finite number");
  fail(row, col, quote_for_msg(t) + " is not a number");
}

double CsvTable::number_or(size_t row, int col, double dflt) const {
  if (col < 0 || trim(text(row, col)).empty()) return dflt;
  return number(row, col);
}

int CsvTable::integer(size_t row, int col) const {
  const std::string t = trim(text(row, col));
  double v = 0;
  if (!parse_finite(t, v) || v != std::floor(v) || std::fabs(v) > 1e9) {
    if (t.empty()) fail(row, col, "empty, an integer is required");
    fail(row, col, quote_for_msg(t) + " is not an integer");
  }
  return static_cast<int>(v);
}

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> v;
  size_t b = 0;
  while (b <= s.size()) {
    size_t e = s.find(',', b);
    if (e == std::string::npos) e = s.size();
    if (e > b) v.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return v;
}

}  // namespace pp
