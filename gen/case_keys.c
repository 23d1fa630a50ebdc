/* case_keys.c - the table of case keys, and the checkers of the keys
 * that need more than a generic one (check_util.h). The checkers of
 * lists of items are in case_items.c.
 */
#include "case_keys.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "case_check.h"
#include "check_util.h"

/* ---- identity and place ---- */

static void S_title(sg_check *k, const sg_case_key *key, const sg_value *x,
                    void *obj)
{
    sg_case *c = obj;
    c->title = sg_check_text(k, key->name, x);
    if (c->title && !*c->title)
        ERR(k, x, "write the cluster's name", "%s: is empty", key->name);
}

static void S_slug(sg_check *k, const sg_case_key *key, const sg_value *x,
                   void *obj)
{
    sg_case *c = obj;
    const char *s = sg_check_text(k, key->name, x);
    if (s && !sg_slug_ok(s)) {
        ERR(k, x, sg_printf(k->a, "use lower-case letters, digits and "
                            "hyphens, e.g. '%s'", sg_slugify(k->a, s)),
            "%s: '%s' is not a valid slug", key->name, s);
    } else if (s) {
        c->slug = s;
        c->slug_mark = x->mark;
    }
}

/* An ISO 3166-1 alpha-2 code; a country's name or a code in lower case
 * is an error that names the code. */
static const char *S_country_code(sg_check *k, const sg_case_key *key,
                                  const sg_value *v)
{
    const char *s = sg_check_text(k, key->name, v);
    if (!s)
        return NULL;
    bool upper = strlen(s) == 2 && isupper((unsigned char)s[0]) &&
                 isupper((unsigned char)s[1]);
    if (upper && sg_vocab_country(k->v, s) >= 0)
        return s;
    const char *code = sg_vocab_country_by_name(k->v, s);
    if (!code && strlen(s) == 2) {
        char up[3] = { (char)toupper((unsigned char)s[0]),
                       (char)toupper((unsigned char)s[1]), 0 };
        if (sg_vocab_country(k->v, up) >= 0)
            code = sg_strdup(k->a, up);
    }
    ERR(k, v, code ? sg_printf(k->a, "write %s", code)
                   : sg_printf(k->a, "use the two capital letters of ISO "
                               "3166-1, such as %s",
                               sg_check_example(k, key, "DK")),
        "%s: '%s' is not an ISO 3166-1 alpha-2 code", key->name, s);
    return NULL;
}

static void S_country(sg_check *k, const sg_case_key *key, const sg_value *x,
                      void *obj)
{
    ((sg_case *)obj)->country = S_country_code(k, key, x);
}

static void S_countries(sg_check *k, const sg_case_key *key,
                        const sg_value *x, void *obj)
{
    sg_case *c = obj;
    if (!sg_check_is_list(k, key->name, x))
        return;
    c->countries = sg_alloc(k->a, (x->u.list.n + 1) * sizeof(char *));
    for (size_t j = 0; j < x->u.list.n; j++) {
        const char *cc = S_country_code(k, key, x->u.list.items[j]);
        if (cc)
            c->countries[c->ncountries++] = cc;
    }
}

/* Text read through a controlled list (sector, region): the case keeps
 * its text; a text the list does not know is a warning naming the
 * nearest entry. */
static void S_controlled(sg_check *k, const sg_case_key *key,
                         const sg_value *x, void *obj)
{
    const char *s = sg_check_text(k, key->name, x);
    *(const char **)(void *)((char *)obj + key->off) = s;
    int *id = (int *)(void *)((char *)obj + key->off2);
    *id = s && *s ? sg_vocab_word(k->v, key->words, s) : -1;
    if (!s || !*s || *id >= 0)
        return;
    const sg_words *w = &k->v->lists[key->words];
    const char *near = sg_vocab_nearest(k->v, key->words, s);
    int ni = near ? sg_vocab_word(k->v, key->words, near) : -1;
    sg_buf names = SG_BUF_INIT;
    for (size_t i = 0; ni < 0 && w->n <= 15 && i < w->n; i++)
        sg_buf_printf(&names, "%s%s", i ? ", " : "", w->names[i]);
    const char *hint = ni >= 0 ? sg_printf(k->a, "did you mean '%s'? (or add "
                                           "'%s' to '%s' in the vocabulary)",
                                           w->names[ni], s, w->table)
                     : names.len ? sg_printf(k->a, "one of: %s; or add '%s' "
                                             "to '%s' in the vocabulary",
                                             names.ptr, s, w->table)
                     : sg_printf(k->a, "write one of the %s of the "
                                 "vocabulary (docs/vocabulary.md), or add "
                                 "'%s' to its '%s'", w->table, s, w->table);
    sg_buf_free(&names);
    WARN(k, x, hint, "%s: '%s' is not among the vocabulary's %s", key->name,
         s, w->table);
}

