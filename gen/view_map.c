/* view_map.c - the home page's map and the case and region locators.
 *
 * map.c projects and draws the countries; this file decides what goes
 * on top: one marker per located case, coloured by its stage (the class
 * st-<key>, the palette is in the stylesheet), pushed aside when others
 * already sit there so every one can be seen and clicked, and for a
 * cross-border case a small anchor in each of its other countries
 * joined to its marker. docs/map.md explains the choices.
 */
#include "view_map.h"

#include <math.h>
#include <string.h>

#include "map.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* The frames maps are fitted into (SVG user units; CSS scales them). */
static const sg_map_frame S_home_frame = { 800, 640, 24, 600 };
static const sg_map_frame S_locator_frame = { 320, 240, 24, 900 };

#define MARK_R 6.0           /* marker radius */
#define MARK_SEP 13.0        /* centres at least this far apart */
#define SPREAD_RINGS 9       /* rings tried around a taken place */
#define SPREAD_MAX 4000      /* markers spread at most: a frame holds
                              * fewer free places, and the work of the
                              * rest would grow with the collection */

/* ---- markers that do not hide each other ---- */

/* A grid of the places taken so far, cells MARK_SEP wide: a place is
 * free when no taken one in the 3 x 3 cells around it is too close.
 * Two places at least MARK_SEP apart share a cell only four at a time. */
typedef struct spread {
    int gw, gh;
    size_t tries;           /* markers spread so far */
    sg_xy (*cell)[4];
    unsigned char *n;
    double w, h;
} spread;

static void S_spread_init(sg_arena *a, spread *s, double w, double h)
{
    s->gw = (int)ceil(w / MARK_SEP) + 1;
    s->gh = (int)ceil(h / MARK_SEP) + 1;
    s->cell = sg_alloc(a, (size_t)s->gw * (size_t)s->gh * sizeof *s->cell);
    s->n = sg_alloc(a, (size_t)s->gw * (size_t)s->gh);
    memset(s->n, 0, (size_t)s->gw * (size_t)s->gh);
    s->w = w;
    s->h = h;
    s->tries = 0;
}

static bool S_free(const spread *s, sg_xy q)
{
    if (q.x < MARK_R || q.y < MARK_R || q.x > s->w - MARK_R ||
        q.y > s->h - MARK_R)
        return false;
    int cx = (int)(q.x / MARK_SEP), cy = (int)(q.y / MARK_SEP);
    for (int y = cy - 1; y <= cy + 1; y++)
        for (int x = cx - 1; x <= cx + 1; x++) {
            if (x < 0 || y < 0 || x >= s->gw || y >= s->gh)
                continue;
            size_t k = (size_t)y * (size_t)s->gw + (size_t)x;
            for (unsigned i = 0; i < s->n[k]; i++)
                if (hypot(s->cell[k][i].x - q.x, s->cell[k][i].y - q.y) <
                    MARK_SEP - 1e-9)
                    return false;
        }
    return true;
}

static void S_take(spread *s, sg_xy q)
{
    size_t k = (size_t)(int)(q.y / MARK_SEP) * (size_t)s->gw +
               (size_t)(int)(q.x / MARK_SEP);
    if (s->n[k] < 4)
        s->cell[k][s->n[k]++] = q;
}

/* Where a marker for `at` goes: there if free, else the first free
 * place on rings around it (six more places on each ring, starting at
 * the top), else on `at` itself (a crowd beyond the rings overlaps). */
static sg_xy S_place(spread *s, sg_xy at)
{
    sg_xy q = { round(at.x), round(at.y) };
    if (S_free(s, q)) {
        S_take(s, q);
        return q;
    }
    if (++s->tries > SPREAD_MAX)
        return q;
    for (int ring = 1; ring <= SPREAD_RINGS; ring++) {
        int k = 6 * ring;
        for (int j = 0; j < k; j++) {
            double t = 2 * M_PI * j / k - M_PI / 2;
            sg_xy c = { round(at.x + ring * MARK_SEP * cos(t)),
                        round(at.y + ring * MARK_SEP * sin(t)) };
            if (S_free(s, c)) {
                S_take(s, c);
                return c;
            }
        }
    }
    return q;
}

/* ---- cases, countries ---- */

static sg_lonlat S_ll(const sg_case *c)
{
    return (sg_lonlat){ c->lon, c->lat };
}

/* The case's countries: `countries` when given, else `country`. */
static size_t S_codes(const sg_case *c, const char *const **out)
{
    static const char *none[1];
    if (c->ncountries) {
        *out = c->countries;
        return c->ncountries;
    }
    *out = c->country ? &c->country : none;
    return c->country ? 1 : 0;
}

