/* site.c - the build: plan every page, render it, check it, publish. */
#include "site.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify.h"
#include "collection.h"
#include "fs.h"
#include "links.h"
#include "parallel.h"
#include "publish.h"
#include "tpl_dir.h"
#include "view.h"

typedef struct page {
    const char *path;       /* inside the site */
    const char *tpl;        /* template name */
    const char *title;
    sg_value *ctx;          /* NULL for a case page: made when rendered */
    bool html;
    long case_index;        /* a case page: its case, else -1 */
} page;

typedef struct plan {
    sg_arena *a;
    page *pages;
    size_t n, cap;
    sg_value *site;
} plan;

/* "../../" for "cases/x/index.html" */
static sg_value *S_root(sg_arena *a, const char *path)
{
    static const char ups[] = "../../../../../../../../../../../../../../../../";
    size_t depth = 0;
    for (const char *p = path; *p; p++)
        depth += *p == '/';
    if (3 * depth < sizeof ups)
        return sg_str_ref(a, ups, 3 * depth);
    sg_buf b = SG_BUF_INIT;
    while (depth--)
        sg_buf_puts(&b, "../");
    sg_value *r = sg_strn(a, b.ptr, b.len);
    sg_buf_free(&b);
    return r;
}

/* What every page's context starts with. */
static sg_value *S_context(sg_arena *a, const page *pg, sg_value *site,
                           size_t extra)
{
    sg_value *ctx = sg_map_sized(a, 4 + extra);
    sg_map_add(a, ctx, "root", S_root(a, pg->path));
    sg_map_add(a, ctx, "path", sg_str_ref(a, pg->path, strlen(pg->path)));
    sg_map_add(a, ctx, "page_title",
               sg_str_ref(a, pg->title, strlen(pg->title)));
    sg_map_add(a, ctx, "site", site);
    return ctx;
}

static page *S_page(plan *pl, const char *path, const char *tpl,
                    const char *title, bool html)
{
    if (pl->n == pl->cap)
        pl->pages = sg_grow(pl->a, pl->pages, &pl->cap, 256,
                            sizeof *pl->pages);
    page *pg = &pl->pages[pl->n++];
    *pg = (page){ path, tpl, title, NULL, html, -1 };
    return pg;
}

/* A page other than a case page: its context is made now. */
static sg_value *S_add(plan *pl, const char *path, const char *tpl,
                       const char *title, bool html)
{
    page *pg = S_page(pl, path, tpl, title, html);
    pg->ctx = S_context(pl->a, pg, pl->site, 4);
    return pg->ctx;
}

static void S_csv_cell(sg_buf *b, const char *s)
{
    if (!s)
        return;
    /* a cell a spreadsheet would run as a formula gets a leading quote */
    bool formula = *s == '=' || *s == '+' || *s == '-' || *s == '@' ||
                   *s == '\t' || *s == '\r';
    bool quote = formula || strpbrk(s, ",\"\n\r") != NULL;
    if (quote)
        sg_buf_putc(b, '"');
    if (formula)
        sg_buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '"')
            sg_buf_putc(b, '"');
        sg_buf_putc(b, *s);
    }
    if (quote)
        sg_buf_putc(b, '"');
}

/* Flushes `b` into `o` once it holds enough to be worth a write. */
static void S_flush(sg_publish_out *o, sg_buf *b, bool all)
{
    if (all || b->len >= (1u << 18)) {
        sg_publish_write(o, b->ptr, b->len);
        sg_buf_reset(b);
    }
}

