#!/bin/sh
# tsan.sh GEN - parallel builds and checks under ThreadSanitizer: any
# data race between the reading or rendering threads makes gen exit
# non-zero.
set -u
GEN=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/gen-tsan.XXXXXX")
trap 'rm -rf "$T"' EXIT
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
pass=0 fail=0
for run in fresh rebuild; do
    if "$GEN" build --jobs 4 --out "$T/site" -q > "$T/log" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL: $run build under ThreadSanitizer"; head -30 "$T/log"
    fi
done
# a generated collection large enough for every stage to use its threads
# (reading: 16 cases a thread at least; classifying: 64)
cc -O2 -std=c11 -o "$T/mkcorpus" "$(dirname "$0")/bench/mkcorpus.c"
"$T/mkcorpus" 300 "$T/many" >/dev/null
if "$GEN" build --cases "$T/many" --jobs 4 --out "$T/many-site" -q > "$T/log" 2>&1; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "FAIL: 300 cases under ThreadSanitizer"; head -30 "$T/log"
fi
# rebuilds of it after edits: the third builds into the spare tree kept
# by the second, whose 300 case folders are pruned on several threads
for run in 1 2; do
    f=$(ls "$T/many" | head -1)
    printf '\nAn edit (%s).\n' "$run" >> "$T/many/$f"
    if "$GEN" build --cases "$T/many" --jobs 4 --out "$T/many-site" -q > "$T/log" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL: 300 cases rebuilt ($run) under ThreadSanitizer"; head -30 "$T/log"
    fi
done
if "$GEN" check > "$T/log" 2>&1; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "FAIL: check under ThreadSanitizer"; head -30 "$T/log"
fi
echo "tsan: $pass passed, $fail failed"
[ $fail -eq 0 ]
