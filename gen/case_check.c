/* case_check.c - validating front matter against the case format.
 *
 * The format is the key table of case_keys.c: each key has one checker.
 * This file has what the checkers share (reporting at a value's place,
 * reading text, numbers, words and counts) and the check itself, a loop
 * over the front matter's keys. A checker reports a problem at the
 * place of the value that has it and goes on, so one run lists every
 * problem.
 */
#include "case_check.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "escape.h"
#include "suggest.h"

void sg_check_report(sg_check *k, sg_severity sev, const sg_value *at,
                     const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sg_diag_vadd(k->d, sev, k->c->file, at ? at->mark : (sg_mark){1, 1},
                 hint, fmt, ap);
    va_end(ap);
    if (sev == SG_ERROR)
        k->errors++;
}

const char *sg_check_label(sg_check *k, const sg_case_key *key)
{
    return k->parent ? sg_printf(k->a, "%s: %s", k->parent->name, key->name)
                     : key->name;
}

const char *sg_check_got(sg_check *k, const sg_value *v)
{
    if (v->text)
        return sg_printf(k->a, "\"%s\"", v->text);
    return sg_type_name(v->type);
}

/* "latent, working, ..." for hints */
static const char *S_join(sg_arena *a, const char *const *words, size_t n)
{
    sg_buf b = SG_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            sg_buf_puts(&b, ", ");
        sg_buf_puts(&b, words[i]);
    }
    const char *s = sg_strndup(a, b.ptr ? b.ptr : "", b.len);
    sg_buf_free(&b);
    return s;
}

const char *sg_check_hint(sg_check *k, const char *word, sg_list_id list,
                          const char *what)
{
    const sg_words *w = &k->v->lists[list];
    const char *near = word ? sg_vocab_nearest(k->v, list, word) : NULL;
    if (near)
        return sg_printf(k->a, "did you mean '%s'?", near);
    if (w->n <= 12)
        return sg_printf(k->a, "%s: %s", what, S_join(k->a, w->keys, w->n));
    return sg_printf(k->a, "see the list of %s in docs/vocabulary.md or "
                     "`gen schema`", w->table);
}

const char *sg_check_what(sg_list_id list)
{
    static const char *const what[SG_NLISTS] = {
        [SG_L_GAPS] = "gap", [SG_L_ACTORS] = "actor type",
        [SG_L_STAGES] = "stage", [SG_L_ACTIVITIES] = "activity type",
        [SG_L_AS] = "kind of activity", [SG_L_TRAITS] = "trait",
        [SG_L_MODELS] = "model", [SG_L_GOVERNANCE] = "governance",
        [SG_L_FUNDING] = "funding type", [SG_L_OBSTACLES] = "obstacle",
        [SG_L_COUNTRIES] = "country", [SG_L_REACH] = "reach",
        [SG_L_SECTORS] = "sector", [SG_L_REGIONS] = "region",
        [SG_L_FREQUENCIES] = "frequency", [SG_L_FLOWS] = "destination",
        [SG_L_SHARES] = "share", [SG_L_INFLUENCE] = "rating",
        [SG_L_INTERCONNECTIVITY] = "rating", [SG_L_MATURITY] = "rating",
        [SG_L_INITIATOR_TYPES] = "initiator type",
        [SG_L_INITIATOR_SECTORS] = "sector",
        [SG_L_INITIATOR_ROLES] = "role", [SG_L_ALLIANCE_LEVELS] = "level",
        [SG_L_ASSESSMENT] = "question",
    };
    return what[list] ? what[list] : "word";
}

const char *sg_check_example(sg_check *k, const sg_case_key *key,
                             const char *fallback)
{
    return sg_case_key_example_value(k->v, k->parent, key, fallback);
}

/* A copy of a string value without the characters no page or feed may
 * carry (YAML lets "\x01", "\e" or "\uFFFE" through a quoted string);
 * one warning names the first. */