static void S_csv(sg_publish_out *o, const sg_case_entry *entries, size_t n)
{
    sg_buf out = SG_BUF_INIT, *b = &out;
    static const char *const cols[][3] = {
        { "slug", "slug", NULL }, { "title", "title", NULL },
        { "country", "country", NULL }, { "sector", "sector", NULL },
        { "city", "city", NULL }, { "founded", "founded", NULL },
        { "actors", "actors", NULL }, { "staff", "staff", NULL },
        { "stage_declared", "stage", "declared" },
        { "stage_inferred", "stage", "inferred" },
        { "stage", "stage", "final" }, { "model", "model", "final" },
        { "model_inferred", "model", "inferred" },
        { "gaps", "gaps", "strip" },
        { "total_eur_per_year", "funding", "total_eur_per_year" },
        { "largest_share", "funding", "largest_share" },
        { "public_share", "funding", "public_share" },
        { "url", "url", NULL },
    };
    size_t nc = sizeof cols / sizeof *cols;
    for (size_t c = 0; c < nc; c++) {
        if (c)
            sg_buf_putc(b, ',');
        sg_buf_puts(b, cols[c][0]);
    }
    sg_buf_puts(b, "\r\n");
    sg_buf cell = SG_BUF_INIT;
    sg_arena tmp = SG_ARENA_INIT;   /* one case view at a time */
    for (size_t i = 0; i < n; i++) {
        sg_arena_mark mark = sg_arena_save(&tmp);
        const sg_value *view = sg_force(entries[i].view, &tmp);
        for (size_t c = 0; c < nc; c++) {
            if (c)
                sg_buf_putc(b, ',');
            const sg_value *x = sg_force(sg_map_get(view, cols[c][1]), &tmp);
            if (cols[c][2])
                x = sg_map_get(x, cols[c][2]);
            sg_buf_reset(&cell);
            sg_value_text(&cell, x);
            S_csv_cell(b, cell.len ? cell.ptr : NULL);
        }
        sg_buf_puts(b, "\r\n");
        sg_arena_release(&tmp, mark);
        S_flush(o, b, false);
    }
    S_flush(o, b, true);
    sg_arena_free(&tmp);
    sg_buf_free(&cell);
    sg_buf_free(b);
}

/* Writes head, then one JSON value a line built by `row` from each case
 * view (built, written and dropped in turn), then tail. */
static void S_json_lines(sg_publish_out *o, const sg_case_entry *entries,
                         size_t n, const char *head, const char *tail,
                         sg_value *(*row)(sg_arena *, const sg_value *))
{
    sg_buf out = SG_BUF_INIT, *b = &out;
    sg_arena tmp = SG_ARENA_INIT;
    sg_buf_puts(b, head);
    for (size_t i = 0; i < n; i++) {
        sg_arena_mark mark = sg_arena_save(&tmp);
        sg_buf_puts(b, i ? ",\n" : "\n");
        /* the JSON writer escapes < > &, so no "</script>" can appear */
        sg_json_write(b, row(&tmp, sg_force(entries[i].view, &tmp)), 0);
        sg_arena_release(&tmp, mark);
        S_flush(o, b, false);
    }
    sg_buf_puts(b, tail);
    S_flush(o, b, true);
    sg_arena_free(&tmp);
    sg_buf_free(b);
}

/* A case as cases.json has it: the facts, not what only pages show. */
static sg_value *S_export_case(sg_arena *a, const sg_value *view)
{
    sg_value *m = sg_map_sized(a, 32);
    for (const char *const *k = sg_json_case_keys; *k; k++) {
        sg_value *x = sg_map_get(view, *k);
        if (x)
            sg_map_add(a, m, *k, x);
    }
    return m;
}

/* {"cases": [...]} with one case a line: small, and a change to one
 * case is a change to one line. */
static void S_json_export(sg_publish_out *o, const sg_case_entry *entries,
                          size_t n)
{
    S_json_lines(o, entries, n, "{\"cases\": [", "\n]}\n", S_export_case);
}

/* The side-by-side picker's data, as a script that sets window.genPick:
 * a file of its own, loaded by compare/pick/, so the page stays small and
 * works from a static host or straight from the disk. One case a line. */
static void S_pick_js(sg_publish_out *o, const sg_case_entry *entries,
                      size_t n)
{
    S_json_lines(o, entries, n, "window.genPick = [", "\n];\n",
                 sg_view_pick);
}

static int S_cmp_date(const void *x, const void *y)
{
    const sg_case *a = (*(const sg_case_entry *const *)x)->c;
    const sg_case *b = (*(const sg_case_entry *const *)y)->c;
    int c = strcmp(b->date ? b->date : "", a->date ? a->date : "");
    return c ? c : strcmp(a->slug, b->slug);      /* newest first */
}

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

