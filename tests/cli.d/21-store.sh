# 21-store.sh - a rebuild takes the cases from the store the last build
# wrote beside the site (case_store.h): a case file whose identity is
# unchanged is not read again, and a write-up whose check depends on
# its own bytes alone is not checked again (what the check said is said
# again); one that links other files is checked every time. The store
# counts only for the same binary and vocabulary, and a damaged one is
# not used: each time the site equals a fresh build's.
# Sourced by tests/cli.sh: uses $GEN, $T, check/ok/bad.

RQ=$T/21-store
mkdir -p "$RQ"
cp -r cases "$RQ/cases" && cp -r templates "$RQ/tpl"
# a write-up with raw HTML: a warning each build, so never taken as quiet
sed 's/^title: .*/title: Raw HTML case/' "$RQ/cases/ac-styria.md" > "$RQ/cases/rq-raw.md"
printf '\nSome <b>bold</b> text.\n' >> "$RQ/cases/rq-raw.md"
# a plain write-up: no link, nothing to say about it
awk '/^---$/ { n++; print; if (n == 2) exit; next } { print }' "$RQ/cases/ac-styria.md" |
    sed 's/^title: .*/title: Plain case/' > "$RQ/cases/rq-plain.md"
echo 'A plain write-up.' >> "$RQ/cases/rq-plain.md"
# a write-up that links another case: its check depends on the
# collection, so it is made every build
sed 's/^title: .*/title: Linking case/' "$RQ/cases/medicon-valley.md" > "$RQ/cases/rq-linker.md"
printf '\nSee [Medicon](../medicon-valley/) and [Agro](agro-food-park.md).\n' >> "$RQ/cases/rq-linker.md"
# a vocabulary of the user's, to change
printf 'models:\n  partnership:\n    name: Network model\n' > "$RQ/vocab.yaml"
rq_build() {     # rq_build OUT [flags]: what it says into $RQ/out.log
    rq_out=$1; shift
    "$GEN" build --cases "$RQ/cases" --templates "$RQ/tpl" \
        --vocabulary "$RQ/vocab.yaml" --out "$rq_out" "$@" 2>"$RQ/out.log"
}
rq_same() {
    rm -rf "$RQ/fresh" "$RQ"/.fresh.gen-*
    rq_build "$RQ/fresh" &&
        diff -r -x .gen-site "$RQ/inc" "$RQ/fresh" >/dev/null
}
# rq_kept: how many case files the last build did not read again
rq_kept() { sed -n 's/^  \([0-9]*\) case files not read again.*/\1/p' "$RQ/out.log"; }
rq_known() { sed -n 's/^  \([0-9]*\) write-ups not checked again.*/\1/p' "$RQ/out.log"; }
rq_n=$(ls "$RQ/cases"/*.md | wc -l)
sleep 2.1
rq_build "$RQ/inc" -v
check "21-store: a first build reads every case and leaves the store beside the site" \
    '[ -s "$RQ/.inc.gen-cases" ] && [ -z "$(rq_kept)" ]'
printf '\nA sentence added.\n' >> "$RQ/cases/rq-plain.md"
sleep 2.1
rq_build "$RQ/inc" -v; rq_rc=$?
rq_q=$(rq_known)
check "21-store: one case edited: only it is read again" \
    '[ $rq_rc -eq 0 ] && [ "$(rq_kept)" = $((rq_n - 1)) ]'
check "21-store: ... no write-up is checked again but its own and the one that links others" \
    '[ "$rq_q" = $((rq_n - 2)) ]'
check "21-store: ... the one with raw HTML, not checked again, says so again" \
    'grep -q "rq-raw.md:[0-9]*:[0-9]*: warning: .*HTML" "$RQ/out.log"'
check "21-store: ... and the site equals a fresh build" 'rq_same'
# what the store does not depend on: the templates
printf '\n' >> "$RQ/tpl/404.mustache"
sleep 2.1
rq_build "$RQ/inc" -v; rq_rc=$?
check "21-store: a template changed: no case is read again, and the site equals a fresh build" \
    '[ $rq_rc -eq 0 ] && [ "$(rq_kept)" = "$rq_n" ] && rq_same'
# what it does: the vocabulary the cases were checked with
printf '    description: Open partners.\n' >> "$RQ/vocab.yaml"
sleep 2.1
rq_build "$RQ/inc" -v; rq_rc=$?
check "21-store: the vocabulary changed: every case is read and checked again" \
    '[ $rq_rc -eq 0 ] && [ -z "$(rq_kept)" ] && [ -z "$(rq_known)" ] && rq_same'
# and the binary: a copy of gen is another file
cp "$GEN" "$RQ/gen-copy"
"$RQ/gen-copy" build --cases "$RQ/cases" --templates "$RQ/tpl" \
    --vocabulary "$RQ/vocab.yaml" --out "$RQ/inc" -v 2>"$RQ/out.log"; rq_rc=$?
check "21-store: another binary does not use the store" \
    '[ $rq_rc -eq 0 ] && [ -z "$(rq_kept)" ]'
rq_build "$RQ/inc" -v
printf '\n' >> "$RQ/cases/rq-plain.md"           # a rebuild, not a no-op
sleep 2.1
rq_build "$RQ/inc" -v
check "21-store: ... and the one that wrote it again does" '[ "$(rq_kept)" = $((rq_n - 1)) ]'
# a damaged store is not used: cut short, a byte changed, not one at all
rq_size=$(stat -c %s "$RQ/.inc.gen-cases")
for rq_damage in cut flip text empty; do
    printf '\n' >> "$RQ/cases/rq-plain.md"     # a rebuild, not a no-op
    case $rq_damage in
    cut)   truncate -s $((rq_size / 2)) "$RQ/.inc.gen-cases" ;;
    flip)  printf 'Z' | dd of="$RQ/.inc.gen-cases" bs=1 seek=$((rq_size * 2 / 3)) \
               conv=notrunc 2>/dev/null ;;
    text)  printf 'gen-case-store 1\nnot a store at all\n' > "$RQ/.inc.gen-cases" ;;
    empty) : > "$RQ/.inc.gen-cases" ;;
    esac
    sleep 2.1
    rq_build "$RQ/inc" -v; rq_rc=$?
    check "21-store: a store $rq_damage: not used, every case is read and the site equals a fresh build" \
        '[ $rq_rc -eq 0 ] && [ -z "$(rq_kept)" ] && rq_same'
    rq_size=$(stat -c %s "$RQ/.inc.gen-cases")
done
printf '\n' >> "$RQ/cases/rq-plain.md"
sleep 2.1
rq_build "$RQ/inc" -v
check "21-store: ... and the build after it wrote a good one" '[ "$(rq_kept)" = $((rq_n - 1)) ]'
