/* pages.c - the site's pages, planned from one table. */
#include "pages.h"

#include <stdlib.h>
#include <string.h>

#include "cite.h"

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

/* The site's section a page is in, for the menu to mark: {"stages":
 * "page"} on the section's own index page, "true" deeper in it; the
 * home page and case pages are in "cases". */
static sg_value *S_nav(sg_arena *a, const char *path)
{
    sg_value *nav = sg_map_sized(a, 1);
    const char *slash = strchr(path, '/');
    if (!slash) {
        if (strcmp(path, "index.html") == 0)
            sg_map_add(a, nav, "cases", sg_str(a, "page"));
        return nav;
    }
    const char *sec = sg_strndup(a, path, (size_t)(slash - path));
    bool own = strcmp(slash + 1, "index.html") == 0;
    sg_map_add(a, nav, sec, sg_str(a, own ? "page" : "true"));
    return nav;
}

sg_value *sg_page_context(sg_arena *a, const sg_page *pg, sg_value *site,
                          size_t extra)
{
    sg_value *ctx = sg_map_sized(a, 5 + extra);
    sg_map_add(a, ctx, "nav", S_nav(a, pg->path));
    const char *base = sg_value_str(sg_map_get(site, "base_url"));
    bool is404 = strcmp(pg->tpl, "404") == 0;
    /* the 404 page is served for any missing address, at any depth: its
     * links and stylesheet start from the site's address, or from the
     * host's root when that is not known (docs/publishing.md) */
    if (is404)
        sg_map_add(a, ctx, "root", sg_str(a, base && *base ? base : "/"));
    else
        sg_map_add(a, ctx, "root", S_root(a, pg->path));
    if (base && *base && pg->html && !is404)
        sg_map_add(a, ctx, "canonical", sg_str(a, sg_folder_url(a, base,
                                                                pg->path)));
    sg_map_add(a, ctx, "path", sg_str_ref(a, pg->path, strlen(pg->path)));
    sg_map_add(a, ctx, "page_title",
               sg_str_ref(a, pg->title, strlen(pg->title)));
    sg_map_add(a, ctx, "site", site);
    return ctx;
}

static sg_page *S_page(sg_plan *pl, const char *path, const char *tpl,
                       const char *title, bool html)
{
    if (pl->n == pl->cap)
        pl->pages = sg_grow(pl->a, pl->pages, &pl->cap, 256,
                            sizeof *pl->pages);
    sg_page *pg = &pl->pages[pl->n++];
    *pg = (sg_page){ path, tpl, title, NULL, html, -1 };
    return pg;
}

/* A page other than a case page: its context is made now. */
static sg_value *S_add(sg_plan *pl, const char *path, const char *tpl,
                       const char *title, bool html)
{
    sg_page *pg = S_page(pl, path, tpl, title, html);
    pg->ctx = sg_page_context(pl->a, pg, pl->site, 4);
    return pg->ctx;
}

static int S_cmp_date(const void *x, const void *y)
{
    const sg_case *a = (*(const sg_case_entry *const *)x)->c;
    const sg_case *b = (*(const sg_case_entry *const *)y)->c;
    int c = strcmp(b->date ? b->date : "", a->date ? a->date : "");
    return c ? c : strcmp(a->slug, b->slug);      /* newest first */
}

/* ---- the families of pages ---- */

typedef struct page_row page_row;
typedef void (*plan_fn)(sg_plan *pl, const page_row *row, const sg_view *view,
                        const sg_case_entry *entries);
struct page_row {
    const char *tpl;           /* template; its title: pages.<tpl> */
    const char *path;          /* NULL: the row's plan makes the paths */
    bool html;
    plan_fn plan;              /* NULL: one page with the site only */
};

/* The page's title from the vocabulary ("" when it has none). */
static const char *S_title(const sg_plan *pl, const char *tpl)
{
    const sg_value *pages = sg_map_get(pl->v->root, "pages");
    const char *t = sg_value_str(sg_map_get(pages, tpl));
    return t ? t : "";
}

static sg_value *S_row_page(sg_plan *pl, const page_row *row)
{
    return S_add(pl, row->path, row->tpl, S_title(pl, row->tpl), row->html);
}

