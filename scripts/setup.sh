#!/usr/bin/env bash
# Installs the Debian packages plantpath needs (if missing) and builds it.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=(build-essential cmake pkg-config libtbb-dev libsuitesparse-dev libeigen3-dev libboost-graph-dev
      doctest-dev libbenchmark-dev coinor-libcbc-dev coinor-libclp-dev coinor-cbc python3-openpyxl python3-numpy)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
