#include "io/output_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <utility>

namespace pp {

namespace fs = std::filesystem;

namespace {

constexpr const char* kMarkerHeader = "plantpath-output 1";
constexpr const char* kLockSuffix = ".plantpath-lock";
constexpr size_t kKeepForeign = 8;   // names kept in OutputDirState::foreign
constexpr size_t kShowForeign = 3;   // names shown in a message
constexpr size_t kMaxMarkerBytes = 16u << 20;

std::string errno_text(int e) { return std::strerror(e); }

bool lstat_of(const fs::path& p, struct stat& st) { return ::lstat(p.c_str(), &st) == 0; }

bool valid_name(const std::string& n) {
  return !n.empty() && n != "." && n != ".." && n != kOutputMarker && n.find('/') == std::string::npos &&
         n.find('\0') == std::string::npos && n.find('\n') == std::string::npos;
}

bool all_digits(const std::string& s, size_t from) {
  if (from >= s.size()) return false;
  return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(from), s.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// What an entry of an owned directory may be.
enum class Expect { kFile, kDir, kLock };

const OutputEntry* find_entry(const std::vector<OutputEntry>& listed, const std::string& name) {
  for (const auto& e : listed)
    if (e.name == name) return &e;
  return nullptr;
}

// How `name` may legitimately appear in a directory whose marker lists `listed`
// (the marker itself excluded); nullopt: foreign.
std::optional<Expect> classify(const std::string& name, const std::vector<OutputEntry>& listed) {
  if (const OutputEntry* e = find_entry(listed, name)) return e->dir ? Expect::kDir : Expect::kFile;
  // NAME.tmp-<digits> / NAME.old-<digits>: temporaries of a listed NAME (or of the marker)
  for (const char* tag : {".tmp-", ".old-"}) {
    const size_t pos = name.rfind(tag);
    if (pos == std::string::npos || pos == 0 || !all_digits(name, pos + 5)) continue;
    const std::string base = name.substr(0, pos);
    if (base == kOutputMarker && std::string(tag) == ".tmp-") return Expect::kFile;
    if (const OutputEntry* e = find_entry(listed, base)) return e->dir ? Expect::kDir : Expect::kFile;
  }
  // .NAME.plantpath-lock of a listed NAME
  const std::string suffix = kLockSuffix;
  if (name.size() > suffix.size() + 1 && name[0] == '.' &&
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    const std::string base = name.substr(1, name.size() - suffix.size() - 1);
    if (find_entry(listed, base)) return Expect::kLock;
  }
  return std::nullopt;
}

// Names in `dir` (not "." / ".."), sorted; false on a read error (errno text in `err`).
bool list_dir(const fs::path& dir, std::vector<std::string>& names, std::string& err) {
  names.clear();
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) names.push_back(it->path().filename().string());
  if (ec) {
    err = ec.message();
    return false;
  }
  std::sort(names.begin(), names.end());
  return true;
}

std::string shown_name(const std::string& rel, const struct stat& st) {
  return S_ISDIR(st.st_mode) ? rel + "/" : rel;
}

struct Scan {
  std::vector<std::string> foreign;
  size_t count = 0;
  std::string problem;
  void add(const std::string& rel) {
    ++count;
    if (foreign.size() < kKeepForeign) foreign.push_back(rel);
  }
};

// Adds the foreign entries of directory `dir` (shown as `prefix`...) to `scan`.
// Returns whether the directory holds a valid marker.
bool scan_dir(const fs::path& dir, const std::string& prefix, Scan& scan) {
  std::vector<std::string> names;
  std::string err;
  if (!list_dir(dir, names, err)) {
    if (prefix.empty()) scan.problem = "cannot read it: " + err;
    else scan.add(prefix + " (unreadable: " + err + ")");
    return false;
  }
  if (names.empty()) return false;
  std::vector<OutputEntry> listed;
  const bool marker = read_output_marker(dir, listed);
  for (const std::string& name : names) {
    const fs::path p = dir / name;
    const std::string rel = prefix + name;
    struct stat st {};
    if (!lstat_of(p, st)) continue;  // vanished meanwhile
    if (name == kOutputMarker && marker) continue;
    const std::optional<Expect> want = marker ? classify(name, listed) : std::nullopt;
    if (!want) {
      scan.add(shown_name(rel, st));
    } else if (*want == Expect::kDir) {
      if (S_ISDIR(st.st_mode)) {
        std::vector<std::string> sub;
        std::string e2;
        // an empty sub-directory is owned; otherwise it needs its own marker
        if (list_dir(p, sub, e2) && sub.empty()) continue;
        scan_dir(p, rel + "/", scan);
      } else {
        scan.add(shown_name(rel, st));
      }
    } else if (!S_ISREG(st.st_mode)) {  // files and locks: regular files only, never links
      scan.add(shown_name(rel, st));
    }
  }
  return marker;
}

std::string describe_foreign(const std::vector<std::string>& names, size_t count) {
  std::string o;
  const size_t shown = std::min(names.size(), kShowForeign);
  for (size_t i = 0; i < shown; ++i) o += (i ? ", '" : "'") + names[i] + "'";
  if (count > shown) o += " and " + std::to_string(count - shown) + " more";
  return o;
}

// Unlinks a lock file nobody holds (lock, check it is still the file at the path, unlink).
bool remove_stale_lock(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  bool removed = false;
  struct stat a {}, b {};
  if (::fstat(fd, &a) == 0 && S_ISREG(a.st_mode) && ::flock(fd, LOCK_EX | LOCK_NB) == 0 && lstat_of(p, b) &&
      a.st_dev == b.st_dev && a.st_ino == b.st_ino)
    removed = ::unlink(p.c_str()) == 0;
  ::close(fd);
  return removed;
}

std::string marker_text(OutputKind kind, const std::vector<OutputEntry>& entries) {
  std::string t = std::string(kMarkerHeader) + "\nkind " + output_kind_name(kind) + "\n";
  for (const auto& e : entries) {
    if (!valid_name(e.name)) throw std::runtime_error("output marker: invalid entry name '" + e.name + "'");
    t += (e.dir ? "dir " : "file ") + e.name + "\n";
  }
  return t;
}

}  // namespace

const char* output_kind_name(OutputKind k) {
  switch (k) {
    case OutputKind::kSolve: return "solve";
    case OutputKind::kSweep: return "sweep";
    case OutputKind::kSensitivity: return "sensitivity";
    case OutputKind::kFile: return "file";
    case OutputKind::kReport: return "report";
  }
  return "?";
}

fs::path output_path(const std::string& path, bool resolve_last) {
  if (path.empty()) throw OutputRefused("output path: empty");
  fs::path p = fs::path(path).lexically_normal();
  if (!p.has_filename() && p != p.root_path()) p = p.parent_path();  // trailing '/'
  const std::string last = p.filename().string();
  if (p.empty() || last.empty() || last == "." || last == "..")
    throw OutputRefused(path + ": refusing to use this path as an output location");
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  if (ec) throw OutputRefused(path + ": " + ec.message());
  abs = abs.lexically_normal();
  fs::path out;
  if (resolve_last) {
    out = fs::weakly_canonical(abs, ec);
  } else {
    out = fs::weakly_canonical(abs.parent_path(), ec) / abs.filename();
  }
  if (ec) out = abs;  // e.g. a parent that is a file: later steps fail with a clear message
  out = out.lexically_normal();
  if (!out.has_filename()) out = out.parent_path();
  if (out == out.root_path() || out.filename().empty())
    throw OutputRefused(path + ": refusing to use this path as an output location");
  return out;
}

namespace {
bool parse_marker(const fs::path& dir, std::vector<OutputEntry>& entries, std::string& kind);
}  // namespace

bool read_output_marker(const fs::path& dir, std::vector<OutputEntry>& entries) {
  std::string kind;
  return read_output_marker(dir, entries, kind);
}

bool read_output_marker(const fs::path& dir, std::vector<OutputEntry>& entries, std::string& kind) {
  const bool ok = parse_marker(dir, entries, kind);
  if (!ok) entries.clear(), kind.clear();
  return ok;
}

namespace {
bool parse_marker(const fs::path& dir, std::vector<OutputEntry>& entries, std::string& kind) {
  entries.clear();
  kind.clear();
  const fs::path m = dir / kOutputMarker;
  const int fd = ::open(m.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  struct stat st {};
  std::string text;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && size_t(st.st_size) <= kMaxMarkerBytes;
  if (ok) {
    char buf[8192];
    for (ssize_t got; (got = ::read(fd, buf, sizeof buf)) > 0;) text.append(buf, size_t(got));
  }
  ::close(fd);
  if (!ok) return false;
  size_t pos = 0;
  int line_no = 0;
  bool kind_seen = false;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    const std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (line_no++ == 0) {
      if (line != kMarkerHeader) return false;
      continue;
    }
    if (line.empty()) continue;
    const size_t sp = line.find(' ');
    if (sp == std::string::npos) return entries.clear(), false;
    const std::string key = line.substr(0, sp), value = line.substr(sp + 1);
    if (key == "kind") {
      if (value.empty() || kind_seen) return entries.clear(), false;
      kind_seen = true;
      kind = value;
    } else if (key == "file" || key == "dir") {
      if (!valid_name(value)) return entries.clear(), false;
      const OutputEntry e{value, key == "dir"};
      if (const OutputEntry* old = find_entry(entries, value)) {
        if (old->dir != e.dir) return entries.clear(), false;
        continue;
      }
      entries.push_back(e);
    } else {
      return entries.clear(), false;
    }
  }
  if (line_no == 0 || !kind_seen) return false;
  return true;
}
}  // namespace

void write_output_marker(const fs::path& dir, OutputKind kind, const std::vector<OutputEntry>& entries) {
  write_file_atomically(dir / kOutputMarker, marker_text(kind, entries));
}

OutputDirState inspect_output_dir(const fs::path& dir) {
  OutputDirState s;
  struct stat st {};
  if (!lstat_of(dir, st)) {
    if (errno == ENOENT) {
      s.owned = true;
    } else if (errno == ENOTDIR) {
      s.problem = "a parent of it is not a directory";
    } else {
      s.problem = "cannot inspect it: " + errno_text(errno);
    }
    return s;
  }
  s.exists = true;
  s.is_dir = S_ISDIR(st.st_mode);
  if (!s.is_dir) {
    s.problem = S_ISLNK(st.st_mode) ? "is a symbolic link to nothing; not replacing it"
                                    : "exists and is not a directory; not replacing it";
    return s;
  }
  Scan scan;
  s.marker = scan_dir(dir, "", scan);
  s.foreign = std::move(scan.foreign);
  s.foreign_count = scan.count;
  s.problem = std::move(scan.problem);
  s.owned = s.problem.empty() && s.foreign_count == 0;
  return s;
}

std::string output_dir_refusal(const fs::path& dir, const std::string& shown) {
  const OutputDirState s = inspect_output_dir(dir);
  if (s.owned) return "";
  if (!s.problem.empty()) return shown + ": " + s.problem;
  return shown + ": not a plantpath output directory (" +
         (s.marker ? std::string() : std::string("no valid ") + kOutputMarker + " marker; ") + "holds " +
         describe_foreign(s.foreign, s.foreign_count) + "); choose another --out or move them away";
}

std::vector<std::string> remove_owned_output(const fs::path& dir) {
  struct stat st {};
  if (!lstat_of(dir, st)) return {};
  if (!S_ISDIR(st.st_mode)) return {dir.filename().string()};
  std::vector<std::string> names, left;
  std::string err;
  if (!list_dir(dir, names, err)) return {"(unreadable: " + err + ")"};
  std::vector<OutputEntry> listed;
  const bool marker = read_output_marker(dir, listed);
  for (const std::string& name : names) {
    if (name == kOutputMarker && marker) continue;
    const fs::path p = dir / name;
    struct stat cs {};
    if (!lstat_of(p, cs)) continue;
    const std::optional<Expect> want = marker ? classify(name, listed) : std::nullopt;
    if (want == Expect::kFile && S_ISREG(cs.st_mode)) {
      if (::unlink(p.c_str()) != 0) left.push_back(name);
    } else if (want == Expect::kDir && S_ISDIR(cs.st_mode)) {
      for (const std::string& sub : remove_owned_output(p)) left.push_back(name + "/" + sub);
    } else if (want == Expect::kLock && S_ISREG(cs.st_mode)) {
      if (!remove_stale_lock(p)) left.push_back(name);
    } else {
      left.push_back(shown_name(name, cs));
    }
  }
  if (!left.empty()) return left;
  if (marker) ::unlink((dir / kOutputMarker).c_str());
  if (::rmdir(dir.c_str()) != 0 && errno != ENOENT) return {"(" + errno_text(errno) + ")"};
  return {};
}

void write_file_atomically(const fs::path& path, const std::string& data) {
  const std::string base = path.string() + ".tmp-" + std::to_string(static_cast<long>(::getpid()));
  std::string tmp;
  int fd = -1;
  for (int n = 0; n < 100 && fd < 0; ++n) {
    tmp = n ? base + std::to_string(n) : base;  // still NAME.tmp-<digits>
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0 && errno != EEXIST) throw std::runtime_error(tmp + ": cannot create file: " + errno_text(errno));
  }
  if (fd < 0) throw std::runtime_error(base + ": cannot create a temporary file (names taken)");
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    const ssize_t w = ::write(fd, p, left);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      const int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw std::runtime_error(tmp + ": write failed: " + errno_text(e));
    }
    p += w;
    left -= size_t(w);
  }
  if (::close(fd) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    throw std::runtime_error(tmp + ": write failed: " + errno_text(e));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    throw std::runtime_error(path.string() + ": cannot rename " + tmp + " into place: " + errno_text(e));
  }
}

