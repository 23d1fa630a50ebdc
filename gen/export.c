/* export.c - the site's data files: cases.json, cases.csv and the
 * side-by-side picker's data, each written as a stream, one case view
 * at a time, so that 100,000 cases never sit in memory at once. */
#include "export.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "case_read.h"
#include "strset.h"
#include "suggest.h"
#include "view.h"

static void S_csv_cell(sg_buf *b, const char *s)
{
    if (!s)
        return;
    /* a cell a spreadsheet would run as a formula gets a leading quote */
    bool formula = *s == '=' || *s == '+' || *s == '-' || *s == '@' ||
                   *s == '\t' || *s == '\r';
    bool quote = formula || strpbrk(s, ",\"\n\r") != NULL;
    if (quote)
        sg_buf_putc(b, '"');
    if (formula)
        sg_buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '"')
            sg_buf_putc(b, '"');
        sg_buf_putc(b, *s);
    }
    if (quote)
        sg_buf_putc(b, '"');
}

/* cases.csv's columns: the column, the case view's key it shows, and
 * the key inside that (NULL: the value itself); the licence has none. */
static const char *const S_cols[][3] = {
    { "slug", "slug", NULL }, { "title", "title", NULL },
    { "country", "country", NULL }, { "sector", "sector", NULL },
    { "city", "city", NULL }, { "founded", "founded", NULL },
    { "actors", "actors", NULL }, { "staff", "staff", NULL },
    { "stage_declared", "stage", "declared" },
    { "stage_inferred", "stage", "inferred" },
    { "stage", "stage", "final" }, { "model", "model", "final" },
    { "model_inferred", "model", "inferred" },
    { "gaps", "gaps", "strip" },
    { "total_eur_per_year", "funding", "total_eur_per_year" },
    { "largest_share", "funding", "largest_share" },
    { "public_share", "funding", "public_share" },
    { "url", "url", NULL },
    { "influence", "ratings", "influence" },
    { "interconnectivity", "ratings", "interconnectivity" },
    { "maturity", "ratings", "maturity" },
    { "formalised", "formalised", NULL },
    { "initiator_types", "frameworks", "initiator_types" },
    { "several_initiator_types", "frameworks", "several_types" },
    { "assessment_answered", "frameworks", "answered" },
    { "licence", NULL, NULL },
};
#define NCOLS (sizeof S_cols / sizeof *S_cols)

static void S_csv_head(sg_buf *b, const sg_value *site)
{
    (void)site;
    for (size_t c = 0; c < NCOLS; c++) {
        if (c)
            sg_buf_putc(b, ',');
        sg_buf_puts(b, S_cols[c][0]);
    }
    sg_buf_puts(b, "\r\n");
}

static void S_csv_row(sg_buf *b, sg_arena *tmp, const sg_case_entry *e,
                      const sg_value *site)
{
    /* CSV has no comments: the licence is a last column, the same in
     * every row, so that it stays with any row copied elsewhere */
    const char *licence = sg_value_str(sg_map_get(site, "licence"));
    const sg_value *view = sg_force(e->view, tmp);
    sg_buf cell = SG_BUF_INIT;
    for (size_t c = 0; c < NCOLS; c++) {
        if (c)
            sg_buf_putc(b, ',');
        if (!S_cols[c][1]) {
            S_csv_cell(b, licence && *licence ? licence : NULL);
            continue;
        }
        const sg_value *x = sg_force(sg_map_get(view, S_cols[c][1]), tmp);
        if (S_cols[c][2])
            x = sg_map_get(x, S_cols[c][2]);
        sg_buf_reset(&cell);
        sg_value_text(&cell, x);
        S_csv_cell(b, cell.len ? cell.ptr : NULL);
    }
    sg_buf_puts(b, "\r\n");
    sg_buf_free(&cell);
}

/* A case as cases.json has it: the facts, not what only pages show. */
static sg_value *S_export_case(sg_arena *a, const sg_value *view)
{
    sg_value *m = sg_map_sized(a, 32);
    for (const char *const *k = sg_json_case_keys; *k; k++) {
        sg_value *x = sg_map_get(view, *k);
        if (x)
            sg_map_add(a, m, *k, x);
    }
    return m;
}

