"""Read a Global Energy Monitor coal tracker workbook by column meaning.

GEM renames columns between releases (January 2024: `Country`; July 2024:
`Country/Area`) and adds new ones. Each column the importer needs is a role
with every header a release has used; headers are compared case- and
space-insensitively, and columns the importer does not need are ignored.
A new release that renames a needed column again gets one more alias here.
"""

import difflib
import math
import re

from importer_common import fail, text, to_float, to_year, warn

SHEET = "Units"

# role -> (required?, headers seen in GEM releases, newest first)
ROLES = {
    "id": (True, ["GEM unit/phase ID", "GEM unit ID", "Unit ID"]),
    "country": (True, ["Country/Area", "Country", "Country/area"]),
    "plant": (True, ["Plant name", "Plant name (English)"]),
    "unit": (False, ["Unit name"]),
    "capacity": (True, ["Capacity (MW)", "Capacity MW"]),
    "status": (True, ["Status"]),
    "start": (True, ["Start year", "Start Year"]),
    "tech": (False, ["Combustion technology"]),
    "province": (False, ["Subnational unit (province, state)", "Subnational unit (state, province)",
                         "Subnational unit"]),
    "lat": (True, ["Latitude"]),
    "lon": (True, ["Longitude"]),
    "heat_rate": (False, ["Heat rate (Btu per kWh)", "Heat rate (Btu/kWh)"]),
    "ef": (False, ["Emission factor (kg of CO2 per TJ)", "Emission factor (kg CO2 per TJ)"]),
    "cf": (False, ["Capacity factor"]),
}

STATUSES = ("operating", "construction", "permitted")
MISSING_START = {"operating": 2024, "construction": 2027, "permitted": 2027}
DEFAULT_CF = 0.53               # GEM's global default capacity factor
DEFAULT_EF_T_PER_MWH = 0.8017   # PLATO constant (papers/model.md, section 1)
CCS_CAPTURE_EF_THRESHOLD = 50000.0  # kg/TJ: GEM's "with CCS" factors are ~9,460-10,100
CCS_CAPTURE_RATE_GEM = 0.90     # GEM reduces the factor by 90% for CCS units
J_PER_BTU = 1055.05585
HOURS_PER_YEAR = 8760.0


def _norm(h):
    return re.sub(r"\s+", " ", str(h)).strip().lower()


def resolve_columns(header, where):
    """role -> column index (None for an optional role the release lacks)."""
    present = {}
    for i, c in enumerate(header):
        if c is not None and _norm(c) and _norm(c) not in present:
            present[_norm(c)] = i
    ix, missing = {}, []
    for role, (required, names) in ROLES.items():
        hit = next((present[_norm(n)] for n in names if _norm(n) in present), None)
        if hit is None and required:
            missing.append("%s (%s)" % (role, " or ".join("'%s'" % n for n in names)))
        ix[role] = hit
    if missing:
        fail("%s: column(s) not found: %s\n  columns present: %s"
             % (where, "; ".join(missing), ", ".join("'%s'" % c for c in header if c is not None)))
    return ix


def read_units(wb, path):
    """Header-resolved rows of the units sheet: (rows, column index)."""
    if SHEET not in wb.sheetnames:
        fail("%s: sheet '%s' not found (sheets: %s)" % (path, SHEET, ", ".join(wb.sheetnames)))
    it = wb[SHEET].iter_rows(values_only=True)
    header = next(it, None)
    if header is None:
        fail("%s: sheet '%s' is empty" % (path, SHEET))
    ix = resolve_columns(header, "%s, sheet '%s'" % (path, SHEET))
    rows = [r for r in it if r is not None and any(v is not None for v in r)]
    return rows, ix


def getter(ix):
    def g(r, role):
        i = ix[role]
        return r[i] if i is not None and i < len(r) else None
    return g


def check_countries(wanted, present, path):
    """Every --country must be spelt as in the tracker; near names help."""
    bad = [c for c in wanted if c not in present]
    if not bad:
        return
    lines = []
    for c in bad:
        near = difflib.get_close_matches(c, sorted(present), n=5, cutoff=0.6)
        folded = [p for p in present if p.lower() == c.lower()]
        near = folded + [n for n in near if n not in folded]
        lines.append("'%s' (near: %s)" % (c, ", ".join(near) if near else "none"))
    fail("%s: country not in the tracker: %s\n  (GEM spelling; %d countries and areas have "
         "units, e.g. %s)" % (path, "; ".join(lines), len(present), ", ".join(sorted(present)[:8])))


def province_label(country, subnational, multi):
    """Subnational units are the model's provinces. Two countries can share a
    subnational name (Punjab), so a multi-country instance prefixes it."""
    sub = subnational or country
    return "%s/%s" % (country, sub) if multi else sub


