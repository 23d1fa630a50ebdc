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
printf 'gen-manifest 1\nin 12\0003 4 5 cases/x.md\nend\n' > "$R21/.inc.gen-manifest"
r21_build "$R21/inc"; r21_rc=$?
check "21-review: a manifest damaged by a NUL is ignored, not a crash" \
    '[ $r21_rc -eq 0 ] && diff -r -x .gen-site "$R21/inc" "$R21/fresh" >/dev/null'
