/* parallel.h - a loop whose iterations run on several threads.
 *
 * Reading cases and classifying them are independent per case. Each
 * thread gets its own arena and diagnostics; when all are done, the
 * caller's arena adopts the threads' (what the iterations made lives on
 * with it) and the diagnostics are merged, thread by thread, so the
 * result does not depend on the number of threads as long as each
 * iteration writes only its own results.
 */
#ifndef SG_PARALLEL_H
#define SG_PARALLEL_H

#include "diag.h"

/* Iteration `i` on thread number `thread` (0 is the caller's). */
typedef void (*sg_each_fn)(void *ctx, size_t i, unsigned thread,
                           sg_arena *a, sg_diags *d);

/* Runs fn for i in [0, n) on up to `jobs` threads, each given at least
 * `min_each` iterations (fewer threads for short loops). Thread t takes
 * i = t, t + threads, ...; a thread that cannot start runs on the caller's. */
void sg_parallel(sg_arena *a, sg_diags *d, int jobs, size_t n,
                 size_t min_each, sg_each_fn fn, void *ctx);

#endif
