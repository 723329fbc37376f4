"""Global Energy Monitor's Global Iron and Steel Tracker (GIST) map files ->
the route blocks of a steel instance, and the scenario inputs that are not
in the tracker (provinces, national output and scrap, grid factor,
pathways). import_steel.py runs the steps and writes the files."""

import difflib
import os
import re

import importer_common
from importer_common import InputFault, fail, fmt, read_csv_dicts, warn, write_csv  # noqa: F401

importer_common.PROGRAM[0] = "import_steel"

# ------------------------------------------------------------ the tracker
STATUS_COUNTED = ("operating", "operating_pre-retirement")
PRE_RETIREMENT = "operating_pre-retirement"
BF, BOF, EAF, DRI, OHF = ("Blast_furnaces", "Basic_oxygen_furnaces", "Electric_arc_furnaces",
                          "DRI_furnaces", "Open_hearth_furnaces")
# GEM's tab-type values; "Open_hearth" is accepted for the open hearths as well.
TYPE_ALIASES = {"Open_hearth": OHF}
TYPES = (BF, BOF, EAF, DRI, OHF)

C_TYPE, C_PLANT, C_UNIT, C_STATUS = "tab-type", "gem-plant-id", "gem-unit-id", "status"
C_CAP, C_RELINE, C_NAME = "current-capacity-(ttpa)", "most-recent-relining", "plant-name-(english)"
C_PROV, C_COUNTRY, C_START = "subnational-unit-(province/state)", "country/area", "start-date"
C_LAT, C_LNG = "lat", "lng"
UNIT_COLS = [C_TYPE, C_PLANT, C_UNIT, C_STATUS, C_CAP, C_RELINE, C_NAME, C_PROV, C_COUNTRY,
             C_START, C_LAT, C_LNG]
# GEM writes ">0" where a unit exists but its capacity is not known.
CAP_UNKNOWN = (">0",)

# Plants file: the plant id and coordinates (fall-back), and the nominal
# capacities by status and technology (cross-check of the unit sums).
P_ID = "plant-id"
P_CHECK = {
    BOF: ("operating-nominal-bof-steel-capacity-(ttpa)",
          "operating-pre-retirement-nominal-bof-steel-capacity-(ttpa)"),
    EAF: ("operating-nominal-eaf-steel-capacity-(ttpa)",
          "operating-pre-retirement-nominal-eaf-steel-capacity-(ttpa)"),
    BF: ("operating-nominal-bf-capacity-(ttpa)",
         "operating-pre-retirement-nominal-bf-capacity-(ttpa)"),
}

YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def first_year(s):
    """The first 4-digit year in a date text ('2003-05-14' -> 2003); None if none."""
    m = YEAR_RE.search(s or "")
    return int(m.group(1)) if m else None


def _num(s):
    try:
        v = float(s.strip().replace(",", ""))
    except (ValueError, AttributeError):
        return None
    return v if v == v and abs(v) != float("inf") else None


def _coord(s, lo, hi):
    v = _num(s or "")
    return v if v is not None and lo <= v <= hi else None


def check_country(country, present, path):
    if country in present:
        return
    near = [p for p in present if p.lower() == country.lower()]
    near += [n for n in difflib.get_close_matches(country, sorted(present), n=5, cutoff=0.6)
             if n not in near]
    fail("%s: country not in the tracker: '%s' (near: %s)\n  (GEM spelling, field '%s'; "
         "%d countries and areas have units)"
         % (path, country, ", ".join(near) if near else "none", C_COUNTRY, len(present)))


