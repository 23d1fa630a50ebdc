#!/bin/sh
# run.sh - build the example site and test it in headless Chromium.
set -u
GEN=${GEN:-gen/gen}
dir=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/gen-browser.XXXXXX")
trap 'rm -rf "$T"' EXIT
"$GEN" build --out "$T/site" -q || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
node "$dir/test.mjs" "$T/site" "$dir/../screenshots"
