/* vocab.h - the domain vocabulary, loaded from vocabulary.yaml.
 *
 * The built-in file is compiled into gen; a user file given with
 * --vocabulary is merged over it. Lookups return indexes into the arrays
 * here, or -1; sets of gaps and stages are bit masks over those indexes.
 * Every list a case key draws its words from is also an sg_words in
 * `lists`, so that checks, hints and the schema treat them alike.
 */
#ifndef SG_VOCAB_H
#define SG_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "value.h"

#define SG_MAX_GAPS 16     /* gaps fit in an unsigned mask */
#define SG_MAX_STAGES 16

typedef unsigned sg_mask;

/* The vocabulary lists that case keys draw words from
 * (sg_case_key.words); SG_L_NONE is no list. */
typedef enum sg_list_id {
    SG_L_NONE,
    SG_L_GAPS, SG_L_ACTORS, SG_L_STAGES, SG_L_ACTIVITIES, SG_L_AS, SG_L_TRAITS,
    SG_L_MODELS, SG_L_GOVERNANCE, SG_L_FUNDING, SG_L_OBSTACLES,
    SG_L_COUNTRIES, SG_L_REACH, SG_L_SECTORS, SG_L_REGIONS,
    SG_L_FREQUENCIES, SG_L_FLOWS, SG_L_SHARES, SG_L_INFLUENCE,
    SG_L_INTERCONNECTIVITY, SG_L_MATURITY, SG_L_INITIATOR_TYPES,
    SG_L_INITIATOR_SECTORS, SG_L_INITIATOR_ROLES, SG_L_ALLIANCE_LEVELS,
    SG_L_ASSESSMENT, SG_L_MEASURES,
    SG_NLISTS
} sg_list_id;

typedef struct sg_spelling {        /* a folded spelling -> its entry */
    const char *form;
    const char *text;               /* as the vocabulary writes it */
    int index;
} sg_spelling;

/* One list of words: what a case writes (keys), what a page shows
 * (names), and for lists read with synonyms, every spelling a lookup
 * accepts, folded (sg_fold: case, accents, punctuation). */
typedef struct sg_words {
    const char *table;              /* its name in vocabulary.yaml */
    const char **keys, **names;
    size_t n;
    sg_spelling *spellings;         /* sorted by form; NULL: keys only */
    size_t nspellings;
} sg_words;

typedef struct sg_gap {
    const char *key, *name, *short_name, *between, *description;
    int number;                     /* as the report numbers it, 1.. */
} sg_gap;

typedef struct sg_actor_type {
    const char *key, *name;
    int gap;
} sg_actor_type;

typedef struct sg_stage {
    const char *key, *name, *description;
    const char *role;               /* NULL: no facilitator profile */
    const char **focus, **competencies;
    size_t nfocus, ncompetencies;
    int *tasks;                     /* activity type indexes */
    size_t ntasks;
} sg_stage;

typedef struct sg_term {
    const char *term;               /* as an author writes it */
    const char *framework;          /* framework key */
    const char *framework_name;
    int stage;                      /* canonical stage index */
} sg_term;

typedef struct sg_activity_type {
    const char *key;
    int as;                         /* usually: index into activity_as */
    sg_mask gaps, stages;
    size_t nwords;                  /* words in the key, for scoring */
    const char *why;                /* why an activity of this type bridges
                                       its gaps: one string for all cases */
} sg_activity_type;

/* A trait of Table 2: the value that votes for each of two models. */
typedef struct sg_trait {
    const char *key, *name;
    const char *value[2], *label[2];
    int model[2];                   /* the model each value votes for */
} sg_trait;

typedef struct sg_model {
    const char *key, *name, *description;
    bool mixed;                     /* stands for a split of the votes
                                       between the other models */
    bool allowed;                   /* in models_allowed: may be declared */
} sg_model;

typedef struct sg_governance {
    const char *key, *name;
    int model;                      /* the model it votes for, or -1 */
    bool has_owners;                /* goes with a list of owners */
} sg_governance;

typedef struct sg_funding_type {
    const char *key, *name;
    bool is_public;
    int model;                      /* the model it votes for, or -1 */
} sg_funding_type;

typedef struct sg_named {
    const char *key, *name, *description;
} sg_named;

typedef struct sg_alias {           /* normalised activity name -> type */
    const char *norm, *words, *text;
    int type;
} sg_alias;

/* A question of the self-assessment framework (002), in its group. */
typedef struct sg_question {
    const char *id, *text;
    const char **hints;
    size_t nhints;
    int group;
} sg_question;

typedef struct sg_question_group {
    const char *key, *name, *question, *sum_up;
} sg_question_group;

