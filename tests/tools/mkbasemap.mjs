// mkbasemap.mjs - writes gen/basemap.txt, the map's base geography.
//
//   node tests/tools/mkbasemap.mjs [OUT]      (or `make basemap`)
//
// Source: Natural Earth's 1:50m admin-0 countries (public domain) as
// packaged in TopoJSON by the npm package world-atlas (ISC, Mike Bostock),
// read with topojson-client; ISO alpha-2 codes and full names for the
// abbreviated ones from i18n-iso-countries. The versions are pinned by
// package-lock.json beside this script, so a rerun gives the same bytes.
//
// Simplification works on the TopoJSON arcs, before they are assembled
// into rings, so that a border shared by two countries is simplified once
// and stays shared (no slivers or gaps between neighbours):
//   1. Douglas-Peucker on each arc, its two ends kept, with TOLERANCE
//      degrees (longitude differences scaled by cos(latitude));
//   2. every point rounded to GRID hundredths of a degree, repeats dropped;
//   3. rings with fewer than 3 points, or smaller than MIN_AREA square
//      degrees, are dropped, except each country's largest ring, so that
//      every country (Monaco, Malta, Luxembourg...) keeps a shape.
// The output format is described in the header that this script writes.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const topojson = require("topojson-client");
const countries = require("i18n-iso-countries");
countries.registerLocale(require("i18n-iso-countries/langs/en.json"));

const TOLERANCE = 0.03;   // degrees; ~3 km, under a pixel at Europe scale
const GRID = 2;           // hundredths of a degree (0.02 deg, ~2 km)
const MIN_AREA = 0.02;    // square degrees (~150 km2 at 55N)

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, "..", "..", "gen", "basemap.txt");
const atlasDir = dirname(require.resolve("world-atlas/package.json"));
const atlasVersion = require("world-atlas/package.json").version;
const topo = JSON.parse(readFileSync(join(atlasDir, "countries-50m.json"), "utf8"));

// Natural Earth features without an ISO 3166-1 numeric code: Kosovo has
// the user-assigned XK that the EU and others use; the rest keep "-".
const NO_ID = { "Kosovo": ["XK", "Kosovo"], "N. Cyprus": ["-", "Northern Cyprus"],
                "Indian Ocean Ter.": ["-", "Indian Ocean Territories"] };
// Names Natural Earth's 50m data has outdated.
const RENAME = { MK: "North Macedonia" };

// the unsimplified features, for countries that simplification erases
const original = new Map(topojson.feature(topo, topo.objects.countries).features
    .map((f) => [f.properties.name, f]));

// 1. arcs to absolute lon/lat
const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
});

function simplify(pts, tol) {
    if (pts.length < 3) return pts;
    const keep = new Uint8Array(pts.length);
    keep[0] = keep[pts.length - 1] = 1;
    const stack = [[0, pts.length - 1]];
    while (stack.length) {
        const [a, b] = stack.pop();
        const k = Math.cos(((pts[a][1] + pts[b][1]) / 2) * Math.PI / 180);
        const ax = pts[a][0] * k, ay = pts[a][1], bx = pts[b][0] * k, by = pts[b][1];
        const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
        let best = -1, bestD = tol * tol;
        for (let i = a + 1; i < b; i++) {
            const px = pts[i][0] * k - ax, py = pts[i][1] - ay;
            let t = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
            t = Math.max(0, Math.min(1, t));
            const ex = px - t * dx, ey = py - t * dy, d = ex * ex + ey * ey;
            if (d > bestD) { bestD = d; best = i; }
        }
        if (best >= 0) { keep[best] = 1; stack.push([a, best], [best, b]); }
    }
    return pts.filter((_, i) => keep[i]);
}

// 2. simplify and snap each arc
const snap = (v) => Math.round(v * 100 / GRID) * GRID;   // hundredths
topo.arcs = arcs.map((arc) => {
    const s = [];
    for (const [lon, lat] of simplify(arc, TOLERANCE)) {
        const p = [snap(lon), snap(lat)];
        const q = s[s.length - 1];
        if (!q || q[0] !== p[0] || q[1] !== p[1]) s.push(p);
    }
    return s;
});
delete topo.transform;

