# 15-evidence.sh - classify only from evidence: how sure each stage is,
# and unknown never shown as none.
E="$T/15-evidence"
mkdir -p "$E/cases"
printf -- '---\ntitle: No activities\ncountry: DK\nsector: Food\n---\nText.\n' > "$E/cases/bare.md"
printf -- '---\ntitle: One signal\ncountry: DK\nsector: Food\nactivities:\n  - innovation projects\n  - networking events\n---\n' > "$E/cases/one.md"
printf -- '---\ntitle: Two signals\ncountry: DK\nsector: Food\nactivities:\n  - business idea workshops\n  - small-scale cooperation projects\n---\n' > "$E/cases/two.md"
printf -- '---\ntitle: Declared\ncountry: DK\nsector: Food\nstage: potential\n---\n' > "$E/cases/declared.md"
printf -- '---\ntitle: Policy\ncountry: DK\nsector: Food\nstage: policy driven\n---\n' > "$E/cases/policy.md"
"$GEN" build --cases "$E/cases" --out "$E/site" -q 2>"$E/err.txt"; rc=$?
check "15-evidence: the fixtures build" '[ $rc -eq 0 ]' || cat "$E/err.txt"
J="$E/site/cases.json"
q() { node -e "const d=JSON.parse(require('fs').readFileSync(process.argv[1]));const c=Object.fromEntries(d.cases.map(x=>[x.slug,x]));console.log(JSON.stringify($1))" "$J"; }
check "15-evidence: one stage-specific activity gives no stage, marked not enough" \
    '[ "$(q "[c.one.stage.inferred, c.one.stage.final, c.one.stage.evidence]")" = "[null,null,\"not enough\"]" ]'
check "15-evidence: two activities that point to one stage infer it" \
    '[ "$(q "[c.two.stage.inferred, c.two.stage.evidence]")" = "[\"latent\",\"inferred\"]" ]'
check "15-evidence: a declared stage is marked declared" \
    '[ "$(q "[c.declared.stage.final, c.declared.stage.evidence]")" = "[\"potential\",\"declared\"]" ]'
check "15-evidence: policy driven is a stage of its own" \
    '[ "$(q "c.policy.stage.final")" = "\"policy-driven\"" ] && [ -f "$E/site/stages/policy-driven/index.html" ]'
check "15-evidence: no activities: gaps not recorded, nothing covered or empty" \
    '[ "$(q "[c.bare.gaps.recorded, c.bare.gaps.covered.length, c.bare.gaps.empty.length]")" = "[false,0,0]" ]'
check "15-evidence: the case page says its gaps are not recorded, not 0 of 7" \
    'grep -q "gaps not recorded" "$E/site/cases/bare/index.html" && ! grep -q "0 of 7 gaps" "$E/site/cases/bare/index.html"'
check "15-evidence: the heat map says not recorded, with no empty slots for it" \
    'grep -q "activities not recorded" "$E/site/compare/gaps/index.html"'
check "15-evidence: the gaps chart counts the cases not recorded" \
    'grep -qi "not recorded: 3" "$E/site/index.html"'
check "15-evidence: the stage chart counts the cases with no stage" \
    'grep -q "Cases by stage: .*Not recorded: 2" "$E/site/index.html"'
check "15-evidence: a case page says how sure its stage is and links to the rule" \
    'grep -q "Not enough evidence:" "$E/site/cases/one/index.html" && grep -q "about/index.html#rules" "$E/site/cases/one/index.html" && grep -q "Inferred:" "$E/site/cases/two/index.html"'
check "15-evidence: the traits table lists no row of blanks for a case without traits, and counts it" \
    '! grep -q "cases/bare/index.html" "$E/site/compare/traits/index.html" && grep -q "Not recorded: 5 cases give none of the six traits" "$E/site/compare/traits/index.html"'
check "15-evidence: the funding table counts the cases with no funding" \
    'grep -q "Not recorded: 5 cases give no funding" "$E/site/compare/funding/index.html"'
