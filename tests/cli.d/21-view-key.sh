# 21-view-key.sh - a case view's key (sg_view_case_key) covers what the
# view shows of other cases: after the title of a case another one lists
# as related, or as its previous case, changes, a rebuild shows the new
# title on that other case's page and its site is byte-identical to a
# fresh build's. A body-only edit keeps every page that lists the case.
# Sourced by tests/cli.sh: uses $GEN, $T, check/ok/bad.
P21K=$T/21-view-key
mkdir -p "$P21K"
cp -r cases templates "$P21K/"
p21k_build() { (cd "$P21K" && "$GEN" build --out "$1" -q ${2:-} 2>/dev/null); }
p21k_same() {
    rm -rf "$P21K/fresh" "$P21K/.fresh".*
    p21k_build fresh && diff -r -x .gen-site "$P21K/site" "$P21K/fresh" >"$P21K/diff.out" 2>&1
}
# p21k_retitle SLUG: appends " Mark" to that case's title (before a
# closing quote); the title order stays the same
p21k_retitle() {
    f=$(grep -l "^slug: $1\$" "$P21K"/cases/*.md 2>/dev/null | head -1)
    [ -n "$f" ] || f=$P21K/cases/$1.md
    awk 'BEGIN { done = 0 }
         !done && /^title: / { if ($0 ~ /"$/) sub(/"$/, " Mark\""); else $0 = $0 " Mark"; done = 1 }
         { print }' "$f" > "$f.tmp" && mv "$f.tmp" "$f"
}
p21k_page=$P21K/site/cases/medicon-valley/index.html
if p21k_build site; then
    rel=$(sed -n '/id="related"/,/<\/ul>/p' "$p21k_page" | grep -o 'href="[^"]*"' | head -1 |
          sed 's|.*cases/\([^/]*\)/index.html"|\1|')
    prev=$(grep -o '<a rel="prev" href="[^"]*"' "$p21k_page" | sed 's|.*cases/\([^/]*\)/index.html"|\1|')
    check "view key: the case has a related case and a previous one to change" \
        '[ -n "$rel" ] && [ -n "$prev" ] && [ "$rel" != "$prev" ]'
    p21k_retitle "$rel"
    p21k_build site -v > "$P21K/rel.out" 2>&1
    check "view key: a related case's new title shows on the page that lists it" \
        'sed -n "/id=\"related\"/,/<\/ul>/p" "$p21k_page" | grep -q " Mark<"'
    check "view key: ... and the site equals a fresh build" 'p21k_same'
    p21k_retitle "$prev"
    p21k_build site
    check "view key: the previous case's new title shows in the next one's page" \
        'grep -q "<a rel=\"prev\" [^>]*>← [^<]* Mark<" "$p21k_page"'
    check "view key: ... and the site equals a fresh build" 'p21k_same'
    # the write-up is not in the view: only the case's own page changes
    printf '\nOne more line of the write-up.\n' >> "$P21K/cases/medicon-valley.md"
    before=$(stat -c %i:%Y "$P21K/site/index.html" "$P21K/site/sectors/life-science/index.html" "$P21K/site/compare/index.html" 2>/dev/null)
    p21k_build site
    after=$(stat -c %i:%Y "$P21K/site/index.html" "$P21K/site/sectors/life-science/index.html" "$P21K/site/compare/index.html" 2>/dev/null)
    check "view key: a write-up edit keeps the pages that list the case" \
        '[ -n "$before" ] && [ "$before" = "$after" ] && grep -q "One more line" "$p21k_page"'
    check "view key: ... and the site equals a fresh build" 'p21k_same'
else
    bad "view key: the first build failed"
fi
