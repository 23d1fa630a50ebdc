# 20-markdown.sh - write-ups through cmark-gfm (tables, footnotes,
# strikethrough, autolinks), what is dropped and warned, and figures and
# files copied into the site.
M="$T/20-markdown"
mkdir -p "$M"
FX=tests/fixtures/markdown
F="$FX/writeup-features.md"
# the line of the first occurrence of a string in a file
line_of() { grep -n -F -- "$2" "$1" | head -1 | cut -d: -f1; }

# ---- the fixture: warnings at their place, a site with all of it ----
out=$("$GEN" check "$FX" 2>&1); rc=$?
check "20-markdown: the fixture checks with warnings only" '[ $rc -eq 0 ]' ||
    printf '%s\n' "$out"
l=$(line_of "$F" "A <span>")
check "20-markdown: inline raw HTML is warned at its line:col" \
    'printf "%s" "$out" | grep -q "^$F:$l:3: warning: raw HTML .<span>. is left out of the page" &&
     printf "%s" "$out" | grep -q "hint: write it in Markdown; raw HTML is not passed through"'
check "20-markdown: javascript: link warned at its line:col" \
    'printf "%s" "$out" | grep -q "^$F:$l:33: warning: link .javascript:alert(1). is removed from the page"'
l=$(line_of "$F" '<div class="box">')
check "20-markdown: a raw HTML block is warned at its line" \
    'printf "%s" "$out" | grep -q "^$F:$l:1: warning: raw HTML .<div class=\"box\">"'
check "20-markdown: a closing tag is not warned twice" \
    '! printf "%s" "$out" | grep -q "</span>"'

S="$M/site"
"$GEN" build --cases "$FX" --out "$S" -q 2>"$M/err"; rc=$?
check "20-markdown: the fixture builds" '[ $rc -eq 0 ]' || cat "$M/err"
P="$S/cases/writeup-features/index.html"
check "20-markdown: a table renders as <table> with its header and aligned cells" \
    'grep -q "<table>" "$P" && grep -q "<th style=\"text-align: right\">Members</th>" "$P" &&
     grep -q "<td style=\"text-align: right\">180</td>" "$P" && ! grep -q "|----" "$P"'
check "20-markdown: a footnote renders with its reference and back-reference" \
    'grep -q "<a href=\"#fn-made-up\" id=\"fnref-made-up\"" "$P" &&
     grep -q "<li id=\"fn-made-up\">" "$P" && grep -q "href=\"#fnref-made-up\" class=\"footnote-backref\"" "$P"'
check "20-markdown: strikethrough and autolink" \
    'grep -q "<del>real</del>" "$P" && grep -q "<a href=\"http://www.example.org\">www.example.org</a>" "$P"'
check "20-markdown: raw HTML and the javascript: link are left out" \
    '! grep -q "<span>raw\|<div class=\"box\">\|javascript:\|href=\"\"" "$P" &&
     grep -q "a script link are" "$P"'
src=$(grep -o '<img src="[^"]*" alt="Bar chart[^"]*"' "$P" | sed 's/<img src="\([^"]*\)".*/\1/')
check "20-markdown: the figure is copied and its src works from the page" \
    '[ "$src" = "../../files/figures/members.png" ] &&
     cmp -s "$S/cases/writeup-features/$src" "$FX/figures/members.png"'
check "20-markdown: a linked file is copied and linked" \
    'grep -q "<a href=\"../../files/data/members.csv\">a CSV file</a>" "$P" &&
     cmp -s "$S/files/data/members.csv" "$FX/data/members.csv"'
check "20-markdown: a link to another case file leads to its page" \
    'grep -q "<a href=\"../partner-case/\">the other made-up case</a>" "$P" &&
     grep -q "<a href=\"../writeup-features/\">the first made-up case</a>" "$S/cases/partner-case/index.html"'
if command -v tidy >/dev/null 2>&1; then
    check "20-markdown: the page with a table and footnotes passes tidy" \
        '! tidy -q -e --drop-empty-elements no "$P" 2>&1 | grep -q "Error:"'
fi
"$GEN" build --cases "$FX" --out "$M/site2" -q 2>/dev/null
check "20-markdown: the build is deterministic" 'diff -r "$S" "$M/site2" >/dev/null'

