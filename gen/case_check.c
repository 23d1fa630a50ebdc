/* case_check.c - validating front matter against the case format.
 *
 * Each key has one checker. A checker reports a problem at the place of
 * the value that has it and goes on, so one run lists every problem.
 */
#include "case_check.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "suggest.h"

const char *const sg_case_keys[] = {
    "title", "slug", "summary", "country", "countries", "region", "city",
    "sector", "tags", "founded", "organisation", "legal_form", "reach",
    "actors", "actor_types", "staff", "stage", "model", "traits",
    "governance", "owners", "funding", "activities", "obstacles", "history",
    "sources", "date", "authors", "draft", NULL
};

typedef struct chk {
    sg_arena *a;
    const sg_vocab *v;
    sg_case *c;
    sg_diags *d;
    int errors;
} chk;

static void S_report(chk *k, sg_severity sev, const sg_value *at,
                     const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void S_report(chk *k, sg_severity sev, const sg_value *at,
                     const char *hint, const char *fmt, ...)
{
    sg_buf b = SG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    sg_diag_add(k->d, sev, k->c->file, at ? at->mark : (sg_mark){1, 1}, hint,
                "%s", b.ptr);
    sg_buf_free(&b);
    if (sev == SG_ERROR)
        k->errors++;
}

#define ERR(k, at, hint, ...) S_report((k), SG_ERROR, (at), (hint), __VA_ARGS__)
#define WARN(k, at, hint, ...) S_report((k), SG_WARNING, (at), (hint), __VA_ARGS__)

/* "latent, working, ..." for hints */
static const char *S_join(chk *k, const char *const *words, size_t n)
{
    sg_buf b = SG_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            sg_buf_puts(&b, ", ");
        sg_buf_puts(&b, words[i]);
    }
    const char *s = sg_strndup(k->a, b.ptr, b.len);
    sg_buf_free(&b);
    return s;
}

/* A hint naming the nearest word, or listing the valid ones. */
static const char *S_hint(chk *k, const char *word, const char *const *words,
                          size_t n, const char *what)
{
    const char *near = word ? sg_nearest(word, words, n) : NULL;
    if (near)
        return sg_printf(k->a, "did you mean '%s'?", near);
    if (n <= 12)
        return sg_printf(k->a, "%s: %s", what, S_join(k, words, n));
    return sg_printf(k->a, "see the list of %s in docs/writing-cases.md", what);
}

static const char *S_got(chk *k, const sg_value *v)
{
    if (v->text)
        return sg_printf(k->a, "\"%s\"", v->text);
    return sg_type_name(v->type);
}

/* A copy of a string value without the characters no page or feed may
 * carry (YAML lets "\x01", "\e" or "\uFFFE" through a quoted string);
 * one warning names the first. */
static const char *S_clean(chk *k, const char *key, const sg_value *v)
{
    const char *s = v->u.str.s;
    size_t len = v->u.str.len, n = 0, skip, i = 0;
    unsigned cp, first = 0;
    while (i < len && !sg_char_unsafe(s + i, len - i, &cp))
        i++;
    if (i == len)
        return sg_strndup(k->a, s, len);   /* the usual case */
    sg_buf b = SG_BUF_INIT;
    sg_buf_put(&b, s, i);
    for (; i < len; i += skip) {
        skip = sg_char_unsafe(s + i, len - i, &cp);
        if (!skip) {
            sg_buf_putc(&b, s[i]);
            skip = 1;
        } else if (n++ == 0) {
            first = cp;
        }
    }
    const char *r = sg_strndup(k->a, b.ptr ? b.ptr : "", b.len);
    sg_buf_free(&b);
    WARN(k, v, sg_printf(k->a, "delete %s from the file (pasted text can "
                         "bring such characters along)",
                         n > 1 ? "them" : "it"),
         "%s: %s U+%04X%s left out: no page or feed can carry %s", key,
         first >= 0xFDD0 ? "noncharacter" : "control character", first,
         n > 1 ? sg_printf(k->a, " and %zu more are", n - 1) : " is",
         n > 1 ? "them" : "it");
    return r;
}

/* Text of a scalar; a number or true/false written plainly counts as its
 * source text (a title may be "1984"). */
