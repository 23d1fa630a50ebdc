#!/bin/sh
# run.sh GEN - the performance benchmark behind `make bench`.
#
# For each size in BENCH_SIZES (default 1000 10000; add 100000 for the
# scale target: about ten minutes more, see README): writes a
# deterministic corpus (mkcorpus.c), then times BENCH_RUNS (default 3)
# full builds by gen into a fresh folder, a rebuild with no change, one
# after a case was edited, the time from saving a case under `gen serve`
# to the new site being live (up to BENCH_SERVE_MAX cases; needs curl), and in
# the same run the references: bare cmark-gfm (the library gen links,
# with the same extensions and options; its command has no switch for
# footnotes, which the corpus does not use) over all bodies concatenated
# (the Markdown floor), a plain read of every case file (the I/O floor),
# and Hugo building the same cases with ../shared/bench/hugo-site when
# hugo is installed (up to BENCH_HUGO_MAX cases, default 10000: Hugo
# needs minutes and about 12 GB for 100,000). Prints medians, then
# ratios: figures on a shared machine are noisy, ratios measured side by
# side much less so.
set -eu
GEN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SIZES=${BENCH_SIZES:-1000 10000}
RUNS=${BENCH_RUNS:-3}
HUGO_MAX=${BENCH_HUGO_MAX:-10000}
HUGO_SITE=${HUGO_SITE:-$ROOT/../shared/bench/hugo-site}
# in RAM where there is some (/dev/shm), for gen and Hugo alike: the
# benchmark compares the tools, and a shared disk's noise (writes queued
# behind other machines', inode allocation after a deletion) would swamp
# them; BENCH_WORK=DIR measures on DIR's file system instead
if [ -z "${BENCH_WORK:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    BENCH_WORK=/dev/shm/gen-bench-$$
    trap 'chmod -R u+w "$BENCH_WORK" 2>/dev/null; rm -rf "$BENCH_WORK"' EXIT  # RAM: given back
fi
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/gen-bench}
TIME=/usr/bin/time
mkdir -p "$WORK"
cc -O2 -std=c11 -o "$WORK/mkcorpus" "$HERE/mkcorpus.c"