static const char *S_clean(sg_check *k, const char *label, const sg_value *v)
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
         "%s: %s U+%04X%s left out: no page or feed can carry %s", label,
         first >= 0xFDD0 ? "noncharacter" : "control character", first,
         n > 1 ? sg_printf(k->a, " and %zu more are", n - 1) : " is",
         n > 1 ? "them" : "it");
    return r;
}

const char *sg_check_text(sg_check *k, const char *label, const sg_value *v)
{
    /* copied: the tree is dropped after the check */
    if (v->type == SG_STR)
        return S_clean(k, label, v);
    if (v->type == SG_NULL)
        return NULL;
    if ((v->type == SG_NUM || v->type == SG_BOOL) && v->text)
        return sg_strdup(k->a, v->text);
    ERR(k, v, "write it as plain text on the same line as the key",
        "%s: expected text, got %s", label, sg_type_name(v->type));
    return NULL;
}

bool sg_check_number(sg_check *k, const char *label, const sg_value *v,
                     double lo, double hi, const char *example, double *out)
{
    if (v->type != SG_NUM) {
        ERR(k, v, sg_printf(k->a, "write a plain number such as %s, without "
                            "units or quotes", example),
            "%s: expected a number, got %s", label, sg_check_got(k, v));
        return false;
    }
    if (v->u.num < lo || v->u.num > hi) {
        ERR(k, v, sg_printf(k->a, "a value from %g to %g", lo, hi),
            "%s: %s is out of range", label, v->text ? v->text : "value");
        return false;
    }
    *out = v->u.num;
    return true;
}

bool sg_check_integer(sg_check *k, const char *label, const sg_value *v,
                      double lo, double hi, const char *what, double *out)
{
    if (v->type != SG_NUM || v->u.num != floor(v->u.num)) {
        ERR(k, v, "write the digits only, without quotes or words",
            "%s: expected %s, got %s", label, what, sg_check_got(k, v));
        return false;
    }
    if (v->u.num < lo || v->u.num > hi) {
        ERR(k, v, sg_printf(k->a, "a value from %g to %g", lo, hi),
            "%s: %s is out of range for %s", label,
            v->text ? v->text : "value", what);
        return false;
    }
    *out = v->u.num;
    return true;
}

int sg_check_year(sg_check *k, const char *label, const sg_value *v)
{
    double y;
    return sg_check_integer(k, label, v, 1000, 2200, "a year such as 2009",
                            &y) ? (int)y : 0;
}

bool sg_check_is_list(sg_check *k, const char *label, const sg_value *v)
{
    if (v->type == SG_LIST && v->u.list.n > SG_MAX_LIST_ITEMS) {
        ERR(k, v, "split the list or the case",
            "%s: %zu items, more than the limit of %d (SG_MAX_LIST_ITEMS)",
            label, v->u.list.n, SG_MAX_LIST_ITEMS);
        return false;
    }
    if (v->type == SG_LIST)
        return true;
    if (v->type != SG_NULL)
        ERR(k, v, sg_printf(k->a, "write a list: '%s: [a, b]' or one '- item' "
                            "per line", label),
            "%s: expected a list, got %s", label, sg_type_name(v->type));
    return false;
}

int sg_check_word(sg_check *k, const char *label, const sg_value *v,
                  sg_list_id list)
{
    const char *s = sg_check_text(k, label, v);
    if (!s)
        return -1;
    int i = sg_vocab_word(k->v, list, s);
    const char *what = sg_check_what(list);
    if (i < 0)
        ERR(k, v, sg_check_hint(k, s, list, what), "%s: unknown %s '%s'",
            label, what, s);
    return i;
}

/* ---- counts: "195", "about 195", "more than 100", "15-20" ---- */

/* A decimal number at *p (digits, groups of three after commas, a
 * fraction); moves *p past it. */
