/* site.c - the build: plan every page, render it, check it, publish. */
#include "site.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "case_cache.h"
#include "case_store.h"
#include "cite.h"
#include "classify.h"
#include "collate.h"
#include "collection.h"
#include "export.h"
#include "fs.h"
#include "links.h"
#include "manifest.h"
#include "pages.h"
#include "parallel.h"
#include "publish.h"
#include "settings.h"
#include "strset.h"
#include "tpl_dir.h"
#include "view.h"
#include "writeup.h"

/* Classification, a case at a time on the build's threads. */
struct classifying {
    const sg_vocab *v;
    sg_case **cases;
    sg_class *classes;
};

static void S_classify_one(void *ctx, size_t i, unsigned thread,
                           sg_arena *a, sg_diags *d)
{
    struct classifying *cl = ctx;
    (void)thread;
    (void)d;
    sg_classify(a, cl->v, cl->cases[i], &cl->classes[i]);
}

/* a case and its title's collation key (gen/collate.h) */
typedef struct titled {
    const char *key;
    sg_case *c;
} titled;

static int S_cmp_title(const void *x, const void *y)
{
    const titled *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : strcmp(a->c->slug, b->c->slug);
}

/* Sorts the cases by title as a reader expects ("Øresund IT" with the
 * O's), ties by slug so that the order never depends on the input's. */
static void S_sort_titles(sg_case **cases, size_t n)
{
    /* the keys only sort: 150 bytes a case, dropped after */
    sg_arena tmp = SG_ARENA_INIT;
    titled *t = sg_alloc(&tmp, (n + 1) * sizeof *t);
    for (size_t i = 0; i < n; i++)
        t[i] = (titled){ sg_collate_key(&tmp, cases[i]->title), cases[i] };
    if (n)
        qsort(t, n, sizeof *t, S_cmp_title);
    for (size_t i = 0; i < n; i++)
        cases[i] = t[i].c;
    sg_arena_free(&tmp);
}

/* What one rendering thread keeps between its tasks. */
typedef struct strand_state {
    bool ready;
    sg_arena scratch;          /* what one page needs, then dropped */
    sg_arena_mark empty;
    sg_buf page;
    sg_links links;
    sg_publish_stats ps;
    size_t rendered;           /* outputs rendered, not kept */
    size_t rows, rows_copied;  /* in the row exports rendered */
} strand_state;

/* ---- fingerprints: what each output is made from (manifest.h) ---- */

/* Values whose hash is known before the pages are: the site view, each
 * case view (by its key: sg_view_case_key), and what several pages share
 * (the comparison tables). */
typedef struct known {
    const sg_case_entry *entries;
    unsigned long long *cases;      /* by entry; 0 while being made */
    const sg_value **shared;
    unsigned long long *shared_h;
    size_t nshared;
    unsigned long long site;        /* the site view's hash */
    /* the shared values' hashes by key, this build's (pairs) */
    unsigned long long *memo;
    size_t nmemo;
} known;

static bool S_known(void *ctx, const sg_value *v, unsigned long long *h)
{
    const known *k = ctx;
    if (v->type == SG_LAZY && v->u.lazy.build == sg_view_case && k->cases) {
        const sg_case_entry *e = v->u.lazy.arg;
        if (k->cases[e->i]) {
            *h = k->cases[e->i];
            return true;
        }
        return false;
    }
    if (v->type != SG_MAP && v->type != SG_LIST)
        return false;
    for (size_t i = 0; i < k->nshared; i++)
        if (k->shared[i] == v && k->shared_h[i]) {
            *h = k->shared_h[i];
            return true;
        }
    return false;
}

/* The keys of every case view, the hashes of the site view and of the
 * values more than one page shows at their top. A shared value is made
 * from the build's global inputs and its cases (every value is): with
 * `global` set, its key is those hashed with every case view's key, and
 * a hash the last build made with the same key (`was`: pairs) is taken
 * without hashing it again (the comparison tables take a tenth of a
 * second at 10,000 cases). */
static void S_known_make(known *k, sg_arena *a, const sg_plan *pl,
                         const sg_case_entry *entries, size_t n,
                         unsigned long long global,
                         const unsigned long long *was, size_t nwas)
{
    memset(k, 0, sizeof *k);
    k->entries = entries;
    k->cases = sg_alloc(a, (n + 1) * sizeof *k->cases);
    memset(k->cases, 0, (n + 1) * sizeof *k->cases);
    for (size_t i = 0; i < n; i++)      /* a few strings each: cheap */
        k->cases[i] = sg_view_case_key(&entries[i]);
    size_t cap = 16, *count;
    k->shared = sg_alloc(a, cap * sizeof *k->shared);
    count = sg_alloc(a, cap * sizeof *count);
    k->shared[k->nshared] = pl->site;
    count[k->nshared++] = 2;
    for (size_t i = 0; i < pl->n; i++) {
        const sg_value *ctx = pl->pages[i].ctx;
        for (size_t j = 0; ctx && j < ctx->u.map.n; j++) {
            const sg_value *v = ctx->u.map.items[j].val;
            if (v->type != SG_MAP && v->type != SG_LIST)
                continue;
            size_t s = 0;
            while (s < k->nshared && k->shared[s] != v)
                s++;
            if (s == k->nshared) {
                if (k->nshared == cap) {
                    size_t c2 = cap;
                    k->shared = sg_grow(a, k->shared, &c2, 16,
                                        sizeof *k->shared);
                    count = sg_grow(a, count, &cap, 16, sizeof *count);
                }
                k->shared[k->nshared] = v;
                count[k->nshared++] = 0;
            }
            count[s]++;
        }
    }
    /* only those seen twice are worth remembering: every value hashed
     * is looked up among them */
    size_t keep = 0;
    for (size_t s = 0; s < k->nshared; s++)
        if (count[s] >= 2)
            k->shared[keep++] = k->shared[s];
    k->nshared = keep;
    k->shared_h = sg_alloc(a, (k->nshared + 1) * sizeof *k->shared_h);
    memset(k->shared_h, 0, (k->nshared + 1) * sizeof *k->shared_h);
    sg_fp all = SG_FP_INIT;
    sg_fp_u64(&all, global);
    sg_fp_u64(&all, n);
    for (size_t i = 0; i < n; i++)
        sg_fp_u64(&all, k->cases[i]);
    k->memo = sg_alloc(a, (2 * k->nshared + 1) * sizeof *k->memo);
    sg_arena tmp = SG_ARENA_INIT;
    for (size_t s = 0; s < k->nshared; s++) {
        sg_fp key = all;
        sg_fp_u64(&key, s);
        unsigned long long mk = sg_fp_done(&key);
        size_t j = 0;
        while (global && j < nwas && was[j] != mk)
            j += 2;
        if (global && j < nwas) {
            k->shared_h[s] = was[j + 1];
        } else {
            sg_fp f = SG_FP_INIT;
            sg_fp_value(&f, k->shared[s], &tmp, S_known, k);
            k->shared_h[s] = sg_fp_done(&f);
        }
        if (global) {
            k->memo[k->nmemo++] = mk;
            k->memo[k->nmemo++] = k->shared_h[s];
        }
        if (k->shared[s] == pl->site)
            k->site = k->shared_h[s];
    }
    sg_arena_free(&tmp);
}

