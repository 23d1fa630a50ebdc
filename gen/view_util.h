/* view_util.h - shorthands shared by view.c and view_site.c (private).
 *
 * Strings are referenced, not copied: every one lives in the build's
 * arena or the vocabulary, both of which outlive the views. Null, true,
 * false and small numbers are shared read-only values.
 */
#ifndef SG_VIEW_UTIL_H
#define SG_VIEW_UTIL_H

#include <string.h>

#include "value.h"
#include "view.h"
#include "vocab.h"

static inline sg_value *sg_view_ref(sg_arena *a, const char *s)
{
    return s ? sg_str_ref(a, s, strlen(s)) : sg_const_null();
}

/* {key, name, description} of a vocabulary entry (an obstacle, a model) */
static inline sg_value *sg_view_named(sg_arena *a, const sg_named *n)
{
    sg_value *x = sg_map_sized(a, 3);
    sg_map_addn(a, x, "key", 3, sg_view_ref(a, n->key));
    sg_map_addn(a, x, "name", 4, sg_view_ref(a, n->name));
    sg_map_addn(a, x, "description", 11, sg_view_ref(a, n->description));
    return x;
}

/* {title, slug, url} of a case, for links between cases */
static inline sg_value *sg_view_link(sg_arena *a, const sg_case_entry *e)
{
    sg_value *m = sg_map_sized(a, 4);
    sg_map_addn(a, m, "title", 5, e->texts[SG_T_TITLE]);
    sg_map_addn(a, m, "slug", 4, e->texts[SG_T_SLUG]);
    sg_map_addn(a, m, "url", 3, e->texts[SG_T_URL]);
    return m;
}

/* A word of the site from the vocabulary, at a dotted path such as
 * "kinds.stages.title" ("" when the vocabulary has none). */
static inline const char *sg_view_word(const sg_vocab *v, const char *path)
{
    const char *s = sg_value_str(sg_value_at(v->root, path));
    return s ? s : "";
}

/* What the builders of the site view (view_listing.c, view_compare.c,
 * view_site.c) share: they only read it. */
typedef struct sg_site_ctx {
    sg_arena *a;
    const sg_vocab *v;
    const sg_analysis *an;
    const sg_case_entry *e;    /* the entries, in title order */
    size_t n;
} sg_site_ctx;

/* The listing pages, the kinds they come in, and the home page's filter
 * options (view_listing.c). */
typedef struct sg_listings {
    sg_value *listings, *kinds, *sector_options, *country_options;
} sg_listings;
void sg_view_listings(const sg_site_ctx *c, sg_listings *out);

/* The comparison tables and the home page's charts (view_compare.c). */
sg_value *sg_view_compare(const sg_site_ctx *c);
sg_value *sg_view_charts(const sg_site_ctx *c);

/* The cells comparison rows share (view_site.c), made once per build
 * by sg_view_entries. */
void sg_view_cells(sg_arena *a, const sg_vocab *v, sg_view_cache *vc);

/* "EUR 1,200 per year" (prefix, x grouped by thousands, suffix) and
 * 0.456 -> "46%" (NULL for a negative share): view.c. */
const char *sg_view_amount(sg_arena *a, const char *prefix, double x,
                           const char *suffix);
const char *sg_view_pct(sg_arena *a, double share);

/* #17: funding over time (view_funding.c) - a case's funding periods and
 * its investment-to-return ratio for cases.json, the chart of the periods
 * for its page, and the comparison of the shift from public to private
 * money across cases. */
sg_value *sg_view_funding_periods(sg_arena *a, const sg_vocab *v,
                                  const sg_case *c);
sg_value *sg_view_funding_return(sg_arena *a, const sg_vocab *v,
                                 const sg_case *c);
sg_value *sg_view_funding_chart(sg_arena *a, const sg_vocab *v,
                                const sg_case *c);
sg_value *sg_view_compare_shift(const sg_site_ctx *c);

/* #17: a city region on 001's three levels (view_region.c): adds its
 * actors (level 1), Table 4 (level 2) and traffic (level 3) to listing
 * `l`; and the regions side by side for the comparison page. */
void sg_view_region(const sg_site_ctx *c, const sg_group *g, sg_value *l);
sg_value *sg_view_compare_regions(const sg_site_ctx *c);

/* `k` must be a string literal ("" k makes anything else an error). */
#define ADD(m, k, x) sg_map_addn(a, (m), "" k, sizeof(k) - 1, (x))
#define S_ref(a, s) sg_view_ref((a), (s))
#define STR(m, k, s) ADD(m, k, sg_view_ref(a, (s)))
#define NUM(m, k, x) ADD(m, k, sg_const_num(a, (x)))
#define BOOL(m, k, x) ADD(m, k, sg_const_bool((x)))
#define NUL(m, k) ADD(m, k, sg_const_null())

#endif
