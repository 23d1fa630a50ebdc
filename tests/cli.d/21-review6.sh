# 21-review6.sh - regressions found reviewing the #21 performance work
# (rows of the data files copied from the last build, the manifest).
# Sourced by tests/cli.sh: uses $GEN, $T, check/ok/bad.

R6=$T/21-review6
mkdir -p "$R6"
cp -r cases "$R6/cases" && cp -r templates "$R6/tpl"
r6_build() {     # r6_build OUT [-v]: what it says into $R6/out.log
    "$GEN" build --cases "$R6/cases" --templates "$R6/tpl" --out "$1" -q \
        ${2:-} 2>"$R6/out.log"
}
r6_same() {      # the rebuilt site equals a fresh build of the same cases
    rm -rf "$R6/fresh" "$R6"/.fresh.gen-*
    r6_build "$R6/fresh" &&
        diff -r -x .gen-site "$R6/inc" "$R6/fresh" >/dev/null
}

# A manifest whose row lengths add up to the file only by wrapping
# around (one row "-1" bytes long, the next one byte longer than the
# two together): the sum check passes, so the rows must be checked one
# by one, or a row of 2^64-1 bytes is copied (a crash, or a damaged
# cases.json published as a success).
sleep 2.1
r6_build "$R6/inc"
r6_mf=$R6/.inc.gen-manifest
awk '/^rows / && !done { $5 = $5 + 1 + $4; $4 = "18446744073709551615";
                         $0 = $0 " "; done = 1 } { print }' "$r6_mf" > "$r6_mf.new" &&
    mv "$r6_mf.new" "$r6_mf"
printf '\nA sentence added.\n' >> "$R6/cases/dortmund.md"
sleep 2.1
r6_build "$R6/inc"; r6_rc=$?
check "21-review6: row lengths that wrap around the file are not used" \
    '[ $r6_rc -eq 0 ] && r6_same'

# Two rows' lengths swapped, or two cases' row keys: the lengths still
# add up to the file, so only a check of the rows' record as a whole
# keeps a damaged cases.json (or one case's row given to another) out
for r6_what in rows rowkeys; do
    awk -v what="$r6_what" '$1 == what && !done { t = $4; $4 = $5; $5 = t;
                             $0 = $0 " "; done = 1 } { print }' "$r6_mf" > "$r6_mf.new" &&
        mv "$r6_mf.new" "$r6_mf"
    printf '\nAnother sentence.\n' >> "$R6/cases/dortmund.md"
    sleep 2.1
    r6_build "$R6/inc"; r6_rc=$?
    check "21-review6: two $r6_what swapped in the manifest: no row is copied wrongly" \
        '[ $r6_rc -eq 0 ] && r6_same'
done

# A manifest with its rows' record repeated (64 "rows" lines of 30,000
# rows each, 4 MB): the record is read into memory that grows with it,
# not re-copied whole for each line (that took ~500 MB)
awk '/^rowkeys / { printf "rowkeys 30000 "; for (i = 0; i < 30000; i++) printf "1 ";
                   printf "\n"; for (k = 0; k < 64; k++) { printf "rows 1 ";
                   for (i = 0; i < 30000; i++) printf "1 "; printf "\n" }
                   next }
     /^rows / { next } { print }' "$r6_mf" > "$r6_mf.new" && mv "$r6_mf.new" "$r6_mf"
printf '\nA fourth sentence.\n' >> "$R6/cases/dortmund.md"
case "$GEN" in
*asan*|*tsan*) r6_time= ;;            # sanitizers' own memory dwarfs it
*) r6_time=$(command -v /usr/bin/time) ;;
esac
if [ -n "$r6_time" ]; then
    sleep 2.1
    /usr/bin/time -f '%M' -o "$R6/peak" "$GEN" build --cases "$R6/cases" \
        --templates "$R6/tpl" --out "$R6/inc" -q 2>/dev/null; r6_rc=$?
    r6_peak=$(tail -n 1 "$R6/peak")
    check "21-review6: a manifest with its rows repeated: the build peaks under 150 MB (now $r6_peak KB)" \
        '[ $r6_rc -eq 0 ] && [ "$r6_peak" -lt 153600 ] && r6_same'
fi

# --keep-going finds each case's errors through a set of the files they
# name: a case whose write-up links a missing case file (an error of the
# write-up check) is left out, one with only a warning is published
R6K=$R6/kg
mkdir -p "$R6K/cases"
cp cases/ac-styria.md cases/berlin-ict.md cases/dortmund.md "$R6K/cases/"
printf '\nSee [the other](no-such-case.md).\n' >> "$R6K/cases/berlin-ict.md"
printf '\nSome <b>bold</b> text.\n' >> "$R6K/cases/dortmund.md"
"$GEN" build --cases "$R6K/cases" --out "$R6K/site" --keep-going -q \
    >/dev/null 2>&1; r6_rc=$?
check "21-review6: --keep-going leaves out the case whose write-up has an error, keeps the one with a warning" \
    '[ $r6_rc -eq 1 ] && [ ! -e "$R6K/site/cases/berlin-ict" ] &&
     [ -e "$R6K/site/cases/dortmund/index.html" ] &&
     [ -e "$R6K/site/cases/ac-styria/index.html" ]'
