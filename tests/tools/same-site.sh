#!/bin/sh
# same-site.sh REV [N] - is the site unchanged by the work since REV?
#
# Builds gen at REV (in a temporary worktree) and at the working tree,
# then builds the site of cases/ and of an N-case synthetic corpus
# (tests/bench/mkcorpus.c, default 1000) with each binary and diffs the
# trees. Prints one line per corpus and exits 1 on any difference.
# For refactors that must not change output (`make` must work here).
set -eu
REV=${1:?usage: same-site.sh REV [N]}
N=${2:-1000}
ROOT=$(pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/same-site.XXXXXX")
trap 'git -C "$ROOT" worktree remove --force "$W/base" >/dev/null 2>&1; rm -rf "$W"' EXIT
git -C "$ROOT" worktree add -q --detach "$W/base" "$REV"
make -s -C "$W/base" gen/gen >/dev/null
make -s gen/gen >/dev/null
cc -O2 -std=c11 -o "$W/mkcorpus" tests/bench/mkcorpus.c
"$W/mkcorpus" "$N" "$W/corpus" >/dev/null
status=0
for c in cases "$W/corpus"; do
    name=$( [ "$c" = cases ] && echo "cases/" || echo "$N synthetic cases" )
    # the templates and vocabulary of each tree, so a moved word is caught
    (cd "$W/base" && ./gen/gen build --cases "$(cd "$ROOT" && realpath "$c")" \
        --out "$W/old" -q 2>/dev/null)
    ./gen/gen build --cases "$c" --out "$W/new" -q 2>/dev/null
    if diff -r "$W/old" "$W/new" > "$W/diff.txt"; then
        echo "same-site: $name: byte-identical ($(find "$W/new" -type f | wc -l) files)"
    else
        echo "same-site: $name: DIFFERS"; head -20 "$W/diff.txt"; status=1
    fi
    rm -rf "$W/old" "$W/new"
done
exit $status
