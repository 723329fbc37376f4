#!/usr/bin/env bash
# Full solve of the bundled China dataset at 1 and 2 threads: time to reach a
# 1% and a 0.1% gap (from convergence.csv), final TC, bound and gap. Appends
# one row per run to papers/full-solve.csv and prints them.
#   bench/full_solve.sh [--pathway P] [--time-limit S] [--threads "1 2"] [--build DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
pathway=50-30lp-50nozero; limit=120; threads="1 2"; build=build
while [[ $# -gt 0 ]]; do
  case "$1" in
    --pathway) pathway="$2"; shift 2 ;;
    --time-limit) limit="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    *) echo "full_solve.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
exe="$build/plantpath"
[[ -x "$exe" ]] || { echo "full_solve.sh: $exe not found (run scripts/setup.sh first)" >&2; exit 1; }
csv=papers/full-solve.csv
[[ -f "$csv" ]] || echo "date,commit,pathway,threads,time_limit_s,t_1pct_s,t_01pct_s,seconds,tc_bn,bound_bn,gap_pct,iterations,load_avg" > "$csv"
for t in $threads; do
  out=$(mktemp -d)
  load=$(cut -d' ' -f1 /proc/loadavg)
  "$exe" solve datasets/china-gcpt-2024 --pathway "$pathway" --out "$out/run" --gap 0.001 \
    --time-limit "$limit" --threads "$t" --quiet || true
  /usr/bin/python3 - "$out/run" "$pathway" "$t" "$limit" "$load" "$(git rev-parse --short HEAD)" >> "$csv" <<'PY'
import json, sys, datetime
run, pathway, t, limit, load, commit = sys.argv[1:]
s = json.load(open(run + "/summary.json"))
def first(key):  # summary.json's time to a gap; null: never reached
    v = s.get(key)
    return ">%s" % limit if v is None else "%.1f" % v
print(",".join(map(str, [datetime.date.today(), commit, pathway, t, limit, first("seconds_to_gap_1pct"),
      first("seconds_to_gap_0.1pct"),
      "%.1f" % s["seconds"], "%.3f" % (s["transition_cost_usd"] / 1e9),
      "%.3f" % (s["transition_cost_lower_bound_usd"] / 1e9), "%.3f" % (100 * s["gap"]), s["iterations"], load])))
PY
  rm -rf "$out"
done
column -s, -t < "$csv"