// ---- OutputClaim ----

OutputClaim::~OutputClaim() { release(); }

OutputClaim::OutputClaim(OutputClaim&& o) noexcept
    : path_(std::move(o.path_)), lock_(std::move(o.lock_)), shown_(std::move(o.shown_)), kind_(o.kind_), fd_(o.fd_) {
  o.fd_ = -1;
}

OutputClaim& OutputClaim::operator=(OutputClaim&& o) noexcept {
  if (this != &o) {
    release();
    path_ = std::move(o.path_);
    lock_ = std::move(o.lock_);
    shown_ = std::move(o.shown_);
    kind_ = o.kind_;
    fd_ = o.fd_;
    o.fd_ = -1;
  }
  return *this;
}

void OutputClaim::release() {
  if (fd_ < 0) return;
  // Unlink while holding the lock: a run that opened the old file sees, after
  // locking it, that the path no longer names it and starts over.
  ::unlink(lock_.c_str());
  ::close(fd_);
  fd_ = -1;
}

void OutputClaim::record(const std::vector<OutputEntry>& entries) {
  if (fd_ < 0) throw std::logic_error("OutputClaim::record without a claim");
  if (const std::string r = output_dir_refusal(path_, shown_); !r.empty()) throw OutputRefused(r);
  if (::mkdir(path_.c_str(), 0755) != 0 && errno != EEXIST)
    throw OutputRefused(shown_ + ": cannot create directory: " + errno_text(errno));
  std::vector<OutputEntry> merged;
  read_output_marker(path_, merged);
  for (const auto& e : entries)
    if (valid_name(e.name) && !find_entry(merged, e.name)) merged.push_back(e);
  write_output_marker(path_, kind_, merged);
}

