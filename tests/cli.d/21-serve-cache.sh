# 21-serve-cache.sh - gen serve keeps the cases in memory between builds
# (case_cache.h) and re-reads only the files that changed: after each of a
# sequence of edits, additions, deletions, renames, a bad edit and its
# fix, the site it serves is byte-identical to a fresh `gen build` of the
# same cases. A file changed within two seconds of the build is read
# anyway (never kept), so most steps change files while the server is
# stopped and let it build once they are older: a stale copy kept in
# spite of a changed identity would show in the diff.
# Sourced by tests/cli.sh (GEN, T, check). Loopback only; every wait is
# bounded and the server started here is stopped here.
if command -v curl >/dev/null 2>&1; then
S21=$T/21-serve-cache
mkdir -p "$S21"
cp -r cases templates "$S21/"
C21=$S21/cases
# a write-up that links another case and a case file: its check depends
# on the collection, so it is made again every build
cat "$C21/medicon-valley.md" > "$C21/s21-linker.md"
sed -i 's/^title: .*/title: Linking case/' "$C21/s21-linker.md"
printf '\nSee [Medicon](../medicon-valley/) and [Agro](agro-food-park.md).\n' >> "$C21/s21-linker.md"
s21_url=""
s21_pid=""
s21_start() {
    (cd "$S21" && exec "$GEN" serve --port 0 >serve.out 2>serve.err) &
    s21_pid=$!
    for i in $(seq 1 40); do
        p=$(grep -o '127.0.0.1:[0-9]*' "$S21/serve.out" 2>/dev/null | cut -d: -f2)
        [ -n "$p" ] && { s21_url=http://127.0.0.1:$p; return 0; }
        sleep 0.25
    done
    return 1
}
s21_state() { curl -s --max-time 2 "$s21_url/__gen/state"; }
s21_version() { s21_state | sed -n 's/.*"version": \([0-9]*\).*/\1/p'; }
# s21_built V: up to 15 s for a build after version V, then until no other
# follows within a second
s21_built() {
    for i in $(seq 1 60); do
        w=$(s21_version)
        [ -n "$w" ] && [ "$w" != "$1" ] && break
        sleep 0.25
    done
    for i in 1 2 3 4 5 6 7 8 9 10; do
        sleep 1
        x=$(s21_version)
        [ "$x" = "$w" ] && return 0
        w=$x
    done
    return 0
}
# s21_same: the served site is what a fresh build of the same cases makes
s21_same() {
    rm -rf "$S21/fresh" "$S21/.fresh".*
    (cd "$S21" && "$GEN" build --out fresh -q 2>/dev/null) &&
        diff -r -x .gen-site "$S21/site" "$S21/fresh" > "$S21/diff.out" 2>&1
}
# s21_step NAME CMD: runs CMD while the server is stopped (SIGSTOP), as
# if a long build were under way, and lets it go on once the files are
# older than the two seconds: only their identity then tells that they
# changed. Then waits for the build and checks the site.
s21_step() {
    v=$(s21_version)
    kill -STOP "$s21_pid"
    eval "$2"
    sleep 2.2
    kill -CONT "$s21_pid"
    s21_built "$v"
    check "21-serve-cache: $1: the served site equals a fresh build" \
        's21_state | grep -q "\"ok\": true" && s21_same' ||
        head -5 "$S21/diff.out"
}

sleep 2.1       # the copies age past the two seconds: the first build keeps them
if s21_start && { s21_built ""; s21_state | grep -q '"ok": true'; }; then
    check "21-serve-cache: the first build reads every case file" \
        'grep -q "(73 case files read)" "$S21/serve.err"'
    s21_step "a case's title edited" \
        'sed -i "s/^title: Medicon Valley$/title: Medicon Valley Edited/" "$C21/medicon-valley.md"'
    check "21-serve-cache: the save read only the file that changed" \
        'tail -1 "$S21/serve.err" | grep -q "(1 case files read)"'
    s21_step "the same case edited again, same size" \
        'sed -i "s/^title: Medicon Valley Edited$/title: Medicon Valley Edites/" "$C21/medicon-valley.md"'
    s21_step "a case added" \
        'sed "s/^title: .*/title: Added in serve/" "$C21/ac-styria.md" > "$C21/s21-added.md"'
    s21_step "a case's summary edited" \
        'sed -i "s/^summary: /summary: Edited. /" "$C21/s21-added.md"'
    s21_step "a case deleted" 'rm "$C21/berlin-ict.md"'
    s21_step "a case renamed" 'mv "$C21/berlin-optics-photonics.md" "$C21/s21-renamed.md"'
    # a bad edit, built at once: the build fails and says where; its fix
    # builds again
    v=$(s21_version)
    sed -i 's/^country: DK$/country: Denmark/' "$C21/medicon-valley.md"
    s21_built "$v"
    check "21-serve-cache: a bad edit fails the build and says where" \
        's21_state | grep -q "\"ok\": false" && grep -q "medicon-valley.md:[0-9]*:[0-9]*: error" "$S21/serve.err"'
    s21_step "the bad edit fixed" \
        'sed -i "s/^country: Denmark$/country: DK/" "$C21/medicon-valley.md"'
    # the write-up that links another case: the case it links goes away
    v=$(s21_version)
    mv "$C21/agro-food-park.md" "$S21/agro-food-park.md.away"
    s21_built "$v"
    check "21-serve-cache: a kept write-up's link to a case renamed away is an error" \
        's21_state | grep -q "\"ok\": false" && grep -q "s21-linker.md:.*agro-food-park.md" "$S21/serve.err"'
    s21_step "the linked case back" 'mv "$S21/agro-food-park.md.away" "$C21/agro-food-park.md"'
    s21_step "a case's write-up edited, then one more" \
        'echo "A line saved while serving." >> "$C21/ac-styria.md"; echo "Another." >> "$C21/s21-renamed.md"'
    # serve keeps the last manifest it saved: one another build saved
    # since is read instead
    s21_step "a gen build of the same folder between two saves" \
        'sed -i "s/^title: Medicon Valley Edites$/title: Medicon Valley Other/" "$C21/medicon-valley.md"; (cd "$S21" && "$GEN" build -q 2>/dev/null); sed -i "s/^title: Medicon Valley Other$/title: Medicon Valley Last/" "$C21/medicon-valley.md"'
    # ... and it knows what its builds left in the spare tree only while
    # no other build has published: one that published a case since
    # removed left its files in the tree that is the spare two saves on
    s21_step "a gen build with a case since removed" \
        'sed "s/^title: .*/title: Foreign case/" "$C21/ac-styria.md" > "$C21/s21-foreign.md"; (cd "$S21" && "$GEN" build -q 2>/dev/null); rm "$C21/s21-foreign.md"'
    s21_step "two saves after it" 'echo "Once more." >> "$C21/ac-styria.md"'
    s21_step "three saves after it" 'echo "And again." >> "$C21/ac-styria.md"'
else
    bad "21-serve-cache: gen serve did not start and build"
    cat "$S21/serve.err" 2>/dev/null | tail -5
fi
[ -n "$s21_pid" ] && { kill "$s21_pid" 2>/dev/null; wait "$s21_pid" 2>/dev/null; }
fi

# gen serve started on a site already up to date builds nothing and so
# reads no case; it reads them all while it waits, so that the first save
# reads only the file saved, as every later one does
if command -v curl >/dev/null 2>&1 && [ -d "$S21/site" ]; then
    (cd "$S21" && "$GEN" build -q 2>/dev/null)
    sleep 2.1
    if s21_start && { s21_built ""; s21_state | grep -q '"ok": true'; }; then
        check "21-serve-cache: started on an up-to-date site, serve reads no case" \
            'grep -q "(0 case files read)" "$S21/serve.err"'
        v=$(s21_version)
        echo "A line saved first thing." >> "$C21/ac-styria.md"
        s21_built "$v"
        check "21-serve-cache: ... and its first save reads only the file saved" \
            'tail -1 "$S21/serve.err" | grep -q "(1 case files read)" && s21_same'
    else
        bad "21-serve-cache: gen serve did not start on the built site"
    fi
    [ -n "$s21_pid" ] && { kill "$s21_pid" 2>/dev/null; wait "$s21_pid" 2>/dev/null; }
fi
