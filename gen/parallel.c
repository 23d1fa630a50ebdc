/* parallel.c - a loop's iterations on several threads. */
#include "parallel.h"

#include <pthread.h>
#include <stdbool.h>

typedef struct strand {
    sg_each_fn fn;
    void *ctx;
    size_t n, first, step;
    sg_arena arena;
    sg_diags d;
    pthread_t thread;
    bool started;
} strand;

static void *S_run(void *arg)
{
    strand *s = arg;
    for (size_t i = s->first; i < s->n; i += s->step)
        s->fn(s->ctx, i, (unsigned)s->first, &s->arena, &s->d);
    return NULL;
}

void sg_parallel(sg_arena *a, sg_diags *d, int jobs, size_t n,
                 size_t min_each, sg_each_fn fn, void *ctx)
{
    size_t nt = jobs > 1 ? (size_t)jobs : 1;
    if (min_each && nt > n / min_each + 1)
        nt = n / min_each + 1;
    strand *ss = sg_alloc(a, nt * sizeof *ss);
    for (size_t t = 0; t < nt; t++) {
        ss[t] = (strand){ .fn = fn, .ctx = ctx, .n = n, .first = t,
                          .step = nt, .arena = SG_ARENA_INIT };
        sg_diags_init(&ss[t].d, &ss[t].arena);
    }
    for (size_t t = 1; t < nt; t++)
        ss[t].started = pthread_create(&ss[t].thread, NULL, S_run,
                                       &ss[t]) == 0;
    for (size_t t = 0; t < nt; t++)
        if (t == 0 || !ss[t].started)
            S_run(&ss[t]);
    for (size_t t = 0; t < nt; t++) {
        if (ss[t].started)
            pthread_join(ss[t].thread, NULL);
        sg_diags_merge(d, &ss[t].d);
        sg_arena_adopt(a, &ss[t].arena);
    }
}
