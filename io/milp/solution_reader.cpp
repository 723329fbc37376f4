#include "io/csv.hpp"
#include "io/milp/solution_reader.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace pp {

namespace {


std::vector<std::string> words(const std::string& s) {
  std::istringstream is(s);
  std::vector<std::string> w;
  std::string t;
  while (is >> t) w.push_back(t);
  return w;
}

[[noreturn]] void fail(const std::string& path, int line, const std::string& what) {
  throw std::runtime_error(path + ":" + std::to_string(line) + ": " + what);
}

double number(const std::string& s, const std::string& path, int line) {
  const char* b = s.c_str();
  char* e = nullptr;
  errno = 0;
  double v = std::strtod(b, &e);
  if (e == b || *e != '\0') {
    // HiGHS writes inf / -inf for unbounded duals; values never are.
    fail(path, line, "'" + s + "' is not a number");
  }
  if (!std::isfinite(v)) fail(path, line, "'" + s + "' is not a finite number");
  return v;
}

bool lower_has(const std::string& s, const char* what) {
  std::string l = s;
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l.find(what) != std::string::npos;
}

// Status text -> whether a solution is attached.
bool status_has_solution(const std::string& st) {
  if (lower_has(st, "infeasible") && !lower_has(st, "feasible solution")) return false;
  if (lower_has(st, "no solution") || lower_has(st, "unbounded")) return false;
  return true;
}

}  // namespace

MilpSolutionFile parse_milp_solution(const std::string& text, const std::string& path) {
  MilpSolutionFile out;
  out.objective = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::string> lines;
  {
    std::istringstream is(text);
    std::string l;
    while (std::getline(is, l)) {
      if (!l.empty() && l.back() == '\r') l.pop_back();
      lines.push_back(l);
    }
  }
  size_t first = 0;
  while (first < lines.size() && trim(lines[first]).empty()) ++first;
  if (first == lines.size()) fail(path, 1, "empty solution file");
  const std::string head = trim(lines[first]);

  if (head == "Model status" || head.rfind("# Primal solution values", 0) == 0 || lower_has(head, "highs")) {
    // ---- HiGHS raw solution ----
    out.format = "highs";
    enum { kTop, kPrimal, kCols } mode = kTop;
    int remaining = -1;
    for (size_t i = first; i < lines.size(); ++i) {
      const std::string l = trim(lines[i]);
      const int ln = static_cast<int>(i) + 1;
      if (l.empty()) continue;
      if (mode == kCols) {
        if (remaining == 0 || l[0] == '#') {
          mode = kTop;
          if (l.rfind("# Dual", 0) == 0) break;
          continue;
        }
        const auto w = words(l);
        if (w.size() < 2) fail(path, ln, "expected 'name value', got '" + l + "'");
        out.values.push_back({w[0], number(w[1], path, ln)});
        out.lines.push_back(ln);
        --remaining;
        continue;
      }
      if (l == "Model status" && i + 1 < lines.size()) {
        out.status = trim(lines[i + 1]);
        ++i;
        continue;
      }
      if (l.rfind("Model status", 0) == 0 && l.size() > 12) {  // "Model status: Optimal"
        std::string st = trim(l.substr(12));
        if (!st.empty() && st[0] == ':') st = trim(st.substr(1));
        out.status = st;
        continue;
      }
      if (l.rfind("# Primal solution values", 0) == 0) {
        mode = kPrimal;
        continue;
      }
      if (l.rfind("# Dual solution values", 0) == 0) break;
      if (mode == kPrimal) {
        const auto w = words(l);
        if (w.size() >= 2 && w[0] == "Objective") out.objective = number(w[1], path, ln);
        else if (l == "None" || l == "Infeasible") out.has_solution = false;
        else if (w.size() >= 3 && w[0] == "#" && w[1] == "Columns") {
          mode = kCols;
          remaining = static_cast<int>(number(w[2], path, ln));
        } else if (l.rfind("# Rows", 0) == 0) {
          mode = kTop;
        }
      }
    }
    if (!out.status.empty() && !status_has_solution(out.status) && out.values.empty()) out.has_solution = false;
    return out;
  }

  if (head[0] == '#') {
    // ---- Gurobi .sol (also CPLEX-free "name value" files) ----
    out.format = "gurobi";
    for (size_t i = first; i < lines.size(); ++i) {
      const std::string l = trim(lines[i]);
      const int ln = static_cast<int>(i) + 1;
      if (l.empty()) continue;
      if (l[0] == '#') {
        const auto eq = l.find('=');
        if (lower_has(l, "objective value") && eq != std::string::npos)
          out.objective = number(trim(l.substr(eq + 1)), path, ln);
        continue;
      }
      const auto w = words(l);
      if (w.size() != 2) fail(path, ln, "expected 'name value', got '" + l + "'");
      out.values.push_back({w[0], number(w[1], path, ln)});
      out.lines.push_back(ln);
    }
    out.status = out.values.empty() ? "no solution" : "solution";
    out.has_solution = !out.values.empty();
    return out;
  }

  // ---- CBC ----
  out.format = "cbc";
  out.status = head;
  {
    const auto pos = head.find("objective value");
    if (pos != std::string::npos) {
      const auto w = words(head.substr(pos + 15));
      if (!w.empty()) out.objective = number(w[0], path, static_cast<int>(first) + 1);
    }
  }
  out.has_solution = status_has_solution(head);
  for (size_t i = first + 1; i < lines.size(); ++i) {
    std::string l = trim(lines[i]);
    const int ln = static_cast<int>(i) + 1;
    if (l.empty()) continue;
    if (l.rfind("**", 0) == 0) l = trim(l.substr(2));
    const auto w = words(l);
    if (w.size() < 3) fail(path, ln, "expected 'index name value [reduced cost]', got '" + trim(lines[i]) + "'");
    number(w[0], path, ln);  // index
    out.values.push_back({w[1], number(w[2], path, ln)});
    out.lines.push_back(ln);
  }
  return out;
}

MilpSolutionFile read_milp_solution(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error(path + ": cannot open");
  std::ostringstream ss;
  ss << f.rdbuf();
  return parse_milp_solution(ss.str(), path);
}

std::vector<double> solution_vector(const MilpModel& M, const MilpSolutionFile& sol, const std::string& path) {
  std::unordered_map<std::string, int> index;
  index.reserve(M.num_cols() * 2);
  for (int c = 0; c < M.num_cols(); ++c) index.emplace(M.col_name[c], c);
  std::vector<double> x(M.num_cols(), 0.0);
  // Columns fixed at a non-zero value (none in plantpath's model) keep it.
  for (int c = 0; c < M.num_cols(); ++c)
    if (M.col_lo[c] > 0) x[c] = M.col_lo[c];
  for (size_t i = 0; i < sol.values.size(); ++i) {
    const auto& [name, v] = sol.values[i];
    auto it = index.find(name);
    if (it == index.end()) {
      if (name == "obj_const") continue;
      fail(path, sol.lines[i], "column '" + name + "' is not in the model built for this instance and pathway");
    }
    x[it->second] = v;
  }
  return x;
}

}  // namespace pp