static void S_home(sg_plan *pl, const page_row *row, const sg_view *view,
                   const sg_case_entry *entries)
{
    (void)entries;
    sg_arena *a = pl->a;
    sg_value *x = S_row_page(pl, row);
    sg_value *all = sg_list(a);
    for (size_t i = 0; i < view->n; i++)
        sg_list_push(a, all, view->cases[i]);
    sg_map_add(a, x, "cases", all);
    sg_map_add(a, x, "charts", view->charts);
    sg_map_add(a, x, "map", view->map);
    sg_map_add(a, x, "home", sg_bool(a, true));
    sg_map_add(a, x, "jsonld", sg_str(a, sg_cite_dataset_jsonld(a, pl->site)));
}

static void S_cases(sg_plan *pl, const page_row *row, const sg_view *view,
                    const sg_case_entry *entries)
{
    for (size_t i = 0; i < view->n; i++)
        S_page(pl, entries[i].url, row->tpl, entries[i].c->title, row->html)
            ->case_index = (long)i;
}

/* A case's citation files, beside its page. */
static void S_cite_files(sg_plan *pl, const page_row *row,
                         const sg_view *view, const sg_case_entry *entries)
{
    const char *file = row->tpl + strlen("cite-");    /* "bib" ... */
    for (size_t i = 0; i < view->n; i++) {
        const char *url = entries[i].url;
        size_t dir = strlen(url) - strlen("index.html");
        S_page(pl, sg_printf(pl->a, "%.*scite.%s", (int)dir, url,
                             strcmp(file, "csl") == 0 ? "json" : file),
               row->tpl, entries[i].c->title, row->html)->case_index =
            (long)i;
    }
}

static void S_kinds(sg_plan *pl, const page_row *row, const sg_view *view,
                    const sg_case_entry *entries)
{
    (void)entries;
    sg_arena *a = pl->a;
    const sg_value *kinds = sg_map_get(view->site, "kinds");
    for (size_t i = 0; i < kinds->u.list.n; i++) {
        sg_value *k = kinds->u.list.items[i];
        const char *kind = sg_value_str(sg_map_get(k, "kind"));
        sg_value *x = S_add(pl, sg_printf(a, "%s/index.html", kind), row->tpl,
                            sg_value_str(sg_map_get(k, "title")), row->html);
        sg_map_add(a, x, "kind", k);
    }
}

static void S_listings(sg_plan *pl, const page_row *row, const sg_view *view,
                       const sg_case_entry *entries)
{
    (void)entries;
    sg_arena *a = pl->a;
    for (size_t i = 0; i < view->listings->u.list.n; i++) {
        sg_value *l = view->listings->u.list.items[i];
        const char *kind = sg_value_str(sg_map_get(l, "kind"));
        sg_value *x = S_add(pl, sg_printf(a, "%s/%s/index.html", kind,
                                          sg_value_str(sg_map_get(l, "key"))),
                            row->tpl,
                            sg_printf(a, "%s: %s",
                                      sg_value_str(sg_map_get(l, "kind_name")),
                                      sg_value_str(sg_map_get(l, "name"))),
                            row->html);
        sg_map_add(a, x, "listing", l);
        sg_map_add(a, x, sg_printf(a, "is_%s", kind), sg_bool(a, true));
    }
}

static void S_compare(sg_plan *pl, const page_row *row, const sg_view *view,
                      const sg_case_entry *entries)
{
    (void)entries;
    sg_value *x = S_row_page(pl, row);
    sg_map_add(pl->a, x, "compare", view->compare);
    sg_map_add(pl->a, x, "charts", view->charts);
}

/* The framework pages of #18: their data from the site view. */
static void S_frameworks(sg_plan *pl, const page_row *row,
                         const sg_view *view, const sg_case_entry *entries)
{
    (void)entries;
    sg_map_add(pl->a, S_row_page(pl, row), "frameworks", view->frameworks);
}

