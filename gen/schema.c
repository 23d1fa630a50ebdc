/* schema.c - JSON Schema of the case format (CASE-FORMAT.md, version 1).
 * Enumerations come from the vocabulary; shapes are the format's. */
#include "schema.h"

#include <string.h>

static sg_value *S_type(sg_arena *a, const char *type, const char *desc)
{
    sg_value *m = sg_map(a);
    sg_map_str(a, m, "type", type);
    if (desc)
        sg_map_str(a, m, "description", desc);
    return m;
}

static sg_value *S_enum(sg_arena *a, const char *const *words, size_t n,
                        const char *desc)
{
    sg_value *m = S_type(a, "string", desc);
    sg_value *e = sg_list(a);
    for (size_t i = 0; i < n; i++)
        sg_list_push(a, e, sg_str(a, words[i]));
    sg_map_add(a, m, "enum", e);
    return m;
}

static sg_value *S_list_of(sg_arena *a, sg_value *items, const char *desc)
{
    sg_value *m = S_type(a, "array", desc);
    sg_map_add(a, m, "items", items);
    return m;
}

static sg_value *S_object(sg_arena *a, const char *desc, const char *required)
{
    sg_value *m = S_type(a, "object", desc);
    sg_map_add(a, m, "properties", sg_map(a));
    if (required) {
        sg_value *r = sg_list(a);
        sg_list_push(a, r, sg_str(a, required));
        sg_map_add(a, m, "required", r);
    }
    sg_map_add(a, m, "additionalProperties", sg_bool(a, false));
    return m;
}

static void S_prop(sg_arena *a, sg_value *obj, const char *key, sg_value *s)
{
    sg_map_add(a, sg_map_get(obj, "properties"), key, s);
}

#define KEYS(arr, n, field) \
    const char **arr##_k = sg_alloc(a, ((n) + 1) * sizeof(char *)); \
    for (size_t i_ = 0; i_ < (n); i_++) arr##_k[i_] = v->arr[i_].field

