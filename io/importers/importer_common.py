"""What every importer step shares: errors, cell parsing, CSV writing."""

import csv
import math
import os
import re
import shutil
import sys
import tempfile

# numpy and openpyxl only where a step needs them (the coal tracker's
# workbook, distance arrays): the steel importer reads CSV only.
try:
    import numpy as np
except ImportError:  # pragma: no cover
    np = None
try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None


def _need(module, name):
    if module is None:
        sys.exit("plantpath importer: no module named '%s' -- run with /usr/bin/python3 (Debian "
                 "packages python3-numpy and python3-openpyxl)" % name)

# The program named in warnings (set by each importer's main module).
PROGRAM = ["import_gcpt"]

# Province spellings of other GEM / GTEP files -> the trackers' spelling.
CHINA_PROVINCE_ALIASES = {
    "Nei Mongol": "Inner Mongolia",
    "Neimenggu": "Inner Mongolia",
    "Inner Mongolia Autonomous Region": "Inner Mongolia",
    "Xinjiang Uygur": "Xinjiang",
    "Xinjiang Uyghur": "Xinjiang",
    "Xizang": "Tibet",
    "Ningxia Hui": "Ningxia",
    "Guangxi Zhuang": "Guangxi",
    "Shensi": "Shaanxi",
}

EARTH_RADIUS_KM = 6371.0


class InputFault(Exception):
    pass


def fail(msg):
    raise InputFault(msg)


def warn(msg):
    print(PROGRAM[0] + ": " + msg, file=sys.stderr)


def fmt(v):
    """Number -> CSV text: integers as integers, floats repr (round-trip)."""
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, int) or (np is not None and isinstance(v, np.integer)):
        return str(int(v))
    if isinstance(v, float) or (np is not None and isinstance(v, np.floating)):
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
        return None if (isinstance(v, float) and not math.isfinite(v)) else float(v)
    s = str(v).strip().replace(",", "")
    if s == "" or s.lower() in ("n/a", "na", "nan", "none", "unknown", "-"):
        return None
    try:
        f = float(s)
    except ValueError:
        return None
    return f if math.isfinite(f) else None


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
    _need(openpyxl, "openpyxl")
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


def read_csv_dicts(path, wanted):
    """Rows of a user CSV as (line number, dict); the named columns required.
    A row's line is the file line it starts on (a quoted field may span lines)."""
    if not os.path.isfile(path):
        fail("input file not found: %s" % path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        head = f.readline()
        f.seek(0)
        if ";" in head and "," not in head:
            fail("%s:1: the header is separated by ';' (a European spreadsheet export?); "
                 "save it comma-separated" % path)
        rd = csv.DictReader(f)
        missing = [w for w in wanted if w not in (rd.fieldnames or [])]
        if missing:
            fail("%s:1: column(s) not found: %s (columns: %s)"
                 % (path, ", ".join(missing), ", ".join(rd.fieldnames or [])))
        out, prev = [], 1
        for r in rd:
            out.append((prev + 1, {k: ("" if v is None else v) for k, v in r.items()}))
            prev = rd.line_num
        return out


def haversine_km(lon1, lat1, lon2, lat2):
    """Great-circle distance, arrays broadcast, degrees in, km out."""
    _need(np, "numpy")
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


def write_instance(out_dir, files):
    """All files into a temporary sibling, then one rename: a reader never
    sees half an instance, and a failure leaves the previous one."""
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
