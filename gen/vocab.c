/* vocab.c - loading the vocabulary YAML into lookup tables. */
#include "vocab.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

static const char *S_str(loader *L, const sg_value *m, const char *key,
                         bool required)
{
    const sg_value *v = sg_map_get(m, key);
    if (!v || v->type == SG_NULL) {
        if (required)
            S_bad(L, m, "missing '%s'", key);
        return NULL;
    }
    if (v->type == SG_STR)
        return v->u.str.s;
    if (v->text)
        return v->text;
    S_bad(L, v, "'%s' must be text", key);
    return NULL;
}

static const sg_value *S_table(loader *L, const sg_value *root,
                               const char *key, sg_type type)
{
    const sg_value *v = sg_map_get(root, key);
    if (!v || v->type != type) {
        S_bad(L, v ? v : root, "'%s' is missing or of the wrong kind", key);
        return NULL;
    }
    return v;
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
        const sg_value *it = list->u.list.items[i];
        const char *s = it->type == SG_STR ? it->u.str.s : it->text;
        if (!s) {
            S_bad(L, it, "expected text in the list");
            continue;
        }
        out[(*n)++] = s;
    }
    return out;
}

static sg_mask S_mask(loader *L, const sg_value *list,
                      int (*find)(const sg_vocab *, const char *),
                      const sg_vocab *v, const char *what)
{
    size_t n;
    const char **keys = S_strings(L, list, &n);
    sg_mask m = 0;
    for (size_t i = 0; i < n; i++) {
        int k = find(v, keys[i]);
        if (k < 0)
            S_bad(L, list->u.list.items[i], "unknown %s '%s'", what, keys[i]);
        else
            m |= 1u << k;
    }
    return m;
}

static int S_cmp_alias(const void *a, const void *b)
{
    const sg_alias *x = a, *y = b;
    int c = strcmp(x->norm, y->norm);
    return c ? c : (x->type > y->type) - (x->type < y->type);
}

