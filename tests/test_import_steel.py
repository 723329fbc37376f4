#!/usr/bin/python3
"""Steel importer tests (io/importers/import_steel.py): a small units file
written here gives blocks checked by hand (capacity sums, earliest relining,
retirement flag, counts), the scenario files follow their formulas, bad
input stops with exit status 2 and names the file, line and field while the
previous instance stays as it was, and (when ../shared/data/steel/ is next
to the repo) the China instance matches the counts of its PROVENANCE.md and
the bundled datasets/china-steel-gist-2025/."""

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
IMPORTER = os.path.join(REPO, "io", "importers", "import_steel.py")
PYTHON = sys.executable or "/usr/bin/python3"

# The header of GEM's March 2025 units map file.
HEADER = ["tab-type", "gem-plant-id", "gem-unit-id", "unit-name", "status", "current-capacity-(ttpa)",
          "most-recent-relining", "tab-type_y", "plant-id", "plant-name-(english)",
          "plant-name-(other-language)", "other-plant-names-(english)",
          "other-plant-names-(other-language)", "owner", "owner-(other-language)", "owner-gem-id",
          "parent", "parent-gem-id", "subnational-unit-(province/state)", "country/area",
          "coordinates", "coordinate-accuracy", "gem-wiki-page", "steel-products",
          "main-production-equipment", "start-date", "lat", "lng", "status_display",
          "tab-type-display"]

BF, BOF, EAF, DRI = "Blast_furnaces", "Basic_oxygen_furnaces", "Electric_arc_furnaces", "DRI_furnaces"
PLANTS = {  # id: (name, province, start-date, lat, lng)
    "P1": ("Alpha Iron and Steel Co, Ltd", "Hebei", "2003-05-14", "38.1", "114.6"),
    "P2": ("Beta Special Steel", "Jiangsu", "unknown", "", ""),   # coordinates in the plants file only
    "P3": ("Gamma Foundry Iron", "Shanxi", "1999", "37.9", "112.5"),
    "P4": ("Delta Steel", "Hebei", "1958", "39.0", "118.0"),
    "P5": ("Epsilon DRI", "Guangdong", "2020", "23.0", "113.0"),
    "P6": ("Zeta Converter Works", "Nei Mongol", "c. 1985", "40.6", "110.0"),  # GEM-style alias
    "J1": ("Japan Works", "Chiba", "1960", "35.6", "140.1"),
}
# (plant, unit, type, status, ttpa, relining)
UNITS = [
    ("P1", "U1", BF, "operating", "2000", "2015"),
    ("P1", "U2", BF, "operating_pre-retirement", "1500", "2012-06"),
    ("P1", "U3", BF, "retired", "1000", "2005"),          # retired: its earlier relining must not count
    ("P1", "U4", BOF, "operating", "1200", ""),
    ("P1", "U5", BOF, "operating", "1300", ""),
    ("P1", "U6", EAF, "operating", "500", ""),
    ("P2", "U7", EAF, "operating", "800", ""),
    ("P2", "U8", EAF, "operating_pre-retirement", "700", ""),
    ("P3", "U9", BF, "operating", "1000", "2019"),         # iron only: no block
    ("P4", "U10", BOF, "retired", "2000", ""),
    ("P4", "U11", BOF, "construction", "1500", ""),
    ("P5", "U12", DRI, "operating", "400", ""),
    ("P5", "U13", EAF, "operating", "600", ""),
    ("P6", "U14", BOF, "operating", "1000", ""),           # converters, no blast furnace
    ("J1", "U15", BOF, "operating", ">0", ""),             # another country
]
# What the blocks must be, by hand: block_id -> row.
EXPECTED = [
    # Guangdong < Hebei < Inner Mongolia < Jiangsu, then block_id
    ("P5-EAF", "P5", "Guangdong", "EAF", 0.6, None, 2020, None, 1, 0),
    ("P1-BOF", "P1", "Hebei", "BF-BOF", 2.5, 3.5, 2003, 2012, 2, 1),  # flag from BF U2
    ("P1-EAF", "P1", "Hebei", "EAF", 0.5, None, 2003, None, 1, 0),
    ("P6-BOF", "P6", "Inner Mongolia", "BF-BOF", 1.0, 0.0, 1985, None, 1, 0),
    ("P2-EAF", "P2", "Jiangsu", "EAF", 1.5, None, None, None, 2, 1),
]
FLEET_MT = 2.5 + 0.5 + 1.0 + 1.5 + 0.6
YEARS = list(range(2025, 2061, 5))
OUTPUT = [1000, 900, 820, 750, 700, 650, 620, 600]
SCRAP = [280, 340, 390, 430, 460, 480, 490, 500]
POP = {"Guangdong": 126.01, "Hebei": 74.61, "Tibet": 3.65, "Jiangsu": 84.75, "Inner Mongolia": 24.05}
POP_SUM = 1409.77