def read_units(path, country, st):
    """Units of `country` -> {plant id: plant}, in order of first line. A plant
    holds its name, province, coordinates, start date and the counted units
    (operating or operating with announced retirement) by type. Every unit of
    the country is tallied by (type, status) in st['tally']."""
    rows = read_csv_dicts(path, UNIT_COLS)
    present = {r[C_COUNTRY].strip() for _, r in rows if (r[C_COUNTRY] or "").strip()}
    check_country(country, present, path)
    st["units_rows"] = len(rows)
    tally = {}      # (type, status) -> [units, ttpa with a known number]
    unknown_cap = []
    plants = {}
    for line, r in rows:
        if (r[C_COUNTRY] or "").strip() != country:
            continue
        typ = (r[C_TYPE] or "").strip()
        typ = TYPE_ALIASES.get(typ, typ)
        status = (r[C_STATUS] or "").strip()
        cap_text = (r[C_CAP] or "").strip()
        t = tally.setdefault((typ, status), [0, 0.0])
        t[0] += 1
        if status not in STATUS_COUNTED or typ not in TYPES:
            v = _num(cap_text)
            t[1] += v if v is not None else 0.0
            continue
        where = "%s:%d" % (path, line)
        pid = (r[C_PLANT] or "").strip()
        if not pid:
            fail("%s: field '%s' is empty" % (where, C_PLANT))
        if cap_text in CAP_UNKNOWN:
            unknown_cap.append((line, (r[C_UNIT] or "").strip(), typ, pid))
            continue
        cap = _num(cap_text)
        if cap is None:
            fail("%s: field '%s': '%s' is not a number (thousand tonnes per year)"
                 % (where, C_CAP, cap_text))
        if cap <= 0:
            fail("%s: field '%s': %s is not > 0" % (where, C_CAP, cap_text))
        t[1] += cap
        prov = (r[C_PROV] or "").strip()
        if not prov and typ in (BF, BOF, EAF):
            fail("%s: field '%s' is empty (plant %s, %s)"
                 % (where, C_PROV, pid, (r[C_NAME] or "").strip()))
        p = plants.get(pid)
        if p is None:
            p = plants[pid] = {"id": pid, "line": line, "name": (r[C_NAME] or "").strip(),
                               "province": prov, "lat": None, "lng": None,
                               "start_year": first_year(r[C_START]), "units": {k: [] for k in TYPES}}
        elif prov and p["province"] and prov != p["province"]:
            warn("%s: plant %s: province '%s' differs from '%s' of line %d; the first is kept"
                 % (where, pid, prov, p["province"], p["line"]))
        if not p["province"]:
            p["province"], p["line"] = prov, line
        if p["lat"] is None:
            lat, lng = _coord(r[C_LAT], -90, 90), _coord(r[C_LNG], -180, 180)
            if lat is not None and lng is not None:
                p["lat"], p["lng"] = lat, lng
            elif (r[C_LAT] or "").strip() or (r[C_LNG] or "").strip():
                fail("%s: fields '%s', '%s': '%s', '%s' are not a latitude in [-90, 90] and a "
                     "longitude in [-180, 180]" % (where, C_LAT, C_LNG, r[C_LAT], r[C_LNG]))
        reline = None
        if typ == BF:
            txt = (r[C_RELINE] or "").strip()
            if txt and txt.lower() not in ("unknown", "n/a", "na", "-"):
                reline = first_year(txt)
                if reline is None or not 1900 <= reline <= 2100:
                    fail("%s: field '%s': '%s' holds no year in 1900..2100" % (where, C_RELINE, txt))
        p["units"][typ].append({"line": line, "id": (r[C_UNIT] or "").strip(), "ttpa": cap,
                                "status": status, "relining": reline})
    if not tally:
        fail("%s: no unit of %s" % (path, country))
    st["tally"] = tally
    st["unknown_cap"] = unknown_cap
    for line, uid, typ, pid in unknown_cap:
        warn("%s:%d: unit %s (%s, plant %s): capacity '>0' (not known): unit left out"
             % (path, line, uid, typ, pid))
    return plants


