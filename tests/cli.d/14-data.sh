# 14-data.sh - the data layer: the domain in the vocabulary (a user
# vocabulary changes it with no C change), one table of case keys that
# check, schema, new and the docs agree with, and the new optional keys.
D="$T/data"
mkdir -p "$D"

# ---- a user vocabulary renames a model and adds a synonym ----
mkdir -p "$D/model"
cat > "$D/model/steel.md" <<'EOF'
---
title: Steel Circle
country: SE
sector: Steel
model: network organisation
---
Text.
EOF
cat > "$D/network.yaml" <<'EOF'
models:
  partnership:
    name: Network model
    description: Open, changing partners around projects.
    synonyms: [network organisation]
EOF
out=$("$GEN" check --vocabulary "$D/network.yaml" "$D/model" 2>&1); rc=$?
check "14-data: a model's synonym from a user vocabulary is accepted" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "0 errors, 0 warnings"'
out=$("$GEN" check "$D/model" 2>&1); rc=$?
check "14-data: without that vocabulary the synonym is unknown" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "model: unknown model .network organisation."'
"$GEN" build --vocabulary "$D/network.yaml" --cases "$D/model" \
    --out "$D/model-site" -q 2>/dev/null; rc=$?
check "14-data: the case page shows the model's new name" \
    '[ $rc -eq 0 ] && grep -q ">Network model</a>" "$D/model-site/cases/steel/index.html"'
out=$("$GEN" list --vocabulary "$D/network.yaml" --cases "$D/model" 2>&1)
check "14-data: gen list classifies the case by the synonym" \
    'printf "%s" "$out" | grep -qE "^steel .* partnership "'

# ---- gap numbers come from the vocabulary: strip and list --help ----
cat > "$D/numbers.yaml" <<'EOF'
gaps:
  - { key: research, number: 1, name: The research gap }
  - { key: education, number: 2, name: The education gap }
  - { key: capital, number: 3, name: The capital gap }
  - { key: policy, number: 4, name: The policy gap }
  - { key: firm-to-firm, number: 5, name: The firm-to-firm gap }
  - { key: cluster-to-cluster, number: 6, name: The cluster-to-cluster gap }
  - { key: global, number: 9, name: The global market gap }
EOF
out=$("$GEN" list --vocabulary "$D/numbers.yaml" --cases tests/fixtures/classify 2>&1)
check "14-data: the gap strip shows each gap's number from the vocabulary" \
    'printf "%s" "$out" | grep -qE "^city-2 .* 1234569$"'
out=$("$GEN" list --vocabulary "$D/numbers.yaml" --help)
check "14-data: gen list --help names the gaps of the vocabulary" \
    'printf "%s" "$out" | tr "\n" " " | grep -q "6 cluster-to-cluster, 9 global"'
out=$("$GEN" list --help)
check "14-data: gen list --help names the built-in gaps" \
    'printf "%s" "$out" | tr "\n" " " | grep -q "(1 research, 2 education, 3 capital"'

