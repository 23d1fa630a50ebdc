# 20-publish.sh - site settings (site.yaml), citations, publishing done
# right (sitemap, canonical links, 404 at any depth, Open Graph, JSON-LD),
# the hosting recipes, drafts and --keep-going (issue 20).
# Sourced by tests/cli.sh: uses $GEN, $T, check/ok/bad.

U="$T/20-publish"
mkdir -p "$U/proj/cases"
u20_case() {    # u20_case SLUG TITLE [EXTRA-LINE...]
    f="$U/proj/cases/$1.md"; shift
    { echo '---'; echo "title: \"$1\""; shift
      echo 'country: DK'; echo 'sector: Biotech'
      echo 'summary: A cluster for the publishing tests.'
      echo 'date: 2024-05-01'
      for l in "$@"; do echo "$l"; done
      echo '---'; echo 'A write-up.'; } > "$f"
}
u20_case alpha 'Alpha cluster' 'authors: [Jane Doe, Ole Olsen]' 'lang: de'
u20_case beta 'R&D {50%} Beta_x $cluster# ~^' \
    'sources:' '  - title: "A report"' '    author: Some Body' \
    '    year: 2011' '    locator: p. 4' '    url: https://example.org/r'
u20_case gamma 'Gamma cluster' 'draft: true'
cat > "$U/proj/site.yaml" <<'YAML'
title: Publishing Test Site
lang: da
licence: CC BY 4.0
description: Tests of publishing.
footer: Edited for the tests
YAML
S="$U/proj/site"
out=$("$GEN" build --cases "$U/proj/cases" --out "$S" 2>&1); rc=$?
check "20-publish: a build reads site.yaml beside cases/ (title)" \
    '[ $rc -eq 0 ] && grep -q "<title>Alpha cluster · Publishing Test Site</title>" "$S/cases/alpha/index.html"'
check "20-publish: the page language comes from lang" \
    'grep -q "<html lang=\"da\">" "$S/index.html"'
check "20-publish: a case's own lang marks its write-up" \
    'grep -q "id=\"write-up\"[^>]* lang=\"de\"" "$S/cases/alpha/index.html" && ! grep -q "id=\"write-up\"[^>]* lang=" "$S/cases/beta/index.html"'
check "20-publish: the licence is in the footer" \
    'grep -q "licensed under CC BY 4.0" "$S/index.html" && grep -q "Edited for the tests" "$S/index.html"'
check "20-publish: the licence is cases.json's top-level licence" \
    '[ "$(node -e "console.log(JSON.parse(require(\"fs\").readFileSync(process.argv[1])).licence)" "$S/cases.json")" = "CC BY 4.0" ]'
check "20-publish: the licence is the last column of cases.csv" \
    'head -1 "$S/cases.csv" | grep -q ",licence.$" && sed -n 2p "$S/cases.csv" | grep -q ",CC BY 4.0.$"'
check "20-publish: no sitemap without a base URL, and one note saying so" \
    '[ ! -e "$S/sitemap.xml" ] && [ "$(printf "%s\n" "$out" | grep -c "note: no sitemap.xml")" -eq 1 ]'
check "20-publish: a draft is left out with one note" \
    '[ ! -e "$S/cases/gamma" ] && printf "%s\n" "$out" | grep -q "note: 1 draft case left out"'

# ---- citations ----
check "20-publish: each case has cite.bib, cite.ris and cite.json" \
    '[ -s "$S/cases/alpha/cite.bib" ] && [ -s "$S/cases/alpha/cite.ris" ] && [ -s "$S/cases/alpha/cite.json" ]'
check "20-publish: the case page shows the citation and links the files" \
    'grep -q "Jane Doe and Ole Olsen (2024). <cite>Alpha cluster</cite>. In <i>Publishing Test Site</i>." "$S/cases/alpha/index.html" && grep -q "href=\"cite.bib\"" "$S/cases/alpha/index.html" && grep -q "href=\"cite.ris\"" "$S/cases/alpha/index.html" && grep -q "href=\"cite.json\"" "$S/cases/alpha/index.html"'
