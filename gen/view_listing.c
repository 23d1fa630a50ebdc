/* view_listing.c - the listing pages: cases by stage, model, gap, sector
 * and country, and the kinds they come in. Only reads the analysis. */
#include "view.h"
#include "view_util.h"

#include "slug.h"
#include "view_map.h"

static sg_value *S_listing(const sg_site_ctx *c, const char *kind,
                           const char *key, const char *name,
                           const char *description, const sg_group *g)
{
    sg_arena *a = c->a;
    sg_value *l = sg_map(a);
    STR(l, "kind", kind);
    STR(l, "kind_name", sg_view_word(c->v, sg_printf(a, "kinds.%s.label", kind)));
    STR(l, "key", key);
    STR(l, "name", name);
    STR(l, "description", description);
    STR(l, "path", sg_printf(a, "%s/%s/index.html", kind, key));
    sg_value *cases = sg_list(a);
    for (size_t i = 0; i < g->n; i++)
        sg_list_push(a, cases, c->e[g->idx[i]].view);
    ADD(l, "cases", cases);
    NUM(l, "count", (double)g->n);
    BOOL(l, "plural", g->n != 1);
    STR(l, "count_text", sg_printf(a, "%zu %s", g->n, sg_view_word(c->v,
            g->n == 1 ? "reader.case_one" : "reader.case_many")));
    return l;
}

/* What a kind's page lists of one of its listings. */
static sg_value *S_item(const sg_site_ctx *c, sg_value *listing)
{
    sg_arena *a = c->a;
    sg_value *it = sg_map(a);
    ADD(it, "key", sg_map_get(listing, "key"));
    ADD(it, "name", sg_map_get(listing, "name"));
    ADD(it, "description", sg_map_get(listing, "description"));
    ADD(it, "path", sg_map_get(listing, "path"));
    ADD(it, "count", sg_map_get(listing, "count"));
    ADD(it, "count_text", sg_map_get(listing, "count_text"));
    return it;
}

/* Adds listing `l` to the listings and to its kind's items. */
static sg_value *S_add(const sg_site_ctx *c, sg_listings *out,
                       sg_value *items, sg_value *l)
{
    sg_list_push(c->a, out->listings, l);
    sg_value *it = S_item(c, l);
    sg_list_push(c->a, items, it);
    return it;
}

static void S_kind(const sg_site_ctx *c, sg_listings *out, const char *kind,
                   sg_value *items)
{
    sg_arena *a = c->a;
    sg_value *k = sg_map(a);
    STR(k, "kind", kind);
    STR(k, "title", sg_view_word(c->v, sg_printf(a, "kinds.%s.title", kind)));
    STR(k, "intro", sg_view_word(c->v, sg_printf(a, "kinds.%s.intro", kind)));
    STR(k, "path", sg_printf(a, "%s/index.html", kind));
    /* a kind may name a page comparing its listings (regions) */
    STR(k, "compare", sg_value_str(sg_value_at(
            c->v->root, sg_printf(a, "kinds.%s.compare", kind))));
    STR(k, "compare_text", sg_view_word(c->v, sg_printf(
            a, "kinds.%s.compare_text", kind)));
    ADD(k, "items", items);
    sg_list_push(a, out->kinds, k);
}

static void S_stages(const sg_site_ctx *c, sg_listings *out)
{
    sg_arena *a = c->a;
    const sg_vocab *v = c->v;
    sg_value *items = sg_list(a);
    for (size_t s = 0; s < v->nstages; s++) {
        const sg_stage *st = &v->stages[s];
        sg_value *l = S_listing(c, "stages", st->key, st->name,
                                st->description, &c->an->stages[s]);
        if (st->role) {
            sg_value *fit = sg_map(a);
            STR(fit, "role", st->role);
            sg_value *tasks = sg_list(a);
            for (size_t t = 0; t < st->ntasks; t++)
                sg_list_push(a, tasks, S_ref(a, v->acts[st->tasks[t]].key));
            ADD(fit, "tasks", tasks);
            ADD(l, "facilitator", fit);
        }
        S_add(c, out, items, l);
    }
    const sg_group *none = &c->an->stages[v->nstages];
    if (none->n)
        S_add(c, out, items,
              S_listing(c, "stages",
                        sg_view_word(v, "kinds.stages.none.key"),
                        sg_view_word(v, "kinds.stages.none.name"),
                        sg_view_word(v, "kinds.stages.none.description"),
                        none));
    S_kind(c, out, "stages", items);
}

