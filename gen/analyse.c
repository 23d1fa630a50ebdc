/* analyse.c - groups of cases and related cases, before any view. */
#include "analyse.h"

#include <stdlib.h>
#include <string.h>

#include "collate.h"
#include "slug.h"

/* (key, name, case) triples, sorted by key then case, cut into groups */
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

/* a group and the collation key of the name it is listed by */
typedef struct named {
    const char *key;
    sg_group g;
} named;

static int S_cmp_named(const void *x, const void *y)
{
    const named *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : strcmp(a->g.key, b->g.key);
}

/* Puts groups in the order a reader looks names up in (gen/collate.h),
 * by `names[i]` (or the group's own name), ties by folder. */
static void S_sort_names(sg_arena *a, sg_group *g, size_t n,
                         const char *const *names)
{
    named *t = sg_alloc(a, (n + 1) * sizeof *t);
    for (size_t i = 0; i < n; i++)
        t[i] = (named){ sg_collate_key(a, names ? names[i] : g[i].name),
                        g[i] };
    if (n)
        qsort(t, n, sizeof *t, S_cmp_named);
    for (size_t i = 0; i < n; i++)
        g[i] = t[i].g;
}

static sg_group *S_cut(sg_arena *a, keyed *pairs, size_t np, size_t *ngroups)
{
    if (np)
        qsort(pairs, np, sizeof *pairs, S_cmp_keyed);
    sg_group *g = sg_alloc(a, (np + 1) * sizeof *g);
    size_t ng = 0;
    for (size_t i = 0, j; i < np; i = j) {
        for (j = i + 1; j < np && strcmp(pairs[j].key, pairs[i].key) == 0;)
            j++;
        g[ng] = (sg_group){ pairs[i].key, pairs[i].name,
                            sg_alloc(a, (j - i) * sizeof(size_t)), 0 };
        for (size_t k = i; k < j; k++)
            g[ng].idx[g[ng].n++] = pairs[k].i;
        ng++;
    }
    *ngroups = ng;
    return g;
}

/* `count` groups, each with room for every case */
static sg_group *S_groups(sg_arena *a, size_t count, size_t n)
{
    sg_group *g = sg_alloc(a, (count + 1) * sizeof *g);
    for (size_t i = 0; i < count; i++)
        g[i].idx = sg_alloc(a, (n + 1) * sizeof(size_t));
    return g;
}

static void S_by_class(sg_arena *a, const sg_vocab *v, const sg_class *k,
                       size_t n, sg_analysis *an)
{
    an->nstages = v->nstages + 1;
    an->stages = S_groups(a, an->nstages, n);
    for (size_t s = 0; s < v->nstages; s++)
        an->stages[s].key = v->stages[s].key;
    an->nmodels = v->nmodels;
    an->models = S_groups(a, an->nmodels, n);
    an->ngaps = v->ngaps;
    an->bridged = S_groups(a, v->ngaps, n);
    an->empty = S_groups(a, v->ngaps, n);
    for (size_t g = 0; g < v->ngaps; g++)
        an->bridged[g].key = an->empty[g].key = v->gaps[g].key;
    an->unrecorded.idx = sg_alloc(a, (n + 1) * sizeof(size_t));
    for (size_t i = 0; i < n; i++) {
        size_t s = k[i].stage_final >= 0 ? (size_t)k[i].stage_final
                                         : v->nstages;
        sg_group *st = &an->stages[s];
        st->idx[st->n++] = i;
        if (k[i].model_final >= 0) {
            sg_group *m = &an->models[k[i].model_final];
            m->idx[m->n++] = i;
        }
        if (!k[i].gaps_recorded) {
            an->unrecorded.idx[an->unrecorded.n++] = i;
            continue;
        }
        for (size_t g = 0; g < v->ngaps; g++) {
            sg_group *gr = k[i].covered & (1u << g) ? &an->bridged[g]
                                                    : &an->empty[g];
            gr->idx[gr->n++] = i;
        }
    }
}

