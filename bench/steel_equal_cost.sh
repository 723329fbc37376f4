#!/usr/bin/env bash
# Issue 10, Lin et al.'s measure: emissions saved by free interprovincial
# scrap trade *at equal cost*. plantpath minimises cost under an emission
# row, so the measure is read off two cost curves over a cumulative budget
# (--budget-cuer, one LP over the years): confined trade at CuER C0 costs
# TC_own; free trade is solved on a grid of tighter budgets, and the budget
# at which its cost reaches TC_own is where both cost the same. The saving
# is the difference of the two budgets, in Mt CO2 over 2025-2064; the bounds
# of each run bracket it (papers/steel-results.md). Runs stop on their node
# and iteration limits, not the clock, so the figures are the same on any
# machine. Env: BIN, OUT (papers/steel-equal-cost.csv), WORK, C0 (0.5),
# GRID (free-trade CuERs), T (time limit per run, 300), THREADS (1), EXTRA
# (more solve options, e.g. "--gap 2e-4 --option steel.mip_nodes=5000").
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/plantpath}; OUT=${OUT:-papers/steel-equal-cost.csv}; WORK=${WORK:-/tmp/steel-equal-cost}
C0=${C0:-0.5}; GRID=${GRID:-"0.5 0.502 0.504 0.506 0.508 0.51 0.512"}; T=${T:-300}; THREADS=${THREADS:-1}
I=datasets/china-steel-gist-2025
mkdir -p "$WORK"
echo "trade,cuer,budget_mt,tc_bn,bound_bn,gap_pct,stop_reason,seconds" > "$OUT"
run() {  # trade (0/1), cuer
  local d="$WORK/t$1-$2"
  $BIN solve $I --budget-cuer "$2" --set scrap_trade="$1" --out "$d" --time-limit "$T" --threads "$THREADS" --quiet ${EXTRA:-} \
      >/dev/null 2>&1 || true
  python3 - "$d/summary.json" "$1" "$2" >> "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
trade = "free" if sys.argv[2] == "1" else "own province"
print("%s,%s,%.3f,%.4f,%.4f,%.4f,%s,%.1f" % (trade, sys.argv[3], d["budget_mt"], d["tc_usd"] / 1e9,
      d["lower_bound_usd"] / 1e9, 100 * d["gap"], d["stop_reason"], d["seconds"]))
PY
}
run 0 "$C0"
for c in $GRID; do run 1 "$c"; done
python3 - "$OUT" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
own = rows[0]; free = rows[1:]
tc0, lb0, b0 = float(own["tc_bn"]), float(own["bound_bn"]), float(own["budget_mt"])
def crossing(key, level):
    # the free-trade budget at which cost `key` (linear between grid points) reaches `level`
    pts = sorted((float(r["budget_mt"]), float(r[key])) for r in free)  # cost falls as the budget grows
    for (ba, ca), (bb, cb) in zip(pts, pts[1:]):
        if (ca - level) * (cb - level) <= 0 and ca != cb:
            return ba + (level - ca) * (bb - ba) / (cb - ca)
    return None
plan = crossing("tc_bn", tc0)  # an estimate: the plans' costs, linear between grid points
# Certified, from monotonicity alone (a larger budget never costs more): the
# equal-cost budget B* has f_free(B*) = f_own(B0) in [lb0, tc0], so B* lies
# above every grid budget whose free-trade bound exceeds tc0 and below every
# one whose free-trade plan costs less than lb0.
above = [float(r["budget_mt"]) for r in free if float(r["bound_bn"]) > tc0]
below = [float(r["budget_mt"]) for r in free if float(r["tc_bn"]) < lb0]
hi = b0 - max(above) if above else None
lo = max(0.0, b0 - min(below)) if below else None
f = lambda v: "n/a (outside the grid)" if v is None else "%.0f Mt" % v
print("own province at CuER %s: TC %.2f bn (bound %.2f), budget %.0f Mt" % (own["cuer"], tc0, lb0, b0))
print("free trade at equal cost saves: plans %s (interpolated); certified between %s and %s"
      % (f(None if plan is None else b0 - plan), f(lo), "below " + f(hi) if hi is not None else "n/a"))
PY