// 3. features to rings, grouped by country
const area = (r) => {
    let a = 0;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++)
        a += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1]);
    return a / 2 / 10000;   // square degrees
};
// world-atlas's rings are spherical: an edge may cross the antimeridian
// (Russia, Fiji) and Antarctica's ring circles the South Pole without
// reaching it. The file's rings are planar in longitude and latitude, so
// such a ring is unwrapped, closed through the pole if it circles one,
// and cut at +-180 degrees into rings that each lie within [-180, 180].
function clipX(r, lo, hi) {
    let out = r;
    for (const [edge, keep] of [[lo, (x) => x >= lo], [hi, (x) => x <= hi]]) {
        const inp = out;
        out = [];
        for (let i = 0; i < inp.length; i++) {
            const a = inp[(i + inp.length - 1) % inp.length], b = inp[i];
            if (keep(a[0]) !== keep(b[0]))
                out.push([edge, snap((a[1] + (b[1] - a[1]) * (edge - a[0]) / (b[0] - a[0])) / 100)]);
            if (keep(b[0])) out.push(b);
        }
    }
    return out;
}
function cut(r) {
    if (!r.some((p, i) => Math.abs(r[(i + 1) % r.length][0] - p[0]) > 18000)) return [r];
    const u = [r[0].slice()];
    for (let i = 1; i < r.length; i++) {
        let x = r[i][0];
        while (x - u[i - 1][0] > 18000) x -= 36000;
        while (x - u[i - 1][0] < -18000) x += 36000;
        u.push([x, r[i][1]]);
    }
    let back = u[0][0];   // the first point again, as the last reaches it
    while (back - u[u.length - 1][0] > 18000) back -= 36000;
    while (back - u[u.length - 1][0] < -18000) back += 36000;
    if (back !== u[0][0]) {   // it circles a pole: go round by it
        const pole = u.reduce((s, p) => s + p[1], 0) < 0 ? -9000 : 9000;
        u.push([back, u[0][1]], [back, pole], [u[0][0], pole]);
    }
    const rings = [];
    for (const shift of [-36000, 0, 36000]) {
        const c = clipX(u.map(([x, y]) => [x + shift, y]), -18000, 18000);
        const d = [];
        for (const p of c) {
            const q = d[d.length - 1];
            if (!q || q[0] !== p[0] || q[1] !== p[1]) d.push(p);
        }
        while (d.length > 1 && d[0][0] === d[d.length - 1][0] && d[0][1] === d[d.length - 1][1])
            d.pop();
        if (d.length >= 3 && area(d) !== 0) rings.push(d);
    }
    return rings;
}

const byKey = new Map();
for (const f of topojson.feature(topo, topo.objects.countries).features) {
    let code, name = f.properties.name, numeric = f.id ? Number(f.id) : 0;
    if (f.id) {
        code = countries.numericToAlpha2(f.id);
        if (!code) throw new Error(`no alpha-2 code for ${f.id} ${name}`);
        if (name.includes(".")) name = countries.getName(code, "en");
        name = RENAME[code] || name;
    } else {
        [code, name] = NO_ID[name] || ["-", name];
    }
    const polys = !f.geometry ? [] : f.geometry.type === "Polygon"
        ? [f.geometry.coordinates] : f.geometry.coordinates;
    const key = code === "-" ? "-" + name : code;
    if (!byKey.has(key))
        byKey.set(key, { code, numeric, name, sourceName: f.properties.name, rings: [] });
    const c = byKey.get(key);
    for (const poly of polys)
        for (const ring of poly) {
            const r = [];
            for (const p of ring) {
                const q = r[r.length - 1];
                if (!q || q[0] !== p[0] || q[1] !== p[1]) r.push(p);
            }
            while (r.length > 1 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1])
                r.pop();   // rings are closed implicitly
            if (r.length >= 3 && area(r) !== 0) c.rings.push(...cut(r));
        }
}

