/* view_site.c - views over all cases: listings, related cases,
 * comparisons and charts.
 *
 * Every index is built in one pass over the cases, or by sorting an
 * array of case numbers; nothing compares every case with every other,
 * so the cost stays linear (n log n) in the number of cases.
 */
#include "view.h"
#include "view_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Strings are referenced, not copied: every one lives in the build's
 * arena or the vocabulary, both of which outlive the views. */

typedef struct ctx {
    sg_arena *a;
    const sg_vocab *v;
    sg_case_entry *e;
    size_t n;
} ctx;

/* A group of cases sharing a key (a sector, a country). */
typedef struct group {
    const char *key, *name;
    size_t *idx;
    size_t n;
} group;

typedef struct keyed {
    const char *key, *name;
    size_t i;
} keyed;

static int S_cmp_keyed(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* Sorts (key, case) pairs and cuts them into groups. */
static group *S_group(ctx *c, keyed *pairs, size_t np, size_t *ngroups)
{
    sg_arena *a = c->a;
    qsort(pairs, np, sizeof *pairs, S_cmp_keyed);
    group *g = sg_alloc(a, (np + 1) * sizeof *g);
    size_t ng = 0;
    for (size_t i = 0; i < np;) {
        size_t j = i;
        while (j < np && strcmp(pairs[j].key, pairs[i].key) == 0)
            j++;
        g[ng].key = pairs[i].key;
        g[ng].name = pairs[i].name;
        g[ng].idx = sg_alloc(a, (j - i) * sizeof(size_t));
        for (size_t k = i; k < j; k++)
            g[ng].idx[g[ng].n++] = pairs[k].i;
        ng++;
        i = j;
    }
    *ngroups = ng;
    return g;
}

static sg_value *S_listing(ctx *c, const char *kind, const char *kind_name,
                           const char *key, const char *name,
                           const char *description, const size_t *idx,
                           size_t n)
{
    sg_arena *a = c->a;
    sg_value *l = sg_map(a);
    STR(l, "kind", kind);
    STR(l, "kind_name", kind_name);
    STR(l, "key", key);
    STR(l, "name", name);
    STR(l, "description", description);
    STR(l, "path", sg_printf(a, "%s/%s/index.html", kind, key));
    sg_value *cases = sg_list(a);
    for (size_t i = 0; i < n; i++)
        sg_list_push(a, cases, c->e[idx[i]].view);
    ADD(l, "cases", cases);
    NUM(l, "count", (double)n);
    return l;
}

static void S_kind(ctx *c, sg_value *kinds, const char *kind,
                   const char *title, const char *intro, sg_value *items)
{
    sg_arena *a = c->a;
    sg_value *k = sg_map(a);
    STR(k, "kind", kind);
    STR(k, "title", title);
    STR(k, "intro", intro);
    STR(k, "path", sg_printf(a, "%s/index.html", kind));
    ADD(k, "items", items);
    sg_list_push(a, kinds, k);
}

static sg_value *S_item(ctx *c, sg_value *listing)
{
    sg_arena *a = c->a;
    sg_value *it = sg_map(a);
    ADD(it, "key", sg_map_get(listing, "key"));
    ADD(it, "name", sg_map_get(listing, "name"));
    ADD(it, "description", sg_map_get(listing, "description"));
    ADD(it, "path", sg_map_get(listing, "path"));
    ADD(it, "count", sg_map_get(listing, "count"));
    return it;
}

/* Bars for an SVG chart: width as a share of the largest count. */
static sg_value *S_bars(ctx *c, const char **keys, const char **names,
                        const double *counts, size_t n, const char *prefix)
{
    sg_arena *a = c->a;
    double max = 0;
    for (size_t i = 0; i < n; i++)
        if (counts[i] > max)
            max = counts[i];
    sg_value *bars = sg_list(a);
    for (size_t i = 0; i < n; i++) {
        sg_value *b = sg_map(a);
        STR(b, "key", keys[i]);
        STR(b, "name", names[i]);
        NUM(b, "count", counts[i]);
        NUM(b, "width", max > 0 ? round(counts[i] / max * 1000) / 10 : 0);
        NUM(b, "y", (double)i * 26);
        NUM(b, "ty", (double)i * 26 + 15);
        NUM(b, "n", (double)(i % 8));
        STR(b, "path", prefix ? sg_printf(a, "%s/%s/index.html", prefix, keys[i]) : NULL);
        sg_list_push(a, bars, b);
    }
    return bars;
}

static sg_value *S_chart(ctx *c, const char *id, const char *title,
                         const char *alt, sg_value *bars, size_t n)
{
    sg_arena *a = c->a;
    sg_value *ch = sg_map(a);
    STR(ch, "id", id);
    STR(ch, "title", title);
    STR(ch, "alt", alt);
    ADD(ch, "bars", bars);
    NUM(ch, "height", (double)n * 26);
    return ch;
}

/* ---- rows of the comparison tables: lazy, built by their page ---- */

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
    STR(cell, "side", tv == 0 ? "membership"
                      : tv == 1 ? "partnership" : "none");
    return cell;
}

