# 21-scale: what a build holds in memory does not grow with what every
# case page carries (issue 21, target 4), and the search index holds a
# write-up's words once.
S21=$T/scale
mkdir -p "$S21/cases"
# 100 cases of 4,000 footnotes each: 800,000 ids on the case pages, which
# the build used to keep until the end for the link check (~75 MB peak)
awk -v dir="$S21/cases" 'BEGIN {
    for (c = 0; c < 100; c++) {
        f = sprintf("%s/notes-%03d.md", dir, c)
        printf "---\ntitle: Notes %03d\ncountry: DK\nsector: ICT\n---\n", c > f
        for (i = 1; i <= 4000; i++)
            printf "Claim %d, incubators.[^%d]\n", i, i > f
        printf "\n" > f
        for (i = 1; i <= 4000; i++)
            printf "[^%d]: Note %d.\n", i, i > f
        close(f)
    }
}'
s21_build() {
    "$GEN" build --cases "$S21/cases" --out "$S21/site" -q -j2 2>"$S21/err"
}
case "$GEN" in
*asan*|*tsan*) s21_time= ;;           # sanitizers' own memory dwarfs it
*) s21_time=$(command -v /usr/bin/time) ;;
esac
if [ -n "$s21_time" ]; then
    /usr/bin/time -f '%M' -o "$S21/peak" "$GEN" build --cases "$S21/cases" \
        --out "$S21/site" -q -j2 2>"$S21/err"; rc=$?
    peak=$(tail -n 1 "$S21/peak")
    check "21-scale: 800,000 ids on 100 case pages: the build peaks under 50 MB (was ~75; now $peak KB)" \
        '[ $rc -eq 0 ] && [ "$peak" -lt 51200 ]'
else
    s21_build; rc=$?
fi
check "21-scale: the footnotes' ids are on the pages" \
    '[ $rc -eq 0 ] && grep -q "id=\"fn-4000\"" "$S21/site/cases/notes-042/index.html"'
L21=$(grep '"slug":"notes-007"' "$S21/site/static/search.js")
check "21-scale: the search index holds a write-up's word once, and not one it starts (incubator)" \
    '[ "$(printf "%s" "$L21" | grep -o " claim " | wc -l)" -eq 1 ] &&
     printf "%s" "$L21" | grep -q " incubators" && ! printf "%s" "$L21" | grep -q " incubator "'

# a fragment into a case page is checked against that page's ids, which
# are read back from the site rather than kept
printf '\nSee [a note](../notes-001/#fn-7).\n' >> "$S21/cases/notes-000.md"
s21_build; rc=$?
check "21-scale: a write-up's link to an id of another case page builds" '[ $rc -eq 0 ]'
printf '\nSee [no note](../notes-001/#fn-4001).\n' >> "$S21/cases/notes-000.md"
s21_build; rc=$?
check "21-scale: a link to an id that another case page lacks fails the build" \
    '[ $rc -ne 0 ] && grep -q "anchor cases/notes-001/index.html#fn-4001 does not exist" "$S21/err"'
rm -rf "$S21"
