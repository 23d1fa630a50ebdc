# 21-review.sh - regressions found reviewing the #21 performance work:
# a damaged manifest (a NUL inside a line) must make a build render
# everything, not crash.
# Sourced by tests/cli.sh: uses $GEN, $T, check/ok/bad.

R21=$T/21-review
mkdir -p "$R21"
cp -r cases "$R21/cases" && cp -r templates "$R21/tpl"
r21_build() {    # r21_build OUT
    "$GEN" build --cases "$R21/cases" --templates "$R21/tpl" --out "$1" -q \
        2>>"$R21/err.log"
}
r21_build "$R21/fresh"
r21_build "$R21/inc"

# a manifest with a NUL inside a line (as a crash can leave a file)
printf 'gen-manifest 1\nin 12\0003 4 5 cases/x.md\nend\n' > "$R21/.inc.gen-manifest"
r21_build "$R21/inc"; r21_rc=$?
check "21-review: a manifest damaged by a NUL is ignored, not a crash" \
    '[ $r21_rc -eq 0 ] && diff -r -x .gen-site "$R21/inc" "$R21/fresh" >/dev/null'
