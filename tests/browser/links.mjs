// links.mjs - an independent link check over a built site: every href
// and src that stays inside the site must name an existing file, and
// every #fragment an id on the target page. The site's root 404.html
// is served for missing addresses at any depth, so its links start at
// the host's root: there, "/x" means the site's x.
// usage: node links.mjs SITE_DIR
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname, resolve, relative } from "node:path";

const site = resolve(process.argv[2]);
const pages = [];
const walk = (d) => readdirSync(d).forEach((f) => {
  const p = join(d, f);
  if (statSync(p).isDirectory()) walk(p); else if (p.endsWith(".html")) pages.push(p);
});
walk(site);
const ids = new Map();
const idsOf = (file) => {
  if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, "utf8").matchAll(/\sid="([^"]*)"/g)].map((m) => m[1])));
  return ids.get(file);
};
let passed = 0, failed = 0, links = 0;   // a page passes when all its links do
for (const page of pages) {
  const before = failed;
  const html = readFileSync(page, "utf8");
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const raw = m[1].replaceAll("&amp;", "&");
    if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith("//") || raw === "") continue;
    const [pathPart, frag] = raw.split("#");
    const clean = pathPart.split("?")[0];
    const rootLink = clean.startsWith("/") && page === join(site, "404.html");
    let target = clean === "" ? page : rootLink ? join(site, clean) : resolve(dirname(page), clean);
    if (clean.endsWith("/") || (existsSync(target) && statSync(target).isDirectory())) target = join(target, "index.html");
    const where = `${relative(site, page)}: ${raw}`;
    if (relative(site, target).startsWith("..")) { failed++; console.log(`FAIL ${where} leaves the site`); continue; }
    if (!existsSync(target)) { failed++; console.log(`FAIL ${where} -> missing ${relative(site, target)}`); continue; }
    if (frag && target.endsWith(".html") && !idsOf(target).has(decodeURIComponent(frag))) {
      failed++; console.log(`FAIL ${where} -> no id "${frag}"`); continue;
    }
    links++;
  }
  if (failed === before) passed++;
}
const bad = pages.length - passed;
console.log(`links: ${passed} passed, ${bad} failed (pages; ${links} links resolve, ${failed} do not)`);
console.log(`${passed} passed, ${bad} failed`);
process.exit(failed ? 1 : 0);
