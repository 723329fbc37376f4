#!/usr/bin/env bash
# Installs the Debian packages plantpath needs (if missing), the npm packages
# its report inlines (package.json, exact versions in package-lock.json), and
# builds it. Nothing is downloaded later: not at build, run or report time.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=(build-essential cmake pkg-config libtbb-dev libsuitesparse-dev libeigen3-dev libboost-graph-dev
      doctest-dev libbenchmark-dev coinor-libcbc-dev coinor-libclp-dev coinor-cbc python3-openpyxl python3-numpy
      python3-matplotlib chromium)
# Node.js and npm from Debian only where the machine has none of its own.
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
# The report's page (ECharts, world-atlas) and its browser test (playwright-core,
# driving Debian's chromium; it never downloads a browser).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
