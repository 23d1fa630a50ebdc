/* case_items.c - the checkers of keys whose value is a list of items:
 * activities, funding, history, sources, initiators and alliances.
 *
 * Each item is a mapping checked against its key's sub-table (see
 * case_keys.c); what ties an item's keys together (a funding period,
 * an activity's type from its name) is checked here, after them.
 */
#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "case_check.h"
#include "check_util.h"
#include "fs.h"
#include "suggest.h"

typedef bool (*S_item_fn)(sg_check *k, const sg_case_key *key,
                          const sg_value *it, void *item);

/* One `size`-byte item per element of list `x`, each a copy of `blank`
 * (its "not given" values) filled by its keys' checkers and then by
 * `each`, which says whether to keep it; *n counts the kept ones. */
static void *S_items(sg_check *k, const sg_case_key *key, const sg_value *x,
                     const void *blank, size_t size, size_t *n,
                     S_item_fn each)
{
    *n = 0;
    if (!sg_check_is_list(k, key->name, x))
        return NULL;
    char *items = sg_alloc(k->a, (x->u.list.n + 1) * size);
    for (size_t i = 0; i < x->u.list.n; i++) {
        const sg_value *it = x->u.list.items[i];
        if (it->type != SG_MAP && !(key->flags & SG_KEY_TEXT_ITEM)) {
            const char *ex;
            sg_case_key_doc(k->v, key, &key->sub[0], &ex);
            ERR(k, it, sg_printf(k->a, "write each item as a mapping: "
                                 "'- %s' and more keys below it", ex),
                "%s: expected a mapping with '%s', got %s", key->name,
                key->sub[0].name, sg_check_got(k, it));
            continue;
        }
        void *item = items + *n * size;
        memcpy(item, blank, size);
        if (it->type == SG_MAP)
            sg_check_map(k, key, it, item);
        if (each(k, key, it, item))
            (*n)++;
    }
    return items;
}

/* ---- activities ---- */

/* The activity type a name of one activity has exactly (its key or a
 * synonym, as sg_normalise_name compares them), or -1. */
static int S_exact_activity(sg_check *k, const char *name)
{
    const char *norm, *words;
    sg_normalise_name(k->tmp, name, &norm, &words);
    for (size_t i = 0; *norm && i < k->v->naliases; i++)
        if (strcmp(k->v->aliases[i].norm, norm) == 0)
            return k->v->aliases[i].type;
    return -1;
}

/* One space too many before '- seminars' makes YAML read it as more of
 * the item above: "networking events - seminars - trade fairs". A plain
 * name looks like such a swallowed list when a part after " - " is an
 * activity type's name, or two of its parts match activity types.
 * Returns the first swallowed part, or NULL. */
static const char *S_swallowed(sg_check *k, const sg_value *at,
                               const char *name)
{
    if (at->type != SG_STR || at->quoted || !strstr(name, " - "))
        return NULL;
    const char *first = NULL;
    int matched = 0;
    for (const char *p = name, *e; p && !first; p = e ? e + 3 : NULL) {
        e = strstr(p, " - ");
        const char *part = e ? sg_strndup(k->tmp, p, (size_t)(e - p))
                             : sg_strdup(k->tmp, p);
        const char *how;
        if (p != name && !first && S_exact_activity(k, part) >= 0)
            first = part;
        if (sg_vocab_match_activity(k->v, k->tmp, part, &how) >= 0 &&
            ++matched == 2 && !first && p != name)
            first = part;
    }
    return first;
}

void sg_chk_activity_type(sg_check *k, const sg_case_key *key,
                          const sg_value *x, void *obj)
{
    sg_activity *ac = obj;
    ac->type = sg_check_word(k, sg_check_label(k, key), x, key->words);
    ac->type_given = true;
}

