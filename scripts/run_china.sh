#!/usr/bin/env bash
# Builds plantpath and solves the bundled China dataset for one pathway.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
./build/plantpath solve datasets/china-gcpt-2024 --pathway "${1:-50-30lp-50nozero}" \
  --out out/china-${1:-50-30lp-50nozero} --gap 0.01 --time-limit "${TIME_LIMIT:-120}"
