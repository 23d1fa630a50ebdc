/* vocab_lookup.c - finding words in the loaded vocabulary: a list's
 * word by key or synonym, stage terms, countries, currency rates, and
 * the activity type an activity's name stands for. */
#include "vocab.h"

#include <string.h>
#include <strings.h>

#include "suggest.h"

int sg_vocab_word(const sg_vocab *v, sg_list_id list, const char *word)
{
    const sg_words *w = &v->lists[list];
    for (size_t i = 0; i < w->n; i++)
        if (strcmp(w->keys[i], word) == 0)
            return (int)i;
    if (!w->spellings)
        return -1;
    sg_arena tmp = SG_ARENA_INIT;
    const char *f = sg_fold(&tmp, word);
    size_t lo = 0, hi = w->nspellings;
    int found = -1;
    while (lo < hi && found < 0) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(w->spellings[mid].form, f);
        if (c == 0)
            found = w->spellings[mid].index;
        else if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    sg_arena_free(&tmp);
    return found;
}

const char *sg_vocab_nearest(const sg_vocab *v, sg_list_id list,
                             const char *word)
{
    const sg_words *w = &v->lists[list];
    const char *near = sg_nearest(word, w->keys, w->n);
    if (near || !w->spellings)
        return near;
    /* a synonym's typo ("biotec"): the name of the synonym's entry */
    sg_arena tmp = SG_ARENA_INIT;
    const char **forms = sg_alloc(&tmp, (w->nspellings + 1) * sizeof *forms);
    for (size_t i = 0; i < w->nspellings; i++)
        forms[i] = w->spellings[i].form;
    const char *f = sg_nearest(sg_fold(&tmp, word), forms, w->nspellings);
    for (size_t i = 0; f && i < w->nspellings; i++)
        if (forms[i] == f)
            near = w->names[w->spellings[i].index];
    sg_arena_free(&tmp);
    return near;
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
    return sg_vocab_word(v, SG_L_REACH, key);
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
    for (size_t i = 0; i < v->ncountry_aliases; i++)
        if (strcasecmp(v->country_aliases[i].key, name) == 0)
            return v->country_aliases[i].name;
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
