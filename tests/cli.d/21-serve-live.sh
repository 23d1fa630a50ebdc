# 21-serve-live.sh - gen serve tells the open pages of a new site the
# moment it is live: /__gen/state?after=V (V the version now) is held
# until a build makes the next version, and the site is already the new
# one when it is answered; another V is answered at once; a held request
# is answered after HOLD_TIME (15 s) with the version it has, and when
# the server stops.
# Sourced by tests/cli.sh (GEN, T, check). Loopback only; every wait is
# bounded and the server started here is stopped here.
if command -v curl >/dev/null 2>&1; then
S21L=$T/21-serve-live
mkdir -p "$S21L"
cp -r cases templates "$S21L/"
(cd "$S21L" && exec "$GEN" serve --port 0 >serve.out 2>serve.err) &
s21l_pid=$!
s21l_url=""
for i in $(seq 1 40); do
    p=$(grep -o '127.0.0.1:[0-9]*' "$S21L/serve.out" 2>/dev/null | cut -d: -f2)
    [ -n "$p" ] && { s21l_url=http://127.0.0.1:$p; break; }
    sleep 0.25
done
s21l_version() {
    curl -s --max-time 2 "$s21l_url/__gen/state" |
        sed -n 's/.*"version": \([0-9]*\).*/\1/p'
}
if [ -n "$s21l_url" ]; then
    v=$(s21l_version)
    # held across a build: started now, answered by the next version
    curl -s --max-time 30 "$s21l_url/__gen/state?after=$v" > "$S21L/held.json" &
    held=$!
    # held until the time runs out: started before anything changes
    curl -s --max-time 40 -o "$S21L/timeout.json" -w '%{time_total}' \
        "$s21l_url/__gen/state?after=$v" > "$S21L/timeout.time" &
    timed=$!
    sleep 1.5
    check "serve live: a state request for the version now is held" \
        'kill -0 $held 2>/dev/null && [ ! -s "$S21L/held.json" ]'
    other=$(curl -s --max-time 2 -o /dev/null -w '%{time_total}' \
        "$s21l_url/__gen/state?after=$((v + 7))")
    check "serve live: a request for another version is answered at once" \
        'awk -v t="$other" "BEGIN { exit !(t < 1) }"'
    bad_after=$(curl -s --max-time 2 "$s21l_url/__gen/state?after=x$v")
    check "serve live: an after= that is not a number is answered at once" \
        'printf "%s" "$bad_after" | grep -q "\"version\": $v,"'
    sed -i 's/^title: Medicon Valley$/title: Medicon Valley Live/' "$S21L/cases/medicon-valley.md"
    wait $held
    page=$(curl -s --max-time 2 "$s21l_url/cases/medicon-valley/")
    check "serve live: the held request is answered with the next version" \
        'grep -q "\"version\": $((v + 1)), \"ok\": true" "$S21L/held.json"'
    check "serve live: when it is answered, the new site is live" \
        'printf "%s" "$page" | grep -q "<h1>Medicon Valley Live</h1>"'
    # the second request was let go by the same build; one held after it
    # runs until the time is up
    wait $timed
    check "serve live: requests held together are all let go" \
        'grep -q "\"version\": $((v + 1))," "$S21L/timeout.json"'
    v2=$(s21l_version)
    curl -s --max-time 40 -o "$S21L/late.json" -w '%{time_total}' \
        "$s21l_url/__gen/state?after=$v2" > "$S21L/late.time" &
    late=$!
    wait $late
    check "serve live: a held request is answered after 15 s with the version it has" \
        'grep -q "\"version\": $v2," "$S21L/late.json" && awk -v t="$(cat "$S21L/late.time")" "BEGIN { exit !(t >= 13 && t < 25) }"'
    # a request held when the server stops is answered, and the server
    # stops at once
    curl -s --max-time 10 -o "$S21L/stop.json" "$s21l_url/__gen/state?after=$v2" &
    stopped=$!
    sleep 1
    t0=$(date +%s%N)
    kill "$s21l_pid" 2>/dev/null; wait "$s21l_pid" 2>/dev/null
    t1=$(date +%s%N)
    wait $stopped
    check "serve live: stopping with a request held answers it and stops at once" \
        '[ $(( (t1 - t0) / 1000000 )) -lt 3000 ] && grep -q "\"version\": $v2," "$S21L/stop.json"'
else
    bad "serve live: did not start"
    kill "$s21l_pid" 2>/dev/null; wait "$s21l_pid" 2>/dev/null
fi
fi
