// Loads a plantpath report page in Debian's chromium (headless, via
// playwright-core) with the network off and prints, as JSON on stdout, what
// a reader of the page sees: console errors, requests that tried to leave
// the machine, each figure's drawn elements, and the numbers in the page's
// tables. Writes a full-page screenshot. The checks are made by the caller
// (tests/test_report.py) against the run's own files.
//
//   node tests/report/browser_check.mjs PAGE.html SCREENSHOT.png
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [page_path, shot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const out = { console_errors: [], page_errors: [], requests_out: [], figures: [], fields: [] };
try {
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    out.requests_out.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") out.console_errors.push(m.text()); });
  page.on("pageerror", (e) => out.page_errors.push(String(e)));
  await page.goto(pathToFileURL(page_path).href, { waitUntil: "load" });
  await page.waitForSelector("body[data-figures]", { timeout: 30000 });
  out.figures_attr = await page.getAttribute("body", "data-figures");
  out.figures = await page.$$eval(".figure", (divs) => divs.map((d) => {
    const svg = d.querySelector("svg");
    const r = d.getBoundingClientRect();
    return {
      id: d.id, drawn: d.getAttribute("data-drawn"), width: r.width, height: r.height,
      svg: !!svg, paths: svg ? svg.querySelectorAll("path").length : 0,
      texts: svg ? [...svg.querySelectorAll("text")].map((t) => t.textContent).filter((t) => t).length : 0,
    };
  }));
  out.fields = await page.$$eval("[data-field]", (cells) => cells.map((c) => ({
    field: c.getAttribute("data-field"), year: c.getAttribute("data-year"), state: c.getAttribute("data-state"),
    pathway: c.getAttribute("data-pathway"), text: c.textContent,
  })));
  // A selector changes what a figure shows: the map and the fleet views must redraw without an error.
  for (const sel of await page.$$("select")) {
    const values = await sel.$$eval("option", (os) => os.map((o) => o.value));
    if (values.length > 1) await sel.selectOption(values[values.length - 1]);
  }
  out.after_select_paths = await page.$$eval(".figure svg", (svgs) => svgs.map((s) => s.querySelectorAll("path").length));
  await page.screenshot({ path: shot, fullPage: true });
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
