// Draws plantpath's report page from the data report.py embeds (window.PLANTPATH).
// Every figure is an ECharts chart rendered as SVG (so it prints and zooms
// sharply, and a test can see its elements); each figure's container gets
// data-drawn="1" once drawn and the body data-figures="N" when all are.
(function () {
  "use strict";
  const D = window.PLANTPATH;
  const charts = [];
  let drawn = 0;

  const fmt = (v, d = 3) => (v === null || v === undefined || Number.isNaN(v) ? "–" : Number(v).toFixed(d));
  const bn = (v) => (v === null || v === undefined || Number.isNaN(v) ? "–" : (v / 1e9).toFixed(3));
  const pct = (v, d = 3) => (v === null || v === undefined || Number.isNaN(v) ? "–" : (100 * v).toFixed(d) + " %");
  const el = (tag, attrs = {}, text) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const section = (title, note) => {
    const s = el("section");
    s.appendChild(el("h2", {}, title));
    if (note) s.appendChild(el("p", { class: "note" }, note));
    document.getElementById("content").appendChild(s);
    return s;
  };
  // A chart container; `draw(chart)` sets its option (and is called again on a selector change).
  const figure = (parent, name, height, draw) => {
    const div = el("div", { class: "figure", id: "fig-" + name, style: `height:${height}px` });
    parent.appendChild(div);
    const chart = echarts.init(div, null, { renderer: "svg" });
    // No animation: what is on the page (and in a screenshot) is the final figure at once.
    const setOption = chart.setOption.bind(chart);
    chart.setOption = (o, ...rest) => setOption({ animation: false, ...o }, ...rest);
    charts.push(chart);
    draw(chart);
    div.setAttribute("data-drawn", "1");
    drawn += 1;
    return chart;
  };
  const select = (parent, id, label, options, value, onchange) => {
    const wrap = el("label", { class: "selector" }, label + " ");
    const s = el("select", { id });
    for (const o of options) {
      const opt = el("option", { value: String(o) }, String(o));
      if (String(o) === String(value)) opt.selected = true;
      s.appendChild(opt);
    }
    s.addEventListener("change", () => onchange(s.value));
    wrap.appendChild(s);
    parent.appendChild(wrap);
    return s;
  };
  const table = (parent, id, header, rows, cellAttrs) => {
    const t = el("table", { id });
    const tr = el("tr");
    for (const h of header) tr.appendChild(el("th", {}, h));
    t.appendChild(tr);
    rows.forEach((r, i) => {
      const row = el("tr");
      r.forEach((c, j) => row.appendChild(el("td", cellAttrs ? cellAttrs(i, j) : {}, c)));
      t.appendChild(row);
    });
    parent.appendChild(t);
    return t;
  };
  const color = (label) => D.colors[label] || "#999";
  // Scaled values for a chart; a missing value (null: e.g. a run without a plan) stays missing, not 0.
  const per = (arr, f) => (arr || []).map((v) => (v === null || v === undefined ? null : v / f));
  const grid = { left: 70, right: 30, top: 40, bottom: 50 };

  // ---------------------------------------------------------------- solve
  function headline(parent, s, id) {
    const h = s.headline;
    const box = el("div", { class: "headline", id });
    const rows = [
      ["status", h.status], ["stopped by", h.stop_reason], ["solution", h.solution_state],
      ["transition cost", bn(h.tc) + " bn USD"], ["lower bound", bn(h.bound) + " bn USD"],
      ["gap", pct(h.gap)],
      ...(h.worst_step_gap === null || h.worst_step_gap === undefined ? [] : [["worst step gap", pct(h.worst_step_gap)]]),
      ["time", fmt(h.seconds, 2) + " s"], ["threads", String(h.threads)],
      ["instance", h.instance], ["pathway", h.pathway], ["mode", h.mode], ["plants", String(h.plants)],
    ];
    const ids = { "transition cost": "tc", "lower bound": "bound", gap: "gap", status: "status" };
    const t = el("table");
    for (const [k, v] of rows) {
      const tr = el("tr");
      tr.appendChild(el("th", {}, k));
      tr.appendChild(el("td", ids[k] ? { "data-field": ids[k] } : {}, v === undefined || v === null ? "–" : v));
      t.appendChild(tr);
    }
    box.appendChild(t);
    const changed = el("div", { class: "changed" });
    changed.appendChild(el("h3", {}, "Differs from the defaults"));
    if (h.changed.length === 0) changed.appendChild(el("p", {}, "nothing: every parameter and option at its default"));
    else {
      const ul = el("ul");
      for (const c of h.changed) ul.appendChild(el("li", {}, c));
      changed.appendChild(ul);
    }
    box.appendChild(changed);
    parent.appendChild(box);
  }

  function emissionsChart(chart, s) {
    const e = s.emissions;
    const series = [
      { name: "emissions", type: "bar", data: per(e.emissions, 1e6), itemStyle: { color: "#4c72b0" } },
      { name: "BAU", type: "line", data: per(e.bau, 1e6), lineStyle: { type: "dashed" }, itemStyle: { color: "#888" } },
    ];
    if (e.cap.some((v) => v !== null)) series.push({ name: e.cap_name, type: "line", step: false, data: per(e.cap, 1e6), itemStyle: { color: "#c44e52" } });
    chart.setOption({
      tooltip: { trigger: "axis" }, legend: {}, grid,
      xAxis: { type: "category", data: s.years.map(String), name: "decision year", nameLocation: "middle", nameGap: 30 },
      yAxis: { type: "value", name: "Mt CO2 / yr" }, series,
    });
  }

  function generationChart(chart, s, province) {
    const p = province === "national" ? s.national : s.provinces[province];
    chart.setOption({
      tooltip: { trigger: "axis" }, legend: {}, grid,
      xAxis: { type: "category", data: s.years.map(String) },
      yAxis: { type: "value", name: "TWh / yr" },
      series: [
        { name: "generation", type: "bar", data: per(p.gen, 1e6), itemStyle: { color: "#55a868" } },
        { name: "floor", type: "line", data: per(p.floor, 1e6), itemStyle: { color: "#c44e52" } },
        { name: "BAU generation", type: "line", data: per(p.bau_gen, 1e6), lineStyle: { type: "dashed" }, itemStyle: { color: "#888" } },
      ],
    }, true);
  }

  // Capacity flows between states from one decision year to the next, from pathways.csv.
  function flows(s, province) {
    const n = s.years.length, P = s.plants, L = D.labels;
    const nodes = new Map(), links = new Map();
    for (let j = 0; j < P.mw.length; j++) {
      if (province !== "national" && s.province_names[P.province[j]] !== province) continue;
      for (let k = 0; k < n; k++) {
        const a = P.label[j * n + k];
        if (a < 0) continue;
        const na = L[a] + " " + s.years[k];
        nodes.set(na, { name: na, label: L[a], k });
        if (k + 1 < n) {
          const b = P.label[j * n + k + 1];
          if (b < 0) continue;
          const key = na + "\u0000" + L[b] + " " + s.years[k + 1];
          links.set(key, (links.get(key) || 0) + P.mw[j]);
        }
      }
    }
    const order = (x) => x.k * 100 + L.indexOf(x.label);
    const ns = [...nodes.values()].sort((x, y) => order(x) - order(y));
    return {
      nodes: ns.map((x) => ({ name: x.name, depth: x.k, itemStyle: { color: color(x.label) } })),
      links: [...links.entries()].map(([key, v]) => { const [a, b] = key.split("\u0000"); return { source: a, target: b, value: v / 1e3 }; }),
    };
  }

  function sankeyChart(chart, s, province) {
    const f = flows(s, province);
    chart.setOption({
      tooltip: { trigger: "item", formatter: (p) => (p.dataType === "edge" ? `${p.data.source} → ${p.data.target}: ${fmt(p.data.value, 2)} GW` : `${p.name}: ${fmt(p.value, 2)} GW`) },
      series: [{ type: "sankey", data: f.nodes, links: f.links, layoutIterations: 0, nodeAlign: "left", nodeGap: 6,
        left: 20, right: 110, top: 20, bottom: 20, emphasis: { focus: "adjacency" },
        lineStyle: { color: "source", opacity: 0.45, curveness: 0.5 }, label: { fontSize: 10 } }],
    }, true);
  }

  function capacityChart(chart, s, province) {
    const src = province === "national" ? s.fleet : s.provinces[province].cap;
    const labels = D.labels.filter((l) => src[l] && src[l].some((v) => v > 0));
    chart.setOption({
      tooltip: { trigger: "axis" }, legend: { type: "scroll" }, grid,
      xAxis: { type: "category", data: s.years.map(String) },
      yAxis: { type: "value", name: "GW" },
      series: labels.map((l) => ({ name: l, type: "bar", stack: "cap", data: per(src[l], 1e3), itemStyle: { color: color(l) } })),
    }, true);
  }

  function mapChart(chart, s, year) {
    const k = s.years.indexOf(Number(year)), n = s.years.length, P = s.plants, L = D.labels;
    const byLabel = new Map();
    for (let j = 0; j < P.mw.length; j++) {
      const l = P.label[j * n + k];
      if (l < 0) continue;
      if (!byLabel.has(l)) byLabel.set(l, []);
      byLabel.get(l).push([P.lon[j], P.lat[j], P.mw[j], P.name[j]]);
    }
    const series = [...byLabel.keys()].sort((a, b) => a - b).map((l) => ({
      name: L[l], type: "scatter", coordinateSystem: "geo", data: byLabel.get(l),
      symbolSize: (v) => 2 + Math.sqrt(v[2]) / 4, itemStyle: { color: color(L[l]), opacity: 0.75 },
    }));
    chart.setOption({
      tooltip: { trigger: "item", formatter: (p) => `${p.data[3]}<br>${p.seriesName}, ${fmt(p.data[2], 0)} MW` },
      legend: { type: "scroll", bottom: 0 },
      geo: { map: "outline", roam: true, boundingCoords: s.bounds, itemStyle: { areaColor: "#f2f2ee", borderColor: "#999" }, emphasis: { disabled: true } },
      series,
    }, true);
  }

  function provincesChart(chart, s) {
    const names = Object.keys(s.provinces).sort((a, b) => s.provinces[b].tc_total - s.provinces[a].tc_total);
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } }, legend: {}, grid: { left: 110, right: 30, top: 40, bottom: 40 },
      xAxis: { type: "value", name: "bn USD" },
      yAxis: { type: "category", data: names, inverse: true, axisLabel: { fontSize: 10 } },
      series: s.years.map((y, k) => ({ name: String(y), type: "bar", stack: "tc", data: names.map((p) => s.provinces[p].tc[k] / 1e9) })),
    });
  }

  function mixChart(chart, s, year) {
    const k = s.years.indexOf(Number(year));
    const names = Object.keys(s.provinces).sort((a, b) => s.provinces[b].alive_mw[k] - s.provinces[a].alive_mw[k]);
    const labels = D.labels.filter((l) => names.some((p) => s.provinces[p].cap[l] && s.provinces[p].cap[l][k] > 0));
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } }, legend: { type: "scroll" }, grid: { left: 110, right: 30, top: 40, bottom: 40 },
      xAxis: { type: "value", name: "GW" },
      yAxis: { type: "category", data: names, inverse: true, axisLabel: { fontSize: 10 } },
      series: labels.map((l) => ({ name: l, type: "bar", stack: "mix", itemStyle: { color: color(l) }, data: names.map((p) => s.provinces[p].cap[l][k] / 1e3) })),
    }, true);
  }

  function convergenceChart(chart, s, axis) {
    const c = s.convergence, x = axis === "seconds" ? c.seconds : c.iteration;
    const pts = (v) => x.map((xi, i) => [xi, v[i] === null ? null : v[i] / 1e9]).filter((p) => p[1] !== null);
    chart.setOption({
      tooltip: { trigger: "axis" }, legend: {}, grid,
      xAxis: { type: axis === "seconds" ? "value" : "value", name: axis, nameLocation: "middle", nameGap: 30 },
      yAxis: { type: "value", name: "bn USD", scale: true },
      series: [
        { name: "bound (lower)", type: "line", step: "end", showSymbol: false, data: pts(c.bound), itemStyle: { color: "#4c72b0" } },
        { name: "best plan (TC)", type: "line", step: "end", showSymbol: false, data: pts(c.best), itemStyle: { color: "#c44e52" } },
      ],
    }, true);
  }

  function drawSolve(s, prefix, parent) {
    parent = parent || document.getElementById("content");
    const P = (name) => (prefix ? prefix + "-" + name : name);
    const top = section(prefix ? `Run ${prefix.toUpperCase()}: ${s.run}` : "Run", s.notes.join("; ") || undefined);
    headline(top, s, P("headline"));

    const em = section("Emissions and generation", s.emissions.cap_note);
    figure(em, P("emissions"), 340, (c) => emissionsChart(c, s));
    table(em, P("emissions-table"), ["year", "emissions (Mt)", s.emissions.cap_name + " (Mt)", "BAU (Mt)", "generation (TWh)"],
      s.years.map((y, k) => [String(y), ...[s.emissions.emissions, s.emissions.cap, s.emissions.bau, s.emissions.generation].map((col) => fmt(per([col[k]], 1e6)[0]))]),
      (i, j) => (j === 1 ? { "data-year": String(s.years[i]), "data-field": "emissions" } : {}));
    const provOpts = ["national", ...Object.keys(s.provinces).sort()];
    let gen;
    select(em, P("generation-province"), "generation of", provOpts, "national", (v) => generationChart(gen, s, v));
    gen = figure(em, P("generation"), 300, (c) => generationChart(c, s, "national"));

    if (s.budget) {
      const b = section("The pathway the budget chose", "A cumulative budget: the solver chose each year's emissions; the carbon price is one present-value price for every year (rising at the discount rate in undiscounted terms).");
      figure(b, P("budget"), 300, (c) => c.setOption({
        tooltip: { trigger: "axis" }, legend: {}, grid: { left: 70, right: 70, top: 40, bottom: 40 },
        xAxis: { type: "category", data: s.years.map(String) },
        yAxis: [{ type: "value", name: "implied cap ratio", max: 1 }, { type: "value", name: "USD / t (undiscounted)" }],
        series: [
          { name: "implied cap ratio (E/BAU)", type: "bar", data: s.budget.implied_cap_ratio },
          { name: "carbon price (undiscounted)", type: "line", yAxisIndex: 1, data: s.budget.carbon_price_undiscounted_usd_per_t || [] },
        ],
      }));
    }

    const fl = section("Capacity between technology states", "Each band is capacity moving from a state in one decision year to a state in the next (pathways.csv). Planned: not yet built; +Retire: retired early; NR: past its lifetime.");
    let sk, cap;
    select(fl, P("flows-province"), "fleet of", provOpts, s.default_province, (v) => { sankeyChart(sk, s, v); capacityChart(cap, s, v); });
    sk = figure(fl, P("sankey"), 520, (c) => sankeyChart(c, s, s.default_province));
    cap = figure(fl, P("capacity"), 340, (c) => capacityChart(c, s, s.default_province));
    table(fl, P("capacity-table"), ["state", ...s.years.map(String)],
      D.labels.map((l) => [l, ...s.years.map((y, k) => fmt(s.fleet[l][k] / 1e3, 3))]),
      (i, j) => (j > 0 ? { "data-state": D.labels[i], "data-year": String(s.years[j - 1]), "data-field": "capacity_gw" } : {}));

    if (s.plants.lon) {
      const m = section("Plants on the map", "Every unit at its coordinates, sized by capacity and coloured by its state in the chosen year (plants.csv, pathways.csv). Outline: Natural Earth (world-atlas).");
      let map;
      select(m, P("map-year"), "year", s.years, s.years[s.years.length - 1], (v) => mapChart(map, s, v));
      map = figure(m, P("map"), 560, (c) => mapChart(c, s, s.years[s.years.length - 1]));
    }

    const pv = section("Provinces", "Transition cost by province, split by decision period (provinces.csv: the rows add up to the TC), and each province's capacity by state in the chosen year.");
    const h = Math.max(300, 22 * Object.keys(s.provinces).length + 80);
    figure(pv, P("provinces"), h, (c) => provincesChart(c, s));
    let mix;
    select(pv, P("mix-year"), "capacity in", s.years, s.years[Math.min(2, s.years.length - 1)], (v) => mixChart(mix, s, v));
    mix = figure(pv, P("mix"), h, (c) => mixChart(c, s, s.years[Math.min(2, s.years.length - 1)]));

    const cv = section("Convergence", "The certified lower bound and the best plan's transition cost as the solver ran (convergence.csv); their distance is the gap.");
    let conv;
    select(cv, P("convergence-axis"), "against", ["seconds", "iteration"], "seconds", (v) => convergenceChart(conv, s, v));
    conv = figure(cv, P("convergence"), 320, (c) => convergenceChart(c, s, "seconds"));
  }

  // ---------------------------------------------------------------- sweep / sensitivity / compare
  function drawSweep(w) {
    const rows = w.rows.slice().sort((a, b) => (a.tc_usd ?? Infinity) - (b.tc_usd ?? Infinity));
    const s = section("Pathways ranked by transition cost", "Bar: the plan's TC; whisker down to the certified lower bound. Rows without a plan are listed below the chart.");
    const withPlan = rows.filter((r) => r.tc_usd !== null);
    figure(s, "sweep", Math.max(300, 20 * withPlan.length + 80), (c) => c.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } }, grid: { left: 190, right: 40, top: 30, bottom: 40 },
      xAxis: { type: "value", name: "bn USD", scale: true },
      yAxis: { type: "category", data: withPlan.map((r) => r.pathway), inverse: true, axisLabel: { fontSize: 10 } },
      series: [
        { name: "TC", type: "bar", data: withPlan.map((r) => r.tc_usd / 1e9), itemStyle: { color: "#4c72b0" } },
        { name: "lower bound", type: "scatter", symbol: "rect", symbolSize: [3, 14], data: withPlan.map((r) => r.bound_usd === null ? null : r.bound_usd / 1e9), itemStyle: { color: "#222" } },
      ],
    }));
    table(s, "sweep-table", ["rank", "pathway", "status", "TC (bn USD)", "bound (bn USD)", "gap"],
      rows.map((r, i) => [String(i + 1), r.pathway, r.status, bn(r.tc_usd), bn(r.bound_usd), pct(r.gap)]),
      (i, j) => (j === 3 ? { "data-pathway": rows[i].pathway, "data-field": "tc" } : {}));
  }

  function drawSensitivity(w) {
    const base = w.rows.find((r) => r.level === "baseline");
    const params = [...new Set(w.rows.filter((r) => r.level !== "baseline").map((r) => r.parameter))];
    const get = (p, lv) => w.rows.find((r) => r.parameter === p && r.level === lv);
    const items = params.map((p) => ({ p, lo: get(p, "min"), hi: get(p, "max") }));
    const span = (it) => Math.max(Math.abs(it.lo?.tc_change_pct ?? 0), Math.abs(it.hi?.tc_change_pct ?? 0));
    items.sort((a, b) => span(b) - span(a));
    // An effect smaller than the two runs' gaps together is not told apart from zero.
    const noise = (r) => (r && base && r.gap !== null && base.gap !== null ? 100 * (r.gap + base.gap) : null);
    // sensitivity.csv's own verdict; runs written before it had one: the sum of the two gaps
    const within = (r) => (r.change_within_gaps === "yes" ? true : r.change_within_gaps === "no" ? false
      : noise(r) !== null && Math.abs(r.tc_change_pct) < noise(r));
    const s = section("Tornado: transition cost change against the baseline",
      `Baseline TC ${bn(base?.tc_usd)} bn USD (gap ${pct(base?.gap)}). Each parameter at its Min and Max, the others at the baseline; pale bars are effects within the two runs' certified gaps, which the solver cannot tell apart from zero.`);
    const bar = (r, colorFull) => (r ? { value: r.tc_change_pct, itemStyle: { color: colorFull, opacity: within(r) ? 0.3 : 1 } } : null);
    figure(s, "tornado", Math.max(300, 26 * items.length + 80), (c) => c.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } }, legend: {}, grid: { left: 200, right: 40, top: 40, bottom: 40 },
      xAxis: { type: "value", name: "TC change %" },
      yAxis: { type: "category", data: items.map((it) => it.p), inverse: true, axisLabel: { fontSize: 10 } },
      series: [
        { name: "at Min", type: "bar", stack: "t", itemStyle: { color: "#4c72b0" }, data: items.map((it) => bar(it.lo, "#4c72b0")) },
        { name: "at Max", type: "bar", stack: "t2", barGap: "-100%", itemStyle: { color: "#c44e52" }, data: items.map((it) => bar(it.hi, "#c44e52")) },
      ],
    }));
    table(s, "sensitivity-table", ["parameter", "level", "value", "TC change %", "gap", "within gaps"],
      w.rows.map((r) => [r.parameter, r.level, fmt(r.value, 4), fmt(r.tc_change_pct, 3), pct(r.gap), r.level === "baseline" ? "" : (within(r) ? "yes" : "no")]));
  }

  function drawCompare(c) {
    const a = c.a, b = c.b;
    const s = section("Side by side", `A: ${a.run} — B: ${b.run}. Differences are B − A.`);
    const wrap = el("div", { class: "pair" });
    headline(wrap, a, "a-headline");
    headline(wrap, b, "b-headline");
    s.appendChild(wrap);
    const y = a.years;
    figure(s, "compare-emissions", 320, (ch) => ch.setOption({
      tooltip: { trigger: "axis" }, legend: {}, grid, xAxis: { type: "category", data: y.map(String) }, yAxis: { type: "value", name: "Mt CO2 / yr" },
      series: [
        { name: "A emissions", type: "bar", data: per(a.emissions.emissions, 1e6) },
        { name: "B emissions", type: "bar", data: per(b.emissions.emissions, 1e6) },
        { name: "cap (A)", type: "line", data: per(a.emissions.cap, 1e6), itemStyle: { color: "#c44e52" } },
      ],
    }));
    const py = c.per_year;
    const s2 = section("Transition cost per decision period", "Each decision period's part of the TC (provinces.csv summed over provinces): where B gains or loses against A, e.g. the value of foresight per year.");
    figure(s2, "compare-years", 320, (ch) => ch.setOption({
      tooltip: { trigger: "axis" }, legend: {}, grid, xAxis: { type: "category", data: y.map(String) }, yAxis: { type: "value", name: "bn USD" },
      series: [
        { name: "A", type: "bar", data: py.a.map((v) => v / 1e9) }, { name: "B", type: "bar", data: py.b.map((v) => v / 1e9) },
        { name: "B − A", type: "line", data: py.b.map((v, k) => (v - py.a[k]) / 1e9), itemStyle: { color: "#222" } },
      ],
    }));
    table(s2, "compare-years-table", ["period from", "A (bn USD)", "B (bn USD)", "B − A (bn USD)"],
      y.map((yr, k) => [String(yr), bn(py.a[k]), bn(py.b[k]), bn(py.b[k] - py.a[k])]));
    const pp = c.per_province;
    const names = Object.keys(pp).sort((p, q) => (pp[q].b - pp[q].a) - (pp[p].b - pp[p].a));
    const s3 = section("Transition cost per province", "Provinces in both runs; sorted by B − A.");
    figure(s3, "compare-provinces", Math.max(300, 20 * names.length + 80), (ch) => ch.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } }, legend: {}, grid: { left: 110, right: 30, top: 40, bottom: 40 },
      xAxis: { type: "value", name: "bn USD" }, yAxis: { type: "category", data: names, inverse: true, axisLabel: { fontSize: 10 } },
      series: [
        { name: "A", type: "bar", data: names.map((p) => pp[p].a / 1e9) }, { name: "B", type: "bar", data: names.map((p) => pp[p].b / 1e9) },
        { name: "B − A", type: "scatter", data: names.map((p) => (pp[p].b - pp[p].a) / 1e9), itemStyle: { color: "#222" } },
      ],
    }));
    const s4 = section("Capacity by state", "A (left bars) and B (right bars) per decision year (fleet.csv).");
    const labels = D.labels.filter((l) => a.fleet[l].some((v) => v > 0) || b.fleet[l].some((v) => v > 0));
    figure(s4, "compare-capacity", 360, (ch) => ch.setOption({
      tooltip: { trigger: "axis" }, legend: { type: "scroll" }, grid,
      xAxis: { type: "category", data: y.flatMap((yr) => ["A " + yr, "B " + yr]) }, yAxis: { type: "value", name: "GW" },
      series: labels.map((l) => ({ name: l, type: "bar", stack: "cap", itemStyle: { color: color(l) }, data: y.flatMap((yr, k) => [a.fleet[l][k] / 1e3, b.fleet[l][k] / 1e3]) })),
    }));
  }

  try {
    if (D.geo) echarts.registerMap("outline", D.geo);
    if (D.kind === "solve") drawSolve(D.solve);
    else if (D.kind === "sweep") drawSweep(D.sweep);
    else if (D.kind === "sensitivity") drawSensitivity(D.sensitivity);
    else if (D.kind === "compare") drawCompare(D.compare);
    window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
    document.body.setAttribute("data-figures", String(drawn));
  } catch (e) {
    document.body.setAttribute("data-error", String(e));
    throw e;
  }
})();
