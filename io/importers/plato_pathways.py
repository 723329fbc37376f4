"""Emission pathways and parameter ranges: PLATO's CERP workbooks, its
Monte-Carlo pathways and Supplementary Table 3, or a user's pathways CSV.

Pathways are stored as ratios to PLATO's own BAU (`ori_Emiss_t`), and the
solver applies them to the BAU of the fleet it solves, so PLATO's shapes
carry over to any country's fleet unchanged.
"""

import csv
import glob
import os
import re

from importer_common import fail, fmt, open_wb, header_index, read_csv_dicts, text, to_float, to_year, warn

CERP_GLOB = "cerps/CERPs_*per.xlsx"
MC_GLOB = "cerps/CuER_*per_*.xlsx"
ORI = "ori_Emiss_t"


def import_cerps(source, st):
    files = sorted(glob.glob(os.path.join(source, CERP_GLOB)),
                   key=lambda f: int(re.search(r"(\d+)per", f).group(1)))
    if not files:
        fail("no pathway files %s under %s" % (CERP_GLOB, source))
    out, names = [], []
    for f in files:
        wb = open_wb(f)
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        header = rows[0] if rows else ()
        ix = header_index(header, f, ws.title, [ORI])
        cols = [(i, text(c)) for i, c in enumerate(header)
                if i > 0 and c is not None and text(c) != ORI]
        years = [(r, to_year(r[0])) for r in rows[1:] if r and to_year(r[0]) is not None]
        if not cols or not years:
            fail("%s, sheet '%s': no pathway columns / year rows" % (f, ws.title))
        for i, name in cols:
            if name in names:
                fail("%s: pathway %s defined twice" % (f, name))
            names.append(name)
            for r, y in years:
                ori, v = to_float(r[ix[ORI]]), to_float(r[i])
                if ori is None or ori <= 0:
                    fail("%s: %s missing or <= 0 in year %d" % (f, ORI, y))
                if v is None:
                    fail("%s: pathway %s has no value in year %d" % (f, name, y))
                out.append((name, y, v / ori))
    st["cerp_files"] = len(files)
    st["cerp_pathways"] = len(names)
    st["cerp_names"] = names
    st["cerp_years"] = sorted({r[1] for r in out})
    return out


def _mc_sheet1(rows):
    """Pathways as columns, years as rows, an ori_Emiss_t column."""
    if not rows:
        return {}, None, []
    header = rows[0]
    oi = next((i for i, c in enumerate(header) if text(c) == ORI), None)
    years = [(r, to_year(r[0])) for r in rows[1:] if r and to_year(r[0]) is not None]
    paths, ori = {}, {}
    for r, y in years:
        ori[y] = to_float(r[oi]) if oi is not None and oi < len(r) else None
    for i, c in enumerate(header):
        if i == 0 or c is None or text(c) == ORI:
            continue
        vals = {y: to_float(r[i]) if i < len(r) else None for r, y in years}
        if all(v is not None for v in vals.values()):
            paths[fmt(c) if isinstance(c, (int, float)) else text(c)] = vals
    return paths, (ori if oi is not None else None), [y for _, y in years]


def _mc_sheet2(rows):
    """Pathways as rows, years as columns, an ori_Emiss_t row."""
    if not rows:
        return {}, None, []
    header = rows[0]
    ycols = [(i, to_year(c)) for i, c in enumerate(header) if i > 0 and to_year(c) is not None]
    paths, ori = {}, None
    for r in rows[1:]:
        if not r or r[0] is None:
            continue
        vals = {y: to_float(r[i]) if i < len(r) else None for i, y in ycols}
        if text(r[0]) == ORI:
            ori = vals
        elif all(v is not None for v in vals.values()):
            paths[fmt(r[0]) if isinstance(r[0], (int, float)) else text(r[0])] = vals
    return paths, ori, [y for _, y in ycols]


def import_montecarlo(source, st):
    files = sorted(glob.glob(os.path.join(source, MC_GLOB)))
    if not files:
        fail("no Monte-Carlo pathway files %s under %s" % (MC_GLOB, source))
    out = []
    per_file = {}
    for f in files:
        stem = os.path.splitext(os.path.basename(f))[0]
        wb = open_wb(f)
        cands = []
        for ws in wb.worksheets:
            rows = list(ws.iter_rows(values_only=True))
            for parse in (_mc_sheet1, _mc_sheet2):
                paths, ori, years = parse(rows)
                ok = ori is not None and years and all(ori.get(y) and ori[y] > 0 for y in years)
                if ok and paths:
                    cands.append((len(paths), ws.title, parse.__name__, paths, ori, years))
        if not cands:
            fail("%s: no sheet with pathways and an '%s' column/row (sheets: %s)"
                 % (f, ORI, ", ".join(wb.sheetnames)))
        # most pathways wins; on a tie prefer the pathways-as-rows layout (Sheet2)
        cands.sort(key=lambda c: (-c[0], c[2] != "_mc_sheet2"))
        n, title, how, paths, ori, years = cands[0]
        allnames = set().union(*[set(c[3]) for c in cands])
        if len(allnames) > n:
            warn("%s: %d pathway(s) only in another sheet than '%s' were ignored"
                 % (f, len(allnames) - n, title))
        per_file[stem] = (n, title)
        for name in sorted(paths, key=lambda s: (len(s), s)):
            for y in years:
                out.append(("%s/%s" % (stem, name), y, paths[name][y] / ori[y]))
    st["mc_files"] = len(files)
    st["mc_pathways"] = sum(n for n, _ in per_file.values())
    st["mc_per_file"] = per_file
    st["mc_sheets"] = sorted({t for _, t in per_file.values()})
    return out