static const char *S_country_name(const sg_vocab *v, const char *code)
{
    int ci = sg_vocab_country(v, code);
    return ci >= 0 ? v->countries[ci].name : code;
}

/* "Denmark and Sweden" */
static const char *S_country_names(sg_arena *a, const sg_case_entry *e)
{
    const char *const *codes;
    size_t n = S_codes(e->c, &codes);
    sg_buf b = SG_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        sg_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : " and ",
                      S_country_name(e->v, codes[i]));
    const char *s = sg_strndup(a, b.ptr, b.len);
    sg_buf_free(&b);
    return s;
}

/* The outline point of country `c` nearest to `p`: where a cross-border
 * case's anchor in that country goes. */
static sg_lonlat S_nearest(const sg_country *c, sg_lonlat p)
{
    double u[3] = { cos(p.lat * M_PI / 180) * cos(p.lon * M_PI / 180),
                    cos(p.lat * M_PI / 180) * sin(p.lon * M_PI / 180),
                    sin(p.lat * M_PI / 180) };
    double best = -2;
    sg_lonlat q = p;
    for (size_t j = 0; j < c->nrings; j++) {
        const sg_ring *r = &c->rings[j];
        for (size_t i = 0; i < r->n; i++) {
            double dot = u[0] * r->v[3 * i] + u[1] * r->v[3 * i + 1] +
                         u[2] * r->v[3 * i + 2];
            if (dot > best) {
                best = dot;
                q = (sg_lonlat){ r->ll[2 * i] / 100.0,
                                 r->ll[2 * i + 1] / 100.0 };
            }
        }
    }
    return q;
}

static int S_stage(const sg_case_entry *e)
{
    return e->k->stage_final;
}

static const char *S_stage_key(const sg_case_entry *e)
{
    int s = S_stage(e);
    return s >= 0 ? e->v->stages[s].key : "none";
}

static const char *S_stage_name(const sg_case_entry *e)
{
    int s = S_stage(e);
    return s >= 0 ? e->v->stages[s].name : sg_view_word(e->v, "maps.none");
}

/* ---- building a map ---- */

/* One case's marker at `at`, spread from the others; its anchors in
 * its other countries (those `at` is not in). */
static sg_value *S_marker(sg_arena *a, const sg_basemap *m, const sg_proj *p,
                          spread *s, const sg_case_entry *e, sg_xy at)
{
    sg_value *mk = sg_view_link(a, e);
    sg_xy q = S_place(s, at);
    NUM(mk, "x", q.x);
    NUM(mk, "y", q.y);
    bool moved = hypot(q.x - at.x, q.y - at.y) > MARK_R / 2;
    BOOL(mk, "moved", moved);
    NUM(mk, "px", round(at.x));
    NUM(mk, "py", round(at.y));
    STR(mk, "stage", S_stage_key(e));
    STR(mk, "stage_name", S_stage_name(e));
    const char *place = e->c->city ? e->c->city : e->c->region;
    const char *names = S_country_names(a, e);
    STR(mk, "place", place ? sg_printf(a, "%s, %s", place, names) : names);
    sg_value *anchors = sg_list(a);
    const char *const *codes;
    size_t n = S_codes(e->c, &codes);
    const sg_country *home = n > 1 ? sg_basemap_locate(m, S_ll(e->c), 25)
                                   : NULL;
    for (size_t i = 0; n > 1 && i < n; i++) {
        const sg_country *c = sg_basemap_find(m, codes[i]);
        if (!c || c == home)
            continue;
        sg_xy ax = S_place(s, sg_proj_point(p, S_nearest(c, S_ll(e->c))));
        sg_value *an = sg_map_sized(a, 5);
        NUM(an, "x", ax.x);
        NUM(an, "y", ax.y);
        NUM(an, "mx", q.x);
        NUM(an, "my", q.y);
        STR(an, "name", S_country_name(e->v, codes[i]));
        sg_list_push(a, anchors, an);
    }
    ADD(mk, "anchors", anchors);
    BOOL(mk, "cross_border", anchors->u.list.n > 0);
    return mk;
}

/* Adds `code` to the set `set` (n items, room for cap) if new. */
static void S_add_code(const char **set, size_t *n, size_t cap,
                       const char *code)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(set[i], code) == 0)
            return;
    if (*n < cap)
        set[(*n)++] = code;
}

/* A map of the cases `idx` (n, into `all`; NULL: all of them in order)
 * in frame `f`; its markers link to the cases when `links`. `hl_all`:
 * tint every country that has a case (else, as a locator, the
 * countries of the cases). */