static void S_by_place(sg_arena *a, const sg_vocab *v, sg_case *const *cases,
                       size_t n, sg_analysis *an)
{
    const char *other = sg_value_str(sg_value_at(v->root,
                                                 "kinds.sectors.other"));
    const char **names = sg_alloc(a, (n + 1) * sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = cases[i]->sector;
    const char **folders = sg_slug_groups(a, names, n);
    keyed *sec = sg_alloc(a, (n + 1) * sizeof *sec);
    for (size_t i = 0; i < n; i++)
        sec[i] = (keyed){ folders[i], names[i] ? names[i] : other, i };
    an->sectors = S_cut(a, sec, n, &an->nsectors);
    S_sort_names(a, an->sectors, an->nsectors, NULL);
    an->sector_of = sg_alloc(a, (n + 1) * sizeof *an->sector_of);
    for (size_t g = 0; g < an->nsectors; g++)
        for (size_t j = 0; j < an->sectors[g].n; j++)
            an->sector_of[an->sectors[g].idx[j]] = g;

    size_t np = 0;
    for (size_t i = 0; i < n; i++)
        np += cases[i]->ncountries ? cases[i]->ncountries : 1;
    keyed *cty = sg_alloc(a, (np + 1) * sizeof *cty);
    an->country_key = sg_alloc(a, (n + 1) * sizeof *an->country_key);
    np = 0;
    for (size_t i = 0; i < n; i++) {
        const sg_case *c = cases[i];
        for (size_t j = 0; j < c->ncountries; j++)
            cty[np++] = (keyed){ c->countries[j], NULL, i };
        if (!c->ncountries)
            cty[np++] = (keyed){ c->country ? c->country : "XX", NULL, i };
        an->country_key[i] = sg_slug(a, c->country ? c->country : "xx");
    }
    an->countries = S_cut(a, cty, np, &an->ncountries);
    /* regions: one pass, in the vocabulary's order, those with cases */
    const sg_words *rw = &v->lists[SG_L_REGIONS];
    size_t *count = sg_alloc(a, (rw->n + 1) * sizeof *count);
    for (size_t i = 0; i < n; i++)
        if (cases[i]->region_id >= 0)
            count[cases[i]->region_id]++;
    an->regions = sg_alloc(a, (rw->n + 1) * sizeof *an->regions);
    size_t *slot = sg_alloc(a, (rw->n + 1) * sizeof *slot);
    for (size_t r = 0; r < rw->n; r++) {
        if (!count[r])
            continue;
        slot[r] = an->nregions;
        an->regions[an->nregions++] = (sg_group){ rw->keys[r], rw->names[r],
            sg_alloc(a, count[r] * sizeof(size_t)), 0 };
    }
    for (size_t i = 0; i < n; i++)
        if (cases[i]->region_id >= 0) {
            sg_group *g = &an->regions[slot[cases[i]->region_id]];
            g->idx[g->n++] = i;
        }
    /* a country's folder is its code's slug; its name comes later, from
     * the vocabulary */
    for (size_t g = 0; g < an->ncountries; g++)
        an->countries[g].name = an->countries[g].key;
    const char **cnames = sg_alloc(a, (an->ncountries + 1) * sizeof *cnames);
    for (size_t g = 0; g < an->ncountries; g++) {
        int ci = sg_vocab_country(v, an->countries[g].key);
        cnames[g] = ci >= 0 ? v->countries[ci].name : an->countries[g].key;
    }
    S_sort_names(a, an->countries, an->ncountries, cnames);
    S_sort_names(a, an->regions, an->nregions, NULL);
}

/* Related cases: the nearest neighbours in the case's sector and stage
 * groups, scored by what they share. A bounded window keeps this linear
 * in n; ties keep list order, so the result is deterministic. */
enum { WINDOW = 24 };

typedef struct neighbours {
    const sg_analysis *an;
    const sg_class *k;
    size_t *pos_in_sector, *pos_in_stage, *stage_of;
} neighbours;

static double S_score(const neighbours *nb, size_t i, size_t j,
                      bool *same_sec, bool *same_stage)
{
    const sg_analysis *an = nb->an;
    *same_sec = an->sector_of[j] == an->sector_of[i];
    *same_stage = nb->stage_of[i] + 1 < an->nstages &&
                  nb->stage_of[j] == nb->stage_of[i];
    return *same_sec * 2 + *same_stage * 2 +
           0.25 * __builtin_popcount(nb->k[i].covered & nb->k[j].covered);
}

static size_t S_window(const sg_group *g, size_t p, size_t self,
                       size_t *cand, size_t ncand)
{
    size_t lo = p > WINDOW ? p - WINDOW : 0;
    for (size_t j = lo; j < g->n && j <= p + WINDOW; j++)
        if (g->idx[j] != self)
            cand[ncand++] = g->idx[j];
    return ncand;
}

static void S_related_one(const neighbours *nb, size_t i, sg_related *r)
{
    const sg_analysis *an = nb->an;
    size_t cand[4 * WINDOW + 2], ncand = 0;
    ncand = S_window(&an->sectors[an->sector_of[i]], nb->pos_in_sector[i], i,
                     cand, ncand);
    if (nb->stage_of[i] + 1 < an->nstages)
        ncand = S_window(&an->stages[nb->stage_of[i]], nb->pos_in_stage[i],
                         i, cand, ncand);
    double best_score[SG_RELATED];
    size_t nbest = 0;
    for (size_t q = 0; q < ncand; q++) {
        size_t j = cand[q];
        bool dup = false, same_sec, same_stage;
        for (size_t b = 0; b < nbest; b++)
            dup |= r->idx[b] == j;
        if (dup)
            continue;
        double score = S_score(nb, i, j, &same_sec, &same_stage);
        /* insertion into the top list, ties kept in list order */
        size_t at = nbest;
        while (at > 0 && (best_score[at - 1] < score ||
                          (best_score[at - 1] == score && r->idx[at - 1] > j)))
            at--;
        if (at >= SG_RELATED)
            continue;
        size_t last = nbest < SG_RELATED ? nbest : SG_RELATED - 1;
        for (size_t b = last; b > at; b--) {
            r->idx[b] = r->idx[b - 1];
            best_score[b] = best_score[b - 1];
        }
        r->idx[at] = j;
        best_score[at] = score;
        if (nbest < SG_RELATED)
            nbest++;
    }
    for (size_t b = 0; b < nbest; b++) {
        bool same_sec, same_stage;
        S_score(nb, i, r->idx[b], &same_sec, &same_stage);
        r->why[b] = same_sec && same_stage ? SG_SAME_SECTOR_AND_STAGE
                    : same_sec ? SG_SAME_SECTOR : SG_SAME_STAGE;
    }
    r->n = nbest;
}

static void S_related(sg_arena *a, const sg_class *k, size_t n,
                      sg_analysis *an)
{
    neighbours nb = { an, k, sg_alloc(a, (n + 1) * sizeof(size_t)),
                      sg_alloc(a, (n + 1) * sizeof(size_t)),
                      sg_alloc(a, (n + 1) * sizeof(size_t)) };
    for (size_t g = 0; g < an->nsectors; g++)
        for (size_t j = 0; j < an->sectors[g].n; j++)
            nb.pos_in_sector[an->sectors[g].idx[j]] = j;
    for (size_t s = 0; s < an->nstages; s++)
        for (size_t j = 0; j < an->stages[s].n; j++) {
            nb.pos_in_stage[an->stages[s].idx[j]] = j;
            nb.stage_of[an->stages[s].idx[j]] = s;
        }
    an->related = sg_alloc(a, (n + 1) * sizeof *an->related);
    for (size_t i = 0; i < n; i++)
        S_related_one(&nb, i, &an->related[i]);
}

void sg_analyse(sg_arena *a, const sg_vocab *v, sg_case *const *cases,
                const sg_class *classes, size_t n, sg_analysis *out)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    S_by_class(a, v, classes, n, out);
    S_by_place(a, v, cases, n, out);
    S_related(a, classes, n, out);
}
