/* view_site.c - the site view: a short driver over the families of
 * pages (listings, comparisons, charts) and the site map every page
 * sees: counts, options and the vocabulary. Only reads the entries and
 * the analysis.
 */
#include "view.h"
#include "view_frameworks.h"
#include "view_util.h"
#include "view_map.h"

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

/* The vocabulary's frameworks as lists, for the about page. */
static sg_value *S_frameworks(sg_arena *a, const sg_value *vroot)
{
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
    return fws;
}

/* The vocabulary's models, traits, stage columns and obstacles. */
static void S_site_vocabulary(const sg_site_ctx *c, sg_value *site)
{
    sg_arena *a = c->a;
    const sg_vocab *v = c->v;
    /* as the vocabulary has them */
    static const char *const vkeys[] = { "gaps", "stages", "actor_types",
                                         "maturity_stages" };
    for (size_t i = 0; i < sizeof vkeys / sizeof *vkeys; i++)
        sg_map_add(a, site, vkeys[i], sg_map_get(v->root, vkeys[i]));
    sg_value *models = sg_list(a);
    for (size_t m = 0; m < v->nmodels; m++) {
        sg_value *x = sg_map(a);
        STR(x, "key", v->models[m].key);
        STR(x, "name", v->models[m].name);
        STR(x, "description", v->models[m].description);
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
    const char *none = sg_view_word(v, "missing.not_recorded");
    for (size_t s = 0; s <= v->nstages; s++) {
        sg_value *x = sg_map(a);
        STR(x, "key", s < v->nstages ? v->stages[s].key : none);
        STR(x, "name", s < v->nstages ? v->stages[s].name : none);
        STR(x, "cls", s < v->nstages ? sg_printf(a, "st-%s", v->stages[s].key)
                                     : "none");
        sg_list_push(a, stage_cols, x);
    }
    ADD(site, "stage_columns", stage_cols);
    ADD(site, "frameworks", S_frameworks(a, v->root));
    sg_value *obs = sg_list(a);
    for (size_t i = 0; i < v->nobstacles; i++)
        sg_list_push(a, obs, sg_view_named(a, &v->obstacles[i]));
    ADD(site, "obstacles", obs);
}

/* What every page sees as `site`. */
static sg_value *S_site_map(const sg_site_ctx *c, const sg_site_opts *opts,
                            const sg_listings *ls)
{
    sg_arena *a = c->a;
    sg_value *site = sg_map(a);
    STR(site, "title", opts->title);
    STR(site, "base_url", opts->base_url);
    STR(site, "lang", opts->lang ? opts->lang : "en");
    STR(site, "licence", opts->licence);
    STR(site, "description", opts->description);
    STR(site, "logo", opts->logo);
    BOOL(site, "logo_is_url", opts->logo && strncmp(opts->logo, "https://", 8) == 0);
    STR(site, "footer", opts->footer);
    NUM(site, "count", (double)c->n);
    NUM(site, "gaps_count", (double)c->v->ngaps);
    NUM(site, "countries_count", (double)c->an->ncountries);
    NUM(site, "sectors_count", (double)c->an->nsectors);
    ADD(site, "kinds", ls->kinds);
    ADD(site, "sector_options", ls->sector_options);
    ADD(site, "country_options", ls->country_options);
    S_site_vocabulary(c, site);
    return site;
}

void sg_view_build(sg_arena *a, const sg_vocab *v, const sg_analysis *an,
                   const sg_case_entry *entries, size_t n,
                   const sg_site_opts *opts, sg_view *out)
{
    sg_site_ctx c = { a, v, an, entries, n };
    memset(out, 0, sizeof *out);
    out->cases = sg_alloc(a, (n + 1) * sizeof *out->cases);
    for (size_t i = 0; i < n; i++)
        out->cases[i] = entries[i].view;
    out->n = n;
    sg_listings ls;
    sg_view_listings(&c, &ls);
    out->listings = ls.listings;
    out->compare = sg_view_compare(&c);
    out->charts = sg_view_charts(&c);
    out->frameworks = sg_view_frameworks(&c);
    out->map = sg_view_map_home(&c);
    out->site = S_site_map(&c, opts, &ls);
}
