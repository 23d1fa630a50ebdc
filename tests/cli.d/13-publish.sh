# 13-publish.sh - builds into one output folder take turns (a lock the
# kernel releases when its holder dies), and a case edited during a
# build fails it.
# Sourced by tests/cli.sh: uses $GEN, $T, check/ok/bad.

P="$T/13-publish"
mkdir -p "$P"

# p13_until COND: true once COND holds, false after about 30 s
p13_until() {
    p13_i=0
    while [ $p13_i -lt 600 ]; do
        eval "$1" && return 0
        sleep 0.05
        p13_i=$((p13_i + 1))
    done
    return 1
}
# p13_hold FILE: holds an flock(2) lock on FILE (as a build would, with
# the process id 4242 in it) until p13_release
p13_hold() {
    rm -f "$P/fifo" "$P/held"
    mkfifo "$P/fifo"
    ( exec 9>"$1"; flock 9 && echo 4242 >&9 && : > "$P/held" &&
      read p13_x < "$P/fifo" ) &
    p13_holder=$!
    p13_until '[ -e "$P/held" ]'
}
p13_release() {
    timeout 5 sh -c 'echo go > "$1"' _ "$P/fifo"
    wait $p13_holder 2>/dev/null
}
# a fingerprint of every file of a site
p13_sum() { (cd "$1" && find . -type f | sort | xargs cat | cksum); }

# a slow build: 200 cases of 200 kB each, so that rendering their pages
# takes a while after the first has been written
cc -O2 -o "$P/mkcorpus" tests/bench/mkcorpus.c && "$P/mkcorpus" 200 "$P/big" >/dev/null
yes 'Lorem ipsum dolor sit amet, *consectetur* adipiscing elit.' | head -c 200000 > "$P/para"
for p13_f in "$P"/big/*.md; do cat "$P/para" >> "$p13_f"; done
"$GEN" build --out "$P/fresh" -q      # what a build of cases/ writes

# ---- a build waits while another holds the folder's lock ----
p13_hold "$P/.w.gen-lock"
"$GEN" build --out "$P/w" --no-wait > "$P/nowait.err" 2>&1; rc=$?
check "--no-wait fails at once while another build writes the folder" \
    '[ $rc -eq 1 ] && [ ! -e "$P/w" ] &&
     grep -q "w: error: another build of this folder is running (process 4242)" "$P/nowait.err"'
"$GEN" build --out "$P/w" -q 2> "$P/wait.err" &
p13_b=$!
p13_until 'grep -q "waiting for another build" "$P/wait.err"'
sleep 0.3
check "a second build says it waits (naming the other process) and writes nothing meanwhile" \
    'grep -q "^waiting for another build of .*/w (process 4242) to finish" "$P/wait.err" &&
     kill -0 $p13_b 2>/dev/null && [ ! -e "$P/w" ] && [ -z "$(ls -A "$P" | grep "^\.w\.staging-")" ]'
p13_release
wait $p13_b; rc=$?
check "... and builds once the other is done, leaving no lock or staging folder" \
    '[ $rc -eq 0 ] && diff -r "$P/fresh" "$P/w" >/dev/null && [ -z "$(ls -A "$P" | grep "^\.w\.")" ]'

# gen serve takes the same lock for its builds
p13_hold "$P/.served.gen-lock"
"$GEN" serve --port 0 --out "$P/served" > "$P/serve.out" 2> "$P/serve.err" &
p13_s=$!
p13_until 'grep -q "waiting for another build" "$P/serve.err"'
check "gen serve waits for a build of its folder too, and says so" \
    'grep -q "waiting for another build of .*/served" "$P/serve.err" && [ ! -e "$P/served" ]'
p13_release
p13_until 'grep -q "^serving" "$P/serve.out"'
check "... and builds once it is done" '[ -f "$P/served/index.html" ]'
kill $p13_s 2>/dev/null; wait $p13_s 2>/dev/null

