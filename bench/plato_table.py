#!/usr/bin/env python3
"""Helper of bench/plato_comparison.sh: budget rows, matched CuER, tables."""
import csv, json, math, sys

PAPER = {"50-30lp-50nozero": ("30lp-post50zero", "1367"), "50-25hp-50zero": ("25hp-50zero", "1594")}
YEARS = [2025, 2030, 2035, 2040, 2045, 2050]


def f(x):
    try:
        v = float(x)
        return v if math.isfinite(v) else math.nan
    except (TypeError, ValueError):
        return math.nan


def rows(path):
    try:
        with open(path) as fh:
            return list(csv.DictReader(fh))
    except FileNotFoundError:
        return []


def bn(x, d=1):
    return "-" if math.isnan(x) else f"{x / 1e9:,.{d}f}"


def pct(x, d=1):
    return "-" if math.isnan(x) else f"{100 * x:.{d}f}%"


def mc_by_cuer(path):
    out = {}
    for r in rows(path):
        c = r["pathway"].split("_")[1][:2]
        out.setdefault(c, []).append(r)
    return out


def cmd_budgetrow(c, kind, summ):
    try:
        s = json.load(open(summ))
    except (FileNotFoundError, ValueError):
        print(f"{c},{kind},,missing,,,,,,")
        return
    b = s.get("budget", {})
    wbau, bt = f(b.get("weighted_bau_emissions_t")), f(b.get("budget_t"))
    print(",".join(str(v) for v in [c, kind, 1 - bt / wbau, s["status"].replace(",", ";"), s["transition_cost_usd"],
                                     s["transition_cost_lower_bound_usd"], s["gap"], wbau,
                                     b.get("weighted_emissions_t"), s["seconds"]]))


def cmd_matched(c, mc, summ):
    wbau = f(json.load(open(summ))["budget"]["weighted_bau_emissions_t"])
    ok = [r for r in mc_by_cuer(mc).get(c, []) if not math.isnan(f(r["tc_usd"]))]
    best = min(ok, key=lambda r: f(r["tc_usd"]))
    # round the reduction down: the budget is then at least the pathway's emissions
    print(f"{math.floor((1 - f(best['cum_emissions_t']) / wbau) * 1e6) / 1e6:.6f}")


def cmd_states(plans):
    """pathway,year,state,mw from the saved plans of a sweep (PLATO's exclusive categories)."""
    import glob, os
    print("pathway,year,state,mw")
    for d in sorted(glob.glob(f"{plans}/*/pathways.csv")):
        agg = {}
        for r in rows(d):
            for y in YEARS:
                k = (y, r[str(y)] or "none")
                agg[k] = agg.get(k, 0) + f(r["capacity_mw"])
        for (y, st), mw in sorted(agg.items()):
            print(f"{os.path.basename(os.path.dirname(d))},{y},{st},{mw}")


def states_table(path, pw, label):
    st = [r for r in rows(path) if r["pathway"] == pw]
    if not st:
        return
    cats = sorted({r["state"] for r in st}, key=lambda c: (c.count("+"), c))
    tot = {y: sum(f(r["mw"]) for r in st if int(r["year"]) == y) for y in YEARS}
    print(f"\n## PLATO's exclusive categories, {pw} ({label}), % of the whole fleet ({tot[YEARS[0]] / 1e3:,.1f} GW)\n")
    print("| year | " + " | ".join(cats) + " |")
    print("|---|" + "---:|" * len(cats))
    for y in YEARS:
        v = {r["state"]: f(r["mw"]) for r in st if int(r["year"]) == y}
        print(f"| {y} | " + " | ".join(pct(v.get(c, 0) / tot[y]) for c in cats) + " |")


