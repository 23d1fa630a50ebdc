/* site.c - the build: plan every page, render it, check it, publish. */
#include "site.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cite.h"
#include "classify.h"
#include "collate.h"
#include "collection.h"
#include "export.h"
#include "fs.h"
#include "links.h"
#include "pages.h"
#include "parallel.h"
#include "publish.h"
#include "settings.h"
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
static void S_sort_titles(sg_arena *a, sg_case **cases, size_t n)
{
    titled *t = sg_alloc(a, (n + 1) * sizeof *t);
    for (size_t i = 0; i < n; i++)
        t[i] = (titled){ sg_collate_key(a, cases[i]->title), cases[i] };
    if (n)
        qsort(t, n, sizeof *t, S_cmp_title);
    for (size_t i = 0; i < n; i++)
        cases[i] = t[i].c;
}

/* What one rendering thread keeps between its tasks. */
typedef struct strand_state {
    bool ready;
    sg_arena scratch;          /* what one page needs, then dropped */
    sg_arena_mark empty;
    sg_buf page;
    sg_links links;
    sg_publish_stats ps;
} strand_state;

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
} rendering;

static void S_render_page(rendering *r, strand_state *ss, const sg_page *pg,
                          sg_diags *d)
{
    const sg_tpl *t = sg_tpl_dir_get(r->td, pg->tpl, d);
    sg_buf_reset(&ss->page);
    sg_value *ctx = pg->ctx;
    if (pg->case_index >= 0) {
        const sg_case_entry *e = &r->entries[pg->case_index];
        ctx = sg_page_context(&ss->scratch, pg, r->pl->site, 4);
        sg_map_add(&ss->scratch, ctx, "case", e->view);
        sg_value *cite = sg_cite_case(&ss->scratch, e, r->pl->site);
        sg_map_add(&ss->scratch, ctx, "cite", cite);
        if (pg->html) {        /* the citation files need no body */
            sg_map_add(&ss->scratch, ctx, "detail",
                       sg_view_case_detail(&ss->scratch, e, d));
            sg_map_add(&ss->scratch, ctx, "jsonld",
                       sg_map_get(cite, "jsonld"));
        }
    }
    if (t && sg_tpl_render(t, ctx, &r->td->loader, &ss->page, d) == 0) {
        if (pg->html)
            sg_links_page(&ss->links, pg->path, sg_tpl_file(t), ss->page.ptr,
                          ss->page.len, d);
        sg_publish_file(r->pub, &ss->scratch, pg->path, ss->page.ptr,
                        ss->page.len, &ss->ps, d);
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
        sg_publish_out po;
        if (sg_publish_open(r->pub, &ss->scratch, sg_exports[task - 1].path,
                            &po, d) == 0)
            sg_exports[task - 1].write(&po, r->entries, r->ncases,
                                      r->pl->site);
        sg_publish_close(&po, &ss->ps);
    } else {
        S_render_page(r, ss, &r->pl->pages[r->order[task - 1 - sg_nexports]], d);
        size_t n = atomic_fetch_add(&r->done, 1) + 1;
        if (thread == 0 && r->o->progress && n % 256 == 0)
            r->o->progress(r->o->progress_ctx, "pages written", n,
                           r->pl->n);
    }
    /* dropped, but its first block stays for the next page: warm */
    sg_arena_release(&ss->scratch, ss->empty);
    ss->empty = sg_arena_save(&ss->scratch);
}

/* Renders and publishes every page and export; adds up what was written
 * into *ps and the links into `links`. */
static void S_render(const sg_build_opts *o, sg_arena *a, const sg_plan *pl,
                     sg_tpl_dir *td, const sg_case_entry *entries, size_t n,
                     const sg_publish *pub, sg_links *links,
                     sg_publish_stats *ps, sg_diags *d)
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
    rendering r = { .o = o, .pl = pl, .order = order, .dirs = dirs,
                    .td = td, .entries = entries, .ncases = n, .pub = pub,
                    .files = links->files,
                    .strands = sg_alloc(a, nt * sizeof *r.strands) };
    atomic_init(&r.done, 0);
    td->frozen = true;
    sg_parallel(a, d, o->jobs, ntasks, 1, S_render_task, &r);
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
        sg_arena_free(&ss->scratch);
        sg_buf_free(&ss->page);
    }
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

