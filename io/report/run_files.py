"""Reads a plantpath output directory into plain Python data, checking every
field it uses: a missing or malformed file ends in RunFileError naming the
file, the line and the field (the report then writes nothing). Only the run's
own files are read, so a run of an older version or from another machine
works; files that older versions did not write (plants.csv, fleet.csv) are
optional and their figures are left out with a note.

Columns and codes: papers/outputs.md."""

import csv
import json
import math
import os


class RunFileError(Exception):
    pass


# pathways.csv / fleet.csv labels, in the order the figures stack them.
LABELS = ["Planned", "PP", "+Flex", "+BE", "+Flex+BE", "+CCS", "+Flex+CCS", "+BE+CCS", "+Flex+BE+CCS", "+Retire", "NR"]
# provinces.csv capacity columns (alive plants) and the label each one is.
PROVINCE_STATES = [("PP", "PP"), ("Flex", "+Flex"), ("BE", "+BE"), ("CCS", "+CCS"), ("Flex+BE", "+Flex+BE"),
                   ("Flex+CCS", "+Flex+CCS"), ("BE+CCS", "+BE+CCS"), ("Flex+BE+CCS", "+Flex+BE+CCS"),
                   ("Retire", "+Retire")]


def read_marker_kind(run):
    path = os.path.join(run, ".plantpath-output")
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise RunFileError(f"{path}: cannot read it ({e.strerror}): not a plantpath output directory")
    for line in lines[1:]:
        if line.startswith("kind "):
            return line[5:]
    raise RunFileError(f"{path}, line 2: no 'kind' line")


class Table:
    """A CSV file read whole: header, rows, and typed access that names the
    file, line and field of any bad value."""

    def __init__(self, path, required=(), optional=False):
        self.path = path
        self.present = os.path.isfile(path)
        self.header, self.rows = [], []
        if not self.present:
            if optional:
                return
            raise RunFileError(f"{path}: missing (the run directory is incomplete)")
        try:
            with open(path, newline="", encoding="utf-8") as f:
                reader = csv.reader(f)
                try:
                    self.header = next(reader)
                except StopIteration:
                    raise RunFileError(f"{path}, line 1: empty file, expected a header")
                for row in reader:
                    if not row:
                        continue
                    if len(row) != len(self.header):
                        raise RunFileError(f"{path}, line {reader.line_num}: {len(row)} fields, the header has "
                                           f"{len(self.header)}")
                    self.rows.append(row)
        except UnicodeDecodeError as e:
            raise RunFileError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})")
        except csv.Error as e:
            raise RunFileError(f"{path}: malformed CSV: {e}")
        self.col = {name: i for i, name in enumerate(self.header)}
        for name in required:
            if name not in self.col:
                raise RunFileError(f"{path}, line 1: no column '{name}'")

    def line(self, r):
        return r + 2  # header is line 1; blank lines are rare enough not to be counted

    def text(self, r, name):
        return self.rows[r][self.col[name]]

    def num(self, r, name, empty_ok=False):
        s = self.rows[r][self.col[name]]
        if s == "":
            if empty_ok:
                return math.nan
            raise RunFileError(f"{self.path}, line {self.line(r)}, field {name}: empty, expected a number")
        try:
            v = float(s)
        except ValueError:
            raise RunFileError(f"{self.path}, line {self.line(r)}, field {name}: '{s}' is not a number")
        if not math.isfinite(v):
            raise RunFileError(f"{self.path}, line {self.line(r)}, field {name}: '{s}' is not a finite number")
        return v

    def int(self, r, name):
        v = self.num(r, name)
        if v != int(v):
            raise RunFileError(f"{self.path}, line {self.line(r)}, field {name}: '{self.text(r, name)}' is not a whole number")
        return int(v)


def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        raise RunFileError(f"{path}: missing (the run directory is incomplete)")
    except json.JSONDecodeError as e:
        raise RunFileError(f"{path}, line {e.lineno}, column {e.colno}: malformed JSON: {e.msg}")
    except (OSError, UnicodeDecodeError) as e:
        raise RunFileError(f"{path}: cannot read it: {e}")


