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

CsvTable CsvTable::read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(path + ": cannot open file");
  std::ostringstream ss;
  ss << f.rdbuf();
  if (f.bad()) throw InputError(path + ": read error");
  return parse(ss.str(), path);
}

CsvTable CsvTable::parse(const std::string& text, const std::string& name) {
  CsvTable t;
  t.file_ = name;
  size_t i = 0;
  const size_t n = text.size();
  if (n >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB && (unsigned char)text[2] == 0xBF)
    i = 3;
  int line = 1;
  bool have_header = false;
  std::vector<std::string> rec;
  std::string field;
  while (i < n) {
    // One record.
    const int rec_line = line;
    rec.clear();
    bool blank = true;  // record consists of a single empty unquoted field
    while (true) {
      field.clear();
      bool quoted = false;
      if (i < n && text[i] == '"') {
        quoted = true;
        blank = false;
        const int qline = line;
        ++i;
        while (true) {
          if (i >= n) throw InputError(name + ":" + std::to_string(qline) + ": unterminated quoted field");
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') field += text[i++];
        if (!field.empty()) blank = false;
      }
      // After a field: ',' or end of record.
      if (i < n && text[i] == ',') {
        blank = false;
        rec.push_back(std::move(field));
        ++i;
        continue;
      }
      if (i < n && text[i] == '\r') {
        ++i;
        if (i < n && text[i] != '\n')
          throw InputError(name + ":" + std::to_string(line) + ": stray carriage return");
      }
      if (i < n && text[i] == '\n') {
        ++i;
        ++line;
      } else if (i < n) {
        throw InputError(name + ":" + std::to_string(line) + ": " +
                         (quoted ? "characters after a closing quote" : "unexpected character"));
      }
      rec.push_back(std::move(field));
      break;
    }
    if (blank) continue;
    if (!have_header) {
      have_header = true;
      t.header_line_ = rec_line;
      for (size_t c = 0; c < rec.size(); ++c) {
        std::string h = trim(rec[c]);
        if (h.empty())
          throw InputError(name + ":" + std::to_string(rec_line) + ": header column " + std::to_string(c + 1) +
                           " is empty");
        for (const auto& prev : t.header_)
          if (prev == h) throw InputError(name + ":" + std::to_string(rec_line) + ": duplicate column '" + h + "'");
        t.header_.push_back(h);
      }
      continue;
    }
    if (rec.size() != t.header_.size())
      throw InputError(name + ":" + std::to_string(rec_line) + ": " + std::to_string(rec.size()) +
                       " fields, but the header has " + std::to_string(t.header_.size()));
    t.rows_.push_back(rec);
    t.lines_.push_back(rec_line);
  }
  if (!have_header) throw InputError(name + ":1: empty file (a header row is required)");
  return t;
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

std::string CsvTable::str(size_t row, int col) const { return col < 0 ? std::string() : trim(rows_[row][col]); }

double CsvTable::number(size_t row, int col) const {
  const std::string& s = rows_[row][col];
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
  if (col < 0 || trim(rows_[row][col]).empty()) return dflt;
  return number(row, col);
}

int CsvTable::integer(size_t row, int col) const {
  const std::string t = trim(rows_[row][col]);
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
