// t-serve.mjs - `gen serve` in a real browser: an open case page asks
// for the site's state and is held until the next build is live; saving
// the case reloads the page by itself, with the new text, and a save
// that breaks the build shows the problems until it is fixed.
// usage: node t-serve.mjs SITE_DIR SCREENSHOT_DIR (see lib.mjs); runs
// $GEN (default gen/gen) from the current folder on a copy of cases/.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { check, newPage, finish } from "./lib.mjs";

const gen = resolve(process.env.GEN || "gen/gen");
const dir = mkdtempSync(join(tmpdir(), "gen-serve-"));
cpSync("cases", join(dir, "cases"), { recursive: true });
cpSync("templates", join(dir, "templates"), { recursive: true });
const server = spawn(gen, ["serve", "--port", "0"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
let said = "";
server.stderr.on("data", (b) => { said += b; });
const base = await new Promise((ok) => {
  let out = "";
  const give_up = setTimeout(() => ok(null), 20000);
  server.stdout.on("data", (b) => {
    out += b;
    const m = out.match(/at (http:\/\/[^ ]+) /);
    if (m) { clearTimeout(give_up); ok(m[1]); }
  });
});
check("gen serve listens", base !== null, said);

if (base) {
  const file = join(dir, "cases", "medicon-valley.md");
  const text = readFileSync(file, "utf8");
  const page = await newPage();
  // the page's second state request (?after=) is the one held
  const held = page.waitForRequest((r) => r.url().includes("/__gen/state?after="), { timeout: 10000 });
  await page.goto(`${base}cases/medicon-valley/`);
  const h1 = await page.textContent("h1");
  let asked = null;
  try { asked = await held; } catch { /* checked below */ }
  check("the open page asks for the state after the version it has", asked !== null);
  const answered = asked ? await Promise.race([asked.response().then(() => "answered"),
    page.waitForTimeout(1500).then(() => "held")]) : null;
  check("that request is held while nothing changes", answered === "held", answered);

  // a save: the page reloads itself with the new title
  const reloaded = page.waitForEvent("load", { timeout: 20000 }).then(() => true, () => false);
  const saved = Date.now();
  writeFileSync(file, text.replace(/^title: Medicon Valley$/m, "title: Medicon Valley Saved"));
  const didReload = await reloaded;
  const after = Date.now() - saved;
  const h1b = await page.textContent("h1");
  check("a saved case reloads the open page by itself", didReload && h1.includes("Medicon Valley") &&
    h1b.includes("Medicon Valley Saved"), `${h1} -> ${h1b}`);
  console.log(`t-serve: the page reloaded ${after} ms after the save`);

  // a save that breaks the build: the problems, until it is fixed
  const broke = page.waitForEvent("load", { timeout: 20000 }).then(() => true, () => false);
  writeFileSync(file, text.replace(/^country: DK$/m, "country: Nowhere"));
  const didBreak = await broke;
  const problems = await page.textContent("body");
  check("a save that breaks the build shows its problems", didBreak &&
    problems.includes("The build failed") && problems.includes("medicon-valley.md"), problems.slice(0, 200));
  const fixed = page.waitForEvent("load", { timeout: 20000 }).then(() => true, () => false);
  writeFileSync(file, text);
  const didFix = await fixed;
  const h1c = didFix ? await page.textContent("h1") : "";
  check("fixing it brings the page back", didFix && h1c.includes("Medicon Valley") && !h1c.includes("Saved"), h1c);
  // the page asks again and again: closed before the server stops, so
  // that its next request does not meet a server that is gone
  await page.close();
}

server.kill("SIGTERM");
await new Promise((ok) => { server.once("exit", ok); setTimeout(ok, 5000); });
rmSync(dir, { recursive: true, force: true });
await finish("t-serve");
