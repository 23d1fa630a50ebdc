# 17-funding.sh - #17 continued: funding over time (cases.json
# funding.periods, the investment-to-return ratio, the case page's chart,
# the shift comparison), regions.json, level 1 and 3 on a region page and
# the regions side by side. Fixtures: tests/fixtures/regions17.
F="$T/17-funding"
mkdir -p "$F"
FX=tests/fixtures/regions17
"$GEN" build --cases "$FX" --out "$F/s" -q 2>"$F/err.txt"; rc=$?
check "17-funding: the fixtures build" '[ $rc -eq 0 ] && [ -f "$F/s/regions.json" ]' || cat "$F/err.txt"
J="$F/s/cases.json"
line() { grep "\"slug\":\"$1\"" "$J"; }
check "17-funding: periods in time order, each with its total and public share" \
    'line shift | grep -q "\"periods\":\[{\"from\":2001,\"to\":2003,\"known\":true,\"label\":\"2001-2003\",\"items\":2,\"total\":400000,[^]]*\"public_share\":0.75,[^]]*},{\"from\":2007,\"to\":2009,[^]]*\"total\":400000,\"total_text\":\"EUR 400,000\",\"public\":100000,[^]]*\"public_share\":0.25,"'
check "17-funding: an item with no period is kept in an unknown period, last" \
    'line shift | grep -q "{\"from\":null,\"to\":null,\"known\":false,\"label\":\"unknown period\",\"items\":1,\"total\":50000,[^]]*}\]"'
check "17-funding: a period with a source of unknown type has a total but no public share" \
    'line unknowns | grep -q "\"label\":\"2005\",\"items\":2,\"total\":1500,\"total_text\":\"EUR 1,500\",\"public\":null,[^}]*\"public_share\":null"'
check "17-funding: a period with a share in words has no total" \
    'line unknowns | grep -q "\"label\":\"2008-2009\",\"items\":1,\"total\":null,"'
check "17-funding: 'years' is a length, not a period: such items are in the unknown period" \
    'line ratio | grep -q "\"periods\":\[{\"from\":null,\"to\":null,\"known\":false,\"label\":\"unknown period\",\"items\":2,"'
check "17-funding: the investment-to-return ratio from the flows" \
    'line ratio | grep -q "\"return\":{\"measure\":\"investment-return\",[^}]*\"investment\":200000,[^}]*\"return\":900000,[^}]*\"ratio\":4.5,\"ratio_text\":\"1 : 4.5\"}"'
check "17-funding: no ratio where the case neither names the measure nor records both flows" \
    'line shift | grep -q "\"return\":null"'
# regions.json
R="$F/s/regions.json"
reg() { grep "\"key\":\"$1\"" "$R"; }
check "17-funding: regions.json: key, name and the cases' slugs" \
    'reg north-mid-sweden | grep -q "^{\"key\":\"north-mid-sweden\",\"name\":\"North Mid-Sweden\",\"cases\":\[\"steel-org\",\"steel-two\"\],"'
check "17-funding: regions.json: each gap's bridges name case and activity" \
    'reg north-mid-sweden | grep -q "\"policy\":\[{\"case\":\"steel-org\",\"activity\":\"Breakfast meetings\"}\],\"firm-to-firm\":\[{\"case\":\"steel-org\",\"activity\":\"Platform activities\"},{\"case\":\"steel-org\",\"activity\":\"Breakfast meetings\"}\]"'
check "17-funding: regions.json: the empty slots where activities are recorded" \
    'reg north-mid-sweden | grep -q "\"empty\":\[\"education\",\"capital\",\"cluster-to-cluster\",\"global\"\]"'
check "17-funding: regions.json: no activities recorded: empty is null, not every gap" \
    'reg riga | grep -q "\"empty\":null" && reg riga | grep -q "\"level3\":\[\]"'