/* {"cases": [...]} with one case a line: small, and a change to one
 * case is a change to one line. The licence, when the site has one,
 * comes before the cases: {"licence": "...", "cases": [...]} */
static void S_json_head(sg_buf *b, const sg_value *site)
{
    const sg_value *licence = sg_map_get(site, "licence");
    sg_buf_puts(b, "{");
    if (licence && licence->type == SG_STR) {
        sg_buf_puts(b, "\"licence\": ");
        sg_json_write(b, licence, 0);
        sg_buf_puts(b, ", ");
    }
    sg_buf_puts(b, "\"cases\": [");
}

static void S_json_row(sg_buf *b, sg_arena *tmp, const sg_case_entry *e,
                       const sg_value *site)
{
    (void)site;
    /* the JSON writer escapes < > &, so no "</script>" can appear */
    sg_json_write(b, S_export_case(tmp, sg_force(e->view, tmp)), 0);
}

/* The side-by-side picker's data, as a script that sets window.genPick:
 * a file of its own, loaded by compare/pick/, so the page stays small and
 * works from a static host or straight from the disk. One case a line. */
static void S_pick_head(sg_buf *b, const sg_value *site)
{
    (void)site;
    sg_buf_puts(b, "window.genPick = [");
}

static void S_pick_row(sg_buf *b, sg_arena *tmp, const sg_case_entry *e,
                       const sg_value *site)
{
    (void)site;
    sg_json_write(b, sg_view_pick(tmp, sg_force(e->view, tmp)), 0);
}

/* Adds `s` to the search text in sg_fold's form, a space before it. */
static void S_fold_into(sg_buf *b, sg_arena *a, const char *s)
{
    if (!s || !*s)
        return;
    const char *f = sg_fold(a, s);
    if (!*f)
        return;
    if (b->len)
        sg_buf_putc(b, ' ');
    sg_buf_puts(b, f);
}

