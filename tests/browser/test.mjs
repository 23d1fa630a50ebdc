// test.mjs - the generated site in a real browser (Debian's chromium).
// usage: node test.mjs SITE_DIR SCREENSHOT_DIR (see lib.mjs)
// Prints a line per failure and a closing "N passed, N failed".
import { data, url, shots, check, newPage, axe as axeOn, finish } from "./lib.mjs";

const page = await newPage();
const axe = (name) => axeOn(page, name);

const visibleTitles = () => page.$$eval("#case-table tbody tr:not([hidden]) td:first-child a",
  (as) => as.map((a) => a.textContent.trim()).sort());

// ---- home: two filters combined, kept in the URL ----
await page.goto(url("index.html"));
check("home lists every case", (await visibleTitles()).length === data.length);
// the stage and sector of the first case with a stage, from cases.json
// (with stages and models only where the evidence holds, few cases
// have both a stage and a model)
const pair = data.find((c) => c.stage.final);
const sectorOf = (c) => c.sector;
const sectorKey = await page.$eval(`tr[data-stage="${pair.stage.final}"]`, (tr) => tr.dataset.sector);
const want = data.filter((c) => c.stage.final === pair.stage.final && sectorOf(c) === sectorOf(pair))
  .map((c) => c.title).sort();
await page.selectOption("select[name=stage]", pair.stage.final);
await page.selectOption("select[name=sector]", sectorKey);
const got = await visibleTitles();
check("stage and sector filters combine", JSON.stringify(got) === JSON.stringify(want),
  `want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
check("fewer rows than all cases after filtering", got.length < data.length);
const shared = page.url();
check("the URL keeps the filter state", shared.includes(`stage=${pair.stage.final}`) && shared.includes(`sector=${sectorKey}`), shared);
await page.screenshot({ path: `${shots}/home-filtered.png`, fullPage: true });
await page.goto(shared);
check("a shared filtered URL shows the same rows", JSON.stringify(await visibleTitles()) === JSON.stringify(want));
// gap filter: cases that leave the capital gap empty
await page.goto(url("index.html"));
await page.selectOption("select[name=gap]", "capital");
await page.selectOption("select[name=gapstate]", "empty");
const emptyCapital = data.filter((c) => c.gaps.empty.includes("capital")).map((c) => c.title).sort();
check("gap filter: empty capital gap", JSON.stringify(await visibleTitles()) === JSON.stringify(emptyCapital));
// text search
await page.goto(url("index.html"));
await page.fill("input[name=q]", data[0].title.slice(0, 6));
check("text search finds the case", (await visibleTitles()).includes(data[0].title));
// sorting by founded
await page.goto(url("index.html"));
await page.click("#case-table th:nth-child(7)");
const years = await page.$$eval("#case-table tbody tr td:nth-child(7)", (tds) => tds.map((t) => t.textContent.trim()).filter(Boolean).map(Number));
check("sorting by founded", years.every((y, i) => i === 0 || years[i - 1] <= y), years.join(","));
await axe("home");

// ---- a case page ----
const c = data.find((x) => x.activities.length > 0);
await page.goto(url(c.url));
check("case page title", (await page.textContent("h1")).trim() === c.title);
check("case page has the classification panel", await page.isVisible("#classification"));
const ticks = await page.$$eval(".matrix tbody td.on", (tds) => tds.length);
const wantTicks = c.activities.reduce((n, a) => n + a.gaps.length, 0);
check("activity-by-gap matrix has a tick per bridged gap", ticks === wantTicks, `${ticks} vs ${wantTicks}`);
await page.screenshot({ path: `${shots}/case.png`, fullPage: true });
await axe("a case page");
await page.click("a[rel=next]");
check("next link leads to another case", !page.url().endsWith(c.url));

// ---- side by side ----
await page.goto(url("compare/pick/index.html"));
await page.selectOption("select[name=c1]", data[0].slug);
await page.selectOption("select[name=c2]", data[1].slug);
const heads = await page.$$eval("#side-by-side thead th a", (as) => as.map((a) => a.textContent.trim()));
check("side-by-side shows the two picked cases", JSON.stringify(heads) === JSON.stringify([data[0].title, data[1].title]), heads.join("|"));
check("the URL keeps the picked cases", page.url().includes(`c1=${data[0].slug}`));
await page.screenshot({ path: `${shots}/compare-pick.png`, fullPage: true });
await axe("the side-by-side page");
await page.goto(url("compare/gaps/index.html"));
await axe("the gaps heat map");

await finish("browser");
