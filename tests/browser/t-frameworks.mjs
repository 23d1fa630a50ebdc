// t-frameworks.mjs - the pages of #18 (clusterpreneurs, self-assessment,
// alliances) and the case-page parts: axe clean, screenshots at 1280 and
// 390 px, no sideways scroll at 390.
// usage: node t-frameworks.mjs SITE_DIR SCREENSHOT_DIR
import { check, axe, newPage, finish, url, data, shots } from "./lib.mjs";

const pages = [
  ["compare/clusterpreneurs/index.html", "clusterpreneurs"],
  ["compare/assessment/index.html", "assessment"],
  ["compare/alliances/index.html", "alliances"],
];
// a case naming its clusterpreneurs, and one with self-assessment answers
const withInit = data.find((c) => c.initiators && c.initiators.length);
const withAnswers = data.find((c) => c.assessment);
if (withInit) pages.push([withInit.url, "case-initiators"]);
if (withAnswers) pages.push([withAnswers.url, "case-assessment"]);
else console.log("note: no case with assessment answers in this site; the triangle is not opened");

for (const width of [1280, 390]) {
  const page = await newPage(width);
  for (const [path, name] of pages) {
    await page.goto(url(path));
    const h1 = await page.textContent("h1");
    check(`${name} at ${width}: has a heading`, h1 && h1.trim().length > 0);
    if (width === 1280) await axe(page, name);
    await page.screenshot({ path: `${shots}/frameworks-${name}-${width}.png`, fullPage: true });
    if (width === 390) {
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      check(`${name} at 390: no sideways scroll`, sw <= 390, `scrollWidth ${sw}`);
    }
  }
  await page.close();
}

// what the pages show
const page = await newPage(1280);
await page.goto(url("compare/alliances/index.html"));
const rated = data.filter((c) => c.ratings && c.region).length;
const cells = await page.locator(".alliances-grid a.cell").count();
check("alliances: one linked cell per rated case with a region", cells === rated, `${cells} cells, ${rated} rated cases`);
check("alliances: candidates labelled as derived by this site",
  (await page.locator("#candidates .tag.derived").count()) === 1);
await page.goto(url("compare/clusterpreneurs/index.html"));
const named = data.filter((c) => c.initiators && c.initiators.length).length;
check("clusterpreneurs: a row per case that names them",
  (await page.locator("table.clusterpreneurs tbody tr").count()) === named);
if (withAnswers) {
  await page.goto(url(withAnswers.url));
  const dots = await page.locator("#assessment svg circle.on").count();
  check("case triangle: a filled dot per answer", dots === Object.keys(withAnswers.assessment).length);
  const desc = await page.textContent("#tri-desc");
  check("case triangle: a text alternative", /questions answered/.test(desc || ""));
}
await page.close();
await finish("t-frameworks");
