#!/usr/bin/env python3
"""plantpath's report: an HTML page and SVG/PNG figures from a run's output
files. Started by `plantpath report` (io/report.cpp), which owns the output
locations and puts what this program writes into --stage in place; run by
hand it writes only into --stage.

    report.py --stage DIR --assets NODE_MODULES [--figures-name NAME] [--province P] [--quiet] RUN [RUN_B]

Exit status: 0 done, 1 a run file is missing or malformed (the message names
the file, line and field), 2 usage or set-up problem."""

import argparse
import math
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import run_files  # noqa: E402
from run_files import LABELS, RunFileError  # noqa: E402

# One colour per state, shared by the page and the paper figures.
COLORS = {
    "Planned": "#d9d9d9", "PP": "#7f7f7f", "+Flex": "#4c9be8", "+BE": "#59a14f", "+Flex+BE": "#8cd17d",
    "+CCS": "#b07aa1", "+Flex+CCS": "#d4a6c8", "+BE+CCS": "#f28e2b", "+Flex+BE+CCS": "#ffbe7d",
    "+Retire": "#e15759", "NR": "#3b3b3b",
}


class Progress:
    def __init__(self, quiet):
        self.quiet, self.t0 = quiet, time.monotonic()

    def say(self, what):
        if not self.quiet:
            print(f"report: {what} ({time.monotonic() - self.t0:.1f} s)", file=sys.stderr, flush=True)


def clean(v):
    """NaN -> None, recursively (JSON has no NaN)."""
    if isinstance(v, float):
        return None if not math.isfinite(v) else v
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    return v


def changed_list(s):
    """Every parameter and option that differs from the defaults, as text."""
    out = []
    pnd = s.get("parameters_not_default")
    if isinstance(pnd, dict):
        for k, v in pnd.items():
            out.append(f"{k} = {v.get('value')} (default {v.get('default')} {v.get('unit', '')})".rstrip())
    else:
        out += [f"--set {x}" for x in s.get("set", [])]
        if s.get("set"):
            out.append("(a run of an older version: instance parameters from params.toml are not listed)")
    ond = s.get("options_not_default")
    if isinstance(ond, dict):
        for k, v in ond.items():
            if k != "verbosity":
                out.append(f"option {k} = {v.get('value')} (default {v.get('default')})")
    sub = s.get("subset") or {}
    if sub.get("provinces"):
        out.append("provinces: " + ", ".join(sub["provinces"]))
    if sub.get("sample") is not None:
        out.append(f"sample of {sub['sample']} plants (seed {sub.get('seed')})")
    if sub.get("biomass_grid_km") is not None:
        out.append(f"biomass grid {sub['biomass_grid_km']} km")
    if s.get("cap_scope") not in (None, "national"):
        out.append(f"cap scope: {s['cap_scope']}")
    return out


def solve_data(r, province=None):
    s, years, n = r["summary"], r["years"], len(r["years"])
    ys = s["years"]
    budget = s.get("budget_cuer") is not None or "budget" in r
    cap = [y.get("cap_t") for y in ys]
    if budget and "budget" in r:
        cap = [ratio * y["bau_emissions_t"] for ratio, y in zip(r["budget"]["implied_cap_ratio"], ys)]
    headline = {
        "status": s.get("status"), "stop_reason": s.get("stop_reason"), "solution_state": s.get("solution_state"),
        "tc": run_files.fnum(s["transition_cost_usd"]), "bound": run_files.fnum(s["transition_cost_lower_bound_usd"]),
        "gap": run_files.fnum(s["gap"]), "worst_step_gap": run_files.fnum(s.get("worst_step_gap")),
        "seconds": s.get("seconds"), "threads": s.get("threads"),
        "instance": s.get("instance"), "mode": s.get("mode"), "plants": s.get("plants"),
        "pathway": f"cumulative budget, CuER {s['budget_cuer']}" if s.get("budget_cuer") is not None else s.get("pathway"),
        "changed": changed_list(s),
    }
    prov = {}
    names = sorted(r["provinces"])
    for name in names:
        p = r["provinces"][name]
        alive = [sum(p["cap"][l][k] for l in p["cap"] if l != "+Retire") for k in range(n)]
        prov[name] = {"cap": p["cap"], "gen": p["gen"], "floor": p["floor"], "emis": p["emis"], "tc": p["tc"],
                      "tc_total": sum(v for v in p["tc"] if math.isfinite(v)), "alive_mw": alive}
    national = {"gen": [run_files.fnum(y["generation_mwh"]) for y in ys],
                "floor": [sum(prov[p]["floor"][k] for p in names) for k in range(n)],
                "bau_gen": [y.get("bau_generation_mwh") for y in ys]}
    P = r["plants"]
    pnames = sorted(set(P["province"]))
    pix = {p: i for i, p in enumerate(pnames)}
    if province is not None and province not in pix:
        raise RunFileError(f"--province {province}: not a province of this run (it has {', '.join(pnames)})")
    if province is None:
        by = {p: 0.0 for p in pnames}
        for p, mw in zip(P["province"], P["mw"]):
            by[p] += mw
        province = "national" if len(pnames) != 1 else pnames[0]
    plants = {"province": [pix[p] for p in P["province"]], "mw": P["mw"],
              "label": [l for ls in P["label"] for l in ls]}
    bounds = None
    if "lon" in P:
        plants.update(lon=P["lon"], lat=P["lat"], name=P["name"])
        if P["lon"]:
            lo0, lo1, la0, la1 = min(P["lon"]), max(P["lon"]), min(P["lat"]), max(P["lat"])
            pad = max(1.0, 0.08 * max(lo1 - lo0, la1 - la0))
            bounds = [[lo0 - pad, la1 + pad], [lo1 + pad, la0 - pad]]
    notes = list(r["notes"])
    if s.get("has_plan") is False:
        notes.append("the run has no feasible plan: the figures show BAU, the floors and the units not yet built or "
                     "past their lifetime only")
    return {
        "run": r["run"], "notes": notes, "headline": headline, "years": years,
        # A run without a plan has null emissions and generation: NaN here, null on the page.
        "emissions": {"emissions": [run_files.fnum(y["emissions_t"]) for y in ys],
                      "bau": [run_files.fnum(y["bau_emissions_t"]) for y in ys],
                      "cap": cap, "generation": [run_files.fnum(y["generation_mwh"]) for y in ys],
                      "cap_name": "implied cap" if budget else "cap",
                      "cap_note": ("A cumulative budget: the implied caps are the emissions the plan chose."
                                   if budget else "The cap is the pathway's emission cap in that decision year "
                                   "(summed over the rows that constrain only that year).")},
        "national": national, "provinces": prov, "fleet": r["fleet"], "plants": plants,
        "province_names": pnames, "default_province": province, "convergence": r["convergence"],
        "budget": r.get("budget"), "bounds": bounds,
    }