# times LABEL CMD...: RUNS timed runs, each "wall user sys rss_kb" appended
times_of() {
    label=$1; shift
    : > "$WORK/$label.times"
    i=0
    while [ $i -lt "$RUNS" ]; do
        [ -n "${PREP:-}" ] && sh -c "$PREP"
        "$TIME" -f '%e %U %S %M' -a -o "$WORK/$label.times" "$@" >/dev/null 2>&1
        i=$((i + 1))
    done
}
# median of column C of a times file
med() { awk -v c="$2" '{print $c}' "$WORK/$1.times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cpu() { awk '{print $2+$3}' "$WORK/$1.times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "# gen $("$GEN" --version | cut -d' ' -f2) (--jobs $(nproc): as many threads as cores); $(cmark-gfm --version 2>/dev/null | head -1);" \
     "$(command -v hugo >/dev/null && hugo version | cut -d' ' -f1-2 || echo 'no hugo');" \
     "$(nproc) cores; runs=$RUNS"
printf '%-8s %-7s %10s %10s %10s %9s %9s %8s %10s\n' size what "wall s" "cpu s" "RSS MiB" "ms/case" "cases/s" pages "MB out"
for n in $SIZES; do
    chmod -R u+w "$WORK" 2>/dev/null || true
    rm -rf "$WORK/cases" "$WORK/site" "$WORK/hugo"
    "$WORK/mkcorpus" "$n" "$WORK/cases"
    # files changed within two seconds of a build are never trusted by the
    # manifest (manifest.h): let the new corpus age past that
    sleep 2
    awk 'FNR == 1 {fm = 0} /^---$/ && fm < 2 {fm++; next} fm >= 2 {print}' \
        "$WORK"/cases/*.md > "$WORK/bodies.md" 2>/dev/null ||
        find "$WORK/cases" -name '*.md' -exec awk 'FNR == 1 {fm = 0} /^---$/ && fm < 2 {fm++; next} fm >= 2 {print}' {} + > "$WORK/bodies.md"

    # fresh: no site, and none of gen's private files beside it (the
    # build manifest, the spare tree)
    PREP="rm -rf '$WORK/site' '$WORK'/.site.gen-*" times_of gen "$GEN" build --cases "$WORK/cases" \
        --templates "$ROOT/templates" --out "$WORK/site" -q
    gen_pages=$(find "$WORK/site" -name '*.html' | wc -l)
    gen_mb=$(du -sm "$WORK/site" | cut -f1)
    # a rebuild with nothing changed (the inputs' times must be older than
    # the two seconds in which the manifest does not trust them)
    sleep 2
    PREP= times_of rebuild "$GEN" build --cases "$WORK/cases" \
        --templates "$ROOT/templates" --out "$WORK/site" -q
    # a rebuild after one case's write-up was edited (another line each run)
    edited=$(ls "$WORK/cases" | sed -n "$((n / 2 + 1))p")
    PREP="echo 'An edited line.' >> '$WORK/cases/$edited'" times_of edit1 "$GEN" build \
        --cases "$WORK/cases" --templates "$ROOT/templates" --out "$WORK/site" -q
    labels_extra=""
    # gen serve: from saving a case to the new site being live
    if command -v curl >/dev/null 2>&1 && [ "$n" -le "${BENCH_SERVE_MAX:-10000}" ]; then
        : > "$WORK/serve.times"
        "$GEN" serve --port 0 --cases "$WORK/cases" --templates "$ROOT/templates" \
            --out "$WORK/site" > "$WORK/serve.out" 2> "$WORK/serve.err" &
        spid=$!
        i=0
        while [ $i -lt 1200 ] && ! grep -q '^serving' "$WORK/serve.out"; do sleep 0.1; i=$((i + 1)); done
        url=$(sed -n 's/^serving .* at \(http[^ ]*\) .*/\1/p' "$WORK/serve.out")
        r=0
        while [ -n "$url" ] && [ $r -lt "$RUNS" ]; do
            # the last build's chores after going live (its manifest)
            # are done before the next save, as between an author's saves
            sleep 1
            v0=$(curl -s "${url}__gen/state" | sed 's/.*"version": \([0-9]*\).*/\1/')
            t0=$(date +%s.%N)
            echo "A line saved while serving ($r)." >> "$WORK/cases/$edited"
            # as the open page learns it: one request the server holds
            # until the next build is live (15 s at most, then asked
            # again), so that the waiting takes no CPU from the build
            i=0
            while [ $i -lt 40 ]; do
                v=$(curl -s --max-time 60 "${url}__gen/state?after=$v0" | sed 's/.*"version": \([0-9]*\).*/\1/')
                [ -n "$v" ] && [ "$v" != "$v0" ] && break
                i=$((i + 1))
            done
            t1=$(date +%s.%N)
            awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f 0 0 0\n", b - a }' >> "$WORK/serve.times"
            r=$((r + 1))
        done
        kill $spid 2>/dev/null; wait $spid 2>/dev/null
        [ -s "$WORK/serve.times" ] && labels_extra=serve
    fi
    PREP= times_of cmark cmark-gfm --smart --table-prefer-style-attributes \
        -e table -e strikethrough -e autolink "$WORK/bodies.md"
    PREP= times_of cat sh -c 'find "$1" -name "*.md" -exec cat {} + >/dev/null' sh "$WORK/cases"
    labels="gen rebuild edit1 $labels_extra cmark cat"
    if command -v hugo >/dev/null 2>&1 && [ -d "$HUGO_SITE" ] &&
       [ "$n" -le "$HUGO_MAX" ]; then
        cp -r "$HUGO_SITE" "$WORK/hugo" && chmod -R u+w "$WORK/hugo"
        rm -rf "$WORK/hugo/content" && mkdir -p "$WORK/hugo/content"
        "$WORK/mkcorpus" "$n" "$WORK/hugo/content/cases" --hugo
        PREP="rm -rf '$WORK/hugo-out'" times_of hugo hugo --quiet -s "$WORK/hugo" -d "$WORK/hugo-out"
        hugo_pages=$(find "$WORK/hugo-out" -name '*.html' | wc -l)
        hugo_mb=$(du -sm "$WORK/hugo-out" | cut -f1)
        labels="$labels hugo"
    fi
    for l in $labels; do
        w=$(med $l 1); c=$(cpu $l); r=$(med $l 4)
        pages=""; mb=""
        [ $l = gen ] && pages=$gen_pages && mb=$gen_mb
        [ $l = hugo ] && pages=$hugo_pages && mb=$hugo_mb
        awk -v n="$n" -v l="$l" -v w="$w" -v c="$c" -v r="$r" -v p="$pages" -v m="$mb" 'BEGIN {
            printf "%-8d %-7s %10.2f %10.2f %10.1f %9.3f %9.0f %8s %10s\n",
                n, l, w, c, r / 1024, 1000 * w / n, (w > 0 ? n / w : 0), p, m }'
        echo "$n $l $w $c $r" >> "$WORK/summary"
    done
