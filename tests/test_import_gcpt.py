#!/usr/bin/python3
"""Importer tests: small workbooks written here with the January 2024 and the
July 2024 column names must give the same instance; the numbers of one unit
are checked by hand; bad input gives a clear error; and (when the real
releases are next to the repo) the July 2024 China instance differs from the
January 2024 one exactly where the trackers' rows differ."""

import contextlib
import csv
import io
import math
import os
import shutil
import sys
import tempfile
import unittest

import openpyxl

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(REPO, "io", "importers"))

import import_gcpt  # noqa: E402
from importer_common import InputFault  # noqa: E402

JAN = ["GEM unit/phase ID", "GEM location ID", "Country", "Wiki URL", "Plant name", "Unit name",
       "Capacity (MW)", "Status", "Start year", "Retired year", "Combustion technology",
       "Subnational unit (province, state)", "Region", "Latitude", "Longitude",
       "Heat rate (Btu per kWh)", "Emission factor (kg of CO2 per TJ)", "Capacity factor"]
# July 2024: `Country` renamed, columns reordered, new columns the importer does not need.
JUL = ["GEM unit/phase ID", "GEM location ID", "Country/Area", "Wiki URL", "Plant name", "Unit name",
       "Plant name (other)", "Capacity (MW)", "Status", "Start year", "Retired year",
       "Combustion technology", "Subnational unit (province, state)", "Region", "Latitude",
       "Longitude", "Permit Parsed", "Plant age (years)", "Capacity factor",
       "Heat rate (Btu per kWh)", "Emission factor (kg of CO2 per TJ)"]

# (id, country, plant, unit, MW, status, start, tech, province, lat, lon, heat rate, EF, CF)
UNITS = [
    ("G1", "India", "Alpha", "Unit 1", 600, "operating", 2010, "supercritical", "Punjab", 30.0, 75.0,
     9000, 95000, 0.53),
    ("G2", "India", "Alpha", "Unit 2", 600, "construction", None, "supercritical", "Punjab", 30.0, 75.0,
     9000, 95000, 0.53),
    ("G3", "India", "Beta", "", 250, "operating", 1980, "subcritical", "Gujarat", 22.0, 70.0,
     10000, 96000, 0.53),   # alive 1980..2019: dead before 2025
    ("G4", "Pakistan", "Gamma", "1", 330, "permitted", 2026, "ultra-supercritical/ccs", "Punjab",
     31.0, 73.0, 8500, 9460, 0.53),  # GEM's post-capture factor
    ("G5", "Pakistan", "Delta", "1", 100, "cancelled", 2030, "subcritical", "Sindh", 25.0, 68.0,
     None, None, 0.53),     # cancelled: not selected
    ("G6", "Indonesia", "Epsilon", "1", 400, "operating", 2015, "subcritical", "Banten", -6.0, 106.0,
     None, None, None),     # no heat rate / factor / capacity factor
]
ECON = """Parameter,Item,Unit,Value,Min,Max
PP-fixOM,fixed O&M,$/kw,41.66,29.3,54
Carbon capture rate,rate,%,90,85,95
"""
PATHWAYS = "pathway,year,cap_ratio\nhalf,2020,1\nhalf,2025,0.9\nhalf,2050,0.5\n"