csl=$(node -e '
const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[0];
console.log([c.id, c.type, c.title, c.author.map(a => a.literal).join("+"), c.issued["date-parts"][0].join("-"), c["container-title"]].join("|"));' \
    "$S/cases/beta/cite.json" 2>&1)
check "20-publish: CSL-JSON parses, special characters as they are, site title as author" \
    '[ "$csl" = "beta|webpage|R&D {50%} Beta_x \$cluster# ~^|Publishing Test Site|2024-5-1|Publishing Test Site" ]' || echo "   got: $csl"
bib=$(/usr/bin/python3 -c '
import sys, bibtexparser
db = bibtexparser.load(open(sys.argv[1]))
for f in sys.argv[2:]:
    e = bibtexparser.load(open(f)).entries[0]
    print(e["ID"], e["ENTRYTYPE"], e["title"], e["author"], e["year"], sep="|")' \
    "$S/cases/alpha/cite.bib" "$S/cases/alpha/cite.bib" "$S/cases/beta/cite.bib" 2>&1)
check "20-publish: BibTeX parses (bibtexparser) with the key, title and authors" \
    'printf "%s\n" "$bib" | grep -qx "alpha|misc|{Alpha cluster}|Jane Doe and Ole Olsen|2024"' || echo "   got: $bib"
check "20-publish: BibTeX escapes & % \$ # _ { } ~ ^ as commands" \
    'printf "%s\n" "$bib" | grep -qF "beta|misc|{R\&D \{50\%\} Beta\_x \\\$cluster\# \textasciitilde{}\textasciicircum{}}|{Publishing Test Site}|2024"'
u20_ris_ok() {   # the RIS structure: TY first, ER last, every line "XX  - "
    tr -d '\r' < "$1" | awk 'NR==1 && !/^TY  - /{bad=1} !/^[A-Z][A-Z0-9]  - /{bad=1} {last=$0} END{exit bad || last != "ER  - "}'
}
check "20-publish: RIS starts with TY, ends with ER, one tag a line (CRLF)" \
    'u20_ris_ok "$S/cases/alpha/cite.ris" && u20_ris_ok "$S/cases/beta/cite.ris" && grep -q "^AU  - Jane Doe.$" "$S/cases/alpha/cite.ris" && grep -c "^AU  - " "$S/cases/alpha/cite.ris" | grep -qx 2'
check "20-publish: sources are a reference list (author, year, title, locator, URL)" \
    'grep -qF "<li id=\"source-1\">Some Body (2011). <cite>A report</cite>. p. 4. <a href=\"https://example.org/r\">https://example.org/r</a></li>" "$S/cases/beta/index.html"'

# ---- structured data and link previews ----
u20_jsonld() {   # the JSON-LD of a page: its @type, or an error
    node -e '
const h = require("fs").readFileSync(process.argv[1], "utf8");
const m = h.match(/<script type="application\/ld\+json">([^<]*)<\/script>/);
const j = JSON.parse(m[1]);
console.log(j["@type"] + "|" + (j.spatialCoverage ? j.spatialCoverage.address.addressCountry : "") + "|" + (j.distribution ? j.distribution.map(d => d.contentUrl).join(",") : "") + "|" + (j.license || ""));' "$1" 2>&1
}
check "20-publish: a case page's JSON-LD parses: a ScholarlyArticle with its place" \
    '[ "$(u20_jsonld "$S/cases/alpha/index.html")" = "ScholarlyArticle|DK||CC BY 4.0" ]'
check "20-publish: the home page's JSON-LD is the collection as a Dataset with the exports" \
    '[ "$(u20_jsonld "$S/index.html")" = "Dataset||cases.json,cases.csv|CC BY 4.0" ]'
check "20-publish: Open Graph and Twitter card tags (title, description, site name)" \
    'grep -q "<meta property=\"og:title\" content=\"Alpha cluster\">" "$S/cases/alpha/index.html" && grep -q "<meta property=\"og:description\" content=\"A cluster for the publishing tests.\">" "$S/cases/alpha/index.html" && grep -q "<meta property=\"og:site_name\" content=\"Publishing Test Site\">" "$S/cases/alpha/index.html" && grep -q "<meta name=\"twitter:card\" content=\"summary\">" "$S/cases/alpha/index.html" && grep -q "og:type\" content=\"article\"" "$S/cases/alpha/index.html"'

# ---- the 404 page at any depth ----
# every href and src of 404.html, resolved as a browser would from
# http://host/a/b/c/missing: must name a file of the site
u20_404_ok() {   # u20_404_ok SITE BASE ("" or the base URL)
    for h in $(grep -o -E '(href|src)="[^"#]*"' "$1/404.html" | sed -E 's/^(href|src)="//; s/"$//'); do
        if [ -z "$2" ]; then
            case "$h" in /*) p=${h#/} ;; *) return 1 ;; esac
        else    # relative, or root-relative: wrong at /a/b/c/ of a sub-path
            case "$h" in "$2"*) p=${h#"$2"} ;; *) return 1 ;; esac
        fi
        [ -z "$p" ] || [ -e "$1/$p" ] || { echo "   missing: $h"; return 1; }
    done
}
check "20-publish: 404 without a base URL: root links that resolve at any depth, and inline styles" \
    'u20_404_ok "$S" "" && grep -q "<style>" "$S/404.html"'

# ---- with a base URL (a flag over site.yaml) ----
out=$("$GEN" build --cases "$U/proj/cases" --out "$U/bsite" --base-url https://example.org/pub --title "Flag Title" 2>&1); rc=$?
B="$U/bsite"
check "20-publish: flags override site.yaml (--title)" \
    '[ $rc -eq 0 ] && grep -q "<title>Alpha cluster · Flag Title</title>" "$B/cases/alpha/index.html" && ! grep -q "Publishing Test Site" "$B/index.html"'
check "20-publish: with a base URL, a sitemap and no note" \
    '[ -s "$B/sitemap.xml" ] && ! printf "%s\n" "$out" | grep -q "note: no sitemap"'
check "20-publish: sitemap.xml is well-formed (xmllint)" 'xmllint --noout "$B/sitemap.xml"'
locs=$(grep -o "<loc>[^<]*</loc>" "$B/sitemap.xml" | sed 's/<[/]*loc>//g' | sort)
canon=$(cat $(find "$B" -name index.html) | grep -o '<link rel="canonical" href="[^"]*"' | sed 's/.*href="//; s/"$//' | sort)
check "20-publish: the sitemap's addresses are exactly the pages' canonical links" \
    '[ -n "$locs" ] && [ "$locs" = "$canon" ]'
check "20-publish: canonical links are folder URLs, not .../index.html" \
    'grep -q "<link rel=\"canonical\" href=\"https://example.org/pub/cases/alpha/\">" "$B/cases/alpha/index.html" && ! printf "%s\n" "$canon" | grep -q "index.html"'
check "20-publish: og:url is the canonical address" \
    'grep -q "<meta property=\"og:url\" content=\"https://example.org/pub/cases/alpha/\">" "$B/cases/alpha/index.html"'
check "20-publish: 404 with a base URL: absolute links and stylesheet that resolve" \
    'u20_404_ok "$B" "https://example.org/pub/" && grep -q "href=\"https://example.org/pub/static/style.css\"" "$B/404.html"'
check "20-publish: the citation carries the case's address" \
    'grep -q "^  url = {https://example.org/pub/cases/alpha/},$" "$B/cases/alpha/cite.bib" && grep -q "^UR  - https://example.org/pub/cases/alpha/.$" "$B/cases/alpha/cite.ris"'

# ---- checked like a case ----
printf 'title: T\ntitel: Typo\nlang: [da]\n' > "$U/bad.yaml"
out=$("$GEN" build --cases "$U/proj/cases" --settings "$U/bad.yaml" --out "$U/badsite" 2>&1); rc=$?
check "20-publish: an unknown setting is a warning at line:col naming the nearest key" \
    'printf "%s\n" "$out" | grep -q "bad.yaml:2:1: warning: unknown setting .titel." && printf "%s\n" "$out" | grep -q "did you mean .title."'
check "20-publish: a wrong type is an error at line:col, and nothing is written" \
    '[ $rc -eq 1 ] && printf "%s\n" "$out" | grep -q "bad.yaml:3:7: error: lang: needs text, not a list" && [ ! -e "$U/badsite" ]'
printf 'base_url: example.org\n' > "$U/bad2.yaml"
out=$("$GEN" build --cases "$U/proj/cases" --settings "$U/bad2.yaml" --out "$U/badsite" 2>&1); rc=$?
check "20-publish: a base_url that is no http(s) URL is an error at its place" \
    '[ $rc -eq 1 ] && printf "%s\n" "$out" | grep -q "bad2.yaml:1:11: error: base_url: must be an absolute"'
check "20-publish: gen schema --site lists the keys of the table with their docs" \
    '[ "$("$GEN" schema --site | node -e "const s=JSON.parse(require(\"fs\").readFileSync(0));console.log(Object.keys(s.properties).join(\",\")+\"|\"+(s.properties.licence.description.length>0))")" = "title,base_url,lang,licence,description,logo,footer|true" ]'

# ---- drafts ----
out=$("$GEN" build --cases "$U/proj/cases" --drafts --out "$U/dsite" 2>&1); rc=$?
check "20-publish: --drafts publishes a draft, marked as one" \
    '[ $rc -eq 0 ] && grep -q "Draft</span>" "$U/dsite/cases/gamma/index.html" && ! grep -q "Draft</span>" "$U/dsite/cases/alpha/index.html"'
mkdir -p "$U/new"
"$GEN" new fresh --cases "$U/new/cases" >/dev/null 2>&1
check "20-publish: gen new writes draft: true (not commented)" \
    'grep -q "^draft: true" "$U/new/cases/fresh.md"'

# ---- --keep-going ----
cp -R "$U/proj" "$U/kg"
rm -rf "$U/kg/site"
printf -- '---\ntitle: Broken\ncountry: Denmark\nsector: Biotech\nfounded: soon\n---\nHalf written.\n' > "$U/kg/cases/broken.md"
out=$("$GEN" build --cases "$U/kg/cases" --out "$U/kg/site" 2>&1); rc=$?
check "20-publish: by default one broken case stops the build (strict)" \
    '[ $rc -eq 1 ] && [ ! -e "$U/kg/site" ]'
out=$("$GEN" build --cases "$U/kg/cases" --out "$U/kg/site" --keep-going 2>&1); rc=$?
check "20-publish: --keep-going publishes the good cases and exits 1" \
    '[ $rc -eq 1 ] && [ -s "$U/kg/site/cases/alpha/index.html" ] && [ -s "$U/kg/site/cases/beta/index.html" ] && [ ! -e "$U/kg/site/cases/broken" ]'
check "20-publish: --keep-going still prints each error and says what it left out" \
    'printf "%s\n" "$out" | grep -q "broken.md:3:10: error" && printf "%s\n" "$out" | grep -q "broken.md:5:10: error" && printf "%s\n" "$out" | grep -q "published without 1 case with errors"'
rm -rf "$U/kg/cases"
mkdir -p "$U/kg/cases"
printf -- '---\ntitle: Broken\n---\n' > "$U/kg/cases/broken.md"
out=$("$GEN" build --cases "$U/kg/cases" --out "$U/kg/site" --keep-going 2>&1); rc=$?
check "20-publish: --keep-going with no good case left publishes nothing" \
    '[ $rc -eq 1 ] && [ -s "$U/kg/site/cases/alpha/index.html" ]'

# ---- the hosting recipes: each file's own build step, run here ----
u20_recipe() {   # u20_recipe NAME COMMAND OUTDIR
    d="$U/recipe-$1"
    mkdir -p "$d/gen"
    cp -R "$U/proj/cases" "$U/proj/site.yaml" "$d/"
    cp -R templates "$d/templates"
    case "$GEN" in
        */*) g=$(cd "$(dirname "$GEN")" && pwd)/$(basename "$GEN") ;;
        *) g=$(command -v "$GEN") ;;
    esac
    printf '#!/bin/sh\nexec "%s" "$@"\n' "$g" > "$d/gen/gen"
    chmod +x "$d/gen/gen"
    printf 'all:\n\t@:\n' > "$d/Makefile"     # gen is built already
    (cd "$d" && sh -c "$2") > "$d.log" 2>&1 &&
        [ -s "$d/$3/index.html" ] && [ -s "$d/$3/cases/alpha/cite.bib" ] && [ -s "$d/$3/404.html" ]
}
R=docs/recipes
gh_cmd=$(grep -E '^ +run: gen/gen build' $R/github-pages.yml | sed 's/^ *run: //')
gh_out=$(grep -E '^ +path: ' $R/github-pages.yml | sed 's/^ *path: //')
check "20-publish: GitHub Pages recipe: its build step builds the uploaded folder" \
    '[ -n "$gh_cmd" ] && u20_recipe github "$gh_cmd" "$gh_out"'
