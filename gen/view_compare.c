/* view_compare.c - the comparison tables and the home page's charts.
 *
 * Rows of the tables over all cases are lazy (sg_lazy): the page that
 * shows them builds each row, renders it and drops it. Only reads the
 * entries and the analysis.
 */
#include "view.h"
#include "view_util.h"

#include <math.h>
#include <string.h>

/* ---- cells the rows share, made once per build ---- */

static sg_value *S_heat_cell(sg_arena *a, const sg_vocab *v, size_t g,
                             int count)
{
    sg_value *cell = sg_map_sized(a, 4);
    NUM(cell, "count", count);
    NUM(cell, "level", count > 4 ? 4 : count);
    BOOL(cell, "empty", count == 0);
    STR(cell, "gap", v->gaps[g].short_name);
    return cell;
}

static sg_value *S_trait_cell(sg_arena *a, const sg_vocab *v, size_t t,
                              int tv)
{
    sg_value *cell = sg_map_sized(a, 2);
    STR(cell, "value", tv >= 0 ? v->traits[t].value[tv] : NULL);
    int m = tv >= 0 ? v->traits[t].model[tv] : -1;
    STR(cell, "side", m >= 0 ? v->models[m].key : "none");
    return cell;
}

void sg_view_cells(sg_arena *a, const sg_vocab *v, sg_view_cache *vc)
{
    for (size_t g = 0; g < v->ngaps; g++)
        for (int level = 0; level < 4; level++)
            vc->heat_cells[g][level] = S_heat_cell(a, v, g, level);
    vc->trait_cells = sg_alloc(a, (v->ntraits + 1) * sizeof *vc->trait_cells);
    for (size_t t = 0; t < v->ntraits; t++)
        for (int tv = -1; tv < 2; tv++)
            vc->trait_cells[t][tv + 1] = S_trait_cell(a, v, t, tv);
}

/* ---- rows of the comparison tables: lazy, built by their page ---- */

/* A case against the seven gaps: bridge counts, darker when thicker. */
static sg_value *S_heat_row(sg_arena *a, const void *arg)
{
    const sg_case_entry *e = arg;
    const sg_vocab *v = e->v;
    sg_value *row = sg_view_link(a, e);
    BOOL(row, "recorded", e->k->gaps_recorded);
    if (!e->k->gaps_recorded) {
        NUM(row, "span", (double)v->ngaps + 1);
        return row;
    }
    sg_value *cells = sg_list(a);
    int total = 0;
    for (size_t g = 0; g < v->ngaps; g++) {
        int count = e->k->bridges[g];
        sg_list_push(a, cells, count < 4 ? e->vc->heat_cells[g][count]
                                         : S_heat_cell(a, v, g, count));
        total += count;
    }
    ADD(row, "cells", cells);
    NUM(row, "total", total);
    sg_mask m = e->k->covered & (sg_mask)(((size_t)1 << v->ngaps) - 1);
    STR(row, "strip", e->vc->strips[m]);
    return row;
}

/* A case's values for the traits of Table 2, and its model. */
static sg_value *S_traits_row(sg_arena *a, const void *arg)
{
    const sg_case_entry *e = arg;
    const sg_vocab *v = e->v;
    sg_value *row = sg_view_link(a, e);
    sg_value *cells = sg_list(a);
    for (size_t t = 0; t < v->ntraits; t++)
        sg_list_push(a, cells, e->vc->trait_cells[t][e->c->traits[t] + 1]);
    ADD(row, "cells", cells);
    ADD(row, "model", sg_view_model(a, e));
    return row;
}

static sg_value *S_funding_row(sg_arena *a, const void *arg)
{
    const sg_case_entry *e = arg;
    sg_value *row = sg_view_link(a, e);
    ADD(row, "funding", sg_view_funding(a, e));
    return row;
}

static sg_value *S_disagreement_row(sg_arena *a, const void *arg)
{
    const sg_case_entry *e = arg;
    sg_value *row = sg_view_link(a, e);
    ADD(row, "stage", sg_view_stage(a, e));
    return row;
}

/* ---- the tables ---- */

