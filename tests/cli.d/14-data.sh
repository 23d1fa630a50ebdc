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
