# 21-pieces.sh - a page that lists many cases is written in pieces of
# 1 MiB as it is rendered, and its links are checked piece by piece
# (site.c, S_render_listing): at 2,500 cases the home page is several
# pieces. Its bytes are the same for any --jobs and after a rebuild, its
# rows are all there once, and a fragment is checked wherever its piece
# ends. Sourced by tests/cli.sh: uses $GEN, $T, check/ok/bad.
P21P=$T/21-pieces
mkdir -p "$P21P"
if cc -O2 -std=c11 -o "$P21P/mkcorpus" tests/bench/mkcorpus.c 2>/dev/null &&
   "$P21P/mkcorpus" 2500 "$P21P/cases" >/dev/null; then
    cp -r templates "$P21P/templates"
    p21p_build() {   # OUT [options]
        o=$1; shift
        "$GEN" build --cases "$P21P/cases" --templates "$P21P/templates" \
            --out "$P21P/$o" -q "$@" 2>"$P21P/$o.err"
    }
    p21p_build one -j1; rc1=$?
    p21p_build two -j2; rc2=$?
    size=$(wc -c < "$P21P/two/index.html" 2>/dev/null || echo 0)
    check "21-pieces: the home page of 2,500 cases is more than two pieces ($size bytes)" \
        '[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ "$size" -gt 2200000 ]'
    check "21-pieces: the same bytes with one thread and with two" \
        'diff -r "$P21P/one" "$P21P/two" >/dev/null'
    rows=$(grep -o 'data-slug="[^"]*"' "$P21P/two/index.html" | sort -u | wc -l)
    all=$(grep -c 'data-slug="' "$P21P/two/index.html")
    check "21-pieces: every case is a row of the home page, once ($rows distinct of $all)" \
        '[ "$rows" -eq 2500 ] && [ "$all" -eq 2500 ] && tail -c 200 "$P21P/two/index.html" | grep -q "</html>"'
    # an edit: the home page is written again over the old one, in pieces
    f=$(ls "$P21P/cases" | sed -n 700p)
    sed 's/^title: \(.*\)$/title: \1 Again/' "$P21P/cases/$f" > "$P21P/t.md" &&
        mv "$P21P/t.md" "$P21P/cases/$f"
    sleep 2.1     # older than the two seconds the manifest does not trust
    p21p_build two -j2
    rm -rf "$P21P/one" "$P21P"/.one.gen-*
    p21p_build one -j2
    check "21-pieces: after an edit the home page is what a fresh build writes" \
        'grep -q " Again<" "$P21P/two/index.html" && diff -r "$P21P/one" "$P21P/two" >/dev/null'
    # a home page whose every line can be checked: a row that links to
    # its own id, and 1,000 bytes of filler, so a byte lost or written
    # twice where pieces meet shows, and a fragment is found wherever
    # the pieces are cut
    pad=$(printf '%01000d' 0)
    # (the first line and the last are the id other pages link to)
    printf '<main id="main">\n{{#cases}}<p id="r-{{slug}}"><a href="#r-{{slug}}">{{slug}}</a> %s</p>\n{{/cases}}</main>\n' \
        "$pad" > "$P21P/templates/index.mustache"
    p21p_build rows -j2; rc=$?
    sed '1d;$d' "$P21P/rows/index.html" > "$P21P/rows.txt"
    odd=$(grep -Evxc "<p id=\"r-([a-z0-9-]+)\"><a href=\"#r-\\1\">\\1</a> $pad</p>" "$P21P/rows.txt")
    rows=$(cut -d'"' -f2 "$P21P/rows.txt" | sort -u | wc -l)
    size=$(wc -c < "$P21P/rows/index.html" 2>/dev/null || echo 0)
    check "21-pieces: a home page of $size bytes in pieces has every row whole, once ($odd odd lines, $rows rows)" \
        '[ $rc -eq 0 ] && [ "$size" -gt 2200000 ] && [ "$odd" -eq 0 ] && [ "$rows" -eq 2500 ] &&
         [ "$(wc -l < "$P21P/rows.txt")" -eq 2500 ]'
    first=$(head -1 "$P21P/rows.txt" | cut -d'"' -f2 | cut -c3-)
    last=$(tail -1 "$P21P/rows.txt" | cut -d'"' -f2 | cut -c3-)
    sed 's/href="#r-/href="#s-/' "$P21P/templates/index.mustache" > "$P21P/t.m" &&
        mv "$P21P/t.m" "$P21P/templates/index.mustache"
    p21p_build bad -j2; rc=$?
    check "21-pieces: a missing id is reported for every row, the first and the last too ($first, $last)" \
        '[ $rc -ne 0 ] && grep -q "index.html: anchor index.html#s-$first does not exist" "$P21P/bad.err" &&
         grep -q "index.html: anchor index.html#s-$last does not exist" "$P21P/bad.err" &&
         [ "$(grep -c "index.html: anchor index.html#s-" "$P21P/bad.err")" -eq 2500 ] &&
         [ ! -e "$P21P/bad/index.html" ]'
else
    bad "21-pieces: the corpus could not be made"
fi