def read_plants(path, country, plants, st):
    """Plants file: coordinates for plants whose unit rows have none, and
    the cross-check of the unit sums against its nominal capacities."""
    rows = read_csv_dicts(path, [P_ID, C_COUNTRY, C_LAT, C_LNG])
    st["plants_rows"] = len(rows)
    by_id = {}
    for line, r in rows:
        by_id.setdefault((r[P_ID] or "").strip(), (line, r))
    filled = 0
    for p in plants.values():
        if p["lat"] is None and p["id"] in by_id:
            line, r = by_id[p["id"]]
            lat, lng = _coord(r[C_LAT], -90, 90), _coord(r[C_LNG], -180, 180)
            if lat is not None and lng is not None:
                p["lat"], p["lng"] = lat, lng
                filled += 1
    st["coords_from_plants"] = filled
    cols = rows[0][1].keys() if rows else []
    missing = [c for pair in P_CHECK.values() for c in pair if c not in cols]
    check = {"plants_country": sum(1 for _, r in rows if (r[C_COUNTRY] or "").strip() == country),
             "missing_cols": missing, "mismatch": [], "not_in_plants": [], "only_in_plants": []}
    st["check"] = check
    if missing:
        warn("%s: capacity column(s) not found, no cross-check: %s" % (path, ", ".join(missing)))
        return
    for p in plants.values():
        if p["id"] not in by_id:
            check["not_in_plants"].append(p["id"])
            continue
        line, r = by_id[p["id"]]
        for typ, pair in P_CHECK.items():
            want = sum(_num(r[c] or "") or 0.0 for c in pair)
            have = sum(u["ttpa"] for u in p["units"][typ])
            if abs(want - have) > 0.5:
                check["mismatch"].append((p["id"], typ, have, want, line))
    for line, r in rows:
        pid = (r[P_ID] or "").strip()
        if (r[C_COUNTRY] or "").strip() == country and pid not in plants:
            if any((_num(r[c] or "") or 0.0) > 0 for pair in P_CHECK.values() for c in pair):
                check["only_in_plants"].append(pid)
    for pid, typ, have, want, line in check["mismatch"][:10]:
        warn("cross-check: plant %s %s: units sum to %g ttpa, %s:%d says %g"
             % (pid, typ, have, os.path.basename(path), line, want))
    if len(check["mismatch"]) > 10:
        warn("cross-check: %d more differences" % (len(check["mismatch"]) - 10))
    if check["only_in_plants"]:
        warn("cross-check: %d plants have operating capacity in the plants file but no counted "
             "unit: %s" % (len(check["only_in_plants"]), ", ".join(check["only_in_plants"][:10])))


def form_blocks(plants, path, st):
    """One BF-BOF block per plant with counted converters, one EAF block per
    plant with counted EAFs. GEM does not link blast furnaces to converters,
    so a plant's BFs all go with its BOF block."""
    blocks = []
    iron_only, iron_only_eaf, iron_only_ttpa, no_block = [], 0, 0.0, []
    for p in plants.values():
        u = p["units"]
        if (u[BF] or u[BOF] or u[EAF]) and (p["lat"] is None or p["lng"] is None):
            fail("%s:%d: plant %s (%s): no coordinates in fields '%s', '%s' of its unit rows "
                 "nor in the plants file" % (path, p["line"], p["id"], p["name"], C_LAT, C_LNG))
        base = {"plant_id": p["id"], "plant_name": p["name"], "province": p["province"],
                "lat": p["lat"], "lng": p["lng"], "start_year": p["start_year"], "line": p["line"]}
        if u[BOF]:
            bf_ttpa = sum(x["ttpa"] for x in u[BF])
            if not u[BF]:
                warn("%s:%d: plant %s (%s) has converters but no counted blast furnace: "
                     "bf_capacity_mt 0" % (path, p["line"], p["id"], p["name"]))
            years = [x["relining"] for x in u[BF] if x["relining"] is not None]
            b = dict(base, block_id=p["id"] + "-BOF", route="BF-BOF",
                     capacity_mt=mt(sum(x["ttpa"] for x in u[BOF])), bf_capacity_mt=mt(bf_ttpa),
                     last_relining=min(years) if years else None, n_units=len(u[BOF]),
                     retirement_announced=int(any(x["status"] == PRE_RETIREMENT
                                                  for x in u[BOF] + u[BF])),
                     n_bf=len(u[BF]))
            blocks.append(b)
        elif u[BF]:
            iron_only.append(p["id"])
            iron_only_ttpa += sum(x["ttpa"] for x in u[BF])
            iron_only_eaf += 1 if u[EAF] else 0
        if u[EAF]:
            blocks.append(dict(base, block_id=p["id"] + "-EAF", route="EAF",
                               capacity_mt=mt(sum(x["ttpa"] for x in u[EAF])), bf_capacity_mt=None,
                               last_relining=None, n_units=len(u[EAF]),
                               retirement_announced=int(any(x["status"] == PRE_RETIREMENT
                                                            for x in u[EAF])),
                               n_bf=0))
        if not (u[BF] or u[BOF] or u[EAF]):
            no_block.append(p["id"])
    for b in blocks:
        if not b["capacity_mt"] > 0:
            fail("%s:%d: block %s has capacity %r Mt/yr, not > 0" % (path, b["line"], b["block_id"],
                                                                     b["capacity_mt"]))
    st.update(iron_only=iron_only, iron_only_eaf=iron_only_eaf, iron_only_mt=iron_only_ttpa / 1000.0,
              dri_ohf_only=no_block)
    return blocks