check "15-evidence: stage fit says 'not shown in the write-up', never that a task is missing" \
    'grep -q "not shown in the write-up" "$E/site/cases/two/index.html" && ! grep -qi "does not show" "$E/site/cases/two/index.html"'
check "15-evidence: no stage fit without a stage" \
    '! grep -q "id=\"fit\"" "$E/site/cases/one/index.html"'

# ---- the model from 001's criteria ----
mkdir -p "$E/models"
printf -- '---\ntitle: Fees and projects\ncountry: DK\nsector: Food\nfunding:\n  - {source: Fees, type: membership}\n  - {source: Projects, type: project}\n---\n' > "$E/models/fees.md"
printf -- '---\ntitle: Owners\ncountry: DK\nsector: Food\ngovernance: owners\nowners: [A region]\nfunding:\n  - {source: EU projects, type: project, flows_to: projects}\n---\n' > "$E/models/owners.md"
printf -- '---\ntitle: Members\ncountry: DK\nsector: Food\ngovernance: members\nfunding:\n  - {source: Grant, type: public, flows_to: organisation}\n---\n' > "$E/models/members.md"
printf -- '---\ntitle: Split\ncountry: DK\nsector: Food\ntraits: {projects: internal, focus: organisation, participants: open, leadership: facilitator}\n---\n' > "$E/models/split.md"
printf -- '---\ntitle: One vote\ncountry: DK\nsector: Food\ntraits: {participants: open}\n---\n' > "$E/models/one.md"
"$GEN" build --cases "$E/models" --out "$E/msite" -q 2>"$E/merr.txt"; rc=$?
check "15-evidence: the model fixtures build" '[ $rc -eq 0 ]' || cat "$E/merr.txt"
J="$E/msite/cases.json"
m() { node -e "const d=JSON.parse(require('fs').readFileSync(process.argv[1]));const c=d.cases.find(x=>x.slug===process.argv[2]);console.log(c.model.final+'/'+c.model.evidence)" "$J" "$1"; }
check "15-evidence: fees plus project money tell no model" '[ "$(m fees)" = "null/not enough" ]'
check "15-evidence: owners plus project money flowing to projects: partnership" '[ "$(m owners)" = "partnership/inferred" ]'
check "15-evidence: members plus money flowing to the organisation: membership" '[ "$(m members)" = "membership/inferred" ]'
check "15-evidence: traits split two and two: hybrid" '[ "$(m split)" = "hybrid/inferred" ]'
check "15-evidence: a single vote is not enough" '[ "$(m one)" = "null/not enough" ]'
check "15-evidence: the case page says how sure its model is" \
    'grep -q "Not enough evidence:</strong> the write-up gives no model" "$E/msite/cases/fees/index.html"'

# ---- funding indicators only where the figures cover the whole ----
mkdir -p "$E/funding"
printf -- '---\ntitle: Mainly\ncountry: DK\nsector: Food\nfunding:\n  - {source: Private funds, type: private, share: mainly}\n---\n' > "$E/funding/mainly.md"
printf -- '---\ntitle: Unquantified\ncountry: DK\nsector: Food\nfunding:\n  - {source: A grant, type: public}\n---\n' > "$E/funding/bare.md"
printf -- '---\ntitle: Whole\ncountry: DK\nsector: Food\nfunding:\n  - {source: Region, type: public, amount: 300000}\n  - {source: EU projects, type: project, public: true, amount: 100000}\n  - {source: Fees, type: membership, amount: 100000}\n---\n' > "$E/funding/whole.md"
"$GEN" build --cases "$E/funding" --out "$E/fsite" -q 2>"$E/ferr.txt"; rc=$?
check "15-evidence: the funding fixtures build" '[ $rc -eq 0 ]' || cat "$E/ferr.txt"
f() { node -e "const d=JSON.parse(require('fs').readFileSync(process.argv[1]));const c=d.cases.find(x=>x.slug===process.argv[2]);console.log(JSON.stringify([c.funding.largest_share,c.funding.public_share,c.funding.total_eur_per_year]))" "$E/fsite/cases.json" "$1"; }
check "15-evidence: share: mainly is not 100%: no largest or public share" '[ "$(f mainly)" = "[null,null,null]" ]'
check "15-evidence: one unquantified source gives no share" '[ "$(f bare)" = "[null,null,null]" ]'
check "15-evidence: amounts that cover the whole give shares; public: true counts as public" '[ "$(f whole)" = "[0.6,0.8,500000]" ]'
check "15-evidence: the page shows the word, not a number" \
    'grep -q "<td>mainly</td>" "$E/fsite/cases/mainly/index.html" && grep -q "do not cover all of the funding" "$E/fsite/cases/mainly/index.html"'