/* The render loop's tasks: making the case pages' folders (the kernel
 * makes folders one at a time in a parent, so one thread does it while
 * others render), the exports, the pages that list many cases, then the
 * case pages, so no thread is left with a long one at the end. */
typedef struct rendering {
    const sg_build_opts *o;
    const sg_plan *pl;
    const size_t *order;       /* pages, in the order to take them */
    const char *const *dirs;   /* the case pages' folders, made first */
    sg_tpl_dir *td;            /* frozen: only read */
    const sg_case_entry *entries;   /* only read */
    size_t ncases;
    const sg_publish *pub;
    sg_strset *files;
    strand_state *strands;     /* one per thread */
    atomic_size_t done;        /* pages rendered by all threads */
    /* the fingerprints: of everything every output shares (templates,
     * vocabulary, options, binary), of each output (by page, then by
     * export), its size, and what the last build recorded */
    unsigned long long global;
    unsigned long long *fps, *sizes;
    unsigned long long *ids;   /* by output, 3 each: the file published
                                * (size, time, inode), 0 when unknown */
    bool *kept;                /* published from the old site unrendered */
    known *kn;
    sg_manifest *old;
    /* the row exports' rows (export.h): each case's key (what its rows
     * are made from), the rows' lengths and the heads' for the next
     * build, and per case 1 + the last build's row of the same key (0:
     * none), whose bytes are then copied from the last build's file */
    unsigned long long *row_keys;   /* NULL: no manifest is kept */
    size_t *row_lens, *heads;
    size_t *old_of;                 /* NULL: nothing to copy */
    size_t rendered;           /* outputs rendered, added up at the end */
    size_t rows, rows_copied;  /* likewise: strand_state's */
    /* one page other than a case page at a time: a listing of 100,000
     * cases is ~100 MB of HTML, two at once were a fifth of the build's
     * peak memory. A thread that draws one while another renders one
     * leaves it in `deferred` for that thread, and goes on with case
     * pages. */
    pthread_mutex_t big_lock;
    bool big_busy;
    size_t *deferred, ndeferred;
} rendering;

/* The page's fingerprint: the shared inputs, the page's own fields and
 * the context it is rendered from. A case page's context is made at
 * render time from the page's fields, the site view, the case view and
 * the case (its citation, its detail), all known without making it: the
 * two views' hashes and the case file's. */
static unsigned long long S_page_fp(rendering *r, strand_state *ss,
                                    const sg_page *pg)
{
    sg_fp f = SG_FP_INIT;
    sg_fp_u64(&f, r->global);
    sg_fp_str(&f, pg->path);
    sg_fp_str(&f, pg->tpl);
    sg_fp_str(&f, pg->title);
    sg_fp_u64(&f, pg->html);
    if (pg->case_index >= 0) {
        const sg_case *c = r->entries[pg->case_index].c;
        sg_fp_u64(&f, c->file_hash);
        sg_fp_u64(&f, r->kn->site);
        sg_fp_u64(&f, r->kn->cases[pg->case_index]);
        /* the write-up's links as the check resolved them: a link to
         * another case's file goes to that case's slug, which its own
         * file says, not this one */
        sg_fp_u64(&f, c->nurls);
        for (size_t u = 0; u < c->nurls; u++) {
            sg_fp_str(&f, c->urls[u].from);
            sg_fp_str(&f, c->urls[u].to);
        }
    } else {
        sg_fp_value(&f, pg->ctx, &ss->scratch, S_known, r->kn);
    }
    return sg_fp_done(&f);
}

/* Keeps the old site's file for an output whose fingerprint the last
 * build recorded: true when it is published so. */
static bool S_keep(rendering *r, strand_state *ss, const char *path,
                   size_t slot)
{
    const sg_mf_output *was = sg_manifest_find(r->old, path);
    if (!was || was->fp != r->fps[slot])
        return false;
    const unsigned long long file[3] = { was->size, was->mtime, was->ino };
    if (sg_publish_link(r->pub, &ss->scratch, path, file, &ss->ps) != 0)
        return false;
    r->sizes[slot] = was->size;
    r->kept[slot] = true;
    return true;
}

/* A page that lists many cases, written while it is rendered: each
 * piece of 1 MiB goes to its file and through the link check at once, so
 * a listing of 100,000 cases (a hundred MB) is never held whole. */
typedef struct page_stream {
    sg_publish_out out;
    sg_links_scan scan;
    bool html;
    size_t written;            /* at the front of the buffer: written */
    size_t from;               /* where the link check goes on in it */
} page_stream;

static void S_piece(page_stream *ps, sg_buf *b, bool last)
{
    sg_publish_write(&ps->out, b->ptr + ps->written, b->len - ps->written);
    size_t drop = b->len;
    if (ps->html && !last) {
        /* an attribute cut off at the end is checked with what follows:
         * it stays, with the byte before it */
        size_t at = sg_links_feed(&ps->scan, b->ptr, ps->from, b->len,
                                  false);
        drop = at ? at - 1 : 0;
        ps->from = at - drop;
    } else if (ps->html) {
        sg_links_feed(&ps->scan, b->ptr, ps->from, b->len, true);
    }
    sg_buf_drop(b, drop);
    ps->written = b->len;
}

static void S_flush_piece(void *ctx, sg_buf *b)
{
    S_piece(ctx, b, false);
}

static void S_render_listing(rendering *r, strand_state *ss, size_t pi,
                             const sg_tpl *t, const sg_value *ctx,
                             sg_diags *d)
{
    const sg_page *pg = &r->pl->pages[pi];
    page_stream ps = { .html = pg->html };
    if (sg_publish_open(r->pub, &ss->scratch, pg->path, &ps.out, d) != 0)
        return;
    if (ps.html) {
        ss->links.ids_later = false;
        sg_links_begin(&ps.scan, &ss->links, pg->path, sg_tpl_file(t), d);
    }
    if (sg_tpl_render_to(t, ctx, &r->td->loader, &ss->page, S_flush_piece,
                         &ps, d) == 0)
        S_piece(&ps, &ss->page, true);
    else
        ps.out.failed = true;     /* the build fails: nothing is kept */
    if (ps.html)
        sg_links_end(&ps.scan);
    sg_publish_close(&ps.out, &ss->ps);
    memcpy(&r->ids[3 * pi], ps.out.id, sizeof ps.out.id);
    r->sizes[pi] = ps.out.len;
}

