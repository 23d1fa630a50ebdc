// lib.mjs - what every browser test file shares: a headless Debian
// chromium, check(), axe(), file:// URLs into the built site, the site's
// cases.json, and the closing "N passed, N failed" line.
// usage in a test file: node FILE.mjs SITE_DIR SCREENSHOT_DIR
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

export const site = resolve(process.argv[2]);
export const shots = resolve(process.argv[3] || "screenshots");
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
export const data = JSON.parse(readFileSync(`${site}/cases.json`, "utf8")).cases;
export const url = (p) => `file://${site}/${p}`;

let passed = 0, failed = 0;
export const check = (name, cond, detail = "") => {
  if (cond) passed++;
  else { failed++; console.log(`FAIL ${name}${detail ? ": " + detail : ""}`); }
};

export const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
export const errors = [];
// A page at `width` px that records script errors and failed requests.
export async function newPage(width = 1280, height = 900) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("requestfailed", (r) => {
    // a load cut short by the next navigation is not a failure
    if (r.failure()?.errorText !== "net::ERR_ABORTED") errors.push(`request failed: ${r.url()} (${r.failure()?.errorText}) on ${page.url()}`);
  });
  return page;
}

// axe-core on the page as it is now: no serious or critical violation.
export async function axe(page, name) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { preload: false }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(`axe on ${name}: no serious or critical violations`, bad.length === 0,
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes`).join("; "));
}

// Closes the browser and prints the counts; `name` labels the file.
export async function finish(name) {
  check(`${name}: no script errors or failed requests`, errors.length === 0, errors.join("; "));
  await browser.close();
  console.log(`${name}: ${passed} passed, ${failed} failed`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