static const char *S_text(chk *k, const char *key, const sg_value *v)
{
    /* copied: the tree is dropped after the check */
    if (v->type == SG_STR)
        return S_clean(k, key, v);
    if (v->type == SG_NULL)
        return NULL;
    if ((v->type == SG_NUM || v->type == SG_BOOL) && v->text)
        return sg_strdup(k->a, v->text);
    ERR(k, v, "write it as plain text on the same line as the key",
        "%s: expected text, got %s", key, sg_type_name(v->type));
    return NULL;
}

static bool S_number(chk *k, const char *key, const sg_value *v, double lo,
                     double hi, const char *example, double *out)
{
    if (v->type != SG_NUM) {
        ERR(k, v, sg_printf(k->a, "write a plain number such as %s, without "
                            "units or quotes", example),
            "%s: expected a number, got %s", key, S_got(k, v));
        return false;
    }
    if (v->u.num < lo || v->u.num > hi) {
        ERR(k, v, sg_printf(k->a, "a value from %g to %g", lo, hi),
            "%s: %s is out of range", key, v->text ? v->text : "value");
        return false;
    }
    *out = v->u.num;
    return true;
}

static bool S_integer(chk *k, const char *key, const sg_value *v, double lo,
                      double hi, const char *what, double *out)
{
    if (v->type != SG_NUM || v->u.num != floor(v->u.num)) {
        ERR(k, v, "write the digits only, without quotes or words",
            "%s: expected %s, got %s", key, what, S_got(k, v));
        return false;
    }
    if (v->u.num < lo || v->u.num > hi) {
        ERR(k, v, sg_printf(k->a, "a value from %g to %g", lo, hi),
            "%s: %s is out of range for %s", key, v->text ? v->text : "value",
            what);
        return false;
    }
    *out = v->u.num;
    return true;
}

static bool S_is_list(chk *k, const char *key, const sg_value *v)
{
    if (v->type == SG_LIST && v->u.list.n > SG_MAX_LIST_ITEMS) {
        ERR(k, v, "split the list or the case",
            "%s: %zu items, more than the limit of %d (SG_MAX_LIST_ITEMS)",
            key, v->u.list.n, SG_MAX_LIST_ITEMS);
        return false;
    }
    if (v->type == SG_LIST)
        return true;
    if (v->type != SG_NULL)
        ERR(k, v, sg_printf(k->a, "write a list: '%s: [a, b]' or one '- item' "
                            "per line", key),
            "%s: expected a list, got %s", key, sg_type_name(v->type));
    return false;
}

static const char **S_strings(chk *k, const char *key, const sg_value *v,
                              size_t *n)
{
    *n = 0;
    if (!S_is_list(k, key, v))
        return NULL;
    const char **out = sg_alloc(k->a, (v->u.list.n + 1) * sizeof *out);
    for (size_t i = 0; i < v->u.list.n; i++) {
        const char *s = S_text(k, key, v->u.list.items[i]);
        if (s)
            out[(*n)++] = s;
    }
    return out;
}

/* A word of a vocabulary list; -1 (and an error) when unknown. */
static int S_word(chk *k, const char *key, const sg_value *v, sg_list_id list,
                  const char *what)
{
    const char *s = S_text(k, key, v);
    if (!s)
        return -1;
    int i = sg_vocab_word(k->v, list, s);
    const sg_words *w = &k->v->lists[list];
    if (i < 0)
        ERR(k, v, S_hint(k, s, w->keys, w->n, what), "%s: unknown %s '%s'",
            key, what, s);
    return i;
}

static sg_mask S_mask(chk *k, const char *key, const sg_value *v,
                      sg_list_id list, const char *what)
{
    sg_mask m = 0;
    if (!S_is_list(k, key, v))
        return 0;
    for (size_t i = 0; i < v->u.list.n; i++) {
        int x = S_word(k, key, v->u.list.items[i], list, what);
        if (x >= 0)
            m |= 1u << x;
    }
    return m;
}

/* A model a case may declare (models_allowed), by key or synonym. */
static int S_model(chk *k, const char *key, const sg_value *x)
{
    int m = S_word(k, key, x, SG_L_MODELS, "model");
    if (m >= 0 && !k->v->models[m].allowed) {
        ERR(k, x, "declare one of the models in models_allowed",
            "%s: '%s' cannot be declared", key, k->v->models[m].key);
        return -1;
    }
    return m;
}