static bool S_count_number(const char **p, double *out)
{
    const char *s = *p;
    if (!isdigit((unsigned char)*s))
        return false;
    double x = 0;
    while (isdigit((unsigned char)*s) ||
           (*s == ',' && isdigit((unsigned char)s[1]) &&
            isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
            !isdigit((unsigned char)s[4])))
        if (*s++ != ',')
            x = x * 10 + (s[-1] - '0');
    if (*s == '.' && isdigit((unsigned char)s[1])) {
        double f = 0.1;
        for (s++; isdigit((unsigned char)*s); s++, f /= 10)
            x += (*s - '0') * f;
    }
    *p = s;
    *out = x;
    return true;
}

static const char *S_skip_space(const char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

/* Parses a count phrase (folded: lower case, single spaces, as sg_fold
 * leaves it but for '.', ',' and dashes, kept); NULL when it is one,
 * else what is wrong with it. */
static const char *S_parse_count(const sg_vocab *v, const char *s,
                                 sg_count *out)
{
    int kind = -1;
    for (size_t i = 0; i < v->ncount_words && kind < 0; i++) {
        size_t n = strlen(v->count_words[i].phrase);
        if (strncmp(s, v->count_words[i].phrase, n) == 0 && s[n] == ' ') {
            kind = (int)v->count_words[i].kind;
            s = S_skip_space(s + n);
        }
    }
    double lo, hi;
    if (!S_count_number(&s, &lo))
        return "no number";
    hi = lo;
    const char *r = S_skip_space(s);
    bool range = *r == '-' || strncmp(r, "\xE2\x80\x93", 3) == 0;
    if (range) {
        r = S_skip_space(r + (*r == '-' ? 1 : 3));
        if (!S_count_number(&r, &hi) || hi < lo)
            return "a range is two numbers, the smaller first";
        s = r;
        out->flags |= SG_COUNT_RANGE;
    }
    if (*S_skip_space(s))
        return "words after the number";
    if (range && kind >= 0 && kind != SG_CW_ABOUT)
        return "a range cannot be 'more than' or 'up to'";
    out->lo = lo;
    out->hi = hi;
    switch (kind) {
    case SG_CW_ABOUT: out->flags |= SG_COUNT_ABOUT; break;
    case SG_CW_ABOVE: out->flags |= SG_COUNT_OPEN_LO; /* fall through */
    case SG_CW_AT_LEAST: out->hi = HUGE_VAL; break;
    case SG_CW_BELOW: out->flags |= SG_COUNT_OPEN_HI; /* fall through */
    case SG_CW_AT_MOST: out->lo = 0; break;
    default: break;
    }
    return NULL;
}

bool sg_check_count(sg_check *k, const sg_case_key *key, const sg_value *v,
                    sg_count *out)
{
    const char *label = sg_check_label(k, key);
    bool whole = key->flags & SG_KEY_WHOLE;
    const char *ex = sg_check_example(k, key, "40");
    const char *what = whole ? sg_printf(k->a, "a whole number such as %s",
                                         ex) : "a number";
    double x;
    *out = (sg_count){ 0, 0, NULL, 0 };
    if (v->type != SG_STR) {
        /* a plain number, as before phrases were allowed */
        bool ok = whole ? sg_check_integer(k, label, v, key->lo, key->hi,
                                           what, &x)
                        : sg_check_number(k, label, v, key->lo, key->hi, ex,
                                          &x);
        if (ok)
            *out = (sg_count){ x, x, NULL, SG_COUNT_GIVEN };
        return ok;
    }
    const char *s = sg_check_text(k, label, v);
    sg_buf low = SG_BUF_INIT;
    for (const char *p = s ? s : ""; *p; p++)   /* case and spaces only */
        if (*p != ' ' || (low.len && low.ptr[low.len - 1] != ' '))
            sg_buf_putc(&low, (char)tolower((unsigned char)*p));
    const char *why = S_parse_count(k->v, low.ptr ? low.ptr : "", out);
    sg_buf_free(&low);
    if (!why && whole && (out->lo != floor(out->lo) ||
                          (out->hi != HUGE_VAL && out->hi != floor(out->hi))))
        why = "whole numbers only";
    if (!why && ((out->hi != HUGE_VAL && out->hi > key->hi) ||
                 out->lo < key->lo))
        why = sg_printf(k->a, "numbers from %g to %g", key->lo, key->hi);
    if (why) {
        ERR(k, v, sg_printf(k->a, "write %s, or a phrase: 'about %s', 'more "
                            "than %s', 'up to %s', or a range such as "
                            "'10-20'", what, ex, ex, ex),
            "%s: '%s' is not a count (%s)", label, s ? s : "", why);
        *out = (sg_count){ 0, 0, NULL, 0 };
        return false;
    }
    /* "195" in quotes is the plain number */
    bool plain = !(out->flags & SG_COUNT_RANGE) && out->lo == out->hi &&
                 strspn(s, "0123456789.,") == strlen(s);
    out->text = plain ? NULL : s;
    out->flags |= SG_COUNT_GIVEN;
    return true;
}

/* ---- stage terms ---- */

const sg_term *sg_check_stage(sg_check *k, const char *label,
                              const sg_value *v, const char **text)
{
    const char *s = sg_check_text(k, label, v);
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
                   : sg_printf(k->a, "use a stage of one of the frameworks "
                               "in docs/writing-cases.md, or a canonical "
                               "stage: %s",
                               S_join(k->a, k->v->lists[SG_L_STAGES].keys,
                                      k->v->nstages)),
        "%s: unknown stage '%s'", label, s);
    return NULL;
}

