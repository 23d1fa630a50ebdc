#!/bin/sh
# run.sh - every test suite, one closing "N passed, N failed" line.
# Called by `make test` with GEN (the binary) and BUILD (the build folder).
set -u
GEN=${GEN:-./gen/gen}
BUILD=${BUILD:-build/release}
SPEC=${SPEC:-../shared/mustache-spec}
export TZ=UTC LC_ALL=C
total_pass=0 total_fail=0 status=0
run() {
    name=$1; shift
    out=$("$@" 2>&1); rc=$?
    printf '%s\n' "$out" | grep -v '^[0-9]* passed, [0-9]* failed$'
    line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)
    if [ -z "$line" ]; then
        echo "$name: did not finish (exit $rc)"; total_fail=$((total_fail + 1)); status=1; return
    fi
    p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
    total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
    [ "$rc" -eq 0 ] || status=1
}
run unit "$BUILD/unit"
run map "$BUILD/map_test"
run spec "$BUILD/spec" "$SPEC"
run spec-gen "$BUILD/spec" --gen "$GEN" "$SPEC"
run cli env GEN="$GEN" sh tests/cli.sh
run browser env GEN="$GEN" sh tests/browser/run.sh
"$GEN" schema > "${TMPDIR:-/tmp}/gen-schema.$$.json" &&
    run schema node tests/browser/schema.mjs "${TMPDIR:-/tmp}/gen-schema.$$.json" cases tests/fixtures/bad
rm -f "${TMPDIR:-/tmp}/gen-schema.$$.json"
# an independent link check over a freshly built site
L="${TMPDIR:-/tmp}/gen-links.$$"
"$GEN" build --out "$L" -q && run links node tests/browser/links.mjs "$L"
rm -rf "$L"
echo "$total_pass passed, $total_fail failed"
[ $status -eq 0 ] && [ $total_fail -eq 0 ]
