#pragma once
// A small CSV reader for the instance format (datasets/README.md):
// RFC 4180 quoting ("a,b", "say ""hi""", newlines inside quotes), one header
// row (required), column order free, extra columns ignored, CRLF and a UTF-8
// byte-order mark tolerated, blank lines skipped. Every error is a
// pp::InputError naming the file, the line and the column:
//   plants.csv:17: column 'capacity_mw': 'abc' is not a number
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "io/input_error.hpp"

namespace pp {

class CsvTable {
 public:
  // Reads and parses a file; throws InputError if it cannot be opened or is
  // malformed (unterminated quote, wrong field count, empty or duplicate header).
  static CsvTable read_file(const std::string& path);
  // Parses text; `name` is used in messages (normally the file path).
  static CsvTable parse(const std::string& text, const std::string& name);

  const std::string& file() const { return file_; }
  const std::vector<std::string>& header() const { return header_; }
  size_t rows() const { return lines_.size(); }

  int column(const std::string& name) const;   // -1 if absent
  int require(const std::string& name) const;  // throws "file:line: missing column 'name'"

  std::string text(size_t row, int col) const { return std::string(view(row, col)); }
  std::string_view view(size_t row, int col) const;
  int line(size_t row) const { return lines_[row]; }  // 1-based line where the record starts

  // Field as a finite number (leading/trailing blanks allowed; empty, NaN,
  // inf and trailing garbage rejected).
  double number(size_t row, int col) const;
  // Same, but `dflt` when the column is absent (col < 0) or the field is empty.
  double number_or(size_t row, int col, double dflt) const;
  // Field as an integer ("2016"; "2016.0" accepted, "2016.5" rejected).
  int integer(size_t row, int col) const;
  // Field trimmed of surrounding blanks; "" when col < 0.
  std::string str(size_t row, int col) const;

  // "file:line: column 'name': msg"
  std::string where(size_t row, int col) const;
  [[noreturn]] void fail(size_t row, int col, const std::string& msg) const;

 private:
  std::string file_;
  std::vector<std::string> header_;
  int header_line_ = 1;
  // Every field's bytes in one buffer; field k (row-major) is
  // data_[off_[k], off_[k + 1]).
  std::string data_;
  std::vector<size_t> off_;
  std::vector<int> lines_;
  template <class Source>
  void parse_from(Source& in);
};

// Strict number parsing shared with params.toml and --set: false on empty,
// NaN, inf or trailing garbage.
bool parse_finite(const std::string& text, double& out);

// White space (blanks, tabs, CR, ...) off both ends.
std::string trim(const std::string& s);

// "a,b,,c" -> {"a", "b", "c"}: the non-empty items of a comma-separated list.
std::vector<std::string> split_commas(const std::string& s);

}  // namespace pp