/* How a phrase qualifies a count ("about 40", "more than 100"). */
typedef enum sg_count_kind {
    SG_CW_ABOUT, SG_CW_ABOVE, SG_CW_AT_LEAST, SG_CW_AT_MOST, SG_CW_BELOW
} sg_count_kind;

typedef struct sg_count_word {
    const char *phrase;             /* lower case, as in the vocabulary */
    sg_count_kind kind;
} sg_count_word;

typedef struct sg_vocab {
    sg_value *root;                 /* the merged YAML, for templates */
    sg_words lists[SG_NLISTS];
    sg_gap *gaps;                size_t ngaps;
    sg_actor_type *actors;       size_t nactors;
    sg_stage *stages;            size_t nstages;
    sg_term *terms;              size_t nterms;
    sg_activity_type *acts;      size_t nacts;
    sg_alias *aliases;           size_t naliases;   /* sorted by norm */
    const char **activity_as;    size_t nactivity_as;
    sg_trait *traits;            size_t ntraits;
    sg_funding_type *funding;    size_t nfunding;
    sg_named *obstacles;         size_t nobstacles;
    sg_model *models;            size_t nmodels;
    int mixed_model;             /* the model of a split vote, or -1 */
    sg_governance *governance;   size_t ngovernance;
    sg_named *countries;         size_t ncountries;  /* sorted by code */
    sg_named *country_aliases;   size_t ncountry_aliases;  /* name -> code */
    const char **reach;          size_t nreach;
    const char **completeness;   size_t ncompleteness;
    const char **currency;       size_t ncurrency;
    double *currency_rate;       /* units of base_currency per unit */
    const char *base_currency;   /* the one with the rate 1 (EUR) */
    sg_question *questions;      size_t nquestions;
    sg_question_group *question_groups;  size_t nquestion_groups;
    sg_count_word *count_words;  size_t ncount_words;  /* longest first */
    const sg_value *case_keys;   /* `case_keys`: each key's doc and example */
} sg_vocab;

/* Loads the built-in vocabulary, then `extra` (a path, or NULL) over it.
 * Returns 0, or -1 after diagnostics naming the place in the file. */
int sg_vocab_load(sg_vocab *v, sg_arena *a, const char *extra, sg_diags *d);
/* The same with the extra vocabulary's text in memory, named `name`. */
int sg_vocab_load_text(sg_vocab *v, sg_arena *a, const char *name,
                       const char *text, size_t len, sg_diags *d);

/* The entry of list `list` that `word` names: its key exactly, or for a
 * list read with synonyms its key, name or a synonym, compared folded
 * (sg_fold). -1 when none. */
int sg_vocab_word(const sg_vocab *v, sg_list_id list, const char *word);
/* The nearest name (or key, for lists without names) of list `list` to
 * `word`, for a "did you mean"; NULL when none is close. */
const char *sg_vocab_nearest(const sg_vocab *v, sg_list_id list,
                             const char *word);

int sg_vocab_gap(const sg_vocab *v, const char *key);
int sg_vocab_actor(const sg_vocab *v, const char *key);
int sg_vocab_stage(const sg_vocab *v, const char *key);
/* A stage term of any framework (case-insensitive; canonical keys too). */
const sg_term *sg_vocab_term(const sg_vocab *v, const char *term);
int sg_vocab_activity(const sg_vocab *v, const char *key);
int sg_vocab_trait(const sg_vocab *v, const char *key);
int sg_vocab_funding(const sg_vocab *v, const char *key);
int sg_vocab_obstacle(const sg_vocab *v, const char *key);
int sg_vocab_model(const sg_vocab *v, const char *key);
int sg_vocab_governance(const sg_vocab *v, const char *key);
int sg_vocab_country(const sg_vocab *v, const char *code);
/* The code of a country written by name ("Denmark" -> "DK"), or NULL. */
const char *sg_vocab_country_by_name(const sg_vocab *v, const char *name);
int sg_vocab_reach(const sg_vocab *v, const char *key);
/* Units of the base currency (EUR) per unit, or a negative number for
 * an unknown currency. */
double sg_vocab_rate(const sg_vocab *v, const char *currency);

/* The activity type an activity's name stands for, or -1; `how` says
 * why ("synonym 'network gathering'") in an arena string. */
int sg_vocab_match_activity(const sg_vocab *v, sg_arena *a, const char *name,
                            const char **how);
/* The nearest activity type key for a "did you mean" (always one). */
const char *sg_vocab_nearest_activity(const sg_vocab *v, sg_arena *a,
                                      const char *name);

#endif