/* A case against the seven gaps: bridge counts, darker when thicker. */
static sg_value *S_heat_row(sg_arena *a, const void *arg)
{
    const sg_case_entry *e = arg;
    const sg_vocab *v = e->v;
    sg_value *row = sg_view_link(a, e);
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
    for (size_t t = 0; t < v->ntraits && t < 16; t++)
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

/* What the pick-and-compare page's script needs of a case view. */
sg_value *sg_view_pick(sg_arena *a, const sg_value *cv)
{
    sg_value *p = sg_map_sized(a, 14);
    static const char *const keys[] = { "slug", "title", "country", "sector",
                                        "founded", "actors", "staff", "url" };
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        sg_map_add(a, p, keys[k], sg_map_get(cv, keys[k]));
    /* parts of a case view are lazy: forced here, in the caller's arena */
#define PART(k) sg_force(sg_map_get(cv, (k)), a)
    ADD(p, "stage", sg_map_get(PART("stage"), "final_name"));
    ADD(p, "model", sg_map_get(PART("model"), "final_name"));
    ADD(p, "gaps", sg_map_get(PART("gaps"), "covered"));
    const sg_value *fu = PART("funding");
    ADD(p, "funding", sg_map_get(fu, "total_text"));
    ADD(p, "public_share", sg_map_get(fu, "public_text"));
    ADD(p, "activities", sg_map_get(cv, "activities"));
#undef PART
    return p;
}

void sg_view_build(sg_arena *a, const sg_vocab *v, sg_view_cache *vc,
                   sg_case_entry *entries, size_t n, const sg_site_opts *opts,
                   sg_view *out)
{
    ctx c0 = { .a = a, .v = v, .e = entries, .n = n }, *c = &c0;
    memset(out, 0, sizeof *out);
    out->cases = sg_alloc(a, (n + 1) * sizeof *out->cases);
    for (size_t i = 0; i < n; i++)
        out->cases[i] = entries[i].view;
    out->n = n;

    /* ---- stages, models, gaps: fixed keys from the vocabulary ---- */
    size_t ns = v->nstages;
    size_t **by_stage = sg_alloc(a, (ns + 1) * sizeof(size_t *));
    size_t *n_stage = sg_alloc(a, (ns + 1) * sizeof(size_t));
    for (size_t s = 0; s <= ns; s++)
        by_stage[s] = sg_alloc(a, (n + 1) * sizeof(size_t));
    size_t *by_model[3], n_model[3] = {0, 0, 0};
    static const char *const mkeys3[3] = { "membership", "partnership",
                                           "hybrid" };
    for (int m = 0; m < 3; m++)
        by_model[m] = sg_alloc(a, (n + 1) * sizeof(size_t));
    size_t **bridged = sg_alloc(a, (v->ngaps + 1) * sizeof(size_t *));
    size_t **empty = sg_alloc(a, (v->ngaps + 1) * sizeof(size_t *));
    size_t *n_bridged = sg_alloc(a, (v->ngaps + 1) * sizeof(size_t));
    size_t *n_empty = sg_alloc(a, (v->ngaps + 1) * sizeof(size_t));
    for (size_t g = 0; g < v->ngaps; g++) {
        bridged[g] = sg_alloc(a, (n + 1) * sizeof(size_t));
        empty[g] = sg_alloc(a, (n + 1) * sizeof(size_t));
    }
    keyed *sectors = sg_alloc(a, (n + 1) * sizeof *sectors);
    size_t ncountry_pairs = 0;
    for (size_t i = 0; i < n; i++)
        ncountry_pairs += entries[i].c->ncountries ? entries[i].c->ncountries
                                                   : 1;
    keyed *countries = sg_alloc(a, (ncountry_pairs + 1) * sizeof *countries);
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        const sg_class *k = entries[i].k;
        const sg_case *cs = entries[i].c;
        size_t s = k->stage_final >= 0 ? (size_t)k->stage_final : ns;
        by_stage[s][n_stage[s]++] = i;
        /* the listings are the three models by key (mkeys below); a
         * classification names a model of the vocabulary */
        for (int m = 0; m < 3 && k->model_final >= 0; m++)
            if (sg_vocab_model(v, mkeys3[m]) == k->model_final)
                by_model[m][n_model[m]++] = i;
        for (size_t g = 0; g < v->ngaps; g++) {
            if (k->covered & (1u << g))
                bridged[g][n_bridged[g]++] = i;
            else
                empty[g][n_empty[g]++] = i;
        }
        sectors[i] = (keyed){ entries[i].sector_key,
                              cs->sector ? cs->sector : "Other", i };
        if (cs->ncountries) {
            for (size_t j = 0; j < cs->ncountries; j++)
                countries[nc++] = (keyed){ cs->countries[j], NULL, i };
        } else {
            countries[nc++] = (keyed){ cs->country ? cs->country : "XX",
                                       NULL, i };
        }
    }
    size_t nsec, ncty;
    group *sec_groups = S_group(c, sectors, n, &nsec);
    group *cty_groups = S_group(c, countries, nc, &ncty);

    sg_value *listings = sg_list(a), *kinds = sg_list(a);
    sg_value *items = sg_list(a);
    for (size_t s = 0; s < ns; s++) {
        sg_value *l = S_listing(c, "stages", "Stage", v->stages[s].key,
                                v->stages[s].name, v->stages[s].description,
                                by_stage[s], n_stage[s]);
        if (v->stages[s].role) {
            sg_value *fit = sg_map(a);
            STR(fit, "role", v->stages[s].role);
            sg_value *tasks = sg_list(a);
            for (size_t t = 0; t < v->stages[s].ntasks; t++)
                sg_list_push(a, tasks,
                             S_ref(a, v->acts[v->stages[s].tasks[t]].key));
            ADD(fit, "tasks", tasks);
            ADD(l, "facilitator", fit);
        }
        sg_list_push(a, listings, l);
        sg_list_push(a, items, S_item(c, l));
    }
    if (n_stage[ns]) {
        sg_value *l = S_listing(c, "stages", "Stage", "unclassified",
                                "No stage", "Cases that neither declare a "
                                "stage nor show activities that tell one.",
                                by_stage[ns], n_stage[ns]);
        sg_list_push(a, listings, l);
        sg_list_push(a, items, S_item(c, l));
    }
    S_kind(c, kinds, "stages", "Life-cycle stages",
           "Where each cluster stands on the canonical life-cycle scale "
           "(Enright's stages, extended), declared by the author or inferred "
           "from its activities.", items);

    items = sg_list(a);
    static const char *const mkeys[3] = { "membership", "partnership",
                                          "hybrid" };
    for (int m = 0; m < 3; m++) {
        int mi = sg_vocab_model(v, mkeys[m]);
        sg_value *l = S_listing(c, "models", "Model", mkeys[m],
                                mi >= 0 ? v->models[mi].name : mkeys[m],
                                mi >= 0 ? v->models[mi].description : NULL,
                                by_model[m], n_model[m]);
        sg_list_push(a, listings, l);
        sg_list_push(a, items, S_item(c, l));
    }
    S_kind(c, kinds, "models", "Organisational models",
           "Membership or partnership: how the cluster organisation handles "
           "its projects, participants, leadership and funding.", items);

    items = sg_list(a);
    for (size_t g = 0; g < v->ngaps; g++) {
        sg_value *l = S_listing(c, "gaps", "Gap", v->gaps[g].key,
                                v->gaps[g].name, v->gaps[g].description,
                                bridged[g], n_bridged[g]);
        sg_value *e = sg_list(a);
        for (size_t i = 0; i < n_empty[g]; i++)
            sg_list_push(a, e, entries[empty[g][i]].view);
        ADD(l, "empty_cases", e);
        NUM(l, "empty_count", (double)n_empty[g]);
        NUM(l, "number", v->gaps[g].number);
        STR(l, "between", v->gaps[g].between);
        sg_list_push(a, listings, l);
        sg_list_push(a, items, S_item(c, l));
    }
    S_kind(c, kinds, "gaps", "The seven innovation gaps",
           "The gaps between a cluster's firms and the other actors that "
           "cluster organisations bridge (Lindqvist and Sölvell 2011).",
           items);

    items = sg_list(a);
    sg_value *sector_opts = sg_list(a);
    for (size_t i = 0; i < nsec; i++) {
        sg_value *l = S_listing(c, "sectors", "Sector", sec_groups[i].key,
                                sec_groups[i].name, NULL, sec_groups[i].idx,
                                sec_groups[i].n);
        sg_list_push(a, listings, l);
        sg_list_push(a, items, S_item(c, l));
        sg_list_push(a, sector_opts, S_item(c, l));
    }
    S_kind(c, kinds, "sectors", "Sectors", "Cases by their main field.",
           items);

    items = sg_list(a);
    sg_value *country_opts = sg_list(a);
    for (size_t i = 0; i < ncty; i++) {
        int ci = sg_vocab_country(v, cty_groups[i].key);
        const char *name = ci >= 0 ? v->countries[ci].name : cty_groups[i].key;
        sg_value *l = S_listing(c, "countries", "Country",
                                sg_view_slug(a, cty_groups[i].key), name, NULL,
                                cty_groups[i].idx, cty_groups[i].n);
        STR(l, "code", cty_groups[i].key);
        sg_list_push(a, listings, l);
        sg_list_push(a, items, S_item(c, l));
        sg_list_push(a, country_opts, S_item(c, l));
    }
    S_kind(c, kinds, "countries", "Countries",
           "Cases by country; a cross-border cluster is listed under each of "
           "its countries.", items);
    out->listings = listings;

    /* ---- related cases and previous/next ---- */
    size_t *sec_of = sg_alloc(a, (n + 1) * sizeof(size_t));
    size_t *pos_in_sec = sg_alloc(a, (n + 1) * sizeof(size_t));
    for (size_t gi = 0; gi < nsec; gi++)
        for (size_t j = 0; j < sec_groups[gi].n; j++) {
            sec_of[sec_groups[gi].idx[j]] = gi;
            pos_in_sec[sec_groups[gi].idx[j]] = j;
        }
    size_t *pos_in_stage = sg_alloc(a, (n + 1) * sizeof(size_t));
    size_t *stage_of = sg_alloc(a, (n + 1) * sizeof(size_t));
    for (size_t s = 0; s <= ns; s++)
        for (size_t j = 0; j < n_stage[s]; j++) {
            pos_in_stage[by_stage[s][j]] = j;
            stage_of[by_stage[s][j]] = s;
        }
    enum { WINDOW = 24, RELATED = SG_RELATED };
    for (size_t i = 0; i < n; i++) {
        /* candidates: the neighbours in the case's sector and stage
         * groups; a bounded window keeps this linear in n */
        size_t cand[4 * WINDOW + 2];
        size_t ncand = 0;
        const group *sg = &sec_groups[sec_of[i]];
        size_t p = pos_in_sec[i];
        size_t lo = p > WINDOW ? p - WINDOW : 0;
        for (size_t j = lo; j < sg->n && j <= p + WINDOW; j++)
            if (sg->idx[j] != i)
                cand[ncand++] = sg->idx[j];
        size_t st = stage_of[i];
        if (st < ns) {
            p = pos_in_stage[i];
            lo = p > WINDOW ? p - WINDOW : 0;
            for (size_t j = lo; j < n_stage[st] && j <= p + WINDOW; j++)
                if (by_stage[st][j] != i)
                    cand[ncand++] = by_stage[st][j];
        }
        double best_score[RELATED];
        size_t best[RELATED], nbest = 0;
        for (size_t q = 0; q < ncand; q++) {
            size_t j = cand[q];
            bool dup = false;
            for (size_t b = 0; b < nbest; b++)
                dup |= best[b] == j;
            if (dup)
                continue;
            bool same_sec = sec_of[j] == sec_of[i];
            bool same_stage = st < ns && stage_of[j] == st;
            double score = same_sec * 2 + same_stage * 2 +
                           0.25 * __builtin_popcount(entries[i].k->covered &
                                                     entries[j].k->covered);
            /* insertion into the top list, ties kept in list order */
            size_t at = nbest;
            while (at > 0 && (best_score[at - 1] < score ||
                              (best_score[at - 1] == score &&
                               best[at - 1] > j)))
                at--;
            if (at >= RELATED)
                continue;
            size_t last = nbest < RELATED ? nbest : RELATED - 1;
            for (size_t b = last; b > at; b--) {
                best[b] = best[b - 1];
                best_score[b] = best_score[b - 1];
            }
            best[at] = j;
            best_score[at] = score;
            if (nbest < RELATED)
                nbest++;
        }
        sg_case_entry *e = &entries[i];
        for (size_t b = 0; b < nbest; b++) {
            size_t j = best[b];
            bool same_sec = sec_of[j] == sec_of[i];
            bool same_stage = st < ns && stage_of[j] == st;
            e->related[b] = &entries[j];
            e->related_why[b] = same_sec && same_stage
                                    ? "same sector and stage"
                                    : same_sec ? "same sector" : "same stage";
        }
        e->nrelated = nbest;
        e->prev = i > 0 ? &entries[i - 1] : NULL;
        e->next = i + 1 < n ? &entries[i + 1] : NULL;
    }

    /* ---- comparisons ---- */
    /* The cells rows share: built once here, only read by the rows. */
    for (size_t g = 0; g < v->ngaps; g++)
        for (int level = 0; level < 4; level++)
            vc->heat_cells[g][level] = S_heat_cell(a, v, g, level);
    for (size_t t = 0; t < v->ntraits && t < 16; t++)
        for (int tv = -1; tv < 2; tv++)
            vc->trait_cells[t][tv + 1] = S_trait_cell(a, v, t, tv);
    sg_value *cmp = sg_map(a);
    sg_value *heat = sg_list(a), *traits = sg_list(a), *fund = sg_list(a);
    double *gap_sum = sg_alloc(a, (v->ngaps + 1) * sizeof(double));
    for (size_t i = 0; i < n; i++) {
        const sg_class *k = entries[i].k;
        for (size_t g = 0; g < v->ngaps; g++)
            gap_sum[g] += k->bridges[g];
        sg_list_push(a, heat, sg_lazy(a, S_heat_row, &entries[i]));
        sg_list_push(a, traits, sg_lazy(a, S_traits_row, &entries[i]));
        if (entries[i].c->nfunding)
            sg_list_push(a, fund, sg_lazy(a, S_funding_row, &entries[i]));
    }
    sg_value *gap_cols = sg_list(a);
    for (size_t g = 0; g < v->ngaps; g++) {
        sg_value *col = sg_map(a);
        STR(col, "key", v->gaps[g].key);
        STR(col, "short", v->gaps[g].short_name);
        NUM(col, "number", v->gaps[g].number);
        NUM(col, "cases", (double)n_bridged[g]);
        NUM(col, "bridges", gap_sum[g]);
        NUM(col, "empty", (double)n_empty[g]);
        sg_list_push(a, gap_cols, col);
    }
    ADD(cmp, "gap_columns", gap_cols);
    ADD(cmp, "heat", heat);
    ADD(cmp, "traits", traits);
    ADD(cmp, "funding", fund);

    /* stage against sector */
    sg_value *ss = sg_list(a);
    for (size_t gi = 0; gi < nsec; gi++) {
        sg_value *row = sg_map(a);
        STR(row, "name", sec_groups[gi].name);
        STR(row, "path", sg_printf(a, "sectors/%s/index.html", sec_groups[gi].key));
        size_t *cnt = sg_alloc(a, (ns + 1) * sizeof(size_t));
        for (size_t j = 0; j < sec_groups[gi].n; j++) {
            int s = entries[sec_groups[gi].idx[j]].k->stage_final;
            cnt[s >= 0 ? (size_t)s : ns]++;
        }
        sg_value *cells = sg_list(a);
        for (size_t s = 0; s <= ns; s++) {
            sg_value *cell = sg_map(a);
            NUM(cell, "count", (double)cnt[s]);
            BOOL(cell, "zero", cnt[s] == 0);
            sg_list_push(a, cells, cell);
        }
        ADD(row, "cells", cells);
        NUM(row, "total", (double)sec_groups[gi].n);
        sg_list_push(a, ss, row);
    }
    ADD(cmp, "stage_sector", ss);

    /* declared against inferred */
    size_t dim = ns + 1;
    size_t *grid = sg_alloc(a, dim * dim * sizeof(size_t));
    sg_value *disagree = sg_list(a);
    for (size_t i = 0; i < n; i++) {
        const sg_class *k = entries[i].k;
        int d = k->stage_declared, f = k->stage_inferred;
        grid[(d >= 0 ? (size_t)d : ns) * dim + (f >= 0 ? (size_t)f : ns)]++;
        if (k->stage_agrees == 0)
            sg_list_push(a, disagree,
                         sg_lazy(a, S_disagreement_row, &entries[i]));
    }
    sg_value *di = sg_list(a);
    for (size_t d = 0; d < dim; d++) {
        sg_value *row = sg_map(a);
        STR(row, "name", d < ns ? v->stages[d].name : "not declared");
        sg_value *cells = sg_list(a);
        for (size_t f = 0; f < dim; f++) {
            sg_value *cell = sg_map(a);
            NUM(cell, "count", (double)grid[d * dim + f]);
            BOOL(cell, "zero", grid[d * dim + f] == 0);
            BOOL(cell, "agree", d == f && d < ns);
            sg_list_push(a, cells, cell);
        }
        ADD(row, "cells", cells);
        sg_list_push(a, di, row);
    }
    ADD(cmp, "declared_inferred", di);
    ADD(cmp, "disagreements", disagree);

    out->compare = cmp;

    /* ---- charts for the home page ---- */
    sg_value *charts = sg_map(a);
    {
        const char **keys = sg_alloc(a, (ns + 1) * sizeof(char *));
        const char **names = sg_alloc(a, (ns + 1) * sizeof(char *));
        double *counts = sg_alloc(a, (ns + 1) * sizeof(double));
        sg_buf alt = SG_BUF_INIT;
        for (size_t s = 0; s < ns; s++) {
            keys[s] = v->stages[s].key;
            names[s] = v->stages[s].name;
            counts[s] = (double)n_stage[s];
            sg_buf_printf(&alt, "%s%s: %zu", s ? ", " : "Cases by stage: ",
                          v->stages[s].name, n_stage[s]);
        }
        sg_map_add(a, charts, "stages",
                   S_chart(c, "chart-stages", "Cases by life-cycle stage",
                           sg_strndup(a, alt.ptr, alt.len),
                           S_bars(c, keys, names, counts, ns, "stages"), ns));
        sg_buf_reset(&alt);
        for (int m = 0; m < 3; m++) {
            int mi = sg_vocab_model(v, mkeys[m]);
            keys[m] = mkeys[m];
            names[m] = mi >= 0 ? v->models[mi].name : mkeys[m];
            counts[m] = (double)n_model[m];
            sg_buf_printf(&alt, "%s%s: %zu", m ? ", " : "Cases by model: ",
                          names[m], n_model[m]);
        }
        sg_map_add(a, charts, "models",
                   S_chart(c, "chart-models", "Cases by organisational model",
                           sg_strndup(a, alt.ptr, alt.len),
                           S_bars(c, keys, names, counts, 3, "models"), 3));
        sg_buf_reset(&alt);
        const char **gk = sg_alloc(a, (v->ngaps + 1) * sizeof(char *));
        const char **gn = sg_alloc(a, (v->ngaps + 1) * sizeof(char *));
        double *gc = sg_alloc(a, (v->ngaps + 1) * sizeof(double));
        for (size_t g = 0; g < v->ngaps; g++) {
            gk[g] = v->gaps[g].key;
            gn[g] = v->gaps[g].name;
            gc[g] = (double)n_bridged[g];
            sg_buf_printf(&alt, "%s%s: %zu", g ? ", " : "Cases bridging each "
                          "gap: ", v->gaps[g].name, n_bridged[g]);
        }
        sg_map_add(a, charts, "gaps",
                   S_chart(c, "chart-gaps", "Cases bridging each gap",
                           sg_strndup(a, alt.ptr, alt.len),
                           S_bars(c, gk, gn, gc, v->ngaps, "gaps"),
                           v->ngaps));
        sg_buf_free(&alt);
    }
    out->charts = charts;

    /* ---- the site map: counts, options, vocabulary ---- */
    sg_value *site = sg_map(a);
    STR(site, "title", opts->title);
    STR(site, "base_url", opts->base_url);
    NUM(site, "count", (double)n);
    NUM(site, "countries_count", (double)ncty);
    NUM(site, "sectors_count", (double)nsec);
    ADD(site, "kinds", kinds);
    ADD(site, "sector_options", sector_opts);
    ADD(site, "country_options", country_opts);
    sg_value *vroot = v->root;
    /* as the vocabulary has them; frameworks and obstacles follow as lists */
    static const char *const vkeys[] = { "gaps", "stages", "actor_types" };
    for (size_t i = 0; i < sizeof vkeys / sizeof *vkeys; i++)
        sg_map_add(a, site, vkeys[i], sg_map_get(vroot, vkeys[i]));
    sg_value *models = sg_list(a);
    for (int m = 0; m < 3; m++) {
        int mi = sg_vocab_model(v, mkeys[m]);
        sg_value *x = sg_map(a);
        STR(x, "key", mkeys[m]);
        STR(x, "name", mi >= 0 ? v->models[mi].name : mkeys[m]);
        STR(x, "description", mi >= 0 ? v->models[mi].description : NULL);
        sg_list_push(a, models, x);
    }
    ADD(site, "models", models);
    sg_value *trs = sg_list(a);
    for (size_t t = 0; t < v->ntraits; t++) {
        sg_value *x = sg_map(a);
        STR(x, "key", v->traits[t].key);
        STR(x, "name", v->traits[t].name);
        STR(x, "membership", v->traits[t].label[0]);
        STR(x, "partnership", v->traits[t].label[1]);
        sg_list_push(a, trs, x);
    }
    ADD(site, "traits", trs);
    sg_value *stage_cols = sg_list(a);
    for (size_t s = 0; s <= ns; s++) {
        sg_value *x = sg_map(a);
        STR(x, "key", s < ns ? v->stages[s].key : "none");
        STR(x, "name", s < ns ? v->stages[s].name : "none");
        sg_list_push(a, stage_cols, x);
    }
    ADD(site, "stage_columns", stage_cols);
    /* frameworks as lists, for the about page */
    sg_value *fws = sg_list(a);
    const sg_value *fwl = sg_map_get(vroot, "frameworks");
    for (size_t i = 0; fwl && fwl->type == SG_LIST && i < fwl->u.list.n; i++) {
        const sg_value *fw = fwl->u.list.items[i];
        sg_value *x = sg_map(a);
        ADD(x, "name", sg_map_get(fw, "name"));
        ADD(x, "source", sg_map_get(fw, "source"));
        sg_value *terms = sg_list(a);
        const sg_value *tm = sg_map_get(fw, "terms");
        for (size_t k = 0; tm && tm->type == SG_MAP && k < tm->u.map.n; k++) {
            sg_value *t = sg_map(a);
            STR(t, "term", tm->u.map.items[k].key);
            ADD(t, "stage", tm->u.map.items[k].val);
            sg_list_push(a, terms, t);
        }
        ADD(x, "terms", terms);
        sg_list_push(a, fws, x);
    }
    ADD(site, "frameworks", fws);
    sg_value *obs = sg_list(a);
    for (size_t i = 0; i < v->nobstacles; i++)
        sg_list_push(a, obs, sg_view_named(a, &v->obstacles[i]));
    ADD(site, "obstacles", obs);
    out->site = site;
}