static int S_cmp_title(const void *x, const void *y)
{
    const sg_case *a = *(sg_case *const *)x, *b = *(sg_case *const *)y;
    int c = strcasecmp(a->title, b->title);
    return c ? c : strcmp(a->slug, b->slug);
}

static const char *S_kind_title(const char *kind)
{
    return strcmp(kind, "stages") == 0 ? "Stage"
         : strcmp(kind, "models") == 0 ? "Model"
         : strcmp(kind, "gaps") == 0 ? "Gap"
         : strcmp(kind, "sectors") == 0 ? "Sector" : "Country";
}

static void S_plan(plan *pl, const sg_view *view,
                   const sg_case_entry *entries)
{
    sg_arena *a = pl->a;
    sg_value *x;
    x = S_add(pl, "index.html", "index", "Cluster case studies", true);
    sg_map_add(a, x, "cases", sg_list(a));
    sg_value *all = sg_map_get(x, "cases");
    for (size_t i = 0; i < view->n; i++)
        sg_list_push(a, all, view->cases[i]);
    sg_map_add(a, x, "charts", view->charts);
    sg_map_add(a, x, "home", sg_bool(a, true));

    for (size_t i = 0; i < view->n; i++)
        S_page(pl, entries[i].url, "case", entries[i].c->title, true)
            ->case_index = (long)i;
    const sg_value *kinds = sg_map_get(view->site, "kinds");
    for (size_t i = 0; i < kinds->u.list.n; i++) {
        sg_value *k = kinds->u.list.items[i];
        const char *kind = sg_value_str(sg_map_get(k, "kind"));
        x = S_add(pl, sg_printf(a, "%s/index.html", kind), "kind",
                  sg_value_str(sg_map_get(k, "title")), true);
        sg_map_add(a, x, "kind", k);
    }
    for (size_t i = 0; i < view->listings->u.list.n; i++) {
        sg_value *l = view->listings->u.list.items[i];
        const char *kind = sg_value_str(sg_map_get(l, "kind"));
        x = S_add(pl, sg_printf(a, "%s/%s/index.html", kind,
                                sg_value_str(sg_map_get(l, "key"))),
                  "listing",
                  sg_printf(a, "%s: %s", S_kind_title(kind),
                            sg_value_str(sg_map_get(l, "name"))), true);
        sg_map_add(a, x, "listing", l);
        sg_map_add(a, x, sg_printf(a, "is_%s", kind), sg_bool(a, true));
    }
    static const char *const cmp[][3] = {
        { "compare/index.html", "compare", "Comparisons" },
        { "compare/gaps/index.html", "compare-gaps",
          "Gaps: institutional thickness or empty slots" },
        { "compare/traits/index.html", "compare-traits",
          "Organisational model traits" },
        { "compare/stage-sector/index.html", "compare-stage-sector",
          "Stage against sector" },
        { "compare/stages/index.html", "compare-stages",
          "Declared against inferred stage" },
        { "compare/funding/index.html", "compare-funding",
          "Funding indicators" },
        { "compare/pick/index.html", "compare-pick",
          "Compare cases side by side" },
    };
    for (size_t i = 0; i < sizeof cmp / sizeof *cmp; i++) {
        x = S_add(pl, cmp[i][0], cmp[i][1], cmp[i][2], true);
        sg_map_add(a, x, "compare", view->compare);
    }
    S_add(pl, "about/index.html", "about", "About the frameworks", true);
    S_add(pl, "404.html", "404", "Page not found", true);

    /* feed and sitemap: newest first, from the same case views */
    const sg_case_entry **sorted = sg_alloc(a, (view->n + 1) * sizeof *sorted);
    for (size_t i = 0; i < view->n; i++)
        sorted[i] = &entries[i];
    qsort(sorted, view->n, sizeof *sorted, S_cmp_date);
    sg_value *feed = sg_list(a);
    const char *updated = NULL;
    for (size_t i = 0; i < view->n; i++) {
        const char *date = sorted[i]->c->date;
        if (!date)
            continue;
        if (!updated)
            updated = date;
        sg_list_push(a, feed, sorted[i]->view);
    }
    x = S_add(pl, "feed.xml", "feed", "Cluster case studies", false);
    sg_map_add(a, x, "entries", feed);
    sg_map_add(a, x, "updated", sg_str(a, updated ? updated : "1970-01-01"));
    x = S_add(pl, "sitemap.xml", "sitemap", "", false);
    sg_value *urls = sg_list(a);
    for (size_t i = 0; i < pl->n; i++) {
        if (!pl->pages[i].html || strcmp(pl->pages[i].path, "404.html") == 0)
            continue;
        const char *p = pl->pages[i].path;
        size_t len = strlen(p);
        /* directory URLs, as static hosts serve them */
        if (len >= 10 && strcmp(p + len - 10, "index.html") == 0)
            len -= 10;
        sg_list_push(a, urls, sg_str_ref(a, p, len));
    }
    sg_map_add(a, x, "urls", urls);
}