# ---- two real builds at once: the reported case ----
# A (the slow cases, one thread) is writing; its staging folder looks older
# than a minute, as a slow build's does; B (the example cases) starts.
# B must not take A's staging folder for a dead build's, and the site
# must end up whole: B's, as it finished last.
"$GEN" build --cases "$P/big" --out "$P/two" -q --jobs 1 2> "$P/a.err" &
p13_a=$!
p13_until 'ls "$P"/.two.staging-*/cases/*/index.html >/dev/null 2>&1'
for p13_d in "$P"/.two.staging-*; do touch -d '2001-01-01' "$p13_d"; done
"$GEN" build --out "$P/two" -q 2> "$P/b.err"; p13_brc=$?
wait $p13_a; p13_arc=$?
check "two builds into one folder at once: both succeed" '[ $p13_arc -eq 0 ] && [ $p13_brc -eq 0 ]' ||
    cat "$P/a.err" "$P/b.err"
check "... the second waited for the first" 'grep -q "waiting for another build of .*/two" "$P/b.err"'
check "... and the site is whole, the same as a fresh build" 'diff -r "$P/fresh" "$P/two" >/dev/null'
check "... leaving no staging folder or lock" '[ -z "$(ls -A "$P" | grep "^\.two\.")" ]'

# ---- a staging folder taken away during a build fails it ----
before=$(p13_sum "$P/two")
"$GEN" build --cases "$P/big" --out "$P/two" -q --jobs 1 2> "$P/moved.err" &
p13_a=$!
p13_until 'ls "$P"/.two.staging-*/cases/*/index.html >/dev/null 2>&1'
mkdir -p "$P/away" && mv "$P"/.two.staging-* "$P/away/"
wait $p13_a; rc=$?
check "a build whose staging folder is taken away fails, saying so" \
    '[ $rc -eq 1 ] && grep -q "error: the staging folder was removed during the build" "$P/moved.err"' ||
    cat "$P/moved.err"
check "... never makes the staging folder again, and keeps the old site" \
    '[ -z "$(ls -A "$P" | grep "^\.two\.")" ] && [ "$before" = "$(p13_sum "$P/two")" ]'
rm -rf "$P/away"

# ---- a build killed with SIGKILL leaves a lock the next build takes ----
"$GEN" build --cases "$P/big" --out "$P/two" -q --jobs 1 &
p13_a=$!
p13_until 'ls "$P"/.two.staging-*/cases/*/index.html >/dev/null 2>&1'
p13_locked=no
[ -f "$P/.two.gen-lock" ] && p13_locked=yes
kill -9 $p13_a 2>/dev/null; wait $p13_a 2>/dev/null
check "a running build holds a lock file beside its output folder" '[ $p13_locked = yes ]'
timeout 60 "$GEN" build --out "$P/two" -q 2> "$P/next.err"; rc=$?
check "the next build takes a killed build's lock at once and clears its staging folder" \
    '[ $rc -eq 0 ] && ! grep -q waiting "$P/next.err" && [ -z "$(ls -A "$P" | grep "^\.two\.")" ] &&
     diff -r "$P/fresh" "$P/two" >/dev/null'

# ---- a case edited between its check and its page ----
# the build is held at the lock after it has read and checked the cases;
# the case is then rewritten to the same size with a longer front matter
mkdir -p "$P/edit"
printf -- '---\ntitle: Leak\ncountry: DK\nsector: ICT\n---\nPublic text 0123456789abcdef0123456789abcdef.\n' > "$P/edit/leak.md"
"$GEN" build --cases "$P/edit" --out "$P/editsite" -q
before=$(p13_sum "$P/editsite")
p13_hold "$P/.editsite.gen-lock"
"$GEN" build --cases "$P/edit" --out "$P/editsite" 2> "$P/edit.err" &
p13_b=$!
p13_until 'grep -q "waiting for another build" "$P/edit.err"'
printf -- '---\ntitle: Leak\ncountry: DK\nsector: ICT\net_note: SECRET\n---\nPublic text 0123456789abcdef.\n' > "$P/edit/leak.md.new"
p13_same=no
[ "$(wc -c < "$P/edit/leak.md")" = "$(wc -c < "$P/edit/leak.md.new")" ] && p13_same=yes
mv "$P/edit/leak.md.new" "$P/edit/leak.md"
p13_release
wait $p13_b; rc=$?
check "a case changed during the build fails it, naming the file" \
    '[ $p13_same = yes ] && [ $rc -eq 1 ] &&
     grep -q "leak.md: error: changed during the build" "$P/edit.err"' || cat "$P/edit.err"
check "... and nothing of it is published" \
    '[ "$before" = "$(p13_sum "$P/editsite")" ] && ! grep -rq SECRET "$P/editsite" &&
     [ -z "$(ls -A "$P" | grep "^\.editsite\.")" ]'
