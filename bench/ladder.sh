#!/usr/bin/env bash
# The MILP ladder of issue 3: decomposition vs CBC (in process, `solve
# --backend cbc`) and optionally an external MILP solver on the exported MPS,
# on instances of growing size from the bundled dataset. For each rung and
# solver: time to reach a 1% and a 0.1% gap, final TC (scored by the
# evaluator) and bound. Writes a markdown table (default papers/milp-ladder.md)
# with the machine and versions, plus the raw numbers as CSV next to it.
#
# usage: bench/ladder.sh [options]
#   --rungs "50 200 1000 all"   plant counts (--sample N --seed S); "all" = full country
#   --pathway P                 default 50-30lp-50nozero
#   --seed S                    default 1
#   --biomass-grid KM           aggregate biomass cells (default: none, the 20 km grid)
#   --threads N                 default 2
#   --dec-time S                decomposition time limit (default 600)
#   --cbc-time S                CBC time limit (default 600 = the issue's 10 min cap)
#   --milp-command CMD          external solver on the MPS: a path to `highs`,
#                               `gurobi_cl` or `cbc` (recognised by name), or a
#                               template using {mps} {sol} {time} {gap} {threads}
#   --ext-time S                external solver time limit (default = --cbc-time)
#   --no-cbc                    skip the in-process CBC runs
#   --build DIR                 build dir holding plantpath (default build)
#   --instance DIR              default datasets/china-gcpt-2024
#   --out FILE                  default papers/milp-ladder.md
#   --work DIR                  scratch dir for run outputs (default /tmp/pp-ladder)
#   --table-only                re-render the table from WORK/rows.csv (no runs)
#
# Each solver runs once per rung with target gap 0.1%; the time to 1% is the
# first row of its convergence.csv with gap <= 1% (CBC: the main tree's
# incumbent and bound, recorded at every new incumbent and tree status
# event). An external solver runs once per target gap (its log is not parsed
# for a history); its TC comes from `plantpath score` and its bound from its
# log when recognisable.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
rungs="50 200 1000 all"
pathway="50-30lp-50nozero"
seed=1
grid=""
threads=2
dec_time=600
cbc_time=600
ext_time=""
milp_cmd=""
do_cbc=1
table_only=0
build="$here/build"
instance="$here/datasets/china-gcpt-2024"
out="$here/papers/milp-ladder.md"
work="/tmp/pp-ladder"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rungs) rungs="$2"; shift 2 ;;
    --pathway) pathway="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --biomass-grid) grid="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --dec-time) dec_time="$2"; shift 2 ;;
    --cbc-time) cbc_time="$2"; shift 2 ;;
    --ext-time) ext_time="$2"; shift 2 ;;
    --milp-command) milp_cmd="$2"; shift 2 ;;
    --no-cbc) do_cbc=0; shift ;;
    --table-only) table_only=1; shift ;;
    --build) build="$2"; shift 2 ;;
    --instance) instance="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    *) echo "ladder.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
ext_time="${ext_time:-$cbc_time}"
exe="$build/plantpath"
[[ -x "$exe" ]] || { echo "ladder.sh: $exe not found (build first: cmake --build $build --target plantpath)" >&2; exit 1; }
mkdir -p "$work" "$(dirname "$out")"
csv="${out%.md}.csv"
rows="$work/rows.csv"
[[ $table_only == 1 ]] && rungs=""
[[ $table_only == 1 ]] || echo "rung,plants,solver,status,t_1pct_s,t_01pct_s,seconds,tc_bn,bound_bn,gap_pct,milp_cols,milp_rows,milp_int" > "$rows"

subset_args() {  # $1 = rung
  local a=()
  [[ "$1" != "all" ]] && a+=(--sample "$1" --seed "$seed")
  [[ -n "$grid" ]] && a+=(--biomass-grid "$grid")
  echo "${a[@]}"
}