/* The exports: written by the rendering threads alongside the pages. */
typedef void (*export_fn)(sg_publish_out *o, const sg_case_entry *entries,
                          size_t n);
static const struct { const char *path; export_fn fn; } S_exports[] = {
    { "cases.json", S_json_export },
    { "cases.csv", S_csv },
    { "compare/pick/cases.js", S_pick_js },
};
#define NEXPORTS (sizeof S_exports / sizeof *S_exports)

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
    const plan *pl;
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

static void S_render_page(rendering *r, strand_state *ss, const page *pg,
                          sg_diags *d)
{
    const sg_tpl *t = sg_tpl_dir_get(r->td, pg->tpl, d);
    sg_buf_reset(&ss->page);
    sg_value *ctx = pg->ctx;
    if (pg->case_index >= 0) {
        const sg_case_entry *e = &r->entries[pg->case_index];
        ctx = S_context(&ss->scratch, pg, r->pl->site, 2);
        sg_map_add(&ss->scratch, ctx, "case", e->view);
        sg_map_add(&ss->scratch, ctx, "detail",
                   sg_view_case_detail(&ss->scratch, e, d));
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
    } else if (task <= NEXPORTS) {
        sg_publish_out po;
        if (sg_publish_open(r->pub, &ss->scratch, S_exports[task - 1].path,
                            &po, d) == 0)
            S_exports[task - 1].fn(&po, r->entries, r->ncases);
        sg_publish_close(&po, &ss->ps);
    } else {
        S_render_page(r, ss, &r->pl->pages[r->order[task - 1 - NEXPORTS]], d);
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
static void S_render(const sg_build_opts *o, sg_arena *a, const plan *pl,
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
    size_t ntasks = 1 + NEXPORTS + pl->n;
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

int sg_build(const sg_build_opts *o, sg_diags *d, sg_build_stats *st)
{
    memset(st, 0, sizeof *st);
    sg_arena arena = SG_ARENA_INIT, *a = &arena;
    sg_vocab v;
    int rc = -1;
    sg_publish pub = {0};
    if (sg_vocab_load(&v, a, o->vocabulary, d) != 0)
        goto out;

    /* templates first: a broken template stops the build early */
    sg_tpl_dir td;
    sg_tpl_dir_init(&td, a, o->templates);
    const char **tfiles = NULL;
    size_t ntf = 0;
    if (!sg_is_dir(o->templates)) {
        sg_error(d, o->templates, ((sg_mark){0, 0}),
                 "run gen in the project folder, or pass --templates DIR",
                 "templates folder not found");
        goto out;
    }
    sg_find_files(a, o->templates, ".mustache", &tfiles, &ntf, d);
    size_t tlen = strlen(o->templates);
    for (size_t i = 0; i < ntf; i++) {
        const char *rel = tfiles[i] + tlen + (tfiles[i][tlen] == '/');
        char *name = sg_strndup(a, rel, strlen(rel) - strlen(".mustache"));
        const sg_tpl *t = sg_tpl_dir_get(&td, name, d);
        if (t)
            sg_tpl_check_partials(t, &td.loader, d);
    }
    static const char *const needed[] = {
        "index", "case", "kind", "listing", "compare", "compare-gaps",
        "compare-traits", "compare-stage-sector", "compare-stages",
        "compare-funding", "compare-pick", "about", "404", "feed", "sitemap" };
    for (size_t i = 0; i < sizeof needed / sizeof *needed; i++)
        if (!sg_tpl_dir_get(&td, needed[i], d) && !td.failures)
            sg_error(d, sg_printf(a, "%s/%s.mustache", o->templates,
                                  needed[i]), ((sg_mark){0, 0}),
                     "copy it from the default templates/ of gen",
                     "template missing");

    const char *paths[1] = { o->cases };
    sg_collection col;
    sg_progress prog = { o->progress, o->progress_ctx };

    sg_collection_load(a, &v, paths, 1, o->jobs, &prog, &col, d);
    if (d->errors)
        goto out;

    /* published cases, classified and turned into views */
    sg_case **cases = sg_alloc(a, (col.n + 1) * sizeof *cases);
    size_t n = 0;
    for (size_t i = 0; i < col.n; i++)
        if (o->drafts || !col.cases[i]->draft)
            cases[n++] = col.cases[i];
    /* readers look for a title, so lists and previous/next follow titles */
    qsort(cases, n, sizeof *cases, S_cmp_title);
    sg_class *classes = sg_alloc(a, (n + 1) * sizeof *classes);
    struct classifying cl = { &v, cases, classes };
    sg_parallel(a, d, o->jobs, n, 64, S_classify_one, &cl);
    sg_view_cache vc;
    memset(&vc, 0, sizeof vc);
    sg_analysis an;
    sg_analyse(a, &v, cases, classes, n, &an);
    sg_case_entry *entries = sg_view_entries(a, &v, &vc, cases, classes, &an,
                                             n);
    sg_site_opts so = { o->base_url ? o->base_url : "",
                        o->title ? o->title : "Cluster case studies" };
    sg_view view;
    sg_view_build(a, &v, &an, entries, n, &so, &view);

    plan pl = { .a = a, .site = view.site };
    S_plan(&pl, &view, entries);

    sg_strset files;
    sg_strset_init(&files, a);
    sg_links links;
    sg_links_init(&links, a, &files);
    for (size_t i = 0; i < pl.n; i++)
        sg_links_file(&links, pl.pages[i].path);
    for (size_t i = 0; i < NEXPORTS; i++)
        sg_links_file(&links, S_exports[i].path);
    char *static_dir = sg_path_join(a, o->templates, "static");
    const char **statics = NULL;
    size_t nstatic = 0;
    if (sg_is_dir(static_dir))
        sg_find_files(a, static_dir, "", &statics, &nstatic, d);
    size_t slen = strlen(static_dir);
    for (size_t i = 0; i < nstatic; i++)
        sg_links_file(&links, sg_printf(a, "static/%s", statics[i] + slen + 1));
    if (d->errors)
        goto out;

    /* from here to the end this build holds the output folder's lock */
    const char *protect[] = { o->cases, o->templates };
    sg_publish_wait wait = { o->no_wait, o->waiting };
    if (sg_publish_begin(&pub, a, o->out, protect, 2, &wait, d) != 0)
        goto out;

    /* render: pages are independent; each thread has its own arenas,
     * diagnostics and link records, merged afterwards, and the output
     * does not depend on the number of jobs */
    sg_publish_stats ps = {0, 0, 0};
    S_render(o, a, &pl, &td, entries, n, &pub, &links, &ps, d);

    sg_buf page_buf = SG_BUF_INIT;
    for (size_t i = 0; i < nstatic && !d->errors; i++) {
        sg_buf_reset(&page_buf);
        if (sg_read_file(statics[i], SG_MAX_FILE_SIZE, &page_buf, d) == 0)
            sg_publish_file(&pub, a, sg_printf(a, "static/%s",
                                               statics[i] + slen + 1),
                            page_buf.ptr, page_buf.len, &ps, d);
    }
    sg_buf_free(&page_buf);
    sg_links_finish(&links, d);
    if (d->errors || td.failures)
        goto out;
    if (sg_publish_commit(&pub, d) != 0)
        goto out;
    st->cases = n;
    st->pages = pl.n;
    st->exports = NEXPORTS;
    st->written = ps.written;
    st->unchanged = ps.unchanged;
    st->bytes = ps.bytes;
    st->links = links.checked;
    rc = 0;
out:
    sg_publish_end(&pub);
    sg_arena_free(a);
    return rc;
}