/* The step of a count on the five-step scale of the stage tables: 1,
 * 2, 3-4, 5-8, 9 and more (0: an empty cell). Steps double, so small
 * counts, the common ones, stay apart. */
static int S_level(size_t n)
{
    return n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n <= 4 ? 3 : n <= 8 ? 4 : 5;
}

/* A row of counts: {count, zero, level[, agree]} cells. */
static sg_value *S_count_cells(sg_arena *a, const size_t *cnt, size_t n,
                               long agree_at)
{
    sg_value *cells = sg_list(a);
    for (size_t i = 0; i < n; i++) {
        sg_value *cell = sg_map(a);
        NUM(cell, "count", (double)cnt[i]);
        BOOL(cell, "zero", cnt[i] == 0);
        NUM(cell, "level", S_level(cnt[i]));
        if (agree_at != -2)
            BOOL(cell, "agree", (long)i == agree_at);
        sg_list_push(a, cells, cell);
    }
    return cells;
}

/* The heat map's columns: per gap, cases that bridge it, bridges, and
 * cases that leave it empty. */
static sg_value *S_gap_columns(const sg_site_ctx *c)
{
    sg_arena *a = c->a;
    const sg_vocab *v = c->v;
    sg_value *cols = sg_list(a);
    for (size_t g = 0; g < v->ngaps; g++) {
        double bridges = 0;
        for (size_t i = 0; i < c->n; i++)
            bridges += c->e[i].k->bridges[g];
        sg_value *col = sg_map(a);
        STR(col, "key", v->gaps[g].key);
        STR(col, "short", v->gaps[g].short_name);
        NUM(col, "number", v->gaps[g].number);
        NUM(col, "cases", (double)c->an->bridged[g].n);
        NUM(col, "bridges", bridges);
        NUM(col, "empty", (double)c->an->empty[g].n);
        sg_list_push(a, cols, col);
    }
    return cols;
}

/* Stage against sector: per sector, its cases at each stage (and none). */
static sg_value *S_stage_sector(const sg_site_ctx *c)
{
    sg_arena *a = c->a;
    size_t ns = c->v->nstages;
    sg_value *rows = sg_list(a);
    for (size_t gi = 0; gi < c->an->nsectors; gi++) {
        const sg_group *g = &c->an->sectors[gi];
        size_t *cnt = sg_alloc(a, (ns + 1) * sizeof(size_t));
        for (size_t j = 0; j < g->n; j++) {
            int s = c->e[g->idx[j]].k->stage_final;
            cnt[s >= 0 ? (size_t)s : ns]++;
        }
        sg_value *row = sg_map(a);
        STR(row, "name", g->name);
        STR(row, "path", sg_printf(a, "sectors/%s/index.html", g->key));
        ADD(row, "cells", S_count_cells(a, cnt, ns + 1, -2));
        NUM(row, "total", (double)g->n);
        sg_list_push(a, rows, row);
    }
    return rows;
}

/* Declared against inferred stage: the grid of counts, and the cases
 * whose two stages disagree. */
static void S_declared_inferred(const sg_site_ctx *c, sg_value *cmp)
{
    sg_arena *a = c->a;
    size_t ns = c->v->nstages, dim = ns + 1;
    size_t *grid = sg_alloc(a, dim * dim * sizeof(size_t));
    sg_value *disagree = sg_list(a);
    for (size_t i = 0; i < c->n; i++) {
        const sg_class *k = c->e[i].k;
        int d = k->stage_declared, f = k->stage_inferred;
        grid[(d >= 0 ? (size_t)d : ns) * dim + (f >= 0 ? (size_t)f : ns)]++;
        if (k->stage_agrees == 0)
            sg_list_push(a, disagree,
                         sg_lazy(a, S_disagreement_row, &c->e[i]));
    }
    sg_value *rows = sg_list(a);
    for (size_t d = 0; d < dim; d++) {
        sg_value *row = sg_map(a);
        STR(row, "name", d < ns ? c->v->stages[d].name
                                : sg_view_word(c->v, "missing.not_declared"));
        ADD(row, "cells", S_count_cells(a, grid + d * dim, dim,
                                        d < ns ? (long)d : -1));
        sg_list_push(a, rows, row);
    }
    ADD(cmp, "declared_inferred", rows);
    ADD(cmp, "disagreements", disagree);
}

