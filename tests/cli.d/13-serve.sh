# 13-serve.sh - gen serve: what it may read, who may ask, folders that
# are replaced under it, and floods of idle connections.
# Sourced by tests/cli.sh (GEN, T, check). Loopback only; every wait is
# bounded and every server started here is stopped here.
if command -v curl >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1; then
S13=$T/serve13
mkdir -p "$S13"

# s13_start DIR [ARGS]: gen serve in DIR on a free port (with at most
# $s13_nofile file descriptors when set); sets s13_pid and s13_url (empty
# when it did not listen within 5 s)
s13_nofile=""
s13_start() {
    s13_dir=$1; shift
    (cd "$s13_dir" && { [ -z "$s13_nofile" ] || ulimit -n "$s13_nofile"; } &&
        exec "$GEN" serve --port 0 "$@" >serve.out 2>serve.err) &
    s13_pid=$!
    s13_url=""
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        s13_port=$(grep -o '127.0.0.1:[0-9]*' "$s13_dir/serve.out" 2>/dev/null | cut -d: -f2)
        [ -n "$s13_port" ] && { s13_url=http://127.0.0.1:$s13_port; return 0; }
        sleep 0.25
    done
    return 1
}
s13_stop() { kill "$s13_pid" 2>/dev/null; wait "$s13_pid" 2>/dev/null; }
s13_get() { curl -s --max-time 2 --path-as-is "$s13_url$1"; }
s13_code() { curl -s --max-time 2 -o /dev/null -w '%{http_code}' --path-as-is "$s13_url$1"; }
# s13_host HOST PATH: the status for a request with that Host header
s13_host() { curl -s --max-time 2 -o /dev/null -w '%{http_code}' -H "Host: $1" "$s13_url$2"; }
# s13_wait PATH TEXT: up to 8 s for the page at PATH to contain TEXT
s13_wait() {
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
        s13_get "$1" | grep -q "$2" && return 0
        sleep 0.5
    done
    return 1
}
s13_version() { s13_get /__gen/state | sed -n 's/.*"version": \([0-9]*\).*/\1/p'; }

# ---- an output folder the build refuses: no serving at all ----
mkdir -p "$S13/refuse/mine" && cp -r cases templates "$S13/refuse/"
echo "not a site" >"$S13/refuse/mine/notes.txt"
out=$(cd "$S13/refuse" && timeout 3 "$GEN" serve --port 0 --out / 2>&1); rc=$?
check "serve: --out / exits with an error before listening" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "refusing to write the site into this folder" && ! printf "%s" "$out" | grep -q "^serving"'
out=$(cd "$S13/refuse" && timeout 3 "$GEN" serve --port 0 --out mine 2>&1); rc=$?
check "serve: a folder gen did not make is refused before listening" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "refusing to replace a folder" && ! printf "%s" "$out" | grep -q "^serving" && [ -f "$S13/refuse/mine/notes.txt" ]'

# ---- a first build that fails: only the diagnostics, never files ----
mkdir -p "$S13/broken" && cp -r cases templates "$S13/broken/"
(cd "$S13/broken" && "$GEN" build -q)
ln -s /etc/passwd "$S13/broken/site/leak.txt"
sed -i 's/^country: DK$/country: Denmark/' "$S13/broken/cases/medicon-valley.md"
if s13_start "$S13/broken"; then
    check "serve: a failed first build shows its diagnostics on every page" \
        '[ "$(s13_code /index.html)" = 500 ] && s13_get /static/style.css | grep -q "medicon-valley.md:4:10: error" && s13_get /no/such/page | grep -q "medicon-valley.md:4:10: error"'
    check "serve: no file is read before a good build" \
        '! s13_get /leak.txt | grep -q "^root:" && ! s13_get /etc/passwd | grep -q "^root:" && ! s13_get /../../../../etc/passwd | grep -q "^root:" && [ "$(s13_code /leak.txt)" = 500 ]'
    sed -i 's/^country: Denmark$/country: DK/' "$S13/broken/cases/medicon-valley.md"
    check "serve: the site once the first good build is done" \
        's13_wait /__gen/state "\"ok\": true" && [ "$(s13_code /index.html)" = 200 ] && [ "$(s13_code /leak.txt)" = 404 ]'

    # ---- the Host header: this machine's names only (DNS rebinding) ----
    p=$s13_port
    check "serve: Host localhost, 127.0.0.1 and [::1] are answered" \
        '[ "$(s13_host "localhost:$p" /)" = 200 ] && [ "$(s13_host localhost /)" = 200 ] && [ "$(s13_host "127.0.0.1:$p" /)" = 200 ] && [ "$(s13_host "[::1]:$p" /)" = 200 ]'
    check "serve: another Host is refused (DNS rebinding)" \
        '[ "$(s13_host evil.example /)" = 403 ] && [ "$(s13_host "evil.example:$p" /index.html)" = 403 ] && [ "$(s13_host "localhost.evil.example:$p" /)" = 403 ] && [ "$(s13_host "evil.example:$p" /__gen/state)" = 403 ] && ! curl -s --max-time 2 -H "Host: evil.example" "$s13_url/" | grep -q "<html"'
    check "serve: HTTP/1.1 without Host is refused" \
        '[ "$(curl -s --max-time 2 -o /dev/null -w "%{http_code}" -H "Host:" "$s13_url/")" = 400 ]'
else
    bad "serve: did not start after a failed first build"
fi
s13_stop

# ---- cases/ and templates/ removed or replaced while serving ----
mkdir -p "$S13/watch" && cp -r cases templates "$S13/watch/"
W=$S13/watch
if s13_start "$W" && s13_wait /__gen/state '"ok": true'; then
    rm -rf "$W/cases" && mkdir "$W/cases" && cp cases/*.md "$W/cases/"
    sleep 0.3
    sed -i 's/^title: Medicon Valley$/title: Medicon Valley Again/' "$W/cases/medicon-valley.md"
    check "serve: cases/ removed and made again is still watched" \
        's13_wait /cases/medicon-valley/index.html "<h1>Medicon Valley Again</h1>"'
    mv "$W/cases" "$W/cases.old" && cp -r "$W/cases.old" "$W/cases"
    sleep 0.3
    sed -i 's/^title: Medicon Valley Again$/title: Medicon Valley Moved/' "$W/cases/medicon-valley.md"
    check "serve: cases/ moved away and replaced is still watched" \
        's13_wait /cases/medicon-valley/index.html "<h1>Medicon Valley Moved</h1>"'
    # let any build the copy set off finish first: the version must hold
    # still before it can show that the old folder sets off none
    v=$(s13_version)
    for i in 1 2 3 4 5 6 7 8 9 10; do
        sleep 1
        w=$(s13_version)
        [ "$w" = "$v" ] && break
        v=$w
    done
    sed -i 's/^title: .*$/title: Old Copy/' "$W/cases.old/medicon-valley.md"
    sleep 1.5
    check "serve: the folder moved away is no longer watched" \
        '[ -n "$v" ] && [ "$(s13_version)" = "$v" ]'
    mv "$W/templates" "$W/templates.old" && cp -r "$W/templates.old" "$W/templates"
    sleep 0.3
    echo "/* r13-templates-replaced */" >>"$W/templates/static/style.css"
    check "serve: templates/ moved away and replaced is still watched" \
        's13_wait /static/style.css r13-templates-replaced'
else
    bad "serve: did not start for the watch tests"
fi
s13_stop
# a vocabulary beside the site: its folder also sees each build swap the
# site in (from the second build on), which must not start another build
printf 'countries:\n  XX: Testland\n' >"$W/vocab.yaml"
if s13_start "$W" --vocabulary vocab.yaml && s13_wait /__gen/state '"ok": true'; then
    printf 'countries:\n  XY: Testland\n' >"$W/vocab.tmp" && mv "$W/vocab.tmp" "$W/vocab.yaml"
    check "serve: the vocabulary saved by renaming rebuilds" \
        's13_wait /__gen/state "\"version\": [2-9]"'
    sleep 1.5
    check "serve: a build does not set off the next one" '[ "$(s13_version)" = 2 ]'
else
    bad "serve: did not start with a vocabulary"
fi
s13_stop

# ---- 1,200 idle half-sent connections from one address ----
# s13_flood N STOPFILE: opens N connections to the server, sends half a
# request on each, prints "open K" then, a second later, "closed C" (how
# many the server has already closed), holds the rest until STOPFILE
# exists (15 s at most) and closes them all
s13_flood() {
    python3 - "$s13_port" "$1" "$2" <<'PY'
import os, resource, socket, sys, time
port, n, stop = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if soft != resource.RLIM_INFINITY and soft < n + 64:
    want = n + 64 if hard == resource.RLIM_INFINITY else min(n + 64, hard)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    except (ValueError, OSError):
        pass
socks, deadline = [], time.time() + 8
for i in range(n):
    if time.time() > deadline:
        break
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=1)
    except OSError:
        continue
    socks.append(s)
    try:
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    except OSError:
        pass
print("open", len(socks), flush=True)
time.sleep(1)
closed = 0
for s in socks:
    s.setblocking(False)
    try:
        if s.recv(1) == b"":
            closed += 1
    except BlockingIOError:
        pass
    except OSError:
        closed += 1
print("closed", closed, flush=True)
end = time.time() + 15
while time.time() < end and not os.path.exists(stop):
    time.sleep(0.05)
for s in socks:
    s.close()
PY
}
# s13_flood_run N SECONDS: floods the server, then tries a real request
# until it is answered, for SECONDS at most; sets s13_open, s13_closed and
# s13_answered (yes or no)
s13_flood_run() {
    rm -f "$S13/flood.stop"
    s13_flood "$1" "$S13/flood.stop" >"$S13/flood.out" 2>&1 &
    fpid=$!
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24; do
        grep -q '^closed' "$S13/flood.out" && break
        sleep 0.5
    done
    s13_open=$(sed -n 's/^open //p' "$S13/flood.out")
    s13_closed=$(sed -n 's/^closed //p' "$S13/flood.out")
    s13_answered=no
    timeout "$2" sh -c 'until [ "$(curl -s --max-time 1 -o /dev/null -w "%{http_code}" "$1/index.html")" = 200 ]; do sleep 0.25; done' sh "$s13_url" && s13_answered=yes
    touch "$S13/flood.stop"
    wait "$fpid" 2>/dev/null
}
if command -v python3 >/dev/null 2>&1; then
    mkdir -p "$S13/flood" && cp -r cases templates "$S13/flood/"
    if s13_start "$S13/flood" && s13_wait /__gen/state '"ok": true'; then
        s13_flood_run 1200 3
        check "serve: answers at once beside 1,200 idle connections" \
            '[ "${s13_open:-0}" -ge 1100 ] && [ $s13_answered = yes ]'
    else
        bad "serve: did not start for the flood test"
    fi
    s13_stop
    # with 512 file descriptors: the flood is capped (one address holds
    # at most half of the connections), and the held ones go idle
    # quickly, so a real request gets in within seconds
    s13_nofile=512
    if s13_start "$S13/flood" && s13_wait /__gen/state '"ok": true'; then
        s13_flood_run 1200 8
        check "serve: a flood past the limit is refused at once, not queued" \
            '[ "${s13_open:-0}" -ge 1000 ] && [ "${s13_closed:-0}" -ge 500 ]'
        check "serve: with few file descriptors, still answers within seconds of a flood" \
            '[ $s13_answered = yes ] && kill -0 "$s13_pid" 2>/dev/null'
    else
        bad "serve: did not start with 512 file descriptors"
    fi
    s13_stop
    s13_nofile=""
fi
fi