/* ---- mappings against a sub-table ---- */

static const char **S_names(sg_arena *a, const sg_case_key *table,
                            size_t *n)
{
    *n = 0;
    while (table[*n].name)
        (*n)++;
    const char **names = sg_alloc(a, (*n + 1) * sizeof *names);
    for (size_t i = 0; i < *n; i++)
        names[i] = table[i].name;
    return names;
}

/* An unknown key of a mapping checked against `table`: a warning with
 * the nearest known key. */
static void S_unknown(sg_check *k, const char *where, const sg_pair *p,
                      const sg_case_key *table)
{
    size_t n;
    const char **names = S_names(k->a, table, &n);
    const char *near = sg_nearest(p->key, names, n);
    const char *hint = near ? sg_printf(k->a, "did you mean '%s'?", near)
                     : where ? sg_printf(k->a, "known keys: %s",
                                         S_join(k->a, names, n))
                     : "see docs/writing-cases.md for the keys; an unknown "
                       "key is ignored";
    if (where)
        sg_warn(k->d, k->c->file, p->key_mark, hint,
                "%s: unknown key '%s' is ignored", where, p->key);
    else
        sg_warn(k->d, k->c->file, p->key_mark, hint, "unknown key '%s'",
                p->key);
}

void sg_check_map(sg_check *k, const sg_case_key *key, const sg_value *m,
                  void *obj)
{
    if (m->type != SG_MAP) {
        if (m->type != SG_NULL)
            ERR(k, m, sg_printf(k->a, "write '%s:' followed by indented "
                                "'key: value' lines", key->name),
                "%s: expected a mapping, got %s", key->name,
                sg_check_got(k, m));
        return;
    }
    const sg_case_key *saved = k->parent;
    k->parent = key;
    const char *where = key->name;
    for (size_t i = 0; i < m->u.map.n; i++) {
        const sg_pair *p = &m->u.map.items[i];
        const sg_case_key *row = sg_case_key_find(key->sub, p->key);
        if (!row)
            S_unknown(k, where, p, key->sub);
        else if (row->check)
            row->check(k, row, p->val, obj);
    }
    for (const sg_case_key *row = key->sub; row->name; row++) {
        const sg_value *x = sg_map_get(m, row->name);
        if ((row->flags & SG_KEY_REQUIRED) && (!x || x->type == SG_NULL)) {
            const char *ex;
            sg_case_key_doc(k->v, key, row, &ex);
            ERR(k, m, *ex ? sg_printf(k->a, "add '%s'", ex)
                          : sg_printf(k->a, "add '%s: ...'", row->name),
                "%s: %s needs '%s'", key->name,
                key->item ? key->item : "the mapping", row->name);
        }
    }
    k->parent = saved;
}

