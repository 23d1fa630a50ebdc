# 21-quiet.sh - a rebuild does not check again a write-up that the last
# build checked from its own file alone and found nothing to say about,
# when neither its bytes nor anything else the site is made from changed
# (its key in the manifest, collection.h); a write-up that drew a warning
# or links other files is checked every time.
# Sourced by tests/cli.sh: uses $GEN, $T, check/ok/bad.

RQ=$T/21-quiet
mkdir -p "$RQ"
cp -r cases "$RQ/cases" && cp -r templates "$RQ/tpl"
# a write-up with raw HTML: a warning each build, so never taken as quiet
sed 's/^title: .*/title: Raw HTML case/' "$RQ/cases/ac-styria.md" > "$RQ/cases/rq-raw.md"
printf '\nSome <b>bold</b> text.\n' >> "$RQ/cases/rq-raw.md"
# a plain write-up: no link, nothing to say about it
awk '/^---$/ { n++; print; if (n == 2) exit; next } { print }' "$RQ/cases/ac-styria.md" |
    sed 's/^title: .*/title: Plain case/' > "$RQ/cases/rq-plain.md"
echo 'A plain write-up.' >> "$RQ/cases/rq-plain.md"
rq_build() {     # rq_build OUT [-v]: what it says into $RQ/out.log
    "$GEN" build --cases "$RQ/cases" --templates "$RQ/tpl" --out "$1" ${2:-} \
        2>"$RQ/out.log"
}
rq_same() {
    rm -rf "$RQ/fresh" "$RQ"/.fresh.gen-*
    rq_build "$RQ/fresh" &&
        diff -r -x .gen-site "$RQ/inc" "$RQ/fresh" >/dev/null
}
rq_quiet() { sed -n 's/^quiet \([0-9]*\) .*/\1/p' "$RQ/.inc.gen-manifest"; }
sleep 2.1
rq_build "$RQ/inc"
rq_n=$(ls "$RQ/cases"/*.md | wc -l)
rq_q=$(rq_quiet)
check "21-quiet: the manifest keeps the quiet write-ups, not those that link files or drew a warning" \
    '[ -n "$rq_q" ] && [ "$rq_q" -ge 1 ] && [ "$rq_q" -lt "$rq_n" ]'
printf '\nA sentence added.\n' >> "$RQ/cases/rq-plain.md"
sleep 2.1
rq_build "$RQ/inc" -v; rq_rc=$?
check "21-quiet: a quiet case edited: every other quiet write-up is not checked again" \
    '[ $rq_rc -eq 0 ] && grep -q "^  $((rq_q - 1)) write-ups not checked again" "$RQ/out.log"'
check "21-quiet: ... the one with raw HTML is, and says so again" \
    'grep -q "rq-raw.md:[0-9]*:[0-9]*: warning: .*HTML" "$RQ/out.log"'
check "21-quiet: ... and the site equals a fresh build" 'rq_same'
# anything else the site is made from changes every key
printf '\n' >> "$RQ/tpl/404.mustache"
sleep 2.1
rq_build "$RQ/inc" -v; rq_rc=$?
check "21-quiet: a template changed: every write-up is checked again" \
    '[ $rq_rc -eq 0 ] && ! grep -q "write-ups not checked again" "$RQ/out.log" && rq_same'