def compare_data(a, b):
    if a["years"] != b["years"]:
        raise RunFileError(f"{b['run']}: decision years {b['years']} differ from {a['run']}'s {a['years']}: "
                           "the runs cannot be compared year by year")
    n = len(a["years"])
    per_year = {"a": [sum(p["tc"][k] for p in a["provinces"].values()) for k in range(n)],
                "b": [sum(p["tc"][k] for p in b["provinces"].values()) for k in range(n)]}
    per_province = {}
    for name in sorted(set(a["provinces"]) | set(b["provinces"])):
        per_province[name] = {"a": sum(a["provinces"].get(name, {"tc": [0.0]})["tc"]),
                              "b": sum(b["provinces"].get(name, {"tc": [0.0]})["tc"])}
    return {"a": solve_data(a), "b": solve_data(b), "per_year": per_year, "per_province": per_province}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stage", required=True)
    ap.add_argument("--assets", required=True)
    ap.add_argument("--figures-name", default="report-figures")
    ap.add_argument("--province")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("runs", nargs="+")
    a = ap.parse_args()
    prog = Progress(a.quiet)
    for need in (os.path.join(a.assets, "echarts", "dist", "echarts.min.js"),
                 os.path.join(a.assets, "world-atlas", "countries-50m.json")):
        if not os.path.isfile(need):
            print(f"plantpath report: {need} is missing: run scripts/setup.sh (it installs the npm packages the page "
                  "inlines)", file=sys.stderr)
            return 2
    try:
        import figures  # matplotlib: imported here so a missing package is one clear line
    except ImportError as e:
        print(f"plantpath report: {e}: install python3-matplotlib (scripts/setup.sh does)", file=sys.stderr)
        return 2
    import geo
    import page

    try:
        kinds = [run_files.read_marker_kind(r) for r in a.runs]
        prog.say("reading " + " and ".join(a.runs))
        if len(a.runs) == 2:
            ra, rb = run_files.load_solve(a.runs[0]), run_files.load_solve(a.runs[1])
            data = {"kind": "compare", "compare": compare_data(ra, rb)}
            title = "plantpath: two runs compared"
            subtitle = f"A = {a.runs[0]}, B = {a.runs[1]}"
            countries = set(ra["plants"].get("country", [])) | set(rb["plants"].get("country", []))
        elif kinds[0] == "solve":
            r = run_files.load_solve(a.runs[0])
            data = {"kind": "solve", "solve": solve_data(r, a.province)}
            hl = data["solve"]["headline"]
            title = f"plantpath: {hl['pathway']}"
            subtitle = f"{a.runs[0]} — instance {hl['instance']}, {hl['plants']} plants"
            countries = set(r["plants"].get("country", []))
        elif kinds[0] == "sweep":
            w = run_files.load_table_run(a.runs[0], "sweep.csv", ["pathway"])
            data = {"kind": "sweep", "sweep": w}
            title, subtitle, countries = "plantpath: pathway sweep", a.runs[0], set()
        elif kinds[0] == "sensitivity":
            w = run_files.load_table_run(a.runs[0], "sensitivity.csv", ["parameter", "level"], ["value", "tc_change_pct"])
            if not any(x["level"] == "baseline" for x in w["rows"]):
                raise RunFileError(f"{a.runs[0]}/sensitivity.csv: no baseline row")
            data = {"kind": "sensitivity", "sensitivity": w}
            title, subtitle, countries = "plantpath: sensitivity", a.runs[0], set()
        else:
            raise RunFileError(f"{a.runs[0]}: a '{kinds[0]}' output; the report reads solve, sweep and sensitivity")
    except RunFileError as e:
        print(f"plantpath report: {e}", file=sys.stderr)
        return 1

    data["labels"], data["colors"] = LABELS, COLORS
    if data["kind"] == "solve" and "lon" in data["solve"]["plants"]:
        data["geo"], _ = geo.countries(a.assets, countries)
    prog.say("drawing the figures (matplotlib)")
    made = figures.draw_all(data, a.stage, prog)
    data["figures"] = {"folder": a.figures_name, "files": made}
    prog.say("writing the page (ECharts)")
    text = page.build(clean(data), a.assets, title, subtitle)
    with open(os.path.join(a.stage, "report.html"), "w", encoding="utf-8") as f:
        f.write(text)
    prog.say(f"done: {len(made)} figure files, page {len(text) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:  # a bug here, not a bad input: exit 3, so plantpath does not report it as one
        import traceback
        traceback.print_exc()
        print("plantpath report: internal error (above); please report it with the run directory", file=sys.stderr)
        sys.exit(3)
