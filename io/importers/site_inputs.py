"""Inputs tied to places: biomass supply cells, CO2 storage sites and
provincial generation floors. PLATO has them for China only; for another
fleet each is a user file or none (see datasets/README.md)."""

import os

import importer_common
from importer_common import (fail, haversine_km, header_index, np, open_wb, read_csv_dicts,
                             sheet_rows, text, to_float, to_year, warn)

TORTUOSITY = 3.7       # PLATO: pipeline length = great-circle distance x 3.7
FLOOR_SHEET = "NC_GTEP"

# Scenario-file province spelling -> tracker spelling. The January 2024
# files agree exactly; these cover spellings seen in other GEM / GTEP files.
PROVINCE_ALIASES = dict(importer_common.CHINA_PROVINCE_ALIASES, **{"Shaanxi ": "Shaanxi"})


def _lon_lat(path, line, lon, lat):
    if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
        fail("%s:%d: lon/lat '%s', '%s' not in [-180, 180] x [-90, 90]" % (path, line, lon, lat))


# ---------------------------------------------------------------- biomass
def import_biomass(path, st, grid_country):
    """PLATO's grid (.npy, kWh/yr per 0.2-degree cell, residues of
    grid_country) or a CSV cell,lon,lat,supply_mwh[,country]; None: no
    biomass (BE then draws nothing). Rows: (cell, lon, lat, MWh/yr, country),
    country "" when any plant may collect from the cell."""
    st["biomass_source"] = os.path.basename(path) if path else "none"
    rows = []
    if path is None:
        st.update(biomass_shape=None, biomass_cells=0, biomass_twh=0.0)
        return rows
    if path.endswith(".npy"):
        if not os.path.isfile(path):
            fail("input file not found: %s" % path)
        a = np.load(path)
        if a.ndim != 2:
            fail("%s: expected a 2-D grid, got shape %s" % (path, a.shape))
        if not np.isfinite(a).all():
            fail("%s: grid contains NaN/inf" % path)
        if (a < 0).any():
            warn("%s: %d negative cells ignored" % (path, int((a < 0).sum())))
        iys, ixs = np.nonzero(a > 0)
        for iy, ix in zip(iys.tolist(), ixs.tolist()):
            rows.append(("r%dc%d" % (iy, ix), round(70.0 + 0.2 * ix, 6), round(55.0 - 0.2 * iy, 6),
                         float(a[iy, ix]) / 1000.0, grid_country))
        st["biomass_shape"] = a.shape
    else:
        seen = set()
        for line, r in read_csv_dicts(path, ["cell", "lon", "lat", "supply_mwh"]):
            cell, lon, lat, s = text(r["cell"]), to_float(r["lon"]), to_float(r["lat"]), to_float(r["supply_mwh"])
            if not cell or cell in seen:
                fail("%s:%d: cell id '%s' empty or repeated" % (path, line, cell))
            _lon_lat(path, line, lon, lat)
            if s is None or not (0 <= s <= 1e12):
                fail("%s:%d: supply_mwh '%s' not in [0, 1e12]" % (path, line, r["supply_mwh"]))
            seen.add(cell)
            rows.append((cell, lon, lat, s, text(r.get("country"))))
        st["biomass_shape"] = None
    st["biomass_cells"] = len(rows)
    st["biomass_twh"] = sum(r[3] for r in rows) / 1e6
    return rows


# ---------------------------------------------------------------- storage
def load_storage_sites(path):
    """PLATO's cluster workbook (POINT_X lon, POINT_Y lat) or a CSV lon,lat."""
    pts = []
    if path.endswith(".xlsx"):
        wb = open_wb(path)
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        if not rows:
            fail("%s: empty sheet '%s'" % (path, ws.title))
        ix = header_index(rows[0], path, ws.title, ["POINT_X", "POINT_Y"])
        for r in rows[1:]:
            x, y = to_float(r[ix["POINT_X"]]), to_float(r[ix["POINT_Y"]])
            if x is not None and y is not None:
                pts.append((x, y))
    else:
        for line, r in read_csv_dicts(path, ["lon", "lat"]):
            lon, lat = to_float(r["lon"]), to_float(r["lat"])
            _lon_lat(path, line, lon, lat)
            pts.append((lon, lat))
    if not pts:
        fail("%s: no storage site with coordinates" % path)
    return np.array(pts)


