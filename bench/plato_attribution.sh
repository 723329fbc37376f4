#!/usr/bin/env bash
# Issue 13 (papers/plato-comparison.md, "PLATO's own choices, one by one"):
# pathway 50-30lp-50nozero on China, myopic with provincial caps (PLATO's
# sequence of steps), starting from papers/model.md's defaults and switching
# on one PLATO choice at a time, then all of them (--set objective=plato),
# then all but one; then the eight 50% pathways in the full PLATO mode, and
# foresight with the PLATO choices that are not about steps. One process at
# a time. Env: BIN (build/plantpath), OUT (papers/plato-comparison), WORK
# (/tmp/plato-attr), T (seconds per solve, 90), THREADS (2), SUBSET (e.g.
# "--sample 400 --seed 1"; default the whole country).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/plantpath}; OUT=${OUT:-papers/plato-comparison}; WORK=${WORK:-/tmp/plato-attr}
T=${T:-90}; THREADS=${THREADS:-2}; I=datasets/china-gcpt-2024; P=50-30lp-50nozero
RUN="--threads $THREADS --time-limit $T --gap 0.01 --quiet ${SUBSET:-}"
mkdir -p "$OUT" "$WORK"
stages=${*:-attribution pathways foresight}
declare -A ONE=([valuation]="step_valuation=1" [flexfloor]="flex_floor_scope=1" [retire]="retire_rule=1"
                [sequence]="province_sequence=1" [umax]="u_max=1.7" [radius]="collection_radius_km=400")
declare -A RESET=([valuation]="step_valuation=0" [flexfloor]="flex_floor_scope=0" [retire]="retire_rule=0"
                  [sequence]="province_sequence=0" [umax]="u_max=1" [radius]="collection_radius_km=200")
order="valuation flexfloor retire sequence umax radius"
solve() {  # label, extra args...
  local label=$1; shift
  $BIN solve $I --pathway $P --mode myopic --cap-scope provincial --out "$WORK/$label" $RUN "$@" >/dev/null 2>&1 || true
  python3 bench/plato_shares.py row "$label" "$WORK/$label" >> "$OUT/attribution.csv"
}
for s in $stages; do case $s in
attribution)
  python3 bench/plato_shares.py header > "$OUT/attribution.csv"
  solve model
  for c in $order; do solve "only-$c" --set "${ONE[$c]}"; done
  solve plato --set objective=plato
  for c in $order; do solve "all-but-$c" --set objective=plato --set "${RESET[$c]}"; done ;;
pathways)
  $BIN sweep $I --pathways '50-*' --mode myopic --set objective=plato --out "$WORK/p50" --save-plans --no-warm \
      --jobs 1 $RUN >/dev/null 2>&1 || true
  python3 bench/plato_shares.py header > "$OUT/plato50.csv"
  for d in "$WORK"/p50/50-*/; do python3 bench/plato_shares.py row "$(basename "$d")" "$d" >> "$OUT/plato50.csv"; done ;;
foresight)
  # what does not concern steps: u_max 1.7, radius 400 km, provincial caps
  python3 bench/plato_shares.py header > "$OUT/foresight_plato.csv"
  $BIN solve $I --pathway $P --cap-scope provincial --set u_max=1.7 --set collection_radius_km=400 \
      --out "$WORK/foresight-plato" $RUN >/dev/null 2>&1 || true
  python3 bench/plato_shares.py row foresight-plato "$WORK/foresight-plato" >> "$OUT/foresight_plato.csv" ;;
esac; done
