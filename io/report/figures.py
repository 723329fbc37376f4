"""The paper figures of a report, drawn with matplotlib, each written as SVG
and PNG. They show the national picture of what the page shows
interactively; the data is the page's (report.py builds it once)."""

import math
import os

import matplotlib

matplotlib.use("Agg")  # no display; before pyplot
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import PathPatch  # noqa: E402
from matplotlib.path import Path  # noqa: E402

# Reproducible files: no creation date, fixed SVG ids.
plt.rcParams.update({"svg.hashsalt": "plantpath", "font.size": 9, "axes.spines.top": False,
                     "axes.spines.right": False})


def _save(fig, stage, name, made):
    for ext in ("svg", "png"):
        fn = f"{name}.{ext}"
        meta = {"Date": None} if ext == "svg" else {"Software": "plantpath report (matplotlib)"}
        fig.savefig(os.path.join(stage, fn), dpi=150, bbox_inches="tight", metadata=meta)
        made.append(fn)
    plt.close(fig)


def _finish_ranked(fig, ax, xlabel, title, stage, name, made, legend=True):
    """A horizontal bar chart with its first row on top (provinces, pathways, parameters)."""
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    if legend:
        ax.legend(frameon=False, fontsize=7)
    ax.tick_params(axis="y", labelsize=7)
    _save(fig, stage, name, made)


def _nan(v):
    return math.nan if v is None else v


def emissions(s, stage, made):
    e, y = s["emissions"], s["years"]
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.bar([str(v) for v in y], [v / 1e6 for v in e["emissions"]], color="#4c72b0", label="emissions")
    ax.plot([str(v) for v in y], [v / 1e6 for v in e["bau"]], "--", color="#888", label="BAU")
    if any(c is not None for c in e["cap"]):
        ax.plot([str(v) for v in y], [_nan(c) / 1e6 if c is not None else math.nan for c in e["cap"]], "o-",
                color="#c44e52", label=e["cap_name"])
    ax.set_ylabel("Mt CO$_2$ / yr")
    ax.set_title("Emissions against the cap")
    ax.legend(frameon=False)
    _save(fig, stage, "emissions", made)


def generation(s, stage, made):
    y, nat = [str(v) for v in s["years"]], s["national"]
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.bar(y, [v / 1e6 for v in nat["gen"]], color="#55a868", label="generation")
    ax.plot(y, [v / 1e6 for v in nat["floor"]], "o-", color="#c44e52", label="floors (sum over provinces)")
    if all(v is not None for v in nat["bau_gen"]):
        ax.plot(y, [v / 1e6 for v in nat["bau_gen"]], "--", color="#888", label="BAU")
    ax.set_ylabel("TWh / yr")
    ax.set_title("Generation against the electricity floors")
    ax.legend(frameon=False)
    _save(fig, stage, "generation", made)


def _flows(s, labels):
    n, P = len(s["years"]), s["plants"]
    node = [[0.0] * len(labels) for _ in range(n)]
    link = {}
    L = P["label"]
    for j, mw in enumerate(P["mw"]):
        for k in range(n):
            a = L[j * n + k]
            if a < 0:
                continue
            node[k][a] += mw
            if k + 1 < n and L[j * n + k + 1] >= 0:
                key = (k, a, L[j * n + k + 1])
                link[key] = link.get(key, 0.0) + mw
    return node, link


def alluvial(s, labels, colors, stage, made):
    """Capacity between states across the decision years: stacked columns per
    year joined by bands whose width is the capacity moving between two states."""
    node, link = _flows(s, labels)
    n = len(s["years"])
    total = max(sum(c) for c in node) or 1.0
    gap = 0.012 * total
    fig, ax = plt.subplots(figsize=(9, 5))
    w = 0.18
    top = []  # top[k][l]: y of the state's block top
    for k in range(n):
        y, tops = 0.0, [0.0] * len(labels)
        for l in range(len(labels)):
            tops[l] = y
            if node[k][l] > 0:
                ax.add_patch(plt.Rectangle((k - w / 2, y), w, node[k][l], color=colors[labels[l]], lw=0))
                if node[k][l] > 0.03 * total:
                    ax.text(k + w / 2 + 0.02, y + node[k][l] / 2, labels[l], va="center", fontsize=7)
                y += node[k][l] + gap
        top.append(tops)
    out_off = [[0.0] * len(labels) for _ in range(n)]
    in_off = [[0.0] * len(labels) for _ in range(n)]
    for (k, a, b), mw in sorted(link.items()):
        y0 = top[k][a] + out_off[k][a]
        y1 = top[k + 1][b] + in_off[k + 1][b]
        out_off[k][a] += mw
        in_off[k + 1][b] += mw
        x0, x1 = k + w / 2, k + 1 - w / 2
        xm = (x0 + x1) / 2
        verts = [(x0, y0), (xm, y0), (xm, y1), (x1, y1), (x1, y1 + mw), (xm, y1 + mw), (xm, y0 + mw), (x0, y0 + mw),
                 (x0, y0)]
        codes = [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.LINETO, Path.CURVE4, Path.CURVE4,
                 Path.CURVE4, Path.CLOSEPOLY]
        ax.add_patch(PathPatch(Path(verts, codes), color=colors[labels[a]], alpha=0.35, lw=0))
    ax.set_xlim(-0.4, n - 0.4)
    ax.set_ylim(0, max(sum(c) + gap * len(labels) for c in node))
    ax.set_xticks(range(n), [str(v) for v in s["years"]])
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v / 1e3:.0f}"))
    ax.set_ylabel("GW")
    ax.invert_yaxis()
    ax.set_title("Capacity between technology states")
    _save(fig, stage, "sankey", made)


