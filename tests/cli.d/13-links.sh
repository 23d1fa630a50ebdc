# 13-links.sh - listing folders in ASCII, the link check after URL
# decoding, links and images in write-ups, special files and symbolic
# links in cases/, empty folders, and the bound on one page's output.
# Sourced by tests/cli.sh (GEN, T, check, ok, bad); files under $T/links.
L="$T/links"
mkdir -p "$L"
# a case with its sector and slug replaced: mkcase FILE SECTOR [EXTRA]
mkcase() {
    printf -- '---\ntitle: %s\ncountry: FR\nsector: %s\n%s---\nA cluster.\n' \
        "$(basename "$1" .md)" "$2" "${3:-}" > "$1"
}

# ---- listing folders: ASCII, the same after URL decoding ----
mkdir -p "$L/uni"
mkcase "$L/uni/a-energie.md" 'Énergie'
mkcase "$L/uni/b-energie.md" 'Energie'
mkcase "$L/uni/c-strasse.md" 'Straße & Ærø'
mkcase "$L/uni/d-life.md" 'Life science'
out=$("$GEN" build --cases "$L/uni" --out "$L/uni-site" 2>&1); rc=$?
check "non-ASCII sectors: the build succeeds" '[ $rc -eq 0 ]' || printf '%s\n' "$out"
S="$L/uni-site"
check "non-ASCII sectors: every folder and file name is ASCII" \
    '[ -z "$(cd "$S" && find . | LC_ALL=C grep "[^ -~]\|%")" ]'
check "Énergie is transliterated: sectors/energie-2/ (Energie keeps energie/)" \
    'grep -q "<h1>Énergie" "$S/sectors/energie-2/index.html" 2>/dev/null &&
     grep -q "<h1>Energie" "$S/sectors/energie/index.html"'
check "ß and Æ, ø: sectors/strasse-aero/" \
    'grep -q "<h1>Straße &amp; Ærø" "$S/sectors/strasse-aero/index.html" 2>/dev/null'
check "ASCII sector folders keep their names" '[ -f "$S/sectors/life-science/index.html" ]'
# what a browser does with the case page's link to its sector
href=$(grep -o 'href="[^"]*sectors/[^"/]*/index.html"' "$S/cases/a-energie/index.html" | head -1 |
       sed 's/^href="//; s/"$//')
file=$(node -e 'console.log(decodeURIComponent(process.argv[1]))' "$href")
check "a case's sector link, URL-decoded, names the folder written" \
    '[ -n "$href" ] && [ -n "$file" ] && [ -f "$S/cases/a-energie/$file" ]'
"$GEN" build --cases "$L/uni" --out "$L/uni-site2" -q --jobs 3
check "transliterated folders are deterministic" 'diff -r "$S" "$L/uni-site2" >/dev/null'