static void S_render_page(rendering *r, strand_state *ss, size_t pi,
                          sg_diags *d)
{
    const sg_page *pg = &r->pl->pages[pi];
    r->fps[pi] = S_page_fp(r, ss, pg);
    /* a write-up that links a place in another case's page is rendered
     * again, for the link check to see that the place is still there
     * (that page may have changed while this one did not) */
    bool recheck = pg->case_index >= 0 && pg->html &&
                   r->entries[pg->case_index].c->links_into;
    if (!recheck && S_keep(r, ss, pg->path, pi))
        return;
    sg_value *ctx = pg->ctx;
    if (pg->case_index >= 0) {
        const sg_case_entry *e = &r->entries[pg->case_index];
        ctx = sg_page_context(&ss->scratch, pg, r->pl->site, 4);
        sg_map_add(&ss->scratch, ctx, "case", e->view);
        sg_value *cite = sg_cite_case(&ss->scratch, e, r->pl->site);
        sg_map_add(&ss->scratch, ctx, "cite", cite);
        if (pg->html)
            sg_map_add(&ss->scratch, ctx, "jsonld",
                       sg_map_get(cite, "jsonld"));
    }
    const sg_tpl *t = sg_tpl_dir_get(r->td, pg->tpl, d);
    sg_buf_reset(&ss->page);
    if (pg->case_index >= 0 && pg->html)  /* the citation files need no body */
        sg_map_add(&ss->scratch, ctx, "detail",
                   sg_view_case_detail(&ss->scratch,
                                       &r->entries[pg->case_index], d));
    ss->rendered++;
    if (t && pg->case_index < 0) {
        S_render_listing(r, ss, pi, t, ctx, d);
        return;
    }
    if (t && sg_tpl_render(t, ctx, &r->td->loader, &ss->page, d) == 0) {
        /* the ids of a case page are read back from the site when a
         * fragment points into it (S_load_ids) rather than two million
         * kept; a listing's, which one may point into, are kept */
        ss->links.ids_later = pg->case_index >= 0;
        if (pg->html)
            sg_links_page(&ss->links, pg->path, sg_tpl_file(t), ss->page.ptr,
                          ss->page.len, d);
        sg_publish_file(r->pub, &ss->scratch, pg->path, ss->page.ptr,
                        ss->page.len, &ss->ps, &r->ids[3 * pi], d);
        r->sizes[pi] = ss->page.len;
    }
}

/* Where a row export's rows are in the last build's file, and a window
 * of it read ahead: rows are copied in file order, mostly one after
 * another, so a few large reads bring them all. */
typedef struct old_rows {
    const rendering *r;
    size_t x;                  /* the row export's place among them */
    int fd;
    size_t *off;               /* by the last build's row */
    char *win;
    size_t win_at, win_len, win_cap;
} old_rows;

static bool S_old_row(void *ctx, size_t i, sg_buf *b)
{
    old_rows *o = ctx;
    const sg_manifest *m = o->r->old;
    size_t j = o->r->old_of[i];
    if (!j--)
        return false;
    size_t at = o->off[j], len = m->row_len[o->x * m->nrows + j];
    if (at < o->win_at || at + len > o->win_at + o->win_len) {
        size_t want = len > ((size_t)1 << 18) ? len : (size_t)1 << 18;
        if (want > o->win_cap) {
            free(o->win);
            o->win = malloc(want);
            o->win_cap = o->win ? want : 0;
            o->win_len = 0;         /* the old window is gone */
            if (!o->win)
                return false;
        }
        o->win_at = at;
        o->win_len = 0;
        while (o->win_len < want) {
            ssize_t got = pread(o->fd, o->win + o->win_len,
                                want - o->win_len, (off_t)(at + o->win_len));
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                break;
            o->win_len += (size_t)got;
        }
        if (o->win_len < len)       /* the file is shorter than recorded */
            return false;
    }
    sg_buf_put(b, o->win + (at - o->win_at), len);
    return true;
}

/* Opens the last build's file of row export `x` (the rx-th) when it is
 * the very file the manifest describes, and finds where its rows are;
 * false when there is nothing to copy from. */
