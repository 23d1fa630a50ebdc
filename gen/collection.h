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

/* The write-ups an earlier build checked and found nothing to say about,
 * from its own file alone (no relative link or image): the check of the
 * same bytes, by a build made from the same other inputs, would say
 * nothing again, so it is not made (the case then links no file or case,
 * as such a write-up does not). Each is known by its key,
 * sg_writeup_key. */
typedef struct sg_wu_known {
    unsigned long long global;       /* the inputs every key holds */
    const unsigned long long *keys;  /* the earlier build's, sorted */
    size_t nkeys;
    /* out: this load's such write-ups' keys, and how many of them were
     * known (not checked) */
    unsigned long long *quiet;
    size_t nquiet, skipped;
} sg_wu_known;

unsigned long long sg_writeup_key(unsigned long long global,
                                  const sg_case *c);

/* Reads every *.md under `paths` (a file counts as itself), checks each
 * and that slugs are unique; `jobs` threads read files side by side (the
 * result does not depend on their number). `wk` (may be NULL) says which
 * write-ups need no check and gets this load's. Returns 0 when no case
 * has an error. */
int sg_collection_load(sg_arena *a, const sg_vocab *v,
                       const char *const *paths, size_t npaths, int jobs,
                       const sg_progress *progress, sg_wu_known *wk,
                       sg_collection *col, sg_diags *d);

/* The same with a cache (may be NULL) kept across loads: a file whose
 * identity is unchanged is not read again (case_cache.h); the cases
 * given out are the build's own copies, in `a`, and `v` must be the
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