const sg_value *sg_check_claim(sg_check *k, const sg_case_key *key,
                               const sg_value *x, sg_evidence *ev)
{
    ev->source = -1;
    ev->at = x->mark;
    if (!(key->flags & SG_KEY_CLAIM) || x->type != SG_MAP)
        return x;
    sg_check_map(k, key, x, ev);
    /* the one key without a checker: its parent's checker reads it */
    const sg_value *val = NULL;
    for (const sg_case_key *row = key->sub; row->name && !val; row++)
        if (!row->check)
            val = sg_map_get(x, row->name);
    return val && val->type != SG_NULL ? val : NULL;
}

/* ---- generic checkers of the table's rows ---- */

#define AT(type, obj, off) ((type *)(void *)((char *)(obj) + (off)))

void sg_chk_text(sg_check *k, const sg_case_key *key, const sg_value *x,
                 void *obj)
{
    *AT(const char *, obj, key->off) =
        sg_check_text(k, sg_check_label(k, key), x);
}

void sg_chk_texts(sg_check *k, const sg_case_key *key, const sg_value *x,
                  void *obj)
{
    const char *label = sg_check_label(k, key);
    size_t *n = AT(size_t, obj, key->off2);
    *n = 0;
    if (!sg_check_is_list(k, label, x))
        return;
    const char **out = sg_alloc(k->a, (x->u.list.n + 1) * sizeof *out);
    for (size_t i = 0; i < x->u.list.n; i++) {
        const char *s = sg_check_text(k, label, x->u.list.items[i]);
        if (s)
            out[(*n)++] = s;
    }
    *AT(const char **, obj, key->off) = out;
}

void sg_chk_year(sg_check *k, const sg_case_key *key, const sg_value *x,
                 void *obj)
{
    *AT(int, obj, key->off) = sg_check_year(k, sg_check_label(k, key), x);
}

void sg_chk_number(sg_check *k, const sg_case_key *key, const sg_value *x,
                   void *obj)
{
    *AT(bool, obj, key->off2) =
        sg_check_number(k, sg_check_label(k, key), x, key->lo, key->hi,
                        sg_check_example(k, key, "1"),
                        AT(double, obj, key->off));
}

void sg_chk_bool(sg_check *k, const sg_case_key *key, const sg_value *x,
                 void *obj)
{
    const char *label = sg_check_label(k, key);
    if (x->type != SG_BOOL) {
        ERR(k, x, sg_printf(k->a, "write '%s: true' or '%s: false'",
                            key->name, key->name),
            "%s: expected true or false, got %s", label,
            sg_check_got(k, x));
        return;
    }
    *AT(bool, obj, key->off) = x->u.b;
    if (key->off2)
        *AT(bool, obj, key->off2) = true;
}

void sg_chk_word(sg_check *k, const sg_case_key *key, const sg_value *x,
                 void *obj)
{
    *AT(int, obj, key->off) =
        sg_check_word(k, sg_check_label(k, key), x, key->words);
}

void sg_chk_mask(sg_check *k, const sg_case_key *key, const sg_value *x,
                 void *obj)
{
    const char *label = sg_check_label(k, key);
    sg_mask m = 0;
    if (sg_check_is_list(k, label, x)) {
        for (size_t i = 0; i < x->u.list.n; i++) {
            int w = sg_check_word(k, label, x->u.list.items[i], key->words);
            if (w >= 0)
                m |= 1u << w;
        }
        if (key->off2)
            *AT(bool, obj, key->off2) = true;
    }
    *AT(sg_mask, obj, key->off) = m;
}

