#!/usr/bin/python3
"""Build a plantpath instance directory from the PLATO input data.

Inputs (read-only, see <source>/PROVENANCE.md): the GEM Global Coal Plant
Tracker workbook, the PLATO biomass grid, CCS storage clusters, provincial
coal-electricity floors and carbon-emission reduction pathways (CERPs).

Usage (from the repo root; these are the defaults):
    /usr/bin/python3 io/importers/import_plato.py \
        --source ../shared/data/plato \
        --tracker Global-Coal-Plant-Tracker-January-2024.xlsx \
        --out datasets/china-gcpt-2024

Only the Debian packages python3-openpyxl and python3-numpy are needed, so
run it with /usr/bin/python3.

Output files (see datasets/README.md): plants.csv, biomass.csv,
elec_floor.csv, pathways.csv, pathways_montecarlo.csv, params.toml.
The instance directory is written to a temporary directory next to --out
and then renamed over it. The counts are written between the
<!-- import-stats --> markers of README.md next to the instance directory.
"""

import argparse
import csv
import glob
import math
import os
import re
import shutil
import sys
import tempfile

try:
    import numpy as np
    import openpyxl
except ImportError as exc:  # pragma: no cover
    sys.exit("import_plato.py: %s -- run with /usr/bin/python3 (Debian "
             "packages python3-numpy and python3-openpyxl)" % exc)

# --------------------------------------------------------------------------
# Constants (edit here if a new tracker release renames something)
# --------------------------------------------------------------------------
REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_SOURCE = "../shared/data/plato"
DEFAULT_TRACKER = "Global-Coal-Plant-Tracker-January-2024.xlsx"
DEFAULT_OUT = "datasets/china-gcpt-2024"

TRACKER_SHEET = "Units"
COL = {  # role -> tracker column header
    "id": "GEM unit/phase ID",
    "country": "Country",
    "plant": "Plant name",
    "unit": "Unit name",
    "capacity": "Capacity (MW)",
    "status": "Status",
    "start": "Start year",
    "tech": "Combustion technology",
    "province": "Subnational unit (province, state)",
    "lat": "Latitude",
    "lon": "Longitude",
    "heat_rate": "Heat rate (Btu per kWh)",
    "ef": "Emission factor (kg of CO2 per TJ)",
    "cf": "Capacity factor",
}
COUNTRY = "China"
STATUSES = ("operating", "construction", "permitted")
LIFETIME = 40             # years, MODEL.md section 1 (L default)
FIRST_YEAR = 2025         # base year: keep plants alive in FIRST_YEAR or later
MISSING_START = {"operating": 2024, "construction": 2027, "permitted": 2027}
DEFAULT_EF_T_PER_MWH = 0.8017   # PLATO constant (MODEL.md section 1)
CCS_CAPTURE_EF_THRESHOLD = 50000.0  # kg/TJ: GEM's "with CCS" factors are ~9,460-10,100
CCS_CAPTURE_RATE_GEM = 0.90     # GEM reduces the factor by 90% for CCS units
J_PER_BTU = 1055.05585
EARTH_RADIUS_KM = 6371.0
TORTUOSITY = 3.7
HOURS_PER_YEAR = 8760.0

BIOMASS_FILE = "res_kwh_20km_AF.npy"
CCS_FILE = "ccs_clusters.xlsx"
FLOOR_FILE = "coalElec_baseload_prov.xlsx"
FLOOR_SHEET = "NC_GTEP"
CERP_GLOB = "cerps/CERPs_*per.xlsx"
MC_GLOB = "cerps/CuER_*per_*.xlsx"
ORI = "ori_Emiss_t"

# Scenario-file province spelling -> tracker spelling. The January 2024
# files agree exactly; these cover spellings seen in other GEM / GTEP files.
PROVINCE_ALIASES = {
    "Nei Mongol": "Inner Mongolia",
    "Neimenggu": "Inner Mongolia",
    "Inner Mongolia Autonomous Region": "Inner Mongolia",
    "Xinjiang Uygur": "Xinjiang",
    "Xinjiang Uyghur": "Xinjiang",
    "Xizang": "Tibet",
    "Ningxia Hui": "Ningxia",
    "Guangxi Zhuang": "Guangxi",
    "Shensi": "Shaanxi",
    "Shaanxi ": "Shaanxi",
}

STATS_MARK = "<!-- import-stats -->"
PARAMS_MARK = "<!-- params-table -->"