# Parses a solve output directory: status, t(1%), t(0.1%), seconds, TC, bound, gap
summarise() {  # $1 = dir, $2 = time limit
  python3 - "$1" "$2" <<'PY'
import csv, json, math, sys
d, limit = sys.argv[1], float(sys.argv[2])
s = json.load(open(d + "/summary.json"))
def first(th):
    try:
        for r in csv.DictReader(open(d + "/convergence.csv")):
            g = r.get("gap") or ""
            if g not in ("", "null") and float(g) <= th and (r.get("best_tc_usd") or "") != "":
                return float(r["seconds"])
    except FileNotFoundError:
        pass
    return None
secs = float(s.get("seconds") or 0)
tc = s.get("transition_cost_usd"); lb = s.get("transition_cost_lower_bound_usd"); gap = s.get("gap")
t1 = first(0.01); t01 = first(0.001)
final_ok = tc is not None and gap is not None and gap <= 0.001 + 1e-12
if t01 is None and final_ok: t01 = secs
if t1 is None and tc is not None and gap is not None and gap <= 0.01: t1 = secs
fmt = lambda v: "" if v is None else ("%.1f" % v)
bn = lambda v: "" if v is None else ("%.4f" % (v / 1e9))
# not reached: ">T" when the run hit its time limit, "n/r" when it stopped earlier
miss = (">%.0f" % limit) if s.get("status") == "time limit" or secs >= 0.95 * limit else "n/r"
print(",".join([s.get("status", "?"), fmt(t1) or miss, fmt(t01) or miss, "%.1f" % secs,
                bn(tc), bn(lb), "" if gap is None else "%.3f" % (100 * gap)]))
PY
}

ext_run() {  # $1 = mps, $2 = sol, $3 = gap, $4 = log
  local cmd="$milp_cmd" base
  base="$(basename "${cmd%% *}")"
  if [[ "$cmd" == *"{mps}"* ]]; then
    cmd="${cmd//\{mps\}/$1}"; cmd="${cmd//\{sol\}/$2}"; cmd="${cmd//\{time\}/$ext_time}"
    cmd="${cmd//\{gap\}/$3}"; cmd="${cmd//\{threads\}/$threads}"
    bash -c "$cmd" > "$4" 2>&1 || true
  elif [[ "$base" == highs* ]]; then
    "$milp_cmd" --model_file "$1" --solution_file "$2" --time_limit "$ext_time" \
      --mip_rel_gap "$3" --threads "$threads" > "$4" 2>&1 || true
  elif [[ "$base" == gurobi_cl* ]]; then
    "$milp_cmd" ResultFile="$2" TimeLimit="$ext_time" MIPGap="$3" Threads="$threads" "$1" > "$4" 2>&1 || true
  elif [[ "$base" == cbc* ]]; then
    "$milp_cmd" "$1" -threads "$threads" -timeMode elapsed -sec "$ext_time" -ratio "$3" -solve -solu "$2" > "$4" 2>&1 || true
  else
    echo "ladder.sh: --milp-command: cannot tell how to call $milp_cmd; use a template with {mps} {sol} {time} {gap}" >&2
    exit 2
  fi
}

ext_bound() {  # best bound printed in a solver log, in objective units (MUSD), or empty
  python3 - "$1" <<'PY'
import re, sys
t = open(sys.argv[1], errors="replace").read()
pats = [r"Dual bound\s+([-+0-9.eE]+)",                       # HiGHS
        r"Best objective [-+0-9.eE]+, best bound ([-+0-9.eE]+)",  # Gurobi
        r"Lower bound:\s+([-+0-9.eE]+)"]                    # CBC, stopped early
if "Result - Optimal solution found" in t:                  # CBC, proven optimal
    pats.insert(0, r"Objective value:\s+([-+0-9.eE]+)")
pats.append(r"best possible ([-+0-9.eE]+)")                 # CBC progress lines
for p in pats:
    m = re.findall(p, t)
    if m:
        print(m[-1]); break
PY
}

