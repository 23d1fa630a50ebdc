# 17-regions.sh - regions as a grouping, and 001's Table 4 for a whole
# city region, built from every organisation in it.
R="$T/17-regions"
mkdir -p "$R/city2" "$R/city1"
# City 2 of Table 4, its thirteen bridges split over three organisations
# of one region (and a fourth that records no activities)
fm() { printf -- '---\ntitle: %s\ncountry: SE\nsector: ICT\nregion: %s\nactivities:\n' "$1" "$2"; }
{ fm "City 2 cluster organisation" Stockholm
  printf '  - {name: Network Gathering, connects: [research, education, capital, government, firms]}\n  - {name: Innovation Projects, connects: [research, firms]}\n  - {name: Cross-clustering, connects: [clusters]}\n  - {name: Quality Program, connects: [firms]}\n  - {name: Technical Standards, connects: [firms]}\n---\n'; } > "$R/city2/org.md"
{ fm "City 2 incubator and campus" Stockholm
  printf '  - {name: The Incubator, connects: [research]}\n  - {name: Office on Campus, connects: [research, education]}\n  - {name: Training Programs, connects: [education]}\n  - {name: Investor Days, connects: [capital]}\n---\n'; } > "$R/city2/inc.md"
{ fm "City 2 investment agency" Stockholm
  printf '  - {name: Trade Shows, connects: [firms, global]}\n  - {name: Market Intelligence, connects: [global]}\n  - {name: Export Promotion, connects: [firms, global]}\n  - {name: Talent Attraction, connects: [global]}\n---\n'; } > "$R/city2/inv.md"
printf -- '---\ntitle: City 2 chamber\ncountry: SE\nsector: ICT\nregion: Stockholm\n---\n' > "$R/city2/chamber.md"
"$GEN" build --cases "$R/city2" --out "$R/s2" -q 2>"$R/err.txt"; rc=$?
check "17-regions: a region of four organisations builds its page" \
    '[ $rc -eq 0 ] && [ -f "$R/s2/regions/stockholm/index.html" ] && [ -f "$R/s2/regions/index.html" ]' || cat "$R/err.txt"
P="$R/s2/regions/stockholm/index.html"
# every gap of City 2 is bridged (1234567), none an empty slot
check "17-regions: City 2's Table 4 rebuilt from organisations split across the region: every gap bridged" \
    '[ "$(grep -c "<th scope=\"row\"><a href=\"../../gaps/" "$P")" = 7 ] && ! grep -q "class=\"warn\">empty slot" "$P"'
check "17-regions: each tick names the organisation and activity that built it" \
    'grep -q "City 2 investment agency</a>: Talent Attraction" "$P" && grep -q "City 2 incubator and campus</a>: Investor Days" "$P"'
check "17-regions: a case without activities adds no bridge and no empty slot, and is counted" \
    'grep -q "Cases that record no activities add no bridge and no empty slot: 1 here." "$P"'
check "17-regions: traffic not recorded where the case gives none" 'grep -q "traffic not recorded" "$P"'
# City 1: its three activities in one organisation leave four empty slots
{ fm "City 1 organisation" Riga
  printf '  - {name: Network Gathering, connects: [firms]}\n  - {name: Innovation Projects, connects: [firms]}\n  - {name: Website, connects: [firms, global]}\n---\n'; } > "$R/city1/org.md"
"$GEN" build --cases "$R/city1" --out "$R/s1" -q 2>/dev/null
check "17-regions: City 1's Table 4: five empty slots (....5.7)" \
    '[ "$(grep -o "class=\"warn\">empty slot" "$R/s1/regions/riga/index.html" | wc -l)" = 5 ]'
check "17-regions: a listing of one case says '1 case', not '1 cases'" \
    'grep -q "<h2 id=\"cases\">1 case</h2>" "$R/s1/regions/riga/index.html"'