/* ---- counts: a number, or a phrase; the number alone stays as the
 * plain value it always was ---- */

static void S_actors(sg_check *k, const sg_case_key *key, const sg_value *x,
                     void *obj)
{
    sg_case *c = obj;
    if (sg_check_count(k, key, x, &c->actors_count) &&
        !c->actors_count.text) {
        c->has_actors = true;
        c->actors = c->actors_count.lo;
    }
}

static void S_staff(sg_check *k, const sg_case_key *key, const sg_value *x,
                    void *obj)
{
    sg_case *c = obj;
    if (sg_check_count(k, key, x, &c->staff_count) && !c->staff_count.text) {
        c->has_staff = true;
        c->staff = c->staff_count.lo;
    }
}

/* ---- stage and model: the word, or {value, evidence, source} ---- */

static void S_stage(sg_check *k, const sg_case_key *key, const sg_value *x,
                    void *obj)
{
    sg_case *c = obj;
    const sg_value *val = sg_check_claim(k, key, x, &c->stage_evidence);
    if (val)
        c->stage = sg_check_stage(k, key->name, val, &c->stage_text);
}

static void S_model(sg_check *k, const sg_case_key *key, const sg_value *x,
                    void *obj)
{
    sg_case *c = obj;
    const sg_value *val = sg_check_claim(k, key, x, &c->model_evidence);
    int m = val ? sg_check_word(k, key->name, val, key->words) : -1;
    if (m >= 0 && !k->v->models[m].allowed) {
        ERR(k, val, "declare one of the models in models_allowed",
            "%s: '%s' cannot be declared", key->name, k->v->models[m].key);
        m = -1;
    }
    c->model = m;
}

static void S_traits(sg_check *k, const sg_case_key *key, const sg_value *m,
                     void *obj)
{
    const sg_vocab *v = k->v;
    sg_case *c = obj;
    if (m->type != SG_MAP) {
        const sg_trait *t0 = v->ntraits ? &v->traits[0] : NULL;
        ERR(k, m, t0 ? sg_printf(k->a, "write '%s:' followed by indented "
                                 "'%s: %s' lines", key->name, t0->key,
                                 t0->value[1])
                     : "leave it out: the vocabulary has no traits",
            "%s: expected a mapping, got %s", key->name,
            sg_type_name(m->type));
        return;
    }
    for (size_t i = 0; i < m->u.map.n; i++) {
        const sg_pair *p = &m->u.map.items[i];
        int t = sg_vocab_trait(v, p->key);
        if (t < 0) {
            sg_error(k->d, c->file, p->key_mark,
                     sg_check_hint(k, p->key, SG_L_TRAITS, key->name),
                     "%s: unknown trait '%s'", key->name, p->key);
            k->errors++;
            continue;
        }
        const char *val = sg_check_text(k, p->key, p->val);
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
                "%s: %s: unknown value '%s'", key->name, p->key, val);
    }
}

/* ---- the other keys ---- */

/* YYYY-MM-DD, digits only: NULL when it names a day of the (Gregorian)
 * calendar, else the hint to give. */
static const char *S_bad_date(sg_arena *a, const char *s)
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
        return sg_printf(a, "month %02d of %04d has days 01 to %d", m, y,
                         last);
    return NULL;
}

static void S_date(sg_check *k, const sg_case_key *key, const sg_value *x,
                   void *obj)
{
    const char *s = x->text ? sg_strdup(k->a, x->text)
                            : sg_check_text(k, key->name, x);
    const char *why = s ? S_bad_date(k->a, s) : NULL;
    if (why)
        ERR(k, x, why, "%s: '%s' is not a date", key->name, s);
    else if (s)
        ((sg_case *)obj)->date = s;
}

/* `structures: []` records "none", which is not the same as absent. */
static void S_structures(sg_check *k, const sg_case_key *key,
                         const sg_value *x, void *obj)
{
    sg_case *c = obj;
    sg_chk_texts(k, key, x, obj);
    c->has_structures = x->type == SG_LIST;
}

/* BCP 47 (RFC 5646) syntax: language[-extlang][-script][-region]
 * (-variant)*(-extension)*[-x-private], or x-private alone; letters in
 * any case. */