gl_cmd=$(sed -n '/^  script:/,/^  [a-z]/p' $R/gitlab-ci.yml | grep -E '^ +- ' | sed 's/^ *- //' | tr '\n' ';')
gl_out=$(sed -n '/^    paths:/,$p' $R/gitlab-ci.yml | grep -E '^ +- ' | head -1 | sed 's/^ *- //')
check "20-publish: GitLab Pages recipe: its script builds the artifact folder" \
    '[ "$gl_out" = public ] && u20_recipe gitlab "$gl_cmd" "$gl_out"'
nl_cmd=$(sed -n 's/^ *command = "\(.*\)"$/\1/p' $R/netlify.toml)
nl_out=$(sed -n 's/^ *publish = "\(.*\)"$/\1/p' $R/netlify.toml)
check "20-publish: Netlify recipe: its command builds the publish folder" \
    '[ -n "$nl_cmd" ] && u20_recipe netlify "$nl_cmd" "$nl_out"'

# ---- hostile author text stays data in JSON-LD and the citation files ----
"$GEN" build --cases tests/fixtures/hostile --out "$U/hostile" -q --base-url https://example.org/h/ >/dev/null 2>&1
hj=$(node -e '
const fs = require("fs"), path = require("path");
let n = 0, bad = [];
(function walk(d) { for (const f of fs.readdirSync(d)) { const p = path.join(d, f);
  if (fs.statSync(p).isDirectory()) walk(p);
  else if (f.endsWith(".html")) for (const m of fs.readFileSync(p, "utf8").matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
    n++; try { JSON.parse(m[1]); } catch (e) { bad.push(p); } }
  else if (f === "cite.json") { n++; try { JSON.parse(fs.readFileSync(p, "utf8")); } catch (e) { bad.push(p); } } } })(process.argv[1]);
console.log(n > 0 && bad.length === 0 ? "ok" : "bad " + n + " " + bad.join(" "));' "$U/hostile" 2>&1)
check "20-publish: hostile cases: every JSON-LD block and cite.json parses" '[ "$hj" = ok ]' || echo "   $hj"
hb=$(/usr/bin/python3 -c '
import sys, glob, bibtexparser
fs = glob.glob(sys.argv[1] + "/cases/*/cite.bib")
ok = all(len(bibtexparser.load(open(f)).entries) == 1 for f in fs)
print("ok" if fs and ok else "bad")' "$U/hostile" 2>&1)
check "20-publish: hostile cases: every cite.bib parses to one entry" '[ "$hb" = ok ]' || echo "   $hb"

# gen check reads the settings beside a folder it checks, as build does
mkdir -p "$T/20chk/cases" && cp cases/triple-steelix.md "$T/20chk/cases/"
printf 'title: X\ntitel: Y\nbase_url: notaurl\n' > "$T/20chk/site.yaml"
"$GEN" check "$T/20chk/cases" > "$T/20chk/out" 2>&1; rc=$?
check "20-publish: gen check reports site.yaml's problems at line:col" \
    '[ $rc -eq 1 ] && grep -q "site.yaml:2:1: warning: unknown setting .titel." "$T/20chk/out" && grep -q "site.yaml:3:11: error: base_url" "$T/20chk/out"'