# ---- problems, each at its place ----
mk_case() {   # mk_case DIR NAME BODY-LINE
    mkdir -p "$1"
    printf -- '---\ntitle: %s\nsummary: A made-up case.\ncountry: DK\nsector: Food and agriculture\nsources:\n  - title: "Test"\ndate: 2026-11-23\n---\nIntro.\n\n%s\n' "$2" "$3" > "$1/$2.md"
}
# body line 3 is file line 12
B="$M/bad/cases"
mk_case "$B" missing 'See ![A map](figures/map.png) here.'
mk_case "$B" noalt 'Then ![](figures/ok.png).'
mk_case "$B" big 'Big: ![Big one](big.png)'
mk_case "$B" escape 'Out: ![Secret](../../secret.png)'
mk_case "$B" linkout 'Out: [secret](sub/link.txt)'
mk_case "$B" other 'See [x](nowhere.md) and [y](../../outside.md).'
mkdir -p "$B/figures" "$B/sub"
printf 'png' > "$B/figures/ok.png"
printf 'secret' > "$M/bad/secret.png"
printf 'secret' > "$M/secret.txt"
ln -s "$M/secret.txt" "$B/sub/link.txt"
head -c 11534336 /dev/zero > "$B/big.png"
out=$("$GEN" check "$B" 2>&1); rc=$?
check "20-markdown: check fails on the bad write-ups" '[ $rc -eq 1 ]'
check "20-markdown: a missing figure is an error at file:line:col naming it" \
    'printf "%s" "$out" | grep -q "^$B/missing.md:12:5: error: image .figures/map.png.: file $B/figures/map.png not found"'
check "20-markdown: an image without alt text is a warning" \
    'printf "%s" "$out" | grep -q "^$B/noalt.md:12:6: warning: image .figures/ok.png. has no alt text"'
check "20-markdown: an oversize file is an error with its size" \
    'printf "%s" "$out" | grep -q "^$B/big.md:12:6: error: image .big.png.: $B/big.png is 11.0 MB; a figure or file may be at most 10 MB"'
check "20-markdown: '..' out of the cases folder is an error" \
    'printf "%s" "$out" | grep -q "^$B/escape.md:12:6: error: image .\.\./\.\./secret.png. leads out of the cases folder"'
check "20-markdown: a symbolic link out of the cases folder is an error" \
    'printf "%s" "$out" | grep -q "^$B/linkout.md:12:6: error: link .sub/link.txt.: .* is a symbolic link that leads out"'
check "20-markdown: a link to a missing case file is an error" \
    'printf "%s" "$out" | grep -q "^$B/other.md:12:5: error: link .nowhere.md.: case file $B/nowhere.md not found" &&
     printf "%s" "$out" | grep -q "^$B/other.md:12:25: error: link .\.\./\.\./outside.md. leads out"'
out=$("$GEN" build --cases "$B" --out "$M/bad/site" 2>&1); rc=$?
check "20-markdown: the build fails at the case, not the template; nothing written" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "^$B/missing.md:12:5: error:" &&
     ! printf "%s" "$out" | grep -q "mustache" && [ ! -e "$M/bad/site" ] &&
     [ "$(find "$M" -newer "$B/big.png" -type f | grep -v "/bad/cases/" | wc -l)" -eq 0 ]'

# ---- a figure next to the case file ----
G="$M/grow/cases"
mk_case "$G" grow 'See ![A chart](chart.png).'
printf 'png' > "$G/chart.png"
"$GEN" build --cases "$G" --out "$M/grow/site" -q; rc=$?
check "20-markdown: a figure in the same folder is copied" \
    '[ $rc -eq 0 ] && [ -f "$M/grow/site/files/chart.png" ] &&
     grep -q "src=\"../../files/chart.png\"" "$M/grow/site/cases/grow/index.html"'

# many write-ups parsed at once: each keeps its strikethrough and
# autolinks (cmark-gfm's inline tables are global; see markdown.c)
mkdir -p "$T/20par/cases"
i=0
while [ $i -lt 100 ]; do
    { printf -- '---\ntitle: Parallel %s\ncountry: SE\nsector: ICT\n---\n' $i
      j=0
      while [ $j -lt 150 ]; do
          printf 'Line %s with ~~struck~~ text and www.example.org here.\n\n' $j
          j=$((j + 1))
      done; } > "$T/20par/cases/par-$i.md"
    i=$((i + 1))
done
"$GEN" build --cases "$T/20par/cases" --out "$T/20par/s" --jobs 4 -q 2>/dev/null
n_short=$(grep -c "<del>struck</del>" "$T"/20par/s/cases/par-*/index.html 2>/dev/null | grep -vc ':150$')
n_pages=$(ls "$T"/20par/s/cases/par-*/index.html 2>/dev/null | wc -l)
check "20-markdown: 100 write-ups parsed at once keep every strikethrough ($n_short of $n_pages short)" \
    '[ "$n_pages" -eq 100 ] && [ "$n_short" -eq 0 ]'
