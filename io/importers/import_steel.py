#!/usr/bin/python3
"""Build a plantpath steel-sector instance from Global Energy Monitor's
Global Iron and Steel Tracker map files (units and plants, March 2025).

One block per production route of a plant (BF-BOF, EAF) from its operating
furnaces, the 31 provinces of mainland China, and the scenario inputs that
are not in the tracker (crude-steel demand, scrap supply, grid emission
factor, emission-cap pathways). Every rule and figure is written into the
README.md of the instance.

Usage (from the repo root; these are the defaults):
    /usr/bin/python3 io/importers/import_steel.py \\
        --units ../shared/data/steel/GIST_Iron_Steel_map-file_units_2025-03-18.csv \\
        --plants ../shared/data/steel/GIST_Iron_Steel_map-file_plants_2025-03-25.csv \\
        --country China --out datasets/china-steel-gist-2025

The instance directory is written next to --out and renamed over it (a
failed import leaves the previous one). Warnings and counts go to stderr;
exit status 2 on an input error.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import steel_gist as sg  # noqa: E402
from importer_common import InputFault, fail, fmt, write_csv, write_instance  # noqa: E402

REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_DATA = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "data", "steel"))
UNITS_FILE = "GIST_Iron_Steel_map-file_units_2025-03-18.csv"
PLANTS_FILE = "GIST_Iron_Steel_map-file_plants_2025-03-25.csv"
DEFAULT_OUT = "datasets/china-steel-gist-2025"
DEFAULT_COUNTRY = "China"
DEFAULT_UTILISATION = 0.80
DEFAULT_POP_WEIGHT = 0.5

BLOCK_COLS = ["block_id", "plant_id", "plant_name", "province", "lat", "lng", "route", "capacity_mt",
              "bf_capacity_mt", "start_year", "last_relining", "n_units", "retirement_announced"]

PARAMS_TOML = """\
# plantpath parameters for this steel instance.
# Empty on purpose: the model defaults of papers/steel-model.md apply.
# The solver reads optional overrides, one per line:  name = value
# (see datasets/README.md, section "Parameters (params.toml)").
"""


# ------------------------------------------------------------- the write


def write_text(text):
    def w(path):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return w


# ------------------------------------------------------- command line
def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Rules and figures: the README.md the importer writes "
                                        "into the instance directory.")
    ap.add_argument("--units", default=None, metavar="FILE",
                    help="GIST units map file, CSV (default: <repo>/../shared/data/steel/%s)" % UNITS_FILE)
    ap.add_argument("--plants", default=None, metavar="FILE",
                    help="GIST plants map file, CSV, for coordinates the unit rows lack and a "
                         "cross-check of the capacities, or 'none' (default: %s next to the "
                         "default units file, skipped if absent)" % PLANTS_FILE)
    ap.add_argument("--country", default=DEFAULT_COUNTRY,
                    help="country or area as GEM spells it (default: %(default)s)")
    ap.add_argument("--out", default=None, metavar="DIR",
                    help="instance directory to (re)write (default: <repo>/%s)" % DEFAULT_OUT)
    ap.add_argument("--utilisation", "--capacity-factor", dest="utilisation", type=float,
                    default=DEFAULT_UTILISATION, metavar="U",
                    help="assumed 2023 utilisation of the fleet's counted capacity, in (0, 1]; "
                         "coverage = capacity x U / anchor output (default %(default)s)")
    ap.add_argument("--population-weight", type=float, default=DEFAULT_POP_WEIGHT, metavar="W",
                    help="weight of the population share in a province's scrap share, in [0, 1]; "
                         "the rest follows its share of the fleet's capacity (default %(default)s)")
    ap.add_argument("--anchor-output-mt", type=float, default=None, metavar="MT",
                    help="the country's crude-steel output of the anchor year, Mt (default: "
                         "China's 2023 output, %g)" % sg.ANCHOR_OUTPUT_MT)
    ap.add_argument("--provinces", default=None, metavar="FILE",
                    help="CSV province,lat,lng,population_m (default: the built-in table of "
                         "mainland China's 31 provinces; required for another country)")
    ap.add_argument("--scenario", default=None, metavar="FILE",
                    help="CSV year,output_mt,scrap_mt,grid_ef_t_per_mwh for %s (default: the "
                         "built-in China scenario; required for another country)"
                         % ", ".join(map(str, sg.YEARS)))
    a = ap.parse_args(argv)
    if not 0 < a.utilisation <= 1:
        fail("--utilisation %g is not in (0, 1]" % a.utilisation)
    if not 0 <= a.population_weight <= 1:
        fail("--population-weight %g is not in [0, 1]" % a.population_weight)
    if a.anchor_output_mt is not None and not 0 < a.anchor_output_mt <= 1e5:
        fail("--anchor-output-mt %g is not in (0, 1e5]" % a.anchor_output_mt)
    a.need = []
    if a.country != DEFAULT_COUNTRY:
        a.need = [o for o, v in (("--provinces", a.provinces), ("--scenario", a.scenario),
                                 ("--anchor-output-mt", a.anchor_output_mt)) if v is None]
    a.units = os.path.abspath(a.units) if a.units else os.path.join(DEFAULT_DATA, UNITS_FILE)
    if a.plants is None:
        a.plants = os.path.join(os.path.dirname(a.units), PLANTS_FILE)
        if not os.path.isfile(a.plants):
            sg.warn("no plants file %s: no coordinate fall-back, no cross-check" % a.plants)
            a.plants = None
    elif a.plants.lower() == "none":
        a.plants = None
    else:
        a.plants = os.path.abspath(a.plants)
    a.out = os.path.abspath(a.out or os.path.join(REPO_ROOT, DEFAULT_OUT))
    if a.anchor_output_mt is None:
        a.anchor_output_mt = sg.ANCHOR_OUTPUT_MT
    return a


def show_path(p):
    """A path for the README: relative to the repo root when it is near it."""
    rel = os.path.relpath(p, REPO_ROOT)
    return rel if not rel.startswith(os.pardir + os.sep + os.pardir) else p


def rebuild_command(a):
    parts = ["/usr/bin/python3 io/importers/import_steel.py"]
    defaults_units = os.path.join(DEFAULT_DATA, UNITS_FILE)
    if a.units != defaults_units:
        parts.append("--units " + show_path(a.units))
    if a.plants is None:
        parts.append("--plants none")
    elif a.plants != os.path.join(os.path.dirname(a.units), PLANTS_FILE):
        parts.append("--plants " + show_path(a.plants))
    if a.country != DEFAULT_COUNTRY:
        parts.append("--country '%s'" % a.country)
    if a.out != os.path.join(REPO_ROOT, DEFAULT_OUT):
        parts.append("--out " + show_path(a.out))
    if a.utilisation != DEFAULT_UTILISATION:
        parts.append("--utilisation %s" % fmt(a.utilisation))
    if a.population_weight != DEFAULT_POP_WEIGHT:
        parts.append("--population-weight %s" % fmt(a.population_weight))
    if a.anchor_output_mt != sg.ANCHOR_OUTPUT_MT:
        parts.append("--anchor-output-mt %s" % fmt(a.anchor_output_mt))
    if a.provinces:
        parts.append("--provinces " + show_path(os.path.abspath(a.provinces)))
    if a.scenario:
        parts.append("--scenario " + show_path(os.path.abspath(a.scenario)))
    return " \\\n        ".join(parts)


# ------------------------------------------------------------ statistics
def route_stats(blocks, st):
    r = {}
    for route in ("BF-BOF", "EAF"):
        bs = [b for b in blocks if b["route"] == route]
        r[route] = {"blocks": len(bs), "mt": sum(b["capacity_mt"] for b in bs),
                    "units": sum(b["n_units"] for b in bs),
                    "retiring": sum(b["retirement_announced"] for b in bs),
                    "bf_mt": sum(b["bf_capacity_mt"] or 0.0 for b in bs),
                    "bf_units": sum(b["n_bf"] for b in bs),
                    "relined": sum(1 for b in bs if b["last_relining"] is not None),
                    "no_bf": sum(1 for b in bs if route == "BF-BOF" and b["n_bf"] == 0),
                    "odd_ratio": sum(1 for b in bs if route == "BF-BOF" and b["n_bf"] > 0
                                     and not 0.5 <= b["bf_capacity_mt"] / b["capacity_mt"] <= 2),
                    "start_known": sum(1 for b in bs if b["start_year"] is not None)}
    st["routes"] = r
    by = {}
    for b in blocks:
        n, mt = by.get(b["province"], (0, 0.0))
        by[b["province"]] = (n + 1, mt + b["capacity_mt"])
    st["by_province"] = by
    st["fleet_mt"] = sum(b["capacity_mt"] for b in blocks)


def m1(x):
    return "%.1f" % x


def tally_table(st):
    """Every unit of the country by type and status: units, Mt/yr."""
    tally = st["tally"]
    types = [t for t in sg.TYPES if any(k[0] == t for k in tally)]
    types += sorted({k[0] for k in tally if k[0] not in sg.TYPES})
    statuses = sorted({k[1] for k in tally}, key=lambda s: (s not in sg.STATUS_COUNTED, s))
    out = ["| status | " + " | ".join(t.replace("_", " ") for t in types) + " |",
           "|---|" + "---:|" * len(types)]
    for s in statuses:
        cells = []
        for t in types:
            n, kt = tally.get((t, s), (0, 0.0))
            cells.append("%d (%s)" % (n, m1(kt / 1000.0)) if n else "")
        mark = " (counted)" if s in sg.STATUS_COUNTED else ""
        out.append("| %s%s | %s |" % (s or "(empty)", mark, " | ".join(cells)))
    return out


def counted(st, typ):
    n = sum(st["tally"].get((typ, s), (0, 0))[0] for s in sg.STATUS_COUNTED)
    kt = sum(st["tally"].get((typ, s), (0, 0.0))[1] for s in sg.STATUS_COUNTED)
    return n, kt / 1000.0


def readme(a, st, scen, provinces, shares):
    R = st["routes"]
    bof, eaf = R["BF-BOF"], R["EAF"]
    ignored = {k: v for k, v in st["tally"].items()
               if k[1] not in sg.STATUS_COUNTED or k[0] not in sg.TYPES}
    n_ign = sum(v[0] for v in ignored.values())
    dri_n, dri_mt = counted(st, sg.DRI)
    ohf_n, ohf_mt = counted(st, sg.OHF)
    cov = st["coverage"]
    china = a.country == DEFAULT_COUNTRY and not a.provinces
    L = []
    A = L.append
    A("# `%s`: %s steel sector, GEM Global Iron and Steel Tracker (March 2025)"
      % (os.path.basename(a.out), a.country))
    A("")
    A("Generated by `io/importers/import_steel.py`; do not edit by hand. Rebuild from the repo "
      "root with:")
    A("")
    A("    " + rebuild_command(a))
    A("")
    A("The fleet is the %s furnaces of the GEM Global Iron and Steel Tracker that are operating "
      "(`operating` or `operating_pre-retirement`), grouped per plant into route blocks: "
      "**%d BF-BOF blocks, %s Mt/yr** of converter steel, and **%d EAF blocks, %s Mt/yr**, "
      "in %d provinces; %s Mt/yr in all. Demand and scrap are scenario inputs scaled to this "
      "fleet by the coverage **%.4f** (section 3)."
      % (a.country, bof["blocks"], m1(bof["mt"]), eaf["blocks"], m1(eaf["mt"]),
         len(st["by_province"]), m1(st["fleet_mt"]), cov))
    A("")
    A("## Files")
    A("")
    A("| file | rows | what it is |")
    A("|---|---:|---|")
    A("| `blocks.csv` | %d | one row per production route of a plant (section 1) |" % st["n_blocks"])
    A("| `provinces.csv` | %d | provinces: capital coordinates and population (section 2) |" % len(provinces))
    A("| `demand.csv` | %d | crude-steel demand met by the modelled fleet, Mt/yr (section 3) |" % len(sg.YEARS))
    A("| `scrap_supply.csv` | %d | scrap available to the fleet per province, Mt/yr (section 4) |"
      % (len(sg.YEARS) * len(provinces)))
    A("| `grid_ef.csv` | %d | national grid emission factor, t CO2/MWh (section 5) |" % len(sg.YEARS))
    A("| `pathways.csv` | %d | emission caps as ratios of the model's reference emissions (section 6) |"
      % len(sg.pathways()))
    A("| `params.toml` | | comments only: the defaults of `papers/steel-model.md` apply; overrides are "
      "`name = value` lines |")
    A("| `README.md` | | this file |")
    A("")
    A("All CSV files: UTF-8, comma-separated, one header row, `.` decimal separator, fields "
      "with commas or quotes quoted, integers without a decimal point, capacities rounded to "
      "1 t/yr (6 decimals of Mt), derived figures to 6 decimals.")
    A("")
    A("## 1. `blocks.csv`: the route blocks")
    A("")
    A("Source: `%s` (%d rows, %d of them %s units; see PROVENANCE.md next to it)."
      % (show_path(a.units), st["units_rows"], sum(v[0] for v in st["tally"].values()), a.country))
    A("")
    A("| column | unit | meaning |")
    A("|---|---|---|")
    A("| `block_id` | | `gem-plant-id` + `-BOF` (route BF-BOF) or `-EAF` (route EAF) |")
    A("| `plant_id` | | GEM plant id (`gem-plant-id`) |")
    A("| `plant_name` | | `plant-name-(english)` |")
    A("| `province` | | `subnational-unit-(province/state)` as GEM spells it (a row of `provinces.csv`) |")
    A("| `lat`, `lng` | degrees | plant coordinates of the unit rows (WGS84) |")
    A("| `route` | | `BF-BOF` or `EAF` |")
    A("| `capacity_mt` | Mt/yr crude steel | sum of the block's counted converters (BF-BOF) or electric arc furnaces (EAF), `current-capacity-(ttpa)` / 1000 |")
    A("| `bf_capacity_mt` | Mt/yr hot metal | BF-BOF: sum of the plant's counted blast furnaces / 1000 (0 if none); EAF: empty |")
    A("| `start_year` | year | first 4-digit year of the plant's `start-date` (the plant's, not the unit's); empty if none |")
    A("| `last_relining` | year | BF-BOF: the earliest `most-recent-relining` year among the plant's counted blast furnaces; empty if none is known, and for EAF |")
    A("| `n_units` | | counted converters (BF-BOF) or EAFs (EAF) of the block |")
    A("| `retirement_announced` | 0/1 | 1 if a counted unit of the block (for BF-BOF also one of the plant's blast furnaces) is `operating_pre-retirement` |")
    A("")
    A("Rules:")
    A("")
    A("- Counted units: status `operating` or `operating_pre-retirement` (operating, with a "
      "retirement announced). Every other status (announced, construction, mothballed, "
      "retired, cancelled, ...) is ignored.")
    A("- GEM does not link a blast furnace to a converter, so routes are formed per plant: a "
      "plant with counted converters has one BF-BOF block holding all its counted blast "
      "furnaces; a plant with counted EAFs has one EAF block. A plant with both has two "
      "blocks.")
    A("- A plant with counted blast furnaces but no converter (iron only, e.g. a pig-iron "
      "or foundry-iron works, or iron sent to another plant) has no BF-BOF block; its EAFs, "
      "if any, still form an EAF block.")
    A("- DRI units and open-hearth furnaces form no block (counted below).")
    A("- A unit whose capacity GEM gives as `>0` (not known) is left out with a warning; "
      "any other capacity that is not a number > 0, an empty province, or a blast-furnace "
      "relining date without a year stops the import with the file, line and field.")
    A("- Coordinates come from the unit rows; if missing, from the plants file; a block "
      "without either stops the import.")
    A("- Rows are sorted by province, then block_id.")
    A("")
    A("Counts (%s):" % a.country)
    A("")
    A("| route | blocks | Mt/yr | furnaces | blocks with retirement announced | blast furnaces (Mt/yr hot metal) | relining year known | start year known |")
    A("|---|---:|---:|---:|---:|---:|---:|---:|")
    A("| BF-BOF | %d | %s | %d converters | %d | %d (%s) | %d blocks | %d |"
      % (bof["blocks"], m1(bof["mt"]), bof["units"], bof["retiring"], bof["bf_units"], m1(bof["bf_mt"]),
         bof["relined"], bof["start_known"]))
    A("| EAF | %d | %s | %d EAFs | %d | | | %d |"
      % (eaf["blocks"], m1(eaf["mt"]), eaf["units"], eaf["retiring"], eaf["start_known"]))
    A("")
    bf_n, bf_mt = counted(st, sg.BF)
    A("- BF-BOF blocks without a counted blast furnace (bf_capacity_mt 0; e.g. converters fed "
      "with hot metal from a neighbouring works, or blast furnaces mothballed): %d. BF-BOF "
      "blocks whose blast-furnace capacity is under half or over twice their converter "
      "capacity: %d (GEM's figures, kept as they are)." % (bof["no_bf"], bof["odd_ratio"]))
    A("- Iron-only plants (counted blast furnaces, no converter): %d, %s Mt/yr of blast "
      "furnaces (of %d counted blast furnaces, %s Mt/yr); %d of them have an EAF block."
      % (len(st["iron_only"]), m1(st["iron_only_mt"]), bf_n, m1(bf_mt), st["iron_only_eaf"]))
    A("- DRI units counted but not modelled: %d, %s Mt/yr; open-hearth furnaces: %d, %s Mt/yr; "
      "plants with only such units: %d."
      % (dri_n, m1(dri_mt), ohf_n, m1(ohf_mt), len(st["dri_ohf_only"])))
    A("- Units left out for capacity `>0`: %d. Ignored units (status not counted, or type "
      "unknown): %d." % (len(st["unknown_cap"]), n_ign))
    if st.get("check"):
        c = st["check"]
        if c["missing_cols"]:
            A("- Cross-check against `%s`: skipped (columns missing)." % os.path.basename(a.plants))
        else:
            A("- Cross-check against `%s` (%d %s plants): operating + pre-retirement nominal "
              "BOF, EAF and BF capacity per plant against the unit sums: %d differences; block "
              "plants missing from the plants file: %d; plants with such capacity there but no "
              "counted unit here: %d. Coordinates taken from the plants file: %d plants."
              % (os.path.basename(a.plants), c["plants_country"], a.country, len(c["mismatch"]),
                 len(c["not_in_plants"]), len(c["only_in_plants"]), st["coords_from_plants"]))
    else:
        A("- No plants file: no cross-check.")
    A("")
    A("Every unit of %s in the file, by status and type: units (Mt/yr):" % a.country)
    A("")
    L.extend(tally_table(st))
    A("")
    A("Blocks per province (%d provinces with blocks):" % len(st["by_province"]))
    A("")
    A("| province | blocks | Mt/yr |")
    A("|---|---:|---:|")
    for p, (n, mt) in sorted(st["by_province"].items(), key=lambda kv: (-kv[1][1], kv[0])):
        A("| %s | %d | %s |" % (p, n, m1(mt)))
    A("")
    A("GEM covers plants of at least 0.5 Mt/yr crude-steel capacity, so the fleet holds most, "
      "not all, of the industry; section 3 scales demand and scrap to it.")
    A("")
    A("## 2. `provinces.csv`")
    A("")
    if china:
        A("`province,lat,lng,population_m`: the 31 provinces of mainland China (provinces, autonomous regions and municipalities; "
          "Hong Kong, Macau and Taiwan excluded). `lat`, `lng`: city-centre coordinates of the "
          "provincial capital, degrees to 4 decimals (good to a few km; for distances only). "
          "`population_m`: resident population, millions, of the 7th National Population "
          "Census (reference date 1 November 2020), National Bureau of Statistics of China. "
          "Sum: %.2f million (the census total of 1,411.78 million also counts about 2 million "
          "active military personnel, not assigned to provinces)."
          % sum(p["population_m"] for p in provinces))
        A("")
        A("| province | capital | lat | lng | population (M) |")
        A("|---|---|---:|---:|---:|")
        for p in provinces:
            A("| %s | %s | %.4f | %.4f | %.2f |" % (p["province"], p["capital"], p["lat"], p["lng"],
                                                   p["population_m"]))
        A("")
        A("A block's province must be a row here; GEM's spelling is mapped by `PROVINCE_ALIASES` "
          "in `io/importers/steel_gist.py` (the March 2025 files need none).")
    else:
        A("`province,lat,lng,population_m`: from `%s`." % show_path(os.path.abspath(a.provinces)))
    A("")
    A("## 3. `demand.csv`: crude-steel demand met by the fleet")
    A("")
    A("`year,demand_mt` = national crude-steel output scenario x coverage.")
    A("")
    if not a.scenario:
        A("- National output, Mt: " + ", ".join("%d %s" % (y, fmt(scen[y]["output_mt"])) for y in sg.YEARS)
          + ". **This decline is a round scenario assumption of this instance, not a forecast "
          "or a published projection.** Its anchor is China's crude-steel output of 2023, "
          "1,019.08 Mt (National Bureau of Statistics of China).")
    else:
        A("- National output: from `%s`." % show_path(os.path.abspath(a.scenario)))
    A("- coverage = counted fleet capacity x utilisation / anchor output = %s Mt/yr x %s / %s Mt "
      "= **%.6f**: the share of national output the modelled fleet made. The utilisation "
      "%s is an assumption (option `--utilisation`), not a measured figure; the anchor output "
      "is option `--anchor-output-mt`."
      % (fmt(round(st["fleet_mt"], 6)), fmt(a.utilisation), fmt(a.anchor_output_mt), cov,
         fmt(a.utilisation)))
    A("")
    A("| year | national output (Mt) | demand_mt |")
    A("|---|---:|---:|")
    for y in sg.YEARS:
        A("| %d | %s | %.3f |" % (y, fmt(scen[y]["output_mt"]), scen[y]["output_mt"] * cov))
    A("")
    A("## 4. `scrap_supply.csv`: scrap available to the fleet")
    A("")
    A("`province,year,supply_mt` = national available scrap x coverage x provincial share, "
      "for every province of `provinces.csv` and year.")
    A("")
    if not a.scenario:
        A("- National available scrap, Mt: " + ", ".join("%d %s" % (y, fmt(scen[y]["scrap_mt"]))
                                                         for y in sg.YEARS)
          + ". **A round scenario assumption of this instance**, anchored on about 260 Mt of "
          "scrap used by China's steel industry in the early 2020s (order of magnitude from "
          "industry reporting), growing as the in-use steel stock ages.")
    else:
        A("- National available scrap: from `%s`." % show_path(os.path.abspath(a.scenario)))
    A("- The same coverage %.6f scales it to the modelled fleet." % cov)
    A("- Provincial share = %s x population share + %s x share of the fleet's counted capacity "
      "(option `--population-weight`, default 0.5): obsolete scrap follows the in-use steel "
      "stock, roughly population; home and prompt scrap follow production. Shares sum to 1; "
      "a province without blocks gets the population part only."
      % (fmt(a.population_weight), fmt(round(1 - a.population_weight, 12))))
    A("")
    A("Largest shares: " + ", ".join("%s %.3f" % kv for kv in
                                     sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))[:6]) + ".")
    A("")
    A("| year | national scrap (Mt) | sum of supply_mt |")
    A("|---|---:|---:|")
    for y in sg.YEARS:
        A("| %d | %s | %.3f |" % (y, fmt(scen[y]["scrap_mt"]), scen[y]["scrap_mt"] * cov))
    A("")
    A("## 5. `grid_ef.csv`: grid emission factor")
    A("")
    if not a.scenario:
        A("`year,ef_t_per_mwh`: national grid, t CO2/MWh: 0.57 in 2025, then linear to 0 in 2060. "
          "**An assumption of this instance** (0.57 is the order of China's national grid "
          "factor of the early 2020s; the path to zero is a scenario).")
    else:
        A("`year,ef_t_per_mwh`: from `%s`." % show_path(os.path.abspath(a.scenario)))
    A("")
    A("| year | " + " | ".join(str(y) for y in sg.YEARS) + " |")
    A("|---|" + "---:|" * len(sg.YEARS))
    A("| t/MWh | " + " | ".join(fmt(scen[y]["grid_ef"]) for y in sg.YEARS) + " |")
    A("")
    A("## 6. `pathways.csv`: emission caps")
    A("")
    A("`pathway,year,ratio`: the cap of each year as a ratio of the model's reference "
      "emissions (defined by the solver, see `papers/steel-model.md`).")
    A("")
    A("- `linear-90`: 1.0 in 2025, falling linearly to 0.10 in 2060.")
    A("- `paper-99`: the -99%% by 2060 of Lin et al. 2025: %s."
      % ", ".join("%d %s" % (y, fmt(sg.PAPER_99[y])) for y in sg.YEARS))
    A("- `none`: ratio 10 every year, effectively no cap.")
    A("")
    A("## Licence and citation")
    A("")
    A("The tracker data are Global Energy Monitor's, licensed Creative Commons Attribution 4.0 "
      "International (CC BY 4.0); `blocks.csv` is derived from them and carries the same "
      "licence. Cite: \"Global Energy Monitor, Global Iron and Steel Tracker, March 2025 map "
      "files\" (units file of 18 March 2025, plants file of 25 March 2025). Population: National "
      "Bureau of Statistics of China, 7th National Population Census (2020). The scenario "
      "figures (sections 3 to 6) are this instance's assumptions, stated above.")
    A("")
    return "\n".join(L)


# ------------------------------------------------------------------ main
def main(argv=None):
    t0 = time.monotonic()
    a = parse_args(argv)
    st = {}
    plants = sg.read_units(a.units, a.country, st)   # checks the country's spelling
    if a.need:
        fail("--country %s: the built-in provinces, scenario and anchor output are China's; "
             "give %s" % (a.country, ", ".join(a.need)))
    if a.plants:
        sg.read_plants(a.plants, a.country, plants, st)
    else:
        st["coords_from_plants"] = 0
    blocks = sg.form_blocks(plants, a.units, st)
    if not blocks:
        fail("%s: no operating BF-BOF or EAF capacity in %s" % (a.units, a.country))
    if a.provinces:
        provinces = sg.read_provinces(os.path.abspath(a.provinces))
        table = os.path.basename(a.provinces)
    else:
        provinces = sg.china_provinces()
        table = "the table of mainland China's 31 provinces"
    sg.match_provinces(blocks, provinces, a.units, table)
    blocks.sort(key=lambda b: (b["province"], b["block_id"]))
    st["n_blocks"] = len(blocks)
    route_stats(blocks, st)
    scen = sg.read_scenario(os.path.abspath(a.scenario)) if a.scenario else sg.china_scenario()
    cov = st["fleet_mt"] * a.utilisation / a.anchor_output_mt
    st["coverage"] = cov
    if cov > 1:
        sg.warn("coverage %.4f > 1: the fleet at utilisation %g makes more than the anchor output"
                % (cov, a.utilisation))
    shares = sg.scrap_shares(blocks, provinces, a.population_weight)

    demand = [(y, round(scen[y]["output_mt"] * cov, 6)) for y in sg.YEARS]
    scrap = [(p["province"], y, round(scen[y]["scrap_mt"] * cov * shares[p["province"]], 6))
             for p in provinces for y in sg.YEARS]
    files = [
        ("blocks.csv", lambda p: write_csv(p, BLOCK_COLS, [[b[c] for c in BLOCK_COLS] for b in blocks])),
        ("provinces.csv", lambda p: write_csv(p, ["province", "lat", "lng", "population_m"],
                                              [[q["province"], q["lat"], q["lng"], q["population_m"]]
                                               for q in provinces])),
        ("demand.csv", lambda p: write_csv(p, ["year", "demand_mt"], demand)),
        ("scrap_supply.csv", lambda p: write_csv(p, ["province", "year", "supply_mt"], scrap)),
        ("grid_ef.csv", lambda p: write_csv(p, ["year", "ef_t_per_mwh"],
                                            [(y, scen[y]["grid_ef"]) for y in sg.YEARS])),
        ("pathways.csv", lambda p: write_csv(p, ["pathway", "year", "ratio"], sg.pathways())),
        ("params.toml", write_text(PARAMS_TOML)),
        ("README.md", write_text(readme(a, st, scen, provinces, shares))),
    ]
    write_instance(a.out, files)

    R = st["routes"]
    err = sys.stderr
    print("import_steel: wrote %s in %.1f s" % (a.out, time.monotonic() - t0), file=err)
    print("  units: %d rows, %d of %s; counted BF/BOF/EAF/DRI/OHF units: %s"
          % (st["units_rows"], sum(v[0] for v in st["tally"].values()), a.country,
             "/".join("%d" % counted(st, t)[0] for t in sg.TYPES)), file=err)
    for route in ("BF-BOF", "EAF"):
        r = R[route]
        print("  %s: %d blocks, %.3f Mt/yr, %d furnaces, %d with retirement announced"
              % (route, r["blocks"], r["mt"], r["units"], r["retiring"]), file=err)
    print("  BF in BF-BOF blocks: %d, %.3f Mt/yr hot metal; %d blocks with a relining year; "
          "%d without BF, %d with BF/BOF capacity outside [0.5, 2]"
          % (R["BF-BOF"]["bf_units"], R["BF-BOF"]["bf_mt"], R["BF-BOF"]["relined"],
             R["BF-BOF"]["no_bf"], R["BF-BOF"]["odd_ratio"]), file=err)
    print("  iron-only plants: %d (%.3f Mt/yr BF, %d with an EAF block); DRI units %d (%.3f Mt/yr); "
          "open hearths %d (%.3f Mt/yr); capacity '>0' left out: %d"
          % (len(st["iron_only"]), st["iron_only_mt"], st["iron_only_eaf"], counted(st, sg.DRI)[0],
             counted(st, sg.DRI)[1], counted(st, sg.OHF)[0], counted(st, sg.OHF)[1],
             len(st["unknown_cap"])), file=err)
    ign = {}
    for (t, s), (n, _) in st["tally"].items():
        if s not in sg.STATUS_COUNTED or t not in sg.TYPES:
            ign[s] = ign.get(s, 0) + n
    print("  ignored units by status: " + ", ".join("%s %d" % kv for kv in sorted(ign.items())), file=err)
    print("  provinces with blocks: %d of %d; fleet %.3f Mt/yr; coverage %.6f (utilisation %g, "
          "anchor %g Mt)" % (len(st["by_province"]), len(provinces), st["fleet_mt"], cov,
                             a.utilisation, a.anchor_output_mt), file=err)
    if st.get("check") and not st["check"]["missing_cols"]:
        c = st["check"]
        print("  cross-check with plants file: %d differences, %d block plants missing there, "
              "%d plants only there" % (len(c["mismatch"]), len(c["not_in_plants"]),
                                        len(c["only_in_plants"])), file=err)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except InputFault as exc:
        print("import_steel: error: %s" % exc, file=sys.stderr)
        sys.exit(2)