def write_tracker(path, header, units, sheet="Units"):
    wb = openpyxl.Workbook()
    wb.active.title = "About"
    ws = wb.create_sheet(sheet)
    ws.append(header)
    role_of = {"GEM unit/phase ID": 0, "Country": 1, "Country/Area": 1, "Plant name": 2, "Unit name": 3,
               "Capacity (MW)": 4, "Status": 5, "Start year": 6, "Combustion technology": 7,
               "Subnational unit (province, state)": 8, "Latitude": 9, "Longitude": 10,
               "Heat rate (Btu per kWh)": 11, "Emission factor (kg of CO2 per TJ)": 12, "Capacity factor": 13}
    for u in units:
        ws.append([u[role_of[h]] if h in role_of else "x" for h in header])
    wb.save(path)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Fixture(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pp-import-")
        self.src = os.path.join(self.tmp, "src")
        os.makedirs(self.src)
        with open(os.path.join(self.src, "params_economic.csv"), "w") as f:
            f.write(ECON)
        self.paths = os.path.join(self.tmp, "pathways.csv")
        with open(self.paths, "w") as f:
            f.write(PATHWAYS)
        self.sites = os.path.join(self.tmp, "sites.csv")
        with open(self.sites, "w") as f:
            f.write("lon,lat\n75.0,31.0\n")   # one site 1 degree of latitude north of Alpha

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_import(self, header, *extra, units=UNITS, name="inst"):
        tracker = os.path.join(self.tmp, "tracker-%s.xlsx" % name)
        write_tracker(tracker, header, units)
        out = os.path.join(self.tmp, "out", name)
        args = ["--source", self.src, "--tracker", tracker, "--out", out, "--pathways", self.paths,
                "--readme", os.path.join(self.tmp, "out", "README.md")] + list(extra)
        with contextlib.redirect_stderr(io.StringIO()):
            import_gcpt.main(args)
        return out

    def error_of(self, header, *extra, units=UNITS):
        with self.assertRaises(InputFault) as cm:
            self.run_import(header, *extra, units=units, name="bad")
        return str(cm.exception)


class Releases(Fixture):
    def test_january_and_july_names_give_the_same_instance(self):
        for sel in (["--world"], ["--country", "India"], ["--country", "India", "--country", "Pakistan"]):
            a = self.run_import(JAN, *sel, "--storage", self.sites, name="jan")
            b = self.run_import(JUL, *sel, "--storage", self.sites, name="jul")
            for f in sorted(os.listdir(a)):
                with open(os.path.join(a, f), "rb") as fa, open(os.path.join(b, f), "rb") as fb:
                    self.assertEqual(fa.read(), fb.read(), "%s differs for %s" % (f, sel))
            self.assertEqual(sorted(os.listdir(a)), sorted(os.listdir(b)))

    def test_one_unit_by_hand(self):
        out = self.run_import(JUL, "--world", "--storage", self.sites, "--storage-countries", "India",
                              "--ccs-distance-km", "321")
        rows = {r["id"]: r for r in read_csv(os.path.join(out, "plants.csv"))}
        # G3 died in 2019, G5 is cancelled
        self.assertEqual(sorted(rows), ["G1", "G2", "G4", "G6"])
        g1 = rows["G1"]
        self.assertEqual(g1["province"], "India/Punjab")      # several countries: prefixed
        self.assertEqual(rows["G4"]["province"], "Pakistan/Punjab")
        self.assertAlmostEqual(float(g1["hours"]), 0.53 * 8760, places=9)
        # 9000 Btu/kWh x 1055.05585 J/Btu x 1000 kWh/MWh x 95000 kg/TJ / 1e12 J/TJ / 1000 kg/t
        self.assertAlmostEqual(float(g1["emission_factor_t_per_mwh"]), 9000 * 1055.05585 * 95000 / 1e12, places=12)
        # one degree of latitude on a 6371 km sphere, times PLATO's tortuosity 3.7
        self.assertAlmostEqual(float(g1["ccs_distance_km"]), 6371.0 * math.pi / 180 * 3.7, places=6)
        self.assertEqual(rows["G2"]["start_year"], "2027")    # construction, no start year
        g4 = rows["G4"]
        self.assertEqual(g4["installed"], "CCS")
        self.assertAlmostEqual(float(g4["emission_factor_t_per_mwh"]), 8500 * 1055.05585 * 94600 / 1e12, places=9)
        self.assertEqual(float(g4["ccs_distance_km"]), 321.0)  # Pakistan: not covered by the site file
        g6 = rows["G6"]
        self.assertAlmostEqual(float(g6["emission_factor_t_per_mwh"]), 0.8017)
        self.assertAlmostEqual(float(g6["hours"]), 0.53 * 8760, places=9)  # GEM's default CF
        # Inputs that exist only for China: none for this fleet.
        self.assertEqual(read_csv(os.path.join(out, "biomass.csv")), [])
        self.assertEqual(read_csv(os.path.join(out, "elec_floor.csv")), [])
        self.assertFalse(os.path.exists(os.path.join(out, "pathways_montecarlo.csv")))
        self.assertEqual(len(read_csv(os.path.join(out, "pathways.csv"))), 3)

    def test_one_country_keeps_plain_province_names(self):
        out = self.run_import(JAN, "--country", "India")
        rows = read_csv(os.path.join(out, "plants.csv"))
        self.assertEqual({r["province"] for r in rows}, {"Punjab"})
        self.assertEqual({r["country"] for r in rows}, {"India"})
        self.assertEqual({r["ccs_distance_km"] for r in rows}, {"550"})  # no storage file: the default

    def test_user_floor_and_biomass_files(self):
        floors = os.path.join(self.tmp, "floors.csv")
        with open(floors, "w") as f:
            f.write("province,year,floor_mwh\nPunjab,2025,1e6\nPunjab,2030,1e12\n")
        cells = os.path.join(self.tmp, "cells.csv")
        with open(cells, "w") as f:
            f.write("cell,lon,lat,supply_mwh\na,75.1,30.1,5000\n")
        out = self.run_import(JAN, "--country", "India", "--floors", floors, "--biomass", cells)
        fl = read_csv(os.path.join(out, "elec_floor.csv"))
        # the 2030 floor is capped by the BAU generation of the province's two units
        self.assertEqual([(r["province"], r["year"]) for r in fl], [("Punjab", "2025"), ("Punjab", "2030")])
        self.assertEqual(float(fl[0]["floor_mwh"]), 1e6)
        self.assertAlmostEqual(float(fl[1]["floor_mwh"]), 1200 * 0.53 * 8760, places=6)
        self.assertEqual(read_csv(os.path.join(out, "biomass.csv"))[0]["supply_mwh"], "5000")

    def test_biomass_cells_keep_their_country_only_in_a_multi_country_fleet(self):
        cells = os.path.join(self.tmp, "cells.csv")
        with open(cells, "w") as f:
            f.write("cell,lon,lat,supply_mwh,country\na,75.1,30.1,5000,India\nb,74.0,31.0,7,\n")
        out = self.run_import(JUL, "--country", "India", "--country", "Pakistan", "--biomass", cells)
        self.assertEqual([(r["cell"], r["country"]) for r in read_csv(os.path.join(out, "biomass.csv"))],
                         [("a", "India"), ("b", "")])
        out = self.run_import(JUL, "--country", "India", "--biomass", cells, name="one")
        self.assertNotIn("country", read_csv(os.path.join(out, "biomass.csv"))[0])


class Errors(Fixture):
    def test_missing_required_column_is_named_with_what_is_there(self):
        hdr = [h if h != "Capacity (MW)" else "Size" for h in JUL]
        msg = self.error_of(hdr, "--country", "India")
        self.assertIn("column(s) not found: capacity ('Capacity (MW)'", msg)
        self.assertIn("columns present:", msg)
        self.assertIn("'Size'", msg)

    def test_misspelt_country_lists_near_names(self):
        msg = self.error_of(JUL, "--country", "Indai")
        self.assertIn("country not in the tracker: 'Indai' (near: India", msg)
        msg = self.error_of(JUL, "--country", "pakistan")
        self.assertIn("(near: Pakistan", msg)

    def test_semicolon_csv_is_recognised(self):
        with open(self.paths, "w") as f:
            f.write("pathway;year;cap_ratio\nhalf;2025;0.9\n")
        self.assertIn("separated by ';'", self.error_of(JAN, "--country", "India"))

    def test_bad_user_values_name_file_and_line(self):
        with open(self.paths, "w") as f:
            f.write("pathway,year,cap_ratio\nhalf,2025,0.9\nhalf,2030,ninety\n")
        msg = self.error_of(JAN, "--country", "India")
        self.assertIn("pathways.csv:3: cap_ratio 'ninety'", msg)

    def test_failed_import_leaves_the_previous_instance(self):
        out = self.run_import(JAN, "--country", "India", name="bad")
        before = sorted(os.listdir(out))
        self.error_of(JUL, "--country", "Indai")
        self.assertEqual(sorted(os.listdir(out)), before)


SHARED = os.path.normpath(os.path.join(REPO, "..", "shared", "data"))
JAN_REAL = os.path.join(SHARED, "plato", "Global-Coal-Plant-Tracker-January-2024.xlsx")
JUL_REAL = os.path.join(SHARED, "gcpt", "Global-Coal-Plant-Tracker-July-2024_DATA_TEAM_COPY.xlsx")


@unittest.skipUnless(os.path.exists(JAN_REAL) and os.path.exists(JUL_REAL), "real tracker releases not present")
class RealReleases(unittest.TestCase):
    """The two China instances differ exactly in the units whose tracker rows
    (in the fields the importer reads) differ between the releases."""

    def test_china_july_differs_from_january_only_where_the_tracker_does(self):
        import gcpt_tracker
        from importer_common import open_wb
        tmp = tempfile.mkdtemp(prefix="pp-import-real-")
        try:
            inst, raw = {}, {}
            for tag, path in (("jan", JAN_REAL), ("jul", JUL_REAL)):
                out = os.path.join(tmp, tag)
                with contextlib.redirect_stderr(io.StringIO()):
                    import_gcpt.main(["--tracker", path, "--out", out, "--readme", os.path.join(tmp, "R.md")])
                inst[tag] = {r["id"]: r for r in read_csv(os.path.join(out, "plants.csv"))}
                rows, ix = gcpt_tracker.read_units(open_wb(path), path)
                roles = [r for r in gcpt_tracker.ROLES if ix[r] is not None]
                raw[tag] = {str(r[ix["id"]]): tuple(str(r[ix[k]]) for k in roles)
                            for r in rows if r[ix["country"]] == "China"}
            changed_rows = {i for i in set(raw["jan"]) | set(raw["jul"]) if raw["jan"].get(i) != raw["jul"].get(i)}
            changed_plants = {i for i in set(inst["jan"]) | set(inst["jul"])
                              if inst["jan"].get(i) != inst["jul"].get(i)}
            # every plant that changed comes from a changed tracker row ...
            self.assertTrue(changed_plants <= changed_rows, sorted(changed_plants - changed_rows)[:5])
            # ... and a changed row that still yields a plant in both releases changes it
            both = set(inst["jan"]) & set(inst["jul"])
            self.assertTrue(len(changed_plants) > 0)
            print("\nChina, January vs July 2024: %d tracker rows differ, %d plants differ "
                  "(%d only in January, %d only in July, %d changed), %d plants the same"
                  % (len(changed_rows), len(changed_plants), len(set(inst["jan"]) - set(inst["jul"])),
                     len(set(inst["jul"]) - set(inst["jan"])), len(changed_plants & both),
                     len(both - changed_plants)), file=sys.stderr)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