static bool S_old_rows(old_rows *o, const rendering *r, sg_arena *a,
                       size_t x, size_t rx)
{
    const sg_manifest *m = r->old;
    *o = (old_rows){ .r = r, .x = rx, .fd = -1 };
    if (!r->old_of || rx >= m->nrowx)
        return false;
    const sg_mf_output *was = sg_manifest_find(r->old, sg_exports[x].path);
    if (!was)
        return false;
    const char *path = sg_path_join(a, r->pub->out, sg_exports[x].path);
    o->fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st;
    if (o->fd < 0 || fstat(o->fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        (unsigned long long)st.st_size != was->size ||
        (unsigned long long)st.st_ino != was->ino ||
        (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
            (unsigned long long)st.st_mtim.tv_nsec != was->mtime)
        return false;
    o->off = sg_alloc(a, (m->nrows + 1) * sizeof *o->off);
    size_t size = (size_t)was->size, at = m->head_len[rx];
    const size_t *lens = m->row_len + rx * m->nrows;
    /* each piece inside the file: lengths that only add up to it by
     * wrapping around (a damaged manifest) must not be copied */
    if (at > size)
        return false;
    for (size_t j = 0; j < m->nrows; j++) {
        size_t sep = strlen(j ? sg_exports[x].sep : sg_exports[x].first);
        if (sep > size - at || lens[j] > size - at - sep)
            return false;
        at += sep;
        o->off[j] = at;
        at += lens[j];
    }
    /* the rows and tail must end where the file does */
    return strlen(sg_exports[x].tail) == size - at;
}

/* How many row exports (export.h) come before export `x` in the table:
 * its place among them; sg_nexports gives how many there are. */
static size_t S_row_place(size_t x)
{
    size_t n = 0;
    for (size_t k = 0; k < x; k++)
        n += sg_exports[k].row != NULL;
    return n;
}

/* An export: made from every case view, so its fingerprint is theirs. */
static void S_render_export(rendering *r, strand_state *ss, size_t x,
                            sg_diags *d)
{
    size_t slot = r->pl->n + x;
    sg_fp f = SG_FP_INIT;
    sg_fp_u64(&f, r->global);
    sg_fp_str(&f, sg_exports[x].path);
    sg_fp_u64(&f, r->ncases);
    /* each case's view and its whole file: the search index holds the
     * write-ups, which the views do not */
    for (size_t i = 0; i < r->ncases; i++) {
        sg_fp_u64(&f, r->kn->cases[i]);
        sg_fp_u64(&f, r->entries[i].c->file_hash);
    }
    r->fps[slot] = sg_fp_done(&f);
    const sg_export *ex = &sg_exports[x];
    size_t rx = S_row_place(x);
    size_t *lens = ex->row && r->row_keys ? r->row_lens + rx * r->ncases
                                          : NULL;
    if (S_keep(r, ss, ex->path, slot)) {
        /* the same inputs in the same order: the same rows */
        if (lens && r->old->nrowx > rx && r->old->nrows == r->ncases) {
            memcpy(lens, r->old->row_len + rx * r->ncases,
                   r->ncases * sizeof *lens);
            r->heads[rx] = r->old->head_len[rx];
        } else if (lens) {
            r->heads[rx] = (size_t)-1;   /* unknown: none recorded */
        }
        return;
    }
    ss->rendered++;
    sg_publish_out po;
    if (sg_publish_open(r->pub, &ss->scratch, ex->path, &po, d) == 0) {
        if (!ex->row) {
            ex->write(&po, r->entries, r->ncases, r->pl->site);
        } else {
            old_rows o;
            bool have = S_old_rows(&o, r, &ss->scratch, x, rx);
            sg_export_reuse re = { S_old_row, &o };
            ss->rows_copied +=
                sg_export_write(ex, &po, r->entries, r->ncases, r->pl->site,
                                have ? &re : NULL, lens,
                                lens ? &r->heads[rx] : NULL);
            ss->rows += r->ncases;
            if (o.fd >= 0)
                close(o.fd);
            free(o.win);
        }
    }
    r->sizes[slot] = po.len;
    sg_publish_close(&po, &ss->ps);
    memcpy(&r->ids[3 * slot], po.id, sizeof po.id);
}

static void S_page_done(rendering *r, unsigned thread)
{
    size_t n = atomic_fetch_add(&r->done, 1) + 1;
    if (thread == 0 && r->o->progress && n % 256 == 0)
        r->o->progress(r->o->progress_ctx, "pages written", n, r->pl->n);
}

static void S_task_done(strand_state *ss)
{
    /* dropped, but its first block stays for the next page: warm */
    sg_arena_release(&ss->scratch, ss->empty);
    ss->empty = sg_arena_save(&ss->scratch);
    /* a listing's buffer of many MB is not kept for the case pages of a
     * few kB that follow */
    if (ss->page.cap > ((size_t)1 << 20))
        sg_buf_free(&ss->page);
}

/* A page other than a case page: rendered at once when no other thread
 * renders one, with those left meanwhile; else left for that thread. */
static void S_render_big(rendering *r, strand_state *ss, size_t pi,
                         unsigned thread, sg_diags *d)
{
    pthread_mutex_lock(&r->big_lock);
    if (r->big_busy) {
        r->deferred[r->ndeferred++] = pi;
        pthread_mutex_unlock(&r->big_lock);
        return;
    }
    r->big_busy = true;
    pthread_mutex_unlock(&r->big_lock);
    for (;;) {
        S_render_page(r, ss, pi, d);
        S_page_done(r, thread);
        S_task_done(ss);
        pthread_mutex_lock(&r->big_lock);
        /* a thread that failed stops: the build fails anyway */
        if (!r->ndeferred || d->errors) {
            r->big_busy = false;
            pthread_mutex_unlock(&r->big_lock);
            return;
        }
        pi = r->deferred[--r->ndeferred];
        pthread_mutex_unlock(&r->big_lock);
    }
}

static void S_render_task(void *ctx, size_t task, unsigned thread,
                          sg_arena *a, sg_diags *d)
{
    rendering *r = ctx;
    strand_state *ss = &r->strands[thread];
    if (!ss->ready) {
        ss->ready = true;
        ss->empty = sg_arena_save(&ss->scratch);
        sg_links_init(&ss->links, a, r->files);
    }
    if (d->errors)             /* this thread failed: it stops */
        return;
    if (task == 0) {
        sg_publish_dirs(r->pub, &ss->scratch, r->dirs, r->ncases, d);
    } else if (task <= sg_nexports) {
        S_render_export(r, ss, task - 1, d);
    } else {
        size_t pi = r->order[task - 1 - sg_nexports];
        if (r->pl->pages[pi].case_index < 0) {
            S_render_big(r, ss, pi, thread, d);
            return;
        }
        S_render_page(r, ss, pi, d);
        S_page_done(r, thread);
    }
    S_task_done(ss);
}

/* Each case's row key and, when the last build recorded rows, which of
 * its rows has the same key (looked up in a table of them). Only for a
 * build that keeps a manifest. */
static void S_rows_plan(rendering *r, sg_arena *a)
{
    if (!r->global)
        return;
    size_t n = r->ncases, nrx = S_row_place(sg_nexports);
    r->row_keys = sg_alloc(a, (n + 1) * sizeof *r->row_keys);
    r->row_lens = sg_alloc(a, (nrx * n + 1) * sizeof *r->row_lens);
    r->heads = sg_alloc(a, (nrx + 1) * sizeof *r->heads);
    for (size_t i = 0; i < n; i++) {
        sg_fp f = SG_FP_INIT;
        sg_fp_u64(&f, r->global);
        sg_fp_u64(&f, r->kn->cases[i]);
        sg_fp_u64(&f, r->entries[i].c->file_hash);
        r->row_keys[i] = sg_fp_done(&f);
    }
    const sg_manifest *m = r->old;
    if (!m->valid || !m->nrows || m->nrowx != nrx)
        return;
    size_t cap = 16;
    while (cap < 2 * m->nrows)
        cap *= 2;
    size_t *slot = sg_alloc(a, cap * sizeof *slot);     /* 1 + row, 0 */
    for (size_t j = 0; j < m->nrows; j++) {
        size_t h = (size_t)m->row_key[j] & (cap - 1);
        while (slot[h])
            h = (h + 1) & (cap - 1);
        slot[h] = j + 1;
    }
    r->old_of = sg_alloc(a, (n + 1) * sizeof *r->old_of);
    for (size_t i = 0; i < n; i++) {
        size_t h = (size_t)r->row_keys[i] & (cap - 1);
        while (slot[h] && m->row_key[slot[h] - 1] != r->row_keys[i])
            h = (h + 1) & (cap - 1);
        r->old_of[i] = slot[h];
    }
}

/* Renders and publishes every page and export; adds up what was written
 * into *ps and the links into `links`. */
static void S_render(const sg_build_opts *o, sg_arena *a, const sg_plan *pl,
                     sg_tpl_dir *td, const sg_case_entry *entries, size_t n,
                     const sg_publish *pub, sg_links *links,
                     sg_publish_stats *ps, rendering *fp, sg_diags *d)
{
    size_t *order = sg_alloc(a, (pl->n + 1) * sizeof *order), no = 0;
    for (int pass = 0; pass < 2; pass++)      /* long pages first */
        for (size_t i = 0; i < pl->n; i++)
            if ((pl->pages[i].case_index >= 0) == (pass == 1))
                order[no++] = i;
    const char **dirs = sg_alloc(a, (n + 1) * sizeof *dirs);
    for (size_t i = 0; i < n; i++)      /* "cases/x/index.html" */
        dirs[i] = sg_strndup(a, entries[i].url, strlen(entries[i].url) -
                                                strlen("/index.html"));
    size_t ntasks = 1 + sg_nexports + pl->n;
    unsigned nt = sg_parallel_threads(o->jobs, ntasks, 1);
    size_t nout = pl->n + sg_nexports;
    rendering r = { .o = o, .pl = pl, .order = order, .dirs = dirs,
                    .td = td, .entries = entries, .ncases = n, .pub = pub,
                    .files = links->files,
                    .strands = sg_alloc(a, nt * sizeof *r.strands),
                    .global = fp->global, .kn = fp->kn, .old = fp->old,
                    .fps = sg_alloc(a, nout * sizeof *r.fps),
                    .sizes = sg_alloc(a, nout * sizeof *r.sizes),
                    .kept = sg_alloc(a, nout * sizeof *r.kept),
                    .ids = sg_alloc(a, 3 * nout * sizeof *r.ids) };
    memset(r.strands, 0, nt * sizeof *r.strands);
    r.deferred = sg_alloc(a, (pl->n + 1) * sizeof *r.deferred);
    pthread_mutex_init(&r.big_lock, NULL);
    memset(r.sizes, 0, nout * sizeof *r.sizes);
    memset(r.kept, 0, nout * sizeof *r.kept);
    atomic_init(&r.done, 0);
    S_rows_plan(&r, a);
    td->frozen = true;
    sg_parallel(a, d, o->jobs, ntasks, 1, S_render_task, &r);
    pthread_mutex_destroy(&r.big_lock);
    if (o->progress)
        o->progress(o->progress_ctx, "pages written", pl->n, pl->n);
    for (unsigned t = 0; t < nt; t++) {
        strand_state *ss = &r.strands[t];
        if (!ss->ready)
            continue;
        sg_links_merge(links, &ss->links);
        ps->written += ss->ps.written;
        ps->unchanged += ss->ps.unchanged;
        ps->bytes += ss->ps.bytes;
        fp->rendered += ss->rendered;
        fp->rows += ss->rows;
        fp->rows_copied += ss->rows_copied;
        sg_arena_free(&ss->scratch);
        sg_buf_free(&ss->page);
    }
    fp->fps = r.fps;
    fp->sizes = r.sizes;
    fp->kept = r.kept;
    fp->ids = r.ids;
    fp->row_keys = r.row_keys;
    fp->row_lens = r.row_lens;
    fp->heads = r.heads;
}

/* Loads every template (a broken one stops the build before any case
 * is read) and checks that each page's template is there. */
static int S_templates(const sg_build_opts *o, sg_arena *a, sg_tpl_dir *td,
                       sg_diags *d)
{
    sg_tpl_dir_init(td, a, o->templates);
    if (!sg_is_dir(o->templates))
        return sg_error(d, o->templates, ((sg_mark){0, 0}),
                        "run gen in the project folder, or pass "
                        "--templates DIR", "templates folder not found");
    const char **tfiles = NULL;
    size_t ntf = 0, tlen = strlen(o->templates);
    sg_find_files(a, o->templates, ".mustache", &tfiles, &ntf, d);
    for (size_t i = 0; i < ntf; i++) {
        const char *rel = tfiles[i] + tlen + (tfiles[i][tlen] == '/');
        char *name = sg_strndup(a, rel, strlen(rel) - strlen(".mustache"));
        const sg_tpl *t = sg_tpl_dir_get(td, name, d);
        if (t)
            sg_tpl_check_partials(t, &td->loader, d);
    }
    for (size_t i = 0; i < sg_pages_ntemplates(); i++)
        if (!sg_tpl_dir_get(td, sg_pages_template(i), d) && !td->failures)
            sg_error(d, sg_printf(a, "%s/%s.mustache", o->templates,
                                  sg_pages_template(i)), ((sg_mark){0, 0}),
                     "copy it from the default templates/ of gen",
                     "template missing");
    return d->errors ? -1 : 0;
}

/* What the pages are made from: the published cases, read, classified,
 * analysed and turned into entries and the site view. */
typedef struct model {
    sg_case **cases;           /* the published cases, in title order */
    sg_case_entry *entries;
    size_t n;
    sg_view_cache vc;
    sg_analysis an;
    sg_view view;
} model;

/* Whether the case read from `file` has an error among those whose
 * files `erred` holds (a set, not every error against every case). */
static bool S_has_error(const sg_strset *erred, const sg_case *c)
{
    return !c->ok || sg_strset_has(erred, c->file, strlen(c->file));
}

static int S_model(const sg_build_opts *o, sg_arena *a, const sg_vocab *v,
                   const sg_settings *set,
                   const sg_file_list *listed, model *m, sg_diags *d,
                   sg_build_stats *st)
{
    const char *paths[1] = { o->cases };
    sg_collection col;
    sg_progress prog = { o->progress, o->progress_ctx };
    /* the cases' problems are held apart: with keep_going, a case with
     * errors is left out and the rest goes on */
    sg_diags cd;
    sg_diags_init(&cd, a);
    if (o->cache)
        sg_collection_load_cached(a, v, paths, 1, o->jobs, &prog, o->cache,
                                  listed, &col, &cd);
    else
        sg_collection_load(a, v, paths, 1, o->jobs, &prog, &col, &cd);
    bool *broken = sg_alloc(a, (col.n + 1) * sizeof *broken);
    size_t nbroken = 0, placed = 0;
    sg_strset erred;               /* the files errors name */
    sg_strset_init(&erred, a);
    for (size_t i = 0; cd.errors && i < cd.n; i++)
        if (cd.items[i].sev == SG_ERROR && cd.items[i].file)
            sg_strset_add(&erred, cd.items[i].file,
                          strlen(cd.items[i].file));
    for (size_t i = 0; i < col.n; i++)
        if ((broken[i] = S_has_error(&erred, col.cases[i])))
            nbroken++;
    if (cd.errors) {         /* errors that belong to a case file */
        sg_strset files;
        sg_strset_init(&files, a);
        for (size_t j = 0; j < col.n; j++)
            sg_strset_add(&files, col.cases[j]->file,
                          strlen(col.cases[j]->file));
        for (size_t i = 0; i < cd.n; i++)
            placed += cd.items[i].sev == SG_ERROR && cd.items[i].file &&
                      sg_strset_has(&files, cd.items[i].file,
                                    strlen(cd.items[i].file));
    }
    sg_diags_merge(d, &cd);
    /* an error of no one case (the folder is missing), or no case left:
     * never publish that over a good site */
    if (cd.errors && (!o->keep_going || placed < cd.errors ||
                      nbroken == col.n))
        return -1;
    st->broken = nbroken;
    sg_case **cases = sg_alloc(a, (col.n + 1) * sizeof *cases);
    size_t n = 0;
    for (size_t i = 0; i < col.n; i++) {
        if (broken[i])
            continue;
        if (o->drafts || !col.cases[i]->draft)
            cases[n++] = col.cases[i];
        else
            st->drafts++;
    }
    /* readers look for a title, so lists and previous/next follow titles */
    S_sort_titles(cases, n);
    sg_class *classes = sg_alloc(a, (n + 1) * sizeof *classes);
    struct classifying cl = { v, cases, classes };
    sg_parallel(a, d, o->jobs, n, 64, S_classify_one, &cl);
    memset(&m->vc, 0, sizeof m->vc);
    sg_analyse(a, v, cases, classes, n, &m->an);
    m->entries = sg_view_entries(a, v, &m->vc, cases, classes, &m->an, n);
    m->n = n;
    m->cases = cases;
    const char *home = sg_value_str(sg_value_at(v->root, "pages.index"));
    sg_site_opts so = { set->base_url ? set->base_url : "",
                        set->title ? set->title : home ? home : "",
                        set->lang, set->licence, set->description, set->logo,
                        set->footer };
    sg_view_build(a, v, &m->an, m->entries, n, &so, &m->view);
    return 0;
}

/* site.yaml (or o->settings), then the flags over it. */
static int S_settings(const sg_build_opts *o, sg_arena *a, const sg_vocab *v,
                      sg_settings *set, sg_diags *d)
{
    const char *file = o->settings ? o->settings
                                   : sg_settings_path(a, o->cases);
    if (sg_settings_read(a, v, file, !o->settings, set, d) != 0)
        return -1;
    if (o->title)
        set->title = o->title;
    if (o->base_url && *o->base_url)
        set->base_url = o->base_url;
    if (o->lang)
        set->lang = o->lang;
    if (o->licence)
        set->licence = o->licence;
    if (set->logo && strncmp(set->logo, "static/", 7) == 0 &&
        !sg_exists(sg_path_join(a, o->templates, set->logo)))
        return sg_error(d, set->file, set->logo_at, sg_printf(a, "put the "
                        "image at %s/%s, or correct the path", o->templates,
                        set->logo), "logo: '%s' is not in the templates' "
                        "static/ folder", set->logo);
    return 0;
}

/* Every file the site will have, for the link check: pages, exports and
 * the static files (listed into *statics). */
static void S_files(const sg_build_opts *o, sg_arena *a, const sg_plan *pl,
                    sg_links *links, const char ***statics, size_t *nstatic,
                    sg_diags *d)
{
    for (size_t i = 0; i < pl->n; i++)
        sg_links_file(links, pl->pages[i].path);
    for (size_t i = 0; i < sg_nexports; i++)
        sg_links_file(links, sg_exports[i].path);
    char *static_dir = sg_path_join(a, o->templates, "static");
    *statics = NULL;
    *nstatic = 0;
    if (sg_is_dir(static_dir))
        sg_find_files(a, static_dir, "", statics, nstatic, d);
    size_t slen = strlen(static_dir);
    for (size_t i = 0; i < *nstatic; i++)   /* as "static/..." */
        (*statics)[i] = sg_printf(a, "static/%s", (*statics)[i] + slen + 1);
    for (size_t i = 0; i < *nstatic; i++)
        sg_links_file(links, (*statics)[i]);
}

static int S_cmp_dst(const void *x, const void *y)
{
    return strcmp(((const sg_case_file *)x)->dst,
                  ((const sg_case_file *)y)->dst);
}

/* The figures and files the published write-ups link (writeup.h), each
 * once, sorted, declared for the link check (into *out). */
static void S_case_files(sg_arena *a, const model *m, sg_links *links,
                         sg_case_file **out, size_t *nout, sg_diags *d)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n; i++)
        n += m->cases[i]->nfiles;
    sg_case_file *f = sg_alloc(a, (n + 1) * sizeof *f);
    n = 0;
    for (size_t i = 0; i < m->n; i++)
        for (size_t k = 0; k < m->cases[i]->nfiles; k++)
            f[n++] = m->cases[i]->files[k];
    qsort(f, n, sizeof *f, S_cmp_dst);
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        if (u && strcmp(f[u - 1].dst, f[i].dst) == 0)
            continue;
        if (sg_strset_has(links->files, f[i].dst, strlen(f[i].dst))) {
            sg_error(d, f[i].src, ((sg_mark){0, 0}),
                     "rename the file or its folder",
                     "would be copied to %s, which the build writes "
                     "already", f[i].dst);
            continue;
        }
        sg_links_file(links, f[i].dst);
        f[u++] = f[i];
    }
    *out = f;
    *nout = u;
}