class ImportError_(Exception):
    pass


def fail(msg):
    raise ImportError_(msg)


def warn(msg):
    print("import_plato: " + msg, file=sys.stderr)


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------
def fmt(v):
    """Number -> CSV text: integers as integers, floats repr (round-trip)."""
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        v = float(v)
        if not math.isfinite(v):
            fail("non-finite number in output: %r" % v)
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    return "" if v is None else str(v)


def to_float(v):
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return None if (isinstance(v, float) and math.isnan(v)) else float(v)
    s = str(v).strip().replace(",", "")
    if s == "" or s.lower() in ("n/a", "na", "nan", "none", "unknown", "-"):
        return None
    try:
        return float(s)
    except ValueError:
        return None


def to_year(v):
    f = to_float(v)
    if f is None:
        m = re.search(r"(19|20)\d\d", str(v)) if v is not None else None
        return int(m.group(0)) if m else None
    return int(round(f))


def text(v):
    return "" if v is None else str(v).strip()


def open_wb(path):
    if not os.path.isfile(path):
        fail("input file not found: %s" % path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        fail("cannot read workbook %s: %s" % (path, exc))


def sheet_rows(wb, path, name):
    if name not in wb.sheetnames:
        fail("%s: sheet '%s' not found (sheets: %s)" % (path, name, ", ".join(wb.sheetnames)))
    return [r for r in wb[name].iter_rows(values_only=True)]


def header_index(header, path, sheet, wanted):
    idx = {}
    for i, c in enumerate(header):
        if c is not None and str(c).strip() not in idx:
            idx[str(c).strip()] = i
    missing = [w for w in wanted if w not in idx]
    if missing:
        fail("%s, sheet '%s': column(s) not found: %s\n  columns present: %s"
             % (path, sheet, ", ".join("'%s'" % m for m in missing),
                ", ".join("'%s'" % c for c in idx)))
    return idx


def haversine_km(lon1, lat1, lon2, lat2):
    """Great-circle distance, arrays broadcast, degrees in, km out."""
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(v) for v in r])


# --------------------------------------------------------------------------
# 1. plants
# --------------------------------------------------------------------------
def load_ccs_clusters(path):
    wb = open_wb(path)
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    if not rows:
        fail("%s: empty sheet '%s'" % (path, ws.title))
    ix = header_index(rows[0], path, ws.title, ["POINT_X", "POINT_Y"])
    pts = []
    for r in rows[1:]:
        x, y = to_float(r[ix["POINT_X"]]), to_float(r[ix["POINT_Y"]])
        if x is not None and y is not None:
            pts.append((x, y))
    if not pts:
        fail("%s: no storage cluster with POINT_X/POINT_Y" % path)
    return np.array(pts)


