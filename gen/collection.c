/* collection.c - reading a folder of cases, several files at a time. */
#include "collection.h"

#include <pthread.h>
#include <stdatomic.h>

#include "case_read.h"
#include "fs.h"

sg_progress_fn sg_collection_progress;

/* One reading thread: every step-th file, into its own arena and
 * diagnostics, handed to the collection's when all are done. */
typedef struct reader {
    const sg_vocab *v;
    const char **files;
    sg_case **cases;
    size_t nfiles, first, step;
    atomic_size_t *done;
    bool progress;
    sg_arena arena;
    sg_diags d;
    pthread_t thread;
    bool started;
} reader;

static void *S_read(void *arg)
{
    reader *r = arg;
    for (size_t i = r->first; i < r->nfiles; i += r->step) {
        sg_case *c = sg_alloc(&r->arena, sizeof *c);
        sg_case_read(&r->arena, r->v, r->files[i], c, &r->d);
        r->cases[i] = c;
        size_t n = atomic_fetch_add(r->done, 1) + 1;
        if (r->progress && sg_collection_progress && n % 512 == 0 &&
            n < r->nfiles)
            sg_collection_progress("cases read", n, r->nfiles);
    }
    return NULL;
}

int sg_collection_load(sg_arena *a, const sg_vocab *v,
                       const char *const *paths, size_t npaths, int jobs,
                       sg_collection *col, sg_diags *d)
{
    size_t errors = d->errors;
    const char **files = NULL;
    size_t nfiles = 0;
    col->cases = NULL;
    col->n = col->files = 0;
    for (size_t i = 0; i < npaths; i++)
        sg_find_files(a, paths[i], ".md", &files, &nfiles, d);
    col->cases = sg_alloc(a, (nfiles + 1) * sizeof *col->cases);
    size_t nr = jobs > 1 ? (size_t)jobs : 1;
    if (nr > nfiles / 16 + 1)
        nr = nfiles / 16 + 1;       /* a few files are read faster alone */
    reader *rs = sg_alloc(a, nr * sizeof *rs);
    atomic_size_t done = 0;
    for (size_t j = 0; j < nr; j++) {
        rs[j] = (reader){ .v = v, .files = files, .cases = col->cases,
                          .nfiles = nfiles, .first = j, .step = nr,
                          .done = &done, .progress = j == 0 };
        sg_diags_init(&rs[j].d, &rs[j].arena);
    }
    for (size_t j = 1; j < nr; j++)
        rs[j].started = pthread_create(&rs[j].thread, NULL, S_read,
                                       &rs[j]) == 0;
    for (size_t j = 0; j < nr; j++)
        if (j == 0 || !rs[j].started)
            S_read(&rs[j]);         /* this thread's share, or a lost one */
    for (size_t j = 0; j < nr; j++) {
        if (rs[j].started)
            pthread_join(rs[j].thread, NULL);
        sg_diags_merge(d, &rs[j].d);
        sg_arena_adopt(a, &rs[j].arena);
    }
    if (sg_collection_progress && nfiles)
        sg_collection_progress("cases read", nfiles, nfiles);
    col->n = col->files = nfiles;
    sg_cases_unique(col->cases, col->n, d);
    return d->errors == errors ? 0 : -1;
}
