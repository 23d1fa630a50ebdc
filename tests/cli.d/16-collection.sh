# 16-collection.sh - the collection: every claim traceable to its source,
# and the clusters the sources describe.
K="$T/16-collection"
mkdir -p "$K/ev"
printf -- '---\ntitle: x\ncountry: DK\nsector: Food and agriculture\nstage: latent\nmodel: partnership\nfunding:\n  - source: A grant\n    type: public\nactivities:\n  - networking events\n  - name: seminars\n    evidence: "004, p. 3"\n    source: 1\nsources:\n  - title: T\n---\n' > "$K/ev/e.md"
out=$("$GEN" check --require-evidence "$K/ev" 2>&1); rc=$?
check "16-collection: --require-evidence warns at each claim without evidence, at its line" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "e.md:5:8: warning: the declared stage has no evidence" &&
     printf "%s" "$out" | grep -q "e.md:6:8: warning: the declared model has no evidence" &&
     printf "%s" "$out" | grep -q "e.md:8:5: warning: funding source .A grant. has no evidence" &&
     printf "%s" "$out" | grep -q "e.md:11:5: warning: activity .networking events. has no evidence" &&
     printf "%s" "$out" | grep -q "0 errors, 4 warnings"'
out=$("$GEN" check "$K/ev" 2>&1)
check "16-collection: without it, no such warning" 'printf "%s" "$out" | grep -q "0 errors, 0 warnings"'
out=$("$GEN" check --require-evidence cases 2>&1); rc=$?
check "16-collection: every claim of cases/ carries its evidence" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | tail -1 | grep -q ": 0 errors, 0 warnings"' || printf "%s\n" "$out" | tail -5
check "16-collection: at least 50 cases" '[ "$(ls cases/*.md | wc -l)" -ge 50 ]'
"$GEN" build --out "$K/site" -q
# 003's table: six city regions x three fields, each a case with its
# ratings in cases.json
rows=$(node -e '
const d=JSON.parse(require("fs").readFileSync(process.argv[1]));
const r=d.cases.filter(c=>c.ratings&&c.ratings.maturity);
console.log(new Set(r.map(c=>c.region+"/"+c.sector)).size, r.length,
  r.every(c=>c.ratings.influence&&c.ratings.interconnectivity&&Array.isArray(c.ratings.structures)))' "$K/site/cases.json")
check "16-collection: 003's 18 rows read back from cases.json (18 region-field pairs, all rated)" '[ "$rows" = "18 18 true" ]' || echo "$rows"
check "16-collection: the case page shows the evidence beside its claim, without JavaScript" \
    'grep -q "<details class=\"evidence\"><summary>Evidence</summary>" "$K/site/cases/agro-food-park/index.html"'
# a case whose source names no place (Lean Energy Cluster) has no
# location rather than a guessed one: every other case has one
check "16-collection: every case that names a place has a location" \
    '[ "$(node -e "const d=JSON.parse(require(\"fs\").readFileSync(process.argv[1]));console.log(d.cases.filter(c=>!c.location&&(c.region||c.city)).map(c=>c.slug).join(\" \"))" "$K/site/cases.json")" = "" ]'
check "16-collection: a count in the source's words stays words (some 180), never a bare number" \
    'grep -q "Actors</dt><dd>some 180" "$K/site/cases/ac-styria/index.html" && [ "$(node -e "const d=JSON.parse(require(\"fs\").readFileSync(process.argv[1]));const c=d.cases.find(x=>x.slug===\"ac-styria\");console.log(c.actors+\"/\"+c.actors_text)" "$K/site/cases.json")" = "null/some 180" ]'
