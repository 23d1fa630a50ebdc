/* case_keys.h - the case format as one table of keys.
 *
 * Each row is one key of a case's front matter, or of a nested item
 * (an activity, a funding source ...: the row's `sub` table): its name,
 * its shape, the one checker that reads it into the typed sg_case, and
 * the vocabulary list it draws words from. `gen check` is a loop over
 * the table; `gen schema`, `gen new` and the required keys are derived
 * from it. The human words, a one-line doc and an example line per key,
 * are in the vocabulary's `case_keys` (domain words stay there); the
 * vocabulary does not load when a key lacks them or names no key.
 */
#ifndef SG_CASE_KEYS_H
#define SG_CASE_KEYS_H

#include "case.h"

typedef struct sg_check sg_check;          /* check_util.h */
typedef struct sg_case_key sg_case_key;

/* The shape of a value, as `gen schema` describes it. */
typedef enum sg_key_type {
    SG_KT_TEXT,        /* a line of text */
    SG_KT_INT,         /* a whole number from lo to hi (years too) */
    SG_KT_NUMBER,      /* a number from lo to hi */
    SG_KT_BOOL,
    SG_KT_WORD,        /* a word of the list `words` */
    SG_KT_WORDS,       /* a list of such words */
    SG_KT_TEXTS,       /* a list of texts */
    SG_KT_COUNT,       /* a number, or a phrase: "about 40", "15-20" */
    SG_KT_SHARE,       /* a number from 0 to 1, or a word of `words` */
    SG_KT_STAGE,       /* a stage term of any framework */
    SG_KT_TRAITS,      /* trait -> its value (vocabulary traits) */
    SG_KT_ANSWERS,     /* question id -> text (vocabulary assessment) */
    SG_KT_REF,         /* a source: its number in `sources`, or title */
    SG_KT_MAP,         /* a mapping of the keys `sub` */
    SG_KT_ITEMS        /* a list of mappings of the keys `sub` */
} sg_key_type;

#define SG_KEY_REQUIRED   1u   /* the case (or item) must give it */
#define SG_KEY_TEXT_ITEM  2u   /* SG_KT_ITEMS: an item may be plain text */
#define SG_KEY_CLAIM      4u   /* the value, or {value, evidence, source} */
#define SG_KEY_WHOLE      8u   /* SG_KT_COUNT: whole numbers only */

/* Reads `x`, the value of `key`, into `obj` (the sg_case, or the item
 * of a nested table); reports problems through `k`. */
typedef void (*sg_key_check)(sg_check *k, const sg_case_key *key,
                             const sg_value *x, void *obj);

struct sg_case_key {
    const char *name;
    sg_key_type type;
    sg_key_check check;         /* NULL: read by its parent (`value`) */
    size_t off, off2;           /* where generic checkers store in obj */
    sg_list_id words;           /* the vocabulary list, or SG_L_NONE */
    unsigned flags;             /* SG_KEY_* */
    double lo, hi;              /* range of numbers */
    const char *pattern;        /* for the schema: a regular expression */
    const sg_case_key *sub;     /* keys of the items or of the mapping */
    const char *item;           /* what one item is, for messages */
};

/* The top-level keys, in the order `gen new` writes them; the last row
 * has no name. */
extern const sg_case_key sg_case_keys[];

/* The row named `name` in `table`, or NULL. */
const sg_case_key *sg_case_key_find(const sg_case_key *table,
                                    const char *name);

/* The row of `table` that stores its value at `off` (offsetof the
 * record it fills), so that C code names a key only in the table. */
const sg_case_key *sg_case_key_at(const sg_case_key *table, size_t off);
/* The value in mapping `map` of that row's key, or NULL. */
const sg_value *sg_case_key_value(const sg_value *map,
                                  const sg_case_key *table, size_t off);

/* The doc line of `row` (in `parent`'s table, NULL for the top level)
 * from the vocabulary, and its example line in *example (may be NULL);
 * "" when the vocabulary has none. */
const char *sg_case_key_doc(const sg_vocab *v, const sg_case_key *parent,
                            const sg_case_key *row, const char **example);

/* The value part of the example line ("195" of "actors: 195"), for
 * hints; `fallback` when there is none. */
const char *sg_case_key_example_value(const sg_vocab *v,
                                      const sg_case_key *parent,
                                      const sg_case_key *row,
                                      const char *fallback);

/* True for a BCP 47 language tag ("en", "da-DK"): the case key `lang`
 * and the site setting of the same name. */
bool sg_lang_ok(const char *s);

#endif