/* Copies the write-ups' figures and files into the site, as checked:
 * one grown since is refused by the same size limit. */
static void S_copy_files(sg_arena *a, const sg_publish *pub,
                         const sg_case_file *f, size_t n,
                         sg_publish_stats *ps, sg_diags *d)
{
    sg_buf data = SG_BUF_INIT;
    for (size_t i = 0; i < n && !d->errors; i++) {
        sg_buf_reset(&data);
        if (sg_read_file(f[i].src, SG_MAX_FIGURE_SIZE, &data, d) == 0)
            sg_publish_file(pub, a, f[i].dst, data.ptr, data.len, ps, NULL,
                            d);
    }
    sg_buf_free(&data);
}

/* Copies the static files into the site. */
static void S_statics(const sg_build_opts *o, sg_arena *a,
                      const sg_publish *pub, const char **statics,
                      size_t nstatic, sg_publish_stats *ps, sg_diags *d)
{
    sg_buf data = SG_BUF_INIT;
    size_t errors = d->errors;     /* left-out cases' errors may be there */
    for (size_t i = 0; i < nstatic && d->errors == errors; i++) {
        sg_buf_reset(&data);
        const char *from = sg_path_join(a, o->templates, statics[i]);
        if (sg_read_file(from, SG_MAX_FILE_SIZE, &data, d) == 0)
            sg_publish_file(pub, a, statics[i], data.ptr, data.len, ps, NULL,
                            d);
    }
    sg_buf_free(&data);
}

