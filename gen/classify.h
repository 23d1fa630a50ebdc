/* classify.h - what the generator derives from a case, with reasons.
 *
 * Stage (declared, inferred from activities, agreement), organisational
 * model (declared, inferred from traits, governance and funding, with
 * each vote), gap coverage (per activity and per gap), funding
 * indicators, the facilitator profile the stage calls for, and
 * completeness. Every conclusion carries short sentences saying why,
 * because readers must be able to check a classification, not trust it.
 */
#ifndef SG_CLASSIFY_H
#define SG_CLASSIFY_H

#include "case.h"

typedef struct sg_act_class {
    sg_mask gaps;
    const char *why;        /* "connects firms, research" ... */
} sg_act_class;

typedef struct sg_vote {
    const char *what;       /* "participants: open", "governance: owners" */
    int model;              /* the vocabulary's model it votes for */
} sg_vote;

/* How a stage or model was arrived at. */
typedef enum sg_evidence_level {
    SG_EVIDENCE_NOT_ENOUGH,      /* neither declared nor inferable */
    SG_EVIDENCE_DECLARED,        /* the author's (and the source's) */
    SG_EVIDENCE_INFERRED         /* from signals the reasons name */
} sg_evidence_level;

typedef struct sg_class {
    /* stage: canonical indexes, -1 when unknown */
    sg_evidence_level stage_evidence;
    bool stage_assumed;                /* inferred through a mapping that
                                        * is this site's assumption */
    int stage_declared, stage_inferred, stage_final;
    int stage_agrees;                  /* -1 unknown, 0, 1 */
    double *stage_score;               /* per canonical stage */
    const char **stage_reasons;
    size_t nstage_reasons;

    /* model: indexes into the vocabulary's models, -1 unknown */
    sg_evidence_level model_evidence;
    int model_declared, model_inferred, model_final;
    int model_agrees;                  /* -1 unknown, 0, 1 */
    sg_vote *votes;
    size_t nvotes;
    int *nvotes_for;                   /* per model */
    const char *model_reason;

    /* gaps */
    sg_act_class *acts;                /* one per case activity */
    bool gaps_recorded;                /* it lists activities: without
                                        * them nothing is known of its
                                        * gaps, and none is empty */
    sg_mask covered;
    int *bridges;                      /* per gap: activities spanning it */

    /* funding, per year in EUR; shares are 0..1, negative when unknown */
    bool has_total;
    double total_eur;
    double largest_share, public_share;
    const char *largest_source;
    double *mix;                       /* per funding type, EUR per year */
    bool shares_only;                  /* computed from `share` values */

    /* stage fit: the final stage's facilitator profile */
    int fit_stage;                     /* -1: no profile for the stage */
    int *missing_tasks;                /* activity types not shown */
    size_t nmissing;
    int *shown_tasks;
    size_t nshown;

    /* completeness: which facts are given is the case's `given` */
    size_t npresent, nabsent;
    double completeness;               /* 0..1 */
} sg_class;

/* Classifies `c` (which must have been read without errors). Never
 * fails: what cannot be derived is left unknown, with a reason. */
void sg_classify(sg_arena *a, const sg_vocab *v, const sg_case *c,
                 sg_class *out);

/* The seven-character gap strip: each gap's number where bridged, '.'
 * where empty ("12..5.7"). Arena string. */
const char *sg_gap_strip(sg_arena *a, const sg_vocab *v, sg_mask covered);

#endif
