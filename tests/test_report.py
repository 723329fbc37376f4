#!/usr/bin/python3
"""`plantpath report` end to end: a small solve, sweep and sensitivity run,
their pages loaded in a real headless chromium with the network off (no
console error, every figure drawn, a screenshot written), and the numbers the
page shows checked against the run's files, read here independently
(capacity by state is recomputed from pathways.csv and plants.csv, not taken
from fleet.csv). Bad run directories end in a clear error naming the file and
leave no report behind."""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
BIN = os.environ.get("PLANTPATH_BIN", os.path.join(REPO, "build", "plantpath"))
INSTANCE = os.path.join(REPO, "datasets", "china-gcpt-2024")
SMALL = ["--provinces", "Hainan", "--time-limit", "3", "--gap", "0.05", "--threads", "1", "--quiet"]


def run(args, expect=0):
    p = subprocess.run([BIN] + args, capture_output=True, text=True, timeout=600)
    if p.returncode != expect:
        raise AssertionError(f"plantpath {' '.join(args)}: exit {p.returncode}, expected {expect}\n"
                             f"stdout: {p.stdout}\nstderr: {p.stderr}")
    return p


def browser(page, shot):
    p = subprocess.run(["node", os.path.join(REPO, "tests", "report", "browser_check.mjs"), page, shot],
                       capture_output=True, text=True, timeout=300, cwd=REPO)
    if p.returncode != 0:
        raise AssertionError(f"browser check failed: {p.stderr}")
    return json.loads(p.stdout)


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