def import_plants(tracker_path, ccs_path, st):
    wb = open_wb(tracker_path)
    rows = sheet_rows(wb, tracker_path, TRACKER_SHEET)
    if not rows:
        fail("%s: sheet '%s' is empty" % (tracker_path, TRACKER_SHEET))
    ix = header_index(rows[0], tracker_path, TRACKER_SHEET, list(COL.values()))
    g = lambda r, k: r[ix[COL[k]]] if ix[COL[k]] < len(r) else None

    st["tracker_rows"] = len(rows) - 1
    sel = []
    for r in rows[1:]:
        if text(g(r, "country")) != COUNTRY:
            continue
        status = text(g(r, "status")).lower()
        if status in STATUSES:
            sel.append((status, r))

    # status summary before any filtering
    st["sel_units"] = {s: 0 for s in STATUSES}
    st["sel_mw"] = {s: 0.0 for s in STATUSES}
    for status, r in sel:
        st["sel_units"][status] += 1
        st["sel_mw"][status] += to_float(g(r, "capacity")) or 0.0

    # fleet capacity-weighted mean capacity factor (fallback for missing CF)
    num = den = 0.0
    for status, r in sel:
        cap, cf = to_float(g(r, "capacity")), to_float(g(r, "cf"))
        if cap and cf is not None and 0 < cf <= 1:
            num += cap * cf
            den += cap
    if den > 0:
        cf_fleet = num / den
    else:
        cf_fleet = 0.53
        warn("no capacity factor in the tracker for %s; using GEM's 0.53" % COUNTRY)
    st["cf_fleet"] = cf_fleet

    clusters = load_ccs_clusters(ccs_path)
    st["ccs_clusters"] = len(clusters)

    plants = []
    skipped = {"capacity": 0, "coordinates": 0}
    filled = {s: 0 for s in STATUSES}
    dead = {s: 0 for s in STATUSES}
    cf_filled = ef_default = ef_ccs_restored = 0
    seen = {}
    dups = []
    for status, r in sel:
        gid = text(g(r, "id"))
        cap = to_float(g(r, "capacity"))
        lat, lon = to_float(g(r, "lat")), to_float(g(r, "lon"))
        if cap is None or cap <= 0:
            skipped["capacity"] += 1
            continue
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            skipped["coordinates"] += 1
            continue
        start = to_year(g(r, "start"))
        was_filled = start is None
        if was_filled:
            start = MISSING_START[status]
        if start + LIFETIME - 1 < FIRST_YEAR:
            dead[status] += 1
            continue
        if was_filled:
            filled[status] += 1
        cf = to_float(g(r, "cf"))
        if cf is None or not (0 < cf <= 1):
            cf = cf_fleet
            cf_filled += 1
        tech = text(g(r, "tech"))
        installed = "CCS" if tech.lower().endswith("/ccs") else ""
        hr, ef = to_float(g(r, "heat_rate")), to_float(g(r, "ef"))
        if hr and ef and hr > 0 and ef > 0:
            if installed and ef < CCS_CAPTURE_EF_THRESHOLD:
                # GEM already applied 90% capture; MODEL.md section 4 applies
                # the capture rate itself, so store the gross (pre-capture) factor.
                ef = ef / (1.0 - CCS_CAPTURE_RATE_GEM)
                ef_ccs_restored += 1
            e = hr * J_PER_BTU * 1000.0 * ef / 1e12 / 1000.0
        else:
            e = DEFAULT_EF_T_PER_MWH
            ef_default += 1
        name = " ".join(x for x in (text(g(r, "plant")), text(g(r, "unit"))) if x)
        if not gid:
            gid = "noid-%d" % (len(plants) + 1)
            warn("row without '%s' (%s): assigned %s" % (COL["id"], name, gid))
        if gid in seen:
            seen[gid] += 1
            new = "%s_%d" % (gid, seen[gid])
            dups.append((gid, new))
            gid = new
        else:
            seen[gid] = 1
        plants.append({
            "id": gid, "name": name, "country": COUNTRY,
            "province": text(g(r, "province")), "lon": lon, "lat": lat,
            "capacity_mw": cap, "start_year": start, "hours": cf * HOURS_PER_YEAR,
            "emission_factor_t_per_mwh": e, "installed": installed,
            "status": status,
        })

    if plants:
        plon = np.array([p["lon"] for p in plants])
        plat = np.array([p["lat"] for p in plants])
        d = haversine_km(plon[:, None], plat[:, None], clusters[None, :, 0], clusters[None, :, 1])
        dmin = d.min(axis=1) * TORTUOSITY
        for p, dk in zip(plants, dmin):
            p["ccs_distance_km"] = float(dk)

    for k, n in skipped.items():
        if n:
            warn("skipped %d %s unit(s) with missing/invalid %s" % (n, COUNTRY, k))
    for gid, new in dups:
        warn("duplicate unit id %s: renamed to %s" % (gid, new))
    if cf_filled:
        warn("%d unit(s) without capacity factor: used fleet capacity-weighted mean %.4f"
             % (cf_filled, cf_fleet))
    if ef_default:
        warn("%d unit(s) without heat rate / emission factor: used %.4f t/MWh"
             % (ef_default, DEFAULT_EF_T_PER_MWH))
    es = np.array([p["emission_factor_t_per_mwh"] for p in plants])
    ks = np.array([p["capacity_mw"] for p in plants])
    out_of_range = int(((es < 0.7) | (es > 1.4)).sum())
    if out_of_range:
        warn("%d unit(s) with emission factor outside [0.7, 1.4] t/MWh" % out_of_range)

    st.update(skipped=skipped, filled=filled, dead=dead, cf_filled=cf_filled,
              ef_default=ef_default, ef_ccs_restored=ef_ccs_restored, dups=len(dups),
              ef_min=float(es.min()), ef_max=float(es.max()),
              ef_mean=float((es * ks).sum() / ks.sum()), ef_out=out_of_range,
              plants=len(plants), plants_mw=float(ks.sum()),
              ccs_installed=sum(1 for p in plants if p["installed"]),
              ccs_dist_min=float(min(p["ccs_distance_km"] for p in plants)),
              ccs_dist_max=float(max(p["ccs_distance_km"] for p in plants)),
              provinces_plants=len({p["province"] for p in plants}))
    st["out_units"] = {s: sum(1 for p in plants if p["status"] == s) for s in STATUSES}
    st["out_mw"] = {s: sum(p["capacity_mw"] for p in plants if p["status"] == s) for s in STATUSES}
    return plants


