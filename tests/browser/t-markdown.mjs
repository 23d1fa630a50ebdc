// t-markdown.mjs - a write-up with a table, footnotes and a figure, in
// the browser: builds the fixture tests/fixtures/markdown into its own
// site (the site given is not used: the collection has no figure) and
// opens its case page. usage: node t-markdown.mjs SITE_DIR SCREENSHOT_DIR
import { shots, check, newPage, axe, finish } from "./lib.mjs";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const gen = resolve(root, process.env.GEN || "gen/gen");
const tmp = mkdtempSync(join(tmpdir(), "gen-t-markdown-"));
const out = join(tmp, "site");
const built = spawnSync(gen, ["build", "--cases", "tests/fixtures/markdown", "--out", out, "-q"],
  { cwd: root, encoding: "utf8", timeout: 60000 });
check("the fixture site builds", built.status === 0, built.stderr);

for (const width of [1280, 390]) {
  const page = await newPage(width);
  await page.goto(`file://${out}/cases/writeup-features/index.html`);
  const img = await page.$eval("img[alt^='Bar chart']", (i) => ({ w: i.naturalWidth, h: i.naturalHeight, src: i.src }))
    .catch((e) => ({ w: 0, src: String(e) }));
  check(`${width}px: the figure loads (naturalWidth > 0)`, img.w > 0, img.src);
  const table = await page.$$eval("table", (ts) => ts.filter((t) => t.querySelectorAll("th").length === 2 &&
    t.querySelectorAll("tbody tr").length === 3 && t.offsetWidth > 0).length);
  check(`${width}px: the table shows, with its header and rows`, table === 1);
  const fn = await page.$eval("section.footnotes", (s) => ({ visible: s.offsetHeight > 0, text: s.textContent }))
    .catch(() => ({ visible: false, text: "" }));
  check(`${width}px: the footnotes show`, fn.visible && fn.text.includes("Nothing here comes from a source"));
  // the reference leads to the note, the note back to the reference
  await page.click("sup.footnote-ref a");
  check(`${width}px: the footnote reference leads to its note`, page.url().endsWith("#fn-made-up"));
  await page.click("a.footnote-backref");
  check(`${width}px: the note leads back`, page.url().endsWith("#fnref-made-up"));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check(`${width}px: the page does not scroll sideways`, !overflow);
  if (width === 1280) await axe(page, "the write-up with a table, footnotes and a figure");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/markdown-${width}.png`, fullPage: true });
  await page.close();
}
rmSync(tmp, { recursive: true, force: true });
await finish("t-markdown");