# the link check compares paths as a browser asks for them: decoded
mkdir -p "$L/tpl"
cp -r templates/* "$L/tpl/"
printf 'x' > "$L/tpl/static/a%20b.css"
sed -i 's#{{root}}stages/{{key}}/index.html#{{root}}static/a%20b.css#' "$L/tpl/about.mustache"
out=$("$GEN" build --cases "$L/uni" --templates "$L/tpl" --out "$L/dec" 2>&1); rc=$?
check "link check: '%20' in a link is a space, not the file named 'a%20b.css'" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "points to static/a b.css, which the build does not write"'
rm "$L/tpl/static/a%20b.css"
cp templates/about.mustache "$L/tpl/"
sed -i 's#{{root}}stages/{{key}}/index.html#{{root}}%73ectors/%69ndex.html#' "$L/tpl/about.mustache"
out=$("$GEN" build --cases "$L/uni" --templates "$L/tpl" --out "$L/dec" 2>&1); rc=$?
check "link check: a percent-encoded link to a page that exists is fine" '[ $rc -eq 0 ]' ||
    printf '%s\n' "$out"

# ---- links and images in write-ups ----
mkdir -p "$L/wu"
cp cases/medicon-valley.md cases/oresund-it.md "$L/wu/"
W="$L/wu/medicon-valley.md"
n=$(wc -l < "$W")
{
    echo
    echo 'Like [Øresund IT](../oresund-it/) and [its gaps](../oresund-it/#gaps), see [the web](https://example.org/x) or [mail](mailto:a@example.org).'
    echo
    echo 'A dead one: [Nowhere](../nowhere/), then ![a figure](map.png).'
    echo
    echo 'A typo: é [Oresund](../oresund-itt/).'
} >> "$W"
dead=$((n + 4)) typo=$((n + 6))
out=$("$GEN" check "$L/wu" 2>&1); rc=$?
check "check: a dead link in a write-up is an error at its line and column" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "^$W:$dead:13: error: link .\.\./nowhere/. leads to a case .nowhere., which is not among the cases checked"'
check "check: a missing figure is an error at its place, with a hint" \
    'printf "%s" "$out" | grep -q "^$W:$dead:42: error: image .map.png.: file $L/wu/map.png not found" &&
     printf "%s" "$out" | grep -q "hint: add the file there"'
check "check: columns count characters; a near slug is suggested" \
    'printf "%s" "$out" | grep -q "^$W:$typo:11: error: link .\.\./oresund-itt/." &&
     printf "%s" "$out" | grep -q "hint: did you mean \.\./oresund-it/ ?"'
check "check: links to cases, anchors and the web are fine" \
    '[ "$(printf "%s" "$out" | grep -c ": error: ")" -eq 3 ]'
out=$("$GEN" build --cases "$L/wu" --out "$L/wu-site" 2>&1); rc=$?
check "build: the write-up's dead link is reported at the case, not the template" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "^$W:$dead:13: error: link .\.\./nowhere/." &&
     ! printf "%s" "$out" | grep -q "case.mustache"'
# fixed: the same links build, and the case link works in the site
sed -i -e "${dead}d" -e "${typo}d" "$W"
out=$("$GEN" check "$L/wu" 2>&1); rc=$?
check "check: the documented link form ../slug/ passes" '[ $rc -eq 0 ]' || printf '%s\n' "$out"
"$GEN" build --cases "$L/wu" --out "$L/wu-site" -q; rc=$?
check "build: a write-up's link to another case works" \
    '[ $rc -eq 0 ] && grep -q "<a href=\"../oresund-it/\">Øresund IT</a>" "$L/wu-site/cases/medicon-valley/index.html"'
# one file checked alone: a case file next to it is not a dead link
out=$("$GEN" check "$W" 2>&1); rc=$?
check "check of one file: a link to the case file next to it is not an error" '[ $rc -eq 0 ]' ||
    printf '%s\n' "$out"
# other relative links, and a draft
printf '\n[About](../../about/) [root](/about/) [bare](../oresund-it)\n' >> "$W"
sed -i 's/^title: .*/&\ndraft: true/' "$L/wu/oresund-it.md"
out=$("$GEN" check "$L/wu" 2>&1); rc=$?
check "check: other relative links are errors" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "link .\.\./\.\./about/. points to about/index.html, which is not the page of a case" &&
     printf "%s" "$out" | grep -q "link ./about/. starts with ./." &&
     printf "%s" "$out" | grep -q "hint: end it with ./.: \.\./oresund-it/"'
check "check: a link to a draft is a warning" \
    'printf "%s" "$out" | grep -q "warning: link .\.\./oresund-it/. leads to a draft"'

# ---- special files are refused, not waited on ----
mkfifo "$L/fifo.md" 2>/dev/null
if [ -p "$L/fifo.md" ]; then
    out=$(timeout 10 "$GEN" check "$L/fifo.md" 2>&1); rc=$?
    check "check on a FIFO: an error at once, not a hang" \
        '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "fifo.md: error: cannot read a named pipe (FIFO): only regular files are read"'
    out=$(timeout 10 "$GEN" check --vocabulary "$L/fifo.md" "$L/wu" 2>&1); rc=$?
    check "--vocabulary FIFO: an error at once" '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "named pipe"'
    out=$(timeout 10 "$GEN" render "$L/fifo.md" 2>&1); rc=$?
    check "render of a FIFO template: an error at once" '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "named pipe"'
    out=$(timeout 10 "$GEN" render templates/404.mustache --data "$L/fifo.md" 2>&1); rc=$?
    check "render --data FIFO: an error at once" '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "named pipe"'
    rm -f "$L/fifo.md"
fi

