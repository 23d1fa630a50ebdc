/* collection.c - reading a folder of cases, several files at a time. */
#include "collection.h"

#include <stdatomic.h>

#include "case_check.h"
#include "case_read.h"
#include "fs.h"
#include "parallel.h"
#include "writeup.h"

typedef struct reading {
    const sg_vocab *v;
    const char **files;
    sg_case **cases;
    size_t nfiles;
    atomic_size_t done;
    const sg_progress *progress;    /* may be NULL */
} reading;

static void S_read(void *ctx, size_t i, unsigned thread, sg_arena *a,
                   sg_diags *d)
{
    reading *r = ctx;
    sg_case *c = sg_alloc(a, sizeof *c);
    sg_case_read(a, r->v, r->files[i], c, d);
    r->cases[i] = c;
    size_t n = atomic_fetch_add(&r->done, 1) + 1;
    if (thread == 0 && r->progress && r->progress->fn && n % 512 == 0 &&
        n < r->nfiles)
        r->progress->fn(r->progress->ctx, "cases read", n, r->nfiles);
}

int sg_collection_load(sg_arena *a, const sg_vocab *v,
                       const char *const *paths, size_t npaths, int jobs,
                       const sg_progress *progress, sg_collection *col,
                       sg_diags *d)
{
    size_t errors = d->errors;
    const char **files = NULL;
    size_t nfiles = 0;
    col->cases = NULL;
    col->n = col->files = 0;
    for (size_t i = 0; i < npaths; i++)
        sg_find_files(a, paths[i], ".md", &files, &nfiles, d);
    col->cases = sg_alloc(a, (nfiles + 1) * sizeof *col->cases);
    reading r = { .v = v, .files = files, .cases = col->cases,
                  .nfiles = nfiles, .progress = progress };
    atomic_init(&r.done, 0);
    /* a thread for fewer than 16 files costs more than it saves */
    sg_parallel(a, d, jobs, nfiles, 16, S_read, &r);
    if (progress && progress->fn && nfiles)
        progress->fn(progress->ctx, "cases read", nfiles, nfiles);
    col->n = col->files = nfiles;
    sg_cases_unique(col->cases, col->n, d);
    sg_cases_check_partners(col->cases, col->n, d);
    /* the write-ups' links need every slug: after all are read */
    sg_writeups_check(a, col->cases, col->n, paths, npaths, jobs, d);
    return d->errors == errors ? 0 : -1;
}
