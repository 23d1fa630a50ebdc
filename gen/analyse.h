/* analyse.h - what a build knows of all its cases together.
 *
 * The step between classifying each case and building any view: the
 * groups of cases by stage, model, gap, sector and country, and each
 * case's related cases. Views and exports only read it. Every group is
 * made in one pass over the cases or by sorting case numbers, and
 * related cases are chosen from a bounded window of neighbours, so the
 * cost stays n log n in the number of cases.
 */
#ifndef SG_ANALYSE_H
#define SG_ANALYSE_H

#include "classify.h"

#define SG_RELATED 5           /* related cases per case */

/* Cases that share a key; `idx` are case numbers, in title order. */
typedef struct sg_group {
    const char *key;           /* its folder: "life-science", "dk" */
    const char *name;          /* as its first case writes it */
    size_t *idx;
    size_t n;
} sg_group;

/* Why a case is related to another. */
enum sg_related_why { SG_SAME_SECTOR_AND_STAGE, SG_SAME_SECTOR, SG_SAME_STAGE };

typedef struct sg_related {
    size_t idx[SG_RELATED];    /* case numbers, best first */
    unsigned char why[SG_RELATED];   /* enum sg_related_why */
    size_t n;
} sg_related;

typedef struct sg_analysis {
    size_t n;                  /* cases, numbered in title order */
    /* by canonical stage, then one more for cases with no stage */
    sg_group *stages;          size_t nstages;
    /* by model of the vocabulary */
    sg_group *models;          size_t nmodels;
    /* by gap: the cases that bridge it, and those that leave it empty;
     * a case with no activities is in neither, but in `unrecorded` */
    sg_group *bridged, *empty; size_t ngaps;
    sg_group unrecorded;
    /* by sector and by country (a cross-border case in each of its
     * countries), in the collation order of their names (gen/collate.h) */
    sg_group *sectors;         size_t nsectors;
    sg_group *countries;       size_t ncountries;
    /* by region of the vocabulary (001's city regions), in the
     * collation order of their names; cases with no known region are in
     * none */
    sg_group *regions;         size_t nregions;
    size_t *sector_of;         /* per case: its group in `sectors` */
    const char **country_key;  /* per case: its first country's folder */
    sg_related *related;       /* per case */
} sg_analysis;

/* Analyses `n` classified cases, in title order. Never fails. */
void sg_analyse(sg_arena *a, const sg_vocab *v, sg_case *const *cases,
                const sg_class *classes, size_t n, sg_analysis *out);

#endif
