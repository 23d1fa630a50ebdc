# 18-frameworks.sh - clusterpreneurs (000), the self-assessment triangle
# (002) and cluster alliances (003): case parts, the three pages, gen new
# --assessment and the exports.
F="$T/18-frameworks"
mkdir -p "$F"
"$GEN" build --cases tests/fixtures/frameworks18 --out "$F/s" -q 2>"$F/err.txt"; rc=$?
check "18-frameworks: the fixtures build, with the three pages" \
    '[ $rc -eq 0 ] && [ -f "$F/s/compare/clusterpreneurs/index.html" ] && [ -f "$F/s/compare/assessment/index.html" ] && [ -f "$F/s/compare/alliances/index.html" ]' || cat "$F/err.txt"
CP="$F/s/compare/clusterpreneurs/index.html"
# the row of a case, from its link to the end of its table row
row() { sed -n "s|.*\\(<a href=\"../../cases/$2/index.html\">.*\\)|\\1|p" "$1" | sed 's|</tr>.*||' | head -1; }
check "18-frameworks: an initiative naming two types is marked as driven by several types" \
    'row "$CP" alpha-optics | grep -q "several types"'
check "18-frameworks: two actors of one type are not marked as several types" \
    '! row "$CP" epsilon-ict | grep -q "several types"'
check "18-frameworks: the initiator role marked (★) apart from a funder (●)" \
    'row "$CP" alpha-optics | grep -q "aria-label=\"initiator\">★</span> <small>Alpha University" && row "$CP" alpha-optics | grep -q "aria-label=\"involved\">●</span> <small>Alpha City Council"'
check "18-frameworks: cases without initiators counted as not recorded, never as none" \
    'grep -q "<strong>2</strong> cases name their clusterpreneurs; for <strong>4</strong> they are not recorded" "$CP" && grep -q "Clusterpreneurs not recorded (2): <a href=\"../../cases/beta-optics/index.html\">Beta optics</a>; <a href=\"../../cases/zeta-food/index.html\">Zeta food</a>;" "$CP"'
check "18-frameworks: a case without a stage is grouped under stage not recorded" \
    'sed -n "/id=\"stage-not-recorded\"/,\$p" "$CP" | grep -q "zeta-food"'
check "18-frameworks: the public/private balance counted over named actors" \
    'grep -q "<strong>2</strong> public, <strong>2</strong> private</li>" "$CP"'
A="$F/s/cases/alpha-optics/index.html"
check "18-frameworks: the case page names its clusterpreneurs and the year formalised" \
    'grep -q "<th scope=\"row\">Alpha University</th><td>University and other research organisations</td><td>public</td><td>initiator</td><td>2001</td>" "$A" && grep -q "Formalised as an organisation: <strong>2004</strong>" "$A"'
check "18-frameworks: the triangle's dots count the answers per vertex (2 of 8, 1 of 9, 0 of 12)" \
    '[ "$(grep -c "class=\"on\"><title>" "$A")" = 3 ] && [ "$(grep -c "class=\"off\"><title>" "$A")" = 26 ] && grep -q "<desc id=\"tri-desc\">A, The cluster: 2 of 8 questions answered; B, The cluster policy: 1 of 9 questions answered; C, The cluster management: 0 of 12 questions answered</desc>" "$A"'
check "18-frameworks: the answers listed under their questions" \
    'grep -q "<dt><code>a5</code> What is the geographical reach of the cluster?</dt><dd>regional</dd>" "$A"'
check "18-frameworks: no triangle or clusterpreneurs section on a case that records neither" \
    '! grep -q "id=\"assessment\"\|id=\"clusterpreneurs\"" "$F/s/cases/zeta-food/index.html"'
AS="$F/s/compare/assessment/index.html"
check "18-frameworks: the assessment page sets answers by question, others not recorded" \
    'sed -n "/id=\"q-a1\"/,/id=\"q-a2\"/p" "$AS" | grep -q "<dd>lasers and optical sensors</dd>" && sed -n "/id=\"q-a2\"/,/id=\"q-a3\"/p" "$AS" | grep -q "Not recorded: <a href=\"../../cases/alpha-optics/index.html\">" && ! grep -q "beta-optics" "$AS"'
AL="$F/s/compare/alliances/index.html"
cand=$(sed -n '/<table class="candidates">/,/<\/table>/p' "$AL")
check "18-frameworks: candidates only in the same field across different regions" \
    '[ "$(printf "%s\n" "$cand" | grep -c "^<tr class")" = 2 ] && printf "%s\n" "$cand" | grep -q "alpha-optics.*beta-optics" && printf "%s\n" "$cand" | grep -q "alpha-optics.*gamma-optics" && ! printf "%s\n" "$cand" | grep -q "delta-optics\|epsilon-ict"'
