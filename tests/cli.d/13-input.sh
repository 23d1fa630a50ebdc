# 13-input.sh - author input that must not damage the output or the
# terminal: control characters, dates, swallowed list items, empty
# activity names, funding shares. (The exact diagnostics are in
# tests/fixtures/bad: control-chars, terminal-escape, date-*,
# swallowed-list, activity-empty, funding-shares.)
I="$T/input"
mkdir -p "$I"

# bad_bytes FILE...: how many bytes XML forbids (C0 but tab, LF, CR; DEL)
# and how many U+FFFE the files hold together
bad_bytes() { cat "$@" | LC_ALL=C tr -cd '\001-\010\013\014\016-\037\177' | wc -c; }
nonchar() { cat "$@" | LC_ALL=C grep -c "$(printf '\357\277\276')"; }

# ---- control characters in a case never reach a page, the feed or a
# terminal: warned at their place, left out ----
mkdir -p "$I/ctl"
cat > "$I/ctl/ctl.md" <<'EOF'
---
title: "Fjord\x01 \e[2J Cluster \uFFFE"
country: DK
sector: "Food\x0c"
summary: "A summary\x7f with\u0085 controls"
authors: ["Ann \e]0;pwned\a"]
tags: ["b\x1bad"]
date: 2024-02-29
activities:
  - "networking events\x02"