static bool S_activity(sg_check *k, const sg_case_key *key,
                       const sg_value *it, void *item)
{
    sg_activity *ac = item;
    const sg_value *nv = it;
    ac->mark = it->mark;
    if (it->type == SG_MAP) {
        nv = sg_case_key_value(it, key->sub, offsetof(sg_activity, name));
        if (!nv || nv->type == SG_NULL)
            return false;          /* reported: a required key */
    } else {
        ac->name = sg_check_text(k, "activities", it);
    }
    /* an empty name would be a nameless row on the page */
    if (nv->type == SG_NULL || (ac->name && !ac->name[strspn(ac->name,
                                                           " \t\r\n")]))
        ERR(k, nv, nv == it ? "write the activity's name after '- ', or "
                              "remove the empty item"
                            : "write the activity's name after 'name:'",
            "activities: an activity's name is empty");
    if (!ac->name || !ac->name[strspn(ac->name, " \t\r\n")])
        return false;
    const char *part = S_swallowed(k, nv, ac->name);
    if (part)
        WARN(k, nv, sg_printf(k->a, "if '%s' is an activity of its own, "
                              "indent its '- ' exactly like the other "
                              "items; if this is one activity, quote the "
                              "name", part),
             "activities: '%s' looks like several activities run "
             "together", ac->name);
    if (ac->type < 0 && !ac->type_given) {
        const char *how;
        ac->type = sg_vocab_match_activity(k->v, k->tmp, ac->name, &how);
        ac->type_how = how ? sg_strdup(k->a, how) : NULL;
    }
    if (ac->type < 0 && !ac->type_given) {
        const char *near = sg_vocab_nearest_activity(k->v, k->tmp, ac->name);
        const char *how = ac->has_gaps || ac->has_connects
            ? "it still counts with the gaps it names"
            : "it bridges no gap until it has a type, connects or gaps";
        WARN(k, it,
             sg_printf(k->a, "nearest type: '%s'; add 'type: %s' if it is "
                       "one, or add a synonym to the vocabulary", near,
                       near),
             "activities: '%s' matches no activity type; %s", ac->name,
             how);
    }
    return true;
}

void sg_chk_activities(sg_check *k, const sg_case_key *key,
                       const sg_value *x, void *obj)
{
    static const sg_activity blank = { .type = -1, .as = -1, .frequency = -1,
                                       .evidence.source = -1 };
    sg_case *c = obj;
    if (x->type == SG_LIST && x->u.list.n > SG_MAX_ACTIVITIES) {
        ERR(k, x, "split the case, or group activities under one name",
            "activities: %zu activities, more than the limit of %d "
            "(SG_MAX_ACTIVITIES)", x->u.list.n, SG_MAX_ACTIVITIES);
        return;
    }
    c->acts = S_items(k, key, x, &blank, sizeof blank, &c->nacts,
                      S_activity);
}

/* ---- funding ---- */

void sg_chk_currency(sg_check *k, const sg_case_key *key, const sg_value *x,
                     void *obj)
{
    sg_funding *f = obj;
    const char *label = sg_check_label(k, key);
    const char *cur = sg_check_text(k, label, x);
    if (cur && (strlen(cur) != 3 || !isupper((unsigned char)cur[0]) ||
                !isupper((unsigned char)cur[1]) ||
                !isupper((unsigned char)cur[2]))) {
        ERR(k, x, sg_printf(k->a, "write an ISO 4217 code such as %s",
                            k->v->base_currency),
            "%s '%s' is not an ISO 4217 code", label, cur);
    } else if (cur) {
        f->currency = cur;
        if (sg_vocab_rate(k->v, cur) < 0)
            WARN(k, x, "add its rate to 'currencies' in the vocabulary",
                 "funding: no %s rate known for %s; the amount is left out "
                 "of the totals", k->v->base_currency, cur);
    }
}

/* A share: a part of the whole from 0 to 1, or the source's own word
 * for it (mainly, some), kept as a word. */
void sg_chk_share(sg_check *k, const sg_case_key *key, const sg_value *x,
                  void *obj)
{
    sg_funding *f = obj;
    const char *label = sg_check_label(k, key);
    if (x->type == SG_STR) {
        f->share_word = sg_vocab_word(k->v, key->words, x->u.str.s);
        if (f->share_word < 0)
            ERR(k, x, sg_check_hint(k, x->u.str.s, key->words, "a number "
                                    "from 0 to 1, or one of the words"),
                "%s: '%s' is neither a number from 0 to 1 nor a word for a "
                "share", label, x->u.str.s);
        return;
    }
    f->has_share = sg_check_number(k, label, x, key->lo, key->hi,
                                   sg_check_example(k, key, "0.4"),
                                   &f->share);
}

