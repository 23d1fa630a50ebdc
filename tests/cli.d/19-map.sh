# 19-map.sh - the home page's map, the case and region locators, and
# charts that count what they cannot place (issue #19, items 1 and 2).
M="$T/19-map"
mkdir -p "$M/cases"
# four ICT cases: one placed with a stage, one cross-border (DK and SE),
# one in Stockholm with no stage, one with no location
printf -- '---\ntitle: Alpha cluster\ncountry: SE\nsector: ICT\nregion: Stockholm\nlocation: {lat: 59.33, lon: 18.07}\nstage:\n  value: working\n  evidence: "it works"\n  source: 1\nsources:\n  - {title: A report, year: 2001}\n---\nText.\n' > "$M/cases/alpha.md"
printf -- '---\ntitle: Bridge cluster\ncountry: DK\ncountries: [DK, SE]\nsector: ICT\nlocation: {lat: 55.68, lon: 12.57}\n---\n' > "$M/cases/bridge.md"
printf -- '---\ntitle: Delta cluster\ncountry: SE\nsector: ICT\nregion: Stockholm\nlocation: {lat: 59.33, lon: 18.07}\n---\n' > "$M/cases/delta.md"
printf -- '---\ntitle: Nowhere cluster\ncountry: DK\nsector: ICT\n---\n' > "$M/cases/nowhere.md"
"$GEN" build --cases "$M/cases" --out "$M/s1" -q 2>"$M/err.txt"; rc=$?
check "19-map: a collection with placed, cross-border and unplaced cases builds" '[ $rc -eq 0 ]' || cat "$M/err.txt"
H="$M/s1/index.html"
# one marker link per located case, each to a page that exists
grep -o '<a class="mk [^"]*" href="[^"]*"' "$H" | sed 's/.*href="//; s/"$//' > "$M/marks.txt"
check "19-map: the home map has one marker link per located case" \
    '[ "$(wc -l < "$M/marks.txt")" -eq 3 ] && [ "$(sort -u "$M/marks.txt" | wc -l)" -eq 3 ] && ! grep -q nowhere "$M/marks.txt"'
check "19-map: every marker links to a case page that was written" \
    '[ -s "$M/marks.txt" ] && while read -r h; do [ -f "$M/s1/$h" ] || exit 1; done < "$M/marks.txt"'
check "19-map: a marker carries its case's title" \
    'grep -q "<a class=\"mk st-working\" href=\"cases/alpha/index.html\"><title>Alpha cluster" "$H"'
check "19-map: the map is inline SVG with the country outlines, no script or tiles" \
    'grep -q "<svg class=\"map-svg\"" "$H" && grep -q "class=\"map-country map-hl\" data-code=\"SE\"" "$H" && ! grep -q "<img" "$H"'
check "19-map: a case with no location is named as not placed" \
    'grep "id=\"map-unplaced\"" "$H" | grep -q "Nowhere cluster"'
check "19-map: the marker's colour class follows the stage; no stage is st-none" \
    'grep -q "<a class=\"mk st-working\" href=\"cases/alpha/index.html\"" "$H" && grep -q "<a class=\"mk st-none\" href=\"cases/delta/index.html\"" "$H"'
check "19-map: the legend counts the stages on the map, stage not recorded too" \
    'grep -q "Working cluster <span class=\"count\">(1)</span>" "$H" && grep -q "Stage not recorded <span class=\"count\">(2)</span>" "$H"'
check "19-map: a cross-border case has an anchor in its other country" \
    'grep -q "Bridge cluster: also in Sweden" "$H"'
check "19-map: a text alternative lists the placed cases" \
    'grep -q "<summary>The 3 cases on the map, as a list</summary>" "$H"'
check "19-map: a case page has a locator map" \
    'grep -q "<figure class=\"locator\">" "$M/s1/cases/alpha/index.html" && grep -q "class=\"map-country map-hl\" data-code=\"SE\"" "$M/s1/cases/alpha/index.html"'
check "19-map: a cross-border case's locator shades both its countries" \
    '[ "$(grep -c "class=\"map-country map-hl\" data-code=\"\(DK\|SE\)\"" "$M/s1/cases/bridge/index.html")" -eq 2 ]'
check "19-map: a case with no location has no locator" \
    '! grep -q "<figure class=\"locator\">" "$M/s1/cases/nowhere/index.html"'
check "19-map: a region page has a locator with a marker per case" \
    '[ "$(grep -c "<a class=\"mk " "$M/s1/regions/stockholm/index.html")" -eq 2 ]'
check "19-map: the about page credits Natural Earth and world-atlas" \
    'grep -q "Made with Natural Earth" "$M/s1/about/index.html" && grep -q "world-atlas" "$M/s1/about/index.html"'
# the count of a chart's dashed "not recorded" bar on page $1
none_count() {
    awk -v id="chart-$2" 'index($0, "id=\"" id "\"") {on = 1}
        on && /<g class="bar none">/ {g = 1}
        g && /class="count"/ {sub(/.*">/, ""); sub(/<.*/, ""); print; exit}' "$1"
}
for p in index.html compare/index.html; do
    check "19-map: $p: the stage chart's not-recorded bar counts the 3 cases with no stage" \
        '[ "$(none_count "$M/s1/$p" stages)" = 3 ]'
    check "19-map: $p: the model chart's not-recorded bar counts the 4 with no model" \
        '[ "$(none_count "$M/s1/$p" models)" = 4 ]'
    check "19-map: $p: the gaps chart's not-recorded bar counts the 4 with no activities" \
        '[ "$(none_count "$M/s1/$p" gaps)" = 4 ]'
done
check "19-map: chart labels sit above their bars and counts past their ends" \
    'grep -q "<text class=\"lbl\" x=\"0\" y=\"12\">Wishful thinking</text>" "$H" && grep -q "<rect x=\"0\" y=\"16\"" "$H"'
check "19-map: stage bars are coloured by stage, model bars by model" \
    'grep -q "<g class=\"bar st-working\">" "$H" && grep -q "<g class=\"bar md-membership\">" "$H"'
check "19-map: charts have an axis" 'grep -q "class=\"axis-title\"" "$H"'
S="$M/s1/compare/stage-sector/index.html"
check "19-map: stage x sector: 1 and 3 cases are different steps of a scale with a key" \
    'grep -q "<td class=\"q1\">1</td>" "$S" && grep -q "<td class=\"q3\">3</td>" "$S" && grep -q "class=\"heat-scale\"" "$S"'
check "19-map: stage x sector: cases with no stage counted under not recorded" \
    'grep -q "</span>not recorded</th>" "$S"'
"$GEN" build --cases "$M/cases" --out "$M/s2" -q 2>/dev/null
check "19-map: maps and charts are the same byte for byte on a second build" \
    'diff -r "$M/s1" "$M/s2" >/dev/null'