def mt(ttpa):
    """Thousand tonnes per year -> Mt/yr, to 1 t/yr (sums of kt have no more)."""
    return round(ttpa / 1000.0, 6)


# ------------------------------------------------------------- provinces
# The 31 provinces of mainland China: capital, its city-centre coordinates
# (degrees, 4 decimals, to a few km), and the resident population of the 7th
# National Population Census (1 November 2020, National Bureau of Statistics
# of China), millions.
CHINA_PROVINCES = [
    ("Anhui", "Hefei", 31.8206, 117.2272, 61.03),
    ("Beijing", "Beijing", 39.9042, 116.4074, 21.89),
    ("Chongqing", "Chongqing", 29.5630, 106.5516, 32.05),
    ("Fujian", "Fuzhou", 26.0745, 119.2965, 41.54),
    ("Gansu", "Lanzhou", 36.0611, 103.8343, 25.02),
    ("Guangdong", "Guangzhou", 23.1291, 113.2644, 126.01),
    ("Guangxi", "Nanning", 22.8170, 108.3665, 50.13),
    ("Guizhou", "Guiyang", 26.6470, 106.6302, 38.56),
    ("Hainan", "Haikou", 20.0440, 110.1999, 10.08),
    ("Hebei", "Shijiazhuang", 38.0428, 114.5149, 74.61),
    ("Heilongjiang", "Harbin", 45.8038, 126.5350, 31.85),
    ("Henan", "Zhengzhou", 34.7466, 113.6253, 99.37),
    ("Hubei", "Wuhan", 30.5928, 114.3055, 57.75),
    ("Hunan", "Changsha", 28.2282, 112.9388, 66.44),
    ("Inner Mongolia", "Hohhot", 40.8426, 111.7492, 24.05),
    ("Jiangsu", "Nanjing", 32.0603, 118.7969, 84.75),
    ("Jiangxi", "Nanchang", 28.6820, 115.8579, 45.19),
    ("Jilin", "Changchun", 43.8171, 125.3235, 24.07),
    ("Liaoning", "Shenyang", 41.8057, 123.4315, 42.59),
    ("Ningxia", "Yinchuan", 38.4872, 106.2309, 7.20),
    ("Qinghai", "Xining", 36.6171, 101.7782, 5.92),
    ("Shaanxi", "Xi'an", 34.3416, 108.9398, 39.53),
    ("Shandong", "Jinan", 36.6512, 117.1201, 101.53),
    ("Shanghai", "Shanghai", 31.2304, 121.4737, 24.87),
    ("Shanxi", "Taiyuan", 37.8706, 112.5489, 34.92),
    ("Sichuan", "Chengdu", 30.5728, 104.0668, 83.67),
    ("Tianjin", "Tianjin", 39.0842, 117.2009, 13.87),
    ("Tibet", "Lhasa", 29.6520, 91.1721, 3.65),
    ("Xinjiang", "Urumqi", 43.8256, 87.6168, 25.85),
    ("Yunnan", "Kunming", 24.8801, 102.8329, 47.21),
    ("Zhejiang", "Hangzhou", 30.2741, 120.1551, 64.57),
]

# Tracker spelling -> table spelling (GEM's 2025 files use the table's).
PROVINCE_ALIASES = importer_common.CHINA_PROVINCE_ALIASES


def china_provinces():
    return [{"province": n, "capital": c, "lat": la, "lng": lo, "population_m": p}
            for n, c, la, lo, p in CHINA_PROVINCES]


def read_provinces(path):
    """A user table province,lat,lng,population_m (another country)."""
    out, seen = [], set()
    for line, r in read_csv_dicts(path, ["province", "lat", "lng", "population_m"]):
        name = (r["province"] or "").strip()
        if not name or name in seen:
            fail("%s:%d: province '%s' empty or repeated" % (path, line, name))
        seen.add(name)
        lat, lng = _coord(r["lat"], -90, 90), _coord(r["lng"], -180, 180)
        if lat is None or lng is None:
            fail("%s:%d: lat/lng '%s', '%s' not in [-90, 90] x [-180, 180]" % (path, line, r["lat"], r["lng"]))
        pop = _num(r["population_m"] or "")
        if pop is None or not 0 <= pop <= 2000:
            fail("%s:%d: population_m '%s' not in [0, 2000]" % (path, line, r["population_m"]))
        out.append({"province": name, "capital": "", "lat": lat, "lng": lng, "population_m": pop})
    if not out or sum(p["population_m"] for p in out) <= 0:
        fail("%s: no province with a population" % path)
    return out