// A country smaller than the grid (Monaco, the Vatican) collapses: it
// keeps its outline on the finest grid, or else a 0.02 degree square,
// so that every country has a shape to highlight and to find.
function fallback(f) {
    const pts = f.geometry.type === "Polygon" ? f.geometry.coordinates[0]
        : f.geometry.coordinates[0][0];
    const r = [];
    for (const [lon, lat] of pts) {
        const p = [Math.round(lon * 100), Math.round(lat * 100)];
        const q = r[r.length - 1];
        if (!q || q[0] !== p[0] || q[1] !== p[1]) r.push(p);
    }
    while (r.length > 1 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1])
        r.pop();
    if (r.length >= 3 && area(r) !== 0) return r;
    const cx = Math.round(r.reduce((s, p) => s + p[0], 0) / r.length);
    const cy = Math.round(r.reduce((s, p) => s + p[1], 0) / r.length);
    return [[cx - 1, cy - 1], [cx + 1, cy - 1], [cx + 1, cy + 1], [cx - 1, cy + 1]];
}
for (const c of byKey.values())
    if (!c.rings.length) c.rings.push(fallback(original.get(c.sourceName)));

let points = 0;
const lines = [];
const list = [...byKey.values()].sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
for (const c of list) {
    const largest = c.rings.reduce((m, r) => (Math.abs(area(r)) > Math.abs(area(m)) ? r : m));
    const rings = c.rings.filter((r) => r === largest || Math.abs(area(r)) >= MIN_AREA);
    const fields = [c.code, String(c.numeric), c.name.replace(/[\t\n]/g, " ")];
    for (const r of rings) {
        let px = 0, py = 0;
        fields.push(r.map(([x, y], i) => {
            const s = i === 0 ? `${x},${y}` : `${x - px},${y - py}`;
            px = x; py = y;
            return s;
        }).join(" "));
        points += r.length;
    }
    lines.push(fields.join("\t"));
}

// world-atlas's license asks for its notice in copies: it is kept whole.
const license = readFileSync(join(atlasDir, "LICENSE"), "utf8").trim()
    .split("\n").map((l) => ("# " + l).trimEnd()).join("\n");
const header = `# basemap.txt - the base geography of gen's maps. Generated by
# tests/tools/mkbasemap.mjs (\`make basemap\`); do not edit by hand.
#
# Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.
# Natural Earth 1:50m admin-0 countries (public domain), from the TopoJSON of
# the npm package world-atlas ${atlasVersion} (ISC license, (c) Mike Bostock),
# simplified: Douglas-Peucker at ${TOLERANCE} degree on shared borders, points
# on a ${GRID / 100} degree grid, islands under ${MIN_AREA} square degree dropped.
# world-atlas's license:
#
${license}
#
# Format: lines starting with # are comments. Every other line is one
# country, its fields separated by one tab:
#   CODE<TAB>NUMERIC<TAB>NAME<TAB>RING[<TAB>RING...]
# CODE is the ISO 3166-1 alpha-2 code (XK for Kosovo; "-" for a territory
# that has none); NUMERIC the ISO 3166-1 numeric code (0 when none); NAME
# in English (UTF-8). A RING is a closed outline (the last point joins the
# first), points separated by one space: the first point "LON,LAT" in
# hundredths of a degree (integers, e.g. 1257,5568 for 12.57 E 55.68 N),
# each next point as the difference from the one before ("3,-2"). Outer
# outlines and holes are both rings: draw them with the even-odd rule.
# Rings are plane polygons in longitude and latitude: none crosses the
# antimeridian (they are cut there) and Antarctica's runs along -90.
# ${lines.length} countries, ${points} points.
`;
writeFileSync(out, header + lines.join("\n") + "\n");
console.log(`${out}: ${lines.length} countries, ${points} points`);
