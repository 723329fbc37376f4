#!/usr/bin/env python3
"""Helper of bench/plato_attribution.sh: one CSV row per run directory with
TC, status and PLATO's headline shares, read from the run's own files:
Flex / BE / CCS / CR (compulsorily retired) share of the capacity in service
or retired early (pathways.csv states other than Planned and NR) per decision
year, and the share of units that ever adopt Flex.

    plato_shares.py header
    plato_shares.py row LABEL RUN_DIR"""
import csv, json, sys

YEARS = [2025, 2030, 2035, 2040, 2045, 2050]


def header():
    cols = ["config", "status", "tc_bn", "worst_step_gap", "seconds"]
    for k in ("flex", "be", "ccs", "cr"):
        cols += [f"{k}_{y}" for y in YEARS]
    print(",".join(cols + ["units_ever_flex"]))


def row(label, run):
    s = json.load(open(f"{run}/summary.json"))
    share = {k: {y: 0.0 for y in YEARS} for k in ("flex", "be", "ccs", "cr")}
    alive = {y: 0.0 for y in YEARS}
    ever = units = 0
    with open(f"{run}/pathways.csv") as f:
        for r in csv.DictReader(f):
            mw, flex_any, seen = float(r["capacity_mw"]), False, False
            for y in YEARS:
                st = r.get(str(y), "")
                if st in ("", "Planned", "NR"):
                    continue
                seen = True
                alive[y] += mw
                if st == "+Retire":
                    share["cr"][y] += mw
                    continue
                for k, tag in (("flex", "Flex"), ("be", "BE"), ("ccs", "CCS")):
                    if tag in st:
                        share[k][y] += mw
                flex_any |= "Flex" in st
            units += seen
            ever += flex_any
    tc = s.get("transition_cost_usd")
    # Myopic runs have no gap of their own (null); how well their steps were
    # solved is worst_step_gap. Foresight runs: their gap.
    gap = s.get("worst_step_gap")
    if gap is None:
        gap = s.get("gap")
    out = [label, s.get("status", "").replace(",", ";"), "" if tc is None else f"{tc / 1e9:.1f}",
           "" if gap is None else f"{gap:.4f}", f"{s.get('seconds', 0):.0f}"]
    for k in ("flex", "be", "ccs", "cr"):
        out += [f"{share[k][y] / alive[y]:.3f}" if alive[y] else "" for y in YEARS]
    print(",".join(out + [f"{ever / units:.3f}" if units else ""]))


if __name__ == "__main__":
    header() if sys.argv[1] == "header" else row(sys.argv[2], sys.argv[3])