for rung in $rungs; do
  sub=$(subset_args "$rung")
  tag="r$rung"
  # MILP size (export once: needed by the external solver, and for the table)
  mps="$work/$tag.mps"
  "$exe" export-mps "$instance" --pathway "$pathway" $sub --out "$mps" > "$work/$tag.export.txt"
  cols=$(awk '/^columns:/{print $2}' "$work/$tag.export.txt")
  nint=$(awk '/^columns:/{gsub(/\(/,"",$3); print $3}' "$work/$tag.export.txt")
  nrows=$(awk '/^rows:/{print $2}' "$work/$tag.export.txt")
  plants=$(awk '/^plants:/{print $2}' "$work/$tag.export.txt")
  echo "== rung $rung: $plants plants, MILP $cols columns ($nint integer), $nrows rows" >&2

  "$exe" solve "$instance" --pathway "$pathway" $sub --gap 0.001 --time-limit "$dec_time" --threads "$threads" \
    --out "$work/$tag.dec" > "$work/$tag.dec.txt" 2> "$work/$tag.dec.log" || true
  echo "$rung,$plants,decomposition,$(summarise "$work/$tag.dec" "$dec_time"),$cols,$nrows,$nint" >> "$rows"
  tail -1 "$rows" >&2

  if [[ $do_cbc == 1 ]]; then
    "$exe" solve "$instance" --pathway "$pathway" $sub --backend cbc --gap 0.001 --time-limit "$cbc_time" \
      --threads "$threads" --out "$work/$tag.cbc" > "$work/$tag.cbc.txt" 2> "$work/$tag.cbc.log" || true
    echo "$rung,$plants,cbc (in process),$(summarise "$work/$tag.cbc" "$cbc_time"),$cols,$nrows,$nint" >> "$rows"
    tail -1 "$rows" >&2
  fi

  if [[ -n "$milp_cmd" ]]; then
    name="$(basename "${milp_cmd%% *}")"
    t1=""; t01=""; tc=""; bound=""; gapp=""; status=""; secs=""
    for g in 0.01 0.001; do
      sol="$work/$tag.ext$g.sol"; log="$work/$tag.ext$g.log"; rm -f "$sol"
      start=$(date +%s.%N)
      ext_run "$mps" "$sol" "$g" "$log"
      el=$(python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)")
      if [[ -s "$sol" ]] && "$exe" score "$instance" --pathway "$pathway" $sub --solution "$sol" > "$work/$tag.ext$g.score" 2>&1; then
        tc=$(awk '/^transition cost:/{print $3}' "$work/$tag.ext$g.score"); status="feasible"
        b=$(ext_bound "$log"); bound=""; gapp=""
        if [[ -n "$b" ]]; then
          bound=$(python3 -c "import sys; print('%.4f' % (float(sys.argv[1]) * 1e6 / 1e9))" "$b")
          gapp=$(python3 -c "import sys; t,b=float(sys.argv[1]),float(sys.argv[2]); print('%.3f' % (100*(t-b)/abs(t)) if t else '')" "$tc" "$bound")
        fi
        if [[ -n "$gapp" ]] && python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= 100*float(sys.argv[2]) + 1e-9 else 1)" "$gapp" "$g"; then
          [[ $g == 0.01 ]] && t1="$el" || t01="$el"
        fi
      else
        status="no feasible solution"
      fi
      secs="$el"
    done
    echo "$rung,$plants,$name (MPS),$status,${t1:->$ext_time},${t01:->$ext_time},$secs,$tc,$bound,$gapp,$cols,$nrows,$nint" >> "$rows"
    tail -1 "$rows" >&2
  fi
done

cp "$rows" "$csv"
cpu=$(lscpu 2>/dev/null | awk -F: '/Model name/{gsub(/^ +/,"",$2); print $2; exit}')
mem=$(awk '/MemTotal/{printf "%.1f GB", $2/1048576}' /proc/meminfo)
os=$( . /etc/os-release 2>/dev/null; echo "${PRETTY_NAME:-unknown}")
cxx=$(c++ --version 2>/dev/null | head -1)
cbcv=$(pkg-config --modversion cbc 2>/dev/null || echo "?")
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo "uncommitted")
{
  echo "# MILP ladder: decomposition vs monolithic MILP"
  echo
  echo "Generated by \`bench/ladder.sh\` on $(date -u +%Y-%m-%d) (UTC). Pathway \`$pathway\`, sample seed $seed,"
  echo "biomass grid: ${grid:-native 20 km}. Threads: $threads. Time limits: decomposition ${dec_time} s,"
  echo "CBC ${cbc_time} s${milp_cmd:+, external ${ext_time} s}. Every TC is the evaluator's score of the plan;"
  echo "bounds are each solver's own certified lower bound on TC. Gap = (TC - bound) / TC."
  echo
  echo "Machine: $cpu, $(nproc) cores, $mem; $os; $cxx; CBC $cbcv; plantpath $commit."
  echo
  echo "| plants | solver | status | time to 1% (s) | time to 0.1% (s) | run (s) | TC (bn USD) | bound (bn USD) | gap (%) | MILP cols / int / rows |"
  echo "|---:|---|---|---:|---:|---:|---:|---:|---:|---|"
  tail -n +2 "$rows" | while IFS=, read -r rung plants solver status t1 t01 secs tc lb gapp cols nrows nint; do
    echo "| $plants | $solver | $status | $t1 | $t01 | $secs | $tc | $lb | $gapp | $cols / $nint / $nrows |"
  done
  echo
  echo "\">T\": the target gap was not reached within the time limit T; \"n/r\": not reached, the run stopped"
  echo "earlier (see its status). Raw numbers: \`$(basename "$csv")\`."
} > "$out"
echo "wrote $out and $csv" >&2
