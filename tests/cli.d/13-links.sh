# 13-links.sh - listing folders in ASCII, the link check after URL
# decoding, links and images in write-ups, special files and symbolic
# links in cases/, empty folders, and the bound on one page's output.
# Sourced by tests/cli.sh (GEN, T, check, ok, bad); files under $T/links.
L="$T/links"
mkdir -p "$L"
# a case with its sector and slug replaced: mkcase FILE SECTOR [EXTRA]
mkcase() {
    printf -- '---\ntitle: %s\ncountry: FR\nsector: %s\n%s---\nA cluster.\n' \
        "$(basename "$1" .md)" "$2" "${3:-}" > "$1"
}

# ---- empty folders (qsort of nothing; run under gen/gen-asan too) ----
mkdir -p "$L/empty" "$L/dir.md"
out=$("$GEN" check "$L/empty" 2>&1); rc=$?
check "check of an empty folder" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "^checked 0 cases" && ! printf "%s" "$out" | grep -q "runtime error"'
out=$("$GEN" check "$L/dir.md" 2>&1); rc=$?
check "check of a folder named x.md" \
    '[ $rc -eq 0 ] && printf "%s" "$out" | grep -q "^checked 0 cases" && ! printf "%s" "$out" | grep -q "runtime error"'
out=$("$GEN" build --cases "$L/empty" --out "$L/empty-site" -q 2>&1); rc=$?
check "build of an empty folder" '[ $rc -eq 0 ] && ! printf "%s" "$out" | grep -q "runtime error"'
