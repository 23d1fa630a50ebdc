/* schema.c - JSON Schema of the case format, derived from the key table
 * (case_keys.c): shapes from its rows, enumerations from the vocabulary
 * lists they draw from, descriptions from the vocabulary's case_keys. */
#include "schema.h"

#include <string.h>

#include "case_keys.h"

static sg_value *S_type(sg_arena *a, const char *type, const char *desc)
{
    sg_value *m = sg_map(a);
    sg_map_str(a, m, "type", type);
    if (desc && *desc)
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

static sg_value *S_one_of(sg_arena *a, sg_value *x, sg_value *y,
                          const char *desc)
{
    sg_value *m = sg_map(a), *l = sg_list(a);
    if (desc && *desc)
        sg_map_str(a, m, "description", desc);
    sg_list_push(a, l, x);
    sg_list_push(a, l, y);
    sg_map_add(a, m, "oneOf", l);
    return m;
}

/* Every word a case may write for a word of list `id`: the keys, and
 * for lists read with synonyms, their names and synonyms as well (as
 * the vocabulary writes them: gen check also takes other cases). */
static sg_value *S_words(sg_arena *a, const sg_vocab *v, sg_list_id id,
                         const char *desc)
{
    const sg_words *w = &v->lists[id];
    if (!w->spellings)
        return S_enum(a, w->keys, w->n, desc);
    const char **all = sg_alloc(a, (w->n + w->nspellings + 1) * sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < w->n; i++)
        all[n++] = w->keys[i];
    for (size_t i = 0; i < w->nspellings; i++) {
        bool dup = false;
        for (size_t k = 0; k < n && !dup; k++)
            dup = strcmp(all[k], w->spellings[i].text) == 0;
        if (!dup)
            all[n++] = w->spellings[i].text;
    }
    return S_enum(a, all, n, desc);
}

/* The stage terms of every framework and the canonical keys. */
static sg_value *S_stages(sg_arena *a, const sg_vocab *v, const char *desc)
{
    const char **terms = sg_alloc(a, (v->nterms + v->nstages + 1) *
                                     sizeof(char *));
    size_t n = 0;
    for (size_t i = 0; i < v->nstages; i++)
        terms[n++] = v->stages[i].key;
    for (size_t i = 0; i < v->nterms; i++) {
        bool dup = false;
        for (size_t k = 0; k < n && !dup; k++)
            dup = strcmp(terms[k], v->terms[i].term) == 0;
        if (!dup)
            terms[n++] = v->terms[i].term;
    }
    return S_enum(a, terms, n, desc);
}

static sg_value *S_object(sg_arena *a, const sg_vocab *v,
                          const sg_case_key *parent, const char *desc);

static sg_value *S_number(sg_arena *a, const char *type,
                          const sg_case_key *row, const char *desc)
{
    sg_value *m = S_type(a, type, desc);
    if (row->lo || row->hi) {
        sg_map_num(a, m, "minimum", row->lo);
        sg_map_num(a, m, "maximum", row->hi);
    }
    return m;
}

/* The schema of one row's value. */
static sg_value *S_row(sg_arena *a, const sg_vocab *v,
                       const sg_case_key *parent, const sg_case_key *row)
{
    const char *desc = sg_case_key_doc(v, parent, row, NULL);
    sg_value *s = NULL;
    switch (row->type) {
    case SG_KT_TEXT:
        s = S_type(a, "string", desc);
        if (row->pattern)
            sg_map_str(a, s, "pattern", row->pattern);
        break;
    case SG_KT_INT: s = S_number(a, "integer", row, desc); break;
    case SG_KT_NUMBER: s = S_number(a, "number", row, desc); break;
    case SG_KT_BOOL: s = S_type(a, "boolean", desc); break;
    case SG_KT_WORD: s = S_words(a, v, row->words, desc); break;
    case SG_KT_WORDS:
        s = S_list_of(a, S_words(a, v, row->words, NULL), desc);
        break;
    case SG_KT_TEXTS: s = S_list_of(a, S_type(a, "string", NULL), desc); break;
    case SG_KT_COUNT:
        s = S_one_of(a, S_number(a, row->flags & SG_KEY_WHOLE ? "integer"
                                                             : "number",
                                 row, NULL),
                     S_type(a, "string", "a number with a qualifier: "
                            "about 40, more than 100, 15-20"), desc);
        break;
    case SG_KT_SHARE:
        s = S_one_of(a, S_number(a, "number", row, NULL),
                     S_words(a, v, row->words, NULL), desc);
        break;
    case SG_KT_STAGE: s = S_stages(a, v, desc); break;
    case SG_KT_REF:
        s = S_one_of(a, S_type(a, "integer", "its number, 1 for the first"),
                     S_type(a, "string", "its title"), desc);
        break;
    case SG_KT_TRAITS:
        s = S_type(a, "object", desc);
        sg_map_add(a, s, "properties", sg_map(a));
        for (size_t t = 0; t < v->ntraits; t++)
            sg_map_add(a, sg_map_get(s, "properties"), v->traits[t].key,
                       S_enum(a, v->traits[t].value, 2, v->traits[t].name));
        sg_map_add(a, s, "additionalProperties", sg_bool(a, false));
        break;
    case SG_KT_ANSWERS:
        s = S_type(a, "object", desc);
        sg_map_add(a, s, "propertyNames", S_words(a, v, row->words, NULL));
        sg_map_add(a, s, "additionalProperties", S_type(a, "string", NULL));
        break;
    case SG_KT_MAP: s = S_object(a, v, row, desc); break;
    case SG_KT_ITEMS:
        s = S_object(a, v, row, NULL);
        if (row->flags & SG_KEY_TEXT_ITEM)
            s = S_one_of(a, S_type(a, "string", NULL), s, NULL);
        s = S_list_of(a, s, desc);
        break;
    }
    if (row->flags & SG_KEY_CLAIM) {
        /* {value, evidence, source}: the value as the plain form */
        sg_value *obj = S_object(a, v, row, NULL);
        sg_map_set(a, sg_map_get(obj, "properties"), "value", s);
        s = S_one_of(a, s, obj, desc);
    }
    return s;
}

/* An object of the keys of `parent`'s sub-table (the case itself when
 * `parent` is NULL). */
static sg_value *S_object(sg_arena *a, const sg_vocab *v,
                          const sg_case_key *parent, const char *desc)
{
    sg_value *m = S_type(a, "object", desc);
    sg_value *props = sg_map(a), *req = sg_list(a);
    const sg_case_key *table = parent ? parent->sub : sg_case_keys;
    for (const sg_case_key *row = table; row->name; row++) {
        sg_map_add(a, props, row->name, S_row(a, v, parent, row));
        if (row->flags & SG_KEY_REQUIRED)
            sg_list_push(a, req, sg_str(a, row->name));
    }
    sg_map_add(a, m, "properties", props);
    if (req->u.list.n)
        sg_map_add(a, m, "required", req);
    sg_map_add(a, m, "additionalProperties", sg_bool(a, false));
    return m;
}

sg_value *sg_schema(sg_arena *a, const sg_vocab *v)
{
    sg_value *root = sg_map(a);
    sg_map_str(a, root, "$schema", "http://json-schema.org/draft-07/schema#");
    sg_map_str(a, root, "title", "gen case file, format version 1");
    sg_value *obj = S_object(a, v, NULL, "A cluster case study: the YAML "
                             "front matter of cases/<slug>.md");
    for (size_t i = 0; i < obj->u.map.n; i++)
        sg_map_add(a, root, obj->u.map.items[i].key, obj->u.map.items[i].val);
    return root;
}