namespace {

// Takes the lock of output location `path` (an output_path()).
void take_lock(const fs::path& path, const std::string& shown, fs::path& lock, int& fd_out) {
  const fs::path parent = path.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw OutputRefused(shown + ": cannot create parent directory " + parent.string() + ": " + ec.message());
  lock = parent / ("." + path.filename().string() + kLockSuffix);
  for (int attempt = 0; attempt < 5; ++attempt) {
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
      throw OutputRefused(shown + ": cannot create the lock file " + lock.string() + ": " + errno_text(errno));
    struct stat a {}, b {};
    if (::fstat(fd, &a) != 0 || !S_ISREG(a.st_mode)) {
      ::close(fd);
      throw OutputRefused(shown + ": the lock file " + lock.string() + " is not a regular file");
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int e = errno;
      ::close(fd);
      if (e == EWOULDBLOCK)
        throw OutputRefused(shown + ": another plantpath run is writing here (lock " + lock.string() + ")");
      throw OutputRefused(shown + ": cannot lock " + lock.string() + ": " + errno_text(e));
    }
    if (lstat_of(lock, b) && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
      fd_out = fd;
      return;
    }
    ::close(fd);  // the holder released (unlinked) it meanwhile: try the current file
  }
  throw OutputRefused(shown + ": another plantpath run is writing here (lock " + lock.string() + ")");
}

}  // namespace