# ---- empty folders (qsort of nothing; run under gen/gen-asan too) ----
mkdir -p "$L/empty" "$L/dir.md"
out=$("$GEN" check "$L/empty" 2>&1); rc=$?
check "check of an empty folder" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "^checked 0 cases" && ! printf "%s" "$out" | grep -q "runtime error"'
out=$("$GEN" check "$L/dir.md" 2>&1); rc=$?
check "check of a folder named x.md" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "^checked 0 cases" && ! printf "%s" "$out" | grep -q "runtime error"'
out=$("$GEN" build --cases "$L/empty" --out "$L/empty-site" -q 2>&1); rc=$?
check "build of an empty folder" '[ $rc -eq 0 ] && ! printf "%s" "$out" | grep -q "runtime error"'

# ---- symbolic links in cases/ that lead nowhere or back ----
mkdir -p "$L/sym"
cp cases/medicon-valley.md "$L/sym/"
ln -s nowhere.md "$L/sym/dangling.md"
ln -s self.md "$L/sym/self.md"
ln -s . "$L/sym/again"
out=$(timeout 20 "$GEN" check "$L/sym" 2>&1); rc=$?
check "a dangling link is called dangling" \
    'printf "%s" "$out" | grep -q "dangling.md: warning: symbolic link to .nowhere.md. is dangling"'
check "a link to itself is called a loop" \
    'printf "%s" "$out" | grep -q "self.md: warning: symbolic link to .self.md. loops"'
check "a link to a folder it is in is not followed" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "again: warning: symbolic link leads back to" &&
     printf "%s" "$out" | grep -q "^checked 1 case:"'
check "none of them is said to point outside" '! printf "%s" "$out" | grep -q "points outside"'

# ---- one page's output is bounded ----
printf '{"l": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}' > "$L/l.json"
printf '{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}<p>{{.}}</p>\n{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}' \
    > "$L/blow.mustache"
case $GEN in
*asan*|*tsan*) lim=: ;;               # sanitizers reserve huge address space
*) lim='ulimit -v 1000000' ;;         # 1 GB
esac
(eval "$lim"; exec timeout 60 "$GEN" render "$L/blow.mustache" --data "$L/l.json" \
    --max-output 1000000 > "$L/blow.out" 2> "$L/blow.err"); rc=$?
check "nested sections over a list: an error naming the template and the limit" \
    '[ $rc -eq 1 ] && grep -q "blow.mustache:1:[0-9]*: error: output larger than the limit of 1000000 bytes" "$L/blow.err"'
check "a failed render writes nothing" '[ -f "$L/blow.out" ] && [ ! -s "$L/blow.out" ]'
# sections that write nothing still count their steps
printf '{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}' \
    > "$L/quiet.mustache"
out=$(timeout 60 "$GEN" render "$L/quiet.mustache" --data "$L/l.json" --max-output 1000 2>&1); rc=$?
check "nested sections that write nothing: stopped by the step limit" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "quiet.mustache:1:[0-9]*: error: more than the limit of 1048576 steps"'
out=$("$GEN" render "$L/blow.mustache" --data "$L/l.json" --max-output 0 2>&1); rc=$?
check "--max-output 0 is a usage error" '[ $rc -eq 2 ]'
printf 'ok {{#l}}{{.}}{{/l}}' > "$L/small.mustache"
out=$("$GEN" render "$L/small.mustache" --data "$L/l.json" --max-output 100)
check "a render within the limit is written" '[ "$out" = "ok 1234567891011121314151617181920" ]'
# a render that fails for another reason writes nothing either
printf 'before {{> self}}' > "$L/self.mustache"
out=$("$GEN" render "$L/self.mustache" 2>/dev/null); rc=$?
check "a partial that includes itself: exit 1 and nothing written" '[ $rc -eq 1 ] && [ -z "$out" ]'

# empty tables in a vocabulary override: nothing to sort is not a sort of
# nothing (UBSan, under make sanitize)
mkdir -p "$L/emptyvoc"
for v in 'sectors: []' 'regions: []' 'regions: [{}]' 'sectors: [{name: ""}]'; do
    printf '%s\n' "$v" > "$L/emptyvoc/v.yaml"
    out=$("$GEN" check --vocabulary "$L/emptyvoc/v.yaml" cases 2>&1)
    check "an override '$v' is checked without undefined behaviour" \
        '! printf "%s" "$out" | grep -q "runtime error"'
done
