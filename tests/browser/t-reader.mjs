// t-reader.mjs - the site as a reader meets it (issue #19): no page wider
// than a 390 px phone, wide tables that say they scroll, accent-folded
// full-text search, sort kept in the URL, the "not recorded" filters,
// axe on every page type, screenshots of each at 1280 and 390 px.
// usage: node t-reader.mjs SITE_DIR SCREENSHOT_DIR (see lib.mjs); the
// case files are read from $CASES (default: the repository's cases/).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { site, data, url, shots, check, newPage, axe, finish } from "./lib.mjs";

const casesDir = process.env.CASES || resolve(dirname(fileURLToPath(import.meta.url)), "../../cases");

// one page of each type, by name
const list = (dir) => readdirSync(`${site}/${dir}`).filter((d) => existsSync(`${site}/${dir}/${d}/index.html`));
const longest = data.reduce((a, c) => (c.title.length > a.title.length ? c : a), data[0]);
const types = {
  home: "index.html",
  "case": longest.url,
  "case-cross-border": (data.find((c) => (c.countries || []).length > 1) || data[0]).url,
  about: "about/index.html",
};
// (the 404 page starts its links at the host's root, so it is only
// whole when a server answers with it: t-publish.mjs tests it so, at
// 1280 and 390 px)
for (const kind of ["stages", "models", "gaps", "sectors", "countries", "regions"]) {
  types[`kind-${kind}`] = `${kind}/index.html`;
  const items = list(kind);
  if (items.length) types[`listing-${kind}`] = `${kind}/${items[0]}/index.html`;
}
types.compare = "compare/index.html";
for (const c of list("compare")) types[`compare-${c}`] = `compare/${c}/index.html`;
console.log(`page types: ${Object.keys(types).join(", ")}`);

// ---- 390 px: no page wider than the phone, every page type and every
// case and listing page; screenshots at both widths ----
const phone = await newPage(390, 844);
const desk = await newPage(1280, 900);
const width = async (p) => p.evaluate(() => document.documentElement.scrollWidth);
for (const [name, path] of Object.entries(types)) {
  await phone.goto(url(path));
  const w = await width(phone);
  check(`390 px: ${name} (${path}) does not scroll sideways`, w <= 390, `scrollWidth ${w}`);
  await phone.screenshot({ path: `${shots}/reader-${name}-390.png`, fullPage: true });
  await desk.goto(url(path));
  await desk.screenshot({ path: `${shots}/reader-${name}-1280.png`, fullPage: true });
  await axe(desk, `${name} at 1280 px`);
}
for (const name of ["home", "case", "compare-gaps", "compare-pick", "listing-regions"]) {
  await phone.goto(url(types[name]));
  await axe(phone, `${name} at 390 px`);
}
const wide = [];
for (const c of data) {
  await phone.goto(url(c.url));
  const w = await width(phone);
  if (w > 390) wide.push(`${c.url} ${w}`);
}
for (const kind of ["stages", "models", "gaps", "sectors", "countries", "regions"])
  for (const item of list(kind)) {
    await phone.goto(url(`${kind}/${item}/index.html`));
    const w = await width(phone);
    if (w > 390) wide.push(`${kind}/${item} ${w}`);
  }
check("390 px: no case or listing page scrolls sideways", wide.length === 0, wide.join("; "));

// the home table scrolls in its own box, says so, and keeps its first column
await phone.goto(url("index.html"));
const cue = await phone.evaluate(() => {
  const w = document.querySelector("#case-table").closest(".table-wrap");
  const hint = w.previousElementSibling;
  const first = document.querySelector("#case-table tbody td:first-child");
  return { scrolls: w.scrollWidth > w.clientWidth, cls: w.classList.contains("scrolls"),
           hint: hint && hint.classList.contains("scroll-hint") && hint.offsetHeight > 0,
           sticky: getComputedStyle(first).position, focusable: w.tabIndex === 0 };
});
check("390 px: the case table scrolls inside its box", cue.scrolls && cue.cls, JSON.stringify(cue));
check("390 px: a visible line says the table scrolls sideways", cue.hint, JSON.stringify(cue));
check("390 px: the first column stays in view", cue.sticky === "sticky", JSON.stringify(cue));
check("390 px: the scrolling box can be reached from the keyboard", cue.focusable);
// the side-by-side picker's selects fit their panel
await phone.goto(url("compare/pick/index.html"));
const fits = await phone.$$eval("#pick select", (ss) => ss.every((s) => {
  const f = s.closest("form").getBoundingClientRect(), r = s.getBoundingClientRect();
  return r.left >= f.left - 0.5 && r.right <= f.right + 0.5;
}));
check("390 px: the picker's selects fit their panel", fits);

// ---- search: accent-folded, over the write-ups ----
const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  .replace(/ø/g, "o").replace(/æ/g, "ae").replace(/ß/g, "ss").replace(/đ/g, "d").replace(/ł/g, "l")
  .replace(/[^a-z0-9]+/g, " ");