check "17-funding: regions.json: level 1 by actor type and sector; a sum only where every case gives a number" \
    'reg north-mid-sweden | grep -q "\"level1\":{\"organisations\":2,\"actors\":null,\"actors_recorded\":2," && reg north-mid-sweden | grep -q "\"actor_types\":{\"firms\":2,\"research\":1," && reg north-mid-sweden | grep -q "{\"key\":\"ict\",\"name\":\"ICT\",\"cases\":\[\"steel-org\"\],\"count\":1,\"actors\":700,"'
check "17-funding: regions.json: no actor types recorded: null" \
    'reg riga | grep -q "\"actor_types_recorded\":0,\"actor_types\":null"'
check "17-funding: regions.json: level 3 per bridge, null where not recorded" \
    'reg north-mid-sweden | grep -q "{\"case\":\"steel-org\",\"activity\":\"Platform activities\",\"gaps\":\[\"firm-to-firm\"\],\"participants\":150,\"participants_text\":\"150\",\"frequency\":\"monthly\"}" && reg north-mid-sweden | grep -q "\"participants\":null,\"participants_text\":\"some 15-20\",\"frequency\":\"monthly\"" && reg north-mid-sweden | grep -q "\"activity\":\"Project partners\",\"gaps\":\[\"research\"\],\"participants\":null,\"participants_text\":null,\"frequency\":null"'
# region page: level 1 and 3
P="$F/s/regions/north-mid-sweden/index.html"
check "17-funding: region page: the actors mapped, a phrase kept, no sum of a phrase" \
    'grep -q "<h2 id=\"actors\">The actors mapped</h2>" "$P" && grep -q "Steel partners</a>: about 40 actors" "$P" && grep -q "<strong>not recorded</strong> actors in all" "$P"'
check "17-funding: region page: actor types counted by organisation" \
    'grep -q "<tr><th scope=\"row\">Firms</th><td>2: " "$P"'
check "17-funding: region page: traffic recorded on 2 of 3 bridges" \
    'grep -q "Of 3 activities that bridge a gap here, 2 record their traffic" "$P"'
check "17-funding: a region without actor types or activities says not recorded, not 0" \
    'grep -q "Actor types: not recorded" "$F/s/regions/riga/index.html" && grep -q "Traffic not recorded: no case here records an activity" "$F/s/regions/riga/index.html" && ! grep -q "<td>0</td>" "$F/s/regions/riga/index.html"'
# the regions side by side
C="$F/s/compare/regions/index.html"
check "17-funding: regions side by side: empty slots, organisations and traffic per gap" \
    'grep "regions/north-mid-sweden/index.html" "$C" | grep -q "<td data-gap=\"education\"><span class=\"warn\">empty slot</span></td>" && grep "regions/north-mid-sweden/index.html" "$C" | grep -q "<td data-gap=\"firm-to-firm\">bridges: <strong>2</strong>, organisations: 1<br><small><a href=\"../../cases/steel-org/index.html\">Steel organisation</a><br></small><small class=\"ok\">traffic on 2</small>" && grep "regions/north-mid-sweden/index.html" "$C" | grep -q "<td>4</td><td>2 of 3 bridges</td>"'
check "17-funding: regions side by side: a region without activities has no empty slot" \
    'grep "regions/riga/index.html" "$C" | grep -q "not recorded" && ! grep "regions/riga/index.html" "$C" | grep -q "empty slot"'
check "17-funding: the comparison is linked from the compare index and the regions page" \
    'grep -q "href=\"../compare/regions/index.html\"" "$F/s/compare/index.html" && grep -q "href=\"../compare/funding-shift/index.html\"" "$F/s/compare/index.html" && grep -q "href=\"../compare/regions/index.html\">All regions side by side" "$F/s/regions/index.html"'