def assign_ccs_distance(plants, path, covers, default_km, st):
    """D_j: tortuous distance to the nearest site for plants of the countries
    the site file covers; the stated default for every other plant."""
    st.update(storage_source=os.path.basename(path) if path else "none", storage_sites=0,
              storage_covers=sorted(covers) if covers is not None else ["all"],
              ccs_default_km=default_km, ccs_default_units=0)
    mine = [p for p in plants if path and (covers is None or p["country"] in covers)]
    for p in plants:
        p["ccs_distance_km"] = default_km
    if mine:
        sites = load_storage_sites(path)
        st["storage_sites"] = len(sites)
        plon = np.array([p["lon"] for p in mine])
        plat = np.array([p["lat"] for p in mine])
        d = haversine_km(plon[:, None], plat[:, None], sites[None, :, 0], sites[None, :, 1])
        for p, dk in zip(mine, d.min(axis=1) * TORTUOSITY):
            p["ccs_distance_km"] = float(dk)
    st["ccs_default_units"] = len(plants) - len(mine)
    ds = [p["ccs_distance_km"] for p in plants]
    st["ccs_dist_min"], st["ccs_dist_max"] = min(ds), max(ds)


# ---------------------------------------------------------------- floors
def _floor_scenario_xlsx(path):
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
            vals[y] = v / 1000.0  # kWh -> MWh
        if name in scen:
            fail("%s, sheet '%s': province %s listed twice" % (path, FLOOR_SHEET, name))
        scen[name] = vals
    return scen, [y for _, y in ycols]


def _floor_scenario_csv(path):
    scen, years = {}, set()
    for line, r in read_csv_dicts(path, ["province", "year", "floor_mwh"]):
        prov, y, v = text(r["province"]), to_year(r["year"]), to_float(r["floor_mwh"])
        if not prov:
            fail("%s:%d: empty province" % (path, line))
        if y is None or not (1990 <= y <= 2200):
            fail("%s:%d: year '%s' not in 1990..2200" % (path, line, r["year"]))
        if v is None or not (0 <= v <= 1e13):
            fail("%s:%d: floor_mwh '%s' not in [0, 1e13]" % (path, line, r["floor_mwh"]))
        if y in scen.setdefault(prov, {}):
            fail("%s:%d: floor for %s %d given twice" % (path, line, prov, y))
        scen[prov][y] = v
        years.add(y)
    return scen, sorted(years)


def import_floor(path, plants, label, lifetime, st):
    """Floor rows min(scenario, BAU generation of the province's plants alive
    that year), for provinces that have plants. `label` maps a scenario
    province name to the instance's province label. None: no floors."""
    st.update(floor_source=os.path.basename(path) if path else "none", floor_provinces=0,
              floor_years=[], floor_only_scen=[], floor_only_plants=[], floor_bau_capped=0,
              floor_rows=0, floor_by_year_twh={})
    if path is None:
        return []
    scen, years = (_floor_scenario_xlsx if path.endswith(".xlsx") else _floor_scenario_csv)(path)
    scen = {label(k): v for k, v in scen.items()}
    plant_provs = sorted({p["province"] for p in plants})
    only_scen = sorted(set(scen) - set(plant_provs))
    covered = {p["country"] for p in plants if p["province"] in scen}
    only_plants = sorted({p["province"] for p in plants if p["country"] in covered} - set(scen))
    if only_scen:
        warn("provinces in %s but without plants: %s" % (os.path.basename(path), ", ".join(only_scen)))
    if only_plants:
        warn("provinces with plants but no floor scenario (no floor row): %s" % ", ".join(only_plants))
    out, binding = [], 0
    for prov in plant_provs:
        if prov not in scen:
            continue
        pp = [p for p in plants if p["province"] == prov]
        for y in years:
            if y not in scen[prov]:
                fail("%s: no floor for %s in %d" % (path, prov, y))
            bau = sum(p["capacity_mw"] * p["hours"] for p in pp
                      if p["start_year"] <= y <= p["start_year"] + lifetime - 1)
            s = scen[prov][y]
            if bau < s:
                binding += 1
            out.append((prov, y, min(s, bau)))
    st.update(floor_provinces=len({r[0] for r in out}), floor_years=years,
              floor_only_scen=only_scen, floor_only_plants=only_plants,
              floor_bau_capped=binding, floor_rows=len(out),
              floor_by_year_twh={y: sum(r[2] for r in out if r[1] == y) / 1e6 for y in years})
    return out