def match_provinces(blocks, provinces, path, table_name):
    """Every block's province must be a row of the table (after the aliases)."""
    names = {p["province"] for p in provinces}
    for b in blocks:
        name = PROVINCE_ALIASES.get(b["province"], b["province"])
        if name not in names:
            near = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.6)
            fail("%s:%d: field '%s': province '%s' (plant %s) is not in %s (near: %s); add its "
                 "spelling to PROVINCE_ALIASES in io/importers/steel_gist.py"
                 % (path, b["line"], C_PROV, b["province"], b["plant_id"], table_name,
                    ", ".join(near) if near else "none"))
        b["province"] = name


# ------------------------------------------------------------- scenarios
YEARS = list(range(2025, 2061, 5))
# China's crude-steel output, 2023: 1,019.08 Mt (National Bureau of Statistics).
ANCHOR_OUTPUT_MT = 1019.08
# National crude-steel output (Mt): a round scenario of slow decline.
NATIONAL_OUTPUT_MT = {2025: 1000, 2030: 900, 2035: 820, 2040: 750, 2045: 700, 2050: 650,
                      2055: 620, 2060: 600}
# National scrap available to steelmaking (Mt): a round scenario, from about
# 260 Mt used in the early 2020s.
NATIONAL_SCRAP_MT = {2025: 280, 2030: 340, 2035: 390, 2040: 430, 2045: 460, 2050: 480,
                     2055: 490, 2060: 500}
GRID_EF_2025, GRID_EF_ZERO_YEAR = 0.57, 2060
PAPER_99 = {2025: 1.0, 2030: 0.85, 2035: 0.70, 2040: 0.50, 2045: 0.35, 2050: 0.20, 2055: 0.08,
            2060: 0.01}


def china_scenario():
    return {y: {"output_mt": float(NATIONAL_OUTPUT_MT[y]), "scrap_mt": float(NATIONAL_SCRAP_MT[y]),
                "grid_ef": round(GRID_EF_2025 * (GRID_EF_ZERO_YEAR - y) / (GRID_EF_ZERO_YEAR - 2025), 6)}
            for y in YEARS}


def read_scenario(path):
    """A user national scenario year,output_mt,scrap_mt,grid_ef_t_per_mwh for
    every year of YEARS."""
    out = {}
    for line, r in read_csv_dicts(path, ["year", "output_mt", "scrap_mt", "grid_ef_t_per_mwh"]):
        y = _num(r["year"] or "")
        if y is None or y not in YEARS:
            fail("%s:%d: year '%s' is not one of %s" % (path, line, r["year"], ", ".join(map(str, YEARS))))
        y = int(y)
        if y in out:
            fail("%s:%d: year %d given twice" % (path, line, y))
        vals = {}
        for col, key, hi in (("output_mt", "output_mt", 1e5), ("scrap_mt", "scrap_mt", 1e5),
                             ("grid_ef_t_per_mwh", "grid_ef", 5.0)):
            v = _num(r[col] or "")
            if v is None or not 0 <= v <= hi:
                fail("%s:%d: %s '%s' not in [0, %g]" % (path, line, col, r[col], hi))
            vals[key] = v
        out[y] = vals
    missing = [y for y in YEARS if y not in out]
    if missing:
        fail("%s: no row for year(s) %s" % (path, ", ".join(map(str, missing))))
    return out


def pathways():
    rows = []
    for y in YEARS:
        rows.append(("linear-90", y, round(1.0 - 0.9 * (y - 2025) / (2060 - 2025), 6)))
    rows += [("paper-99", y, PAPER_99[y]) for y in YEARS]
    rows += [("none", y, 10) for y in YEARS]
    return rows


def scrap_shares(blocks, provinces, weight):
    """Province -> share of national scrap: weight x population share +
    (1 - weight) x share of the fleet's counted capacity."""
    pop = sum(p["population_m"] for p in provinces)
    cap = sum(b["capacity_mt"] for b in blocks)
    by = {}
    for b in blocks:
        by[b["province"]] = by.get(b["province"], 0.0) + b["capacity_mt"]
    return {p["province"]: weight * p["population_m"] / pop + (1 - weight) * by.get(p["province"], 0.0) / cap
            for p in provinces}