def need(obj, key, path, kind=None):
    if not isinstance(obj, dict) or key not in obj:
        raise RunFileError(f"{path}: no field '{key}'")
    v = obj[key]
    if kind == "number" and v is not None and not isinstance(v, (int, float)):
        raise RunFileError(f"{path}, field {key}: {json.dumps(v)} is not a number")
    if kind == "list" and not isinstance(v, list):
        raise RunFileError(f"{path}, field {key}: expected a list")
    return v


def fnum(v):
    """JSON number or null -> float (nan for null)."""
    return math.nan if v is None else float(v)


def load_summary(run):
    path = os.path.join(run, "summary.json")
    s = read_json(path)
    if not isinstance(s, dict):
        raise RunFileError(f"{path}: expected a JSON object")
    for key in ("transition_cost_usd", "transition_cost_lower_bound_usd", "gap", "seconds"):
        need(s, key, path, "number")
    years = need(s, "years", path, "list")
    dy = need(s, "decision_years", path, "list")
    for i, y in enumerate(years):
        for key in ("year", "emissions_t", "generation_mwh", "bau_emissions_t"):
            need(y, key, f"{path}: years[{i}]", "number")
    if [y["year"] for y in years] != dy:
        raise RunFileError(f"{path}, field years: its years {[y['year'] for y in years]} differ from decision_years {dy}")
    return s