void sg_chk_word_list(sg_check *k, const sg_case_key *key,
                      const sg_value *x, void *obj)
{
    const char *label = sg_check_label(k, key);
    size_t *n = AT(size_t, obj, key->off2);
    *n = 0;
    if (!sg_check_is_list(k, label, x))
        return;
    int *out = sg_alloc(k->a, (x->u.list.n + 1) * sizeof *out);
    for (size_t i = 0; i < x->u.list.n; i++) {
        int w = sg_check_word(k, label, x->u.list.items[i], key->words);
        if (w >= 0)
            out[(*n)++] = w;
    }
    *AT(int *, obj, key->off) = out;
}

void sg_chk_count(sg_check *k, const sg_case_key *key, const sg_value *x,
                  void *obj)
{
    sg_check_count(k, key, x, AT(sg_count, obj, key->off));
}

/* Resolved once `sources` is read (S_resolve_sources). */
void sg_chk_source(sg_check *k, const sg_case_key *key, const sg_value *x,
                   void *obj)
{
    if (k->nrefs == k->caprefs)
        k->refs = sg_grow(k->a, k->refs, &k->caprefs, 8, sizeof *k->refs);
    k->refs[k->nrefs++] = (sg_source_ref){ x, AT(int, obj, key->off),
                                           sg_check_label(k, key) };
}

/* A `source: N` names the Nth entry of `sources` (1 for the first), or
 * an entry by its title. */
static void S_resolve_sources(sg_check *k)
{
    const sg_value *list = sg_case_key_value(k->front, sg_case_keys,
                                             offsetof(sg_case, sources));
    size_t n = list && list->type == SG_LIST ? list->u.list.n : 0;
    for (size_t i = 0; i < k->nrefs; i++) {
        const sg_source_ref *r = &k->refs[i];
        const sg_value *x = r->at;
        *r->into = -1;
        if (x->type == SG_NUM && x->u.num == floor(x->u.num) &&
            x->u.num >= 1 && x->u.num <= (double)n) {
            size_t at = (size_t)x->u.num - 1;
            *r->into = at < k->c->nsources ? (int)at : -1;
            continue;
        }
        if (x->type == SG_STR) {
            for (size_t s = 0; s < k->c->nsources && *r->into < 0; s++)
                if (k->c->sources[s].title &&
                    strcmp(k->c->sources[s].title, x->u.str.s) == 0)
                    *r->into = (int)s;
            if (*r->into >= 0)
                continue;
        }
        ERR(k, x, n > 1 ? sg_printf(k->a, "write the number of an entry of "
                                    "'sources', from 1 to %zu, or its title",
                                    n)
                  : n ? "write 1 (or the title of the one entry of 'sources')"
                      : "add the source to 'sources' and write its number, 1",
            "%s: %s is not an entry of 'sources' (%zu given)", r->label,
            x->type == SG_NUM ? x->text : sg_check_got(k, x), n);
    }
}

/* ---- the check ---- */

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

const char *sg_slugify(sg_arena *a, const char *s)
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

static void S_defaults(sg_arena *a, const sg_vocab *v, sg_case *c)
{
    c->traits = sg_alloc(a, (v->ntraits + 1) * sizeof(int));
    for (size_t i = 0; i < v->ntraits; i++)
        c->traits[i] = -1;
    c->reach = c->model = c->governance = c->key_measure = -1;
    c->stage_evidence.source = c->model_evidence.source = -1;
    c->sector_id = c->region_id = -1;
    c->influence = c->interconnectivity = c->maturity = -1;
}

/* What needs all keys read: sources named by number, required keys,
 * the file name as a slug, owners without a governance that has them,
 * and which facts the case gives. */