static bool S_funding_item(sg_check *k, const sg_case_key *key,
                           const sg_value *it, void *item)
{
    sg_funding *f = item;
    if (!f->source)
        return false;      /* reported: a required key, or not text */
    f->evidence.at = it->mark;
    const sg_case_key *from = sg_case_key_at(key->sub, offsetof(sg_funding,
                                                                from));
    const sg_case_key *to = sg_case_key_at(key->sub, offsetof(sg_funding, to));
    const sg_case_key *years = sg_case_key_at(key->sub,
                                              offsetof(sg_funding, years));
    const sg_value *x;
    if (f->from && f->to && f->from > f->to)
        ERR(k, sg_map_get(it, from->name), sg_printf(k->a, "write the "
                                                     "earlier year in '%s'",
                                                     from->name),
            "%s: %s %d is after %s %d", key->name, from->name, f->from,
            to->name, f->to);
    if ((f->from || f->to) && (x = sg_map_get(it, years->name)))
        ERR(k, x, sg_printf(k->a, "give the period either as '%s' or as "
                            "'%s' and '%s'", years->name, from->name,
                            to->name),
            "%s: '%s' together with '%s'/'%s'", key->name, years->name,
            from->name, to->name);
    return true;
}

void sg_chk_funding(sg_check *k, const sg_case_key *key, const sg_value *x,
                    void *obj)
{
    sg_funding blank = { .type = -1, .currency = k->v->base_currency,
                         .share_word = -1, .flows_to = -1,
                         .evidence.source = -1 };
    sg_case *c = obj;
    c->funding = S_items(k, key, x, &blank, sizeof blank, &c->nfunding,
                         S_funding_item);
    /* shares are parts of one whole: together at most 1, give or take
     * rounding to whole percents (0.34 + 0.34 + 0.33 for .335, .335,
     * .33); the 1e-9 absorbs binary fractions */
    double sum = 0;
    for (size_t i = 0; i < c->nfunding; i++)
        if (c->funding[i].has_share)
            sum += c->funding[i].share;
    if (sum > 1.01 + 1e-9) {
        const sg_pair *p = sg_map_pair(k->front, key->name);
        sg_error(k->d, c->file, p ? p->key_mark : (sg_mark){1, 1},
                 "a share is the part of all funding a source gives (0.3 is "
                 "30%); correct them so that together they are at most 1",
                 "funding: the shares add up to %g, more than the whole (1)",
                 sum);
        k->errors++;
    }
}

/* ---- history ---- */

void sg_chk_history_stage(sg_check *k, const sg_case_key *key,
                          const sg_value *x, void *obj)
{
    sg_history *h = obj;
    h->stage = sg_check_stage(k, sg_check_label(k, key), x, &h->term);
}

static bool S_history_item(sg_check *k, const sg_case_key *key,
                           const sg_value *it, void *item)
{
    sg_history *h = item;
    if (!h->year)
        return false;
    /* the entries before, kept ones only: oldest first */
    const sg_history *prev = k->c->nhistory ? h - 1 : NULL;
    if (prev && h->year < prev->year)
        WARN(k, sg_case_key_value(it, key->sub, offsetof(sg_history, year)),
             "list history entries oldest first",
             "%s: %d comes after %d", key->name, h->year, prev->year);
    return true;
}

void sg_chk_history(sg_check *k, const sg_case_key *key, const sg_value *x,
                    void *obj)
{
    static const sg_history blank = { 0 };
    sg_case *c = obj;
    c->nhistory = 0;
    c->history = S_items(k, key, x, &blank, sizeof blank, &c->nhistory,
                         S_history_item);
}

/* ---- sources ---- */

void sg_chk_url(sg_check *k, const sg_case_key *key, const sg_value *x,
                void *obj)
{
    sg_source *s = obj;
    const char *label = sg_check_label(k, key);
    const char *u = sg_check_text(k, label, x);
    if (!u)
        return;
    s->url = u;
    /* only targets that are safe in an href: no javascript: or data: */
    const char *colon = strchr(u, ':');
    const char *slash = strchr(u, '/');
    if (!colon || (slash && slash < colon))
        return;   /* relative */
    size_t n = (size_t)(colon - u);
    if ((n == 4 && strncmp(u, "http", 4) == 0) ||
        (n == 5 && strncmp(u, "https", 5) == 0) ||
        (n == 6 && strncmp(u, "mailto", 6) == 0))
        return;
    ERR(k, x, "links may be http, https, mailto or relative",
        "%s: link scheme '%.*s' is not allowed", label, (int)n, u);
}

