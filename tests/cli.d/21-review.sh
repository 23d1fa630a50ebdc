# 21-review.sh - regressions found reviewing the #21 performance work:
# a rebuild must equal a fresh build when a case that another case's
# write-up links (other.md) changes its slug, and a damaged manifest
# (a NUL inside a line) must make a build render everything, not crash.
# Sourced by tests/cli.sh: uses $GEN, $T, check/ok/bad.

R21=$T/21-review
mkdir -p "$R21"
cp -r cases "$R21/cases" && cp -r templates "$R21/tpl"
r21_build() {    # r21_build OUT
    "$GEN" build --cases "$R21/cases" --templates "$R21/tpl" --out "$1" -q \
        2>>"$R21/err.log"
}
printf '\nSee also [the other](berlin-ict.md) for contrast.\n' >> "$R21/cases/ac-styria.md"
sleep 2.1        # older than the manifest's two seconds: trusted
r21_build "$R21/inc"
sed -i '0,/^title:/s//slug: berlin-ict-moved\ntitle:/' "$R21/cases/berlin-ict.md"
sleep 2.1
r21_build "$R21/inc"; r21_rc=$?
rm -rf "$R21/fresh"
r21_build "$R21/fresh"
check "21-review: a linked case's new slug reaches the kept page that links its file" \
    '[ $r21_rc -eq 0 ] && grep -q "href=\"../berlin-ict-moved/\"" "$R21/inc/cases/ac-styria/index.html" &&
     diff -r -x .gen-site "$R21/inc" "$R21/fresh" >/dev/null'

# a manifest with a NUL inside a line (as a crash can leave a file)
printf 'gen-manifest 2\nin 12\0003 4 5 cases/x.md\nend\n' > "$R21/.inc.gen-manifest"
r21_build "$R21/inc"; r21_rc=$?
check "21-review: a manifest damaged by a NUL is ignored, not a crash" \
    '[ $r21_rc -eq 0 ] && diff -r -x .gen-site "$R21/inc" "$R21/fresh" >/dev/null'

# a write-up that links a place in another case's page: that page loses
# the place while the linking case is unchanged. A fresh build fails on
# the broken fragment; so must the rebuild (its page was kept unchecked).
R21F=$R21/frag
mkdir -p "$R21F"
cp -r cases "$R21F/cases"
printf '\nSee [where it is](../berlin-ict/#locator-t) and [its map](berlin-optics-photonics.md#locator-t).\n' \
    >> "$R21F/cases/ac-styria.md"
r21f_build() {   # r21f_build OUT
    "$GEN" build --cases "$R21F/cases" --templates "$R21/tpl" --out "$1" -q \
        2>"$R21F/$(basename "$1").err"
}
sleep 2.1
r21f_build "$R21F/inc"; r21_rc=$?
check "21-review: a write-up's links into other cases' pages build" '[ $r21_rc -eq 0 ]'
for r21_case in berlin-ict berlin-optics-photonics; do
    cp "$R21F/cases/$r21_case.md" "$R21F/$r21_case.md.was"
    sed -i '/^location:/d' "$R21F/cases/$r21_case.md"
    sleep 2.1
    r21f_build "$R21F/inc"; r21_rc=$?
    check "21-review: a rebuild fails, as a fresh build does, once $r21_case loses the linked place" \
        '[ $r21_rc -ne 0 ] && grep -q "anchor cases/$r21_case/index.html#locator-t does not exist" "$R21F/inc.err"'
    cp "$R21F/$r21_case.md.was" "$R21F/cases/$r21_case.md"
done
