/* parallel.c - a loop's iterations on several threads. */
#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

typedef struct strand {
    sg_each_fn fn;
    void *ctx;
    size_t n;
    atomic_size_t *next;       /* shared: the next iteration to take */
    unsigned number;
    sg_arena arena;
    sg_diags d;
    pthread_t thread;
    bool started;
} strand;

static void *S_run(void *arg)
{
    strand *s = arg;
    for (size_t i; (i = atomic_fetch_add(s->next, 1)) < s->n;)
        s->fn(s->ctx, i, s->number, &s->arena, &s->d);
    return NULL;
}

unsigned sg_parallel_threads(int jobs, size_t n, size_t min_each)
{
    size_t nt = jobs > 1 ? (size_t)jobs : 1;
    if (min_each && nt > n / min_each + 1)
        nt = n / min_each + 1;
    return (unsigned)nt;
}

void sg_parallel(sg_arena *a, sg_diags *d, int jobs, size_t n,
                 size_t min_each, sg_each_fn fn, void *ctx)
{
    unsigned nt = sg_parallel_threads(jobs, n, min_each);
    strand *ss = sg_alloc(a, nt * sizeof *ss);
    atomic_size_t next;
    atomic_init(&next, 0);
    for (unsigned t = 0; t < nt; t++) {
        ss[t] = (strand){ .fn = fn, .ctx = ctx, .n = n, .next = &next,
                          .number = t, .arena = SG_ARENA_INIT };
        sg_diags_init(&ss[t].d, &ss[t].arena);
    }
    for (unsigned t = 1; t < nt; t++)
        ss[t].started = pthread_create(&ss[t].thread, NULL, S_run,
                                       &ss[t]) == 0;
    S_run(&ss[0]);     /* the caller's thread takes part, and so finishes
                        * what any thread that could not start left */
    for (unsigned t = 0; t < nt; t++) {
        if (ss[t].started)
            pthread_join(ss[t].thread, NULL);
        sg_diags_merge(d, &ss[t].d);
        sg_arena_adopt(a, &ss[t].arena);
    }
}