# ---- 003's maturity, read with its inter-connectivity: an assumption ----
mkdir -p "$E/lerch"
printf -- '---\ntitle: Adolescent\ncountry: FI\nsector: ICT\nmaturity: adolescence\ninterconnectivity: strong\n---\n' > "$E/lerch/adol.md"
printf -- '---\ntitle: Mature loose\ncountry: DE\nsector: ICT\nmaturity: mature\ninterconnectivity: middle\n---\n' > "$E/lerch/loose.md"
printf -- '---\ntitle: Mature tight\ncountry: SE\nsector: ICT\nmaturity: mature\ninterconnectivity: strong\n---\n' > "$E/lerch/tight.md"
printf -- '---\ntitle: Very low\ncountry: LV\nsector: ICT\nmaturity: very low\ninterconnectivity: low\n---\n' > "$E/lerch/low.md"
"$GEN" build --cases "$E/lerch" --out "$E/lsite" -q 2>"$E/lerr.txt"; rc=$?
check "15-evidence: the maturity fixtures build" '[ $rc -eq 0 ]' || cat "$E/lerr.txt"
l() { node -e "const d=JSON.parse(require('fs').readFileSync(process.argv[1]));const c=d.cases.find(x=>x.slug===process.argv[2]);console.log(c.stage.final+'/'+c.stage.evidence+'/'+c.stage.assumed)" "$E/lsite/cases.json" "$1"; }
check "15-evidence: adolescence is latent, marked as an assumption" '[ "$(l adol)" = "latent/inferred/true" ]'
check "15-evidence: mature but loosely connected is latent, not working" '[ "$(l loose)" = "latent/inferred/true" ]'
check "15-evidence: mature and strongly connected is working" '[ "$(l tight)" = "working/inferred/true" ]'
check "15-evidence: very low adds no policy intent: no stage" '[ "$(l low)" = "null/not enough/false" ]'
check "15-evidence: the about page labels the mapping as this site's assumption" \
    'grep -q "an assumption of this site" "$E/lsite/about/index.html"'
out=$("$GEN" list --cases "$E/lerch" 2>/dev/null)
check "15-evidence: gen list says a case's gaps are not recorded" \
    'printf "%s" "$out" | grep -q "^adol .*not recorded$"'
check "15-evidence: no stage fit and no empty gaps for a case whose activities are not recorded" \
    '! grep -q "id=\"fit\"" "$E/lsite/cases/adol/index.html" && ! grep -q "empty gap" "$E/lsite/cases/adol/index.html" && grep -q "records no activities" "$E/lsite/cases/adol/index.html"'
printf -- '---\ntitle: Measured\ncountry: DK\nsector: ICT\ngovernance: owners\nowners: [A university]\nkey_measure: investment-return\n---\n' > "$E/models/measured.md"
"$GEN" build --cases "$E/models" --out "$E/msite2" -q 2>/dev/null
check "15-evidence: investment against return as key measure votes for partnership" \
    '[ "$(node -e "const d=JSON.parse(require(\"fs\").readFileSync(process.argv[1]));const c=d.cases.find(x=>x.slug===\"measured\");console.log(c.model.final+\"/\"+c.model.votes.map(v=>v.evidence).join(\";\"))" "$E/msite2/cases.json")" = "partnership/governance: owners;key measure: investment-return" ]'
