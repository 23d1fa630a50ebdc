#!/bin/sh
# cli.sh - tests through the real gen binary: diagnostics, exit codes,
# the build's output, determinism, no needless writes, safety.
# usage: GEN=gen/gen sh tests/cli.sh   (from the project root)
set -u
GEN=${GEN:-gen/gen}
case $GEN in /*) ;; *) GEN=$(pwd)/$GEN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/gen-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

# ---- each bad file gives exactly its expected diagnostics ----
for f in tests/fixtures/bad/*.md; do
    b=${f%.md}
    out=$("$GEN" check "$f" 2>&1); rc=$?
    got=$(printf '%s\n' "$out" | grep -E ': (error|warning): ' | sed "s#^$f:##")
    want=$(cat "$b.expected")
    if [ "$got" = "$want" ]; then ok; else
        bad "$f: diagnostics differ"; printf 'want:\n%s\ngot:\n%s\n' "$want" "$got"; fi
    if grep -q ': error: ' "$b.expected"; then
        check "$f: exit 1 on errors" '[ $rc -eq 1 ]'
    else
        check "$f: exit 0 on warnings only" '[ $rc -eq 0 ]'
    fi
    # every diagnostic names file:line:column and carries a hint
    n_diag=$(printf '%s\n' "$out" | grep -cE "^$f:[0-9]+:[0-9]+: (error|warning): ")
    n_hint=$(printf '%s\n' "$out" | grep -c '^    hint: ')
    check "$f: every diagnostic has a hint" '[ "$n_diag" -ge 1 ] && [ "$n_hint" -ge "$n_diag" ]'
done

# all problems of all files in one run, with a count at the end
out=$("$GEN" check tests/fixtures/bad 2>&1); rc=$?
nfiles=$(ls tests/fixtures/bad/*.md | wc -l)
nerr=$(cat tests/fixtures/bad/*.expected | grep -c ': error: ')
check "check over a folder: exit 1" '[ $rc -eq 1 ]'
check "check over a folder: every error listed" \
    '[ "$(printf "%s\n" "$out" | grep -c ": error: ")" -eq "$nerr" ]'
check "check over a folder: closing count" \
    'printf "%s\n" "$out" | tail -1 | grep -q "^checked $nfiles cases: $nerr errors"'

# duplicate slugs
out=$("$GEN" check tests/fixtures/dup 2>&1); rc=$?
check "duplicate slug is an error" '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "slug .same. is also used by"'

# usage errors exit 2; help and version exit 0
"$GEN" check --format xml tests/fixtures/good >/dev/null 2>&1; rc=$?
check "bad option value exits 2" '[ $rc -eq 2 ]'
"$GEN" frobnicate >/dev/null 2>&1; rc=$?
check "unknown command exits 2" '[ $rc -eq 2 ]'
"$GEN" >/dev/null 2>&1; rc=$?
check "no command exits 2" '[ $rc -eq 2 ]'
check "--version" '"$GEN" --version | grep -q "^gen [0-9]"'
for c in check build list render new schema serve; do
    check "$c --help" '"$GEN" $c --help | grep -q "^usage: gen $c"'
done

# the man page covers every command and every option of --help
for c in check build list render new schema serve; do
    check "gen.1 documents $c" 'grep -q "^\.Cm $c" docs/gen.1'
    for opt in $("$GEN" $c --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
        check "gen.1 documents $c $opt" 'grep -q -- "Fl -${opt#--}" docs/gen.1'
    done
done

# JSON diagnostics for editors
"$GEN" check --format json tests/fixtures/bad/stage-typo.md > "$T/diag.json" 2>/dev/null
check "check --format json" 'grep -q "\"line\": 5" "$T/diag.json" && grep -q "\"column\": 8" "$T/diag.json" && grep -q "\"hint\": \"did you mean" "$T/diag.json"'

# the example collection is clean
out=$("$GEN" check cases 2>&1); rc=$?
check "cases/ checks clean" '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q ": 0 errors, 0 warnings"'

# ---- classification through gen list ----
"$GEN" list --cases tests/fixtures/danish > "$T/list.txt" 2>&1
for pair in agro-food-park:potential \
    lean-energy-cluster:potential agro-valley-denmark:latent \
    copenhagen-cleantech-cluster:latent stainless-steel-cluster:latent \
    ict-north-denmark:working medicon-valley:working oresund-it:working; do
    slug=${pair%%:*} stage=${pair#*:}
    check "gen list infers $stage for $slug" \
        'grep -E "^$slug .* - / $stage " "$T/list.txt" >/dev/null'
done
# Designers' Cooperation shows one stage-specific task only (matching of
# expectations; [004] lists networking events, seminars, funding and
# branding beside it, done at every stage): one activity never decides
check "one stage-specific activity infers no stage (Designers' Cooperation)" \
    'grep -E "^designers-cooperation .* - / - " "$T/list.txt" >/dev/null'
"$GEN" list --cases tests/fixtures/classify > "$T/list2.txt" 2>&1
check "City 1 strip (Table 4)" 'grep -E "^city-1 .* \.\.\.\.5\.7$" "$T/list2.txt" >/dev/null'
check "City 1 of Table 4 is too thin for a stage" 'grep -E "^city-1 .* - / - " "$T/list2.txt" >/dev/null'
check "City 2 strip (Table 4)" 'grep -E "^city-2 .* 1234567$" "$T/list2.txt" >/dev/null'
check "Triple Steelix is a partnership" 'grep -E "^triple-steelix .* partnership " "$T/list2.txt" >/dev/null'
check "a closed pole is a membership organisation" 'grep -E "^closed-pole .* membership " "$T/list2.txt" >/dev/null'

# ---- gen render ----
printf 'Hi {{name}}! {{> part}}{{<lay}}{{$b}}x{{/b}}{{/lay}}\n' > "$T/t.mustache"
printf '[{{name}}]' > "$T/part.mustache"
printf '<{{$b}}d{{/b}}>' > "$T/lay.mustache"
printf '{"name": "A & <B>"}' > "$T/d.json"
out=$("$GEN" render "$T/t.mustache" --data "$T/d.json")
check "render with JSON data, partials and a parent" \
    '[ "$out" = "Hi A &amp; &lt;B&gt;! [A &amp; &lt;B&gt;]<x>" ]'
printf 'line one\n{{#open}}\n' > "$T/broken.mustache"
out=$("$GEN" render "$T/broken.mustache" 2>&1); rc=$?
check "template error: file:line:col, exit 1" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "broken.mustache:2:1: error: section .open. is never closed"'
printf '{{> missing}}' > "$T/miss.mustache"
out=$("$GEN" render "$T/miss.mustache" 2>&1); rc=$?
check "missing partial renders empty and warns with its place" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "miss.mustache:1:1: warning: partial .missing. not found"'

# ---- gen new ----
"$GEN" new fresh-case --cases "$T/new" --title 'Fjord "Food" Cluster' >/dev/null; rc=$?
check "new writes the file" '[ $rc -eq 0 ] && [ -f "$T/new/fresh-case.md" ]'
echo "do not lose me" > "$T/new/keep.md"
"$GEN" new keep --cases "$T/new" >/dev/null 2>&1; rc=$?
check "new refuses to overwrite" '[ $rc -eq 1 ] && [ "$(cat "$T/new/keep.md")" = "do not lose me" ]'
rm "$T/new/keep.md"
"$GEN" new Bad_Slug --cases "$T/new" >/dev/null 2>&1; rc=$?
check "new refuses a bad slug" '[ $rc -eq 2 ] && [ ! -e "$T/new/Bad_Slug.md" ]'
out=$("$GEN" check "$T/new" 2>&1); rc=$?
check "a new case needs country and sector" '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "missing required key .country."'
sed -i 's/^country: /country: NO /; s/^sector: /sector: Food /' "$T/new/fresh-case.md"
out=$("$GEN" check "$T/new" 2>&1); rc=$?
check "a new case passes once country and sector are filled in" '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "0 errors, 0 warnings"'

# ---- gen serve: loopback only, bounded waits ----
if command -v curl >/dev/null 2>&1; then
    mkdir -p "$T/serve" && cp -r cases templates "$T/serve/"
    (cd "$T/serve" && exec "$GEN" serve --port 0 > serve.out 2> serve.err) &
    spid=$!
    port=""
    for i in 1 2 3 4 5 6 7 8 9 10; do
        port=$(grep -o '127.0.0.1:[0-9]*' "$T/serve/serve.out" 2>/dev/null | cut -d: -f2)
        [ -n "$port" ] && break
        sleep 0.5
    done
    U="http://127.0.0.1:$port"
    state() { curl -s --max-time 2 "$U/__gen/state"; }
    # wait_for TEXT: up to 5 s for the state to contain TEXT
    wait_for() { for i in 1 2 3 4 5 6 7 8 9 10; do state | grep -q "$1" && return 0; sleep 0.5; done; return 1; }
    code() { curl -s --max-time 2 -o /dev/null -w '%{http_code}' --path-as-is "$U$1"; }
    check "serve: listens on loopback" '[ -n "$port" ] && wait_for "\"ok\": true"'
    check "serve: pages carry the reload script" 'curl -s --max-time 2 "$U/" | grep -q "/__gen/reload.js"'
    check "serve: a case page" '[ "$(code /cases/medicon-valley/index.html)" = 200 ]'
    check "serve: no path outside the site" '[ "$(code /../../etc/passwd)" = 404 ] && [ "$(code /%2e%2e/%2e%2e/etc/passwd)" = 404 ]'
    ln -s /etc/passwd "$T/serve/site/leak.txt"
    check "serve: no symbolic link out of the site" '[ "$(code /leak.txt)" = 404 ]'
    sed -i 's/^title: Medicon Valley$/title: Medicon Valley Renamed/' "$T/serve/cases/medicon-valley.md"
    check "serve: rebuilds after a save" 'wait_for "\"version\": 2" && curl -s --max-time 2 "$U/cases/medicon-valley/index.html" | grep -q "<h1>Medicon Valley Renamed</h1>"'
    sed -i 's/^country: DK$/country: Denmark/' "$T/serve/cases/medicon-valley.md"
    check "serve: a broken case shows its diagnostics in the browser" \
        'wait_for "\"ok\": false" && [ "$(code /index.html)" = 500 ] && curl -s --max-time 2 "$U/index.html" | grep -q "medicon-valley.md:4:10: error"'
    sed -i 's/^country: Denmark$/country: DK/' "$T/serve/cases/medicon-valley.md"
    check "serve: back to the site once fixed" 'wait_for "\"ok\": true" && [ "$(code /index.html)" = 200 ]'
    kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null
fi

# ---- gen build ----
"$GEN" build --out "$T/site" -q; rc=$?
check "build the example cases" '[ $rc -eq 0 ] && [ -f "$T/site/index.html" ] && [ -f "$T/site/.gen-site" ]'
for p in index.html cases/medicon-valley/index.html stages/latent/index.html \
    models/hybrid/index.html gaps/capital/index.html sectors/ict/index.html \
    countries/dk/index.html compare/gaps/index.html compare/pick/index.html \
    about/index.html 404.html cases.json cases.csv feed.xml \
    cases/medicon-valley/cite.bib compare/pick/cases.js static/style.css static/app.js; do
    check "site has $p" '[ -s "$T/site/$p" ]'
done
CC="$T/site/cases/copenhagen-cleantech-cluster/index.html"
check "funding texts: grouped thousands, years, per year in EUR" \
    'grep -q "<td>EUR 19,172,500 over 5 years</td><td>EUR 3,834,500 per year</td>" "$CC"' ||
    grep -o "<td>[^<]*EUR[^<]*</td>" "$CC" | head -3
# 004: "financed mostly by a public grant": the grant is not the whole
check "funding figures: a share in words is shown as words, and no total or share is worked out" \
    'grep -q "<td>mostly</td>" "$CC" && ! grep -q "<strong>100%</strong>" "$CC" && ! grep -q "per year</strong> in all" "$CC"'
check "heat map: one empty-slot dot per empty gap of cases.json" \
    '[ "$(grep -o "aria-label=\"empty\"" "$T/site/compare/gaps/index.html" | wc -l)" = \
       "$(node -e "console.log(JSON.parse(require(\"fs\").readFileSync(process.argv[1])).cases.reduce((n,c)=>n+c.gaps.empty.length,0))" "$T/site/cases.json")" ]'
check "cases.json shape: {cases: [...]}, one case a line" \
    '[ "$(node -e "const d=JSON.parse(require(\"fs\").readFileSync(process.argv[1]));console.log(d.cases.length, d.cases.some(c=>c.stage.inferred===\"latent\"))" "$T/site/cases.json")" = \
       "$(ls cases/*.md | wc -l) true" ] &&
     [ "$(grep -c "^{\"slug\":" "$T/site/cases.json")" = "$(ls cases/*.md | wc -l)" ]'
"$GEN" build --out "$T/site2" -q --jobs 1
check "deterministic: two builds are byte-identical" 'diff -r "$T/site" "$T/site2" >/dev/null'
"$GEN" build --out "$T/site3" -q --jobs 3
check "--jobs 3 writes the same bytes as --jobs 1" 'diff -r "$T/site2" "$T/site3" >/dev/null'
"$GEN" build --out "$T/site4" --jobs 0 >/dev/null 2>&1; rc=$?
check "--jobs 0 is a usage error" '[ $rc -eq 2 ] && [ ! -e "$T/site4" ]'
touch -d '2001-01-01' "$T/site/index.html"
"$GEN" build --out "$T/site" -q
check "rebuild with no change rewrites nothing" \
    '[ "$(date -r "$T/site/index.html" +%Y)" = 2001 ]'

# ---- hostile input: every output format escapes author text ----
"$GEN" build --cases tests/fixtures/hostile --out "$T/hostile" -q \
    --base-url 'https://example.org/<x>&"/'; rc=$?
check "hostile case builds" '[ $rc -eq 0 ]'
H="$T/hostile"
live=$(grep -rhoE '<(script|img|svg|iframe|object|b)[ >][^>]*>' --include=*.html "$H" |
    grep -vE '^<script src="(\.\./)*(static/app|compare/pick/cases)\.js">$|^<svg (aria-labelledby|id)="chart-|^<svg class="(map-svg|sw)" |^<script type="application/ld\+json">$|^<script src="https://example\.org/&lt;x&gt;&amp;&quot;/static/app\.js">$' | head -3)
check "no live markup from author text in any page" '[ -z "$live" ]' || echo "$live"
# attribute values are always double-quoted, so stepping over "..." finds
# only real attribute names
check "no event-handler attributes from author text" \
    '! grep -rqiE "<[a-z]+( +[a-z:-]+(=\"[^\"]*\")?)* +on[a-z]+=" --include=*.html "$H"'
check "no javascript: or data: links" \
    '! grep -rqiE "(href|src)=\"(javascript|data):" --include=*.html "$H"'
check "raw HTML in the body is not passed through" \
    'grep -q "raw HTML omitted" "$H/cases/hostile/index.html"'
check "cases.json parses and keeps the title exactly" \
    'node -e "const c=JSON.parse(require(\"fs\").readFileSync(process.argv[1])).cases[0]; process.exit(c.title === \"<script>alert(\x27title\x27)</script> & \\\"quotes\\\"\" ? 0 : 1)" "$H/cases.json"'
check "the side-by-side data runs as a script, keeps the title, has no </script>" \
    'node -e "const s=require(\"fs\").readFileSync(process.argv[1],\"utf8\"); const w={}; new Function(\"window\", s)(w); process.exit(!/<\/script/i.test(s) && w.genPick[0].title.startsWith(\"<script>\") ? 0 : 1)" "$H/compare/pick/cases.js"'
check "CSV cells that a spreadsheet would run are neutralised" \
    'grep -q "\"'"'"'=cmd|'"'"' /C calc'"'"'!A0\",\"'"'"'+SUM(1,2)\"" "$H/cases.csv"'
if command -v xmllint >/dev/null 2>&1; then
    check "feed.xml is well-formed XML" 'xmllint --noout "$H/feed.xml"'
    check "sitemap.xml is well-formed XML" 'xmllint --noout "$H/sitemap.xml"'
    check "the example feed is well-formed" 'xmllint --noout "$T/site/feed.xml"'
fi
if command -v tidy >/dev/null 2>&1; then
    check "the hostile case page is valid HTML" \
        '! tidy -q -e "$H/cases/hostile/index.html" 2>&1 | grep -q "Error:"'
fi
"$GEN" build --out "$T/x" --base-url 'javascript:alert(1)' >/dev/null 2>&1; rc=$?
check "--base-url must be http(s)" '[ $rc -eq 2 ] && [ ! -e "$T/x" ]'

# an edit to one case's write-up rewrites its page and nothing else
mkdir -p "$T/edit" && cp cases/*.md "$T/edit/"
"$GEN" build --cases "$T/edit" --out "$T/editsite" -q
echo "One more sentence, zanzibarite." >> "$T/edit/medicon-valley.md"
touch -d '2001-01-01' "$T/editsite/index.html"
out=$("$GEN" build --cases "$T/edit" --out "$T/editsite" 2>&1)
# (and the search index, which holds the write-ups' words)
check "one changed write-up rewrites its page and the search index" \
    'printf "%s" "$out" | grep -q "(2 written, " && grep -q "One more sentence" "$T/editsite/cases/medicon-valley/index.html" && grep -q " zanzibarite" "$T/editsite/static/search.js" && [ "$(date -r "$T/editsite/index.html" +%Y)" = 2001 ]'

# bytes are compared, not sizes: a published page or export altered
# without changing its size is put right; unchanged exports keep their time
P="$T/editsite"
sed -i 's/Medicon Valley/Medicon Vallex/' "$P/cases/medicon-valley/index.html"
sed -i '1s/^{"cases"/{"casez"/' "$P/cases.json"
touch -d '2001-01-01' "$P/cases.csv" "$P/compare/pick/cases.js"
"$GEN" build --cases "$T/edit" --out "$P" -q
check "a same-size change to a published page or export is put right" \
    '! grep -q "Medicon Vallex" "$P/cases/medicon-valley/index.html" &&
     head -c 10 "$P/cases.json" | grep -q "{\"cases\""'
check "unchanged exports keep their times" \
    '[ "$(date -r "$P/cases.csv" +%Y)" = 2001 ] && [ "$(date -r "$P/compare/pick/cases.js" +%Y)" = 2001 ]'

# a broken case: nothing written, the old site kept
mkdir -p "$T/cases" && cp cases/*.md "$T/cases/"
printf -- '---\ntitle: x\ncountry: Denmark\nsector: x\n---\n' > "$T/cases/zz-bad.md"
before=$(cd "$T/site" && find . -type f | sort | xargs cat | cksum)
out=$("$GEN" build --cases "$T/cases" --out "$T/site" 2>&1); rc=$?
after=$(cd "$T/site" && find . -type f | sort | xargs cat | cksum)
check "a case error fails the build" '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "zz-bad.md:3:10: error"'
check "a failed build leaves the old site as it was" '[ "$before" = "$after" ]'
check "a failed build leaves no staging folder" '[ -z "$(ls -A "$T" | grep staging)" ]'

# an interrupted build (kill -9) leaves the published site as it was
cc -O2 -o "$T/mkcorpus" tests/bench/mkcorpus.c && "$T/mkcorpus" 4000 "$T/big"
"$GEN" build --cases "$T/big" --out "$T/site" -q --jobs 1 &
bpid=$!
# kill it once it is writing pages into its staging folder
for i in $(seq 1 200); do
    ls -A "$T" | grep -q '^\.site\.staging-' && break
    sleep 0.05
done
sleep 0.2; kill -9 $bpid 2>/dev/null; wait $bpid 2>/dev/null
staged=$(ls -A "$T" | grep -c '^\.site\.staging-')
after=$(cd "$T/site" && find . -type f | sort | xargs cat | cksum)
check "a build killed while writing leaves the old site exactly as it was" \
    '[ "$staged" -ge 1 ] && [ "$before" = "$after" ]'
for dir in "$T"/.site.staging-*; do [ -d "$dir" ] && touch -d '2001-01-01' "$dir"; done
"$GEN" build --out "$T/site" -q; rc=$?
check "the next build succeeds and clears the killed build's staging folder" \
    '[ $rc -eq 0 ] && [ -z "$(ls -A "$T" | grep staging)" ]'

# a broken template: file:line:col, nothing written
mkdir -p "$T/tpl" && cp -r templates/* "$T/tpl/"
printf '{{#x}}\n' >> "$T/tpl/404.mustache"
out=$("$GEN" build --templates "$T/tpl" --out "$T/site" 2>&1); rc=$?
check "a template error fails the build with its place" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -qE "404.mustache:[0-9]+:[0-9]+: error"'
after=$(cd "$T/site" && find . -type f | sort | xargs cat | cksum)
check "a template error leaves the old site" '[ "$before" = "$after" ]'

# a broken internal link fails the build, naming the template
cp -r templates/* "$T/tpl/"
sed -i "s#{{root}}stages/{{key}}/index.html#{{root}}nowhere/index.html#" "$T/tpl/about.mustache"
out=$("$GEN" build --templates "$T/tpl" --out "$T/site" 2>&1); rc=$?
check "a broken link fails the build naming the template" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "about.mustache: error: about/index.html: link"'

# refusing dangerous output folders
mkdir -p "$T/mine" && echo keep > "$T/mine/notes.txt"
"$GEN" build --out "$T/mine" >/dev/null 2>&1; rc=$?
check "refuses a non-empty folder gen did not make" '[ $rc -eq 1 ] && [ "$(cat "$T/mine/notes.txt")" = keep ]'
"$GEN" build --out cases >/dev/null 2>&1; rc=$?
check "refuses to write over cases/" '[ $rc -eq 1 ] && [ -f cases/medicon-valley.md ]'
"$GEN" build --out / >/dev/null 2>&1; rc=$?
check "refuses /" '[ $rc -eq 1 ]'

mkdir -p "$T/home"
HOME="$T/home" "$GEN" build --out "$T/home" >/dev/null 2>&1; rc=$?
check "refuses the home folder" '[ $rc -eq 1 ] && [ ! -e "$T/home/index.html" ]'

# a symbolic link in cases/ that leads outside it is not followed
mkdir -p "$T/linked" "$T/outside"
cp cases/medicon-valley.md "$T/linked/"
cp cases/oresund-it.md "$T/outside/secret.md"
ln -s "$T/outside/secret.md" "$T/linked/secret.md"
ln -s medicon-valley.md "$T/linked/alias.md"
out=$("$GEN" check "$T/linked" 2>&1); rc=$?
check "a link out of cases/ is not followed, and says so" \
    'printf "%s" "$out" | grep -q "secret.md: warning: symbolic link points outside" && printf "%s" "$out" | grep -q "^checked 2 cases"'

# drafts are checked but not published
cp -r tests/fixtures/classify "$T/drafts"
printf -- '---\ntitle: Draft\ncountry: DK\nsector: x\ndraft: true\n---\n' > "$T/drafts/draft-case.md"
"$GEN" build --cases "$T/drafts" --out "$T/d1" -q
check "drafts are not published" '[ ! -e "$T/d1/cases/draft-case" ]'
"$GEN" build --cases "$T/drafts" --out "$T/d2" --drafts -q
check "--drafts publishes them" '[ -f "$T/d2/cases/draft-case/index.html" ]'

# every page is valid HTML (tidy), when tidy is there
if command -v tidy >/dev/null 2>&1; then
    n=0
    for f in $(cd "$T/site" && find . -name '*.html' | sort); do
        if ! tidy -q -e --drop-empty-elements no "$T/site/$f" >"$T/tidy.txt" 2>&1; then
            if grep -q 'Error:' "$T/tidy.txt"; then n=$((n + 1)); echo "tidy: $f"; head -5 "$T/tidy.txt"; fi
        fi
    done
    check "every page passes tidy without errors" '[ $n -eq 0 ]'
fi

# ---- more tests, one file a topic: each is sourced here, shares GEN, T,
# check, ok and bad, and keeps its files under its own folder of $T ----
for f in tests/cli.d/*.sh; do
    [ -f "$f" ] && . "./$f"
done

echo "cli: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