OutputClaim claim_output_dir(const std::string& path, OutputKind kind) {
  OutputClaim c;
  c.path_ = output_path(path, true);
  c.shown_ = path;
  c.kind_ = kind;
  take_lock(c.path_, c.shown_, c.lock_, c.fd_);
  // checked under the lock: no other plantpath run changes it meanwhile
  if (const std::string r = output_dir_refusal(c.path_, c.shown_); !r.empty()) throw OutputRefused(r);
  return c;
}

OutputClaim claim_output_file(const std::string& path) {
  OutputClaim c;
  c.path_ = output_path(path, false);
  c.shown_ = path;
  c.kind_ = OutputKind::kFile;
  take_lock(c.path_, c.shown_, c.lock_, c.fd_);
  return c;
}

std::string output_file_refusal(const fs::path& path, const std::string& shown, int line, const std::string& prefix,
                                bool whole_line) {
  struct stat st {};
  if (!lstat_of(path, st)) {
    if (errno == ENOENT) return "";
    return shown + ": cannot inspect it: " + errno_text(errno);
  }
  if (S_ISLNK(st.st_mode)) return shown + ": is a symbolic link; not replacing it; choose another --out";
  if (S_ISDIR(st.st_mode)) return shown + ": is a directory; not replacing it; choose another --out";
  if (!S_ISREG(st.st_mode)) return shown + ": exists and is not a regular file; not replacing it";
  std::ifstream f(path, std::ios::binary);
  std::string l;
  bool ok = false;
  for (int i = 0; i <= line && std::getline(f, l); ++i)
    if (i == line) ok = whole_line ? l == prefix : l.compare(0, prefix.size(), prefix) == 0;
  if (ok) return "";
  return shown + ": exists and was not written by plantpath; not replacing it; choose another --out or move it away";
}

}  // namespace pp