PLANT_COLS = ["id", "name", "country", "province", "lon", "lat", "capacity_mw", "start_year",
              "hours", "emission_factor_t_per_mwh", "ccs_distance_km", "installed"]


# --------------------------------------------------------------------------
# 2. biomass
# --------------------------------------------------------------------------
def import_biomass(path, st):
    if not os.path.isfile(path):
        fail("input file not found: %s" % path)
    a = np.load(path)
    if a.ndim != 2:
        fail("%s: expected a 2-D grid, got shape %s" % (path, a.shape))
    if not np.isfinite(a).all():
        fail("%s: grid contains NaN/inf" % path)
    if (a < 0).any():
        warn("%s: %d negative cells ignored" % (path, int((a < 0).sum())))
    rows = []
    iys, ixs = np.nonzero(a > 0)
    for iy, ix in zip(iys.tolist(), ixs.tolist()):
        rows.append(("r%dc%d" % (iy, ix), round(70.0 + 0.2 * ix, 6), round(55.0 - 0.2 * iy, 6),
                     float(a[iy, ix]) / 1000.0))
    st["biomass_shape"] = a.shape
    st["biomass_cells"] = len(rows)
    st["biomass_twh"] = sum(r[3] for r in rows) / 1e6
    return rows


# --------------------------------------------------------------------------
# 3. electricity floor
# --------------------------------------------------------------------------
def import_floor(path, plants, st):
    wb = open_wb(path)
    rows = sheet_rows(wb, path, FLOOR_SHEET)
    if not rows:
        fail("%s: sheet '%s' is empty" % (path, FLOOR_SHEET))
    header = rows[0]
    ycols = [(i, to_year(c)) for i, c in enumerate(header) if i > 0 and to_year(c) is not None]
    if not ycols:
        fail("%s, sheet '%s': no year columns in the header row" % (path, FLOOR_SHEET))
    scen = {}
    for r in rows[1:]:
        name = text(r[0]) if r else ""
        if not name:
            continue
        name = PROVINCE_ALIASES.get(name, name)
        vals = {}
        for i, y in ycols:
            v = to_float(r[i]) if i < len(r) else None
            if v is None:
                fail("%s, sheet '%s': missing value for %s, %d" % (path, FLOOR_SHEET, name, y))
            vals[y] = v
        if name in scen:
            fail("%s, sheet '%s': province %s listed twice" % (path, FLOOR_SHEET, name))
        scen[name] = vals

    plant_provs = sorted({p["province"] for p in plants})
    only_scen = sorted(set(scen) - set(plant_provs))
    only_plants = sorted(set(plant_provs) - set(scen))
    if only_scen:
        warn("provinces in %s but without plants: %s" % (os.path.basename(path), ", ".join(only_scen)))
    if only_plants:
        warn("provinces with plants but no floor scenario (no floor row): %s" % ", ".join(only_plants))

    out = []
    binding = 0
    for prov in plant_provs:
        if prov not in scen:
            continue
        pp = [p for p in plants if p["province"] == prov]
        for _, y in ycols:
            bau = sum(p["capacity_mw"] * p["hours"] for p in pp
                      if p["start_year"] <= y <= p["start_year"] + LIFETIME - 1)
            s = scen[prov][y] / 1000.0
            if bau < s:
                binding += 1
            out.append((prov, y, min(s, bau)))
    st["floor_provinces"] = len({r[0] for r in out})
    st["floor_years"] = [y for _, y in ycols]
    st["floor_only_scen"] = only_scen
    st["floor_only_plants"] = only_plants
    st["floor_bau_capped"] = binding
    st["floor_rows"] = len(out)
    st["floor_by_year_twh"] = {y: sum(r[2] for r in out if r[1] == y) / 1e6 for _, y in ycols}
    return out