/* The feed: cases with a date, newest first, from the same case views. */
static void S_feed(sg_plan *pl, const page_row *row, const sg_view *view,
                   const sg_case_entry *entries)
{
    sg_arena *a = pl->a;
    const sg_case_entry **sorted = sg_alloc(a, (view->n + 1) * sizeof *sorted);
    for (size_t i = 0; i < view->n; i++)
        sorted[i] = &entries[i];
    if (view->n)
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
    sg_value *x = S_row_page(pl, row);
    sg_map_add(a, x, "entries", feed);
    sg_map_add(a, x, "updated", sg_str(a, updated ? updated : "1970-01-01"));
}

/* The sitemap: every HTML page planned before it but the 404 page, as
 * folder URLs where a static host serves index.html. */
static void S_sitemap(sg_plan *pl, const page_row *row, const sg_view *view,
                      const sg_case_entry *entries)
{
    (void)entries;
    sg_arena *a = pl->a;
    /* a sitemap of relative addresses is no sitemap: none without the
     * site's address (the build notes it) */
    const char *base = sg_value_str(sg_map_get(view->site, "base_url"));
    if (!base || !*base)
        return;
    sg_value *urls = sg_list(a);
    for (size_t i = 0; i < pl->n; i++) {
        if (!pl->pages[i].html || strcmp(pl->pages[i].tpl, "404") == 0)
            continue;
        /* the same address as the page's canonical link */
        sg_list_push(a, urls, sg_str(a, sg_folder_url(a, base,
                                                      pl->pages[i].path)));
    }
    sg_map_add(a, S_row_page(pl, row), "urls", urls);
}

/* Every page of the site, in the order they are planned (the sitemap
 * last: it lists the pages before it). */
static const page_row S_rows[] = {
    { "index", "index.html", true, S_home },
    { "case", NULL, true, S_cases },
    { "cite-bib", NULL, false, S_cite_files },
    { "cite-ris", NULL, false, S_cite_files },
    { "cite-csl", NULL, false, S_cite_files },
    { "kind", NULL, true, S_kinds },
    { "listing", NULL, true, S_listings },
    { "compare", "compare/index.html", true, S_compare },
    { "compare-gaps", "compare/gaps/index.html", true, S_compare },
    { "compare-traits", "compare/traits/index.html", true, S_compare },
    { "compare-stage-sector", "compare/stage-sector/index.html", true,
      S_compare },
    { "compare-stages", "compare/stages/index.html", true, S_compare },
    { "compare-funding", "compare/funding/index.html", true, S_compare },
    { "compare-pick", "compare/pick/index.html", true, S_compare },
    { "compare-regions", "compare/regions/index.html", true, S_compare },
    { "compare-funding-shift", "compare/funding-shift/index.html", true,
      S_compare },
    { "compare-clusterpreneurs", "compare/clusterpreneurs/index.html", true,
      S_frameworks },
    { "compare-assessment", "compare/assessment/index.html", true,
      S_frameworks },
    { "compare-alliances", "compare/alliances/index.html", true,
      S_frameworks },
    { "about", "about/index.html", true, NULL },
    { "404", "404.html", true, NULL },
    { "feed", "feed.xml", false, S_feed },
    { "sitemap", "sitemap.xml", false, S_sitemap },
};
#define NROWS (sizeof S_rows / sizeof *S_rows)

void sg_pages_plan(sg_plan *pl, sg_arena *a, const sg_vocab *v,
                   const sg_view *view, const sg_case_entry *entries)
{
    *pl = (sg_plan){ .a = a, .v = v, .site = view->site };
    /* room for every page at once: an arena keeps each outgrown array,
     * which at 100,000 cases (400,000 pages) doubled the table's size */
    size_t per_case = 0;
    for (size_t i = 0; i < NROWS; i++)
        per_case += S_rows[i].plan == S_cases ||
                    S_rows[i].plan == S_cite_files;
    pl->cap = per_case * view->n + 1024;   /* and the listings */
    pl->pages = sg_alloc(a, pl->cap * sizeof *pl->pages);
    for (size_t i = 0; i < NROWS; i++) {
        if (S_rows[i].plan)
            S_rows[i].plan(pl, &S_rows[i], view, entries);
        else
            S_row_page(pl, &S_rows[i]);
    }
}

size_t sg_pages_ntemplates(void)
{
    return NROWS;
}

const char *sg_pages_template(size_t i)
{
    return i < NROWS ? S_rows[i].tpl : NULL;
}
