/* collection.c - reading a folder of cases, several files at a time. */
#include "collection.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
    const sg_diag **said;           /* per file, what reading it said, to
                                     * keep (a cache), or NULL */
    size_t *nsaid;
} reading;

static void S_read(void *ctx, size_t i, unsigned thread, sg_arena *a,
                   sg_diags *d)
{
    reading *r = ctx;
    sg_case *c = sg_alloc(a, sizeof *c);
    if (r->said) {
        sg_diags own;
        sg_diags_init(&own, a);
        sg_case_read(a, r->v, r->files[i], c, &own);
        r->said[i] = own.items;
        r->nsaid[i] = own.n;
        sg_diags_merge(d, &own);
    } else {
        sg_case_read(a, r->v, r->files[i], c, d);
    }
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

/* A case and the number of the file it came from. */
typedef struct placed {
    const sg_case *c;
    size_t i;
} placed;

static int S_cmp_pos(const void *x, const void *y)
{
    uintptr_t a = (uintptr_t)((const placed *)x)->c,
              b = (uintptr_t)((const placed *)y)->c;
    return a < b ? -1 : a > b;
}

/* Says again what a kept case said when it was read. */
static void S_replay(sg_diags *d, const sg_diag *said, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sg_diag_add(d, said[i].sev, said[i].file,
                    ((sg_mark){ said[i].line, said[i].col }), said[i].hint,
                    "%s", said[i].msg);
}

static int S_cmp_entry(const void *x, const void *y)
{
    return strcmp(((const sg_cc_entry *)x)->path,
                  ((const sg_cc_entry *)y)->path);
}

int sg_collection_load_cached(sg_arena *a, const sg_vocab *v,
                              const char *const *paths, size_t npaths,
                              int jobs, const sg_progress *progress,
                              sg_case_cache *cc,
                              const sg_file_list *listed,
                              sg_collection *col, sg_diags *d)
{
    if (!cc)
        return sg_collection_load(a, v, paths, npaths, jobs, progress, col,
                                  d);
    size_t errors = d->errors;
    sg_case_cache_trim(cc);
    const char **files = NULL;
    size_t nfiles = 0;
    if (listed) {
        files = listed->paths;
        nfiles = listed->n;
    } else {
        for (size_t i = 0; i < npaths; i++)
            sg_find_files(a, paths[i], ".md", &files, &nfiles, d);
    }
    /* which files are known, unchanged, and which are read */
    long long now = listed ? listed->now_ns : sg_now_ns();
    sg_file_id *ids = sg_alloc(a, (nfiles + 1) * sizeof *ids);
    bool *keep = sg_alloc(a, nfiles + 1);
    const sg_cc_entry **hit = sg_alloc(a, (nfiles + 1) * sizeof *hit);
    size_t *mi = sg_alloc(a, (nfiles + 1) * sizeof *mi), nmiss = 0;
    const char **mfiles = sg_alloc(a, (nfiles + 1) * sizeof *mfiles);
    for (size_t i = 0; i < nfiles; i++) {
        if (listed) {
            ids[i] = listed->ids[i];
            keep[i] = sg_file_settled(&ids[i], now);
        } else {
            keep[i] = sg_file_identity(files[i], now, &ids[i]);
        }
        hit[i] = keep[i] ? sg_case_cache_find(cc, files[i], &ids[i]) : NULL;
        if (!hit[i]) {
            mi[i] = nmiss;
            mfiles[nmiss++] = files[i];
        }
    }
    /* the others are read into the cache's arena, to stay there */
    sg_case **mcases = sg_alloc(a, (nmiss + 1) * sizeof *mcases);
    const sg_diag **said = sg_alloc(a, (nmiss + 1) * sizeof *said);
    size_t *nsaid = sg_alloc(a, (nmiss + 1) * sizeof *nsaid);
    reading r = { .v = v, .files = mfiles, .cases = mcases, .nfiles = nmiss,
                  .progress = progress, .said = said, .nsaid = nsaid };
    atomic_init(&r.done, 0);
    if (nmiss)
        sg_parallel(&cc->arena, d, jobs, nmiss, 16, S_read, &r);
    if (progress && progress->fn && nfiles)
        progress->fn(progress->ctx, "cases read", nfiles, nfiles);
    /* the build gets copies: what it sets in a case (a slug's clash, the
     * write-up's links) is its own; a cache of this build alone gives
     * the cases themselves (what it keeps of them leaves those out) */
    sg_case *copies = cc->in_place ? NULL
                                   : sg_alloc(a, (nfiles + 1) * sizeof *copies);
    col->cases = sg_alloc(a, (nfiles + 1) * sizeof *col->cases);
    placed *pos = sg_alloc(a, (nfiles + 1) * sizeof *pos);
    for (size_t i = 0; i < nfiles; i++) {
        sg_case *c = hit[i] ? (sg_case *)hit[i]->c : mcases[mi[i]];
        if (copies) {
            copies[i] = *c;
            c = &copies[i];
        }
        col->cases[i] = c;
        pos[i] = (placed){ c, i };
        if (hit[i])
            S_replay(d, hit[i]->said, hit[i]->nsaid);
    }
    col->n = col->files = nfiles;
    sg_cases_unique(col->cases, col->n, d);
    sg_cases_check_partners(col->cases, col->n, d);
    /* which file each case came from, in the order the check left them */
    if (nfiles > 1) /* qsort(NULL, 0) is undefined */
        qsort(pos, nfiles, sizeof *pos, S_cmp_pos);
    size_t *from = sg_alloc(a, (nfiles + 1) * sizeof *from);
    for (size_t k = 0; k < nfiles; k++) {
        placed key = { col->cases[k], 0 };
        from[k] = ((placed *)bsearch(&key, pos, nfiles, sizeof *pos,
                                    S_cmp_pos))->i;
    }
    sg_writeup_note *notes = sg_alloc(a, (nfiles + 1) * sizeof *notes);
    cc->wu_hits = 0;
    for (size_t k = 0; k < nfiles; k++) {
        const sg_cc_entry *e = hit[from[k]];
        if (e && e->wu_known) {
            notes[k].skip = true;
            cc->wu_hits++;
            S_replay(d, e->wu_said, e->nwu);
        }
    }
    sg_writeups_check_noted(a, col->cases, col->n, paths, npaths, jobs,
                            notes, d);
    /* the cache now: the files found, as read; one gone is dropped */
    sg_cc_entry *ne = malloc((nfiles + 1) * sizeof *ne);
    size_t nn = 0;
    for (size_t k = 0; ne && k < nfiles; k++) {
        size_t i = from[k];
        sg_cc_entry e;
        if (hit[i]) {
            e = *hit[i];
        } else if (keep[i]) {
            e = (sg_cc_entry){ .path = mcases[mi[i]]->file, .id = ids[i],
                               .c = mcases[mi[i]], .said = said[mi[i]],
                               .nsaid = nsaid[mi[i]] };
        } else {
            continue;          /* changed too recently: read next time */
        }
        if (!e.wu_known && notes[k].pure) {
            e.wu_known = true;
            e.wu_said = sg_case_cache_said(cc, notes[k].said,
                                           notes[k].nsaid);
            e.nwu = notes[k].nsaid;
        }
        ne[nn++] = e;
    }
    if (nn)
        qsort(ne, nn, sizeof *ne, S_cmp_entry);
    free(cc->entries);
    cc->entries = ne;
    cc->n = ne ? nn : 0;
    if (nmiss == nfiles)
        cc->fresh = cc->arena.total;
    cc->hits = nfiles - nmiss;
    cc->reads = nmiss;
    return d->errors == errors ? 0 : -1;
}