/* ---- the manifest: what the last build was made from ---- */

/* Everything the site is made from, as files: the cases, the templates
 * (with static/), the vocabulary, other inputs, the gen binary; and the
 * options, hashed into cur->opts. False when they cannot be listed (the
 * build then reports it). */
static bool S_inputs(const sg_build_opts *o, sg_arena *a, sg_manifest *cur,
                     long long now)
{
    memset(cur, 0, sizeof *cur);
    cur->a = a;
    sg_diags quiet;
    sg_diags_init(&quiet, a);
    const char **files = NULL;
    size_t n = 0;
    /* every file of the cases folder: the write-ups' figures and files
     * are copied into the site too */
    if (sg_find_files(a, o->cases, "", &files, &n, &quiet) != 0)
        return false;
    size_t ncases_files = n, ncases_tpl;
    if (sg_find_files(a, o->templates, "", &files, &n, &quiet) != 0)
        return false;
    ncases_tpl = n;
    const char **all = sg_alloc(a, (n + 10) * sizeof *all);
    memcpy(all, files, n * sizeof *all);
    if (o->vocabulary)
        all[n++] = o->vocabulary;
    /* the settings file, when there is one; whether there is one is an
     * option below, so adding or removing it is a change */
    const char *set = o->settings ? o->settings
                                  : sg_settings_path(a, o->cases);
    bool has_set = set && sg_exists(set);
    if (has_set)
        all[n++] = set;
    for (size_t i = 0; o->inputs && o->inputs[i] && n < ncases_tpl + 8; i++)
        all[n++] = o->inputs[i];
    all[n++] = "/proc/self/exe";
    sg_fp f = SG_FP_INIT;
    sg_fp_str(&f, o->cases);
    sg_fp_str(&f, o->templates);
    sg_fp_str(&f, o->vocabulary);
    sg_fp_str(&f, o->base_url);
    sg_fp_str(&f, o->title);
    sg_fp_u64(&f, o->drafts);
    sg_fp_str(&f, o->lang);
    sg_fp_str(&f, o->licence);
    sg_fp_u64(&f, o->keep_going);
    sg_fp_str(&f, set);
    sg_fp_u64(&f, has_set);
    for (size_t i = 0; o->inputs && o->inputs[i]; i++)
        sg_fp_str(&f, o->inputs[i]);
    cur->opts = sg_fp_done(&f);
    cur->nin_cases = ncases_files;
    return sg_manifest_inputs(cur, all, n, now);
}

/* The case files among the inputs stat'ed at `now_ns`, for the case
 * cache: listed and stat'ed once a build. */
static sg_file_list *S_listed(sg_arena *a, const sg_manifest *cur,
                              long long now_ns)
{
    sg_file_list *l = sg_alloc(a, sizeof *l);
    l->paths = sg_alloc(a, (cur->nin + 1) * sizeof *l->paths);
    l->ids = sg_alloc(a, (cur->nin + 1) * sizeof *l->ids);
    l->n = 0;
    l->now_ns = now_ns;
    for (size_t i = 0; i < cur->nin_cases && i < cur->nin; i++) {
        const sg_mf_input *in = &cur->in[i];
        size_t pl = strlen(in->path);
        if (pl < 3 || strcmp(in->path + pl - 3, ".md") != 0)
            continue;
        l->paths[l->n] = in->path;
        l->ids[l->n++] = (sg_file_id){ in->size, in->mtime, in->ctime,
                                       in->ino, in->dev };
    }
    return l;
}

