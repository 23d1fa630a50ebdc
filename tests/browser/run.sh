#!/bin/sh
# run.sh - build the example site and test it in headless Chromium: test.mjs,
# then every topic file tests/browser/t-*.mjs (each on the same site).
set -u
GEN=${GEN:-gen/gen}
dir=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/gen-browser.XXXXXX")
trap 'rm -rf "$T"' EXIT
"$GEN" build --out "$T/site" -q || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
pass=0 fail=0 status=0
for f in "$dir/test.mjs" "$dir"/t-*.mjs; do
    [ -f "$f" ] || continue
    out=$(node "$f" "$T/site" "$dir/../screenshots" 2>&1); rc=$?
    printf '%s\n' "$out" | grep -v -E '^[0-9]+ passed, [0-9]+ failed$'
    line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)
    if [ -z "$line" ]; then
        echo "$(basename "$f"): did not finish (exit $rc)"; fail=$((fail + 1)); status=1; continue
    fi
    p=${line%% passed*}; f2=${line#*passed, }; f2=${f2%% failed*}
    pass=$((pass + p)); fail=$((fail + f2))
    [ "$rc" -eq 0 ] || status=1
done
echo "$pass passed, $fail failed"
[ $status -eq 0 ] && [ $fail -eq 0 ]
