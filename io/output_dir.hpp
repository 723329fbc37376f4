#pragma once
// Owning output locations: plantpath replaces or writes into an output
// directory only when everything in it was written by plantpath, and only one
// run writes to a location at a time.
//
// The marker. Every output directory holds `.plantpath-output`, a text file
// written with the outputs:
//     plantpath-output 1
//     kind solve                 (solve | sweep | sensitivity)
//     file summary.json          one line per entry plantpath writes there
//     dir CuER_50per             (a sub-directory: itself an output directory)
//
// A directory is plantpath-owned iff it is empty, or it holds a valid marker
// and every other entry is one of
//   - a listed `file NAME` that is a regular file (never a symbolic link),
//   - a listed `dir NAME` that is a directory (not a link) and itself owned,
//   - `NAME.tmp-<digits>` / `NAME.old-<digits>` of a listed NAME, of the same
//     kind (temporaries of an interrupted write), `.plantpath-output.tmp-<digits>`,
//   - `.NAME.plantpath-lock` of a listed NAME (the lock of a run writing it).
// Listed entries may be missing. Anything else (an unlisted file, any
// symbolic link, a foreign file in a listed sub-directory) is foreign, and
// the directory is neither replaced nor written into: OutputRefused names it
// and the first few foreign entries.
//
// The lock. A run holding an OutputClaim on PATH holds flock(2) on the sibling
// file `<parent>/.<name>.plantpath-lock` (created if missing, never truncated,
// unlinked on release). A second claim of the same PATH (from any process)
// is refused at once.
#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace pp {

// A refused output location (foreign content, another run holding the lock,
// a path that cannot be an output). The CLI exits with status 2.
struct OutputRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class OutputKind { kSolve, kSweep, kSensitivity, kFile, kReport };
const char* output_kind_name(OutputKind k);  // "solve", "sweep", "sensitivity", "file", "report"

inline constexpr const char* kOutputMarker = ".plantpath-output";

struct OutputEntry {
  std::string name;  // a plain name inside the directory
  bool dir = false;  // a sub-directory (itself an output directory)
  bool operator==(const OutputEntry&) const = default;
};

// What is at an output directory's path.
struct OutputDirState {
  bool exists = false;                 // something is at the path (lstat)
  bool is_dir = false;                 // ... and it is a directory
  bool owned = false;                  // absent, or a plantpath-owned directory
  bool marker = false;                 // it holds a valid marker
  std::vector<std::string> foreign;    // the first few foreign entries, relative ("thesis.tex", "data/", "p0/notes.txt")
  size_t foreign_count = 0;            // how many foreign entries in all
  std::string problem;                 // why not owned when it is not about entries (e.g. "cannot read it: ...")
};

// The path plantpath works on for `path` as given: absolute, lexically
// normal, symbolic links of the parent directories resolved, no trailing
// '/'; with resolve_last also a link at the path itself (a link to a
// directory means that directory). OutputRefused for "", ".", "..", "/".
std::filesystem::path output_path(const std::string& path, bool resolve_last = true);

// Inspects `dir` (not following a symbolic link at `dir` itself).
OutputDirState inspect_output_dir(const std::filesystem::path& dir);
// "" if `dir` is absent or owned; else the message OutputRefused carries,
// naming `shown` (the path as the user gave it), e.g.
//   out: not a plantpath output directory (holds 'thesis.tex', 'data/' and 3 more); choose another --out or move them away
std::string output_dir_refusal(const std::filesystem::path& dir, const std::string& shown);

// The entries a valid marker of `dir` lists; false (and `entries` empty) when
// there is no valid marker.
bool read_output_marker(const std::filesystem::path& dir, std::vector<OutputEntry>& entries);
// ... and the marker's `kind` line ("solve", "sweep", ...; "" without a valid marker).
bool read_output_marker(const std::filesystem::path& dir, std::vector<OutputEntry>& entries, std::string& kind);
// Writes `dir`'s marker listing `entries` atomically (temporary + rename).
void write_output_marker(const std::filesystem::path& dir, OutputKind kind, const std::vector<OutputEntry>& entries);

// Deletes what plantpath wrote in the owned parts of `dir`: listed files,
// listed sub-directories (recursively, by the same rule), our temporaries,
// unlocked lock files, then the marker and `dir` itself if nothing else is
// left. Foreign entries are kept. Returns the foreign entries left (empty
// when `dir` is gone). Never follows a symbolic link.
std::vector<std::string> remove_owned_output(const std::filesystem::path& dir);

// Writes `data` to a fresh temporary `<path>.tmp-<digits>` (O_EXCL, never an
// existing file) and renames it onto `path`. Throws std::runtime_error naming
// the path; the temporary is removed on failure. The caller has checked that
// `path` may be replaced.
void write_file_atomically(const std::filesystem::path& path, const std::string& data);

// An exclusive claim on an output location for one run: the lock, and for
// sweep / sensitivity the directory's marker. Move-only; the destructor
// releases (unlinks the lock file, then unlocks).
class OutputClaim {
 public:
  OutputClaim() = default;
  ~OutputClaim();
  OutputClaim(OutputClaim&& o) noexcept;
  OutputClaim& operator=(OutputClaim&& o) noexcept;
  OutputClaim(const OutputClaim&) = delete;
  OutputClaim& operator=(const OutputClaim&) = delete;

  bool held() const { return fd_ >= 0; }
  const std::filesystem::path& path() const { return path_; }        // output_path() of the claimed location
  const std::filesystem::path& lock_file() const { return lock_; }
  // Creates the directory if missing and records `entries` in its marker,
  // merged with what the marker lists already, atomically; re-checks that the
  // directory is still owned first (OutputRefused if not). For sweep and
  // sensitivity before they write: a run killed midway leaves an owned directory.
  void record(const std::vector<OutputEntry>& entries);
  void release();

 private:
  friend OutputClaim claim_output_dir(const std::string&, OutputKind);
  friend OutputClaim claim_output_file(const std::string&);
  std::filesystem::path path_, lock_;
  std::string shown_;
  OutputKind kind_ = OutputKind::kSolve;
  int fd_ = -1;
};

// Claims the output directory `path` (as given by --out) before any work:
// refuses (OutputRefused) a path that exists and is not a directory, a
// directory that is not plantpath-owned, and a location another run holds.
// Creates missing parent directories (the lock file lives in the parent).
OutputClaim claim_output_dir(const std::string& path, OutputKind kind);
// The same lock for a single output file (export-mps); the caller checks
// whether the existing file may be replaced.
OutputClaim claim_output_file(const std::string& path);

// "" if `path` is absent or a regular file (not a link) whose line number
// `line` (0-based) starts with `prefix` (is equal to it when `whole_line`);
// else why it may not be replaced, naming `shown`.
std::string output_file_refusal(const std::filesystem::path& path, const std::string& shown, int line,
                                const std::string& prefix, bool whole_line);

}  // namespace pp
