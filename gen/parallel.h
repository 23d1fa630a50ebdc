/* parallel.h - a loop whose iterations run on several threads.
 *
 * Reading, classifying and rendering are independent per case or page.
 * Threads take the next iteration as they become free, so one long
 * iteration does not hold the others up. Each thread gets its own arena
 * and diagnostics; when all are done, the caller's arena adopts the
 * threads' (what the iterations made lives on with it) and the
 * diagnostics are merged, so the result does not depend on the number
 * of threads as long as each iteration writes only its own results.
 */
#ifndef SG_PARALLEL_H
#define SG_PARALLEL_H

#include "diag.h"

/* Iteration `i` on thread number `thread` (0 is the caller's), which
 * may keep state of its own in a per-thread slot of `ctx`. */
typedef void (*sg_each_fn)(void *ctx, size_t i, unsigned thread,
                           sg_arena *a, sg_diags *d);

/* How many threads sg_parallel uses for these arguments: up to `jobs`,
 * each given at least `min_each` iterations (fewer for short loops). */
unsigned sg_parallel_threads(int jobs, size_t n, size_t min_each);

/* Runs fn for i in [0, n) on sg_parallel_threads(jobs, n, min_each)
 * threads, in order of i as threads become free; a thread that cannot
 * start leaves its share to the others. */
void sg_parallel(sg_arena *a, sg_diags *d, int jobs, size_t n,
                 size_t min_each, sg_each_fn fn, void *ctx);

#endif
