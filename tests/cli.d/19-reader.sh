# 19-reader.sh - the site as a reader meets it: plurals, reader words for
# facts, countries by name, collation order, a folded full-text search
# index, the marked menu item, the favicon, and a deterministic build.
R="$T/19-reader"
mkdir -p "$R/cases"
fm() { printf -- '---\ntitle: %s\ncountry: %s\nsector: %s\n' "$1" "$2" "$3"; }
{ fm "Triple Steelix" SE "Steel and metals"; printf -- '---\nA steel cluster.\n'; } > "$R/cases/triple-steelix.md"
{ fm "Øresund IT" DK ICT; printf 'countries: [DK, SE]\nregion: Øresund\n---\nThe secretariat runs an Incubator for start-ups in Göteborg and Malmö.\n'; } > "$R/cases/oresund-it.md"
{ fm "Pôle Mer Bretagne" FR Marine; printf -- '---\nA marine competitiveness pole.\n'; } > "$R/cases/pole-mer-bretagne.md"
{ fm "apple valley" SE ICT; printf 'stage: working\n---\nLower case first letter.\n'; } > "$R/cases/apple-valley.md"
"$GEN" build --cases "$R/cases" --out "$R/s" -q 2>"$R/err.txt"; rc=$?
check "19-reader: a small collection builds" '[ $rc -eq 0 ]' || cat "$R/err.txt"
S="$R/s"
check "19-reader: listing counts say '1 case' and '2 cases', never '2 case'" \
    'grep -q ">1 case<" "$S/sectors/index.html" && grep -q ">2 cases<" "$S/sectors/index.html" &&
     grep -q ">2 cases</h2>" "$S/sectors/ict/index.html" && ! grep -rqE "[02-9] case<" "$S"'
check "19-reader: completeness names facts in the reader's words, no format keys" \
    '! grep -rqE "legal_form|actor_types|<code>founded</code>" "$S/cases" && grep -q "legal form" "$S/cases/triple-steelix/index.html"'
check "19-reader: a cross-border case names its countries (no 'DK SE (Denmark)')" \
    'grep -q "<dd>Denmark and Sweden</dd>" "$S/cases/oresund-it/index.html" && ! grep -q "DK SE" "$S/cases/oresund-it/index.html"'
# collation: Øresund with the O's, lower case among the capitals
order=$(grep -o 'href="cases/[a-z-]*/index.html">[^<]*' "$S/index.html" | sed 's/.*>//' | tr '\n' '|')
check "19-reader: names in collation order (apple, Øresund, Pôle, Triple), not byte order" \
    '[ "$order" = "apple valley|Øresund IT|Pôle Mer Bretagne|Triple Steelix|" ]' || echo "order: $order"
check "19-reader: previous/next follow the same order" \
    'grep -q "rel=\"next\" href=\"../../cases/pole-mer-bretagne/index.html\"" "$S/cases/oresund-it/index.html"'
J="$S/static/search.js"
check "19-reader: the search index is written, a script setting window.genSearch" \
    '[ -f "$J" ] && head -c 20 "$J" | grep -q "^window.genSearch = "'
check "19-reader: the index holds the write-ups' words, folded (incubator, goteborg, malmo, oresund)" \
    'L=$(grep "oresund-it" "$J") && for w in incubator start ups goteborg malmo; do printf "%s" "$L" | grep -q " $w[ \"]" || L=; done && [ -n "$L" ] && printf "%s" "$L" | grep -q "\"text\":\"oresund it "'
check "19-reader: the index folds 'Pôle Mer' as 'pole mer'" 'grep -q "\"text\":\"pole mer bretagne" "$J"'
check "19-reader: the index carries gen's folding table (ø -> o, ß -> ss, æ -> ae)" \
    'grep -q "\"ø\": \"o\"" "$J" && grep -q "\"ß\": \"ss\"" "$J" && grep -q "\"æ\": \"ae\"" "$J"'
check "19-reader: the menu marks the page's section (aria-current)" \
    'grep -q "href=\"index.html\" aria-current=\"page\">Cases" "$S/index.html" &&
     grep -q "href=\"../stages/index.html\" aria-current=\"page\">Stages" "$S/stages/index.html" &&
     grep -q "aria-current=\"true\">Sectors" "$S/sectors/ict/index.html" &&
     [ "$(grep -c aria-current "$S/about/index.html")" = 1 ]'
check "19-reader: a favicon is linked and present" \
    'grep -q "<link rel=\"icon\" href=\"../../static/favicon.svg\"" "$S/cases/oresund-it/index.html" && grep -q "<svg" "$S/static/favicon.svg"'
check "19-reader: the write-up comes before the big tables" \
    'awk "/id=\"write-up\"/{w=NR} /id=\"classification\"/{c=NR} END{exit !(w && c && w < c)}" "$S/cases/oresund-it/index.html"'
check "19-reader: the home page filters offer 'not recorded' for stage and model" \
    '[ "$(grep -c "<option value=\"none\">not recorded</option>" "$S/index.html")" = 2 ]'
A="$S/cases/apple-valley/index.html"
# the stage fit's competencies, on the example cases (those that show it)
"$GEN" build --out "$R/full" -q 2>/dev/null
comp=$(grep -h "Competencies:" "$R"/full/cases/*/index.html)
check "19-reader: the competency lists end without a stray semicolon" \
    '[ -n "$comp" ] && ! printf "%s" "$comp" | grep -q ";" && printf "%s" "$comp" | grep -q "Competencies: <span class=\"inline-list\"><span>"'
check "19-reader: tables show the stage's name as its badge does" \
    'grep -q "<td>Working cluster" "$S/index.html" && grep -q "class=\"badge stage\"[^>]*>Working cluster" "$A"'
"$GEN" build --cases "$R/cases" --out "$R/s2" -q -j 2 2>/dev/null
check "19-reader: two builds are byte-identical" 'diff -r "$S" "$R/s2" >/dev/null'
