#!/usr/bin/env bash
# PLATO comparison (issue 4, papers/plato-comparison.md). One process at a
# time, 1 thread each. Stages (default: all):
#   foresight  8 pathways 50-*, China, foresight, national caps  -> foresight50.csv
#   myopic     same 8, --mode myopic --cap-scope provincial      -> myopic50.csv
#   mc         Monte-Carlo subset (first NMC pathways of each CuER_* file, in
#              file order) on --sample 200 --seed 1              -> mc_sweep.csv
#   budget     --budget-cuer per CuER on that sample: nominal CuER and the
#              CuER achieved by the cheapest MC pathway          -> budget.csv
#   extra      50-30lp-50nozero foresight with PLATO's provincial caps, and with
#              PLATO's u_max = 1.7                                -> extra.csv
#   table      print the tables from the CSVs (no solves)
# Env: BIN (build-cmp/plantpath), OUT (papers/plato-comparison), WORK
# (/tmp/plato-cmp), TF 90, TM 150, NMC 3 (per file, 4 files per CuER), TMC 10, TB 30.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build-cmp/plantpath}; OUT=${OUT:-papers/plato-comparison}; WORK=${WORK:-/tmp/plato-cmp}
I=datasets/china-gcpt-2024; TF=${TF:-90}; TM=${TM:-150}; NMC=${NMC:-3}; TMC=${TMC:-10}; TB=${TB:-30}
SAMPLE="--sample 200 --seed 1"; ONE="--threads 1 --jobs 1 --quiet"
mkdir -p "$OUT" "$WORK"
stages=${*:-foresight myopic mc budget extra table}

for s in $stages; do case $s in
foresight)
  # cold starts: on the full country a neighbour's prices slow the bound (papers/sweeps-and-budgets.md)
  $BIN sweep $I --pathways '50-*' --out $WORK/f50 --save-plans $ONE --no-warm --time-limit $TF --gap 0.01 || true
  cp $WORK/f50/sweep.csv $OUT/foresight50.csv
  python3 bench/plato_table.py states $WORK/f50 > $OUT/foresight50_states.csv ;;
myopic)
  $BIN sweep $I --pathways '50-*' --out $WORK/m50 --save-plans $ONE --mode myopic --cap-scope provincial \
      --time-limit $TM --gap 0.01 --no-warm || true
  cp $WORK/m50/sweep.csv $OUT/myopic50.csv
  python3 bench/plato_table.py states $WORK/m50 > $OUT/myopic50_states.csv ;;
mc)
  awk -F, -v n=$NMC 'NR==1{print;next} {split($1,a,"/")} !($1 in seen){seen[$1]=1; k[a[1]]++}
       k[a[1]]<=n' $I/pathways_montecarlo.csv > $WORK/mc_subset.csv
  $BIN sweep $I $SAMPLE --pathways $WORK/mc_subset.csv --out $WORK/mc $ONE --time-limit $TMC --gap 0.01 || true
  cp $WORK/mc/sweep.csv $OUT/mc_sweep.csv ;;
budget)
  echo "cuer_nominal,kind,cuer,status,tc_usd,bound_usd,gap,weighted_bau_t,cum_emissions_t,seconds" > $OUT/budget.csv
  for c in 30 40 50 60 70; do
    x=$(python3 -c "print($c/100)")
    $BIN solve $I $SAMPLE --budget-cuer $x --out $WORK/b$c --threads 1 --quiet --time-limit $TB --gap 0.005 || true
    python3 bench/plato_table.py budgetrow $c nominal $WORK/b$c/summary.json >> $OUT/budget.csv
    x=$(python3 bench/plato_table.py matched $c $OUT/mc_sweep.csv $WORK/b$c/summary.json)
    $BIN solve $I $SAMPLE --budget-cuer $x --out $WORK/bm$c --threads 1 --quiet --time-limit $TB --gap 0.005 || true
    python3 bench/plato_table.py budgetrow $c matched $WORK/bm$c/summary.json >> $OUT/budget.csv
  done ;;
extra)
  echo "cuer_nominal,kind,cuer,status,tc_usd,bound_usd,gap,weighted_bau_t,cum_emissions_t,seconds" > $OUT/extra.csv
  for v in "provincial --cap-scope provincial" "umax17 --set u_max=1.7"; do set -- $v
    $BIN solve $I --pathway 50-30lp-50nozero "${@:2}" --out $WORK/x$1 --threads 1 --quiet --time-limit $TF --gap 0.01 || true
    python3 bench/plato_table.py budgetrow 50 $1 $WORK/x$1/summary.json >> $OUT/extra.csv
  done ;;
table) python3 bench/plato_table.py table $OUT ;;
*) echo "unknown stage $s" >&2; exit 2 ;;
esac; done
