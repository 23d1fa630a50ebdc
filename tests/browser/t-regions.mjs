// t-regions.mjs - #17 in a real browser: a case page's funding chart (its
// text alternative against cases.json), the funding-shift comparison and
// the regions side by side (against regions.json), axe on each, and
// screenshots at 1280 and 390 px with no sideways scroll at 390.
// usage: node t-regions.mjs SITE_DIR SCREENSHOT_DIR (see lib.mjs)
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { site, data, url, shots, check, newPage, axe, finish } from "./lib.mjs";

const regions = JSON.parse(readFileSync(`${site}/regions.json`, "utf8")).regions;
const wide = await newPage(1280);
const narrow = await newPage(390, 800);

// Both widths: a screenshot each, axe on the wide one, and no sideways
// scroll on the narrow one.
async function both(path, name, at = url) {
  await wide.goto(at(path));
  await axe(wide, name);
  await wide.screenshot({ path: `${shots}/regions-${name}-1280.png`, fullPage: true });
  await narrow.goto(at(path));
  const sw = await narrow.evaluate(() => document.documentElement.scrollWidth);
  check(`${name}: no sideways scroll at 390 px`, sw <= 390, `scrollWidth ${sw}`);
  await narrow.screenshot({ path: `${shots}/regions-${name}-390.png`, fullPage: true });
}

const num = (s) => (s === "" ? null : Number(s));

// ---- a case page with the funding chart: the case with the most dated
// periods ----
const dated = (c) => c.funding.periods.filter((p) => p.known).length;
let chartData = data, chartUrl = url, fixtureDir = null;
if (!data.some((c) => dated(c) > 0)) {
  // no case of this site has a dated period: the chart is tested on the
  // fixture cases of tests/fixtures/regions17, built here
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  fixtureDir = mkdtempSync(join(tmpdir(), "gen-t-regions-"));
  const out = join(fixtureDir, "site");
  const built = spawnSync(resolve(root, process.env.GEN || "gen/gen"),
    ["build", "--cases", "tests/fixtures/regions17", "--out", out, "-q"], { cwd: root, encoding: "utf8", timeout: 60000 });
  check("the funding fixture site builds", built.status === 0, built.stderr);
  chartData = JSON.parse(readFileSync(`${out}/cases.json`, "utf8")).cases;
  chartUrl = (p) => `file://${out}/${p}`;
}
const withChart = chartData.filter((c) => dated(c) > 0).sort((a, b) => dated(b) - dated(a));
check("funding chart: a case with dated periods to chart", withChart.length > 0);
if (withChart.length > 0) {
  const c = withChart[0];
  await both(c.url, "case-funding", chartUrl);
  const page = wide;
  check("funding chart: an SVG with a text alternative", await page.isVisible("figure.funding-chart svg[role=img]")
    && (await page.getAttribute("figure.funding-chart svg", "aria-labelledby")) === "funding-chart-cap");
  const rows = await page.$$eval("table.funding-periods tbody tr", (trs) => trs.map((tr) => ({
    label: tr.querySelector("th").textContent.trim(),
    cells: [...tr.querySelectorAll("td")].map((td) => ({ v: td.dataset.value, t: td.textContent.trim() })),
  })));
  const want = c.funding.periods;
  check("funding chart: a row per period of cases.json", rows.length === want.length, `${rows.length} vs ${want.length}`);
  rows.forEach((r, i) => {
    const p = want[i] || {};
    const vals = r.cells.map((x) => num(x.v));
    const exp = [p.total, p.public, p.private, p.public_share];
    check(`funding chart: period ${r.label} matches cases.json`, r.label === p.label
      && JSON.stringify(vals) === JSON.stringify(exp.map((x) => (x === undefined ? null : x))),
      `${JSON.stringify(vals)} vs ${JSON.stringify(exp)}`);
    r.cells.forEach((x, j) => {
      if (exp[j] === null) check(`funding chart: ${r.label}: an unknown figure reads "not recorded"`, x.t === "not recorded", x.t);
    });
  });
  const unknownBars = await page.$$eval("figure.funding-chart rect.unknown", (r) => r.length);
  check("funding chart: a 'not recorded' outline per period with no total",
    unknownBars === want.filter((p) => p.total === null).length);
}

// ---- the shift from public to private money ----
await both("compare/funding-shift/index.html", "funding-shift");
{
  const rows = await wide.$$eval("table.funding-shift tbody tr", (trs) => trs.map((tr) => ({
    slug: tr.dataset.slug,
    shift: tr.querySelector("td:nth-child(4)").dataset.value,
    shiftText: tr.querySelector("td:nth-child(4)").textContent.trim(),
    largest: tr.querySelector("td:nth-child(5)").dataset.value,
  })));
  const funded = data.filter((c) => c.funding.sources.length > 0);
  check("funding shift: a row per case with funding", rows.length === funded.length, `${rows.length} vs ${funded.length}`);
  for (const r of rows) {
    const c = data.find((x) => x.slug === r.slug);
    const known = c.funding.periods.filter((p) => p.known);
    const s0 = known.length > 1 ? known[0].public_share : null;
    const s1 = known.length > 1 ? known[known.length - 1].public_share : null;
    const exp = s0 === null || s1 === null ? null : Math.round((s1 - s0) * 100);
    check(`funding shift: ${r.slug}: the shift matches cases.json`, num(r.shift) === exp
      || (exp !== null && Math.abs(num(r.shift) - exp) <= 1), `${r.shift} vs ${exp}`);
    if (exp === null) check(`funding shift: ${r.slug}: unknown, never 0`, r.shiftText === "not recorded", r.shiftText);
    check(`funding shift: ${r.slug}: the largest source's share matches cases.json`,
      num(r.largest) === c.funding.largest_share, `${r.largest} vs ${c.funding.largest_share}`);
  }
}

// ---- the regions side by side ----
await both("compare/regions/index.html", "compare-regions");
{
  const rows = await wide.$$eval("table.regions-side tbody tr", (trs) => trs.map((tr) => ({
    href: tr.querySelector("th a").getAttribute("href"),
    empty: tr.querySelectorAll("td .warn").length,
    bridges: [...tr.querySelectorAll("td[data-gap]")].map((td) => td.dataset.gap
      + ":" + (td.querySelector("strong") ? Number(td.querySelector("strong").textContent) : 0)),
  })));
  check("regions side by side: a row per region of regions.json", rows.length === regions.length,
    `${rows.length} vs ${regions.length}`);
  regions.forEach((r, i) => {
    const row = rows[i] || { href: "", empty: -1, bridges: [] };
    check(`regions side by side: ${r.key}: its row`, row.href.endsWith(`regions/${r.key}/index.html`), row.href);
    check(`regions side by side: ${r.key}: empty slots as regions.json`, row.empty === (r.empty ? r.empty.length : 0),
      `${row.empty} vs ${JSON.stringify(r.empty)}`);
    const want = Object.entries(r.gaps).map(([g, b]) => `${g}:${b.length}`);
    check(`regions side by side: ${r.key}: bridges per gap as regions.json`,
      JSON.stringify(row.bridges) === JSON.stringify(want), `${row.bridges} vs ${want}`);
  });
}
if (regions.length) await both(`regions/${regions[0].key}/index.html`, "region-page");

if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
await finish("t-regions");
