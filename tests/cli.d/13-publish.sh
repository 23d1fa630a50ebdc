# 13-publish.sh - builds into one output folder take turns (a lock the
# kernel releases when its holder dies), a case edited during a build
# fails it, and --out on a mount point or a symbolic link.
# Sourced by tests/cli.sh: uses $GEN, $T, check/ok/bad.
# (The build manifest ".<name>.gen-manifest", the cases as read
# ".<name>.gen-cases" and the last site ".<name>.gen-spare"
# stay beside the output
# on purpose: docs/architecture.md.)

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
    '[ $rc -eq 0 ] && diff -r "$P/fresh" "$P/w" >/dev/null && [ -z "$(ls -A "$P" | grep "^\.w\." | grep -vE "gen-(manifest|spare|cases)$")" ]'

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
check "... leaving no staging folder or lock" '[ -z "$(ls -A "$P" | grep "^\.two\." | grep -vE "gen-(manifest|spare|cases)$")" ]'

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
    '[ -z "$(ls -A "$P" | grep "^\.two\." | grep -vE "gen-(manifest|spare|cases)$")" ] && [ "$before" = "$(p13_sum "$P/two")" ]'
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
    '[ $rc -eq 0 ] && ! grep -q waiting "$P/next.err" && [ -z "$(ls -A "$P" | grep "^\.two\." | grep -vE "gen-(manifest|spare|cases)$")" ] &&
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
     [ -z "$(ls -A "$P" | grep "^\.editsite\." | grep -vE "gen-(manifest|spare|cases)$")" ]'

# ---- --out a symbolic link to a folder: the folder is published ----
mkdir -p "$P/target"
ln -s target "$P/link"
"$GEN" build --out "$P/link" -q 2> "$P/link.err"; rc=$?
check "--out a symbolic link to a folder publishes into the folder, keeping the link" \
    '[ $rc -eq 0 ] && [ -L "$P/link" ] && diff -r "$P/fresh" "$P/target" >/dev/null'
out=$("$GEN" build --out "$P/link" 2>&1); rc=$?
check "... and a rebuild through the link keeps unchanged files" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "(0 written, " && [ -L "$P/link" ]'
ln -s nowhere "$P/dangling"
out=$("$GEN" build --out "$P/dangling" 2>&1); rc=$?
check "--out a symbolic link to nothing says so" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "dangling: error: is a symbolic link that does not lead to a folder" &&
     [ -L "$P/dangling" ] && [ ! -e "$P/nowhere" ]'

# ---- --out a mount point: a clear refusal, with what to do ----
mkdir -p "$P/mnt" "$P/bind" "$P/bindsrc"
if unshare -m sh -c 'mount -t tmpfs none "$1" && umount "$1"' _ "$P/mnt" 2>/dev/null; then
    unshare -m sh -c '
        mount -t tmpfs none "$1/mnt"
        "$2" build --out "$1/mnt" > "$1/mnt.err" 2>&1; echo $? > "$1/mnt.rc"
        "$2" build --out "$1/mnt/site" -q > "$1/in.err" 2>&1; echo $? > "$1/in.rc"
        mount --bind "$1/bindsrc" "$1/bind"
        "$2" build --out "$1/bind" > "$1/bind.err" 2>&1; echo $? > "$1/bind.rc"
    ' _ "$P" "$GEN"
    check "--out a mount point is refused before building, saying why and what to do" \
        '[ "$(cat "$P/mnt.rc")" = 1 ] && grep -q "mnt: error: is a mount point" "$P/mnt.err" &&
         grep -q "hint: give a folder inside it, such as --out .*/mnt/site" "$P/mnt.err"' ||
        cat "$P/mnt.err"
    check "... also a bind mount on the same file system" \
        '[ "$(cat "$P/bind.rc")" = 1 ] && grep -q "bind: error: is a mount point" "$P/bind.err"'
    check "... and a folder inside the mount point works" '[ "$(cat "$P/in.rc")" = 0 ]'
    check "... leaving nothing beside the mount points" \
        '[ -z "$(ls -A "$P" | grep -E "^\.(mnt|bind)\.")" ]'
else
    echo "13-publish: skipped the mount-point checks: cannot mount in a new namespace here (needs root and unshare -m)"
fi

# cases kept inside the site folder, or inside the spare tree beside it,
# would be replaced or pruned by the build: it refuses, and the author's
# file is still there
P13I=$T/13-inside
TPL13I=$(pwd)/templates
mkdir -p "$P13I/src"
printf -- '---\ntitle: Only copy\ncountry: DK\nsector: ICT\n---\nOnly copy.\n' > "$P13I/src/mine.md"
(cd "$P13I" && "$GEN" build --templates "$TPL13I" --cases src --out site -q 2>/dev/null)
mv "$P13I/src" "$P13I/site/src"
out=$(cd "$P13I" && "$GEN" build --templates "$TPL13I" --cases site/src --out site -q 2>&1); rc=$?
check "13-publish: cases inside the site folder are refused, and kept" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "site/src is inside the site folder" &&
     [ -f "$P13I/site/src/mine.md" ]'
out=$(cd "$P13I" && "$GEN" build --templates "$TPL13I" --cases ./site/../site/src --out ./site/ -q 2>&1); rc=$?
check "13-publish: ... however the paths are written" '[ $rc -eq 1 ] && [ -f "$P13I/site/src/mine.md" ]'
mkdir -p "$P13I/.site.gen-spare/mine" && cp "$P13I/site/src/mine.md" "$P13I/.site.gen-spare/mine/"
out=$(cd "$P13I" && "$GEN" build --templates "$TPL13I" --cases .site.gen-spare/mine --out site -q 2>&1); rc=$?
check "13-publish: cases inside the spare tree beside the site are refused, and kept" \
    '[ $rc -eq 1 ] && [ -f "$P13I/.site.gen-spare/mine/mine.md" ]'
out=$(cd "$P13I" && "$GEN" build --templates "$TPL13I" --cases site/src --out site-two -q 2>&1); rc=$?
check "13-publish: a site folder whose name starts like the other's is another folder" \
    '[ $rc -eq 0 ] && [ -f "$P13I/site-two/index.html" ]'

# the files a build keeps beside the site replaced by FIFOs: not read
# (opening one would wait for a writer forever), and the build goes on
rm -f "$P13I/.site.gen-cases" "$P13I/.site.gen-manifest"
mkfifo "$P13I/.site.gen-cases" "$P13I/.site.gen-manifest"
rm -rf "$P13I/src2" && mkdir "$P13I/src2" && cp "$P13I/site/src/mine.md" "$P13I/src2/"
(cd "$P13I" && timeout 60 "$GEN" build --templates "$TPL13I" --cases src2 --out site -q 2>/dev/null); rc=$?
check "13-publish: FIFOs in place of the manifest and the case store do not hang a build ($rc)" \
    '[ $rc -eq 0 ] && [ -f "$P13I/site/cases/mine/index.html" ]'
# a device named as the cases folder is not an empty collection: the
# good site stays
(cd "$P13I" && "$GEN" build --templates "$TPL13I" --cases /dev/null --out site -q 2>"$P13I/null.err"); rc=$?
check "13-publish: --cases /dev/null is an error and the site is kept" \
    '[ $rc -eq 1 ] && grep -q "/dev/null: error: cannot read a character device" "$P13I/null.err" &&
     [ -f "$P13I/site/cases/mine/index.html" ]'