# --------------------------------------------------------------------------
# 4./5. pathways
# --------------------------------------------------------------------------
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
# Output
# --------------------------------------------------------------------------
PARAMS_TOML = """\
# plantpath parameters for this instance.
# Empty on purpose: the model defaults of MODEL.md apply.
# The solver reads optional overrides, one per line:  name = value
# (see datasets/README.md, section "Parameters (params.toml)").
"""


def write_instance(out_dir, files):
    out_dir = os.path.abspath(out_dir)
    parent = os.path.dirname(out_dir)
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="." + os.path.basename(out_dir) + ".tmp-", dir=parent)
    try:
        for name, writer in files:
            writer(os.path.join(tmp, name))
        os.chmod(tmp, 0o755)
        old = None
        if os.path.exists(out_dir):
            old = tempfile.mkdtemp(prefix="." + os.path.basename(out_dir) + ".old-", dir=parent)
            os.rmdir(old)
            os.rename(out_dir, old)
        os.rename(tmp, out_dir)
        if old:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def gw(mw):
    return "%.1f" % (mw / 1000.0)


def stats_markdown(st, args):
    s = []
    s.append(STATS_MARK)
    s.append("### Import statistics: `%s`" % os.path.basename(os.path.abspath(args.out)))
    s.append("")
    s.append("Generated by `io/importers/import_plato.py` from `%s` (sheet `%s`, %d rows)."
             % (os.path.basename(args.tracker), TRACKER_SHEET, st["tracker_rows"]))
    s.append("")
    s.append("| status | units selected | GW selected | units in plants.csv | GW in plants.csv "
             "| start year filled | dead before %d |" % FIRST_YEAR)
    s.append("|---|---:|---:|---:|---:|---:|---:|")
    for k in STATUSES:
        s.append("| %s | %d | %s | %d | %s | %d | %d |" % (
            k, st["sel_units"][k], gw(st["sel_mw"][k]), st["out_units"][k], gw(st["out_mw"][k]),
            st["filled"][k], st["dead"][k]))
    s.append("| **total** | %d | %s | %d | %s | %d | %d |" % (
        sum(st["sel_units"].values()), gw(sum(st["sel_mw"].values())), st["plants"],
        gw(st["plants_mw"]), sum(st["filled"].values()), sum(st["dead"].values())))
    s.append("")
    s.append("- Skipped for missing capacity / coordinates: %d / %d; duplicate ids renamed: %d."
             % (st["skipped"]["capacity"], st["skipped"]["coordinates"], st["dups"]))
    s.append("- Provinces with plants: %d. Units with CCS installed: %d."
             % (st["provinces_plants"], st["ccs_installed"]))
    s.append("- Capacity factor: fleet capacity-weighted mean %.4f (used for %d units without one); "
             "hours = capacity factor x 8760." % (st["cf_fleet"], st["cf_filled"]))
    s.append("- Emission factor (t/MWh): min %.3f, capacity-weighted mean %.3f, max %.3f; "
             "%d units outside [0.7, 1.4]; %d units fell back to %.4f; %d CCS units had GEM's "
             "post-capture factor converted back to gross."
             % (st["ef_min"], st["ef_mean"], st["ef_max"], st["ef_out"], st["ef_default"],
                DEFAULT_EF_T_PER_MWH, st["ef_ccs_restored"]))
    s.append("- CCS distance (km, x%.1f): %.1f to %.1f, to %d storage clusters."
             % (TORTUOSITY, st["ccs_dist_min"], st["ccs_dist_max"], st["ccs_clusters"]))
    s.append("- Biomass: %d non-zero cells of the %dx%d grid, %.1f TWh/yr."
             % (st["biomass_cells"], st["biomass_shape"][0], st["biomass_shape"][1], st["biomass_twh"]))
    s.append("- Electricity floor: %d provinces x %d years (%s); floor capped by BAU generation "
             "in %d of %d rows; provinces only in the scenario file: %s; only in plants: %s."
             % (st["floor_provinces"], len(st["floor_years"]),
                ", ".join(str(y) for y in st["floor_years"]), st["floor_bau_capped"],
                st["floor_rows"], ", ".join(st["floor_only_scen"]) or "none",
                ", ".join(st["floor_only_plants"]) or "none"))
    s.append("  National floor (TWh): " + ", ".join(
        "%d: %.0f" % (y, v) for y, v in st["floor_by_year_twh"].items()) + ".")
    s.append("- Pathways: %d in pathways.csv (from %d CERPs files, years %s..%s); %d Monte-Carlo "
             "pathways in pathways_montecarlo.csv (from %d files, sheet(s) used: %s)."
             % (st["cerp_pathways"], st["cerp_files"], st["cerp_years"][0], st["cerp_years"][-1],
                st["mc_pathways"], st["mc_files"], ", ".join(st["mc_sheets"])))
    s.append("- File sizes (bytes): " + ", ".join("%s %d" % kv for kv in st["sizes"]) + ".")
    s.append(STATS_MARK)
    return "\n".join(s)