static bool S_source_item(sg_check *k, const sg_case_key *key,
                          const sg_value *it, void *item)
{
    sg_source *s = item;
    if (it->type != SG_MAP)
        return (s->title = sg_check_text(k, key->name, it)) != NULL;
    if (!s->title && !s->url) {
        ERR(k, it, "add 'title: ...'", "sources: a source needs a title");
        return false;
    }
    return true;
}

void sg_chk_sources(sg_check *k, const sg_case_key *key, const sg_value *x,
                    void *obj)
{
    static const sg_source blank = { 0 };
    sg_case *c = obj;
    c->sources = S_items(k, key, x, &blank, sizeof blank, &c->nsources,
                         S_source_item);
}

/* ---- initiators and alliances ---- */

static bool S_initiator_item(sg_check *k, const sg_case_key *key,
                             const sg_value *it, void *item)
{
    (void)k, (void)key, (void)it;
    return ((sg_initiator *)item)->name != NULL;
}

void sg_chk_initiators(sg_check *k, const sg_case_key *key,
                       const sg_value *x, void *obj)
{
    static const sg_initiator blank = { .type = -1, .sector = -1,
                                        .role = -1 };
    sg_case *c = obj;
    c->initiators = S_items(k, key, x, &blank, sizeof blank,
                            &c->ninitiators, S_initiator_item);
}

void sg_chk_partner(sg_check *k, const sg_case_key *key, const sg_value *x,
                    void *obj)
{
    sg_alliance *al = obj;
    const char *label = sg_check_label(k, key);
    const char *s = sg_check_text(k, label, x);
    if (s && !sg_slug_ok(s))
        ERR(k, x, sg_printf(k->a, "write the partner case's slug, e.g. '%s'",
                            sg_slugify(k->a, s)),
            "%s: '%s' is not a case's slug", label, s);
    else if (s) {
        al->partner = s;
        al->partner_mark = x->mark;
    }
}

static bool S_alliance_item(sg_check *k, const sg_case_key *key,
                            const sg_value *it, void *item)
{
    (void)k, (void)key, (void)it;
    return ((sg_alliance *)item)->partner != NULL;
}

void sg_chk_alliances(sg_check *k, const sg_case_key *key,
                      const sg_value *x, void *obj)
{
    static const sg_alliance blank = { .level = -1 };
    sg_case *c = obj;
    c->alliances = S_items(k, key, x, &blank, sizeof blank, &c->nalliances,
                           S_alliance_item);
}

static int S_cmp_slug(const void *key, const void *elem)
{
    const sg_case *c = *(sg_case *const *)elem;
    return strcmp(key, c->slug ? c->slug : "");
}

size_t sg_cases_check_partners(sg_case **cases, size_t n, sg_diags *d)
{
    size_t bad = 0;
    const char **slugs = malloc((n + 1) * sizeof *slugs);
    for (size_t i = 0; slugs && i < n; i++)
        slugs[i] = cases[i]->slug ? cases[i]->slug : "";
    for (size_t i = 0; i < n; i++) {
        sg_case *c = cases[i];
        for (size_t j = 0; j < c->nalliances; j++) {
            const sg_alliance *al = &c->alliances[j];
            if (bsearch(al->partner, cases, n, sizeof *cases, S_cmp_slug))
                continue;
            /* a case file next to this one, not checked this time */
            sg_arena tmp = SG_ARENA_INIT;
            const char *dir = sg_dirname(&tmp, c->file);
            bool sibling = access(sg_printf(&tmp, "%s/%s.md", dir,
                                            al->partner), F_OK) == 0;
            const char *near = slugs ? sg_nearest(al->partner, slugs, n)
                                     : NULL;
            if (!sibling) {
                sg_error(d, c->file, al->partner_mark,
                         near ? sg_printf(d->arena, "did you mean '%s'?",
                                          near)
                              : "write the slug of a case of the collection",
                         "alliances: partner '%s' is not a case of the "
                         "collection", al->partner);
                c->ok = false;
                bad++;
            }
            sg_arena_free(&tmp);
        }
    }
    free(slugs);
    return bad;
}
