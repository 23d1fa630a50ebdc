// t-publish.mjs - publishing (issue 20) in a real browser: the 404 page
// served for a missing nested address is styled and its links work, the
// citation files a case page offers download, axe is clean on both, and
// screenshots of the citation at 1280 and 390 px.
// usage: node t-publish.mjs SITE_DIR SCREENSHOT_DIR (see lib.mjs)
//
// The site is served the way GitHub Pages, GitLab Pages and Netlify
// serve it: files from the folder, and 404.html with status 404 for any
// address that is not there. The site is built without a base URL, so
// the 404 page's links start from the host's root: it is served at /.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, normalize, extname } from "node:path";
import { site, data, shots, check, newPage, axe, finish } from "./lib.mjs";

const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
                ".json": "application/json", ".bib": "application/x-bibtex", ".ris": "application/x-research-info-systems",
                ".csv": "text/csv", ".xml": "application/xml", ".svg": "image/svg+xml" };
const server = createServer(async (req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (p.endsWith("/")) p += "index.html";
  const file = join(site, normalize(p).replace(/^(\.\.[/\\])+/, ""));
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
    res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404, { "content-type": types[".html"] });
    res.end(await readFile(join(site, "404.html")));
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

// ---- the 404 page at depth ----
const page = await newPage();
const resp = await page.goto(`${base}/a/b/c/no-such-page/`);
check("a missing nested address answers 404 with the 404 page", resp.status() === 404 &&
  (await page.textContent("h1")).includes("Page not found"));
const sheet = await page.evaluate(() => [...document.styleSheets].filter((s) => s.href)
  .map((s) => { try { return { href: s.href, rules: s.cssRules.length }; } catch { return { href: s.href, rules: -1 }; } }));
check("404 at depth: the site's stylesheet loads", sheet.length === 1 && sheet[0].href === `${base}/static/style.css` && sheet[0].rules > 20,
  JSON.stringify(sheet));
const mainWidth = await page.$eval("main", (m) => getComputedStyle(m).maxWidth);
check("404 at depth: the page is styled (main is bounded)", mainWidth !== "none", mainWidth);
const links = await page.$$eval("a[href]", (as) => as.map((a) => a.href).filter((h) => !h.includes("#")));
let broken = [];
for (const h of links) {
  const r = await fetch(h);
  if (r.status !== 200) broken.push(`${h} ${r.status}`);
}
check("404 at depth: every link on it resolves", links.length > 5 && broken.length === 0, broken.join(", "));
await axe(page, "404 page at /a/b/c/");
await page.screenshot({ path: `${shots}/publish-404-nested.png` });
const phone404 = await newPage(390, 844);
await phone404.goto(`${base}/a/b/c/no-such-page/`);
const w404 = await phone404.evaluate(() => document.documentElement.scrollWidth);
check("404 at depth, 390 px: no sideways scroll", w404 <= 390, `scrollWidth ${w404}`);
await phone404.screenshot({ path: `${shots}/publish-404-nested-390.png`, fullPage: true });

// ---- a case page: the citation and its files ----
const c = data[0];
for (const width of [1280, 390]) {
  const p2 = await newPage(width, 900);
  await p2.goto(`${base}/${c.url}`);
  const cite = await p2.$("#cite");
  check(`case page at ${width} px: a Cite this case section`, cite !== null);
  if (!cite) continue;
  const text = await p2.textContent("#cite .citation");
  check(`case page at ${width} px: the citation names the title`, text.includes(c.title), text);
  const over = await p2.$eval("#cite", (s) => s.scrollWidth > s.clientWidth + 1);
  check(`case page at ${width} px: the citation fits its column`, !over);
  if (width === 1280) {
    const files = await p2.$$eval("#cite .cite-files a", (as) => as.map((a) => a.href));
    check("three citation files are offered", files.length === 3, files.join(" "));
    for (const f of files) {
      const r = await fetch(f);
      const body = await r.text();
      const okBody = f.endsWith(".bib") ? body.startsWith(`@misc{${c.slug},`)
                   : f.endsWith(".ris") ? body.startsWith("TY  - ") && body.trimEnd().endsWith("ER  -")
                   : JSON.parse(body)[0].title === c.title;
      check(`citation file ${f.split("/").pop()} downloads and is what it says`, r.status === 200 && okBody, `${r.status}`);
    }
    await axe(p2, "case page with its citation");
  }
  await cite.scrollIntoViewIfNeeded();
  await cite.screenshot({ path: `${shots}/publish-cite-${width}.png` });
  await p2.close();
}

server.close();
await finish("t-publish");