def load_solve(run):
    """Everything a solve report draws."""
    s = load_summary(run)
    years = [int(y) for y in s["decision_years"]]
    out = {"run": run, "kind": "solve", "summary": s, "years": years, "notes": []}

    pw = Table(os.path.join(run, "pathways.csv"), ["id", "province", "capacity_mw", "start_year"])
    ycols = [str(y) for y in years]
    for c in ycols:
        if c not in pw.col:
            raise RunFileError(f"{pw.path}, line 1: no column '{c}' (a decision year of summary.json)")
    label_ix = {l: i for i, l in enumerate(LABELS)}
    plants = {"id": [], "province": [], "mw": [], "start": [], "label": []}
    for r in range(len(pw.rows)):
        plants["id"].append(pw.text(r, "id"))
        plants["province"].append(pw.text(r, "province"))
        plants["mw"].append(pw.num(r, "capacity_mw"))
        plants["start"].append(pw.int(r, "start_year"))
        ls = []
        for c in ycols:
            t = pw.text(r, c)
            if t == "":
                ls.append(-1)  # no plan
            elif t in label_ix:
                ls.append(label_ix[t])
            else:
                raise RunFileError(f"{pw.path}, line {pw.line(r)}, field {c}: unknown state '{t}' "
                                   f"(known: {', '.join(LABELS)})")
        plants["label"].append(ls)
    out["plants"] = plants

    pl = Table(os.path.join(run, "plants.csv"), ["id", "lon", "lat"], optional=True)
    if pl.present:
        if len(pl.rows) != len(pw.rows):
            raise RunFileError(f"{pl.path}: {len(pl.rows)} plants, pathways.csv has {len(pw.rows)}")
        lon, lat, names, country = [], [], [], []
        for r in range(len(pl.rows)):
            if pl.text(r, "id") != plants["id"][r]:
                raise RunFileError(f"{pl.path}, line {pl.line(r)}, field id: '{pl.text(r, 'id')}' but pathways.csv "
                                   f"line {r + 2} is '{plants['id'][r]}'")
            lon.append(pl.num(r, "lon"))
            lat.append(pl.num(r, "lat"))
            names.append(pl.text(r, "name") if "name" in pl.col else "")
            country.append(pl.text(r, "country") if "country" in pl.col else "")
        plants.update(lon=lon, lat=lat, name=names, country=country)
    else:
        out["notes"].append("no plants.csv (a run of an older version): the map is left out")

    fl = Table(os.path.join(run, "fleet.csv"), ["year", "state", "units", "capacity_mw"], optional=True)
    fleet = {l: [0.0] * len(years) for l in LABELS}
    if fl.present:
        yi = {y: i for i, y in enumerate(years)}
        for r in range(len(fl.rows)):
            y = fl.int(r, "year")
            st = fl.text(r, "state")
            if y not in yi:
                raise RunFileError(f"{fl.path}, line {fl.line(r)}, field year: {y} is not a decision year")
            if st not in fleet:
                raise RunFileError(f"{fl.path}, line {fl.line(r)}, field state: unknown state '{st}'")
            fleet[st][yi[y]] += fl.num(r, "capacity_mw")
    else:  # older runs: the same table from pathways.csv
        for j, ls in enumerate(plants["label"]):
            for k, l in enumerate(ls):
                if l >= 0:
                    fleet[LABELS[l]][k] += plants["mw"][j]
    out["fleet"] = fleet

    pr = Table(os.path.join(run, "provinces.csv"),
               ["province", "year", "generation_mwh", "emissions_t", "floor_mwh", "transition_cost_usd"] +
               [f"capacity_mw_{c}" for c, _ in PROVINCE_STATES])
    prov = {}
    for r in range(len(pr.rows)):
        name = pr.text(r, "province")
        y = pr.int(r, "year")
        if y not in years:
            raise RunFileError(f"{pr.path}, line {pr.line(r)}, field year: {y} is not a decision year")
        k = years.index(y)
        p = prov.setdefault(name, {"cap": {l: [0.0] * len(years) for _, l in PROVINCE_STATES},
                                   "gen": [0.0] * len(years), "emis": [0.0] * len(years),
                                   "floor": [0.0] * len(years), "tc": [0.0] * len(years)})
        for c, l in PROVINCE_STATES:
            p["cap"][l][k] = pr.num(r, f"capacity_mw_{c}", empty_ok=True)
        p["gen"][k] = pr.num(r, "generation_mwh", empty_ok=True)
        p["emis"][k] = pr.num(r, "emissions_t", empty_ok=True)
        p["floor"][k] = pr.num(r, "floor_mwh", empty_ok=True)
        p["tc"][k] = pr.num(r, "transition_cost_usd", empty_ok=True)
    out["provinces"] = prov

    cv = Table(os.path.join(run, "convergence.csv"), ["iteration", "bound_tc_usd", "best_tc_usd", "gap", "seconds"])
    out["convergence"] = {
        "iteration": [cv.int(r, "iteration") for r in range(len(cv.rows))],
        "bound": [cv.num(r, "bound_tc_usd", empty_ok=True) for r in range(len(cv.rows))],
        "best": [cv.num(r, "best_tc_usd", empty_ok=True) for r in range(len(cv.rows))],
        "seconds": [cv.num(r, "seconds") for r in range(len(cv.rows))],
    }

    bp = Table(os.path.join(run, "budget_pathway.csv"), ["year", "emissions_t", "implied_cap_ratio"], optional=True)
    if bp.present:
        b = {c: [] for c in bp.header}
        for r in range(len(bp.rows)):
            for c in bp.header:
                b[c].append(bp.num(r, c, empty_ok=True))
        out["budget"] = b
    return out


def load_table_run(run, file, key_cols, numeric_cols=()):
    """A sweep or sensitivity output: its one table, typed where numeric."""
    t = Table(os.path.join(run, file), list(key_cols) + list(numeric_cols) + ["status", "tc_usd", "bound_usd", "gap"])
    rows = []
    for r in range(len(t.rows)):
        row = {}
        for c in t.header:
            s = t.text(r, c)
            if c in key_cols or c in ("status", "message", "warm_start_from", "level", "change_within_gaps"):
                row[c] = s
            else:
                row[c] = t.num(r, c, empty_ok=True)
        rows.append(row)
    return {"run": run, "header": t.header, "rows": rows, "notes": []}