PARAMS_ECONOMIC_FILE = "params_economic.csv"
# Rows of params_economic.csv -> (plantpath parameter, divisor to plantpath units).
# A row not listed here is reported and skipped (PP-capital: the model builds
# no new plants, so it has no counterpart).
PARAM_RANGE_MAP = {
    "PP-fixOM": ("om_fix", 1.0),
    "PP-variableOM": ("om_var", 1.0),
    "PP-coalCost": ("coal_cost", 1.0),
    "BE-capital": ("capex_be", 1.0),
    "BE-fixOM": ("be_om_fix", 1.0),
    "BE-variableOM": ("be_om_var", 1.0),
    "BE-purchaseCost": ("bio_purchase", 1.0),
    "BE-pretreatCost": ("bio_pretreat", 1.0),
    "BE-transportCost1": ("bio_transport_km", 1.0),
    "BE-transportCost2": ("bio_transport_fixed", 1.0),
    "CCS-capital": ("capex_ccs", 1.0),
    "CCS-captureCost": ("ccs_capture", 1.0),
    "CCS-transportCost": ("ccs_transport_km", 1.0),
    "CCS-storageCost": ("ccs_storage", 1.0),
    "Carbon capture rate": ("capture_rate", 100.0),
    "Life time": ("lifetime", 1.0),
    "Depriciation rate": ("discount_rate", 100.0),
    "flex": ("capex_flex", 1.0),
}


def import_param_ranges(source, st):
    """params_economic.csv (PLATO's Supplementary Table 3) -> rows of
    params_range.csv: parameter (plantpath name), source_parameter, unit,
    value, min, max in plantpath units (percentages as fractions)."""
    path = os.path.join(source, PARAMS_ECONOMIC_FILE)
    if not os.path.exists(path):
        fail("%s not found" % path)
    out, skipped = [], []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            name = text(r.get("Parameter"))
            if not name:
                continue
            if name not in PARAM_RANGE_MAP:
                skipped.append(name)
                continue
            ours, scale = PARAM_RANGE_MAP[name]
            vals = [to_float(r.get(c)) for c in ("Value", "Min", "Max")]
            if any(v is None for v in vals):
                fail("%s: row '%s' has no numeric Value/Min/Max" % (path, name))
            v, lo, hi = (x / scale for x in vals)
            if lo > hi:
                fail("%s: row '%s' has Min > Max" % (path, name))
            unit = text(r.get("Unit")) if scale == 1.0 else "fraction (source: %s)" % text(r.get("Unit"))
            out.append((ours, name, unit, fmt(v), fmt(lo), fmt(hi)))
    if skipped:
        warn("%s: no plantpath parameter for %s (skipped)" % (PARAMS_ECONOMIC_FILE, ", ".join(skipped)))
    st["param_ranges"] = len(out)
    st["param_ranges_skipped"] = skipped
    return out


# --------------------------------------------------------------------------


def read_user_pathways(path, st):
    """pathway,year,cap_ratio rows of a user's file, checked before copying."""
    out, seen = [], set()
    for line, r in read_csv_dicts(path, ["pathway", "year", "cap_ratio"]):
        name, y, v = text(r["pathway"]), to_year(r["year"]), to_float(r["cap_ratio"])
        if not name:
            fail("%s:%d: empty pathway name" % (path, line))
        if y is None or not (1990 <= y <= 2200):
            fail("%s:%d: year '%s' is not a year in 1990..2200" % (path, line, r["year"]))
        if v is None or not (0 <= v <= 10):
            fail("%s:%d: cap_ratio '%s' is not a ratio in [0, 10]" % (path, line, r["cap_ratio"]))
        if (name, y) in seen:
            fail("%s:%d: pathway %s year %d given twice" % (path, line, name, y))
        seen.add((name, y))
        out.append((name, y, v))
    if not out:
        fail("%s: no pathway rows" % path)
    names = list(dict.fromkeys(r[0] for r in out))
    st.update(cerp_files=1, cerp_pathways=len(names), cerp_names=names,
              cerp_years=sorted({r[1] for r in out}))
    return out