/* What every output shares: the options, every input but the cases (by
 * content: templates and their partials, static files, settings), the
 * vocabulary as loaded and the binary (by its identity). */
static unsigned long long S_global(const sg_manifest *cur, const sg_vocab *v,
                                   sg_arena *a, const char *cases)
{
    sg_fp f = SG_FP_INIT;
    sg_fp_u64(&f, cur->opts);
    sg_buf data = SG_BUF_INIT;
    sg_diags quiet;
    sg_diags_init(&quiet, a);
    size_t cl = strlen(cases);
    for (size_t i = 0; i < cur->nin; i++) {
        const sg_mf_input *in = &cur->in[i];
        sg_fp_str(&f, in->path);
        size_t pl = strlen(in->path);
        if (strncmp(in->path, cases, cl) == 0 && in->path[cl] == '/' &&
            pl > 3 && strcmp(in->path + pl - 3, ".md") == 0)
            continue;              /* a case: in its pages' fingerprints */
        if (strcmp(in->path, "/proc/self/exe") == 0) {
            sg_fp_u64(&f, in->size);
            sg_fp_u64(&f, in->mtime);
            sg_fp_u64(&f, in->ino);
            continue;
        }
        sg_buf_reset(&data);
        if (sg_read_file(in->path, (size_t)64 << 20, &data, &quiet) == 0)
            sg_fp_bytes(&f, data.ptr, data.len);
        else
            sg_fp_u64(&f, 0xdead);
    }
    sg_buf_free(&data);
    sg_arena tmp = SG_ARENA_INIT;
    sg_fp_value(&f, v->root, &tmp, NULL, NULL);
    sg_arena_free(&tmp);
    return sg_fp_done(&f);
}

/* A case whose page was kept is not read again, so the check that a
 * case file did not change during the build (sg_case_body) is made here
 * for all: every input must still be as it was before it was read. */