check "18-frameworks: candidates labelled as derived by this site, not by the source" \
    'grep -q "<span class=\"tag derived\">derived by this site</span>" "$AL" && grep -q "<strong>Not stated by the source.</strong>" "$AL"'
check "18-frameworks: a recorded alliance drawn as recorded, and its candidate marked" \
    'grep -q "<li class=\"recorded\"><a href=\"../../cases/alpha-optics/index.html\">Alpha optics</a> ⇄ <a href=\"../../cases/gamma-optics/index.html\">Gamma optics</a> — level: Organizational Field/Cluster or NAO" "$AL" && printf "%s\n" "$cand" | grep "gamma-optics" | grep -q "recorded alliance" && printf "%s\n" "$cand" | grep "beta-optics" | grep -q "candidate only"'
check "18-frameworks: the grid has a linked cell per rated case, in 003's region order" \
    '[ "$(grep -o "<a class=\"cell\"" "$AL" | wc -l)" = 5 ] && [ "$(grep -o "<th scope=\"row\">[^<]*</th>" "$AL" | tr "\n" " ")" = "<th scope=\"row\">Berlin</th> <th scope=\"row\">Stockholm</th> <th scope=\"row\">Riga</th> <th scope=\"row\">Tallinn</th> " ]'
# exports
check "18-frameworks: cases.json carries initiators, formalised, alliances and assessment" \
    'grep -q "\"formalised\":2004" "$F/s/cases.json" && grep -q "\"assessment\":{\"a1\":\"lasers and optical sensors\",\"a5\":\"regional\"" "$F/s/cases.json" && grep -q "\"alliances\":\[{\"partner\":\"gamma-optics\",\"level\":\"cluster\"" "$F/s/cases.json" && grep -q "\"initiators\":null" "$F/s/cases.json"'
check "18-frameworks: cases.csv carries the ratings, formalised, initiator types and answers" \
    'head -1 "$F/s/cases.csv" | grep -q ",influence,interconnectivity,maturity,formalised,initiator_types,several_initiator_types,assessment_answered" && grep -q "^alpha-optics,.*,high,high,high,2004,research;policy,true,3" "$F/s/cases.csv" && grep "^zeta-food," "$F/s/cases.csv" | tr -d "\r" | grep -q "index.html,,,,,,,,\$"'
# gen new --assessment: every question id of the vocabulary, passing check
"$GEN" new --assessment --cases "$F/new" --title "Self assessed" self-assessed >/dev/null 2>&1
N="$F/new/self-assessed.md"
ids=$("$GEN" schema | tr -d '\n ' | sed 's/.*"assessment":{[^}]*"propertyNames":{[^]]*"enum":\[\([^]]*\)\].*/\1/' | tr -d '"' | tr ',' ' ')
missing=0; n=0
for id in $ids; do n=$((n + 1)); grep -q "^#   $id:\$" "$N" || missing=$((missing + 1)); done
check "18-frameworks: gen new --assessment writes every question id of the vocabulary ($n)" \
    '[ "$n" -eq 29 ] && [ $missing -eq 0 ]'
check "18-frameworks: each question and its hints as comments above its id" \
    'grep -B2 "^#   c2:\$" "$N" | grep -q "^#   # What is the legal form of my cluster organization?" && grep -B1 "^#   c2:\$" "$N" | grep -q "^#   #   e.g. foundation; government department; limited liability company"'
sed -i -e '/^draft: true/d' -e 's/^country:.*/country: DK/' -e 's/^sector:.*/sector: ICT/' -e 's/^# assessment:$/assessment:/' -e 's/^#   a5:$/  a5: regional/' -e 's/^#   c2:$/  c2: a foundation/' "$N"
"$GEN" check "$F/new" >"$F/new.txt" 2>&1; rc=$?
check "18-frameworks: its output, filled in, passes gen check" '[ $rc -eq 0 ]' || cat "$F/new.txt"
"$GEN" build --cases "$F/new" --out "$F/ns" -q 2>/dev/null
check "18-frameworks: ... and its answers reach the triangle" \
    'grep -q "<desc id=\"tri-desc\">A, The cluster: 1 of 8 questions answered; B, The cluster policy: 0 of 9 questions answered; C, The cluster management: 1 of 12 questions answered</desc>" "$F/ns/cases/self-assessed/index.html"'
check "18-frameworks: gen new without --assessment writes no question prompts" \
    '"$GEN" new --cases "$F/new2" plain >/dev/null 2>&1 && ! grep -q "^#   a1:" "$F/new2/plain.md"'
# the real collection: 003's 18 fields rebuilt from the cases
if [ -d cases ] && grep -qs "^maturity:" cases/*.md; then
    "$GEN" build --out "$F/real" -q 2>/dev/null
    check "18-frameworks: 003's 18-row table rebuilt from the collection's cases" \
        '[ "$(grep -o "<a class=\"cell\"" "$F/real/compare/alliances/index.html" | wc -l)" = 18 ]'
fi
