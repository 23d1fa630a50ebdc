/* view.h - the value trees that templates render and exports serialise.
 *
 * One map per case holds both the machine-readable facts (the keys of
 * cases.json) and what pages show (labels, matrix rows, formatted
 * figures); the site view adds the indexes over all cases (stages,
 * models, gaps, sectors, countries, comparisons). The site view is built
 * once per build and shared by page contexts; case views and the rows of
 * comparison tables are lazy (sg_lazy), built by the page that shows
 * them, so memory stays small whatever the number of cases.
 */
#ifndef SG_VIEW_H
#define SG_VIEW_H

#include "analyse.h"

typedef struct sg_site_opts {
    const char *base_url;      /* "" when not given */
    const char *title;         /* site title */
    /* from site.yaml (settings.h); NULL when not set, lang "en" then */
    const char *lang, *licence, *description, *logo, *footer;
} sg_site_opts;

typedef struct sg_view {
    sg_value *site;            /* site-wide data: counts, vocabulary, options */
    sg_value **cases;          /* per case, in title order */
    size_t n;
    sg_value *listings;        /* list of listing pages (kind, key, ...) */
    sg_value *compare;         /* the comparison tables */
    sg_value *charts;          /* SVG chart geometry for the home page */
    sg_value *frameworks;      /* the pages of #18 (view_frameworks.c) */
    sg_value *map;             /* the home page's map (view_map.h) */
} sg_view;

/* Values shared by every case view of a build (the gap cells and the
 * gap strip of each of the 2^7 gap sets), so that 100,000 cases do not
 * hold 100,000 copies. Zero-initialise one per build; sg_view_entries
 * fills it, and from then on it is only read (threads share it). */
typedef struct sg_view_cache {
    sg_value **cells;          /* by gap mask */
    const char **strips;       /* by gap mask: "1·34··7" */
    sg_value **covered, **empty;   /* by gap mask: lists of gap keys */
    sg_value *heat_cells[SG_MAX_GAPS][4];   /* comparison cells: gap x level */
    sg_value *(*trait_cells)[3];            /* per trait: x side */
} sg_view_cache;

/* The case's texts kept as values in its entry (sg_case_entry.texts):
 * those of every link to it, which many pages' views share; its other
 * texts are made with its view, which is dropped after each use. */
enum sg_case_text {
    SG_T_SLUG, SG_T_TITLE, SG_T_URL, SG_NTEXTS
};

/* One per published case, kept for the whole build: the typed records
 * its view is built from and the few strings every view of it repeats;
 * its neighbours come from the analysis. The view itself (`view`) is
 * lazy: a page that lists the case builds it, renders it and drops it,
 * so a build holds these small records rather than 100,000 value trees.
 * Entries are only read once made. */
typedef struct sg_case_entry sg_case_entry;
struct sg_case_entry {
    const sg_vocab *v;
    const sg_view_cache *vc;
    const sg_analysis *an;
    const sg_case_entry *all;  /* every entry, in title order */
    size_t i;                  /* this one's number among them */
    const sg_case *c;
    const sg_class *k;
    const char *url;           /* "cases/<slug>/index.html" */
    const char *sector_key, *country_key, *sector_path, *country_path;
    sg_value **texts;          /* by enum sg_case_text */
    sg_value *view;            /* lazy: sg_view_case() */
};

/* Entries for `n` classified and analysed cases (in title order);
 * fills `vc`, which is only read from then on. */
sg_case_entry *sg_view_entries(sg_arena *a, const sg_vocab *v,
                               sg_view_cache *vc, sg_case **cases,
                               const sg_class *classes,
                               const sg_analysis *an, size_t n);

/* The case's map, built in `a`: its facts (the keys of cases.json),
 * `show` (what lists and tables need), `related`, `prev` and `next`.
 * An sg_lazy_fn: `arg` is the sg_case_entry. */
sg_value *sg_view_case(sg_arena *a, const void *entry);

/* A fingerprint of what sg_view_case makes the case's map from, without
 * making it (a tenth of the cost): the case's front matter (which, with
 * the vocabulary, makes its record and classification), its texts and
 * folders as the analysis set them, and the texts of the cases it links
 * to (related, previous, next). Equal keys, in builds with the same
 * vocabulary, binary and options, mean equal maps; whatever
 * sg_view_case comes to read must be added to it. */
unsigned long long sg_view_case_key(const sg_case_entry *e);
/* Parts of it, for tables that show only these: `stage`, `model`,
 * `funding`. */
sg_value *sg_view_stage(sg_arena *a, const sg_case_entry *e);
sg_value *sg_view_model(sg_arena *a, const sg_case_entry *e);
sg_value *sg_view_funding(sg_arena *a, const sg_case_entry *e);

/* What only the case's own page shows: the trait table, the
 * activity-by-gap matrix, stage fit, the rendered body (read back from
 * the case file: a problem doing so goes to `d`). Built per page in a
 * scratch arena and dropped after the page is written. */
sg_value *sg_view_case_detail(sg_arena *a, const sg_case_entry *e,
                              sg_diags *d);

/* Renders a case's Markdown body to HTML (markdown.h: raw HTML and
 * unsafe addresses are left out), with the addresses its check resolved
 * (c->urls; `c` may be NULL). Arena string. */
const char *sg_markdown(sg_arena *a, const sg_case *c, const char *md,
                        size_t len);

/* Everything over all cases: listings, comparisons, charts, the site
 * map. Only reads the entries and the analysis. */
void sg_view_build(sg_arena *a, const sg_vocab *v, const sg_analysis *an,
                   const sg_case_entry *entries, size_t n,
                   const sg_site_opts *opts, sg_view *out);

/* What the side-by-side picker needs of a case view `cv` (a forced
 * case view): its facts as short texts. */
sg_value *sg_view_pick(sg_arena *a, const sg_value *cv);

/* Keys written to cases.json for each case (NULL-terminated). */
extern const char *const sg_json_case_keys[];

#endif