static void S_still(const sg_manifest *cur, sg_diags *d)
{
    for (size_t i = 0; i < cur->nin; i++) {
        const sg_mf_input *in = &cur->in[i];
        struct stat st;
        if (stat(in->path, &st) != 0 ||
            (unsigned long long)st.st_size != in->size ||
            (unsigned long long)st.st_ino != in->ino ||
            (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
            (unsigned long long)st.st_mtim.tv_nsec != in->mtime) {
            sg_error(d, in->path, ((sg_mark){0, 0}), "build again",
                     "changed during the build");
            return;
        }
    }
}

/* sg_links' hook: the ids of a page kept from the old site. */
static void S_load_ids(void *ctx, sg_links *l, const char *path)
{
    const sg_publish *pub = ctx;
    sg_buf html = SG_BUF_INIT;
    sg_diags quiet;
    sg_diags_init(&quiet, l->a);
    if (sg_publish_path_ok(path) &&
        sg_read_file(sg_path_join(l->a, pub->staging, path), (size_t)1 << 30,
                     &html, &quiet) == 0)
        sg_links_ids(l, path, html.ptr, html.len);
    sg_buf_free(&html);
}

/* Nothing the site is made from changed since the last build, and that
 * build's site is the one published: there is nothing to do. Looked at
 * under the lock, so no build is changing the manifest or the site; the
 * inputs are stat'ed once, there (a file changed after that is the next
 * build's, as with any build). 1: done, 0: build (the lock is given back,
 * `cur` holds the inputs when *have_inputs). */
static int S_unchanged(const sg_build_opts *o, sg_arena *a,
                       sg_manifest *cur, bool *have_inputs,
                       const char *mf_path, const char *out,
                       sg_publish *pub, long long now, sg_diags *d,
                       sg_build_stats *st)
{
    /* only when the lock is free: a build waiting for another one reads
     * the cases first (and finds the other's work in the manifest after) */
    const char *protect[] = { o->cases, o->templates };
    sg_publish_wait wait = { true, NULL };
    sg_diags quiet;
    sg_diags_init(&quiet, a);
    if (sg_publish_lock(pub, a, o->out, protect, 2, &wait, &quiet) != 0) {
        sg_publish_end(pub);
        *pub = (sg_publish){0};
        *have_inputs = S_inputs(o, a, cur, now);
        return 0;
    }
    *have_inputs = S_inputs(o, a, cur, now);
    /* read in its own arena: at 100,000 cases the text is ~50 MB, which
     * a build that goes on has no use for (it reads the outputs later) */
    sg_arena tmp = SG_ARENA_INIT;
    sg_manifest old;
    if (*have_inputs)
        sg_manifest_load_via(o->mcache, &old, &tmp, mf_path, out, false);
    /* the last build's memo, in cur until this build's replaces it */
    if (*have_inputs && old.valid && old.nmemo) {
        cur->memo = sg_alloc(a, old.nmemo * sizeof *cur->memo);
        memcpy(cur->memo, old.memo, old.nmemo * sizeof *cur->memo);
        cur->nmemo = old.nmemo;
    }
    if (!*have_inputs || !old.valid || !sg_manifest_same_inputs(cur, &old)) {
        sg_arena_free(&tmp);
        sg_publish_end(pub);
        *pub = (sg_publish){0};
        return 0;
    }
    for (size_t i = 0; i < old.nsaid; i++) {
        const sg_diag *dg = &old.said[i];
        sg_diag_add(d, dg->sev, dg->file, ((sg_mark){dg->line, dg->col}),
                    dg->hint, "%s", dg->msg);
    }
    *st = (sg_build_stats){ .cases = old.counts[0],
                            .pages = old.counts[1],
                            .exports = old.counts[2],
                            .unchanged = old.counts[1] + old.counts[2],
                            .links = old.counts[3],
                            .bytes = old.counts[4] };
    sg_arena_free(&tmp);
    return 1;
}

int sg_build(const sg_build_opts *o, sg_diags *d, sg_build_stats *st)
{
    memset(st, 0, sizeof *st);
    sg_arena arena = SG_ARENA_INIT, *a = &arena;
    sg_vocab own_v;
    const sg_vocab *v = &own_v;
    sg_tpl_dir td;
    model m;
    sg_plan pl;
    sg_publish pub = {0};
    sg_strset files;
    sg_links links;
    sg_settings set;
    const char **statics;
    size_t nstatic, nfiles = 0;
    sg_case_file *cfiles = NULL;
    int rc = -1;
    size_t case_errors;
    long long now = (long long)time(NULL), now_ns = sg_now_ns();
    sg_manifest cur, old;
    memset(&cur, 0, sizeof cur);
    memset(&old, 0, sizeof old);
    old.a = a;
    const char *out = sg_publish_resolved(a, o->out);
    const char *mf_path = out ? sg_manifest_path(a, out) : NULL;
    /* the cases as the last build read them (case_store.h): in the
     * cache serve keeps, else in this build's own */
    const char *store = out ? sg_case_store_path(a, out) : NULL;
    sg_build_opts with_store;
    sg_case_cache own_cc;
    sg_case_cache_init(&own_cc);
    if (store && !o->cache) {
        with_store = *o;
        with_store.cache = &own_cc;
        own_cc.in_place = true;
        o = &with_store;
    }
    size_t stored = 0;
    bool have_inputs = false;
    if (mf_path) {
        int u = S_unchanged(o, a, &cur, &have_inputs, mf_path, out, &pub,
                            now, d, st);
        if (u != 0) {
            rc = u > 0 ? 0 : -1;
            goto out;
        }
        /* the last build's manifest is read once the lock is ours */
    }
    if ((o->cache ? sg_case_cache_vocab(o->cache, o->vocabulary, &v, d)
                  : sg_vocab_load(&own_v, a, o->vocabulary, d)) != 0 ||
        S_settings(o, a, v, &set, d) != 0 ||
        S_templates(o, a, &td, d) != 0)
        goto out;
    if (store && !o->cache->n)
        sg_case_store_load(o->cache, store);
    stored = o->cache ? o->cache->n : 0;
    /* what every output shares */
    unsigned long long global = have_inputs ? S_global(&cur, v, a, o->cases)
                                            : 0;
    /* the cache takes the case files as the inputs listed them */
    const sg_file_list *listed = o->cache && have_inputs
        ? S_listed(a, &cur, now_ns) : NULL;
    if (S_model(o, a, v, &set, listed, &m, d, st) != 0)
        goto out;
    /* with keep_going, the left-out cases' errors are in `d` already:
     * what counts from here is what the build adds */
    case_errors = d->errors;
    sg_pages_plan(&pl, a, v, &m.view, m.entries);
    sg_strset_init(&files, a);
    sg_strset_reserve(&files, pl.n + sg_nexports + 64);
    sg_links_init(&links, a, &files);
    S_files(o, a, &pl, &links, &statics, &nstatic, d);
    S_case_files(a, &m, &links, &cfiles, &nfiles, d);
    if (d->errors > case_errors)
        goto out;
    known kn;
    S_known_make(&kn, a, &pl, m.entries, m.n, global, cur.memo, cur.nmemo);
    rendering fp = { .kn = &kn, .old = &old,
                     .global = global };

    /* from here to the end this build holds the output folder's lock */
    const char *protect[] = { o->cases, o->templates };
    sg_publish_wait wait = { o->no_wait, o->waiting };
    if (sg_publish_begin(&pub, a, o->out, protect, 2, &wait, d) != 0)
        goto out;
    /* the lock is ours now: what the last build recorded is final */
    if (have_inputs && !pub.has_old)
        old.valid = false;
    else if (have_inputs)
        sg_manifest_load_via(o->mcache, &old, a, mf_path, out, true);
    sg_publish_prune(&pub, &files,
                     o->pmem ? sg_publish_memory_take(o->pmem, &pub) : NULL,
                     o->jobs);
    links.load_ids = S_load_ids;
    links.load_ctx = &pub;
    sg_publish_stats ps = {0, 0, 0};
    S_render(o, a, &pl, &td, m.entries, m.n, &pub, &links, &ps, &fp, d);
    S_statics(o, a, &pub, statics, nstatic, &ps, d);
    S_copy_files(a, &pub, cfiles, nfiles, &ps, d);
    sg_links_finish(&links, d);
    if (have_inputs && d->errors == case_errors && !o->watched)
        S_still(&cur, d);
    if (d->errors > case_errors || td.failures)
        goto out;
    /* the manifest goes first: if the build dies after the swap, the
     * next one finds none and renders everything */
    if (mf_path)
        sg_manifest_drop(mf_path);
    if (sg_publish_commit(&pub, d) != 0)
        goto out;
    if (o->published)
        o->published(o->published_ctx);
    if (o->pmem)
        sg_publish_memory_commit(o->pmem, &pub, &files);
    st->cases = m.n;
    st->pages = pl.n;
    st->exports = sg_nexports;
    st->written = ps.written;
    st->unchanged = ps.unchanged;
    st->bytes = ps.bytes;
    st->links = links.checked;
    st->rendered = fp.rendered;
    st->rows = fp.rows;
    st->cases_kept = o->cache ? o->cache->hits : 0;
    st->writeups_known = o->cache ? o->cache->wu_hits : 0;
    st->rows_copied = fp.rows_copied;
    if (!*sg_value_str(sg_map_get(m.view.site, "base_url")))
        sg_diag_add(d, SG_NOTE, NULL, ((sg_mark){0, 0}), "set base_url in "
                    "site.yaml (or pass --base-url) to have one",
                    "no sitemap.xml: a sitemap needs the site's address");
    if (st->drafts)
        sg_diag_add(d, SG_NOTE, NULL, ((sg_mark){0, 0}), "build with "
                    "--drafts to see them", "%zu draft case%s left out",
                    st->drafts, st->drafts == 1 ? "" : "s");
    /* no manifest for a build that left cases out (--keep-going): the
     * next one reads them all again and reports their errors */
    if (have_inputs && (!fp.global || d->errors))
        have_inputs = false;
    if (have_inputs) {
        /* all at once: an arena keeps every outgrown array */
        cur.outcap = pl.n + sg_nexports;
        cur.out = sg_alloc(a, cur.outcap * sizeof *cur.out);
        for (size_t i = 0; i < pl.n + sg_nexports; i++) {
            const char *path = i < pl.n ? pl.pages[i].path
                                        : sg_exports[i - pl.n].path;
            const sg_mf_output *was = fp.kept[i]
                ? sg_manifest_find(&old, path) : NULL;
            if (was) {
                sg_manifest_add_kept(&cur, was);
            } else {
                /* as published: saving needs no stat of it */
                sg_manifest_add(&cur, path, fp.fps[i]);
                cur.out[cur.nout - 1].size = fp.ids[3 * i];
                cur.out[cur.nout - 1].mtime = fp.ids[3 * i + 1];
                cur.out[cur.nout - 1].ino = fp.ids[3 * i + 2];
            }
        }
        size_t nrx = S_row_place(sg_nexports);
        bool rows = fp.row_keys != NULL;
        for (size_t x = 0; rows && x < nrx; x++)
            rows = fp.heads[x] != (size_t)-1;
        if (rows)
            sg_manifest_rows(&cur, nrx, fp.heads, fp.row_keys, fp.row_lens,
                             m.n);
        cur.memo = kn.memo;
        cur.nmemo = kn.nmemo;
        size_t counts[5] = { m.n, pl.n, sg_nexports, links.checked,
                             ps.bytes };
        memcpy(cur.counts, counts, sizeof counts);
        cur.warnings = d;
        /* kept for the next build, read as the next build would */
        if (sg_manifest_save(&cur, mf_path, out) == 0 && o->mcache)
            sg_manifest_cache_fill(o->mcache, mf_path, out);
    }
    /* the cases as read, for the next build: by a build that published,
     * holding the lock (a refused one leaves nothing beside the site) */
    if (store && (o->cache->reads || o->cache->n != stored))
        sg_case_store_save(o->cache, store);
    rc = 0;
out:
    sg_publish_end(&pub);
    sg_arena_free(a);
    sg_case_cache_free(&own_cc);
    return rc;
}
