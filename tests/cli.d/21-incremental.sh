# 21-incremental.sh - a rebuild renders only what changed (the build
# manifest), and its site is byte-identical to a fresh build's: over a
# random (seeded, printed) sequence of edits, additions, deletions and
# renames of cases, template, vocabulary and option changes; a rebuild
# with nothing changed renders nothing; a killed incremental build leaves
# the old site whole; --jobs 1 and --jobs 2 give the same site.
# Sourced by tests/cli.sh: uses $GEN, $T, check/ok/bad.
# GEN_SEED=N replays a sequence.

P="$T/21-incremental"
mkdir -p "$P"
p21_seed=${GEN_SEED:-$(date +%s)}
echo "21-incremental: seed $p21_seed (GEN_SEED=$p21_seed replays it)"
cp -r cases "$P/cases" && cp -r templates "$P/tpl"
printf 'pages:\n  about: "About these clusters"\n' > "$P/vocab.yaml"
p21_title="Clusters"
# p21_rand N: a number below N from the seeded sequence (an LCG, so
# that a seed gives the same sequence with any awk or shell)
p21_state=$p21_seed
# into $p21_r (not printed: a subshell would not advance the state)
p21_rand() {
    p21_state=$(( (p21_state * 1103515245 + 12345) % 2147483648 ))
    p21_r=$(( (p21_state / 65536) % $1 ))
}
# p21_pick: one of the cases this test added, or nothing
p21_pick() {
    p21_list=$(ls "$P/cases" | grep '^t21-' || true)
    p21_cnt=$(printf '%s\n' "$p21_list" | grep -c . || true)
    [ "$p21_cnt" -gt 0 ] || return 1
    p21_rand "$p21_cnt"
    p21_got=$(printf '%s\n' "$p21_list" | sed -n "$((p21_r + 1))p")
}
p21_build() {     # p21_build OUT JOBS [-v]: quiet unless -v
    "$GEN" build --cases "$P/cases" --templates "$P/tpl" --vocabulary "$P/vocab.yaml" \
        --title "$p21_title" --out "$1" --jobs "$2" ${3:--q}
}
p21_fresh() {     # p21_fresh JOBS: a fresh build into $P/fresh
    rm -rf "$P/fresh" "$P/.fresh".*
    p21_build "$P/fresh" "$1"
}

p21_build "$P/inc" 2 2> "$P/first.err"
check "the first build into a folder writes a manifest beside it, not in the site" \
    '[ -f "$P/.inc.gen-manifest" ] && [ -z "$(find "$P/inc" -name "*manifest*")" ]' ||
    cat "$P/first.err"