def cmd_table(out):
    fo = {r["pathway"]: r for r in rows(f"{out}/foresight50.csv")}
    my = {r["pathway"]: r for r in rows(f"{out}/myopic50.csv")}
    print("## 8 pathways at 50% CuER, China (bn USD 2023)\n")
    print("| pathway | paper name | paper TC | foresight TC | bound | gap | myopic TC | myopic status, worst step gap | myopic - foresight |")
    print("|---|---|---:|---:|---:|---:|---:|---|---:|")
    for p in sorted(set(fo) | set(my)):
        a, b = fo.get(p, {}), my.get(p, {})
        name, ptc = PAPER.get(p, (p[3:].replace("50nozero", "post50zero"), "Fig. 1c"))
        ta, tb = f(a.get("tc_usd")), f(b.get("tc_usd"))
        print(f"| {p} | {name} | {ptc} | {bn(ta)} | {bn(f(a.get('bound_usd')))} | {pct(f(a.get('gap')), 2)} | {bn(tb)} "
              f"| {b.get('status', '-')}, {pct(f(b.get('gap')))} | {bn(tb - ta)} |")
    ex = rows(f"{out}/extra.csv")
    if ex:
        print("\n## 50-30lp-50nozero, foresight variants (bn USD)\n")
        print("| variant | status | TC | bound | gap |")
        print("|---|---|---:|---:|---:|")
        for r in ex:
            print(f"| {r['kind']} | {r['status']} | {bn(f(r['tc_usd']))} | {bn(f(r['bound_usd']))} | {pct(f(r['gap']), 2)} |")
    fleet = sum(f(r["capacity_mw"]) for r in rows("datasets/china-gcpt-2024/plants.csv"))
    for label, d in (("foresight", fo), ("myopic provincial", my)):
        r = d.get("50-30lp-50nozero")
        if not r:
            continue
        print(f"\n## Capacity shares, 50-30lp-50nozero ({label}); % of capacity alive at t "
              f"[CR also as % of the whole fleet, {fleet / 1e3:,.1f} GW]\n")
        print("| year | alive GW | Flex | BE | CCS | CR | CR GW [% fleet] |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for y in YEARS:
            al = f(r[f"capacity_mw_alive_{y}"])
            sh = [f(r[f"capacity_mw_{c}_{y}"]) / al for c in ("flex", "be", "ccs", "retired")]
            cr = f(r[f"capacity_mw_retired_{y}"])
            print(f"| {y} | {al / 1e3:,.0f} | " + " | ".join(pct(x) for x in sh) + f" | {cr / 1e3:,.1f} [{pct(cr / fleet)}] |")
    states_table(f"{out}/foresight50_states.csv", "50-30lp-50nozero", "foresight")
    states_table(f"{out}/myopic50_states.csv", "50-30lp-50nozero", "myopic provincial")
    mc = mc_by_cuer(f"{out}/mc_sweep.csv")
    bud = {(r["cuer_nominal"], r["kind"]): r for r in rows(f"{out}/budget.csv")}
    if mc:
        print("\n## Monte-Carlo subset vs budget-optimal, --sample 200 --seed 1 (bn USD)\n")
        print("| CuER | MC solved / with plan | cheapest MC (TC, gap, achieved CuER) | dearest MC TC | "
              "budget at nominal CuER: TC, bound | budget at cheapest MC's CuER: TC, bound | saving vs cheapest MC: TC - TC "
              "[certified: MC bound - budget TC] |")
        print("|---|---|---|---:|---|---|---:|")
    for c in sorted(mc):
        ok = [r for r in mc[c] if not math.isnan(f(r["tc_usd"]))]
        if not ok:
            print(f"| {c}% | {len(mc[c])} / 0 | - | - | - | - | - |")
            continue
        best, worst = min(ok, key=lambda r: f(r["tc_usd"])), max(ok, key=lambda r: f(r["tc_usd"]))
        bn_, bm = bud.get((c, "nominal"), {}), bud.get((c, "matched"), {})
        wbau = f(bn_.get("weighted_bau_t"))
        ach = 1 - f(best["cum_emissions_t"]) / wbau
        tm = f(bm.get("tc_usd"))
        print(f"| {c}% | {len(mc[c])} / {len(ok)} | {best['pathway']}: {bn(f(best['tc_usd']), 2)}, "
              f"{pct(f(best['gap']))}, {pct(ach)} | {bn(f(worst['tc_usd']), 2)} | "
              f"{bn(f(bn_.get('tc_usd')), 2)}, {bn(f(bn_.get('bound_usd')), 2)} | {bn(tm, 2)}, "
              f"{bn(f(bm.get('bound_usd')), 2)} | {bn(f(best['tc_usd']) - tm, 2)} [{bn(f(best['bound_usd']) - tm, 2)}] |")


if __name__ == "__main__":
    a = sys.argv[1:]
    {"budgetrow": lambda: cmd_budgetrow(*a[1:]), "matched": lambda: cmd_matched(*a[1:]),
     "table": lambda: cmd_table(*a[1:]),
     "states": lambda: cmd_states(*a[1:])}[a[0]]()
