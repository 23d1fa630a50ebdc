/* vocab.c - loading the vocabulary YAML into lookup tables.
 *
 * One small loader per table, run in the order of S_loaders: a table
 * that names entries of another (actor types name gaps, traits name
 * models) comes after it, and loading stops at the first table with an
 * error, so that no loader works from a broken one.
 */
#include "vocab.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "case_keys.h"
#include "settings.h"
#include "fs.h"
#include "suggest.h"
#include "yaml_read.h"

extern const unsigned char sg_vocab_data[];
extern const size_t sg_vocab_size;

#define BUILTIN "<built-in vocabulary.yaml>"

typedef struct loader {
    sg_arena *a;
    sg_diags *d;
    const char *files[2];
    int errors;
} loader;

static int S_bad(loader *L, const sg_value *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int S_bad(loader *L, const sg_value *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sg_diag_vadd(L->d, SG_ERROR, L->files[at ? at->origin : 0],
                 at ? at->mark : (sg_mark){0, 0},
                 "see the comments at the top of vocabulary.yaml", fmt, ap);
    va_end(ap);
    L->errors++;
    return -1;
}

static void S_mark_origin(sg_value *v, unsigned char o, int depth)
{
    if (!v || depth > SG_YAML_MAX_DEPTH)
        return;
    v->origin = o;
    if (v->type == SG_LIST)
        for (size_t i = 0; i < v->u.list.n; i++)
            S_mark_origin(v->u.list.items[i], o, depth + 1);
    if (v->type == SG_MAP)
        for (size_t i = 0; i < v->u.map.n; i++)
            S_mark_origin(v->u.map.items[i].val, o, depth + 1);
}

/* Top-level merge: lists are replaced, mapping entries replaced or added. */
static void S_merge(sg_arena *a, sg_value *base, const sg_value *over)
{
    for (size_t i = 0; i < over->u.map.n; i++) {
        const sg_pair *p = &over->u.map.items[i];
        sg_value *old = sg_map_get(base, p->key);
        if (old && old->type == SG_MAP && p->val->type == SG_MAP) {
            for (size_t k = 0; k < p->val->u.map.n; k++)
                sg_map_set(a, old, p->val->u.map.items[k].key,
                           p->val->u.map.items[k].val);
        } else {
            sg_map_set(a, base, p->key, p->val);
        }
    }
}

/* Text of a scalar (a number or a boolean as written), or NULL. */
static const char *S_scalar(const sg_value *v)
{
    return !v ? NULL : v->type == SG_STR ? v->u.str.s
         : v->type == SG_LIST || v->type == SG_MAP ? NULL : v->text;
}

static const char *S_str(loader *L, const sg_value *m, const char *key,
                         bool required)
{
    const sg_value *v = m && m->type == SG_MAP ? sg_map_get(m, key) : NULL;
    if (!v || v->type == SG_NULL) {
        if (required)
            S_bad(L, m, "missing '%s'", key);
        return NULL;
    }
    const char *s = S_scalar(v);
    if (!s)
        S_bad(L, v, "'%s' must be text", key);
    return s;
}

static bool S_flag(loader *L, const sg_value *m, const char *key)
{
    const sg_value *v = m && m->type == SG_MAP ? sg_map_get(m, key) : NULL;
    if (v && v->type != SG_BOOL)
        S_bad(L, v, "'%s' must be true or false", key);
    return v && v->type == SG_BOOL && v->u.b;
}

static const char **S_strings(loader *L, const sg_value *list, size_t *n)
{
    *n = 0;
    if (!list || list->type == SG_NULL)
        return NULL;
    if (list->type != SG_LIST) {
        S_bad(L, list, "expected a list");
        return NULL;
    }
    const char **out = sg_alloc(L->a, (list->u.list.n + 1) * sizeof *out);
    for (size_t i = 0; i < list->u.list.n; i++) {
        const char *s = S_scalar(list->u.list.items[i]);
        if (!s) {
            S_bad(L, list->u.list.items[i], "expected text in the list");
            continue;
        }
        out[(*n)++] = s;
    }
    return out;
}

/* The index of `key` in list `id`, or -1 after an error at `at`. */
static int S_ref(sg_vocab *v, loader *L, sg_list_id id, const char *key,
                 const sg_value *at, const char *what)
{
    int i = key ? sg_vocab_word(v, id, key) : -1;
    if (key && i < 0)
        S_bad(L, at, "unknown %s '%s'", what, key);
    return i;
}

static sg_mask S_mask(sg_vocab *v, loader *L, const sg_value *list,
                      sg_list_id id, const char *what)
{
    size_t n;
    const char **keys = S_strings(L, list, &n);
    sg_mask m = 0;
    for (size_t i = 0; i < n; i++) {
        int k = S_ref(v, L, id, keys[i], list->u.list.items[i], what);
        if (k >= 0)
            m |= 1u << k;
    }
    return m;
}

static int S_cmp_spelling(const void *a, const void *b)
{
    const sg_spelling *x = a, *y = b;
    int c = strcmp(x->form, y->form);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static void S_add_spelling(loader *L, sg_words *w, size_t *cap, const char *text,
                       int index)
{
    if (w->nspellings == *cap)
        w->spellings = sg_grow(L->a, w->spellings, cap, 32, sizeof *w->spellings);
    w->spellings[w->nspellings++] = (sg_spelling){ sg_fold(L->a, text),
                                                   text, index };
}

/* Sorts the folded spellings; one spelling for two entries is an error
 * (a lookup could not tell which is meant). */
static void S_sort_spellings(loader *L, sg_words *w, const sg_value *t)
{
    if (w->nspellings > 1) /* qsort(NULL, 0) is undefined */
        qsort(w->spellings, w->nspellings, sizeof *w->spellings,
              S_cmp_spelling);
    size_t out = 0;
    for (size_t i = 0; i < w->nspellings; i++) {
        if (out && strcmp(w->spellings[out - 1].form, w->spellings[i].form) == 0) {
            if (w->spellings[out - 1].index != w->spellings[i].index)
                S_bad(L, t, "%s: '%s' stands for both '%s' and '%s'",
                      w->table, w->spellings[i].form,
                      w->keys[w->spellings[out - 1].index],
                      w->keys[w->spellings[i].index]);
            continue;
        }
        w->spellings[out++] = w->spellings[i];
    }
    w->nspellings = out;
}

/* The entries of a table as a list of words: a YAML list of words, a
 * list of mappings with `key`, or a mapping of key to a name or to a
 * mapping with `name`. `nodes` gets each entry's mapping (or NULL);
 * with `fold`, each key, name and `synonyms` item is a spelling that
 * sg_vocab_word accepts. */
static void S_words(sg_vocab *v, loader *L, const char *table,
                    const sg_value *t, sg_list_id id, bool fold,
                    const sg_value ***nodes)
{
    sg_words *w = &v->lists[id];
    bool list = t->type == SG_LIST;
    size_t n = list ? t->u.list.n : t->u.map.n, cap = 0;
    w->table = table;
    w->keys = sg_alloc(L->a, (n + 1) * sizeof *w->keys);
    w->names = sg_alloc(L->a, (n + 1) * sizeof *w->names);
    const sg_value **e = sg_alloc(L->a, (n + 1) * sizeof *e);
    for (size_t i = 0; i < n; i++) {
        const sg_value *x = list ? t->u.list.items[i] : t->u.map.items[i].val;
        const char *key = list ? NULL : t->u.map.items[i].key, *name;
        if (x->type == SG_MAP) {
            e[w->n] = x;
            if (list)
                key = S_str(L, x, "key", true);
            name = S_str(L, x, "name", true);
        } else {
            name = S_scalar(x);
            if (list)
                key = name;
            if (!name)
                S_bad(L, x, "%s: expected a word or a mapping with a name",
                      table);
        }
        if (!key || !name)
            continue;
        w->keys[w->n] = key;
        w->names[w->n] = name;
        if (fold) {
            S_add_spelling(L, w, &cap, key, (int)w->n);
            S_add_spelling(L, w, &cap, name, (int)w->n);
            size_t ns;
            const char **syn = S_strings(L, x->type == SG_MAP
                                         ? sg_map_get(x, "synonyms") : NULL,
                                         &ns);
            for (size_t k = 0; k < ns; k++)
                S_add_spelling(L, w, &cap, syn[k], (int)w->n);
        }
        w->n++;
    }
    if (fold)
        S_sort_spellings(L, w, t);
    if (nodes)
        *nodes = e;
}

/* ---- the loaders, one per table ---- */

typedef struct table {
    const char *name;
    sg_type type;              /* SG_LIST, SG_MAP, or SG_NULL for either */
    void (*load)(sg_vocab *v, loader *L, const struct table *tb,
                 const sg_value *t);
    sg_list_id list;           /* for the plain lists: which one */
} table;

#define LOADER(name) \
    static void name(sg_vocab *v, loader *L, const table *tb, \
                     const sg_value *t)

/* A plain list of words (with synonyms), nothing more per entry. */
LOADER(S_load_words)
{
    S_words(v, L, tb->name, t, tb->list, true, NULL);
}

LOADER(S_load_gaps)
{
    if (t->u.list.n > SG_MAX_GAPS) {
        S_bad(L, t, "at most %d gaps", SG_MAX_GAPS);
        return;
    }
    const sg_value **e;
    S_words(v, L, tb->name, t, SG_L_GAPS, false, &e);
    v->gaps = sg_alloc(L->a, (v->lists[SG_L_GAPS].n + 1) * sizeof *v->gaps);
    sg_mask numbers = 0;
    for (size_t i = 0; i < v->lists[SG_L_GAPS].n; i++) {
        sg_gap *g = &v->gaps[v->ngaps++];
        g->key = v->lists[SG_L_GAPS].keys[i];
        g->name = v->lists[SG_L_GAPS].names[i];
        g->short_name = S_str(L, e[i], "short", false);
        if (!g->short_name)
            g->short_name = g->name;
        g->between = S_str(L, e[i], "between", false);
        g->description = S_str(L, e[i], "description", false);
        const sg_value *num = sg_map_get(e[i], "number");
        g->number = (int)i + 1;
        if (num && (num->type != SG_NUM || num->u.num < 1 ||
                    num->u.num > SG_MAX_GAPS ||
                    num->u.num != (int)num->u.num))
            S_bad(L, num, "a gap's number is a whole number from 1 to %d",
                  SG_MAX_GAPS);
        else if (num)
            g->number = (int)num->u.num;
        if (numbers & (1u << (g->number - 1)))
            S_bad(L, num ? num : e[i], "two gaps have the number %d",
                  g->number);
        numbers |= 1u << (g->number - 1);
    }
}

LOADER(S_load_actors)
{
    const sg_value **e;
    S_words(v, L, tb->name, t, SG_L_ACTORS, false, &e);
    v->actors = sg_alloc(L->a, (t->u.map.n + 1) * sizeof *v->actors);
    for (size_t i = 0; i < v->lists[SG_L_ACTORS].n; i++) {
        sg_actor_type *at = &v->actors[v->nactors++];
        at->key = v->lists[SG_L_ACTORS].keys[i];
        at->name = v->lists[SG_L_ACTORS].names[i];
        const char *gap = S_str(L, e[i], "gap", true);
        at->gap = S_ref(v, L, SG_L_GAPS, gap, sg_map_get(e[i], "gap"), "gap");
    }
}

LOADER(S_load_stages)
{
    if (t->u.list.n > SG_MAX_STAGES) {
        S_bad(L, t, "at most %d stages", SG_MAX_STAGES);
        return;
    }
    const sg_value **e;
    S_words(v, L, tb->name, t, SG_L_STAGES, false, &e);
    v->stages = sg_alloc(L->a, (t->u.list.n + 1) * sizeof *v->stages);
    for (size_t i = 0; i < v->lists[SG_L_STAGES].n; i++) {
        sg_stage *s = &v->stages[v->nstages++];
        s->key = v->lists[SG_L_STAGES].keys[i];
        s->name = v->lists[SG_L_STAGES].names[i];
        s->description = S_str(L, e[i], "description", false);
    }
}

LOADER(S_load_as)
{
    S_words(v, L, tb->name, t, SG_L_AS, false, NULL);
    v->activity_as = v->lists[SG_L_AS].keys;
    v->nactivity_as = v->lists[SG_L_AS].n;
}

static int S_cmp_alias(const void *a, const void *b)
{
    const sg_alias *x = a, *y = b;
    int c = strcmp(x->norm, y->norm);
    return c ? c : (x->type > y->type) - (x->type < y->type);
}

static void S_alias(sg_vocab *v, loader *L, size_t *cap, const char *text,
                    int type)
{
    if (v->naliases == *cap)
        v->aliases = sg_grow(L->a, v->aliases, cap, 128, sizeof *v->aliases);
    sg_alias *al = &v->aliases[v->naliases++];
    sg_normalise_name(L->a, text, &al->norm, &al->words);
    al->text = text;
    al->type = type;
}

LOADER(S_load_activities)
{
    size_t cap = 0;
    v->acts = sg_alloc(L->a, (t->u.map.n + 1) * sizeof *v->acts);
    for (size_t i = 0; i < t->u.map.n; i++) {
        const sg_value *e = t->u.map.items[i].val;
        sg_activity_type *at = &v->acts[v->nacts++];
        at->key = t->u.map.items[i].key;
        at->as = S_ref(v, L, SG_L_AS, S_str(L, e, "as", false),
                       sg_map_get(e, "as"), "'as'");
        at->gaps = S_mask(v, L, sg_map_get(e, "gaps"), SG_L_GAPS, "gap");
        at->stages = S_mask(v, L, sg_map_get(e, "stages"), SG_L_STAGES,
                            "stage");
        at->why = at->gaps ? sg_printf(L->a, "usual for %s", at->key)
                           : sg_printf(L->a, "%s bridges no gap by itself",
                                       at->key);
        S_alias(v, L, &cap, at->key, (int)i);
        const char *words = v->aliases[v->naliases - 1].words;
        at->nwords = *words ? 1 : 0;
        for (const char *p = words; *p; p++)
            at->nwords += *p == ' ';
        size_t ns;
        const char **syn = S_strings(L, sg_map_get(e, "synonyms"), &ns);
        for (size_t k = 0; k < ns; k++)
            S_alias(v, L, &cap, syn[k], (int)i);
    }
    if (v->naliases > 1) /* qsort(NULL, 0) is undefined */
        qsort(v->aliases, v->naliases, sizeof *v->aliases, S_cmp_alias);
    v->lists[SG_L_ACTIVITIES] = (sg_words){ .table = tb->name,
        .keys = sg_alloc(L->a, (v->nacts + 1) * sizeof(char *)),
        .n = v->nacts };
    for (size_t i = 0; i < v->nacts; i++)
        v->lists[SG_L_ACTIVITIES].keys[i] = v->acts[i].key;
    v->lists[SG_L_ACTIVITIES].names = v->lists[SG_L_ACTIVITIES].keys;
}

/* Facilitator profiles name activity types, so they come after them. */
LOADER(S_load_facilitators)
{
    (void)tb;
    for (size_t i = 0; i < v->nstages; i++) {
        const sg_value *f = sg_map_get(t->u.list.items[i], "facilitator");
        if (!f)
            continue;
        sg_stage *s = &v->stages[i];
        s->role = S_str(L, f, "role", true);
        s->focus = S_strings(L, sg_map_get(f, "focus"), &s->nfocus);
        s->competencies = S_strings(L, sg_map_get(f, "competencies"),
                                    &s->ncompetencies);
        size_t nt;
        const sg_value *tl = sg_map_get(f, "tasks");
        const char **tasks = S_strings(L, tl, &nt);
        s->tasks = sg_alloc(L->a, (nt + 1) * sizeof *s->tasks);
        for (size_t k = 0; k < nt; k++) {
            int at = S_ref(v, L, SG_L_ACTIVITIES, tasks[k],
                           tl->u.list.items[k], "activity type");
            if (at >= 0)
                s->tasks[s->ntasks++] = at;
        }
    }
}

/* Each framework's terms, and `synonyms`: other spellings of its terms
 * ("policy-driven" for "policy driven") that are not terms of their own
 * on the about page. */
LOADER(S_load_frameworks)
{
    (void)tb;
    size_t cap = 0;
    for (size_t i = 0; i < t->u.list.n; i++) {
        const sg_value *e = t->u.list.items[i];
        const char *fk = S_str(L, e, "key", true);
        const char *fname = S_str(L, e, "name", true);
        const sg_value *terms = sg_map_get(e, "terms");
        if (!terms || terms->type != SG_MAP) {
            S_bad(L, e, "framework needs 'terms'");
            continue;
        }
        size_t first = v->nterms;
        for (size_t k = 0; k < terms->u.map.n; k++) {
            const sg_pair *p = &terms->u.map.items[k];
            const char *st = sg_value_str(p->val);
            int si = st ? sg_vocab_stage(v, st) : -1;
            if (si < 0) {
                S_bad(L, p->val, "unknown canonical stage '%s'",
                      st ? st : "?");
                continue;
            }
            if (v->nterms == cap)
                v->terms = sg_grow(L->a, v->terms, &cap, 16, sizeof *v->terms);
            v->terms[v->nterms++] = (sg_term){ p->key, fk, fname, si };
        }
        const sg_value *syn = sg_map_get(e, "synonyms");
        for (size_t k = 0; syn && syn->type == SG_MAP && k < syn->u.map.n;
             k++) {
            const sg_pair *p = &syn->u.map.items[k];
            const char *of = sg_value_str(p->val);
            size_t j = first;
            while (of && j < v->nterms && strcasecmp(v->terms[j].term, of))
                j++;
            if (!of || j == v->nterms) {
                S_bad(L, p->val, "'%s' is not a term of this framework",
                      of ? of : "?");
                continue;
            }
            if (v->nterms == cap)
                v->terms = sg_grow(L->a, v->terms, &cap, 16, sizeof *v->terms);
            v->terms[v->nterms] = v->terms[j];
            v->terms[v->nterms++].term = p->key;
        }
    }
}

LOADER(S_load_models)
{
    const sg_value **e;
    S_words(v, L, tb->name, t, SG_L_MODELS, true, &e);
    v->models = sg_alloc(L->a, (v->lists[SG_L_MODELS].n + 1) *
                               sizeof *v->models);
    v->mixed_model = -1;
    for (size_t i = 0; i < v->lists[SG_L_MODELS].n; i++) {
        sg_model *m = &v->models[v->nmodels++];
        m->key = v->lists[SG_L_MODELS].keys[i];
        m->name = v->lists[SG_L_MODELS].names[i];
        m->description = S_str(L, e[i], "description", false);
        m->mixed = S_flag(L, e[i], "mixed");
        m->allowed = true;
        if (m->mixed && v->mixed_model >= 0)
            S_bad(L, e[i], "only one model can stand for a split vote "
                  "('mixed: true')");
        else if (m->mixed)
            v->mixed_model = (int)i;
    }
}

LOADER(S_load_models_allowed)
{
    size_t n;
    const char **keys = S_strings(L, t, &n);
    for (size_t i = 0; i < v->nmodels; i++)
        v->models[i].allowed = false;
    for (size_t i = 0; i < n; i++) {
        int m = S_ref(v, L, SG_L_MODELS, keys[i], t->u.list.items[i],
                      tb->name);
        if (m >= 0)
            v->models[m].allowed = true;
    }
}

/* A model a trait value, governance or funding type votes for: one that
 * is not the mixed one. */
static int S_voted_model(sg_vocab *v, loader *L, const char *key,
                         const sg_value *at)
{
    int m = S_ref(v, L, SG_L_MODELS, key, at, "model");
    if (m >= 0 && v->models[m].mixed) {
        S_bad(L, at, "'%s' stands for a split vote: nothing votes for it",
              key);
        return -1;
    }
    return m;
}

/* Each trait: a name, and two entries keyed by the model their value
 * votes for, with the value a case writes and a label. */
LOADER(S_load_traits)
{
    const sg_value **e;
    S_words(v, L, tb->name, t, SG_L_TRAITS, false, &e);
    v->traits = sg_alloc(L->a, (t->u.map.n + 1) * sizeof *v->traits);
    for (size_t i = 0; i < v->lists[SG_L_TRAITS].n; i++) {
        sg_trait *tr = &v->traits[v->ntraits++];
        tr->key = v->lists[SG_L_TRAITS].keys[i];
        tr->name = v->lists[SG_L_TRAITS].names[i];
        int sides = 0;
        for (size_t k = 0; e[i] && k < e[i]->u.map.n; k++) {
            const sg_pair *p = &e[i]->u.map.items[k];
            if (strcmp(p->key, "name") == 0)
                continue;
            if (sides == 2) {
                S_bad(L, p->val, "a trait has the values of two models");
                break;
            }
            tr->model[sides] = S_voted_model(v, L, p->key, p->val);
            tr->value[sides] = S_str(L, p->val, "value", true);
            tr->label[sides] = S_str(L, p->val, "label", false);
            sides++;
        }
        if (sides < 2)
            S_bad(L, e[i] ? e[i] : t, "trait '%s' needs the values of two "
                  "models", tr->key);
        else if (tr->model[0] == tr->model[1] && tr->model[0] >= 0)
            S_bad(L, e[i], "trait '%s' names one model twice", tr->key);
    }
}

LOADER(S_load_governance)
{
    const sg_value **e;
    S_words(v, L, tb->name, t, SG_L_GOVERNANCE, false, &e);
    v->governance = sg_alloc(L->a, (t->u.map.n + 1) * sizeof *v->governance);
    for (size_t i = 0; i < v->lists[SG_L_GOVERNANCE].n; i++) {
        sg_governance *g = &v->governance[v->ngovernance++];
        g->key = v->lists[SG_L_GOVERNANCE].keys[i];
        g->name = v->lists[SG_L_GOVERNANCE].names[i];
        const char *m = S_str(L, e[i], "model", false);
        g->model = m ? S_voted_model(v, L, m, sg_map_get(e[i], "model")) : -1;
        g->has_owners = S_flag(L, e[i], "owners");
    }
}

LOADER(S_load_funding)
{
    const sg_value **e;
    S_words(v, L, tb->name, t, SG_L_FUNDING, false, &e);
    v->funding = sg_alloc(L->a, (t->u.map.n + 1) * sizeof *v->funding);
    for (size_t i = 0; i < v->lists[SG_L_FUNDING].n; i++) {
        sg_funding_type *f = &v->funding[v->nfunding++];
        f->key = v->lists[SG_L_FUNDING].keys[i];
        f->name = v->lists[SG_L_FUNDING].names[i];
        f->is_public = S_flag(L, e[i], "public");
        const char *m = S_str(L, e[i], "model", false);
        f->model = m ? S_voted_model(v, L, m, sg_map_get(e[i], "model")) : -1;
    }
}

LOADER(S_load_currencies)
{
    (void)tb;
    v->currency = sg_alloc(L->a, (t->u.map.n + 1) * sizeof(char *));
    v->currency_rate = sg_alloc(L->a, (t->u.map.n + 1) * sizeof(double));
    for (size_t i = 0; i < t->u.map.n; i++) {
        const sg_value *r = t->u.map.items[i].val;
        if (r->type != SG_NUM || r->u.num <= 0) {
            S_bad(L, r, "rate of %s must be a positive number",
                  t->u.map.items[i].key);
            continue;
        }
        v->currency[v->ncurrency] = t->u.map.items[i].key;
        v->currency_rate[v->ncurrency++] = r->u.num;
        if (r->u.num == 1 && !v->base_currency)
            v->base_currency = t->u.map.items[i].key;
    }
    if (!v->base_currency)
        S_bad(L, t, "one currency, the one amounts are shown in, has the "
              "rate 1");
}

/* Key, name and description, for the tables that have no more. */
static sg_named *S_named(sg_vocab *v, loader *L, const table *tb,
                         const sg_value *t, sg_list_id id, size_t *n)
{
    const sg_value **e;
    S_words(v, L, tb->name, t, id, false, &e);
    const sg_words *w = &v->lists[id];
    sg_named *out = sg_alloc(L->a, (w->n + 1) * sizeof *out);
    for (size_t i = 0; i < w->n; i++)
        out[i] = (sg_named){ w->keys[i], w->names[i],
                             S_str(L, e[i], "description", false) };
    *n = w->n;
    return out;
}

LOADER(S_load_obstacles)
{
    v->obstacles = S_named(v, L, tb, t, SG_L_OBSTACLES, &v->nobstacles);
}

static int S_cmp_country(const void *a, const void *b)
{
    return strcmp(((const sg_named *)a)->key, ((const sg_named *)b)->key);
}

LOADER(S_load_countries)
{
    v->countries = S_named(v, L, tb, t, SG_L_COUNTRIES, &v->ncountries);
    if (v->ncountries > 1) /* qsort(NULL, 0) is undefined */
        qsort(v->countries, v->ncountries, sizeof *v->countries,
              S_cmp_country);
    for (size_t i = 0; i < v->ncountries; i++) {
        v->lists[SG_L_COUNTRIES].keys[i] = v->countries[i].key;
        v->lists[SG_L_COUNTRIES].names[i] = v->countries[i].name;
    }
}

/* Names a country goes by that its ISO name spells differently. */
LOADER(S_load_country_aliases)
{
    (void)tb;
    v->country_aliases = sg_alloc(L->a, (t->u.map.n + 1) *
                                        sizeof *v->country_aliases);
    for (size_t i = 0; i < t->u.map.n; i++) {
        const sg_pair *p = &t->u.map.items[i];
        const char *code = S_scalar(p->val);
        int c = code ? sg_vocab_country(v, code) : -1;
        if (c < 0) {
            S_bad(L, p->val, "'%s' is not a country code of 'countries'",
                  code ? code : "?");
            continue;
        }
        v->country_aliases[v->ncountry_aliases++] =
            (sg_named){ p->key, v->countries[c].key, NULL };
    }
}

LOADER(S_load_reach)
{
    S_words(v, L, tb->name, t, SG_L_REACH, false, NULL);
    v->reach = v->lists[SG_L_REACH].keys;
    v->nreach = v->lists[SG_L_REACH].n;
}

LOADER(S_load_completeness)
{
    (void)tb;
    v->completeness = S_strings(L, t, &v->ncompleteness);
}

/* The self-assessment questions: groups of items, each with an id that
 * a case's `assessment` answers. */
LOADER(S_load_assessment)
{
    size_t cap = 0;
    v->question_groups = sg_alloc(L->a, (t->u.list.n + 1) *
                                        sizeof *v->question_groups);
    for (size_t i = 0; i < t->u.list.n; i++) {
        const sg_value *g = t->u.list.items[i];
        sg_question_group *qg = &v->question_groups[v->nquestion_groups++];
        qg->key = S_str(L, g, "key", true);
        qg->name = S_str(L, g, "name", true);
        qg->question = S_str(L, g, "question", false);
        qg->sum_up = S_str(L, g, "sum_up", false);
        const sg_value *items = g->type == SG_MAP ? sg_map_get(g, "items")
                                                  : NULL;
        if (!items || items->type != SG_LIST) {
            S_bad(L, g, "a group of questions needs 'items'");
            continue;
        }
        for (size_t k = 0; k < items->u.list.n; k++) {
            const sg_value *it = items->u.list.items[k];
            if (v->nquestions == cap)
                v->questions = sg_grow(L->a, v->questions, &cap, 32,
                                       sizeof *v->questions);
            sg_question *q = &v->questions[v->nquestions];
            q->id = S_str(L, it, "id", true);
            q->text = S_str(L, it, "question", true);
            q->hints = S_strings(L, it->type == SG_MAP
                                    ? sg_map_get(it, "hints") : NULL,
                                 &q->nhints);
            q->group = (int)i;
            if (q->id && q->text)
                v->nquestions++;
        }
    }
    sg_words *w = &v->lists[SG_L_ASSESSMENT];
    *w = (sg_words){ .table = tb->name, .n = v->nquestions,
                     .keys = sg_alloc(L->a, (v->nquestions + 1) *
                                            sizeof(char *)),
                     .names = sg_alloc(L->a, (v->nquestions + 1) *
                                             sizeof(char *)) };
    for (size_t i = 0; i < v->nquestions; i++) {
        w->keys[i] = v->questions[i].id;
        w->names[i] = v->questions[i].text;
        for (size_t k = 0; k < i; k++)
            if (strcmp(w->keys[k], w->keys[i]) == 0)
                S_bad(L, t, "two questions have the id '%s'", w->keys[i]);
    }
}

static int S_cmp_count_word(const void *a, const void *b)
{
    size_t x = strlen(((const sg_count_word *)a)->phrase);
    size_t y = strlen(((const sg_count_word *)b)->phrase);
    return (x < y) - (x > y);
}

/* Phrases that qualify a count, and how: "more than" -> above. */
LOADER(S_load_count_words)
{
    (void)tb;
    static const char *const kinds[] = {
        [SG_CW_ABOUT] = "about", [SG_CW_ABOVE] = "above",
        [SG_CW_AT_LEAST] = "at-least", [SG_CW_AT_MOST] = "at-most",
        [SG_CW_BELOW] = "below" };
    v->count_words = sg_alloc(L->a, (t->u.map.n + 1) *
                                    sizeof *v->count_words);
    for (size_t i = 0; i < t->u.map.n; i++) {
        const sg_pair *p = &t->u.map.items[i];
        const char *kind = S_scalar(p->val);
        size_t k = 0;
        while (kind && k < sizeof kinds / sizeof *kinds &&
               strcmp(kinds[k], kind))
            k++;
        if (!kind || k == sizeof kinds / sizeof *kinds) {
            S_bad(L, p->val, "'%s' is not a kind of count: about, above, "
                  "at-least, at-most or below", kind ? kind : "?");
            continue;
        }
        v->count_words[v->ncount_words++] =
            (sg_count_word){ sg_fold(L->a, p->key), (sg_count_kind)k };
    }
    if (v->ncount_words > 1) /* qsort(NULL, 0) is undefined */
        qsort(v->count_words, v->ncount_words, sizeof *v->count_words,
              S_cmp_count_word);
}

/* The doc and example of each key of `table` (a level of the key
 * table), and nothing else. */
static void S_key_docs(loader *L, const sg_value *t, const char *where,
                       const sg_case_key *keys_of)
{
    for (const sg_case_key *row = keys_of; row->name; row++) {
        const sg_value *e = sg_map_get(t, row->name);
        if (!e || e->type != SG_MAP) {
            S_bad(L, e ? e : t, "case_keys: %s'%s' needs a mapping with "
                  "'doc' and 'example'", where, row->name);
            continue;
        }
        S_str(L, e, "doc", true);
        S_str(L, e, "example", true);
        const sg_value *keys = sg_map_get(e, "keys");
        if (row->sub && (!keys || keys->type != SG_MAP))
            S_bad(L, e, "case_keys: '%s' needs 'keys', the docs of its "
                  "keys", row->name);
        else if (row->sub)
            S_key_docs(L, keys, sg_printf(L->a, "%s: ", row->name),
                       row->sub);
        else if (keys)
            S_bad(L, keys, "case_keys: '%s' has no keys of its own",
                  row->name);
    }
    for (size_t i = 0; i < t->u.map.n; i++)
        if (!sg_case_key_find(keys_of, t->u.map.items[i].key))
            S_bad(L, t->u.map.items[i].val, "case_keys: %s'%s' is not a "
                  "key of the case format", where, t->u.map.items[i].key);
}

/* The human words of the key table (gen/case_keys.c); the facts of
 * `completeness` must be keys of it too. */
LOADER(S_load_case_keys)
{
    (void)tb;
    S_key_docs(L, t, "", sg_case_keys);
    v->case_keys = t;
    const sg_value *comp = sg_map_get(v->root, "completeness");
    for (size_t i = 0; i < v->ncompleteness; i++)
        if (!sg_case_key_find(sg_case_keys, v->completeness[i]))
            S_bad(L, comp->u.list.items[i], "completeness: '%s' is not a "
                  "key of the case format", v->completeness[i]);
}

/* The words of site.yaml's keys (gen/settings.c): a doc and an example
 * for each, and no key the table does not have. */
LOADER(S_load_site_keys)
{
    (void)tb;
    (void)v;
    for (const sg_setting_key *row = sg_setting_keys; row->name; row++) {
        const sg_value *e = sg_map_get(t, row->name);
        if (!e || e->type != SG_MAP) {
            S_bad(L, e ? e : t, "site_keys: '%s' needs a mapping with "
                  "'doc' and 'example'", row->name);
            continue;
        }
        S_str(L, e, "doc", true);
        S_str(L, e, "example", true);
    }
    for (size_t i = 0; i < t->u.map.n; i++) {
        const sg_setting_key *row = sg_setting_keys;
        while (row->name && strcmp(row->name, t->u.map.items[i].key) != 0)
            row++;
        if (!row->name)
            S_bad(L, t->u.map.items[i].val, "site_keys: '%s' is not a key "
                  "of site.yaml", t->u.map.items[i].key);
    }
}

static const table S_loaders[] = {
    { "gaps", SG_LIST, S_load_gaps, 0 },
    { "actor_types", SG_MAP, S_load_actors, 0 },
    { "stages", SG_LIST, S_load_stages, 0 },
    { "activity_as", SG_LIST, S_load_as, 0 },
    { "activity_types", SG_MAP, S_load_activities, 0 },
    { "stages", SG_LIST, S_load_facilitators, 0 },
    { "frameworks", SG_LIST, S_load_frameworks, 0 },
    { "models", SG_MAP, S_load_models, 0 },
    { "models_allowed", SG_LIST, S_load_models_allowed, 0 },
    { "traits", SG_MAP, S_load_traits, 0 },
    { "governance", SG_MAP, S_load_governance, 0 },
    { "funding_types", SG_MAP, S_load_funding, 0 },
    { "currencies", SG_MAP, S_load_currencies, 0 },
    { "obstacles", SG_MAP, S_load_obstacles, 0 },
    { "countries", SG_MAP, S_load_countries, 0 },
    { "country_aliases", SG_MAP, S_load_country_aliases, 0 },
    { "reach", SG_LIST, S_load_reach, 0 },
    { "completeness", SG_LIST, S_load_completeness, 0 },
    { "sectors", SG_LIST, S_load_words, SG_L_SECTORS },
    { "regions", SG_LIST, S_load_words, SG_L_REGIONS },
    { "frequencies", SG_NULL, S_load_words, SG_L_FREQUENCIES },
    { "funding_flows", SG_NULL, S_load_words, SG_L_FLOWS },
    { "key_measures", SG_NULL, S_load_words, SG_L_MEASURES },
    { "share_words", SG_NULL, S_load_words, SG_L_SHARES },
    { "influence", SG_NULL, S_load_words, SG_L_INFLUENCE },
    { "interconnectivity", SG_NULL, S_load_words, SG_L_INTERCONNECTIVITY },
    { "maturity", SG_NULL, S_load_words, SG_L_MATURITY },
    { "initiator_types", SG_NULL, S_load_words, SG_L_INITIATOR_TYPES },
    { "initiator_sectors", SG_NULL, S_load_words, SG_L_INITIATOR_SECTORS },
    { "initiator_roles", SG_NULL, S_load_words, SG_L_INITIATOR_ROLES },
    { "alliance_levels", SG_NULL, S_load_words, SG_L_ALLIANCE_LEVELS },
    { "assessment", SG_LIST, S_load_assessment, 0 },
    { "count_words", SG_MAP, S_load_count_words, 0 },
    { "case_keys", SG_MAP, S_load_case_keys, 0 },
    { "site_keys", SG_MAP, S_load_site_keys, 0 },
};

static int S_extract(sg_vocab *v, loader *L)
{
    const sg_value *root = v->root;
    if (root->type != SG_MAP)
        return S_bad(L, root, "the vocabulary must be a mapping");
    for (size_t i = 0; i < sizeof S_loaders / sizeof *S_loaders; i++) {
        const table *tb = &S_loaders[i];
        const sg_value *t = sg_map_get(root, tb->name);
        if (!t || (tb->type == SG_NULL ? t->type != SG_LIST &&
                                         t->type != SG_MAP
                                       : t->type != tb->type))
            return S_bad(L, t ? t : root, "'%s' is missing or of the wrong "
                         "kind (a %s)", tb->name,
                         tb->type == SG_LIST ? "list" : tb->type == SG_MAP
                         ? "mapping" : "list or a mapping");
        tb->load(v, L, tb, t);
        if (L->errors)
            return -1;
    }
    return 0;
}

int sg_vocab_load_text(sg_vocab *v, sg_arena *a, const char *name,
                       const char *text, size_t len, sg_diags *d)
{
    memset(v, 0, sizeof *v);
    loader L = { .a = a, .d = d, .files = { BUILTIN, name } };
    if (sg_yaml_parse(a, BUILTIN, (const char *)sg_vocab_data, sg_vocab_size,
                      1, &v->root, d) != 0)
        return -1;
    if (name) {
        sg_value *over = NULL;
        if (sg_yaml_parse(a, name, text, len, 1, &over, d) != 0)
            return -1;
        if (over->type != SG_MAP)
            return sg_error(d, name, over->mark, NULL,
                            "a vocabulary file must be a mapping of tables");
        L.files[1] = sg_strdup(a, name);
        S_mark_origin(over, 1, 0);
        S_merge(a, v->root, over);
    }
    return S_extract(v, &L);
}

int sg_vocab_load(sg_vocab *v, sg_arena *a, const char *extra, sg_diags *d)
{
    if (!extra)
        return sg_vocab_load_text(v, a, NULL, NULL, 0, d);
    sg_buf src = SG_BUF_INIT;
    int rc = sg_read_file(extra, SG_MAX_FILE_SIZE, &src, d);
    if (rc == 0)
        rc = sg_vocab_load_text(v, a, extra, src.ptr, src.len, d);
    sg_buf_free(&src);
    return rc;
}