p21_bad=0 p21_step=0 p21_ops=""
while [ $p21_step -lt 14 ]; do
    p21_step=$((p21_step + 1))
    p21_rand 8
    case $p21_r in
    0|1) # add a case: a copy of one of the collection under a new name
        p21_rand 60
        src=$(ls "$P/cases" | grep -v '^t21-' | sed -n "$((p21_r + 1))p")
        new="t21-$p21_step"
        sed "s/^title: .*/title: Added case $new/" "$P/cases/$src" > "$P/cases/$new.md"
        op="add $new" ;;
    2) # edit a case's summary (a field lists and exports show)
        p21_rand 70
        f=$(ls "$P/cases" | sed -n "$((p21_r + 1))p")
        sed -i "/^summary: /s/ / Edited$p21_step /2" "$P/cases/$f"
        op="edit summary $f" ;;
    3) # edit a write-up (only the case's own page shows it)
        p21_rand 70
        f=$(ls "$P/cases" | sed -n "$((p21_r + 1))p")
        printf '\nA sentence added at step %s.\n' "$p21_step" >> "$P/cases/$f"
        op="edit body $f" ;;
    4) # delete or rename an added case
        if p21_pick; then
            f=$p21_got
            p21_rand 2
            if [ $p21_r = 0 ]; then
                rm "$P/cases/$f"; op="delete $f"
            else
                mv "$P/cases/$f" "$P/cases/t21-renamed-$p21_step.md"; op="rename $f"
            fi
        else
            op="nothing"
        fi ;;
    5) # a template: a partial every page includes, or one page's own
        p21_rand 2
        if [ $p21_r = 0 ]; then
            p21_rand 5
            t=$(ls "$P/tpl"/*.mustache | sed -n "$((p21_r + 1))p")
        else
            t="$P/tpl/about.mustache"
        fi
        printf '<!-- step %s -->\n' "$p21_step" >> "$t"
        op="template $(basename "$t")" ;;
    6) # the vocabulary
        printf 'pages:\n  about: "About these clusters %s"\n' "$p21_step" > "$P/vocab.yaml"
        op="vocabulary" ;;
    7) # an option every page shows
        p21_title="Clusters $p21_step"
        op="title" ;;
    esac
    p21_ops="$p21_ops; $op"
    : > "$P/diff.out"
    # alternate the threads: incremental with one, fresh with the other
    j=$((p21_step % 2 + 1))
    p21_build "$P/inc" $j 2> "$P/inc.err" && p21_fresh $((3 - j)) 2> "$P/fresh.err" ||
        echo "21-incremental: step $p21_step ($op): a build failed" > "$P/diff.out"
    if [ -s "$P/diff.out" ] || ! diff -r "$P/inc" "$P/fresh" > "$P/diff.out" 2>&1; then
        p21_bad=$((p21_bad + 1))
        echo "21-incremental: step $p21_step ($op) differs from a fresh build:"
        head -5 "$P/diff.out"; cat "$P/inc.err" "$P/fresh.err"
    fi
done
echo "21-incremental: steps$p21_ops"
check "every incremental build of a random sequence of changes equals a fresh build (seed $p21_seed)" \
    '[ $p21_bad -eq 0 ]'

# nothing changed: nothing is rendered, no file is touched
p21_build "$P/inc" 2 -v 2> "$P/again.err"
check "a rebuild with nothing changed renders nothing" \
    'grep -q "^  0 pages rendered;" "$P/again.err"' || cat "$P/again.err"
sleep 3.2        # past the window in which a file's time is not trusted,
p21_build "$P/inc" 2 2> /dev/null     # then a build that records them
p21_before=$(find "$P/inc" -type f -exec stat -c '%n %i %Y' {} + | sort | cksum)
p21_build "$P/inc" 2 -v 2> "$P/again.err"
check "... also when no file changed for a while (nothing read: no file touched)" \
    'grep -q "^  0 pages rendered;" "$P/again.err" &&
     [ "$p21_before" = "$(find "$P/inc" -type f -exec stat -c "%n %i %Y" {} + | sort | cksum)" ]' ||
    cat "$P/again.err"
check "... and still says the build's counts" \
    'grep -q "^built .*inc: [0-9]* pages (0 written, [0-9]* unchanged) for [0-9]* cases" "$P/again.err"'

# a warning is said again by a build that has nothing to do
sed 's/^sector: .*/sector: Basket weaving/' "$P/cases/ac-styria.md" > "$P/cases/t21-warn.md"
p21_build "$P/inc" 2 2> "$P/warn1.err"
sleep 2.2
p21_build "$P/inc" 2 2> "$P/warn2.err"
check "a rebuild with nothing to do repeats the last build's warnings" \
    'grep -q "t21-warn.md:.*warning: sector" "$P/warn1.err" && cmp -s "$P/warn1.err" "$P/warn2.err"' ||
    diff "$P/warn1.err" "$P/warn2.err"
rm "$P/cases/t21-warn.md"

# a case changed while a build with nothing to do waits for the lock
p21_build "$P/inc" 2 2> /dev/null
sleep 2.2
( exec 9>"$P/.inc.gen-lock"; flock 9; echo held > "$P/held"; sleep 3 ) &
p21_h=$!
p21_i=0; while [ ! -e "$P/held" ] && [ $p21_i -lt 100 ]; do sleep 0.05; p21_i=$((p21_i + 1)); done
p21_build "$P/inc" 2 2> "$P/wait.err" &
p21_b=$!
sleep 1
printf '\nChanged while waiting.\n' >> "$P/cases/ac-styria.md"
wait $p21_h; wait $p21_b; rc=$?
check "a case changed while the build waited for the lock fails it, naming the file" \
    '[ $rc -eq 1 ] && grep -q "ac-styria.md: error: changed during the build" "$P/wait.err"' ||
    cat "$P/wait.err"
p21_build "$P/inc" 1 2> /dev/null && p21_fresh 2 2> /dev/null
check "... and the next build has it" 'diff -r "$P/inc" "$P/fresh" >/dev/null &&
    grep -q "Changed while waiting" "$P/inc/cases/ac-styria/index.html"'

# a killed incremental build leaves the old site whole
cc -O2 -o "$P/mkcorpus" tests/bench/mkcorpus.c && "$P/mkcorpus" 150 "$P/big" >/dev/null
yes 'Lorem ipsum dolor sit amet, *consectetur* adipiscing elit.' | head -c 200000 > "$P/para"
for f in "$P"/big/*.md; do cat "$P/para" >> "$f"; done
"$GEN" build --cases "$P/big" --templates "$P/tpl" --out "$P/bigsite" -q 2>/dev/null
p21_sum() { (cd "$1" && find . -type f | sort | xargs cat | cksum); }
p21_before=$(p21_sum "$P/bigsite")
printf '<!-- a change every page sees -->\n' >> "$P/tpl/case.mustache"
"$GEN" build --cases "$P/big" --templates "$P/tpl" --out "$P/bigsite" -q --jobs 1 2>/dev/null &
p21_b=$!
p21_i=0
while [ $p21_i -lt 600 ] && ! ls "$P"/.bigsite.staging-*/cases/*/index.html >/dev/null 2>&1; do
    sleep 0.05; p21_i=$((p21_i + 1))
done
kill -9 $p21_b 2>/dev/null; wait $p21_b 2>/dev/null
check "an incremental build killed mid-way leaves the old site whole" \
    '[ $p21_i -lt 600 ] && [ "$p21_before" = "$(p21_sum "$P/bigsite")" ]'
"$GEN" build --cases "$P/big" --templates "$P/tpl" --out "$P/bigsite" -q 2>/dev/null
rm -rf "$P/bigfresh"
"$GEN" build --cases "$P/big" --templates "$P/tpl" --out "$P/bigfresh" -q 2>/dev/null
check "... and the next build brings it up to date" \
    'diff -r "$P/bigsite" "$P/bigfresh" >/dev/null &&
     grep -q "a change every page sees" "$P/bigsite/cases/$(ls "$P/big" | head -1 | sed "s/\.md$//")/index.html"'

# one thread or two: the same site, fresh or incremental
rm -rf "$P/j1" "$P/j2"
p21_build "$P/j1" 1 2>/dev/null && p21_build "$P/j2" 2 2>/dev/null
printf '\nOne more line.\n' >> "$P/cases/ac-styria.md"
p21_build "$P/j1" 1 2>/dev/null && p21_build "$P/j2" 2 2>/dev/null
check "an incremental build with --jobs 1 and --jobs 2 gives byte-identical sites" \
    'diff -r "$P/j1" "$P/j2" >/dev/null'

# What a page's context does not show but an output is made from: a
# write-up's words (the search index), a figure beside the cases, the
# settings file. Each changed a few seconds after the last build, so that
# the manifest trusts the files' times, and each rebuild must equal a
# fresh build.
Q="$P/more"
mkdir -p "$Q"
cp -r tests/fixtures/markdown "$Q/cases"
printf 'title: First title\n' > "$Q/site.yaml"
p21_more() { "$GEN" build --cases "$Q/cases" --out "$Q/$1" -q 2>/dev/null; }
p21_same() { rm -rf "$Q/fresh" "$Q/.fresh".*; p21_more fresh && diff -r "$Q/site" "$Q/fresh" >/dev/null; }
p21_more site
sleep 3.2
printf '\nA zanzibarite word.\n' >> "$Q/cases/partner-case.md"
sleep 3.2
p21_more site
check "21-incremental: a write-up's new word reaches the search index" \
    'grep -q zanzibarite "$Q/site/static/search.js" && p21_same'
fig=$(cd "$Q/cases" && find . -name '*.png' | head -1)
cp "$Q/cases/$fig" "$Q/fig.bak"
printf 'not the same picture' >> "$Q/cases/$fig"
sleep 3.2
p21_more site
check "21-incremental: a changed figure is copied again" \
    'cmp -s "$Q/cases/$fig" "$Q/site/files/${fig#./}" && p21_same' ||
    { ls -la "$Q/cases/$fig" "$Q/site/files/${fig#./}"; diff -r "$Q/site" "$Q/fresh" | head -5; }
printf 'title: Second title\n' > "$Q/site.yaml"
sleep 3.2
p21_more site
check "21-incremental: a changed site.yaml reaches the pages" \
    'grep -q "Second title" "$Q/site/index.html" && p21_same'