sg_value *sg_view_compare(const sg_site_ctx *c)
{
    sg_arena *a = c->a;
    sg_value *cmp = sg_map(a);
    sg_value *heat = sg_list(a), *traits = sg_list(a), *fund = sg_list(a);
    size_t no_traits = 0, no_funding = 0;
    for (size_t i = 0; i < c->n; i++) {
        const sg_case_entry *e = &c->e[i];
        sg_list_push(a, heat, sg_lazy(a, S_heat_row, e));
        /* a case that records no trait has no row of blanks: it is
         * counted as not recorded */
        bool any = false;
        for (size_t t = 0; t < c->v->ntraits; t++)
            any |= e->c->traits[t] >= 0;
        if (any)
            sg_list_push(a, traits, sg_lazy(a, S_traits_row, e));
        else
            no_traits++;
        if (e->c->nfunding)
            sg_list_push(a, fund, sg_lazy(a, S_funding_row, e));
        else
            no_funding++;
    }
    NUM(cmp, "traits_unrecorded", (double)no_traits);
    NUM(cmp, "funding_unrecorded", (double)no_funding);
    ADD(cmp, "gap_columns", S_gap_columns(c));
    NUM(cmp, "unrecorded", (double)c->an->unrecorded.n);
    NUM(cmp, "unrecorded_span", (double)c->v->ngaps + 1);
    ADD(cmp, "heat", heat);
    ADD(cmp, "traits", traits);
    ADD(cmp, "funding", fund);
    ADD(cmp, "stage_sector", S_stage_sector(c));
    S_declared_inferred(c, cmp);
    ADD(cmp, "funding_shift", sg_view_compare_shift(c));
    ADD(cmp, "regions", sg_view_compare_regions(c));
    return cmp;
}

/* ---- the home page's charts ---- */

/* One bar of a chart; `path` NULL for a bar with no page (the cases
 * with no model, or whose gaps are not recorded). `cls` colours it:
 * st-<stage>, md-<model>, gp (a gap) or none (not recorded). */
typedef struct bar {
    const char *key, *name, *path, *cls;
    size_t count;
} bar;

/* Chart geometry, in SVG user units: each bar has its own row, the
 * label on a line above the bar and the count just past its end, so no
 * text ever sits on a bar; the axis below has ticks at a round step. */
#define CH_W 320.0       /* the viewBox's width */
#define CH_BAR 270.0     /* the longest bar: room for a count after it */
#define CH_ROW 34.0      /* label line and bar */
#define CH_AXIS 34.0     /* ticks, their numbers and the axis title */