bool sg_lang_ok(const char *s)
{
    const char *p = s;
    size_t sub[64], n = 0;
    const char *start[64];
    while (n < 64) {
        size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz"
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        if (len == 0 || len > 8)
            return false;
        start[n] = p;
        sub[n++] = len;
        p += len;
        if (!*p)
            break;
        if (*p++ != '-')
            return false;
    }
    if (*p)
        return false;
    size_t i = 0;
#define ALPHA(j) (strspn(start[j], "abcdefghijklmnopqrstuvwxyz" \
                         "ABCDEFGHIJKLMNOPQRSTUVWXYZ") >= sub[j])
#define DIGITS(j) (strspn(start[j], "0123456789") >= sub[j])
    if (sub[0] == 1 && (start[0][0] == 'x' || start[0][0] == 'X'))
        return n >= 2;                               /* private use */
    /* ISO 639 codes: BCP 47's 4- to 8-letter languages are reserved or
     * unused, and "English" or "danish" are an author's mistake */
    if (!ALPHA(0) || sub[0] < 2 || sub[0] > 3)
        return false;                                /* language */
    i = 1;
    for (int ext = 0; ext < 3 && i < n && sub[i] == 3 && ALPHA(i); ext++)
        i++;                                         /* extlang */
    if (i < n && sub[i] == 4 && ALPHA(i))
        i++;                                         /* script */
    if (i < n && ((sub[i] == 2 && ALPHA(i)) || (sub[i] == 3 && DIGITS(i))))
        i++;                                         /* region */
    while (i < n && (sub[i] >= 5 || (sub[i] == 4 &&
                                     isdigit((unsigned char)start[i][0]))))
        i++;                                         /* variants */
    while (i < n && sub[i] == 1) {                   /* extensions */
        if ((start[i][0] == 'x' || start[i][0] == 'X'))
            return i + 1 < n;                        /* private use */
        size_t j = i + 1;
        while (j < n && sub[j] >= 2)
            j++;
        if (j == i + 1)
            return false;
        i = j;
    }
#undef ALPHA
#undef DIGITS
    return i == n;
}

static void S_lang(sg_check *k, const sg_case_key *key, const sg_value *x,
                   void *obj)
{
    const char *s = sg_check_text(k, key->name, x);
    if (s && !sg_lang_ok(s))
        ERR(k, x, sg_printf(k->a, "write a BCP 47 language tag such as %s",
                            sg_check_example(k, key, "en")),
            "%s: '%s' is not a language tag", key->name, s);
    else if (s)
        ((sg_case *)obj)->lang = s;
}

/* Answers to the vocabulary's self-assessment questions, by id. */
static void S_assessment(sg_check *k, const sg_case_key *key,
                         const sg_value *m, void *obj)
{
    sg_case *c = obj;
    if (m->type != SG_MAP) {
        ERR(k, m, sg_printf(k->a, "write '%s:' followed by indented lines "
                            "'%s: answer'", key->name,
                            k->v->nquestions ? k->v->questions[0].id : "id"),
            "%s: expected a mapping, got %s", key->name,
            sg_type_name(m->type));
        return;
    }
    c->answers = sg_alloc(k->a, (k->v->nquestions + 1) * sizeof *c->answers);
    for (size_t i = 0; i < m->u.map.n; i++) {
        const sg_pair *p = &m->u.map.items[i];
        int q = sg_vocab_word(k->v, key->words, p->key);
        if (q < 0) {
            sg_error(k->d, c->file, p->key_mark,
                     sg_check_hint(k, p->key, key->words, "question ids"),
                     "%s: unknown question '%s'", key->name, p->key);
            k->errors++;
            continue;
        }
        const char *s = sg_check_text(k, sg_printf(k->a, "%s: %s", key->name,
                                                   p->key), p->val);
        if (s && !c->answers[q])
            c->nanswers++;
        if (s)
            c->answers[q] = s;
    }
}

/* ---- the table ---- */

#define C(field) offsetof(sg_case, field)
#define YEARS .lo = 1000, .hi = 2200

/* {value, evidence, source} of a declared stage or model */
static const sg_case_key S_claim[] = {
    { .name = "value", .type = SG_KT_TEXT, .check = NULL,
      .flags = SG_KEY_REQUIRED },
    { .name = "evidence", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = offsetof(sg_evidence, text) },
    { .name = "source", .type = SG_KT_REF, .check = sg_chk_source,
      .off = offsetof(sg_evidence, source) },
    { .name = NULL }
};