static bool S_upper2(const char *s)
{
    return strlen(s) == 2 && isupper((unsigned char)s[0]) &&
           isupper((unsigned char)s[1]);
}

static const char *S_country(chk *k, const char *key, const sg_value *v)
{
    const char *s = S_text(k, key, v);
    if (!s)
        return NULL;
    if (S_upper2(s) && sg_vocab_country(k->v, s) >= 0)
        return s;
    const char *code = sg_vocab_country_by_name(k->v, s);
    if (!code && strlen(s) == 2) {
        char up[3] = { (char)toupper((unsigned char)s[0]),
                       (char)toupper((unsigned char)s[1]), 0 };
        if (sg_vocab_country(k->v, up) >= 0)
            code = sg_strdup(k->a, up);
    }
    if (code)
        ERR(k, v, sg_printf(k->a, "write %s", code),
            "%s: '%s' is not an ISO 3166-1 alpha-2 code", key, s);
    else
        ERR(k, v, "use the two capital letters of ISO 3166-1, such as DK, "
            "SE or FR", "%s: '%s' is not an ISO 3166-1 alpha-2 code", key, s);
    return NULL;
}

static void S_url(chk *k, const char *key, const sg_value *v, const char *u)
{
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
    ERR(k, v, "links may be http, https, mailto or relative",
        "%s: link scheme '%.*s' is not allowed", key, (int)n, u);
}

/* YYYY-MM-DD, digits only: NULL when it names a day of the (Gregorian)
 * calendar, else the hint to give. */