README_TEMPLATE = """\
# Datasets

Each subdirectory is one problem instance for plantpath. An instance is a
directory of CSV files (UTF-8, comma-separated, one header row, `.` as the
decimal separator, fields containing commas or quotes are quoted, numbers
written with round-trip precision, integers without a decimal point) plus a
`params.toml`.

## Instances

- `china-gcpt-2024/`: China's coal fleet from the Global Energy Monitor
  Global Coal Plant Tracker, January 2024 (CC BY 4.0: cite "Global Energy
  Monitor, Global Coal Plant Tracker, January 2024") with PLATO's biomass
  grid, CO2 storage clusters, provincial generation floors and emission
  pathways (Wang et al., Nature Communications 2025,
  doi:10.1038/s41467-024-55332-5). Inputs: `../shared/data/plato/`
  (see its PROVENANCE.md). Built by `io/importers/import_plato.py`
  (see `io/importers/README.md` to rebuild on a new tracker release).

## Instance format

### `plants.csv` (one row per generating unit)

| column | unit | meaning |
|---|---|---|
| `id` | | unique id (GEM unit/phase ID; a duplicate gets `_2`, `_3`, ...) |
| `name` | | plant name + space + unit name |
| `country` | | country |
| `province` | | province (tracker spelling, e.g. `Inner Mongolia`); joins `elec_floor.csv` |
| `lon`, `lat` | degrees | unit location (WGS84) |
| `capacity_mw` | MW | capacity `K_j` |
| `start_year` | year | commissioning year `c_j`; alive in `c_j .. c_j + L - 1` |
| `hours` | h/yr | base operating hours `H_j` |
| `emission_factor_t_per_mwh` | t CO2/MWh | the unit's own gross (pre-capture) factor, used with `emission_factor = plant` |
| `ccs_distance_km` | km | distance `D_j` to the nearest CO2 storage cluster, great-circle x 3.7 |
| `installed` | | technologies already installed: `CCS`, or empty |

### `biomass.csv` (one row per non-zero grid cell)

| column | unit | meaning |
|---|---|---|
| `cell` | | `r{iy}c{ix}`: row / column in the 200 x 350 PLATO grid |
| `lon`, `lat` | degrees | cell centre: lon = 70 + 0.2 ix, lat = 55 - 0.2 iy |
| `supply_mwh` | MWh/yr | electricity-equivalent residue supply `S_c` |

### `elec_floor.csv` (provincial generation floor `Emin_p,k`)

| column | unit | meaning |
|---|---|---|
| `province` | | as in `plants.csv` |
| `year` | year | decision year |
| `floor_mwh` | MWh/yr | `min(scenario, BAU generation of the province's plants alive that year)` |

### `pathways.csv` and `pathways_montecarlo.csv` (emission caps as ratios)

| column | unit | meaning |
|---|---|---|
| `pathway` | | pathway name |
| `year` | year | 2020..2050 step 5 (all years of the source kept) |
| `cap_ratio` | 1 | PLATO pathway emissions / PLATO BAU (`ori_Emiss_t`) that year |

The solver applies `Cap_k = cap_ratio_k x BAU_k` of the plant set solved
(MODEL.md section 5).

### `params_range.csv` (sensitivity ranges, optional)

Columns `parameter` (a plantpath parameter name, as for `--set`),
`source_parameter` (the row of PLATO's `params_economic.csv`, the paper's
Supplementary Table 3), `unit`, `value`, `min`, `max`, in plantpath units
(percentages as fractions). Written by the importer; read by
`plantpath sensitivity`. Rows of `params_economic.csv` without a model
counterpart (`PP-capital`: no new plants are built) are skipped.

### `params.toml`

Comment header only: the defaults of MODEL.md apply. Optional overrides,
one per line, `name = value`.

## Import rules (`io/importers/import_plato.py`)

**Plants** (tracker sheet `Units`):
- Country `China`, status `operating`, `construction` or `permitted`.
- Missing start year: 2024 if operating, 2027 if construction, and 2027 if
  permitted too (our choice: permitted units are assumed to come online
  with the units under construction, the earliest plausible year).
- Kept only if alive in 2025 or later: `start_year + 40 - 1 >= 2025`
  (lifetime 40 years, MODEL.md default).
- Rows with missing/invalid capacity or coordinates are skipped and
  counted (reported on stderr).
- `hours` = `Capacity factor` x 8760; a missing capacity factor is replaced
  by the capacity-weighted mean of the selected China units. Note: the
  January 2024 tracker gives GEM's global default 0.53 for every China
  unit, so every unit has 4,642.8 h.
- `emission_factor_t_per_mwh` = heat rate (Btu/kWh) x 1055.05585 J/Btu x
  1000 kWh/MWh x emission factor (kg CO2/TJ) / 1e12 J/TJ / 1000 kg/t;
  0.8017 when heat rate or emission factor is missing. For units built
  with CCS the tracker's emission factor is already reduced by 90%
  (e.g. 9,460 kg/TJ); the importer divides it by 0.1 to store the gross
  factor, because the model applies the capture rate itself (MODEL.md
  section 4). The model default (`emission_factor` constant 0.8017) does
  not use this column.
- `ccs_distance_km`: haversine (R = 6371.0 km) to the nearest cluster of
  `ccs_clusters.xlsx` (POINT_X lon, POINT_Y lat), times tortuosity 3.7.
- `installed` = `CCS` when `Combustion technology` ends in `/ccs`.
- Not used: `Retired year` / `Planned retirement` (retirement follows the
  40-year lifetime of MODEL.md).

**Biomass**: `res_kwh_20km_AF.npy`, non-zero cells only, kWh / 1000.

**Electricity floor**: `coalElec_baseload_prov.xlsx`, sheet `NC_GTEP`
(kWh/yr, 2025..2050 step 5), for provinces that have plants. BAU generation
of a unit in year y = capacity_mw x hours if start_year <= y <= start_year
+ 39. Scenario province names are mapped to the tracker spelling through
an explicit alias table (the January 2024 files match exactly); provinces
on one side only are reported, and provinces of plants without a scenario
row get no floor row (no floor).

**Pathways**: `cerps/CERPs_{30,40,50,60,70}per.xlsx`, every column except
`ori_Emiss_t`, named as written in the file (three names in the 30/40/60%
files are truncated in the source, e.g. `30-30hp-50nozer`, and are kept
as written); ratio = value / `ori_Emiss_t` of the same year. The 70% file
has only the four 25-peak pathways, so there are 36 pathways, not 40.

**Monte-Carlo pathways**: every `cerps/CuER_*per_*.xlsx`. Sheet1 holds
the pathways as columns next to an `ori_Emiss_t` column, Sheet2 holds them
as rows with an `ori_Emiss_t` row. The importer parses both and uses the
layout that yields the most pathways with `ori_Emiss_t` available: Sheet2
for every file (Sheet1 of the two `CuER_70per_2030p_*` files has empty
pathway columns). Pathway name `<file stem>/<pathway number>`, ratio
against that file's `ori_Emiss_t` per year.

""" + STATS_MARK + "\n" + STATS_MARK + """

## Parameters (params.toml)

""" + PARAMS_MARK + "\n"