---
Text.
EOF
out=$("$GEN" build --cases "$I/ctl" --out "$I/ctl-site" --base-url https://example.org/ 2>&1); rc=$?
check "13-input: control characters in text warn and the build succeeds" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "ctl.md:2:8: warning: title: control character U+0001 and 2 more are left out"'
check "13-input: no forbidden character in any output file" \
    '[ -f "$I/ctl-site/feed.xml" ] && [ "$(bad_bytes $(find "$I/ctl-site" -type f))" -eq 0 ] &&
     [ "$(nonchar $(find "$I/ctl-site" -type f))" -eq 0 ]'
check "13-input: the feed keeps the rest of the title" \
    'grep -q "<title>Fjord \[2J Cluster </title>" "$I/ctl-site/feed.xml"'
if command -v xmllint >/dev/null 2>&1; then
    check "13-input: feed.xml with control characters in the case is well-formed" \
        'xmllint --noout "$I/ctl-site/feed.xml" 2>/dev/null'
    check "13-input: sitemap.xml is well-formed" 'xmllint --noout "$I/ctl-site/sitemap.xml" 2>/dev/null'
fi
check "13-input: no raw control character reaches the terminal from a build" \
    '[ "$(printf "%s" "$out" | bad_bytes)" -eq 0 ]'

# defence in depth: text that never went through the case check (a
# --base-url, render data) loses them in the escaper too
"$GEN" build --out "$I/bu-site" -q --base-url "$(printf 'https://example.org/\033x/')" >/dev/null 2>&1
check "13-input: a control character in --base-url stays out of feed and sitemap" \
    '[ -f "$I/bu-site/feed.xml" ] && [ "$(bad_bytes "$I/bu-site/feed.xml" "$I/bu-site/sitemap.xml")" -eq 0 ]'
if command -v xmllint >/dev/null 2>&1; then
    check "13-input: feed.xml and sitemap.xml stay well-formed with it" \
        'xmllint --noout "$I/bu-site/feed.xml" 2>/dev/null && xmllint --noout "$I/bu-site/sitemap.xml" 2>/dev/null'
fi
printf '{"t": "a\\u0001b\\uFFFEc\\u001bd\\u00e9"}' > "$I/d.json"
printf '<t>{{t}}</t>' > "$I/t.mustache"
check "13-input: the escaper drops what XML forbids and keeps UTF-8" \
    '[ "$("$GEN" render "$I/t.mustache" --data "$I/d.json")" = "<t>abcdé</t>" ]'

# ---- terminal escape sequences in keys, values and file names are shown
# escaped, never raw ----
mkdir -p "$I/term"
cat > "$I/term/$(printf 'x\033[2Jy').md" <<'EOF'
---
title: x
country: DK
sector: x
"\e]0;pwned\a\e[2J": 1
draft: "\e[31mred\x9b"
størrelse: 1
---
EOF
out=$("$GEN" check "$I/term" 2>&1); rc=$?
check "13-input: check prints no raw control character" \
    '[ $rc -eq 1 ] && [ "$(printf "%s" "$out" | bad_bytes)" -eq 0 ] &&
     ! printf "%s" "$out" | LC_ALL=C grep -q "$(printf "\302\233")"'
check "13-input: check shows them as \\x1b, in the message and the file name" \
    'printf "%s\n" "$out" | grep -qF "unknown key '"'"'\x1b]0;pwned\x07\x1b[2J'"'"'" &&
     printf "%s\n" "$out" | grep -qF "got \"\x1b[31mred\u009b\"" &&
     printf "%s\n" "$out" | grep -qF "x\x1b[2Jy.md:5:1: warning"'
check "13-input: UTF-8 in a message is kept" \
    'printf "%s\n" "$out" | grep -qF "unknown key '"'"'størrelse'"'"'"'
out=$("$GEN" build --cases "$I/term" --out "$I/term-site" 2>&1)
check "13-input: build prints no raw control character" \
    '[ -n "$out" ] && [ "$(printf "%s" "$out" | bad_bytes)" -eq 0 ]'
out=$("$GEN" check --format json "$I/term" 2>/dev/null)
check "13-input: JSON diagnostics escape once, as JSON" \
    'printf "%s" "$out" | grep -qF "\\u001b]0;pwned\\u0007" && ! printf "%s" "$out" | grep -qF "\\\\x1b" &&
     [ "$(printf "%s" "$out" | bad_bytes)" -eq 0 ]'

# ---- dates: YYYY-MM-DD digits naming a real day ----
mkdir -p "$I/date"
for pair in 2024-02-29:ok 2000-02-29:ok 1999-12-31:ok 2024-01-+1:bad \
    -001-01-01:bad +024-01-01:bad 0000-01-01:bad 2100-02-29:bad \
    2023-02-29:bad 2024-04-31:bad 2024-00-10:bad 2024-1-010:bad \
    '" 024-01-01"':bad 2024-01-1x:bad; do
    d=${pair%:*} want=${pair##*:}
    printf -- '---\ntitle: x\ncountry: DK\nsector: x\ndate: %s\n---\n' "$d" > "$I/date/d.md"
    out=$("$GEN" check "$I/date/d.md" 2>&1); rc=$?
    if [ "$want" = ok ]; then
        check "13-input: date $d is accepted" '[ $rc -eq 0 ]'
    else
        check "13-input: date $d is an error at its place" \
            '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "d.md:5:7: error: date: "'
    fi
done

# ---- funding shares: rounding to whole percents is tolerated ----
mkdir -p "$I/shares"
printf -- '---\ntitle: x\ncountry: DK\nsector: ICT\nfunding:\n  - {source: a, share: 0.34}\n  - {source: b, share: 0.34}\n  - {source: c, share: 0.33}\n---\n' > "$I/shares/round.md"
out=$("$GEN" check "$I/shares" 2>&1); rc=$?
check "13-input: shares that add up to 1.01 by rounding pass" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "0 errors, 0 warnings"'
printf -- '---\ntitle: x\ncountry: DK\nsector: x\nfunding:\n  - {source: a, share: 0.5}\n  - {source: b, share: 0.52}\n---\n' > "$I/shares/round.md"
out=$("$GEN" build --cases "$I/shares" --out "$I/shares-site" 2>&1); rc=$?
check "13-input: shares over 1 fail the build at the funding key" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "round.md:5:1: error: funding: the shares add up to 1.02"'

# ---- the swallowed list item: its gap is flagged, not silently lost ----
mkdir -p "$I/swallow"
printf -- '---\ntitle: x\ncountry: DK\nsector: ICT\nactivities:\n  - networking events\n   - seminars\n   - trade fairs\n---\n' > "$I/swallow/s.md"
out=$("$GEN" check "$I/swallow" 2>&1); rc=$?
check "13-input: a list item indented one space too far is a warning at its line" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "s.md:6:5: warning: activities: .networking events - seminars - trade fairs. looks like several activities"'
sed -i 's/^   - /  - /' "$I/swallow/s.md"
out=$("$GEN" check "$I/swallow" 2>&1)
check "13-input: indented like its siblings, no warning" \
    'printf "%s" "$out" | grep -q "0 errors, 0 warnings"'

# ---- control characters in the write-up: warned at their place, never
# in the page ----
mkdir -p "$I/body"
printf -- '---\ntitle: x\ncountry: DK\nsector: x\n---\nFirst line.\n\nSecond \001line\033 here.\n' > "$I/body/b.md"
out=$("$GEN" check "$I/body" 2>&1); rc=$?
check "13-input: a control character in the write-up is a warning at its line and column" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "b.md:8:8: warning: write-up: control character U+0001 and others are left out"'
"$GEN" build --cases "$I/body" --out "$I/body-site" -q 2>/dev/null
check "13-input: the write-up's control characters never reach its page" \
    '[ -f "$I/body-site/cases/b/index.html" ] && grep -q "Second line here." "$I/body-site/cases/b/index.html" && ! LC_ALL=C grep -q "$(printf "[\001\033]")" "$I/body-site/cases/b/index.html"'