static const char *S_date(chk *k, const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return "write the date as YYYY-MM-DD, e.g. 2024-03-01";
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return "write the date as YYYY-MM-DD, digits only, e.g. "
                   "2024-03-01";
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (y < 1)
        return "years start at 0001";
    if (m < 1 || m > 12)
        return "months are 01 to 12";
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int last = days[m - 1] +
        (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (d < 1 || d > last)
        return sg_printf(k->a, "month %02d of %04d has days 01 to %d", m, y,
                         last);
    return NULL;
}

/* A stage term in any framework; the hint names the nearest term. */
static const sg_term *S_stage(chk *k, const char *key, const sg_value *v,
                              const char **text)
{
    const char *s = S_text(k, key, v);
    *text = s;
    if (!s)
        return NULL;
    const sg_term *t = sg_vocab_term(k->v, s);
    if (t)
        return t;
    /* canonical keys are terms too (declining, renewing, wishful) */
    int si = sg_vocab_stage(k->v, s);
    if (si >= 0) {
        sg_term *ct = sg_alloc(k->a, sizeof *ct);
        *ct = (sg_term){ k->v->stages[si].key, "canonical",
                         "canonical scale", si };
        return ct;
    }
    size_t n = k->v->nterms + k->v->nstages;
    const char **all = sg_alloc(k->a, (n + 1) * sizeof *all);
    for (size_t i = 0; i < k->v->nterms; i++)
        all[i] = k->v->terms[i].term;
    for (size_t i = 0; i < k->v->nstages; i++)
        all[k->v->nterms + i] = k->v->stages[i].key;
    const char *near = sg_nearest(s, all, n);
    ERR(k, v, near ? sg_printf(k->a, "did you mean '%s'?", near)
                   : "use a stage of one of the frameworks in "
                     "docs/writing-cases.md, e.g. potential, latent, working",
        "%s: unknown stage '%s'", key, s);
    return NULL;
}

/* Warn about keys of a nested mapping that the format does not have. */
static void S_known(chk *k, const char *where, const sg_value *m,
                    const char *const *keys, size_t n)
{
    for (size_t i = 0; i < m->u.map.n; i++) {
        const sg_pair *p = &m->u.map.items[i];
        bool ok = false;
        for (size_t j = 0; j < n && !ok; j++)
            ok = strcmp(p->key, keys[j]) == 0;
        if (ok)
            continue;
        const char *near = sg_nearest(p->key, keys, n);
        sg_warn(k->d, k->c->file, p->key_mark,
                near ? sg_printf(k->a, "did you mean '%s'?", near)
                     : sg_printf(k->a, "known keys: %s", S_join(k, keys, n)),
                "%s: unknown key '%s' is ignored", where, p->key);
    }
}

/* The activity type a name of one activity has exactly (its key or a
 * synonym, as sg_normalise_name compares them), or -1. */
static int S_exact_activity(chk *k, const char *name)
{
    const char *norm, *words;
    sg_normalise_name(k->a, name, &norm, &words);
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
static const char *S_swallowed(chk *k, const sg_value *at, const char *name)
{
    if (at->type != SG_STR || at->quoted || !strstr(name, " - "))
        return NULL;
    const char *first = NULL;
    int matched = 0;
    for (const char *p = name, *e; p && !first; p = e ? e + 3 : NULL) {
        e = strstr(p, " - ");
        const char *part = e ? sg_strndup(k->a, p, (size_t)(e - p))
                             : sg_strdup(k->a, p);
        const char *how;
        if (p != name && !first && S_exact_activity(k, part) >= 0)
            first = part;
        if (sg_vocab_match_activity(k->v, k->a, part, &how) >= 0 &&
            ++matched == 2 && !first && p != name)
            first = part;
    }
    return first;
}

static void S_activities(chk *k, const sg_value *list)
{
    if (!S_is_list(k, "activities", list))
        return;
    if (list->u.list.n > SG_MAX_ACTIVITIES) {
        ERR(k, list, "split the case, or group activities under one name",
            "activities: %zu activities, more than the limit of %d "
            "(SG_MAX_ACTIVITIES)", list->u.list.n, SG_MAX_ACTIVITIES);
        return;
    }
    sg_case *c = k->c;
    const sg_vocab *v = k->v;
    c->acts = sg_alloc(k->a, (list->u.list.n + 1) * sizeof *c->acts);
    static const char *const akeys[] = { "name", "type", "as", "connects",
                                         "gaps", "note" };
    for (size_t i = 0; i < list->u.list.n; i++) {
        const sg_value *it = list->u.list.items[i], *nv = it;
        sg_activity *ac = &c->acts[c->nacts];
        ac->type = -1;
        ac->as = -1;
        ac->mark = it->mark;
        if (it->type == SG_MAP) {
            S_known(k, "activity", it, akeys, 6);
            const sg_value *x = sg_map_get(it, "name");
            if (!x) {
                ERR(k, it, "add 'name: ...' to the activity",
                    "activities: an activity needs a name");
                continue;
            }
            ac->name = S_text(k, "activities: name", x);
            nv = x;
            if ((x = sg_map_get(it, "type"))) {
                ac->type = S_word(k, "activities: type", x, SG_L_ACTIVITIES,
                                  "activity type");
                ac->type_given = true;
            }
            if ((x = sg_map_get(it, "as")))
                ac->as = S_word(k, "activities: as", x, SG_L_AS, "'as'");
            if ((x = sg_map_get(it, "connects"))) {
                ac->connects = S_mask(k, "activities: connects", x,
                                      SG_L_ACTORS, "actor type");
                ac->has_connects = x->type == SG_LIST;
            }
            if ((x = sg_map_get(it, "gaps"))) {
                ac->gaps = S_mask(k, "activities: gaps", x, SG_L_GAPS,
                                  "gap");
                ac->has_gaps = x->type == SG_LIST;
            }
            if ((x = sg_map_get(it, "note")))
                ac->note = S_text(k, "activities: note", x);
        } else {
            ac->name = S_text(k, "activities", it);
        }
        /* S_text has reported a name that is not text; an empty one
         * would be a nameless row on the page */
        if (nv->type == SG_NULL || (ac->name && !ac->name[strspn(ac->name,
                                                               " \t\r\n")]))
            ERR(k, nv, nv == it ? "write the activity's name after '- ', or "
                                  "remove the empty item"
                                : "write the activity's name after 'name:'",
                "activities: an activity's name is empty");
        if (!ac->name || !ac->name[strspn(ac->name, " \t\r\n")])
            continue;
        const char *part = S_swallowed(k, nv, ac->name);
        if (part)
            WARN(k, nv, sg_printf(k->a, "if '%s' is an activity of its own, "
                                  "indent its '- ' exactly like the other "
                                  "items; if this is one activity, quote the "
                                  "name", part),
                 "activities: '%s' looks like several activities run "
                 "together", ac->name);
        if (ac->type < 0 && !ac->type_given)
            ac->type = sg_vocab_match_activity(v, k->a, ac->name,
                                               &ac->type_how);
        if (ac->type < 0 && !ac->type_given) {
            const char *near = sg_vocab_nearest_activity(v, k->a, ac->name);
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
        c->nacts++;
    }
}

static void S_funding(chk *k, const sg_pair *key)
{
    const sg_value *list = key->val;
    if (!S_is_list(k, "funding", list))
        return;
    sg_case *c = k->c;
    static const char *const fkeys[] = { "source", "type", "amount",
                                         "currency", "years", "share" };
    c->funding = sg_alloc(k->a, (list->u.list.n + 1) * sizeof *c->funding);
    for (size_t i = 0; i < list->u.list.n; i++) {
        const sg_value *it = list->u.list.items[i];
        if (it->type != SG_MAP) {
            ERR(k, it, "write each source as a mapping: '- source: ...' with "
                "type, amount, currency, years or share",
                "funding: expected a mapping with 'source', got %s",
                S_got(k, it));
            continue;
        }
        S_known(k, "funding", it, fkeys, 6);
        sg_funding *f = &c->funding[c->nfunding];
        f->type = -1;
        f->currency = "EUR";
        const sg_value *x = sg_map_get(it, "source");
        if (!x || !(f->source = S_text(k, "funding: source", x))) {
            if (!x)
                ERR(k, it, "name where the money comes from: 'source: ...'",
                    "funding: a source needs 'source'");
            continue;
        }
        if ((x = sg_map_get(it, "type")))
            f->type = S_word(k, "funding: type", x, SG_L_FUNDING,
                             "funding type");
        if ((x = sg_map_get(it, "amount")))
            f->has_amount = S_number(k, "funding: amount", x, 0, 1e13,
                                     "6700000", &f->amount);
        if ((x = sg_map_get(it, "years")))
            f->has_years = S_number(k, "funding: years", x, 0.01, 100, "3",
                                    &f->years);
        if ((x = sg_map_get(it, "share")))
            f->has_share = S_number(k, "funding: share", x, 0, 1, "0.4",
                                    &f->share);
        if ((x = sg_map_get(it, "currency"))) {
            const char *cur = S_text(k, "funding: currency", x);
            if (cur && (strlen(cur) != 3 || !isupper((unsigned char)cur[0]) ||
                        !isupper((unsigned char)cur[1]) ||
                        !isupper((unsigned char)cur[2])))
                ERR(k, x, "write an ISO 4217 code such as EUR, DKK or SEK",
                    "funding: currency '%s' is not an ISO 4217 code", cur);
            else if (cur) {
                f->currency = cur;
                if (sg_vocab_rate(k->v, cur) < 0)
                    WARN(k, x, "add its rate to 'currencies' in the "
                         "vocabulary",
                         "funding: no EUR rate known for %s; the amount is "
                         "left out of the totals", cur);
            }
        }
        c->nfunding++;
    }
    /* shares are parts of one whole: together at most 1, give or take
     * rounding to whole percents (0.34 + 0.34 + 0.33 for .335, .335,
     * .33); the 1e-9 absorbs binary fractions */
    double sum = 0;
    for (size_t i = 0; i < c->nfunding; i++)
        if (c->funding[i].has_share)
            sum += c->funding[i].share;
    if (sum > 1.01 + 1e-9) {
        sg_error(k->d, c->file, key->key_mark,
                 "a share is the part of all funding a source gives (0.3 is "
                 "30%); correct them so that together they are at most 1",
                 "funding: the shares add up to %g, more than the whole (1)",
                 sum);
        k->errors++;
    }
}

static void S_history(chk *k, const sg_value *list)
{
    if (!S_is_list(k, "history", list))
        return;
    sg_case *c = k->c;
    static const char *const hkeys[] = { "year", "stage", "note" };
    c->history = sg_alloc(k->a, (list->u.list.n + 1) * sizeof *c->history);
    int last = 0;
    for (size_t i = 0; i < list->u.list.n; i++) {
        const sg_value *it = list->u.list.items[i];
        if (it->type != SG_MAP) {
            ERR(k, it, "write '- {year: 2005, stage: latent, note: ...}'",
                "history: expected a mapping with year and stage, got %s",
                S_got(k, it));
            continue;
        }
        S_known(k, "history", it, hkeys, 3);
        sg_history *h = &c->history[c->nhistory];
        const sg_value *x = sg_map_get(it, "year");
        double y = 0;
        if (!x)
            ERR(k, it, "add 'year: 2005'", "history: an entry needs a year");
        else if (S_integer(k, "history: year", x, 1000, 2200,
                           "a year such as 2009", &y)) {
            h->year = (int)y;
            if (h->year < last)
                WARN(k, x, "list history entries oldest first",
                     "history: %d comes after %d", h->year, last);
            last = h->year;
        }
        if ((x = sg_map_get(it, "stage")))
            h->stage = S_stage(k, "history: stage", x, &h->term);
        if ((x = sg_map_get(it, "note")))
            h->note = S_text(k, "history: note", x);
        if (h->year)
            c->nhistory++;
    }
}

static void S_sources(chk *k, const sg_value *list)
{
    if (!S_is_list(k, "sources", list))
        return;
    sg_case *c = k->c;
    static const char *const skeys[] = { "title", "author", "year", "url" };
    c->sources = sg_alloc(k->a, (list->u.list.n + 1) * sizeof *c->sources);
    for (size_t i = 0; i < list->u.list.n; i++) {
        const sg_value *it = list->u.list.items[i];
        sg_source *s = &c->sources[c->nsources];
        if (it->type != SG_MAP) {
            if ((s->title = S_text(k, "sources", it)))
                c->nsources++;
            continue;
        }
        S_known(k, "sources", it, skeys, 4);
        const sg_value *x;
        if ((x = sg_map_get(it, "title")))
            s->title = S_text(k, "sources: title", x);
        if ((x = sg_map_get(it, "author")))
            s->author = S_text(k, "sources: author", x);
        double y;
        if ((x = sg_map_get(it, "year")) &&
            S_integer(k, "sources: year", x, 1000, 2200, "a year", &y))
            s->year = (int)y;
        if ((x = sg_map_get(it, "url")) &&
            (s->url = S_text(k, "sources: url", x)))
            S_url(k, "sources: url", x, s->url);
        if (!s->title && !s->url) {
            ERR(k, it, "add 'title: ...'", "sources: a source needs a title");
            continue;
        }
        c->nsources++;
    }
}

static void S_traits(chk *k, const sg_value *m)
{
    const sg_vocab *v = k->v;
    sg_case *c = k->c;
    if (m->type != SG_MAP) {
        ERR(k, m, "write 'traits:' followed by indented 'projects: external' "
            "lines", "traits: expected a mapping, got %s",
            sg_type_name(m->type));
        return;
    }
    for (size_t i = 0; i < m->u.map.n; i++) {
        const sg_pair *p = &m->u.map.items[i];
        int t = sg_vocab_trait(v, p->key);
        if (t < 0) {
            sg_error(k->d, c->file, p->key_mark,
                     S_hint(k, p->key, v->lists[SG_L_TRAITS].keys,
                            v->ntraits, "traits"),
                     "traits: unknown trait '%s'", p->key);
            k->errors++;
            continue;
        }
        const char *val = S_text(k, p->key, p->val);
        if (!val)
            continue;
        const sg_trait *tr = &v->traits[t];
        if (strcmp(val, tr->value[0]) == 0)
            c->traits[t] = 0;
        else if (strcmp(val, tr->value[1]) == 0)
            c->traits[t] = 1;
        else
            ERR(k, p->val,
                sg_printf(k->a, "'%s' (%s model) or '%s' (%s model)",
                          tr->value[0], v->models[tr->model[0]].key,
                          tr->value[1], v->models[tr->model[1]].key),
                "traits: %s: unknown value '%s'", p->key, val);
    }
}

static bool S_given(const sg_value *v)
{
    if (!v || v->type == SG_NULL)
        return false;
    if (v->type == SG_STR)
        return v->u.str.len > 0;
    if (v->type == SG_LIST)
        return v->u.list.n > 0;
    if (v->type == SG_MAP)
        return v->u.map.n > 0;
    return true;
}

bool sg_slug_ok(const char *s)
{
    if (!s || !*s || !(islower((unsigned char)*s) || isdigit((unsigned char)*s)))
        return false;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) ||
              *s == '-'))
            return false;
    return true;
}