def capacity(s, labels, colors, stage, made):
    y, fl = [str(v) for v in s["years"]], s["fleet"]
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    base = [0.0] * len(y)
    for l in labels:
        v = [x / 1e3 for x in fl[l]]
        if not any(v):
            continue
        ax.bar(y, v, bottom=base, color=colors[l], label=l)
        base = [b + x for b, x in zip(base, v)]
    ax.set_ylabel("GW")
    ax.set_title("Capacity by state")
    ax.legend(frameon=False, fontsize=7, bbox_to_anchor=(1.0, 1.0), loc="upper left")
    _save(fig, stage, "capacity", made)


def plant_map(s, geo, labels, colors, stage, made):
    P, n = s["plants"], len(s["years"])
    ks = sorted({0, n // 2, n - 1})
    fig, axes = plt.subplots(1, len(ks), figsize=(4.2 * len(ks), 3.8), squeeze=False)
    for ax, k in zip(axes[0], ks):
        for f in (geo or {}).get("features", []):
            for poly in f["geometry"]["coordinates"]:
                for ring in poly:
                    ax.fill([p[0] for p in ring], [p[1] for p in ring], color="#f2f2ee", ec="#999", lw=0.4)
        for l in range(len(labels)):
            idx = [j for j in range(len(P["mw"])) if P["label"][j * n + k] == l]
            if idx:
                ax.scatter([P["lon"][j] for j in idx], [P["lat"][j] for j in idx],
                           s=[2 + P["mw"][j] / 60 for j in idx], color=colors[labels[l]], alpha=0.7, lw=0,
                           label=labels[l])
        if s["bounds"]:
            (x0, y1), (x1, y0) = s["bounds"]
            ax.set_xlim(x0, x1)
            ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_title(str(s["years"][k]))
    seen = {}  # every state shown in any panel, in the states' order
    for ax in axes[0]:
        for h, name in zip(*ax.get_legend_handles_labels()):
            seen.setdefault(name, h)
    names = [l for l in labels if l in seen]
    handles = [seen[l] for l in names]
    fig.legend(handles, names, loc="lower center", ncol=min(6, len(names)), frameon=False, fontsize=7,
               markerscale=1.5)
    fig.suptitle("Plants by state (size: capacity)")
    _save(fig, stage, "map", made)


def provinces(s, stage, made):
    pv = s["provinces"]
    names = sorted(pv, key=lambda p: -pv[p]["tc_total"])
    fig, ax = plt.subplots(figsize=(6.4, max(2.5, 0.22 * len(names) + 1)))
    left = [0.0] * len(names)
    for k, yr in enumerate(s["years"]):
        v = [pv[p]["tc"][k] / 1e9 for p in names]
        ax.barh(names, v, left=left, label=str(yr))
        left = [a + b for a, b in zip(left, v)]
    _finish_ranked(fig, ax, "bn USD (present value)", "Transition cost by province and decision period", stage,
                   "provinces", made)


def convergence(s, stage, made):
    c = s["convergence"]
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.step(c["seconds"], [_nan(v) / 1e9 for v in c["bound"]], where="post", color="#4c72b0", label="lower bound")
    ax.step(c["seconds"], [_nan(v) / 1e9 for v in c["best"]], where="post", color="#c44e52", label="best plan (TC)")
    ax.set_xlabel("seconds")
    ax.set_ylabel("bn USD")
    ax.set_title("Convergence")
    ax.legend(frameon=False)
    _save(fig, stage, "convergence", made)


def sweep(w, stage, made):
    rows = sorted([r for r in w["rows"] if r["tc_usd"] is not None and math.isfinite(r["tc_usd"])],
                  key=lambda r: r["tc_usd"])
    fig, ax = plt.subplots(figsize=(6.4, max(2.5, 0.22 * len(rows) + 1)))
    names = [r["pathway"] for r in rows]
    ax.barh(names, [r["tc_usd"] / 1e9 for r in rows], color="#4c72b0", label="TC")
    ax.scatter([r["bound_usd"] / 1e9 for r in rows], names, marker="|", s=80, color="#222", label="lower bound")
    _finish_ranked(fig, ax, "bn USD", "Pathways ranked by transition cost", stage, "sweep", made)


def tornado(w, stage, made):
    base = next(r for r in w["rows"] if r["level"] == "baseline")
    params = sorted({r["parameter"] for r in w["rows"] if r["level"] != "baseline"})
    get = {(r["parameter"], r["level"]): r for r in w["rows"]}
    span = {p: max(abs(_nan(get.get((p, lv), {}).get("tc_change_pct")) or 0) for lv in ("min", "max")) for p in params}
    params.sort(key=lambda p: -(span[p] if math.isfinite(span[p]) else 0))
    fig, ax = plt.subplots(figsize=(6.4, max(2.5, 0.3 * len(params) + 1)))
    for lv, colr in (("min", "#4c72b0"), ("max", "#c44e52")):
        vals, alphas = [], []
        for p in params:
            r = get.get((p, lv))
            v = _nan(r["tc_change_pct"]) if r else math.nan
            noise = 100 * (_nan(r["gap"]) + _nan(base["gap"])) if r else math.nan
            vals.append(v)
            # sensitivity.csv's own verdict; older runs: the sum of the two gaps
            verdict = r.get("change_within_gaps", "") if r else ""
            within = verdict == "yes" if verdict in ("yes", "no") else (math.isfinite(noise) and abs(v) < noise)
            alphas.append(0.3 if within else 1.0)
        for p, v, al in zip(params, vals, alphas):
            ax.barh(p, v, color=colr, alpha=al)
    ax.barh([], [], color="#4c72b0", label="at Min")
    ax.barh([], [], color="#c44e52", label="at Max")
    ax.axvline(0, color="#222", lw=0.8)
    _finish_ranked(fig, ax, "TC change against the baseline, %  (pale: within the two runs' gaps)", "Sensitivity",
                   stage, "tornado", made)


def compare(c, stage, made):
    y = [str(v) for v in c["a"]["years"]]
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    x = range(len(y))
    ax.bar([i - 0.2 for i in x], [v / 1e9 for v in c["per_year"]["a"]], 0.4, label="A")
    ax.bar([i + 0.2 for i in x], [v / 1e9 for v in c["per_year"]["b"]], 0.4, label="B")
    ax.plot(list(x), [(b - a) / 1e9 for a, b in zip(c["per_year"]["a"], c["per_year"]["b"])], "ko-", label="B − A")
    ax.set_xticks(list(x), y)
    ax.set_ylabel("bn USD")
    ax.set_title("Transition cost per decision period")
    ax.legend(frameon=False)
    _save(fig, stage, "compare-years", made)
    pp = c["per_province"]
    names = sorted(pp, key=lambda p: -(pp[p]["b"] - pp[p]["a"]))
    fig, ax = plt.subplots(figsize=(6.4, max(2.5, 0.22 * len(names) + 1)))
    ax.barh(names, [(pp[p]["b"] - pp[p]["a"]) / 1e9 for p in names], color="#4c72b0")
    _finish_ranked(fig, ax, "B − A, bn USD", "Transition cost difference by province", stage, "compare-provinces",
                   made, legend=False)


def draw_all(data, stage, prog):
    made = []
    labels, colors = data["labels"], data["colors"]
    if data["kind"] == "solve":
        s = data["solve"]
        emissions(s, stage, made)
        generation(s, stage, made)
        alluvial(s, labels, colors, stage, made)
        capacity(s, labels, colors, stage, made)
        if "lon" in s["plants"]:
            plant_map(s, data.get("geo"), labels, colors, stage, made)
        provinces(s, stage, made)
        convergence(s, stage, made)
    elif data["kind"] == "sweep":
        sweep(data["sweep"], stage, made)
    elif data["kind"] == "sensitivity":
        tornado(data["sensitivity"], stage, made)
    elif data["kind"] == "compare":
        compare(data["compare"], stage, made)
    return made