/* A round step for about four ticks up to `max` (1, 2 or 5 x 10^k). */
static double S_step(double max)
{
    if (max <= 4)
        return 1;
    double raw = max / 4, p = pow(10, floor(log10(raw)));
    double m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/* An SVG bar chart with an axis, and a text alternative listing every
 * bar. */
static sg_value *S_chart(const sg_site_ctx *c, const char *kind,
                         const bar *bars, size_t n)
{
    sg_arena *a = c->a;
    double max = 0;
    for (size_t i = 0; i < n; i++)
        if ((double)bars[i].count > max)
            max = (double)bars[i].count;
    double step = S_step(max), top = step * ceil(max / step);
    if (top <= 0)
        top = 1;
    double k = CH_BAR / top;
    sg_value *list = sg_list(a);
    sg_buf alt = SG_BUF_INIT;
    sg_buf_puts(&alt, sg_view_word(c->v, sg_printf(a, "charts.%s.alt", kind)));
    for (size_t i = 0; i < n; i++) {
        double count = (double)bars[i].count, y = (double)i * CH_ROW;
        double w = round(count * k * 10) / 10;
        sg_value *b = sg_map(a);
        STR(b, "key", bars[i].key);
        STR(b, "name", bars[i].name);
        STR(b, "cls", bars[i].cls);
        NUM(b, "count", count);
        NUM(b, "width", w);
        NUM(b, "ty", y + 12);            /* the label's baseline */
        NUM(b, "y", y + 16);             /* the bar's top, 14 high */
        NUM(b, "cx", w + 5);             /* the count, after the bar */
        NUM(b, "cy", y + 27);
        BOOL(b, "unplaced", !strcmp(bars[i].cls, "none"));
        STR(b, "path", bars[i].path);
        sg_list_push(a, list, b);
        sg_buf_printf(&alt, "%s%s: %zu", i ? ", " : "", bars[i].name,
                      bars[i].count);
    }
    sg_value *ticks = sg_list(a);
    for (double t = 0; t <= top + 1e-9; t += step) {
        sg_value *tk = sg_map_sized(a, 2);
        NUM(tk, "value", t);
        NUM(tk, "x", round(t * k * 10) / 10);
        sg_list_push(a, ticks, tk);
    }
    double h = (double)n * CH_ROW;
    sg_value *ch = sg_map(a);
    STR(ch, "id", sg_printf(a, "chart-%s", kind));
    STR(ch, "title", sg_view_word(c->v, sg_printf(a, "charts.%s.title",
                                                  kind)));
    STR(ch, "alt", sg_strndup(a, alt.ptr ? alt.ptr : "", alt.len));
    STR(ch, "none_means", sg_view_word(c->v, sg_printf(a, "chart_none.%s",
                                                       kind)));
    ADD(ch, "bars", list);
    ADD(ch, "ticks", ticks);
    NUM(ch, "width", CH_W);
    NUM(ch, "axis_w", CH_BAR);
    NUM(ch, "axis_y", h + 2);
    NUM(ch, "tick_y", h + 14);
    NUM(ch, "label_y", h + 28);
    NUM(ch, "height", h + CH_AXIS);
    sg_buf_free(&alt);
    return ch;
}

static bar S_bar(sg_arena *a, const char *kind, const char *cls,
                 const char *key, const char *name, size_t count)
{
    return (bar){ key, name, sg_printf(a, "%s/%s/index.html", kind, key),
                  cls, count };
}

sg_value *sg_view_charts(const sg_site_ctx *c)
{
    sg_arena *a = c->a;
    const sg_vocab *v = c->v;
    const sg_analysis *an = c->an;
    size_t most = v->nstages > v->ngaps ? v->nstages : v->ngaps;
    if (v->nmodels > most)
        most = v->nmodels;
    bar *bars = sg_alloc(a, (most + 4) * sizeof *bars);
    sg_value *charts = sg_map(a);
    const char *none_name = sg_view_word(v, "maps.not_recorded");
    /* every chart ends with the cases it cannot place, counted, so that
     * none is silently left out; the bar shows even at 0 */
    for (size_t s = 0; s < v->nstages; s++)
        bars[s] = S_bar(a, "stages", sg_printf(a, "st-%s", v->stages[s].key),
                        v->stages[s].key, v->stages[s].name, an->stages[s].n);
    const sg_group *none = &an->stages[v->nstages];
    bars[v->nstages] = (bar){ "none", none_name,
        none->n ? sg_printf(a, "stages/%s/index.html",
                            sg_view_word(v, "kinds.stages.none.key"))
                : NULL, "none", none->n };
    ADD(charts, "stages", S_chart(c, "stages", bars, v->nstages + 1));
    size_t placed = 0;
    for (size_t m = 0; m < v->nmodels; m++) {
        bars[m] = S_bar(a, "models", sg_printf(a, "md-%s", v->models[m].key),
                        v->models[m].key, v->models[m].name, an->models[m].n);
        placed += an->models[m].n;
    }
    bars[v->nmodels] = (bar){ "none", none_name, NULL, "none",
                              c->n - placed };
    ADD(charts, "models", S_chart(c, "models", bars, v->nmodels + 1));
    for (size_t g = 0; g < v->ngaps; g++)
        bars[g] = S_bar(a, "gaps", "gp", v->gaps[g].key, v->gaps[g].name,
                        an->bridged[g].n);
    bars[v->ngaps] = (bar){ "none", none_name, NULL, "none",
                            an->unrecorded.n };
    ADD(charts, "gaps", S_chart(c, "gaps", bars, v->ngaps + 1));
    return charts;
}
