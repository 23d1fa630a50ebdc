/* collection.h - all the cases under some paths, read and checked. */
#ifndef SG_COLLECTION_H
#define SG_COLLECTION_H

#include "case.h"
#include "case_cache.h"

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

/* The same with a cache (may be NULL) kept across loads: a file whose
 * identity is unchanged is not read again (case_cache.h); the cases
 * given out are the build's own copies, in `a` (or the cache's own, when
 * it is in_place), and `v` must be the
 * cache's vocabulary (sg_case_cache_vocab). `listed` (may be NULL):
 * the case files of `paths` as the caller listed and stat'ed them (a
 * build's inputs), so that they are not listed and stat'ed again. */
int sg_collection_load_cached(sg_arena *a, const sg_vocab *v,
                              const char *const *paths, size_t npaths,
                              int jobs, const sg_progress *progress,
                              sg_case_cache *cache,
                              const sg_file_list *listed,
                              sg_collection *col, sg_diags *d);

#endif