def select_plants(rows, ix, countries, first_year, lifetime, st):
    """Units of the chosen countries (None: all) and statuses alive in
    first_year or later, as plant records (no CCS distance yet)."""
    g = getter(ix)
    multi = countries is None or len(countries) > 1
    sel = []
    for r in rows:
        c = text(g(r, "country"))
        if countries is not None and c not in countries:
            continue
        status = text(g(r, "status")).lower()
        if status in STATUSES:
            sel.append((c, status, r))

    st["sel_units"] = {s: 0 for s in STATUSES}
    st["sel_mw"] = {s: 0.0 for s in STATUSES}
    for _, status, r in sel:
        st["sel_units"][status] += 1
        st["sel_mw"][status] += to_float(g(r, "capacity")) or 0.0

    # Capacity-weighted mean capacity factor per country: the fall-back for a
    # unit without one (every unit of the 2024 releases has GEM's 0.53).
    num, den = {}, {}
    for c, _, r in sel:
        cap, cf = to_float(g(r, "capacity")), to_float(g(r, "cf"))
        if cap and cap > 0 and cf is not None and 0 < cf <= 1:
            num[c] = num.get(c, 0.0) + cap * cf
            den[c] = den.get(c, 0.0) + cap
    cf_country = {c: num[c] / den[c] for c in den}

    plants, seen, dups = [], {}, []
    skipped = {"capacity": 0, "coordinates": 0}
    filled = {s: 0 for s in STATUSES}
    dead = {s: 0 for s in STATUSES}
    cf_filled = ef_default = ef_ccs_restored = 0
    for c, status, r in sel:
        gid = text(g(r, "id"))
        cap = to_float(g(r, "capacity"))
        lat, lon = to_float(g(r, "lat")), to_float(g(r, "lon"))
        if cap is None or not (0 < cap < 1e5):
            skipped["capacity"] += 1
            continue
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            skipped["coordinates"] += 1
            continue
        start = to_year(g(r, "start"))
        was_filled = start is None
        if was_filled:
            start = MISSING_START[status]
        if start + lifetime - 1 < first_year:
            dead[status] += 1
            continue
        if was_filled:
            filled[status] += 1
        cf = to_float(g(r, "cf"))
        if cf is None or not (0 < cf <= 1):
            cf = cf_country.get(c, DEFAULT_CF)
            cf_filled += 1
        installed = "CCS" if text(g(r, "tech")).lower().endswith("/ccs") else ""
        hr, ef = to_float(g(r, "heat_rate")), to_float(g(r, "ef"))
        if hr and ef and hr > 0 and ef > 0 and math.isfinite(hr * ef):
            if installed and ef < CCS_CAPTURE_EF_THRESHOLD:
                # GEM already applied 90% capture; the model applies the
                # capture rate itself, so store the gross (pre-capture) factor.
                ef = ef / (1.0 - CCS_CAPTURE_RATE_GEM)
                ef_ccs_restored += 1
            e = hr * J_PER_BTU * 1000.0 * ef / 1e12 / 1000.0
        else:
            e = DEFAULT_EF_T_PER_MWH
            ef_default += 1
        name = " ".join(x for x in (text(g(r, "plant")), text(g(r, "unit"))) if x)
        if not gid:
            gid = "noid-%d" % (len(plants) + 1)
            warn("row without a unit id (%s): assigned %s" % (name, gid))
        if gid in seen:
            seen[gid] += 1
            new = "%s_%d" % (gid, seen[gid])
            dups.append((gid, new))
            gid = new
        else:
            seen[gid] = 1
        plants.append({
            "id": gid, "name": name, "country": c,
            "province": province_label(c, text(g(r, "province")), multi),
            "subnational": text(g(r, "province")),
            "lon": lon, "lat": lat, "capacity_mw": cap, "start_year": start,
            "hours": cf * HOURS_PER_YEAR, "emission_factor_t_per_mwh": e,
            "installed": installed, "status": status,
        })

    for k, n in skipped.items():
        if n:
            warn("skipped %d unit(s) with missing/invalid %s" % (n, k))
    for gid, new in dups:
        warn("duplicate unit id %s: renamed to %s" % (gid, new))
    if cf_filled:
        warn("%d unit(s) without capacity factor: used their country's capacity-weighted mean "
             "(or %.2f)" % (cf_filled, DEFAULT_CF))
    if ef_default:
        warn("%d unit(s) without heat rate / emission factor: used %.4f t/MWh"
             % (ef_default, DEFAULT_EF_T_PER_MWH))
    st.update(skipped=skipped, filled=filled, dead=dead, cf_filled=cf_filled,
              ef_default=ef_default, ef_ccs_restored=ef_ccs_restored, dups=len(dups),
              cf_country=cf_country)
    return plants