class Report(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pp-report-")
        cls.solve = os.path.join(cls.tmp, "solve")
        run(["solve", INSTANCE, "--pathway", "50-30lp-50nozero", "--out", cls.solve, "--report"] + SMALL)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def check_page(self, page, min_figures):
        shot = page + ".png"
        b = browser(page, shot)
        self.assertEqual(b["console_errors"], [])
        self.assertEqual(b["page_errors"], [])
        self.assertEqual(b["requests_out"], [], "the page must not reach the network")
        self.assertGreaterEqual(len(b["figures"]), min_figures)
        self.assertEqual(int(b["figures_attr"]), len(b["figures"]))
        for f in b["figures"]:
            self.assertEqual(f["drawn"], "1", f["id"])
            self.assertTrue(f["svg"], f["id"])
            self.assertGreater(f["width"] * f["height"], 0, f["id"])
            self.assertGreater(f["paths"], 3, f"{f['id']}: no chart elements")
        self.assertTrue(all(n > 3 for n in b["after_select_paths"]), "a figure emptied after a selector change")
        self.assertGreater(os.path.getsize(shot), 10000)
        return b

    def test_solve_page_shows_the_run(self):
        page = os.path.join(self.solve, "report.html")
        b = self.check_page(page, 8)
        fields = b["fields"]
        with open(os.path.join(self.solve, "summary.json")) as f:
            s = json.load(f)
        tc = [x["text"] for x in fields if x["field"] == "tc" and x["year"] is None]
        self.assertEqual(tc, [f"{s['transition_cost_usd'] / 1e9:.3f} bn USD"])
        gap = [x["text"] for x in fields if x["field"] == "gap"]
        self.assertEqual(gap, [f"{100 * s['gap']:.3f} %"])
        for y in s["years"]:
            shown = [x["text"] for x in fields if x["field"] == "emissions" and x["year"] == str(y["year"])]
            self.assertEqual(shown, [f"{y['emissions_t'] / 1e6:.3f}"])
        # Capacity by state and year, recomputed from pathways.csv.
        years = s["decision_years"]
        cap = {}
        for row in read_csv(os.path.join(self.solve, "pathways.csv")):
            for y in years:
                key = (row[str(y)], str(y))
                cap[key] = cap.get(key, 0.0) + float(row["capacity_mw"])
        cells = [x for x in fields if x["field"] == "capacity_gw"]
        self.assertEqual(len(cells), 11 * len(years))
        for x in cells:
            self.assertEqual(x["text"], f"{cap.get((x['state'], x['year']), 0.0) / 1e3:.3f}", x)
        figs = os.path.join(self.solve, "report-figures")
        for name in ("emissions", "generation", "sankey", "capacity", "map", "provinces", "convergence"):
            for ext in ("svg", "png"):
                self.assertGreater(os.path.getsize(os.path.join(figs, f"{name}.{ext}")), 1000, name)
        with open(os.path.join(self.solve, ".plantpath-output")) as f:
            marker = f.read().split("\n")
        self.assertIn("file report.html", marker)
        self.assertIn("dir report-figures", marker)
        with open(page) as f:
            text = f.read()
        for needle in ("http://", "https://", "src=\"//"):
            # ECharts' own code names URLs in strings (e.g. SVG namespaces), never as a fetched resource.
            self.assertNotIn(f"<script src={needle}", text)

    def test_sweep_and_sensitivity_pages(self):
        sweep = os.path.join(self.tmp, "sweep")
        run(["sweep", INSTANCE, "--pathways", "50-30lp-50nozero,50-25hp-50zero", "--out", sweep] + SMALL)
        run(["report", sweep, "--quiet"])
        b = self.check_page(os.path.join(sweep, "report.html"), 1)
        rows = {r["pathway"]: r for r in read_csv(os.path.join(sweep, "sweep.csv"))}
        shown = {x["pathway"]: x["text"] for x in b["fields"] if x["field"] == "tc"}
        self.assertEqual(set(shown), set(rows))
        for p, t in shown.items():
            self.assertEqual(t, f"{float(rows[p]['tc_usd']) / 1e9:.3f}")
        sens = os.path.join(self.tmp, "sens")
        run(["sensitivity", INSTANCE, "--pathway", "50-30lp-50nozero", "--params", "discount_rate,coal_cost",
             "--out", sens] + SMALL)
        out = os.path.join(self.tmp, "pages", "sens.html")
        run(["report", sens, "--out", out, "--quiet"])
        self.check_page(out, 1)
        self.assertTrue(os.path.isfile(os.path.join(self.tmp, "pages", "sens-figures", "tornado.svg")))

    def test_compare_two_runs(self):
        myopic = os.path.join(self.tmp, "myopic")
        run(["solve", INSTANCE, "--pathway", "50-30lp-50nozero", "--mode", "myopic", "--out", myopic] + SMALL)
        out = os.path.join(self.tmp, "pages", "compare.html")
        run(["report", myopic, self.solve, "--out", out, "--quiet"])
        self.check_page(out, 4)
        run(["report", myopic, self.solve, "--quiet"], expect=2)  # two runs need --out

    def test_budget_page(self):
        budget = os.path.join(self.tmp, "budget")
        run(["solve", INSTANCE, "--budget-cuer", "0.5", "--out", budget, "--report"] + SMALL)
        b = self.check_page(os.path.join(budget, "report.html"), 9)
        self.assertIn("fig-budget", [f["id"] for f in b["figures"]])

    def test_run_without_a_plan(self):
        # What an infeasible run writes: null figures in summary.json, empty states and rows.
        nop = os.path.join(self.tmp, "noplan")
        shutil.copytree(self.solve, nop)
        for x in ("report.html", "report-figures"):
            shutil.rmtree(os.path.join(nop, x)) if x.endswith("figures") else os.remove(os.path.join(nop, x))
        with open(os.path.join(nop, "summary.json")) as f:
            s = json.load(f)
        s.update(transition_cost_usd=None, gap=None, has_plan=False, status="infeasible")
        for y in s["years"]:
            y.update(emissions_t=None, generation_mwh=None)
        with open(os.path.join(nop, "summary.json"), "w") as f:
            json.dump(s, f)
        for name, keep in (("pathways.csv", lambda i, v: i < 4 or v in ("Planned", "NR")),
                           ("provinces.csv", lambda i, v: i < 2 or i == 13)):
            rows = list(csv.reader(open(os.path.join(nop, name))))
            rows = rows[:1] + [[v if keep(i, v) else "" for i, v in enumerate(r)] for r in rows[1:]]
            with open(os.path.join(nop, name), "w", newline="") as f:
                csv.writer(f).writerows(rows)
        run(["report", nop, "--quiet"])
        b = self.browser_only(os.path.join(nop, "report.html"))
        shown = {x["field"]: x["text"] for x in b["fields"] if x["year"] is None}
        self.assertEqual(shown["tc"], "– bn USD")
        self.assertEqual(shown["gap"], "–")
        self.assertEqual({x["text"] for x in b["fields"] if x["field"] == "emissions"}, {"–"})

    def browser_only(self, page):
        b = browser(page, page + ".png")
        self.assertEqual(b["console_errors"] + b["page_errors"] + b["requests_out"], [])
        return b

    def test_bad_run_directories(self):
        bad = os.path.join(self.tmp, "bad")
        shutil.copytree(self.solve, bad)
        shutil.rmtree(os.path.join(bad, "report-figures"))
        os.remove(os.path.join(bad, "report.html"))
        path = os.path.join(bad, "provinces.csv")
        with open(path) as f:
            lines = f.read().split("\n")
        fields = lines[2].split(",")
        fields[11] = "twelve"  # generation_mwh
        lines[2] = ",".join(fields)
        with open(path, "w") as f:
            f.write("\n".join(lines))
        p = run(["report", bad], expect=1)
        self.assertIn("provinces.csv, line 3, field generation_mwh: 'twelve' is not a number", p.stderr)
        self.assertFalse(any(x.startswith("report") for x in os.listdir(bad)), os.listdir(bad))
        os.remove(path)
        p = run(["report", bad], expect=1)
        self.assertIn("provinces.csv: missing", p.stderr)
        self.assertFalse(any(x.startswith("report") for x in os.listdir(bad)), os.listdir(bad))
        p = run(["report", os.path.join(self.tmp, "nowhere")], expect=2)
        self.assertIn("not a directory", p.stderr)
        plain = os.path.join(self.tmp, "plain")
        os.mkdir(plain)
        p = run(["report", plain], expect=2)
        self.assertIn("not a plantpath output directory", p.stderr)
        # A page plantpath did not write is never replaced.
        foreign = os.path.join(self.tmp, "thesis.html")
        with open(foreign, "w") as f:
            f.write("<html>mine</html>\n")
        run(["report", self.solve, "--out", foreign, "--quiet"], expect=2)
        with open(foreign) as f:
            self.assertEqual(f.read(), "<html>mine</html>\n")


if __name__ == "__main__":
    unittest.main()