#define A(field) offsetof(sg_activity, field)
static const sg_case_key S_activity[] = {
    { .name = "name", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = A(name), .flags = SG_KEY_REQUIRED },
    { .name = "type", .type = SG_KT_WORD, .check = sg_chk_activity_type,
      .off = A(type), .words = SG_L_ACTIVITIES },
    { .name = "as", .type = SG_KT_WORD, .check = sg_chk_word, .off = A(as),
      .words = SG_L_AS },
    { .name = "connects", .type = SG_KT_WORDS, .check = sg_chk_mask,
      .off = A(connects), .off2 = A(has_connects), .words = SG_L_ACTORS },
    { .name = "gaps", .type = SG_KT_WORDS, .check = sg_chk_mask,
      .off = A(gaps), .off2 = A(has_gaps), .words = SG_L_GAPS },
    { .name = "note", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = A(note) },
    { .name = "participants", .type = SG_KT_COUNT, .check = sg_chk_count,
      .off = A(participants), .flags = SG_KEY_WHOLE, .lo = 0, .hi = 1e9 },
    { .name = "frequency", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = A(frequency), .words = SG_L_FREQUENCIES },
    { .name = "evidence", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = A(evidence.text) },
    { .name = "source", .type = SG_KT_REF, .check = sg_chk_source,
      .off = A(evidence.source) },
    { .name = NULL }
};

#define F(field) offsetof(sg_funding, field)
static const sg_case_key S_funding[] = {
    { .name = "source", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = F(source), .flags = SG_KEY_REQUIRED },
    { .name = "type", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = F(type), .words = SG_L_FUNDING },
    { .name = "amount", .type = SG_KT_NUMBER, .check = sg_chk_number,
      .off = F(amount), .off2 = F(has_amount), .lo = 0, .hi = 1e13 },
    { .name = "currency", .type = SG_KT_TEXT, .check = sg_chk_currency,
      .off = F(currency), .pattern = "^[A-Z]{3}$" },
    { .name = "years", .type = SG_KT_NUMBER, .check = sg_chk_number,
      .off = F(years), .off2 = F(has_years), .lo = 0.01, .hi = 100 },
    { .name = "from", .type = SG_KT_INT, .check = sg_chk_year,
      .off = F(from), YEARS },
    { .name = "to", .type = SG_KT_INT, .check = sg_chk_year, .off = F(to),
      YEARS },
    { .name = "share", .type = SG_KT_SHARE, .check = sg_chk_share,
      .off = F(share), .off2 = F(has_share), .words = SG_L_SHARES, .lo = 0,
      .hi = 1 },
    { .name = "public", .type = SG_KT_BOOL, .check = sg_chk_bool,
      .off = F(is_public), .off2 = F(has_public) },
    { .name = "flows_to", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = F(flows_to), .words = SG_L_FLOWS },
    { .name = "evidence", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = F(evidence.text) },
    { .name = "cite", .type = SG_KT_REF, .check = sg_chk_source,
      .off = F(evidence.source) },
    { .name = NULL }
};

#define H(field) offsetof(sg_history, field)
static const sg_case_key S_history[] = {
    { .name = "year", .type = SG_KT_INT, .check = sg_chk_year,
      .off = H(year), YEARS, .flags = SG_KEY_REQUIRED },
    { .name = "stage", .type = SG_KT_STAGE, .check = sg_chk_history_stage,
      .off = H(stage) },
    { .name = "note", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = H(note) },
    { .name = NULL }
};

#define S(field) offsetof(sg_source, field)
static const sg_case_key S_source[] = {
    { .name = "title", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = S(title) },
    { .name = "author", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = S(author) },
    { .name = "year", .type = SG_KT_INT, .check = sg_chk_year,
      .off = S(year), YEARS },
    { .name = "url", .type = SG_KT_TEXT, .check = sg_chk_url, .off = S(url),
      .pattern = "^(https?:|mailto:|[^:]*$)" },
    { .name = "locator", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = S(locator) },
    { .name = NULL }
};

static const sg_case_key S_location[] = {
    { .name = "lat", .type = SG_KT_NUMBER, .check = sg_chk_number,
      .off = C(lat), .off2 = C(has_location), .flags = SG_KEY_REQUIRED,
      .lo = -90, .hi = 90 },
    { .name = "lon", .type = SG_KT_NUMBER, .check = sg_chk_number,
      .off = C(lon), .off2 = C(has_location), .flags = SG_KEY_REQUIRED,
      .lo = -180, .hi = 180 },
    { .name = NULL }
};