# the shift comparison
S="$F/s/compare/funding-shift/index.html"
check "17-funding: shift page: from 75% to 25% public is -50 points towards private" \
    'grep "data-slug=\"shift\"" "$S" | grep -q "<td>2001-2003: 75%</td><td>2007-2009: 25%</td><td data-value=\"-50\">-50 points <small>(towards private)</small>"'
check "17-funding: shift page: dependence on the largest source, with 001 cited" \
    'grep "data-slug=\"shift\"" "$S" | grep -q "75% <small>(Members late, 2007-2009)</small>" && grep -q "the higher this share is, the more dependant" "$S" && grep -q "Funding logics, the paragraph above Figure 19" "$S"'
check "17-funding: shift page: unknown shares and shifts are not recorded, never 0" \
    'grep "data-slug=\"unknowns\"" "$S" | grep -q "<td>2005: <span class=\"muted\">not recorded</span></td>" && grep "data-slug=\"unknowns\"" "$S" | grep -q "<td data-value=\"\"><span class=\"muted\">not recorded</span></td><td data-value=\"\"><span class=\"muted\">not recorded</span></td>" && grep "data-slug=\"ratio\"" "$S" | grep -q "<td><span class=\"muted\">not recorded</span></td><td><span class=\"muted\">not recorded</span></td>"'
# the case page's chart
CP="$F/s/cases/shift/index.html"
check "17-funding: case page: an SVG chart of public against private per period" \
    'grep -q "<svg role=\"img\" aria-labelledby=\"funding-chart-cap\"" "$CP" && grep -q "<rect class=\"pub\" x=\"113\" y=\"66\" width=\"90\" height=\"150\"><title>2001-2003: Public EUR 300,000</title>" "$CP"'
check "17-funding: case page: the text alternative lists every period" \
    'grep -q "<tr><th scope=\"row\">2007-2009</th><td data-value=\"400000\">EUR 400,000</td><td data-value=\"100000\">EUR 100,000</td><td data-value=\"300000\">EUR 300,000</td><td data-value=\"0.25\">25%</td></tr>" "$CP" && grep -q "<tr><th scope=\"row\">unknown period</th>" "$CP"'
check "17-funding: case page: an unknown total is drawn as not recorded, an unknown split apart" \
    'grep -q "<rect class=\"unknown\"" "$F/s/cases/unknowns/index.html" && grep -q "<rect class=\"unsplit\"" "$F/s/cases/unknowns/index.html" && grep -q "<th scope=\"row\">2008-2009</th><td data-value=\"\"><span class=\"muted\">not recorded</span>" "$F/s/cases/unknowns/index.html"'
check "17-funding: case page: the investment-to-return ratio" \
    'grep -q "ratio <strong>1 : 4.5</strong>" "$F/s/cases/ratio/index.html"'
check "17-funding: no chart where no funding item is dated" \
    '! grep -q "funding-chart" "$F/s/cases/ratio/index.html" && ! grep -q "Funding over time" "$F/s/cases/ratio/index.html"'
"$GEN" build --cases "$FX" --out "$F/s2" -q 2>/dev/null
check "17-funding: regions.json is deterministic" 'cmp -s "$F/s/regions.json" "$F/s2/regions.json"'

# the yearly total: an amount over from..to is spread over its years, and
# items over different periods make no yearly total (not one year's whole)
check "17-funding: items over different periods give no yearly total" \
    'line shift | grep -q "\"total_eur_per_year\":null"'
mkdir -p "$T/17span/cases"
cat > "$T/17span/cases/span.md" <<'CASE'
---
title: Span
country: SE
sector: ICT
funding:
  - { source: State grant, type: public, amount: 900000, currency: EUR, from: 2001, to: 2009 }
---
Body.
CASE
check "17-funding: an amount over 2001-2009 counts a ninth per year" \
    '$GEN build --cases "$T/17span/cases" --out "$T/17span/s" -q 2>/dev/null && grep -q "\"total_eur_per_year\":100000" "$T/17span/s/cases.json"'