/* Whether the case read from `file` has an error among `d`'s. */
static bool S_has_error(const sg_diags *d, const sg_case *c)
{
    if (!c->ok)
        return true;
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].sev == SG_ERROR && d->items[i].file &&
            strcmp(d->items[i].file, c->file) == 0)
            return true;
    return false;
}

static int S_model(const sg_build_opts *o, sg_arena *a, const sg_vocab *v,
                   const sg_settings *set, model *m, sg_diags *d,
                   sg_build_stats *st)
{
    const char *paths[1] = { o->cases };
    sg_collection col;
    sg_progress prog = { o->progress, o->progress_ctx };
    /* the cases' problems are held apart: with keep_going, a case with
     * errors is left out and the rest goes on */
    sg_diags cd;
    sg_diags_init(&cd, a);
    sg_collection_load(a, v, paths, 1, o->jobs, &prog, &col, &cd);
    bool *broken = sg_alloc(a, (col.n + 1) * sizeof *broken);
    size_t nbroken = 0, placed = 0;
    for (size_t i = 0; i < col.n; i++)
        if ((broken[i] = S_has_error(&cd, col.cases[i])))
            nbroken++;
    for (size_t i = 0; i < cd.n; i++)
        for (size_t j = 0; j < col.n; j++)
            if (cd.items[i].sev == SG_ERROR && cd.items[i].file &&
                strcmp(cd.items[i].file, col.cases[j]->file) == 0) {
                placed++;
                break;
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
    S_sort_titles(a, cases, n);
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
            sg_publish_file(pub, a, f[i].dst, data.ptr, data.len, ps, d);
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
            sg_publish_file(pub, a, statics[i], data.ptr, data.len, ps, d);
    }
    sg_buf_free(&data);
}

int sg_build(const sg_build_opts *o, sg_diags *d, sg_build_stats *st)
{
    memset(st, 0, sizeof *st);
    sg_arena arena = SG_ARENA_INIT, *a = &arena;
    sg_vocab v;
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
    if (sg_vocab_load(&v, a, o->vocabulary, d) != 0 ||
        S_settings(o, a, &v, &set, d) != 0 ||
        S_templates(o, a, &td, d) != 0 ||
        S_model(o, a, &v, &set, &m, d, st) != 0)
        goto out;
    /* with keep_going, the left-out cases' errors are in `d` already:
     * what counts from here is what the build adds */
    case_errors = d->errors;
    sg_pages_plan(&pl, a, &v, &m.view, m.entries);
    sg_strset_init(&files, a);
    sg_links_init(&links, a, &files);
    S_files(o, a, &pl, &links, &statics, &nstatic, d);
    S_case_files(a, &m, &links, &cfiles, &nfiles, d);
    if (d->errors > case_errors)
        goto out;

    /* from here to the end this build holds the output folder's lock */
    const char *protect[] = { o->cases, o->templates };
    sg_publish_wait wait = { o->no_wait, o->waiting };
    if (sg_publish_begin(&pub, a, o->out, protect, 2, &wait, d) != 0)
        goto out;
    sg_publish_stats ps = {0, 0, 0};
    S_render(o, a, &pl, &td, m.entries, m.n, &pub, &links, &ps, d);
    S_statics(o, a, &pub, statics, nstatic, &ps, d);
    S_copy_files(a, &pub, cfiles, nfiles, &ps, d);
    sg_links_finish(&links, d);
    if (d->errors > case_errors || td.failures ||
        sg_publish_commit(&pub, d) != 0)
        goto out;
    st->cases = m.n;
    st->pages = pl.n;
    st->exports = sg_nexports;
    st->written = ps.written;
    st->unchanged = ps.unchanged;
    st->bytes = ps.bytes;
    st->links = links.checked;
    if (!*sg_value_str(sg_map_get(m.view.site, "base_url")))
        sg_diag_add(d, SG_NOTE, NULL, ((sg_mark){0, 0}), "set base_url in "
                    "site.yaml (or pass --base-url) to have one",
                    "no sitemap.xml: a sitemap needs the site's address");
    if (st->drafts)
        sg_diag_add(d, SG_NOTE, NULL, ((sg_mark){0, 0}), "build with "
                    "--drafts to see them", "%zu draft case%s left out",
                    st->drafts, st->drafts == 1 ? "" : "s");
    rc = 0;
out:
    sg_publish_end(&pub);
    sg_arena_free(a);
    return rc;
}