def update_readme(path, stats):
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            cur = f.read()
        n = cur.count(STATS_MARK)
        if n >= 2:
            a = cur.index(STATS_MARK)
            b = cur.index(STATS_MARK, a + len(STATS_MARK)) + len(STATS_MARK)
            new = cur[:a] + stats + cur[b:]
        else:
            warn("%s has no pair of %s markers: appending the statistics" % (path, STATS_MARK))
            new = cur.rstrip("\n") + "\n\n" + stats + "\n"
    else:
        a = README_TEMPLATE.index(STATS_MARK)
        b = README_TEMPLATE.index(STATS_MARK, a + 1) + len(STATS_MARK)
        new = README_TEMPLATE[:a] + stats + README_TEMPLATE[b:]
    tmp = path + ".tmp-%d" % os.getpid()
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(new)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", default=None,
                    help="PLATO data directory (default: <repo>/%s)" % DEFAULT_SOURCE)
    ap.add_argument("--tracker", default=DEFAULT_TRACKER,
                    help="GEM tracker workbook, relative to --source or absolute "
                         "(default: %(default)s)")
    ap.add_argument("--out", default=None,
                    help="instance directory to (re)write (default: <repo>/%s)" % DEFAULT_OUT)
    ap.add_argument("--readme", default=None,
                    help="README to update (default: README.md next to --out)")
    args = ap.parse_args(argv)
    if args.source is None:
        args.source = os.path.normpath(os.path.join(REPO_ROOT, DEFAULT_SOURCE))
    if args.out is None:
        args.out = os.path.join(REPO_ROOT, DEFAULT_OUT)
    args.out = os.path.abspath(args.out)
    if args.readme is None:
        args.readme = os.path.join(os.path.dirname(args.out), "README.md")
    tracker = args.tracker if os.path.isabs(args.tracker) else os.path.join(args.source, args.tracker)
    if not os.path.isdir(args.source):
        fail("source directory not found: %s" % args.source)

    st = {}
    plants = import_plants(tracker, os.path.join(args.source, CCS_FILE), st)
    if not plants:
        fail("%s: no %s units selected" % (tracker, COUNTRY))
    biomass = import_biomass(os.path.join(args.source, BIOMASS_FILE), st)
    floor = import_floor(os.path.join(args.source, FLOOR_FILE), plants, st)
    cerps = import_cerps(args.source, st)
    mc = import_montecarlo(args.source, st)
    ranges = import_param_ranges(args.source, st)

    def params_writer(p):
        with open(p, "w", encoding="utf-8") as f:
            f.write(PARAMS_TOML)

    files = [
        ("plants.csv", lambda p: write_csv(p, PLANT_COLS, [[q[c] for c in PLANT_COLS] for q in plants])),
        ("biomass.csv", lambda p: write_csv(p, ["cell", "lon", "lat", "supply_mwh"], biomass)),
        ("elec_floor.csv", lambda p: write_csv(p, ["province", "year", "floor_mwh"], floor)),
        ("pathways.csv", lambda p: write_csv(p, ["pathway", "year", "cap_ratio"], cerps)),
        ("pathways_montecarlo.csv", lambda p: write_csv(p, ["pathway", "year", "cap_ratio"], mc)),
        ("params_range.csv", lambda p: write_csv(
            p, ["parameter", "source_parameter", "unit", "value", "min", "max"], ranges)),
        ("params.toml", params_writer),
    ]
    write_instance(args.out, files)
    st["sizes"] = [(n, os.path.getsize(os.path.join(args.out, n))) for n, _ in files]
    update_readme(args.readme, stats_markdown(st, args))

    print("import_plato: wrote %s" % args.out, file=sys.stderr)
    print("  plants: %d units, %.1f GW (selected before the %d-alive filter: %d units, %.1f GW)"
          % (st["plants"], st["plants_mw"] / 1e3, FIRST_YEAR, sum(st["sel_units"].values()),
             sum(st["sel_mw"].values()) / 1e3), file=sys.stderr)
    for k in STATUSES:
        print("    %-12s selected %4d / %7.1f GW, kept %4d / %7.1f GW, start year filled %d, dead %d"
              % (k, st["sel_units"][k], st["sel_mw"][k] / 1e3, st["out_units"][k],
                 st["out_mw"][k] / 1e3, st["filled"][k], st["dead"][k]), file=sys.stderr)
    print("  CCS installed: %d; EF t/MWh min %.3f mean %.3f max %.3f"
          % (st["ccs_installed"], st["ef_min"], st["ef_mean"], st["ef_max"]), file=sys.stderr)
    print("  biomass: %d cells, %.1f TWh/yr" % (st["biomass_cells"], st["biomass_twh"]), file=sys.stderr)
    print("  floor: %d provinces, %d rows" % (st["floor_provinces"], st["floor_rows"]), file=sys.stderr)
    print("  pathways: %d; Monte-Carlo pathways: %d" % (st["cerp_pathways"], st["mc_pathways"]),
          file=sys.stderr)
    print("  sizes: " + ", ".join("%s %d" % kv for kv in st["sizes"]), file=sys.stderr)
    print("  README: %s" % args.readme, file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ImportError_ as exc:
        print("import_plato: error: %s" % exc, file=sys.stderr)
        sys.exit(2)