def unit_rows(units=UNITS, plants=PLANTS):
    rows = []
    for pid, uid, typ, status, ttpa, reline in units:
        name, prov, start, lat, lng = plants[pid]
        v = {h: "x" for h in HEADER}
        v.update({"tab-type": typ, "gem-plant-id": pid, "plant-id": pid, "gem-unit-id": uid,
                  "unit-name": "unit, %s" % uid, "status": status, "current-capacity-(ttpa)": ttpa,
                  "most-recent-relining": reline, "plant-name-(english)": name,
                  "subnational-unit-(province/state)": prov,
                  "country/area": "Japan" if pid == "J1" else "China", "start-date": start,
                  "lat": lat, "lng": (" " + lng) if lng else "", "coordinates": "%s, %s" % (lat, lng)})
        rows.append([v[h] for h in HEADER])
    return rows


def write_units(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)


def write_plants(path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["plant-id", "plant-name-(english)", "country/area", "lat", "lng"])
        w.writerow(["P2", "Beta Special Steel", "China", "31.5", " 120.3"])


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def snapshot(d):
    """Every file of a directory: name -> bytes."""
    out = {}
    for f in os.listdir(d):
        with open(os.path.join(d, f), "rb") as fh:
            out[f] = fh.read()
    return out


def text_of(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def num(s):
    return None if s == "" else float(s)


class Fixture(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pp-steel-")
        self.units = os.path.join(self.tmp, "units.csv")
        self.plants = os.path.join(self.tmp, "plants.csv")
        write_units(self.units, unit_rows())
        write_plants(self.plants)
        self.out = os.path.join(self.tmp, "out", "steel")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_import(self, *extra, units=None, out=None):
        cmd = [PYTHON, IMPORTER, "--units", units or self.units, "--plants", self.plants,
               "--out", out or self.out] + list(extra)
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, cwd=self.tmp)

    def ok(self, *extra, **kw):
        r = self.run_import(*extra, **kw)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r


class Blocks(Fixture):
    def test_blocks_by_hand(self):
        r = self.ok()
        rows = read_csv(os.path.join(self.out, "blocks.csv"))
        with open(os.path.join(self.out, "blocks.csv"), encoding="utf-8") as f:
            self.assertEqual(f.readline().rstrip("\n"),
                             "block_id,plant_id,plant_name,province,lat,lng,route,capacity_mt,"
                             "bf_capacity_mt,start_year,last_relining,n_units,retirement_announced")
        self.assertEqual([b["block_id"] for b in rows], [e[0] for e in EXPECTED])
        for b, e in zip(rows, EXPECTED):
            bid, pid, prov, route, cap, bf, start, reline, n, flag = e
            self.assertEqual((b["plant_id"], b["province"], b["route"]), (pid, prov, route), bid)
            self.assertAlmostEqual(float(b["capacity_mt"]), cap, places=9, msg=bid)
            self.assertEqual(num(b["bf_capacity_mt"]), bf, bid)
            self.assertEqual(num(b["start_year"]), start, bid)
            self.assertEqual(num(b["last_relining"]), reline, bid)
            self.assertEqual(int(b["n_units"]), n, bid)
            self.assertEqual(int(b["retirement_announced"]), flag, bid)
        by = {b["block_id"]: b for b in rows}
        # integers are written without a decimal point
        self.assertEqual(by["P1-BOF"]["start_year"], "2003")
        self.assertEqual(by["P1-BOF"]["last_relining"], "2012")
        self.assertEqual(by["P6-BOF"]["bf_capacity_mt"], "0")
        self.assertEqual(by["P1-BOF"]["plant_name"], "Alpha Iron and Steel Co, Ltd")   # quoted in the file
        self.assertEqual((by["P1-BOF"]["lat"], by["P1-BOF"]["lng"]), ("38.1", "114.6"))
        self.assertEqual((by["P2-EAF"]["lat"], by["P2-EAF"]["lng"]), ("31.5", "120.3"))  # from plants file
        # statistics on stderr
        self.assertIn("BF-BOF: 2 blocks, 3.500 Mt/yr, 3 furnaces, 1 with retirement announced", r.stderr)
        self.assertIn("EAF: 3 blocks, 2.600 Mt/yr, 4 furnaces, 1 with retirement announced", r.stderr)
        self.assertIn("iron-only plants: 1 (1.000 Mt/yr BF, 0 with an EAF block); DRI units 1 (0.400 Mt/yr)",
                      r.stderr)
        self.assertIn("ignored units by status: construction 1, retired 2", r.stderr)
        self.assertIn("P6 (Zeta Converter Works) has converters but no counted blast furnace", r.stderr)
        readme = text_of(os.path.join(self.out, "README.md"))
        self.assertIn("| BF-BOF | 2 | 3.5 | 3 converters | 1 | 2 (3.5) |", readme)
        self.assertIn("Iron-only plants (counted blast furnaces, no converter): 1, 1.0 Mt/yr", readme)
        self.assertIn("CC BY 4.0", readme)
        self.assertIn("/usr/bin/python3 io/importers/import_steel.py", readme)

    def test_scenario_files(self):
        self.ok()
        cov = FLEET_MT * 0.80 / 1019.08
        d = read_csv(os.path.join(self.out, "demand.csv"))
        self.assertEqual([int(r["year"]) for r in d], YEARS)
        for r, o in zip(d, OUTPUT):
            self.assertAlmostEqual(float(r["demand_mt"]), o * cov, places=5)
        self.assertIn("**%.6f**" % cov, text_of(os.path.join(self.out, "README.md")))

        prov = read_csv(os.path.join(self.out, "provinces.csv"))
        self.assertEqual(len(prov), 31)
        names = {p["province"] for p in prov}
        self.assertFalse(names & {"Hong Kong", "Macau", "Macao", "Taiwan"})
        pop = {p["province"]: float(p["population_m"]) for p in prov}
        for k, v in POP.items():
            self.assertEqual(pop[k], v)
        self.assertAlmostEqual(sum(pop.values()), POP_SUM, places=6)
        for p in prov:
            for c in ("lat", "lng"):
                self.assertLessEqual(len(p[c].split(".")[-1]), 4)

        s = read_csv(os.path.join(self.out, "scrap_supply.csv"))
        self.assertEqual(len(s), 31 * len(YEARS))
        self.assertEqual({r["province"] for r in s}, names)
        sup = {(r["province"], int(r["year"])): float(r["supply_mt"]) for r in s}
        cap = {"Hebei": 3.0, "Jiangsu": 1.5, "Guangdong": 0.6, "Inner Mongolia": 1.0}
        for y, n in zip(YEARS, SCRAP):
            self.assertAlmostEqual(sum(v for (p, yy), v in sup.items() if yy == y), n * cov, places=4)
            for p in ("Hebei", "Tibet", "Inner Mongolia"):
                share = 0.5 * POP[p] / POP_SUM + 0.5 * cap.get(p, 0.0) / FLEET_MT
                self.assertAlmostEqual(sup[(p, y)], n * cov * share, places=5)

        g = read_csv(os.path.join(self.out, "grid_ef.csv"))
        self.assertEqual([(int(r["year"]), r["ef_t_per_mwh"]) for r in g][0], (2025, "0.57"))
        self.assertEqual(g[-1]["ef_t_per_mwh"], "0")
        for r in g:
            self.assertAlmostEqual(float(r["ef_t_per_mwh"]), 0.57 * (2060 - int(r["year"])) / 35, places=6)

        pw = read_csv(os.path.join(self.out, "pathways.csv"))
        by = {}
        for r in pw:
            by.setdefault(r["pathway"], {})[int(r["year"])] = float(r["ratio"])
        self.assertEqual(sorted(by), ["linear-90", "none", "paper-99"])
        self.assertEqual(by["linear-90"][2025], 1.0)
        self.assertAlmostEqual(by["linear-90"][2060], 0.10)
        self.assertAlmostEqual(by["linear-90"][2040], 1 - 0.9 * 15 / 35, places=6)
        self.assertEqual([by["paper-99"][y] for y in YEARS], [1, 0.85, 0.70, 0.50, 0.35, 0.20, 0.08, 0.01])
        self.assertEqual(set(by["none"].values()), {10.0})
        toml = text_of(os.path.join(self.out, "params.toml"))
        self.assertTrue(all(l.startswith("#") for l in toml.splitlines() if l.strip()))
        self.assertIn("papers/steel-model.md", toml)

    def test_options(self):
        self.ok("--utilisation", "0.5", "--population-weight", "1")
        cov = FLEET_MT * 0.5 / 1019.08
        d = read_csv(os.path.join(self.out, "demand.csv"))
        self.assertAlmostEqual(float(d[0]["demand_mt"]), 1000 * cov, places=5)
        sup = {(r["province"], r["year"]): float(r["supply_mt"])
               for r in read_csv(os.path.join(self.out, "scrap_supply.csv"))}
        self.assertAlmostEqual(sup[("Tibet", "2060")], 500 * cov * 3.65 / POP_SUM, places=6)
        readme = text_of(os.path.join(self.out, "README.md"))
        self.assertIn("--utilisation 0.5", readme)
        self.assertIn("--population-weight 1", readme)
        self.ok("--capacity-factor", "0.5")   # the same option, other name
        for bad in (["--population-weight", "1.5"], ["--utilisation", "0"], ["--country", "Japan"]):
            r = self.run_import(*bad)
            self.assertEqual(r.returncode, 2, bad)
            self.assertIn("import_steel: error:", r.stderr)
        r = self.run_import("--country", "Chnia")
        self.assertEqual(r.returncode, 2)
        self.assertIn("country not in the tracker: 'Chnia' (near: China", r.stderr)

    def test_another_country_with_its_own_tables(self):
        write_units(self.units, unit_rows(UNITS + [("J1", "U16", EAF, "operating", "1000", "")]))
        provs = os.path.join(self.tmp, "prov.csv")
        with open(provs, "w") as f:
            f.write("province,lat,lng,population_m\nChiba,35.6,140.1,6.3\nTokyo,35.7,139.7,14\n")
        scen = os.path.join(self.tmp, "scen.csv")
        with open(scen, "w") as f:
            f.write("year,output_mt,scrap_mt,grid_ef_t_per_mwh\n")
            for y in YEARS:
                f.write("%d,80,30,0.4\n" % y)
        r = self.run_import("--country", "Japan")
        self.assertEqual(r.returncode, 2)
        self.assertIn("give --provinces, --scenario, --anchor-output-mt", r.stderr)
        r = self.ok("--country", "Japan", "--provinces", provs, "--scenario", scen, "--anchor-output-mt", "87")
        self.assertIn("capacity '>0' (not known): unit left out", r.stderr)
        rows = read_csv(os.path.join(self.out, "blocks.csv"))
        self.assertEqual([(b["block_id"], b["province"], b["capacity_mt"]) for b in rows], [("J1-EAF", "Chiba", "1")])
        d = read_csv(os.path.join(self.out, "demand.csv"))
        self.assertAlmostEqual(float(d[0]["demand_mt"]), 80 * 1.0 * 0.8 / 87, places=6)
        self.assertEqual(len(read_csv(os.path.join(self.out, "scrap_supply.csv"))), 2 * len(YEARS))
        self.assertEqual({r["ef_t_per_mwh"] for r in read_csv(os.path.join(self.out, "grid_ef.csv"))}, {"0.4"})

    def test_same_input_same_bytes(self):
        self.ok()
        first = snapshot(self.out)
        self.ok()
        self.assertEqual(snapshot(self.out), first)
        self.assertEqual(sorted(first), ["README.md", "blocks.csv", "demand.csv", "grid_ef.csv", "params.toml",
                                         "pathways.csv", "provinces.csv", "scrap_supply.csv"])
        self.assertEqual(os.listdir(os.path.dirname(self.out)), ["steel"])   # no temporary left over


class Errors(Fixture):
    def failing(self, units, *extra):
        """A good instance first, then the bad input: exit 2, and the
        instance directory is byte for byte what it was."""
        self.ok()
        before = snapshot(self.out)
        bad = os.path.join(self.tmp, "bad-units.csv")
        write_units(bad, unit_rows(units))
        r = self.run_import(*extra, units=bad)
        self.assertEqual(r.returncode, 2, r.stderr)
        after = snapshot(self.out)
        self.assertEqual(after, before)
        self.assertEqual(os.listdir(os.path.dirname(self.out)), ["steel"])
        return bad, r.stderr

    def test_bad_capacity_names_file_line_and_field(self):
        units = list(UNITS)
        units[4] = ("P1", "U5", BOF, "operating", "abc", "")   # data line 5 = file line 6
        bad, err = self.failing(units)
        self.assertIn("%s:6: field 'current-capacity-(ttpa)': 'abc' is not a number" % bad, err)

    def test_empty_province_names_file_line_and_field(self):
        plants = dict(PLANTS)
        plants["P5"] = ("Epsilon DRI", "", "2020", "23.0", "113.0")
        bad = os.path.join(self.tmp, "bad-units.csv")
        self.ok()
        before = snapshot(self.out)
        write_units(bad, unit_rows(UNITS, plants))
        r = self.run_import(units=bad)
        self.assertEqual(r.returncode, 2, r.stderr)
        # U12 (line 13) is a DRI unit: no block, so the EAF U13 on line 14 is the one named
        self.assertIn("%s:14: field 'subnational-unit-(province/state)' is empty" % bad, r.stderr)
        self.assertEqual(snapshot(self.out),
                         before)

    def test_unknown_province_names_the_line_and_the_name(self):
        plants = dict(PLANTS)
        plants["P3"] = ("Gamma", "Formosa", "1999", "1", "1")     # iron only: no block, no error
        plants["P2"] = ("Beta Special Steel", "Jiangsuu", "unknown", "", "")
        units = UNITS[:-1]
        bad = os.path.join(self.tmp, "bad-units.csv")
        write_units(bad, unit_rows(units, plants))
        r = self.run_import(units=bad)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("%s:8: field 'subnational-unit-(province/state)': province 'Jiangsuu'" % bad, r.stderr)
        self.assertIn("(near: Jiangsu", r.stderr)

    def test_zero_capacity_and_bad_relining(self):
        units = list(UNITS)
        units[5] = ("P1", "U6", EAF, "operating", "0", "")
        bad, err = self.failing(units)
        self.assertIn("%s:7: field 'current-capacity-(ttpa)': 0 is not > 0" % bad, err)
        units = list(UNITS)
        units[0] = ("P1", "U1", BF, "operating", "2000", "soon")
        bad, err = self.failing(units)
        self.assertIn("%s:2: field 'most-recent-relining': 'soon' holds no year" % bad, err)

    def test_missing_coordinates_and_columns(self):
        with open(self.plants, "w") as f:
            f.write("plant-id,country/area,lat,lng\n")
        r = self.run_import()
        self.assertEqual(r.returncode, 2)
        self.assertIn(":8: plant P2 (Beta Special Steel): no coordinates", r.stderr)
        with open(self.units, "w") as f:
            f.write("tab-type,gem-plant-id,status\nBlast_furnaces,P1,operating\n")
        r = self.run_import()
        self.assertEqual(r.returncode, 2)
        self.assertIn("%s:1: column(s) not found: gem-unit-id" % self.units, r.stderr)
        r = self.run_import(units=os.path.join(self.tmp, "nope.csv"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("input file not found", r.stderr)

    def test_help(self):
        r = subprocess.run([PYTHON, IMPORTER, "--help"], stdout=subprocess.PIPE, universal_newlines=True)
        self.assertEqual(r.returncode, 0)
        for opt in ("--units", "--plants", "--country", "--out", "--utilisation", "--population-weight"):
            self.assertIn(opt, r.stdout)


STEEL = os.path.normpath(os.path.join(REPO, "..", "shared", "data", "steel"))
REAL_UNITS = os.path.join(STEEL, "GIST_Iron_Steel_map-file_units_2025-03-18.csv")
BUNDLED = os.path.join(REPO, "datasets", "china-steel-gist-2025")


@unittest.skipUnless(os.path.exists(REAL_UNITS), "GEM steel map files not present")
class RealData(unittest.TestCase):
    """The facts of ../shared/data/steel/PROVENANCE.md, and the bundled
    instance is what the importer makes of the files today."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pp-steel-real-")
        cls.out = os.path.join(cls.tmp, "china")
        r = subprocess.run([PYTHON, IMPORTER, "--out", cls.out], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True)
        assert r.returncode == 0, r.stderr
        cls.stderr = r.stderr
        cls.blocks = read_csv(os.path.join(cls.out, "blocks.csv"))
        with open(REAL_UNITS, newline="", encoding="utf-8-sig") as f:
            cls.units = [u for u in csv.DictReader(f) if u["country/area"] == "China"]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def cap(self, typ, status):
        return sum(float(u["current-capacity-(ttpa)"]) for u in self.units
                   if u["tab-type"] == typ and u["status"] == status) / 1000.0

    def count(self, typ, status):
        return sum(1 for u in self.units if u["tab-type"] == typ and u["status"] == status)

    def test_provenance_counts(self):
        self.assertEqual(len(self.units), 2412)
        self.assertEqual((self.count(BF, "operating"), self.count(BOF, "operating"),
                          self.count(EAF, "operating"), self.count(DRI, "operating")), (557, 569, 189, 5))
        self.assertEqual((self.count(BF, "operating_pre-retirement"), self.count(BOF, "operating_pre-retirement"),
                          self.count(EAF, "operating_pre-retirement")), (110, 87, 46))
        self.assertAlmostEqual(self.cap(BOF, "operating"), 820.6, delta=0.05)
        self.assertAlmostEqual(self.cap(EAF, "operating"), 135.3, delta=0.05)
        self.assertAlmostEqual(self.cap(BF, "operating"), 811.8, delta=0.05)

    def test_blocks_hold_every_counted_converter_and_eaf(self):
        bof = [b for b in self.blocks if b["route"] == "BF-BOF"]
        eaf = [b for b in self.blocks if b["route"] == "EAF"]
        self.assertAlmostEqual(sum(float(b["capacity_mt"]) for b in bof),
                               820.63 + self.cap(BOF, "operating_pre-retirement"), places=6)
        self.assertAlmostEqual(sum(float(b["capacity_mt"]) for b in eaf),
                               self.cap(EAF, "operating") + self.cap(EAF, "operating_pre-retirement"), places=6)
        self.assertEqual(sum(int(b["n_units"]) for b in bof), 569 + 87)
        self.assertEqual(sum(int(b["n_units"]) for b in eaf), 189 + 46)
        # BF in blocks + BF of iron-only plants = every counted blast furnace
        bf_blocks = sum(float(b["bf_capacity_mt"]) for b in bof)
        counted_bf = self.cap(BF, "operating") + self.cap(BF, "operating_pre-retirement")
        self.assertLessEqual(bf_blocks, counted_bf + 1e-6)
        self.assertGreater(bf_blocks, 0.9 * counted_bf)
        self.assertTrue(all(float(b["capacity_mt"]) > 0 for b in self.blocks))
        self.assertEqual(len({b["block_id"] for b in self.blocks}), len(self.blocks))
        provs = {b["province"] for b in self.blocks}
        self.assertLessEqual(len(provs), 28)      # PROVENANCE: plants in 28 provinces
        self.assertGreaterEqual(len(provs), 25)
        keys = [(b["province"], b["block_id"]) for b in self.blocks]
        self.assertEqual(keys, sorted(keys))
        # 187 operating blast furnaces carry a relining year: blocks with one exist
        self.assertGreater(sum(1 for b in bof if b["last_relining"]), 50)
        self.assertIn("cross-check with plants file: 0 differences", self.stderr)

    @unittest.skipUnless(os.path.isdir(BUNDLED), "bundled instance not present")
    def test_bundled_instance_is_current(self):
        for f in ("blocks.csv", "provinces.csv", "demand.csv", "scrap_supply.csv", "grid_ef.csv",
                  "pathways.csv", "params.toml"):
            with open(os.path.join(BUNDLED, f), "rb") as a, open(os.path.join(self.out, f), "rb") as b:
                self.assertEqual(a.read(), b.read(), "%s of %s is not what the importer makes now "
                                 "(rerun io/importers/import_steel.py)" % (f, BUNDLED))


if __name__ == "__main__":
    unittest.main(verbosity=2)
