// t-map.mjs - the home page's map, the locators on case and region pages,
// and the charts (issue #19, items 1 and 2).
// usage: node t-map.mjs SITE_DIR SCREENSHOT_DIR (see lib.mjs)
import { data, url, shots, check, newPage, axe, finish } from "./lib.mjs";

const located = data.filter((c) => c.location);
const page = await newPage();

// ---- home: a marker per located case, each linking to its case ----
await page.goto(url("index.html"));
const marks = await page.$$eval("#map svg a.mk", (as) => as.map((a) => a.getAttribute("href")));
check("home map: one marker per case with a location", marks.length === located.length,
  `${marks.length} markers, ${located.length} located cases`);
check("home map: every located case has its marker",
  located.every((c) => marks.includes(c.url)), "");
const names = await page.$$eval("#map svg a.mk", (as) => as.map((a) => a.querySelector("title")?.textContent || ""));
check("home map: every marker has a title", names.every((t) => t.length > 0));
const unlocated = data.filter((c) => !c.location);
if (unlocated.length)
  check("home map: a case without a location is named as not placed",
    (await page.$eval("#map-unplaced", (e) => e.textContent).catch(() => "")).includes(unlocated[0].title));
// clicking a marker opens its case
const first = located[0];
await page.click(`#map svg a.mk[href="${first.url}"]`, { timeout: 5000 }).catch(() => {});
check("home map: clicking a marker opens its case", page.url().endsWith(first.url) &&
  (await page.textContent("h1")).trim() === first.title, page.url());

// filtering by a stage hides the other markers
await page.goto(url("index.html"));
const stage = located.find((c) => c.stage.final).stage.final;
await page.selectOption("select[name=stage]", stage);
await page.waitForTimeout(50);
const shown = await page.$$eval("#map svg a.mk", (as) => as.filter((a) => getComputedStyle(a).display !== "none").map((a) => a.getAttribute("href")));
const wantShown = located.filter((c) => c.stage.final === stage).map((c) => c.url);
check("home map: filtering by stage hides the other markers",
  shown.length === wantShown.length && wantShown.every((u) => shown.includes(u)),
  `${shown.length} shown, want ${wantShown.length}`);
const offColour = await page.$$eval(`#map svg a.mk:not(.st-${stage})`, (as) => as.every((a) => getComputedStyle(a).display === "none"));
check("home map: markers of other stages hidden", offColour);

// ---- charts: a "not recorded" bar on every chart ----
await page.goto(url("index.html"));
const charts = await page.$$eval("figure.chart", (fs) => fs.map((f) => ({
  id: f.querySelector("svg").id, none: f.querySelector(".bar.none .count")?.textContent.trim() })));
const noStage = data.filter((c) => !c.stage.final).length;
const noModel = data.filter((c) => !c.model.final).length;
check("charts: each has a not-recorded bar", charts.length >= 3 && charts.every((c) => c.none !== undefined), JSON.stringify(charts));
const chartNone = (id) => charts.find((c) => c.id === id)?.none;
check("charts: stage chart's not-recorded count", chartNone("chart-stages") === String(noStage), `${chartNone("chart-stages")} vs ${noStage}`);
check("charts: model chart's not-recorded count", chartNone("chart-models") === String(noModel), `${chartNone("chart-models")} vs ${noModel}`);
// no label drawn over a bar: every label's box clears every bar's box
const overlaps = await page.$$eval("figure.chart svg", (svgs) => {
  let n = 0;
  for (const s of svgs) {
    const rects = [...s.querySelectorAll("rect")].map((r) => r.getBoundingClientRect());
    for (const t of s.querySelectorAll("text")) {
      const b = t.getBoundingClientRect();
      for (const r of rects)
        if (r.width > 0 && b.left < r.right - 0.5 && b.right > r.left + 0.5 && b.top < r.bottom - 0.5 && b.bottom > r.top + 0.5) n++;
    }
  }
  return n;
});
check("charts: no label straddles a bar", overlaps === 0, `${overlaps} overlaps`);
// one colour per stage: the stage's bar and its markers share it
const fills = await page.evaluate((st) => {
  const f = (sel) => { const el = document.querySelector(sel); return el ? getComputedStyle(el).fill : null; };
  return [f(`.bar.st-${st} rect`), f(`#map a.mk.st-${st} circle`), f(`.map-legend .st-${st} circle`)];
}, stage);
check("charts and map: a stage has one colour on bar, marker and legend", fills[0] && fills.every((x) => x === fills[0]), fills.join(" / "));
await axe(page, "home with map");

// ---- locators ----
const cross = located.find((c) => c.countries.length > 1) || located[0];
await page.goto(url(cross.url));
check("case page: a locator map", await page.isVisible("figure.locator svg"));
const hl = await page.$$eval("figure.locator .map-hl", (ps) => ps.map((p) => p.dataset.code));
check("case page: all the case's countries shaded", cross.countries.every((c) => hl.includes(c)), hl.join(","));
await axe(page, "case page with locator");
await page.goto(url("regions/index.html"));
const regionHref = await page.$eval("main a[href*='regions/'][href$='/index.html']:not([href$='regions/index.html'])", (a) => a.getAttribute("href")).catch(() => null);
if (regionHref) {
  await page.goto(new URL(regionHref, page.url()).href);
  check("region page: a locator map with linked markers", (await page.$$("figure.locator svg a.mk")).length > 0);
  await axe(page, "region page with locator");
}

// ---- a compare page ----
await page.goto(url("compare/stage-sector/index.html"));
check("stage x sector: a scale legend", await page.isVisible(".heat-scale"));
const steps = await page.$$eval(".heat-scale span", (ss) => ss.map((s) => getComputedStyle(s).backgroundColor));
check("stage x sector: five distinguishable steps", steps.length === 5 && new Set(steps).size === 5, steps.join(","));
const barFill = await page.$eval(`.bar.st-${stage} rect`, (r) => getComputedStyle(r).fill).catch(() => null);
await page.goto(url("index.html"));
check("charts: a stage's colour is the same on the home and compare pages",
  barFill !== null && barFill === await page.$eval(`.bar.st-${stage} rect`, (r) => getComputedStyle(r).fill).catch(() => "none"));
await page.goto(url("compare/stage-sector/index.html"));
await axe(page, "compare/stage-sector");

// ---- screenshots, and no sideways scroll at 390 px ----
const pages = [["home", "index.html"], ["case", cross.url], ["region", regionHref ? regionHref.replace(/^(\.\.\/)+/, "") : "regions/index.html"],
  ["compare", "compare/index.html"], ["stage-sector", "compare/stage-sector/index.html"]];
for (const w of [1280, 390]) {
  const p = await newPage(w);
  for (const [name, path] of pages) {
    await p.goto(url(path));
    await p.screenshot({ path: `${shots}/map-${name}-${w}.png`, fullPage: true });
    if (w === 390) {
      const sw = await p.evaluate(() => document.documentElement.scrollWidth);
      check(`390 px: ${name} does not scroll sideways`, sw <= 390, `scrollWidth ${sw}`);
    }
  }
  await p.close();
}
// on a phone the home map's markers stay big enough to see and tap
{
  const phone = await newPage(390, 800);
  await phone.goto(url("index.html"));
  const w = await phone.$eval("#map .mk circle", (c) => c.getBoundingClientRect().width).catch(() => 0);
  check("390 px: home map markers are at least 8 px across", w >= 8, `${w}`);
}
await finish("t-map");