const files = {};
for (const f of readdirSync(casesDir).filter((f) => f.endsWith(".md"))) {
  const text = readFileSync(`${casesDir}/${f}`, "utf8");
  const m = /^slug:\s*(\S+)/m.exec(text);
  const parts = text.split(/^---\s*$/m);
  files[m ? m[1] : f.replace(/\.md$/, "")] = { all: text, body: parts.slice(2).join("---") };
}
const page = await newPage();
const visible = () => page.$$eval("#case-table tbody tr:not([hidden])", (trs) => trs.map((tr) => tr.dataset.slug).sort());
const search = async (q) => {
  await page.goto(url("index.html"));
  await page.fill("input[name=q]", q);
  await page.waitForFunction(() => window.genSearch !== undefined, null, { timeout: 5000 });
  return visible();
};
for (const [q, want] of [["oresund", "oresund-it"], ["goteborg", "goteborgbio"], ["pole mer", "pole-mer-bretagne-brest"]]) {
  const got = await search(q);
  check(`search "${q}" finds ${want}`, got.includes(want), got.join(","));
  const words = fold(q).trim().split(" ");
  const stray = got.filter((s) => !words.every((w) => fold(files[s] ? files[s].all : "").includes(w)));
  check(`search "${q}": every case found has the words`, got.length > 0 && stray.length === 0, stray.join(","));
}
const oresundTitles = data.filter((c) => fold(c.title).includes("oresund")).map((c) => c.slug);
const gotOresund = await search("ØRESUND");
check("search folds the query too (ØRESUND)", oresundTitles.every((s) => gotOresund.includes(s)), gotOresund.join(","));
const inc = Object.keys(files).filter((s) => /incubator/i.test(files[s].body) && data.some((c) => c.slug === s)).sort();
const gotInc = await search("incubator");
check("search \"incubator\" finds every case whose write-up mentions it",
  inc.length > 1 && inc.every((s) => gotInc.includes(s)), `want ${inc.join(",")}, got ${gotInc.join(",")}`);
check("search \"incubator\" finds nothing that does not mention it",
  gotInc.every((s) => /incubat/i.test(files[s].all)), gotInc.join(","));
check("the search index loads on demand, not with the page",
  await page.evaluate(() => document.querySelectorAll("script[src$='search.js']").length) === 1);
await page.goto(url("index.html"));
check("no search index before the reader searches",
  await page.evaluate(() => window.genSearch === undefined));
await page.goto(url("index.html?q=goteborg"));
await page.waitForFunction(() => window.genSearch !== undefined, null, { timeout: 5000 });
check("a shared search URL searches again", (await visible()).includes("goteborgbio"));

// ---- "not recorded" as a filter value ----
const titles = () => page.$$eval("#case-table tbody tr:not([hidden]) td:first-child a", (as) => as.map((a) => a.textContent.trim()).sort());
await page.goto(url("index.html"));
await page.selectOption("select[name=stage]", "none");
const noStage = data.filter((c) => !c.stage.final).map((c) => c.title).sort();
check("stage filter 'not recorded' shows exactly the cases with no stage",
  noStage.length > 0 && JSON.stringify(await titles()) === JSON.stringify(noStage));
check("the URL keeps stage=none", page.url().includes("stage=none"));
await page.goto(url("index.html"));
await page.selectOption("select[name=model]", "none");
const noModel = data.filter((c) => !c.model.final).map((c) => c.title).sort();
check("model filter 'not recorded' shows exactly the cases with no model",
  JSON.stringify(await titles()) === JSON.stringify(noModel));

// ---- sorting: buttons in the headers, aria-sort, kept in the URL ----
await page.goto(url("index.html"));
const founded = "#case-table th[data-key=founded]";
check("column headers hold sort buttons", await page.$$eval("#case-table thead th button", (b) => b.length) >= 7);
await page.click(`${founded} button`);
check("sorting sets aria-sort", await page.getAttribute(founded, "aria-sort") === "ascending");
await page.click(`${founded} button`);
check("a second click sorts the other way", await page.getAttribute(founded, "aria-sort") === "descending");
const sorted = page.url();
check("the URL keeps the sort", sorted.includes("sort=founded") && sorted.includes("dir=desc"), sorted);
await page.goto(url("index.html"));
await page.goto(sorted);
check("an opened sort URL restores the sort", await page.getAttribute(founded, "aria-sort") === "descending");
const years = await page.$$eval("#case-table tbody tr td:nth-child(7)", (tds) => tds.map((t) => t.textContent.trim()));
const known = years.filter(Boolean).map(Number);
check("restored sort: founded, newest first, unknown last",
  known.every((y, i) => i === 0 || known[i - 1] >= y) && years.slice(known.length).every((y) => y === ""), years.join(","));
await page.goto(url("index.html?sort=case&dir=desc"));
const names = await page.$$eval("#case-table tbody td:first-child a", (as) => as.map((a) => a.textContent.trim()));
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
check("sorting by name collates as a reader expects",
  names.every((n, i) => i === 0 || collator.compare(names[i - 1], n) >= 0), names.slice(0, 5).join(","));

await finish("reader");
