/* collection.h - all the cases under some paths, read and checked. */
#ifndef SG_COLLECTION_H
#define SG_COLLECTION_H

#include "case.h"

typedef struct sg_collection {
    sg_case **cases;    /* sorted by slug */
    size_t n;
    size_t files;       /* files read, including broken ones */
} sg_collection;

/* Reads every *.md under `paths` (a file counts as itself), checks each
 * and that slugs are unique; `jobs` threads read files side by side (the
 * result does not depend on their number). Returns 0 when no case has
 * an error. */
int sg_collection_load(sg_arena *a, const sg_vocab *v,
                       const char *const *paths, size_t npaths, int jobs,
                       const sg_progress *progress, sg_collection *col,
                       sg_diags *d);

#endif
