#!/usr/bin/python3
"""Capacity (GW) by technology state and decision year of a solve's plan.

    /usr/bin/python3 scripts/capacity_mix.py RUN_DIR [--by country|province] [--instance DIR]

Reads RUN_DIR/pathways.csv (one row per plant, one state label per decision
year) and prints a Markdown table: rows = state labels (PP, +Flex, +BE,
+CCS and their combinations, +Retire, NR = not running, Planned = not yet
built), columns = decision years. With --by country the plants' countries
come from the instance's plants.csv (RUN_DIR/summary.json names it).
"""

import argparse
import csv
import json
import os
import sys


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("run_dir")
    ap.add_argument("--by", choices=("country", "province"), default=None)
    ap.add_argument("--instance", default=None, help="instance directory (default: from summary.json)")
    a = ap.parse_args(argv)
    path = os.path.join(a.run_dir, "pathways.csv")
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rd = csv.reader(f)
            header = next(rd)
            rows = list(rd)
    except (OSError, StopIteration) as e:
        sys.exit("%s: cannot read (%s)" % (path, e))
    years = header[4:]
    group_of = lambda r: "all"
    if a.by == "province":
        group_of = lambda r: r[1]
    elif a.by == "country":
        inst = a.instance
        if inst is None:
            with open(os.path.join(a.run_dir, "summary.json"), encoding="utf-8") as f:
                inst = json.load(f)["instance"]
        with open(os.path.join(inst, "plants.csv"), newline="", encoding="utf-8") as f:
            country = {r["id"]: r.get("country", "") for r in csv.DictReader(f)}
        group_of = lambda r: country.get(r[0], "?")
    gw = {}
    for r in rows:
        cap = float(r[2]) / 1000.0
        g = gw.setdefault(group_of(r), {})
        for y, s in zip(years, r[4:]):
            g.setdefault(s, {}).setdefault(y, 0.0)
            g[s][y] += cap
    for name in sorted(gw, key=lambda n: -sum(gw[n].get("PP", {}).values())):
        if a.by:
            print("\n%s\n" % name)
        print("| GW | " + " | ".join(years) + " |")
        print("|---|" + "---:|" * len(years))
        for s in sorted(gw[name]):
            print("| %s | " % s + " | ".join("%.1f" % gw[name][s].get(y, 0.0) for y in years) + " |")


if __name__ == "__main__":
    main()
