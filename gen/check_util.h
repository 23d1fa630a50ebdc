/* check_util.h - what the checkers of the case keys share (internal to
 * case_check.c and case_keys.c).
 *
 * The state of one case's check, reporting at a value's place, and the
 * generic checkers that a row of the key table names when its value is
 * plain (text, a year, a word of a list ...): they read the value into
 * the row's offset `off` (and `off2`) of the object being filled.
 */
#ifndef SG_CHECK_UTIL_H
#define SG_CHECK_UTIL_H

#include "case_keys.h"

/* A `source:` (or `cite:`) to resolve once `sources` is read. */
typedef struct sg_source_ref {
    const sg_value *at;
    int *into;
    const char *label;
} sg_source_ref;

struct sg_check {
    sg_arena *a;                 /* what the case keeps */
    sg_arena *tmp;               /* what only the check needs: dropped
                                  * with the YAML tree after it */
    const sg_vocab *v;
    sg_case *c;
    sg_diags *d;
    const sg_value *front;
    const sg_case_key *parent;   /* the row whose item is being read */
    int errors;
    sg_source_ref *refs;
    size_t nrefs, caprefs;
};

void sg_check_report(sg_check *k, sg_severity sev, const sg_value *at,
                     const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
#define ERR(k, at, hint, ...) \
    sg_check_report((k), SG_ERROR, (at), (hint), __VA_ARGS__)
#define WARN(k, at, hint, ...) \
    sg_check_report((k), SG_WARNING, (at), (hint), __VA_ARGS__)

/* "funding: type" for a row of funding items, "founded" at the top. */
const char *sg_check_label(sg_check *k, const sg_case_key *key);
/* '"text"' of a scalar, else its type's name, for messages. */
const char *sg_check_got(sg_check *k, const sg_value *v);
/* A hint naming the word nearest to `word` in list `list`, or the list. */
const char *sg_check_hint(sg_check *k, const char *word, sg_list_id list,
                          const char *what);
/* What a word of list `list` is called in messages ("actor type"). */
const char *sg_check_what(sg_list_id list);
/* The example value of `key` in the vocabulary, for hints. */
const char *sg_check_example(sg_check *k, const sg_case_key *key,
                             const char *fallback);

/* Text of a scalar (numbers and booleans as written), cleaned of
 * characters no page may carry; NULL (after an error) for others. */
const char *sg_check_text(sg_check *k, const char *label, const sg_value *v);
bool sg_check_integer(sg_check *k, const char *label, const sg_value *v,
                      double lo, double hi, const char *what, double *out);
bool sg_check_number(sg_check *k, const char *label, const sg_value *v,
                     double lo, double hi, const char *example, double *out);
/* True for a list within the limits; an error for other values than a
 * list or null. */
bool sg_check_is_list(sg_check *k, const char *label, const sg_value *v);
/* A word of list `list`; -1 (and an error) when unknown. */
int sg_check_word(sg_check *k, const char *label, const sg_value *v,
                  sg_list_id list);
/* A count (SG_KT_COUNT): a number or a qualifying phrase. */
bool sg_check_count(sg_check *k, const sg_case_key *key, const sg_value *v,
                    sg_count *out);
/* A stage term of any framework. */
const sg_term *sg_check_stage(sg_check *k, const char *label,
                              const sg_value *v, const char **text);
/* Checks the keys of mapping `m` against `key`'s sub-table into `obj`:
 * each known key by its checker, an unknown one a warning, a missing
 * required one an error. */
void sg_check_map(sg_check *k, const sg_case_key *key, const sg_value *m,
                  void *obj);
/* For SG_KEY_CLAIM rows: the value itself, out of a mapping
 * {value, evidence, source} whose other keys go into *ev. */
const sg_value *sg_check_claim(sg_check *k, const sg_case_key *key,
                               const sg_value *x, sg_evidence *ev);
/* A year from 1000 to 2200, or 0 after an error. */
int sg_check_year(sg_check *k, const char *label, const sg_value *v);

/* Generic checkers for the rows of the table (sg_key_check). */
void sg_chk_text(sg_check *k, const sg_case_key *key, const sg_value *x,
                 void *obj);
void sg_chk_texts(sg_check *k, const sg_case_key *key, const sg_value *x,
                  void *obj);
void sg_chk_year(sg_check *k, const sg_case_key *key, const sg_value *x,
                 void *obj);
void sg_chk_number(sg_check *k, const sg_case_key *key, const sg_value *x,
                   void *obj);
void sg_chk_bool(sg_check *k, const sg_case_key *key, const sg_value *x,
                 void *obj);
void sg_chk_word(sg_check *k, const sg_case_key *key, const sg_value *x,
                 void *obj);
void sg_chk_mask(sg_check *k, const sg_case_key *key, const sg_value *x,
                 void *obj);
void sg_chk_word_list(sg_check *k, const sg_case_key *key,
                      const sg_value *x, void *obj);
void sg_chk_count(sg_check *k, const sg_case_key *key, const sg_value *x,
                  void *obj);
void sg_chk_source(sg_check *k, const sg_case_key *key, const sg_value *x,
                   void *obj);

/* Checkers of lists of items and their keys (case_items.c). */
#define SG_ITEM_CHECK(name) \
    void name(sg_check *k, const sg_case_key *key, const sg_value *x, \
              void *obj)
SG_ITEM_CHECK(sg_chk_activities);
SG_ITEM_CHECK(sg_chk_activity_type);
SG_ITEM_CHECK(sg_chk_funding);
SG_ITEM_CHECK(sg_chk_currency);
SG_ITEM_CHECK(sg_chk_share);
SG_ITEM_CHECK(sg_chk_history);
SG_ITEM_CHECK(sg_chk_history_stage);
SG_ITEM_CHECK(sg_chk_sources);
SG_ITEM_CHECK(sg_chk_url);
SG_ITEM_CHECK(sg_chk_initiators);
SG_ITEM_CHECK(sg_chk_alliances);
SG_ITEM_CHECK(sg_chk_partner);
#undef SG_ITEM_CHECK

#endif
