# 14-views.sh - the site's own words come from the vocabulary: a user
# vocabulary retitles pages and kinds with no change to the C code.
W="$T/14-views"
mkdir -p "$W"
cat > "$W/words.yaml" <<'YAML'
pages:
  compare: Vergleiche
  index: Clusterstudien
kinds:
  sectors:
    title: Branchen
    label: Branche
    intro: Fälle nach Branche.
    other: Andere
charts:
  gaps: { title: Brücken je Lücke, alt: "Fälle je Lücke: " }
YAML
"$GEN" build --cases tests/fixtures/classify --vocabulary "$W/words.yaml" --out "$W/site" -q 2>"$W/err.txt"; rc=$?
check "14-views: a build with a user vocabulary of page words" '[ $rc -eq 0 ]' || cat "$W/err.txt"
check "14-views: a page retitled by the vocabulary" \
    'grep -q "<title>Vergleiche" "$W/site/compare/index.html"'
check "14-views: the site title defaults to the vocabulary's home page title" \
    'grep -q "Clusterstudien" "$W/site/index.html"'
check "14-views: a kind retitled, and its label on its listings" \
    'grep -q "Branchen" "$W/site/sectors/index.html" && grep -rq "<title>Branche: " "$W/site/sectors/"'
check "14-views: a chart retitled, with its text alternative" \
    'grep -q "Brücken je Lücke" "$W/site/index.html" && grep -q "Fälle je Lücke: " "$W/site/index.html"'
"$GEN" build --cases tests/fixtures/classify --out "$W/plain" -q
check "14-views: without it, the built-in words" \
    'grep -q "<title>Comparisons" "$W/plain/compare/index.html" && ! grep -rq "Vergleiche" "$W/plain"'