#define I(field) offsetof(sg_initiator, field)
static const sg_case_key S_initiator[] = {
    { .name = "name", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = I(name), .flags = SG_KEY_REQUIRED },
    { .name = "type", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = I(type), .words = SG_L_INITIATOR_TYPES },
    { .name = "sector", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = I(sector), .words = SG_L_INITIATOR_SECTORS },
    { .name = "role", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = I(role), .words = SG_L_INITIATOR_ROLES },
    { .name = "year", .type = SG_KT_INT, .check = sg_chk_year,
      .off = I(year), YEARS },
    { .name = NULL }
};

#define L(field) offsetof(sg_alliance, field)
static const sg_case_key S_alliance[] = {
    { .name = "partner", .type = SG_KT_TEXT, .check = sg_chk_partner,
      .off = L(partner), .flags = SG_KEY_REQUIRED,
      .pattern = "^[a-z0-9][a-z0-9-]*$" },
    { .name = "level", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = L(level), .words = SG_L_ALLIANCE_LEVELS },
    { .name = "scope", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = L(scope) },
    { .name = "horizon", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = L(horizon) },
    { .name = "linkages", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = L(linkages) },
    { .name = NULL }
};

const sg_case_key sg_case_keys[] = {
    { .name = "title", .type = SG_KT_TEXT, .check = S_title, .off = C(title),
      .flags = SG_KEY_REQUIRED },
    { .name = "slug", .type = SG_KT_TEXT, .check = S_slug, .off = C(slug),
      .pattern = "^[a-z0-9][a-z0-9-]*$" },
    { .name = "summary", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = C(summary) },
    { .name = "country", .type = SG_KT_WORD, .check = S_country,
      .off = C(country), .words = SG_L_COUNTRIES, .flags = SG_KEY_REQUIRED },
    { .name = "countries", .type = SG_KT_WORDS, .check = S_countries,
      .off = C(countries), .words = SG_L_COUNTRIES },
    { .name = "region", .type = SG_KT_TEXT, .check = S_controlled,
      .off = C(region), .off2 = C(region_id), .words = SG_L_REGIONS },
    { .name = "city", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = C(city) },
    { .name = "location", .type = SG_KT_MAP, .check = sg_check_map,
      .sub = S_location },
    { .name = "sector", .type = SG_KT_TEXT, .check = S_controlled,
      .off = C(sector), .off2 = C(sector_id), .words = SG_L_SECTORS,
      .flags = SG_KEY_REQUIRED },
    { .name = "tags", .type = SG_KT_TEXTS, .check = sg_chk_texts,
      .off = C(tags), .off2 = C(ntags) },
    { .name = "founded", .type = SG_KT_INT, .check = sg_chk_year,
      .off = C(founded), YEARS },
    { .name = "formalised", .type = SG_KT_INT, .check = sg_chk_year,
      .off = C(formalised), YEARS },
    { .name = "organisation", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = C(organisation) },
    { .name = "legal_form", .type = SG_KT_TEXT, .check = sg_chk_text,
      .off = C(legal_form) },
    { .name = "reach", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = C(reach), .words = SG_L_REACH },
    { .name = "key_measure", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = C(key_measure), .words = SG_L_MEASURES },
    { .name = "actors", .type = SG_KT_COUNT, .check = S_actors,
      .off = C(actors_count), .flags = SG_KEY_WHOLE, .lo = 0, .hi = 1e9 },
    { .name = "actor_types", .type = SG_KT_WORDS, .check = sg_chk_mask,
      .off = C(actor_types), .words = SG_L_ACTORS },
    { .name = "staff", .type = SG_KT_COUNT, .check = S_staff,
      .off = C(staff_count), .lo = 0, .hi = 1e6 },
    { .name = "stage", .type = SG_KT_STAGE, .check = S_stage,
      .off = C(stage), .flags = SG_KEY_CLAIM, .sub = S_claim },
    { .name = "model", .type = SG_KT_WORD, .check = S_model, .off = C(model),
      .words = SG_L_MODELS, .flags = SG_KEY_CLAIM, .sub = S_claim },
    { .name = "traits", .type = SG_KT_TRAITS, .check = S_traits,
      .off = C(traits), .words = SG_L_TRAITS },
    { .name = "governance", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = C(governance), .words = SG_L_GOVERNANCE },
    { .name = "owners", .type = SG_KT_TEXTS, .check = sg_chk_texts,
      .off = C(owners), .off2 = C(nowners) },
    { .name = "initiators", .type = SG_KT_ITEMS, .check = sg_chk_initiators,
      .off = C(initiators), .sub = S_initiator, .item = "an initiator" },
    { .name = "funding", .type = SG_KT_ITEMS, .check = sg_chk_funding,
      .off = C(funding), .sub = S_funding, .item = "a source" },
    { .name = "activities", .type = SG_KT_ITEMS, .check = sg_chk_activities,
      .off = C(acts), .sub = S_activity, .flags = SG_KEY_TEXT_ITEM,
      .item = "an activity" },
    { .name = "obstacles", .type = SG_KT_WORDS, .check = sg_chk_word_list,
      .off = C(obstacles), .off2 = C(nobstacles), .words = SG_L_OBSTACLES },
    { .name = "history", .type = SG_KT_ITEMS, .check = sg_chk_history,
      .off = C(history), .sub = S_history, .item = "an entry" },
    { .name = "influence", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = C(influence), .words = SG_L_INFLUENCE },
    { .name = "interconnectivity", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = C(interconnectivity), .words = SG_L_INTERCONNECTIVITY },
    { .name = "maturity", .type = SG_KT_WORD, .check = sg_chk_word,
      .off = C(maturity), .words = SG_L_MATURITY },
    { .name = "structures", .type = SG_KT_TEXTS, .check = S_structures,
      .off = C(structures), .off2 = C(nstructures) },
    { .name = "alliances", .type = SG_KT_ITEMS, .check = sg_chk_alliances,
      .off = C(alliances), .sub = S_alliance, .item = "an alliance" },
    { .name = "assessment", .type = SG_KT_ANSWERS, .check = S_assessment,
      .off = C(answers), .words = SG_L_ASSESSMENT },
    { .name = "sources", .type = SG_KT_ITEMS, .check = sg_chk_sources,
      .off = C(sources), .sub = S_source, .flags = SG_KEY_TEXT_ITEM,
      .item = "a source" },
    { .name = "date", .type = SG_KT_TEXT, .check = S_date, .off = C(date),
      .pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
    { .name = "authors", .type = SG_KT_TEXTS, .check = sg_chk_texts,
      .off = C(authors), .off2 = C(nauthors) },
    { .name = "lang", .type = SG_KT_TEXT, .check = S_lang, .off = C(lang),
      .pattern = "^([A-Za-z]{2,3}|[xX])(-[A-Za-z0-9]{1,8})*$" },
    { .name = "draft", .type = SG_KT_BOOL, .check = sg_chk_bool,
      .off = C(draft) },
    { .name = NULL }
};

#undef C
#undef A
#undef F
#undef H
#undef S
#undef I
#undef L
#undef YEARS

const sg_case_key *sg_case_key_find(const sg_case_key *table,
                                    const char *name)
{
    for (const sg_case_key *row = table; row && row->name; row++)
        if (strcmp(row->name, name) == 0)
            return row;
    return NULL;
}

const sg_case_key *sg_case_key_at(const sg_case_key *table, size_t off)
{
    for (const sg_case_key *row = table; row && row->name; row++)
        if (row->off == off && row->check)
            return row;
    return NULL;
}

const sg_value *sg_case_key_value(const sg_value *map,
                                  const sg_case_key *table, size_t off)
{
    const sg_case_key *row = sg_case_key_at(table, off);
    return row ? sg_map_get(map, row->name) : NULL;
}

const char *sg_case_key_doc(const sg_vocab *v, const sg_case_key *parent,
                            const sg_case_key *row, const char **example)
{
    const sg_value *e = v->case_keys;
    if (parent)
        e = sg_map_get(sg_map_get(e, parent->name), "keys");
    e = sg_map_get(e, row->name);
    const char *doc = sg_value_str(sg_map_get(e, "doc"));
    if (example) {
        *example = sg_value_str(sg_map_get(e, "example"));
        if (!*example)
            *example = "";
    }
    return doc ? doc : "";
}

const char *sg_case_key_example_value(const sg_vocab *v,
                                      const sg_case_key *parent,
                                      const sg_case_key *row,
                                      const char *fallback)
{
    const char *ex;
    sg_case_key_doc(v, parent, row, &ex);
    size_t n = strlen(row->name);
    if (strncmp(ex, row->name, n) != 0 || ex[n] != ':' || ex[n + 1] != ' ')
        return fallback;
    return ex + n + 2;
}