static void S_models(const sg_site_ctx *c, sg_listings *out)
{
    sg_value *items = sg_list(c->a);
    for (size_t m = 0; m < c->v->nmodels; m++) {
        const sg_model *md = &c->v->models[m];
        S_add(c, out, items, S_listing(c, "models", md->key, md->name,
                                       md->description, &c->an->models[m]));
    }
    S_kind(c, out, "models", items);
}

static void S_gaps(const sg_site_ctx *c, sg_listings *out)
{
    sg_arena *a = c->a;
    const sg_vocab *v = c->v;
    sg_value *items = sg_list(a);
    for (size_t g = 0; g < v->ngaps; g++) {
        const sg_gap *gap = &v->gaps[g];
        sg_value *l = S_listing(c, "gaps", gap->key, gap->name,
                                gap->description, &c->an->bridged[g]);
        sg_value *e = sg_list(a);
        const sg_group *empty = &c->an->empty[g];
        for (size_t i = 0; i < empty->n; i++)
            sg_list_push(a, e, c->e[empty->idx[i]].view);
        ADD(l, "empty_cases", e);
        NUM(l, "empty_count", (double)empty->n);
        NUM(l, "unrecorded_count", (double)c->an->unrecorded.n);
        NUM(l, "number", gap->number);
        STR(l, "between", gap->between);
        S_add(c, out, items, l);
    }
    S_kind(c, out, "gaps", items);
}

static void S_places(const sg_site_ctx *c, sg_listings *out)
{
    sg_arena *a = c->a;
    const sg_analysis *an = c->an;
    sg_value *items = sg_list(a);
    out->sector_options = sg_list(a);
    for (size_t i = 0; i < an->nsectors; i++)
        sg_list_push(a, out->sector_options,
                     S_add(c, out, items,
                           S_listing(c, "sectors", an->sectors[i].key,
                                     an->sectors[i].name, NULL,
                                     &an->sectors[i])));
    S_kind(c, out, "sectors", items);

    items = sg_list(a);
    out->country_options = sg_list(a);
    for (size_t i = 0; i < an->ncountries; i++) {
        const sg_group *g = &an->countries[i];
        int ci = sg_vocab_country(c->v, g->key);
        sg_value *l = S_listing(c, "countries", sg_slug(a, g->key),
                                ci >= 0 ? c->v->countries[ci].name : g->key,
                                NULL, g);
        STR(l, "code", g->key);
        sg_list_push(a, out->country_options, S_add(c, out, items, l));
    }
    S_kind(c, out, "countries", items);
}

static void S_regions(const sg_site_ctx *c, sg_listings *out)
{
    sg_value *items = sg_list(c->a);
    for (size_t i = 0; i < c->an->nregions; i++) {
        const sg_group *g = &c->an->regions[i];
        sg_value *l = S_listing(c, "regions", g->key, g->name, NULL, g);
        sg_view_region(c, g, l);
        sg_map_add(c->a, l, "map", sg_view_map_group(c->a, c->e, g->idx, g->n));
        S_add(c, out, items, l);
    }
    S_kind(c, out, "regions", items);
}

void sg_view_listings(const sg_site_ctx *c, sg_listings *out)
{
    out->listings = sg_list(c->a);
    out->kinds = sg_list(c->a);
    S_stages(c, out);
    S_models(c, out);
    S_gaps(c, out);
    S_places(c, out);
    S_regions(c, out);
}