static void S_finish(sg_check *k)
{
    const sg_vocab *v = k->v;
    sg_case *c = k->c;
    const sg_value *front = k->front;
    S_resolve_sources(k);
    for (const sg_case_key *row = sg_case_keys; row->name; row++) {
        const sg_value *r = sg_map_get(front, row->name);
        if ((row->flags & SG_KEY_REQUIRED) && (!r || r->type == SG_NULL)) {
            const char *ex;
            sg_case_key_doc(v, NULL, row, &ex);
            ERR(k, front, sg_printf(k->a, "add a line such as '%s'", ex),
                "missing required key '%s'", row->name);
        }
    }
    if (!sg_case_key_value(front, sg_case_keys, offsetof(sg_case, slug)) &&
        !sg_slug_ok(c->slug)) {
        const char *s = sg_slugify(k->a, c->slug);
        ERR(k, front, sg_printf(k->a, "rename the file to '%s.md' or add "
                                "'slug: %s'", s, s),
            "the file name '%s' is not a valid slug", c->slug);
    }
    if (c->governance >= 0 && c->nowners &&
        !v->governance[c->governance].has_owners) {
        const char *with = NULL;
        for (size_t i = 0; i < v->ngovernance && !with; i++)
            if (v->governance[i].has_owners)
                with = v->governance[i].key;
        WARN(k, sg_case_key_value(front, sg_case_keys,
                                  offsetof(sg_case, owners)),
             with ? sg_printf(k->a, "owners go with 'governance: %s'", with)
                  : "leave out the owners",
             "%s: given, but %s is '%s'",
             sg_case_key_at(sg_case_keys, offsetof(sg_case, owners))->name,
             sg_case_key_at(sg_case_keys, offsetof(sg_case, governance))->name,
             v->governance[c->governance].key);
    }
    c->given = sg_alloc(k->a, (v->ncompleteness + 1) * sizeof *c->given);
    for (size_t i = 0; i < v->ncompleteness; i++)
        c->given[i] = S_given(sg_map_get(front, v->completeness[i]));
}

int sg_case_check(sg_arena *a, sg_arena *tmp, const sg_vocab *v,
                  const sg_value *front, sg_case *c, sg_diags *d)
{
    sg_check k = { .a = a, .tmp = tmp, .v = v, .c = c, .d = d,
                   .front = front };
    S_defaults(a, v, c);
    for (size_t i = 0; i < front->u.map.n; i++) {
        const sg_pair *p = &front->u.map.items[i];
        const sg_case_key *row = sg_case_key_find(sg_case_keys, p->key);
        if (row)
            row->check(&k, row, p->val, c);
        else
            S_unknown(&k, NULL, p, sg_case_keys);
    }
    S_finish(&k);
    return k.errors;
}

static void S_no_evidence(sg_arena *a, const sg_case *c, const sg_evidence *ev,
                          const char *what, sg_diags *d)
{
    if (ev->text)
        return;
    sg_warn(d, c->file, ev->at,
            "add 'evidence:' (where the source supports it, quoting at "
            "most a few of its words) and the source's number",
            "%s has no evidence", what);
    (void)a;
}

void sg_case_require_evidence(sg_arena *a, const sg_case *c, sg_diags *d)
{
    for (size_t i = 0; i < c->nacts; i++) {
        sg_evidence ev = c->acts[i].evidence;
        if (!ev.at.line)
            ev.at = c->acts[i].mark;
        S_no_evidence(a, c, &ev, sg_printf(a, "activity '%s'",
                                           c->acts[i].name), d);
    }
    for (size_t i = 0; i < c->nfunding; i++)
        S_no_evidence(a, c, &c->funding[i].evidence,
                      sg_printf(a, "funding source '%s'", c->funding[i].source),
                      d);
    if (c->stage)
        S_no_evidence(a, c, &c->stage_evidence, "the declared stage", d);
    if (c->model >= 0)
        S_no_evidence(a, c, &c->model_evidence, "the declared model", d);
}