static sg_value *S_map(sg_arena *a, const sg_case_entry *all,
                       const size_t *idx, size_t n, const sg_map_frame *f,
                       bool links)
{
    sg_diags d;
    sg_diags_init(&d, a);
    const sg_basemap *m;
    if (sg_basemap_builtin(&m, &d) < 0)
        return sg_const_null();
    const sg_vocab *v = all[0].v;
    size_t placed = 0, cap = m->n + 1, ncodes = 0;
    sg_lonlat *pts = sg_alloc(a, (n + 1) * sizeof *pts);
    const sg_case_entry **es = sg_alloc(a, (n + 1) * sizeof *es);
    const char **codes = sg_alloc(a, cap * sizeof *codes);
    sg_value *unplaced = sg_list(a);
    size_t *per_stage = sg_alloc(a, (v->nstages + 1) * sizeof *per_stage);
    memset(per_stage, 0, (v->nstages + 1) * sizeof *per_stage);
    for (size_t i = 0; i < n; i++) {
        const sg_case_entry *e = &all[idx ? idx[i] : i];
        if (!e->c->has_location) {
            sg_list_push(a, unplaced, sg_view_link(a, e));
            continue;
        }
        pts[placed] = S_ll(e->c);
        es[placed++] = e;
        int s = S_stage(e);
        per_stage[s >= 0 ? (size_t)s : v->nstages]++;
        const char *const *cc;
        size_t nc = S_codes(e->c, &cc);
        for (size_t k = 0; k < nc; k++)
            S_add_code(codes, &ncodes, cap, cc[k]);
    }
    /* nothing to place: no map (a collection with no locations does not
     * get a page-long list of cases not placed) */
    if (!placed)
        return sg_const_null();
    sg_value *map = sg_map(a);
    NUM(map, "width", f->width);
    NUM(map, "height", f->height);
    BOOL(map, "links", links);
    NUM(map, "placed_count", (double)placed);
    NUM(map, "unplaced_count", (double)unplaced->u.list.n);
    ADD(map, "unplaced", unplaced);
    sg_value *markers = sg_list(a);
    ADD(map, "markers", markers);
    sg_value *legend = sg_list(a);
    ADD(map, "legend", legend);
    for (size_t s = 0; s <= v->nstages; s++) {
        if (s < v->nstages && !per_stage[s])
            continue;
        sg_value *it = sg_map_sized(a, 3);
        STR(it, "key", s < v->nstages ? v->stages[s].key : "none");
        STR(it, "name", s < v->nstages ? v->stages[s].name
                                       : sg_view_word(v, "maps.none"));
        NUM(it, "count", (double)per_stage[s]);
        sg_list_push(a, legend, it);
    }
    sg_proj p;
    sg_xy *xy = sg_alloc(a, placed * sizeof *xy);
    if (sg_map_fit(&p, f, pts, placed, xy, &d) < 0)
        return sg_const_null();
    sg_buf svg = SG_BUF_INIT;
    sg_map_svg_countries(&svg, m, &p, codes, ncodes);
    ADD(map, "countries", sg_strn(a, svg.ptr, svg.len));
    sg_buf_free(&svg);
    spread sp;
    S_spread_init(a, &sp, f->width, f->height);
    bool cross = false;
    for (size_t i = 0; i < placed; i++) {
        sg_value *mk = S_marker(a, m, &p, &sp, es[i], xy[i]);
        cross |= sg_map_get(mk, "anchors")->u.list.n > 0;
        sg_list_push(a, markers, mk);
    }
    BOOL(map, "any_cross_border", cross);
    return map;
}

sg_value *sg_view_map_home(const sg_site_ctx *c)
{
    if (!c->n)
        return sg_const_null();
    return S_map(c->a, c->e, NULL, c->n, &S_home_frame, true);
}

sg_value *sg_view_map_case(sg_arena *a, const sg_case_entry *e)
{
    if (!e->c->has_location)
        return sg_const_null();
    size_t one = e->i;
    return S_map(a, e->all, &one, 1, &S_locator_frame, false);
}

typedef struct group_arg {
    const sg_case_entry *all;
    const size_t *idx;
    size_t n;
} group_arg;

static sg_value *S_group_map(sg_arena *a, const void *arg)
{
    const group_arg *g = arg;
    return S_map(a, g->all, g->idx, g->n, &S_locator_frame, true);
}

sg_value *sg_view_map_group(sg_arena *a, const sg_case_entry *all,
                            const size_t *idx, size_t n)
{
    if (!n)
        return sg_const_null();
    group_arg *g = sg_alloc(a, sizeof *g);
    *g = (group_arg){ all, idx, n };
    return sg_lazy(a, S_group_map, g);
}
