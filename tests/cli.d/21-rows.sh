# 21-rows.sh - a rebuild copies the unchanged cases' rows of the data
# files (cases.json, cases.csv, the picker's and the search's scripts)
# from the last build's files, and only from the very files the manifest
# describes: after one edit, all other rows are copied and the site equals
# a fresh build; a data file changed by hand, or rows recorded wrongly,
# never reach the new site.
# Sourced by tests/cli.sh: uses $GEN, $T, check/ok/bad.

RW=$T/21-rows
mkdir -p "$RW"
cp -r cases "$RW/cases" && cp -r templates "$RW/tpl"
rw_build() {     # rw_build OUT [-v]: the verbose lines into $RW/out.log
    "$GEN" build --cases "$RW/cases" --templates "$RW/tpl" --out "$1" ${2:-} \
        2>"$RW/out.log"
}
rw_same() {      # the rebuilt site equals a fresh build of the same cases
    rm -rf "$RW/fresh" "$RW"/.fresh.gen-*
    rw_build "$RW/fresh" &&
        diff -r -x .gen-site "$RW/inc" "$RW/fresh" >/dev/null
}
rw_n=$(ls "$RW/cases"/*.md | wc -l)
rw_nx=4          # the row exports: cases.json, cases.csv, picker, search
sleep 2.1
rw_build "$RW/inc"
printf '\nA sentence added to the write-up.\n' >> "$RW/cases/ac-styria.md"
sleep 2.1
rw_build "$RW/inc" -v; rw_rc=$?
check "21-rows: one edited case: every other case's rows are copied" \
    '[ $rw_rc -eq 0 ] && grep -q "^  $(( (rw_n - 1) * rw_nx )) of $((rw_n * rw_nx)) rows of the data files copied" "$RW/out.log"'
check "21-rows: ... and the site equals a fresh build" 'rw_same'

# a data file changed by hand (same length, another letter): its rows
# are not the manifest's any more, so none is copied from it
# (another case's row than the edited one's)
sed -i '/"slug":"berlin-ict"/s/"title":"./"title":"X/' "$RW/inc/cases.json"
printf '\nAnother sentence.\n' >> "$RW/cases/ac-styria.md"
sleep 2.1
rw_build "$RW/inc" -v; rw_rc=$?
check "21-rows: a data file changed by hand: none of its rows is copied" \
    '[ $rw_rc -eq 0 ] && grep -q "^  $(( (rw_n - 1) * (rw_nx - 1) )) of $((rw_n * rw_nx)) rows" "$RW/out.log"'
check "21-rows: ... and the site equals a fresh build" 'rw_same'

# rows recorded with lengths that do not add up to the file: not used
rw_mf=$RW/.inc.gen-manifest
awk '/^rows / && !done { $3 = $3 + 1; $0 = $0 " "; done = 1 } { print }' "$rw_mf" > "$rw_mf.new" &&
    mv "$rw_mf.new" "$rw_mf"
printf '\nA third sentence.\n' >> "$RW/cases/ac-styria.md"
sleep 2.1
rw_build "$RW/inc" -v; rw_rc=$?
check "21-rows: rows whose lengths do not fit their file are not copied" \
    '[ $rw_rc -eq 0 ] && grep -q "^  $(( (rw_n - 1) * (rw_nx - 1) )) of $((rw_n * rw_nx)) rows" "$RW/out.log" && rw_same'

# a new template for the site (every key changes): nothing is copied
printf '\n' >> "$RW/tpl/404.mustache"
sleep 2.1
rw_build "$RW/inc" -v; rw_rc=$?
check "21-rows: a template change: no row is copied, the site equals a fresh build" \
    '[ $rw_rc -eq 0 ] && grep -q "^  0 of $((rw_n * rw_nx)) rows" "$RW/out.log" && rw_same'

# a site of 300 cases (a folder each, so the spare tree's "cases" folder
# is pruned on several threads): cases deleted and renamed between
# builds leave no folder behind, and the rebuilt site equals a fresh one
RP=$RW/many
mkdir -p "$RP/cases"
awk -v dir="$RP/cases" 'BEGIN {
    for (c = 0; c < 300; c++) {
        f = sprintf("%s/case-%03d.md", dir, c)
        printf "---\ntitle: Case %03d\ncountry: DK\nsector: ICT\n---\nA write-up.\n", c > f
        close(f)
    }
}'
rp_build() {     # rp_build OUT
    "$GEN" build --cases "$RP/cases" --templates "$RW/tpl" --out "$1" -q -j2 \
        2>/dev/null
}
sleep 2.1
rp_build "$RP/inc" && rp_build "$RP/inc"     # the second has a spare tree
rm "$RP/cases/case-007.md" "$RP/cases/case-150.md"
mv "$RP/cases/case-299.md" "$RP/cases/case-moved.md"
sleep 2.1
rp_build "$RP/inc"; rp_rc=$?
rp_build "$RP/inc"; rp_rc2=$?   # into the spare: the deleted cases' folders
rm -rf "$RP/fresh"
rp_build "$RP/fresh"
check "21-rows: 300 cases, some deleted or renamed: the rebuilt site equals a fresh build" \
    '[ $rp_rc -eq 0 ] && [ $rp_rc2 -eq 0 ] && [ ! -e "$RP/inc/cases/case-007" ] &&
     [ ! -e "$RP/inc/cases/case-299" ] && [ -e "$RP/inc/cases/case-moved/index.html" ] &&
     diff -r -x .gen-site "$RP/inc" "$RP/fresh" >/dev/null'