# ---- the docs list exactly the keys of the table, top level and nested ----
# (from gen schema: each object's properties under the key that holds
# it; traits are the vocabulary's, documented with the traits)
"$GEN" schema | awk '
{
    match($0, /^ */); depth = RLENGTH / 2
    line = substr($0, RLENGTH + 1)
    key = ""
    if (match(line, /^"[^"]+": /)) key = substr(line, 2, RLENGTH - 4)
    path[depth] = key
    if (depth >= 1 && path[depth - 1] == "properties" && key != "") {
        parent = "case"
        for (i = depth - 2; i >= 0; i--)
            if (path[i] != "" && path[i] != "properties" &&
                path[i] != "items" && path[i] != "oneOf") {
                parent = path[i]; break
            }
        if (parent != "traits") print parent, key
    }
}' | sort -u > "$D/schema-keys.txt"
awk '
/^<!-- keys: / {
    sub(/^<!-- keys: /, ""); sub(/ -->.*/, ""); n = split($0, parents, /, */)
    rows = 0; next
}
n && /^\|/ {
    if (++rows <= 2) next                  # the header and its rule
    split($0, cell, "|"); first = cell[2]
    while (match(first, /`[^`]+`/)) {
        for (p = 1; p <= n; p++) print parents[p], substr(first, RSTART + 1, RLENGTH - 2)
        first = substr(first, RSTART + RLENGTH)
    }
    next
}
{ n = 0 }' docs/writing-cases.md | sort -u > "$D/doc-keys.txt"
check "14-data: gen schema lists keys (top level and nested)" \
    '[ "$(wc -l < "$D/schema-keys.txt")" -gt 60 ] && grep -qx "funding cite" "$D/schema-keys.txt"'
check "14-data: docs/writing-cases.md lists exactly the table's keys" \
    'diff "$D/schema-keys.txt" "$D/doc-keys.txt" >&2'

# ---- every new key, in a case that checks clean and builds ----
out=$("$GEN" check tests/fixtures/new-keys 2>&1); rc=$?
check "14-data: a case with every new key checks with no error or warning" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "checked 2 cases: 0 errors, 0 warnings"'
"$GEN" build --cases tests/fixtures/new-keys --out "$D/new-site" -q 2>/dev/null; rc=$?
check "14-data: it builds" '[ $rc -eq 0 ] && [ -f "$D/new-site/cases/every-key/index.html" ]'

# ---- gen new: every key of the table, commented; uncommented, it checks ----
mkdir -p "$D/new"
"$GEN" new all-keys --cases "$D/new" > /dev/null; rc=$?
check "14-data: gen new writes the template" '[ $rc -eq 0 ] && [ -f "$D/new/all-keys.md" ]'
nkeys=$(grep -cE '^(# )?[a-z_]+:' "$D/new/all-keys.md")
check "14-data: gen new has a line for every top-level key of the schema" \
    '[ "$nkeys" -eq "$(grep -c "^case " "$D/schema-keys.txt")" ]'
# all of it at once: 'years' and 'from'/'to' exclude each other
sed -e 's/^# //' -e 's/^title:.*/title: All Keys/' -e 's/^country:.*/country: DK/' \
    -e 's/^sector:.*/sector: ICT/' -e '/^ *years:/d' "$D/new/all-keys.md" > "$D/new/all.tmp"
rm "$D/new/all-keys.md"; mv "$D/new/all.tmp" "$D/new/all-keys.md"
partner=$(sed -n 's/^ *- partner: \([a-z0-9-]*\).*/\1/p' "$D/new/all-keys.md")
printf -- '---\ntitle: P\ncountry: SE\nsector: ICT\n---\nText.\n' > "$D/new/$partner.md"
out=$("$GEN" check "$D/new" 2>&1); rc=$?
check "14-data: the template with every example uncommented checks clean" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "0 errors, 0 warnings"'

# ---- the vocabulary's case_keys and the table must agree ----
printf 'case_keys:\n  colour: {doc: a key gen does not have, example: "colour: red"}\n' > "$D/extra-key.yaml"
out=$("$GEN" check --vocabulary "$D/extra-key.yaml" tests/fixtures/new-keys 2>&1); rc=$?
check "14-data: a case_keys entry that names no key stops gen" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "extra-key.yaml:2:.*case_keys: .colour. is not a key of the case format"'
printf 'case_keys:\n  title: {doc: the name}\n' > "$D/no-example.yaml"
out=$("$GEN" schema --vocabulary "$D/no-example.yaml" 2>&1); rc=$?
check "14-data: a key without its example line stops gen" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "no-example.yaml:2:.*missing .example."'
printf 'completeness: [summary, colour]\n' > "$D/completeness.yaml"
out=$("$GEN" check --vocabulary "$D/completeness.yaml" tests/fixtures/new-keys 2>&1); rc=$?
check "14-data: completeness names keys of the format" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "completeness: .colour. is not a key"'

# ---- the domain is the vocabulary's: models, governance, sectors ----
cat > "$D/models.yaml" <<'EOF2'
traits:
  projects:
    name: Projects
    membership: { value: internal }
    cooperative: { value: external }
EOF2
out=$("$GEN" check --vocabulary "$D/models.yaml" tests/fixtures/new-keys 2>&1); rc=$?
check "14-data: a trait's value votes for a model of the vocabulary" \
    '[ $rc -eq 1 ] && printf "%s" "$out" | grep -q "unknown model .cooperative."'
mkdir -p "$D/sector"
printf -- '---\ntitle: A\ncountry: DK\nsector: Aerospace\n---\nText.\n' > "$D/sector/a.md"
out=$("$GEN" check "$D/sector" 2>&1); rc=$?
check "14-data: a sector not in the vocabulary is a warning that lists them" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "a.md:4:9: warning: sector: .Aerospace. is not among the vocabulary.s sectors" &&
     printf "%s" "$out" | grep -q "hint: one of: Life science, ICT"'
cat > "$D/sectors.yaml" <<'EOF2'
sectors:
  - { key: manufacturing, name: Manufacturing, synonyms: [aerospace, high tech] }
  - { key: ict, name: ICT }
EOF2
out=$("$GEN" check --vocabulary "$D/sectors.yaml" "$D/sector" 2>&1); rc=$?
check "14-data: a user vocabulary's sector synonym is known" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "0 errors, 0 warnings"'
mkdir -p "$D/owners"
printf -- '---\ntitle: A\ncountry: DK\nsector: ICT\ngovernance: members\nowners: [X]\n---\nText.\n' > "$D/owners/a.md"
out=$("$GEN" check "$D/owners" 2>&1)
check "14-data: owners without a governance that has them warn" \
    'printf "%s" "$out" | grep -q "owners: given, but governance is .members." &&
     printf "%s" "$out" | grep -q "hint: owners go with .governance: owners."'
printf 'governance:\n  members: { name: Members, model: membership, owners: true }\n' > "$D/gov.yaml"
out=$("$GEN" check --vocabulary "$D/gov.yaml" "$D/owners" 2>&1)
check "14-data: which governance has owners is the vocabulary's" \
    'printf "%s" "$out" | grep -q "0 errors, 0 warnings"'
