/* vocab.h - the domain vocabulary, loaded from vocabulary.yaml.
 *
 * The built-in file is compiled into gen; a user file given with
 * --vocabulary is merged over it. Lookups return indexes into the arrays
 * here, or -1; sets of gaps and stages are bit masks over those indexes.
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

typedef struct sg_gap {
    const char *key, *name, *short_name, *between, *description;
    int number;
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
    bool project;                   /* usually a project (else a service) */
    sg_mask gaps, stages;
    size_t nwords;                  /* words in the key, for scoring */
    const char *why;                /* why an activity of this type bridges
                                       its gaps: one string for all cases */
} sg_activity_type;

typedef struct sg_trait {
    const char *key, *name;
    const char *value[2], *label[2];  /* [0] membership, [1] partnership */
} sg_trait;

typedef struct sg_funding_type {
    const char *key, *name;
    bool is_public;
    int model;                      /* -1, 0 membership, 1 partnership */
} sg_funding_type;

typedef struct sg_named {
    const char *key, *name, *description;
} sg_named;

typedef struct sg_alias {           /* normalised activity name -> type */
    const char *norm, *words, *text;
    int type;
} sg_alias;

typedef struct sg_vocab {
    sg_value *root;                 /* the merged YAML, for templates */
    sg_gap *gaps;                size_t ngaps;
    sg_actor_type *actors;       size_t nactors;
    sg_stage *stages;            size_t nstages;
    sg_term *terms;              size_t nterms;
    sg_activity_type *acts;      size_t nacts;
    sg_alias *aliases;           size_t naliases;   /* sorted by norm */
    sg_trait *traits;            size_t ntraits;
    sg_funding_type *funding;    size_t nfunding;
    sg_named *obstacles;         size_t nobstacles;
    sg_named *models;            size_t nmodels;
    sg_named *governance;        size_t ngovernance;
    int *governance_model;
    sg_named *countries;         size_t ncountries;  /* sorted by code */
    const char **reach;          size_t nreach;
    const char **completeness;   size_t ncompleteness;
    const char **currency;       size_t ncurrency;
    double *currency_rate;
} sg_vocab;

/* Loads the built-in vocabulary, then `extra` (a path, or NULL) over it.
 * Returns 0, or -1 after diagnostics naming the place in the file. */
int sg_vocab_load(sg_vocab *v, sg_arena *a, const char *extra, sg_diags *d);
/* The same with the extra vocabulary's text in memory, named `name`. */
int sg_vocab_load_text(sg_vocab *v, sg_arena *a, const char *name,
                       const char *text, size_t len, sg_diags *d);

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
/* EUR per unit, or a negative number for an unknown currency. */
double sg_vocab_rate(const sg_vocab *v, const char *currency);

/* The activity type an activity's name stands for, or -1; `how` says
 * why ("synonym 'network gathering'") in an arena string. */
int sg_vocab_match_activity(const sg_vocab *v, sg_arena *a, const char *name,
                            const char **how);
/* The nearest activity type key for a "did you mean" (always one). */
const char *sg_vocab_nearest_activity(const sg_vocab *v, sg_arena *a,
                                      const char *name);

#endif