sg_value *sg_schema(sg_arena *a, const sg_vocab *v)
{
    KEYS(gaps, v->ngaps, key);
    KEYS(actors, v->nactors, key);
    KEYS(acts, v->nacts, key);
    KEYS(funding, v->nfunding, key);
    KEYS(obstacles, v->nobstacles, key);
    KEYS(models, v->nmodels, key);
    KEYS(governance, v->ngovernance, key);
    KEYS(countries, v->ncountries, key);
    const char **stage_terms = sg_alloc(a, (v->nterms + v->nstages + 1) *
                                           sizeof(char *));
    size_t nst = 0;
    for (size_t i = 0; i < v->nstages; i++)
        stage_terms[nst++] = v->stages[i].key;
    for (size_t i = 0; i < v->nterms; i++) {
        bool dup = false;
        for (size_t k = 0; k < nst && !dup; k++)
            dup = strcmp(stage_terms[k], v->terms[i].term) == 0;
        if (!dup)
            stage_terms[nst++] = v->terms[i].term;
    }

    sg_value *root = S_object(a, "A cluster case study: the YAML front matter "
                              "of cases/<slug>.md", NULL);
    sg_map_set(a, root, "required", sg_list(a));
    static const char *const req[] = { "title", "country", "sector" };
    for (int i = 0; i < 3; i++)
        sg_list_push(a, sg_map_get(root, "required"), sg_str(a, req[i]));
    sg_value *first = sg_map(a);
    sg_map_str(a, first, "$schema", "http://json-schema.org/draft-07/schema#");
    sg_map_str(a, first, "title", "gen case file, format version 1");
    for (size_t i = 0; i < root->u.map.n; i++)
        sg_map_add(a, first, root->u.map.items[i].key, root->u.map.items[i].val);
    root = first;

    sg_value *country = S_enum(a, countries_k, v->ncountries,
                               "ISO 3166-1 alpha-2 code, e.g. DK");
    S_prop(a, root, "title", S_type(a, "string", "Name of the cluster or cluster initiative"));
    sg_value *slug = S_type(a, "string", "URL name; default: the file name");
    sg_map_str(a, slug, "pattern", "^[a-z0-9][a-z0-9-]*$");
    S_prop(a, root, "slug", slug);
    S_prop(a, root, "summary", S_type(a, "string", "One or two sentences for lists and cards"));
    S_prop(a, root, "country", country);
    S_prop(a, root, "countries", S_list_of(a, country, "All countries of a cross-border cluster"));
    S_prop(a, root, "region", S_type(a, "string", NULL));
    S_prop(a, root, "city", S_type(a, "string", NULL));
    S_prop(a, root, "sector", S_type(a, "string", "Main field, e.g. Life science"));
    S_prop(a, root, "tags", S_list_of(a, S_type(a, "string", NULL), "Free keywords"));
    sg_value *founded = S_type(a, "integer", "Year the cluster organisation was set up");
    sg_map_num(a, founded, "minimum", 1000);
    sg_map_num(a, founded, "maximum", 2200);
    S_prop(a, root, "founded", founded);
    S_prop(a, root, "organisation", S_type(a, "string", "Cluster organisation or secretariat"));
    S_prop(a, root, "legal_form", S_type(a, "string", NULL));
    S_prop(a, root, "reach", S_enum(a, v->reach, v->nreach, "Geographical reach"));
    sg_value *actors = S_type(a, "integer", "Participating firms and institutions");
    sg_map_num(a, actors, "minimum", 0);
    S_prop(a, root, "actors", actors);
    sg_value *actor_enum = S_enum(a, actors_k, v->nactors, NULL);
    S_prop(a, root, "actor_types", S_list_of(a, actor_enum, "Kinds of actor taking part"));
    sg_value *staff = S_type(a, "number", "Facilitators, full-time equivalents");
    sg_map_num(a, staff, "minimum", 0);
    S_prop(a, root, "staff", staff);
    S_prop(a, root, "stage", S_enum(a, stage_terms, nst,
           "Stage in any known framework's terms"));
    S_prop(a, root, "model", S_enum(a, models_k, v->nmodels, "Organisational model"));
    sg_value *traits = S_object(a, "The six traits of the two models", NULL);
    for (size_t t = 0; t < v->ntraits; t++)
        S_prop(a, traits, v->traits[t].key,
               S_enum(a, v->traits[t].value, 2, v->traits[t].name));
    S_prop(a, root, "traits", traits);
    S_prop(a, root, "governance", S_enum(a, governance_k, v->ngovernance, NULL));
    S_prop(a, root, "owners", S_list_of(a, S_type(a, "string", NULL), "Parent organisations"));

    sg_value *fund = S_object(a, "A funding source", "source");
    S_prop(a, fund, "source", S_type(a, "string", NULL));
    S_prop(a, fund, "type", S_enum(a, funding_k, v->nfunding, NULL));
    S_prop(a, fund, "amount", S_type(a, "number", NULL));
    sg_value *cur = S_type(a, "string", "ISO 4217 code; default EUR");
    sg_map_str(a, cur, "pattern", "^[A-Z]{3}$");
    S_prop(a, fund, "currency", cur);
    S_prop(a, fund, "years", S_type(a, "number", "Period the amount covers"));
    sg_value *share = S_type(a, "number", "0..1 where only the share is known");
    sg_map_num(a, share, "minimum", 0);
    sg_map_num(a, share, "maximum", 1);
    S_prop(a, fund, "share", share);
    S_prop(a, root, "funding", S_list_of(a, fund, NULL));

    sg_value *act = S_object(a, "An activity with details", "name");
    S_prop(a, act, "name", S_type(a, "string", NULL));
    S_prop(a, act, "type", S_enum(a, acts_k, v->nacts, "Activity type"));
    S_prop(a, act, "as", S_enum(a, v->activity_as, v->nactivity_as, NULL));
    S_prop(a, act, "connects", S_list_of(a, S_enum(a, actors_k, v->nactors, NULL), NULL));
    S_prop(a, act, "gaps", S_list_of(a, S_enum(a, gaps_k, v->ngaps, NULL), NULL));
    S_prop(a, act, "note", S_type(a, "string", NULL));
    sg_value *either = sg_map(a), *one = sg_list(a);
    sg_list_push(a, one, S_type(a, "string", "An activity's name"));
    sg_list_push(a, one, act);
    sg_map_add(a, either, "oneOf", one);
    S_prop(a, root, "activities", S_list_of(a, either, "What the cluster organisation does"));
    S_prop(a, root, "obstacles", S_list_of(a, S_enum(a, obstacles_k, v->nobstacles, NULL), NULL));

    sg_value *hist = S_object(a, NULL, "year");
    S_prop(a, hist, "year", S_type(a, "integer", NULL));
    S_prop(a, hist, "stage", S_enum(a, stage_terms, nst, NULL));
    S_prop(a, hist, "note", S_type(a, "string", NULL));
    S_prop(a, root, "history", S_list_of(a, hist, "Earlier stages, oldest first"));
    sg_value *src = S_object(a, NULL, "title");
    S_prop(a, src, "title", S_type(a, "string", NULL));
    S_prop(a, src, "author", S_type(a, "string", NULL));
    S_prop(a, src, "year", S_type(a, "integer", NULL));
    sg_value *url = S_type(a, "string", "http, https, mailto or relative");
    sg_map_str(a, url, "pattern", "^(https?:|mailto:|[^:]*$)");
    S_prop(a, src, "url", url);
    S_prop(a, root, "sources", S_list_of(a, src, NULL));
    sg_value *date = S_type(a, "string", "YYYY-MM-DD");
    sg_map_str(a, date, "pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    S_prop(a, root, "date", date);
    S_prop(a, root, "authors", S_list_of(a, S_type(a, "string", NULL), NULL));
    S_prop(a, root, "draft", S_type(a, "boolean", NULL));
    return root;
}
