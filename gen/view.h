/* view.h - the value trees that templates render and exports serialise.
 *
 * One map per case holds both the machine-readable facts (the keys of
 * cases.json) and what pages show (labels, matrix rows, formatted
 * figures); the site view adds the indexes over all cases (stages,
 * models, gaps, sectors, countries, comparisons). Built once per build;
 * page contexts share these subtrees rather than copying them.
 */
#ifndef SG_VIEW_H
#define SG_VIEW_H

#include "classify.h"

typedef struct sg_site_opts {
    const char *base_url;      /* "" when not given */
    const char *title;         /* site title */
} sg_site_opts;

typedef struct sg_view {
    sg_value *site;            /* site-wide data: counts, vocabulary, options */
    sg_value **cases;          /* per case, in title order */
    size_t n;
    sg_value *listings;        /* list of listing pages (kind, key, ...) */
    sg_value *compare;         /* the comparison tables */
    sg_value *charts;          /* SVG chart geometry for the home page */
} sg_view;

/* Values shared by every case view of a build (the gap cells of each
 * of the 2^7 gap sets), so that 100,000 cases do not hold 100,000
 * copies. Zero-initialise one per build. */
typedef struct sg_view_cache {
    sg_value **cells;          /* by gap mask, built on first use */
} sg_view_cache;

/* The case's map: its facts (the keys of cases.json) and `show`, what
 * lists and tables need. Kept for the whole build. */
sg_value *sg_view_case(sg_arena *a, const sg_vocab *v, sg_view_cache *vc,
                       const sg_case *c, const sg_class *k);

/* What only the case's own page shows: the trait table, the
 * activity-by-gap matrix, stage fit, the rendered body (read back from
 * the case file: a problem doing so goes to `d`). Built per page in a
 * scratch arena and dropped after the page is written. */
sg_value *sg_view_case_detail(sg_arena *a, const sg_vocab *v,
                              sg_view_cache *vc, const sg_case *c,
                              const sg_class *k, sg_diags *d);

/* Renders a case's Markdown body to HTML (raw HTML is not passed
 * through). Arena string. */
const char *sg_markdown(sg_arena *a, const char *md, size_t len);

/* Everything over all cases: listings, related cases, previous/next,
 * comparisons, charts. `cases` and `classes` are in title order. */
void sg_view_build(sg_arena *a, const sg_vocab *v, sg_case **cases,
                   const sg_class *classes, sg_value **case_views, size_t n,
                   const sg_site_opts *opts, sg_view *out);

/* A key made safe for a path segment: "Life science" -> "life-science". */
const char *sg_view_slug(sg_arena *a, const char *s);

/* Keys written to cases.json for each case (NULL-terminated). */
extern const char *const sg_json_case_keys[];

#endif