static int S_cmp_word(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Adds the distinct words of `s` in sg_fold's form, sorted, to the search
 * text: a query word matches when it starts a word of the text, so
 * neither order nor repeats matter, and a word that starts another one
 * ("incubator" beside "incubators") is left out: whatever starts it
 * starts the longer one too. At 10,000 synthetic cases the index went
 * from 46 MB of running text to 8 MB. */
static void S_words_into(sg_buf *b, sg_arena *a, const char *s)
{
    if (!s || !*s)
        return;
    char *f = (char *)sg_fold(a, s);   /* a fresh copy: ours to cut */
    size_t n = 0, cap = 1;
    for (const char *p = f; *p; p++)
        cap += *p == ' ';
    const char **w = sg_alloc(a, cap * sizeof *w);
    /* repeats dropped first, in linear time: a write-up repeats its words
     * many times over, and sorting them all cost an eighth of a build */
    sg_strset seen;
    sg_strset_init(&seen, a);
    for (char *p = f; *p;) {
        char *sp = strchr(p, ' ');
        size_t len = sp ? (size_t)(sp - p) : strlen(p);
        if (sp)
            *sp = '\0';
        if (len && sg_strset_add_ref(&seen, p, len))   /* `f` is ours */
            w[n++] = p;
        if (!sp)
            break;
        p = sp + 1;
    }
    if (!n)
        return;
    qsort(w, n, sizeof *w, S_cmp_word);
    for (size_t i = 0; i < n; i++) {
        /* sorted, the words a word starts come right after it */
        if (i + 1 < n && strncmp(w[i + 1], w[i], strlen(w[i])) == 0)
            continue;
        if (b->len)
            sg_buf_putc(b, ' ');
        sg_buf_puts(b, w[i]);
    }
}

/* The home page's search index, as a script that sets window.genSearch
 * (a script, not JSON, so that it loads from file:// too; app.js loads it
 * when the reader first types). Each case's title, places, organisation,
 * sector, tags, activities and summary, folded at build time by sg_fold
 * ("Øresund" -> "oresund"), then its write-up's words (S_words_into);
 * `fold` is sg_latin_ascii's table,
 * so the script folds the query by the very same letters. */
static void S_search_head(sg_buf *b, const sg_value *site)
{
    (void)site;
    sg_buf_puts(b, "window.genSearch = {\"fold\": {");
    bool first = true;
    for (unsigned cp = 0xC0; cp <= 0x17F; cp++) {
        const char *t = sg_latin_ascii(cp);
        if (!t)
            continue;
        /* two-byte UTF-8; none of these letters needs escaping */
        char u[3] = { (char)(0xC0 | (cp >> 6)), (char)(0x80 | (cp & 0x3F)),
                      0 };
        sg_buf_printf(b, "%s\"%s\": \"%s\"", first ? "" : ", ", u, t);
        first = false;
    }
    sg_buf_puts(b, "},\n\"cases\": [");
}

static void S_search_row(sg_buf *b, sg_arena *tmp, const sg_case_entry *e,
                         const sg_value *site)
{
    (void)site;
    const sg_case *c = e->c;
    const sg_vocab *v = e->v;
    sg_buf text = SG_BUF_INIT;
    S_fold_into(&text, tmp, c->title);
    S_fold_into(&text, tmp, c->city);
    S_fold_into(&text, tmp, c->region);
    S_fold_into(&text, tmp, c->organisation);
    S_fold_into(&text, tmp, c->sector);
    for (size_t j = 0; j < c->ncountries; j++) {
        int ci = sg_vocab_country(v, c->countries[j]);
        S_fold_into(&text, tmp, ci >= 0 ? v->countries[ci].name : NULL);
    }
    if (!c->ncountries && c->country) {
        int ci = sg_vocab_country(v, c->country);
        S_fold_into(&text, tmp, ci >= 0 ? v->countries[ci].name : NULL);
    }
    for (size_t j = 0; j < c->ntags; j++)
        S_fold_into(&text, tmp, c->tags[j]);
    for (size_t j = 0; j < c->nacts; j++)
        S_fold_into(&text, tmp, c->acts[j].name);
    S_fold_into(&text, tmp, c->summary);
    /* an unreadable body fails the case's own page, and so the build */
    sg_diags d;
    sg_diags_init(&d, tmp);
    S_words_into(&text, tmp, sg_case_body(tmp, c, &d));
    sg_value *row = sg_map_sized(tmp, 2);
    sg_map_add(tmp, row, "slug", sg_str(tmp, c->slug));
    sg_map_add(tmp, row, "text", sg_str(tmp, text.len ? text.ptr : ""));
    sg_json_write(b, row, 0);
    sg_buf_free(&text);
}

/* Flushes `b` into `o` once it holds enough to be worth a write. */
static void S_flush(sg_publish_out *o, sg_buf *b, bool all)
{
    if (all || b->len >= (1u << 18)) {
        sg_publish_write(o, b->ptr, b->len);
        sg_buf_reset(b);
    }
}

size_t sg_export_write(const sg_export *x, sg_publish_out *o,
                     const sg_case_entry *entries, size_t n,
                     const sg_value *site, const sg_export_reuse *re,
                     size_t *lens, size_t *head)
{
    sg_buf out = SG_BUF_INIT, *b = &out;
    sg_arena tmp = SG_ARENA_INIT;   /* one case view at a time */
    size_t copied = 0;
    x->head(b, site);
    if (head)
        *head = b->len;
    for (size_t i = 0; i < n; i++) {
        sg_buf_puts(b, i ? x->sep : x->first);
        size_t at = b->len;
        if (re && re->old_row(re->ctx, i, b)) {
            copied++;
        } else {
            sg_arena_mark mark = sg_arena_save(&tmp);
            x->row(b, &tmp, &entries[i], site);
            sg_arena_release(&tmp, mark);
        }
        if (lens)
            lens[i] = b->len - at;
        S_flush(o, b, false);
    }
    sg_buf_puts(b, x->tail);
    S_flush(o, b, true);
    sg_arena_free(&tmp);
    sg_buf_free(b);
    return copied;
}

const sg_export sg_exports[] = {
    { "cases.json", S_json_head, S_json_row, "\n", ",\n", "\n]}\n", NULL },
    { "cases.csv", S_csv_head, S_csv_row, "", "", "", NULL },
    { "compare/pick/cases.js", S_pick_head, S_pick_row, "\n", ",\n",
      "\n];\n", NULL },
    { "regions.json", NULL, NULL, NULL, NULL, NULL, sg_export_regions },
    { "static/search.js", S_search_head, S_search_row, "\n", ",\n",
      "\n]};\n", NULL },
};
const size_t sg_nexports = sizeof sg_exports / sizeof *sg_exports;