static int S_cmp_country(const void *a, const void *b)
{
    return strcmp(((const sg_named *)a)->key, ((const sg_named *)b)->key);
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

static sg_named *S_named_map(loader *L, const sg_value *m, size_t *n)
{
    sg_named *out = sg_alloc(L->a, (m->u.map.n + 1) * sizeof *out);
    for (size_t i = 0; i < m->u.map.n; i++) {
        const sg_value *e = m->u.map.items[i].val;
        out[i].key = m->u.map.items[i].key;
        if (e->type == SG_MAP) {
            out[i].name = S_str(L, e, "name", true);
            out[i].description = S_str(L, e, "description", false);
        } else {
            out[i].name = e->type == SG_STR ? e->u.str.s : e->text;
        }
    }
    *n = m->u.map.n;
    return out;
}

static int S_extract(sg_vocab *v, loader *L)
{
    const sg_value *root = v->root, *t;
    if (root->type != SG_MAP)
        return S_bad(L, root, "the vocabulary must be a mapping");

    if ((t = S_table(L, root, "gaps", SG_LIST))) {
        if (t->u.list.n > SG_MAX_GAPS)
            return S_bad(L, t, "at most 16 gaps");
        v->gaps = sg_alloc(L->a, (t->u.list.n + 1) * sizeof *v->gaps);
        for (size_t i = 0; i < t->u.list.n; i++) {
            const sg_value *e = t->u.list.items[i];
            sg_gap *g = &v->gaps[v->ngaps++];
            g->key = S_str(L, e, "key", true);
            g->name = S_str(L, e, "name", true);
            g->short_name = S_str(L, e, "short", false);
            if (!g->short_name)
                g->short_name = g->name;
            g->between = S_str(L, e, "between", false);
            g->description = S_str(L, e, "description", false);
            g->number = (int)i + 1;
        }
    }
    if (L->errors)
        return -1;
    if ((t = S_table(L, root, "actor_types", SG_MAP))) {
        v->actors = sg_alloc(L->a, (t->u.map.n + 1) * sizeof *v->actors);
        for (size_t i = 0; i < t->u.map.n; i++) {
            const sg_value *e = t->u.map.items[i].val;
            sg_actor_type *at = &v->actors[v->nactors++];
            at->key = t->u.map.items[i].key;
            at->name = S_str(L, e, "name", true);
            const char *gap = S_str(L, e, "gap", true);
            at->gap = gap ? sg_vocab_gap(v, gap) : -1;
            if (gap && at->gap < 0)
                S_bad(L, sg_map_get(e, "gap"), "unknown gap '%s'", gap);
        }
    }
    const sg_value *stages = S_table(L, root, "stages", SG_LIST);
    if (stages) {
        if (stages->u.list.n > SG_MAX_STAGES)
            return S_bad(L, stages, "at most 16 stages");
        v->stages = sg_alloc(L->a, (stages->u.list.n + 1) * sizeof *v->stages);
        for (size_t i = 0; i < stages->u.list.n; i++) {
            const sg_value *e = stages->u.list.items[i];
            sg_stage *s = &v->stages[v->nstages++];
            s->key = S_str(L, e, "key", true);
            s->name = S_str(L, e, "name", true);
            s->description = S_str(L, e, "description", false);
        }
    }
    if (L->errors)
        return -1;
    if ((t = S_table(L, root, "activity_types", SG_MAP))) {
        size_t cap = 0;
        v->acts = sg_alloc(L->a, (t->u.map.n + 1) * sizeof *v->acts);
        for (size_t i = 0; i < t->u.map.n; i++) {
            const sg_value *e = t->u.map.items[i].val;
            sg_activity_type *at = &v->acts[v->nacts++];
            at->key = t->u.map.items[i].key;
            const char *as = S_str(L, e, "as", false);
            at->project = as && strcmp(as, "project") == 0;
            at->gaps = S_mask(L, sg_map_get(e, "gaps"), sg_vocab_gap, v,
                              "gap");
            at->stages = S_mask(L, sg_map_get(e, "stages"), sg_vocab_stage, v,
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
        qsort(v->aliases, v->naliases, sizeof *v->aliases, S_cmp_alias);
    }
    /* facilitator profiles name activity types, so they come after */
    for (size_t i = 0; stages && i < v->nstages; i++) {
        const sg_value *f = sg_map_get(stages->u.list.items[i], "facilitator");
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
            int at = sg_vocab_activity(v, tasks[k]);
            if (at < 0)
                S_bad(L, tl->u.list.items[k], "unknown activity type '%s'",
                      tasks[k]);
            else
                s->tasks[s->ntasks++] = at;
        }
    }
    if ((t = S_table(L, root, "frameworks", SG_LIST))) {
        size_t cap = 16;
        v->terms = sg_alloc(L->a, cap * sizeof *v->terms);
        for (size_t i = 0; i < t->u.list.n; i++) {
            const sg_value *e = t->u.list.items[i];
            const char *fk = S_str(L, e, "key", true);
            const char *fname = S_str(L, e, "name", true);
            const sg_value *terms = sg_map_get(e, "terms");
            if (!terms || terms->type != SG_MAP) {
                S_bad(L, e, "framework needs 'terms'");
                continue;
            }
            for (size_t k = 0; k < terms->u.map.n; k++) {
                const sg_pair *p = &terms->u.map.items[k];
                const char *st = sg_value_str(p->val);
                int si = st ? sg_vocab_stage(v, st) : -1;
                if (si < 0) {
                    S_bad(L, p->val, "unknown canonical stage '%s'",
                          st ? st : "?");
                    continue;
                }
                if (v->nterms == cap) {
                    v->terms = sg_realloc(L->a, v->terms, cap * sizeof *v->terms,
                                          2 * cap * sizeof *v->terms);
                    cap *= 2;
                }
                v->terms[v->nterms++] = (sg_term){ p->key, fk, fname, si };
            }
        }
    }
    if ((t = S_table(L, root, "traits", SG_MAP))) {
        v->traits = sg_alloc(L->a, (t->u.map.n + 1) * sizeof *v->traits);
        for (size_t i = 0; i < t->u.map.n; i++) {
            const sg_value *e = t->u.map.items[i].val;
            sg_trait *tr = &v->traits[v->ntraits++];
            tr->key = t->u.map.items[i].key;
            tr->name = S_str(L, e, "name", true);
            static const char *const side[2] = { "membership", "partnership" };
            for (int k = 0; k < 2; k++) {
                const sg_value *s = sg_map_get(e, side[k]);
                tr->value[k] = s ? S_str(L, s, "value", true) : NULL;
                tr->label[k] = s ? S_str(L, s, "label", false) : NULL;
                if (!s)
                    S_bad(L, e, "trait needs '%s'", side[k]);
            }
        }
    }
    if ((t = S_table(L, root, "models", SG_MAP)))
        v->models = S_named_map(L, t, &v->nmodels);
    if ((t = S_table(L, root, "governance", SG_MAP))) {
        v->governance = S_named_map(L, t, &v->ngovernance);
        v->governance_model = sg_alloc(L->a, (t->u.map.n + 1) * sizeof(int));
        for (size_t i = 0; i < t->u.map.n; i++) {
            const char *m = S_str(L, t->u.map.items[i].val, "model", false);
            v->governance_model[i] = !m ? -1
                                   : strcmp(m, "membership") == 0 ? 0
                                   : strcmp(m, "partnership") == 0 ? 1 : -1;
        }
    }
    if ((t = S_table(L, root, "funding_types", SG_MAP))) {
        v->funding = sg_alloc(L->a, (t->u.map.n + 1) * sizeof *v->funding);
        for (size_t i = 0; i < t->u.map.n; i++) {
            const sg_value *e = t->u.map.items[i].val;
            sg_funding_type *f = &v->funding[v->nfunding++];
            f->key = t->u.map.items[i].key;
            f->name = S_str(L, e, "name", true);
            const sg_value *pub = sg_map_get(e, "public");
            f->is_public = pub && pub->type == SG_BOOL && pub->u.b;
            const char *m = S_str(L, e, "model", false);
            f->model = !m ? -1 : strcmp(m, "membership") == 0 ? 0
                     : strcmp(m, "partnership") == 0 ? 1 : -1;
        }
    }
    if ((t = S_table(L, root, "currencies", SG_MAP))) {
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
        }
    }
    if ((t = S_table(L, root, "obstacles", SG_MAP)))
        v->obstacles = S_named_map(L, t, &v->nobstacles);
    if ((t = S_table(L, root, "countries", SG_MAP))) {
        v->countries = S_named_map(L, t, &v->ncountries);
        qsort(v->countries, v->ncountries, sizeof *v->countries,
              S_cmp_country);
    }
    v->reach = S_strings(L, sg_map_get(root, "reach"), &v->nreach);
    v->completeness = S_strings(L, sg_map_get(root, "completeness"),
                                &v->ncompleteness);
    return L->errors ? -1 : 0;
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

#define FIND(fn, arr, n, field)                                   \
    int fn(const sg_vocab *v, const char *key)                    \
    {                                                             \
        for (size_t i = 0; i < v->n; i++)                         \
            if (v->arr[i].field && strcmp(v->arr[i].field, key) == 0) \
                return (int)i;                                    \
        return -1;                                                \
    }
FIND(sg_vocab_gap, gaps, ngaps, key)
FIND(sg_vocab_actor, actors, nactors, key)
FIND(sg_vocab_stage, stages, nstages, key)
FIND(sg_vocab_activity, acts, nacts, key)
FIND(sg_vocab_trait, traits, ntraits, key)
FIND(sg_vocab_funding, funding, nfunding, key)
FIND(sg_vocab_obstacle, obstacles, nobstacles, key)
FIND(sg_vocab_model, models, nmodels, key)
FIND(sg_vocab_governance, governance, ngovernance, key)
#undef FIND

int sg_vocab_reach(const sg_vocab *v, const char *key)
{
    for (size_t i = 0; i < v->nreach; i++)
        if (strcmp(v->reach[i], key) == 0)
            return (int)i;
    return -1;
}

double sg_vocab_rate(const sg_vocab *v, const char *cur)
{
    for (size_t i = 0; i < v->ncurrency; i++)
        if (strcasecmp(v->currency[i], cur) == 0)
            return v->currency_rate[i];
    return -1;
}

int sg_vocab_country(const sg_vocab *v, const char *code)
{
    size_t lo = 0, hi = v->ncountries;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(v->countries[mid].key, code);
        if (c == 0)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const char *sg_vocab_country_by_name(const sg_vocab *v, const char *name)
{
    for (size_t i = 0; i < v->ncountries; i++)
        if (v->countries[i].name && strcasecmp(v->countries[i].name, name) == 0)
            return v->countries[i].key;
    /* common short forms that the ISO names spell differently */
    static const char *const alias[][2] = {
        { "UK", "GB" }, { "United Kingdom", "GB" }, { "Great Britain", "GB" },
        { "England", "GB" }, { "Scotland", "GB" }, { "Wales", "GB" },
        { "Holland", "NL" }, { "The Netherlands", "NL" },
        { "Czech Republic", "CZ" }, { "USA", "US" }, { "America", "US" },
    };
    for (size_t i = 0; i < sizeof alias / sizeof *alias; i++)
        if (strcasecmp(alias[i][0], name) == 0)
            return alias[i][1];
    return NULL;
}

const sg_term *sg_vocab_term(const sg_vocab *v, const char *term)
{
    for (size_t i = 0; i < v->nterms; i++)
        if (strcasecmp(v->terms[i].term, term) == 0)
            return &v->terms[i];
    return NULL;
}

static int S_find_alias(const sg_vocab *v, const char *norm)
{
    size_t lo = 0, hi = v->naliases;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(v->aliases[mid].norm, norm);
        if (c == 0) {
            while (mid > 0 && strcmp(v->aliases[mid - 1].norm, norm) == 0)
                mid--;
            return (int)mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Every word of `part` appears among the words of `whole`. */
static bool S_words_in(const char *part, const char *whole)
{
    const char *p = part;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        bool found = false;
        const char *w = whole;
        while (*w && !found) {
            const char *we = strchr(w, ' ');
            size_t wn = we ? (size_t)(we - w) : strlen(w);
            found = wn == n && memcmp(w, p, n) == 0;
            w += wn + (we ? 1 : 0);
        }
        if (!found)
            return false;
        p += n + (e ? 1 : 0);
    }
    return true;
}

int sg_vocab_match_activity(const sg_vocab *v, sg_arena *a, const char *name,
                            const char **how)
{
    const char *norm, *words;
    sg_normalise_name(a, name, &norm, &words);
    *how = NULL;
    if (!*norm)
        return -1;
    int i = S_find_alias(v, norm);
    if (i >= 0) {
        const sg_alias *al = &v->aliases[i];
        if (strcmp(al->text, v->acts[al->type].key) != 0)
            *how = sg_printf(a, "synonym '%s'", al->text);
        return al->type;
    }
    /* a typo in a long name */
    size_t len = strlen(norm);
    if (len >= 8) {
        for (size_t k = 0; k < v->naliases; k++)
            if (sg_edit_distance(norm, v->aliases[k].norm, 2) <= 2) {
                *how = sg_printf(a, "close to '%s'", v->aliases[k].text);
                return v->aliases[k].type;
            }
    }
    /* a longer name that contains every word of a known one:
     * "monthly networking events for SMEs"; the most specific wins */
    int best = -1;
    size_t best_words = 0;
    for (size_t k = 0; k < v->naliases; k++) {
        const sg_alias *al = &v->aliases[k];
        size_t nw = *al->words ? 1 : 0;
        for (const char *p = al->words; *p; p++)
            nw += *p == ' ';
        if (nw >= 2 || (nw == 1 && strlen(al->words) >= 5)) {
            if (nw > best_words && S_words_in(al->words, words)) {
                best = (int)k;
                best_words = nw;
            }
        }
    }
    if (best >= 0) {
        *how = sg_printf(a, "contains '%s'", v->aliases[best].text);
        return v->aliases[best].type;
    }
    return -1;
}

const char *sg_vocab_nearest_activity(const sg_vocab *v, sg_arena *a,
                                      const char *name)
{
    const char *norm, *words;
    sg_normalise_name(a, name, &norm, &words);
    size_t best_d = (size_t)-1;
    int best = 0;
    for (size_t k = 0; k < v->naliases; k++) {
        size_t d = sg_edit_distance(norm, v->aliases[k].norm,
                                    best_d == (size_t)-1 ? 1000 : best_d);
        if (d < best_d) {
            best_d = d;
            best = v->aliases[k].type;
        }
    }
    return v->nacts ? v->acts[best].key : NULL;
}
