#!/usr/bin/env python3
"""Writes a synthetic instance of N plants for load and memory measurements
(papers/reliability.md): the units of a real instance repeated (ids made
unique, coordinates jittered by up to 0.05 degrees, seeded) until there are N;
biomass cells, floors and pathways copied unchanged.

  python3 scripts/synthetic_fleet.py datasets/china-gcpt-2024-07 1000000 /tmp/fleet-1e6
"""
import csv
import os
import random
import shutil
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if n < 1:
        sys.exit("synthetic_fleet.py: N must be at least 1")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(src, "plants.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
        header = list(rows[0].keys()) if rows else []
    rng = random.Random(1)
    tmp = os.path.join(out, "plants.csv.tmp")
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        for i in range(n):
            r = dict(rows[i % len(rows)])
            copy = i // len(rows)
            if copy:
                r["id"] = f"{r['id']}_s{copy}"
                r["lon"] = f"{min(180.0, max(-180.0, float(r['lon']) + rng.uniform(-0.05, 0.05))):.5f}"
                r["lat"] = f"{min(90.0, max(-90.0, float(r['lat']) + rng.uniform(-0.05, 0.05))):.5f}"
            w.writerow(r)
    os.replace(tmp, os.path.join(out, "plants.csv"))
    for name in ("biomass.csv", "elec_floor.csv", "pathways.csv", "params.toml"):
        if os.path.exists(os.path.join(src, name)):
            shutil.copyfile(os.path.join(src, name), os.path.join(out, name))


if __name__ == "__main__":
    main()