done
echo
echo "# ratios (same run)"
awk '{w[$1" "$2] = $3; r[$1" "$2] = $5; if (!($1 in seen)) {seen[$1] = 1; sizes[++ns] = $1}}
END {
    for (i = 1; i <= ns; i++) {
        n = sizes[i]
        printf "%d cases: gen/cmark %.2f, gen/cat %.1f", n, w[n" gen"] / (w[n" cmark"] > 0 ? w[n" cmark"] : 0.01), w[n" gen"] / (w[n" cat"] > 0 ? w[n" cat"] : 0.01)
        if ((n" hugo") in w)
            printf ", hugo/gen %.2f (gen %.1fx faster), RSS gen/hugo %.2f", w[n" hugo"] / w[n" gen"], w[n" hugo"] / w[n" gen"], r[n" gen"] / r[n" hugo"]
        printf ", rebuild/build %.3f, edit1/build %.3f", w[n" rebuild"] / w[n" gen"], w[n" edit1"] / w[n" gen"]
        if ((n" serve") in w)
            printf ", serve/build %.3f", w[n" serve"] / w[n" gen"]
        printf "\n"
    }
    if (ns > 1)
        printf "linearity: ms/case at %d / ms/case at %d = %.2f\n", sizes[ns], sizes[1],
            (w[sizes[ns]" gen"] / sizes[ns]) / (w[sizes[1]" gen"] / sizes[1])
    # the targets of the performance issue, where this run measured them
    print ""
    print "# targets"
    t = "10000"
    if ((t" gen") in w) {
        verdict("rebuild/build at 10000 <= 0.05", w[t" rebuild"] / w[t" gen"], w[t" rebuild"] / w[t" gen"] <= 0.05)
        verdict("edit1/build at 10000 <= 0.10", w[t" edit1"] / w[t" gen"], w[t" edit1"] / w[t" gen"] <= 0.10)
    }
    if ((t" serve") in w)
        verdict("serve save/build at 10000 <= 0.10", w[t" serve"] / w[t" gen"], w[t" serve"] / w[t" gen"] <= 0.10)
    if ((t" hugo") in w) {
        verdict("hugo/gen at 10000 >= 10", w[t" hugo"] / w[t" gen"], w[t" hugo"] / w[t" gen"] >= 10)
        verdict("RSS gen/hugo at 10000 <= 0.10", r[t" gen"] / r[t" hugo"], r[t" gen"] / r[t" hugo"] <= 0.10)
    }
    if ((t" cmark") in w)
        verdict("gen/cmark at 10000 <= 1.5", w[t" gen"] / w[t" cmark"], w[t" gen"] / w[t" cmark"] <= 1.5)
    t = "100000"
    if ((t" gen") in w)
        verdict("RSS MiB at 100000 < 512", r[t" gen"] / 1024, r[t" gen"] / 1024 < 512)
    if (ns > 1 && sizes[1] == 1000 && sizes[ns] == 100000) {
        lin = (w[sizes[ns]" gen"] / sizes[ns]) / (w[sizes[1]" gen"] / sizes[1])
        verdict("ms/case 100000 / 1000 <= 1.2", lin, lin <= 1.2)
    }
}
function verdict(what, x, ok) { printf "%-34s %8.2f  %s\n", what, x, ok ? "met" : "NOT MET" }' "$WORK/summary"
rm -f "$WORK/summary"