static const char *S_slugify(sg_arena *a, const char *s)
{
    sg_buf b = SG_BUF_INIT;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (isalnum(ch))
            sg_buf_putc(&b, tolower(ch));
        else if (b.len && b.ptr[b.len - 1] != '-')
            sg_buf_putc(&b, '-');
    }
    while (b.len && b.ptr[b.len - 1] == '-')
        sg_buf_truncate(&b, b.len - 1);
    const char *r = sg_strndup(a, b.len ? b.ptr : "case", b.len ? b.len : 4);
    sg_buf_free(&b);
    return r;
}

int sg_case_check(sg_arena *a, const sg_vocab *v, const sg_value *front,
                  sg_case *c, sg_diags *d)
{
    chk k0 = { .a = a, .v = v, .c = c, .d = d }, *k = &k0;
    c->traits = sg_alloc(a, (v->ntraits + 1) * sizeof(int));
    for (size_t i = 0; i < v->ntraits; i++)
        c->traits[i] = -1;
    size_t nkeys = 0;
    while (sg_case_keys[nkeys])
        nkeys++;

    for (size_t i = 0; i < front->u.map.n; i++) {
        const sg_pair *p = &front->u.map.items[i];
        const char *key = p->key;
        const sg_value *x = p->val;
        double num;
        size_t n;
        if (strcmp(key, "title") == 0) {
            c->title = S_text(k, key, x);
        } else if (strcmp(key, "slug") == 0) {
            const char *s = S_text(k, key, x);
            if (s && !sg_slug_ok(s))
                ERR(k, x, sg_printf(a, "use lower-case letters, digits and "
                                    "hyphens, e.g. '%s'", S_slugify(a, s)),
                    "slug: '%s' is not a valid slug", s);
            else if (s) {
                c->slug = s;
                c->slug_mark = x->mark;
            }
        } else if (strcmp(key, "summary") == 0) {
            c->summary = S_text(k, key, x);
        } else if (strcmp(key, "country") == 0) {
            c->country = S_country(k, key, x);
        } else if (strcmp(key, "countries") == 0) {
            if (S_is_list(k, key, x)) {
                c->countries = sg_alloc(a, (x->u.list.n + 1) * sizeof(char *));
                for (size_t j = 0; j < x->u.list.n; j++) {
                    const char *cc = S_country(k, key, x->u.list.items[j]);
                    if (cc)
                        c->countries[c->ncountries++] = cc;
                }
            }
        } else if (strcmp(key, "region") == 0) {
            c->region = S_text(k, key, x);
        } else if (strcmp(key, "city") == 0) {
            c->city = S_text(k, key, x);
        } else if (strcmp(key, "sector") == 0) {
            c->sector = S_text(k, key, x);
        } else if (strcmp(key, "tags") == 0) {
            c->tags = S_strings(k, key, x, &c->ntags);
        } else if (strcmp(key, "founded") == 0) {
            if (S_integer(k, key, x, 1000, 2200, "a year such as 2009", &num))
                c->founded = (int)num;
        } else if (strcmp(key, "organisation") == 0) {
            c->organisation = S_text(k, key, x);
        } else if (strcmp(key, "legal_form") == 0) {
            c->legal_form = S_text(k, key, x);
        } else if (strcmp(key, "reach") == 0) {
            c->reach = S_word(k, key, x, SG_L_REACH, "reach");
        } else if (strcmp(key, "actors") == 0) {
            c->has_actors = S_integer(k, key, x, 0, 1e9, "a whole number such "
                                      "as 195", &c->actors);
        } else if (strcmp(key, "actor_types") == 0) {
            c->actor_types = S_mask(k, key, x, SG_L_ACTORS, "actor type");
        } else if (strcmp(key, "staff") == 0) {
            c->has_staff = S_number(k, key, x, 0, 1e6, "5", &c->staff);
        } else if (strcmp(key, "stage") == 0) {
            c->stage = S_stage(k, key, x, &c->stage_text);
        } else if (strcmp(key, "model") == 0) {
            c->model = S_model(k, key, x);
        } else if (strcmp(key, "traits") == 0) {
            S_traits(k, x);
        } else if (strcmp(key, "governance") == 0) {
            c->governance = S_word(k, key, x, SG_L_GOVERNANCE,
                                   "governance");
        } else if (strcmp(key, "owners") == 0) {
            c->owners = S_strings(k, key, x, &c->nowners);
        } else if (strcmp(key, "funding") == 0) {
            S_funding(k, p);
        } else if (strcmp(key, "activities") == 0) {
            S_activities(k, x);
        } else if (strcmp(key, "obstacles") == 0) {
            if (S_is_list(k, key, x)) {
                c->obstacles = sg_alloc(a, (x->u.list.n + 1) * sizeof(int));
                for (size_t j = 0; j < x->u.list.n; j++) {
                    int o = S_word(k, key, x->u.list.items[j],
                                   SG_L_OBSTACLES, "obstacle");
                    if (o >= 0)
                        c->obstacles[c->nobstacles++] = o;
                }
            }
        } else if (strcmp(key, "history") == 0) {
            S_history(k, x);
        } else if (strcmp(key, "sources") == 0) {
            S_sources(k, x);
        } else if (strcmp(key, "date") == 0) {
            const char *s = x->text ? sg_strdup(a, x->text) : S_text(k, key, x);
            const char *why = s ? S_date(k, s) : NULL;
            if (why)
                ERR(k, x, why, "date: '%s' is not a date", s);
            else if (s)
                c->date = s;
        } else if (strcmp(key, "authors") == 0) {
            c->authors = S_strings(k, key, x, &c->nauthors);
        } else if (strcmp(key, "draft") == 0) {
            if (x->type != SG_BOOL)
                ERR(k, x, "write 'draft: true' or 'draft: false'",
                    "draft: expected true or false, got %s", S_got(k, x));
            else
                c->draft = x->u.b;
        } else {
            const char *near = sg_nearest(key, sg_case_keys, nkeys);
            sg_warn(d, c->file, p->key_mark,
                    near ? sg_printf(a, "did you mean '%s'?", near)
                         : "see docs/writing-cases.md for the keys; an "
                           "unknown key is ignored",
                    "unknown key '%s'", key);
        }
        (void)n;
    }

    static const char *const required[] = { "title", "country", "sector" };
    static const char *const examples[] = {
        "title: Copenhagen Cleantech Cluster", "country: DK",
        "sector: Cleantech" };
    for (int i = 0; i < 3; i++) {
        const sg_value *r = sg_map_get(front, required[i]);
        if (!r || r->type == SG_NULL)
            ERR(k, front, sg_printf(a, "add a line such as '%s'",
                                    examples[i]),
                "missing required key '%s'", required[i]);
    }
    if (c->title && !*c->title)
        ERR(k, sg_map_get(front, "title"), "write the cluster's name",
            "title: is empty");
    if (!sg_map_get(front, "slug") && !sg_slug_ok(c->slug)) {
        ERR(k, front, sg_printf(a, "rename the file to '%s.md' or add "
                                "'slug: %s'", S_slugify(a, c->slug),
                                S_slugify(a, c->slug)),
            "the file name '%s' is not a valid slug", c->slug);
    }
    /* which facts of the format the case gives, for completeness */
    c->given = sg_alloc(a, (v->ncompleteness + 1) * sizeof *c->given);
    for (size_t i = 0; i < v->ncompleteness; i++)
        c->given[i] = S_given(sg_map_get(front, v->completeness[i]));
    if (c->governance >= 0 && c->nowners &&
        !v->governance[c->governance].has_owners) {
        const char *with = NULL;
        for (size_t i = 0; i < v->ngovernance && !with; i++)
            if (v->governance[i].has_owners)
                with = v->governance[i].key;
        WARN(k, sg_map_get(front, "owners"),
             with ? sg_printf(a, "owners go with 'governance: %s'", with)
                  : "leave out the owners",
             "owners: given, but governance is '%s'",
             v->governance[c->governance].key);
    }
    return k->errors;
}
