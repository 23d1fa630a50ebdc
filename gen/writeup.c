/* writeup.c - the links, images, figures and raw HTML of write-ups. */
#include "writeup.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case_read.h"
#include "fs.h"
#include "links.h"
#include "markdown.h"
#include "parallel.h"
#include "publish.h"
#include "strset.h"
#include "suggest.h"

typedef struct writeups {
    sg_case *const *cases;     /* sorted by slug */
    size_t n;
    sg_strset files;           /* the files of the cases checked */
    sg_case **by_file;         /* the cases sorted by file */
    const char **slugs;        /* for "did you mean"; NULL for many cases */
    const char *const *paths;  /* as given: folders or case files */
    size_t npaths;
    sg_writeup_note *notes;    /* per case, or NULL */
} writeups;

static int S_cmp_slug_key(const void *key, const void *elem)
{
    const sg_case *c = *(sg_case *const *)elem;
    return strcmp(key, c->slug ? c->slug : "");
}

static const sg_case *S_case(const writeups *w, const char *slug)
{
    sg_case *const *hit = w->n ? bsearch(slug, w->cases, w->n,
                                         sizeof *w->cases, S_cmp_slug_key)
                               : NULL;
    return hit ? *hit : NULL;
}

static int S_cmp_file(const void *x, const void *y)
{
    return strcmp((*(sg_case *const *)x)->file, (*(sg_case *const *)y)->file);
}

static int S_cmp_file_key(const void *key, const void *elem)
{
    return strcmp(key, (*(sg_case *const *)elem)->file);
}

/* Whether `body` may hold something to check: a link or image ("](",
 * or "]:" of a reference definition) or raw HTML or an autolink ('<').
 * Most write-ups have neither and are not parsed a second time. */
static bool S_may_check(const char *body, size_t len)
{
    if (memchr(body, '<', len))
        return true;
    const char *p = body, *end = body + len;
    while ((p = memchr(p, ']', (size_t)(end - p))) && p + 1 < end) {
        p++;
        if (*p == ':' || *p == '(')
            return true;
    }
    return false;
}

/* The place of cmark's (line, byte column) of a node whose text starts
 * with `first` ('[', '!' or '<') in the case file: the body starts at
 * c->body_line, and columns count characters. `at` and `at_line`
 * remember where the last line found starts: nodes come in the order of
 * the text, so each is found from the one before. */
static sg_mark S_place(const sg_case *c, const char *body, size_t len,
                       int line, int col, char first, size_t *at,
                       int *at_line)
{
    if (line < *at_line) {
        *at = 0;
        *at_line = 1;
    }
    size_t i = *at;
    for (int l = *at_line; l < line && i < len; i++)
        if (body[i] == '\n' || (body[i] == '\r' && (i + 1 == len ||
                                                    body[i + 1] != '\n')))
            if (++l == line) {
                i++;
                break;
            }
    *at = i;
    *at_line = line;
    size_t off = col > 0 ? (size_t)col - 1 : 0;
    /* cmark leaves out the indentation it strips from a paragraph's
     * later lines ("   more [x](y)"): add it back when that is where
     * the node starts */
    size_t ws = 0;
    while (i + ws < len && (body[i + ws] == ' ' || body[i + ws] == '\t'))
        ws++;
    if (i + off < len && body[i + off] != first && i + off + ws < len &&
        body[i + off + ws] == first)
        off += ws;
    unsigned chars = 1;
    for (size_t k = i; k < len && k < i + off; k++)
        chars += ((unsigned char)body[k] & 0xC0) != 0x80;
    return (sg_mark){ c->body_line + (unsigned)line - 1, chars };
}

/* What one write-up's check collects, in its thread's arena. */
typedef struct found {
    sg_arena *a;
    sg_case_url *urls;
    size_t nurls, curls;
    sg_case_file *files;
    size_t nfiles, cfiles;
    bool impure;               /* a link resolved against the collection
                                * or the file system */
    bool into;                 /* one names a place in another case's page */
} found;

static void S_url(found *f, const char *from, const char *to)
{
    for (size_t i = 0; i < f->nurls; i++)
        if (strcmp(f->urls[i].from, from) == 0)
            return;
    if (f->nurls == f->curls)
        f->urls = sg_grow(f->a, f->urls, &f->curls, 8, sizeof *f->urls);
    f->urls[f->nurls++] = (sg_case_url){ sg_strdup(f->a, from),
                                         sg_strdup(f->a, to) };
}

/* `s` percent-encoded for an address, '/' kept */
static void S_encode(sg_buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
            sg_buf_putc(out, (char)*p);
        } else {
            sg_buf_putc(out, '%');
            sg_buf_putc(out, hex[*p >> 4]);
            sg_buf_putc(out, hex[*p & 15]);
        }
    }
}

/* The folder that holds the case's files: the folder given that holds
 * it, or the case file's own folder. No trailing '/'. */
static const char *S_root(const writeups *w, sg_arena *a, const sg_case *c)
{
    for (size_t i = 0; i < w->npaths; i++) {
        size_t l = strlen(w->paths[i]);
        while (l > 1 && w->paths[i][l - 1] == '/')
            l--;
        if (strncmp(c->file, w->paths[i], l) == 0 && c->file[l] == '/' &&
            sg_is_dir(w->paths[i]))
            return sg_strndup(a, w->paths[i], l);
    }
    return sg_dirname(a, c->file);
}

/* `url` (a relative address, up to `pl` bytes of path) resolved against
 * the case file's folder, inside `root`: the path relative to `root` in
 * `res`. 0, or -1 after an error when it leads out of the folder. */
static int S_resolve(const sg_case *c, const char *root, const char *url,
                     size_t pl, bool image, sg_mark at, sg_arena *a,
                     sg_buf *res, sg_diags *d)
{
    size_t rl = strlen(root);
    const char *rel = strncmp(c->file, root, rl) == 0 && c->file[rl] == '/'
                          ? c->file + rl + 1
                          : c->file;
    int where = sg_links_resolve(rel, url, pl, res);
    if (where > 0 && memchr(res->ptr, '\0', res->len) == NULL &&
        sg_publish_path_ok(res->ptr))
        return 0;
    sg_error(d, c->file, at,
             pl >= 3 && strncmp(url + pl - 3, ".md", 3) == 0
                 ? sg_printf(a, "link only the cases inside %s/", root)
                 : sg_printf(a, "keep figures and files inside %s/ (for "
                             "example in %s/figures/) and link them from "
                             "there", root, root),
             "%s '%s' leads out of the cases folder %s/",
             image ? "image" : "link", url, root);
    return -1;
}

/* A figure or file the write-up links: checked, recorded for the copy,
 * and its address on the page. */
static void S_file(const sg_case *c, const char *root, bool image,
                   const char *url, size_t pl, sg_mark at, found *f,
                   sg_arena *a, sg_buf *res, sg_diags *d)
{
    const char *what = image ? "image" : "link";
    if (S_resolve(c, root, url, pl, image, at, a, res, d) != 0)
        return;
    const char *src = sg_path_join(a, root, res->ptr);
    struct stat st;
    if (lstat(src, &st) != 0) {
        sg_error(d, c->file, at,
                 "add the file there, or correct the name (names are "
                 "case-sensitive and relative to the case file's folder)",
                 "%s '%s': file %s not found", what, url, src);
        return;
    }
    /* a symbolic link is followed only when it stays inside the root */
    char *real = realpath(src, NULL), *real_root = realpath(root, NULL);
    size_t rrl = real_root ? strlen(real_root) : 0;
    bool inside = real && real_root && strncmp(real, real_root, rrl) == 0 &&
                  real[rrl] == '/';
    free(real);
    free(real_root);
    if (!inside) {
        sg_error(d, c->file, at,
                 sg_printf(a, "copy the file into %s/ instead of linking "
                           "to it", root),
                 "%s '%s': %s is a symbolic link that leads out of the "
                 "cases folder %s/", what, url, src, root);
        return;
    }
    if (stat(src, &st) != 0 || !S_ISREG(st.st_mode)) {
        sg_error(d, c->file, at, "link a file, not a folder or a device",
                 "%s '%s': %s is not a regular file", what, url, src);
        return;
    }
    if ((unsigned long long)st.st_size > SG_MAX_FIGURE_SIZE) {
        sg_error(d, c->file, at,
                 "make it smaller (compress the image), or put it online "
                 "and give its full address (https://...)",
                 "%s '%s': %s is %.1f MB; a figure or file may be at most "
                 "%u MB", what, url, src, (double)st.st_size / 1048576.0,
                 SG_MAX_FIGURE_SIZE / 1048576u);
        return;
    }
    const char *dst = sg_printf(a, "%s/%s", SG_FILES_DIR, res->ptr);
    bool have = false;
    for (size_t i = 0; i < f->nfiles && !have; i++)
        have = strcmp(f->files[i].dst, dst) == 0;
    if (!have) {
        if (f->nfiles == f->cfiles)
            f->files = sg_grow(f->a, f->files, &f->cfiles, 4,
                               sizeof *f->files);
        f->files[f->nfiles++] = (sg_case_file){ sg_strdup(f->a, src),
                                                sg_strdup(f->a, dst) };
    }
    /* the page is cases/<slug>/index.html */
    sg_buf to = SG_BUF_INIT;
    sg_buf_puts(&to, "../../" SG_FILES_DIR "/");
    S_encode(&to, res->ptr);
    sg_buf_puts(&to, url + pl);          /* ?query, #fragment */
    S_url(f, url, to.ptr);
    sg_buf_free(&to);
}

/* A link to another case's file, "other-case.md": its page. */
static void S_case_file(const writeups *w, const sg_case *c, const char *root,
                        const char *url, size_t pl, sg_mark at, found *f,
                        sg_arena *a, sg_buf *res, sg_diags *d)
{
    if (S_resolve(c, root, url, pl, false, at, a, res, d) != 0)
        return;
    const char *file = sg_path_join(a, root, res->ptr);
    sg_case *const *hit = bsearch(file, w->by_file, w->n, sizeof *w->by_file,
                                  S_cmp_file_key);
    const char *slug;
    if (hit) {
        slug = (*hit)->slug;
        if ((*hit)->draft && !c->draft)
            sg_warn(d, c->file, at, "publish it (remove `draft: true`), or "
                    "build with --drafts, or remove the link",
                    "link '%s' leads to a draft, which gen build publishes "
                    "only with --drafts", url);
    } else if (access(file, F_OK) == 0) {
        /* a case file not checked this time (gen check cases/one.md) */
        slug = sg_basename(a, file, ".md");
    } else {
        const char *want = sg_basename(a, file, ".md");
        const char *near = w->slugs ? sg_nearest(want, w->slugs, w->n) : NULL;
        sg_error(d, c->file, at,
                 near ? sg_printf(a, "did you mean %s.md ?", near)
                      : "link a case by its file name, relative to this "
                        "case's folder (other-case.md)",
                 "link '%s': case file %s not found", url, file);
        return;
    }
    f->into |= url[pl] == '#' || strchr(url + pl, '#') != NULL;
    S_url(f, url, sg_printf(a, "../%s/%s", slug, url + pl));
}

static void S_writeup_link(writeups *w, const sg_case *c, const char *root,
                           bool image, const char *url, sg_mark at,
                           found *f, sg_arena *a, sg_buf *res, sg_diags *d)
{
    static const char cases_hint[] =
        "link another case as ../<its slug>/ or by its file (other-case.md); "
        "anything else needs a full address (https://...) or must be a file "
        "inside the cases folder";
    const char *what = image ? "image" : "link";
    size_t ul = strlen(url);
    size_t pl = strcspn(url, "?#");
    int where = sg_links_resolve(sg_printf(a, "cases/%s/index.html",
                                           c->slug), url, ul, res);
    if (where == 0 && url[0] == '/' && url[1] != '/') {
        sg_error(d, c->file, at, cases_hint, "%s '%s' starts with '/': it "
                 "works only where the site is at the root of its host",
                 what, url);
        return;
    }
    if (where == 0)
        return;             /* http:, https:, mailto: ...: not checked */
    f->impure = true;
    if (!image && pl >= 3 && strncmp(url + pl - 3, ".md", 3) == 0) {
        S_case_file(w, c, root, url, pl, at, f, a, res, d);
        return;
    }
    /* a case page is cases/<slug>/index.html */
    bool in_cases = where > 0 && strncmp(res->ptr, "cases/", 6) == 0;
    const char *rest = in_cases ? res->ptr + 6 : "";
    const char *slash = strchr(rest, '/');
    bool is_case = slash && slash > rest && strcmp(slash, "/index.html") == 0;
    bool folder = pl == 0 || url[pl - 1] == '/' ||
                  (pl == 1 && url[0] == '.') ||
                  (pl >= 2 && strncmp(url + pl - 2, "/.", 2) == 0);
    if (!image && is_case) {
        const char *slug = sg_strndup(a, rest, (size_t)(slash - rest));
        if (strcmp(slug, c->slug) == 0)
            return;             /* this page: "#part", "./" */
        const sg_case *to = S_case(w, slug);
        f->into |= strchr(url + pl, '#') != NULL;
        if (to) {
            if (to->draft && !c->draft)
                sg_warn(d, c->file, at, "publish it (remove `draft: true`), "
                        "or build with --drafts, or remove the link",
                        "link '%s' leads to a draft, which gen build "
                        "publishes only with --drafts", url);
            return;
        }
        /* a case file next to this one that was not checked this time
         * (gen check cases/one.md): the whole folder's check sees it */
        const char *dir = strrchr(c->file, '/');
        const char *sib = dir ? sg_printf(a, "%.*s/%s.md",
                                          (int)(dir - c->file), c->file, slug)
                              : sg_printf(a, "%s.md", slug);
        if (!sg_strset_has(&w->files, sib, strlen(sib)) &&
            access(sib, F_OK) == 0)
            return;
        const char *near = NULL;
        if (w->slugs)
            near = sg_nearest(slug, w->slugs, w->n);
        sg_error(d, c->file, at,
                 near ? sg_printf(a, "did you mean ../%s/ ?", near)
                      : "link another case as ../<its slug>/, the name of "
                        "its file without .md",
                 "link '%s' leads to a case '%s', which is not among the "
                 "cases checked", url, slug);
        return;
    }
    if (!image && in_cases && !slash && *rest && S_case(w, rest)) {
        sg_error(d, c->file, at, sg_printf(a, "end it with '/': ../%s/",
                 rest), "link '%s' names the case '%s' without the final "
                 "'/'", url, rest);
        return;
    }
    if (folder) {
        if (where < 0)
            sg_error(d, c->file, at, cases_hint, "%s '%s' climbs above the "
                     "site's root", what, url);
        else
            sg_error(d, c->file, at, cases_hint, "%s '%s' points to %s, "
                     "which is not the page of a case", what, url, res->ptr);
        return;
    }
    S_file(c, root, image, url, pl, at, f, a, res, d);
}

/* the first line of raw HTML, shortened, for a message */
static const char *S_snippet(sg_arena *a, const char *s)
{
    size_t n = strcspn(s ? s : "", "\r\n");
    if (n <= 40)
        return sg_strndup(a, s ? s : "", n);
    /* cut at a character's start */
    size_t k = 37;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return sg_printf(a, "%.*s...", (int)k, s);
}

/* whether an image has alt text: some non-blank text inside it */
static bool S_has_alt(cmark_node *img)
{
    cmark_iter *it = cmark_iter_new(img);
    bool has = false;
    for (cmark_event_type ev; !has &&
         (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node *nd = cmark_iter_get_node(it);
        if (nd == img || ev != CMARK_EVENT_ENTER)
            continue;
        const char *lit = cmark_node_get_literal(nd);
        for (; lit && *lit && !has; lit++)
            has = *lit != ' ' && *lit != '\t' && *lit != '\n';
    }
    cmark_iter_free(it);
    return has;
}

static int S_cmp_url(const void *x, const void *y)
{
    return strcmp(((const sg_case_url *)x)->from,
                  ((const sg_case_url *)y)->from);
}

/* One write-up; false when its result may depend on more than its file. */
static bool S_writeup_one(writeups *w, sg_case *c, sg_arena *a, sg_diags *d)
{
    c->urls = NULL;
    c->files = NULL;
    c->nurls = c->nfiles = 0;
    c->links_into = false;
    if (!c->body_line || !c->body_len || !c->slug)
        return true;
    sg_arena tmp = SG_ARENA_INIT;
    const char *body = sg_case_body(&tmp, c, d);
    if (!body || !S_may_check(body, c->body_len)) {
        sg_arena_free(&tmp);
        return body != NULL;
    }
    sg_md m;
    sg_md_parse(&m, body, c->body_len);
    const char *root = S_root(w, &tmp, c);
    found f = { .a = a };
    sg_buf res = SG_BUF_INIT;
    size_t at = 0;
    int at_line = 1;
    cmark_iter *it = m.doc ? cmark_iter_new(m.doc) : NULL;
    for (cmark_event_type ev; it &&
         (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node *nd = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(nd);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
            const char *lit = cmark_node_get_literal(nd);
            /* a comment is meant to stay out of the page; an inline
             * closing tag was warned of with its opening one */
            if (lit && (strncmp(lit + strspn(lit, " \t"), "<!--", 4) == 0 ||
                        (t == CMARK_NODE_HTML_INLINE &&
                         strncmp(lit, "</", 2) == 0)))
                continue;
            sg_mark mk = S_place(c, body, c->body_len,
                                 cmark_node_get_start_line(nd),
                                 cmark_node_get_start_column(nd), '<', &at,
                                 &at_line);
            sg_warn(d, c->file, mk, "write it in Markdown; raw HTML is not "
                    "passed through",
                    "raw HTML '%s' is left out of the page",
                    S_snippet(&tmp, lit + strspn(lit ? lit : "", " \t")));
            continue;
        }
        if (t != CMARK_NODE_LINK && t != CMARK_NODE_IMAGE)
            continue;
        bool image = t == CMARK_NODE_IMAGE;
        const char *url = cmark_node_get_url(nd);
        sg_mark mk = S_place(c, body, c->body_len,
                             cmark_node_get_start_line(nd),
                             cmark_node_get_start_column(nd),
                             image ? '!' : '[', &at, &at_line);
        if (image && !S_has_alt(nd))
            sg_warn(d, c->file, mk, "describe it between the brackets, for "
                    "those who cannot see it: ![A map of the park](...)",
                    "image '%s' has no alt text", url ? url : "");
        if (!url || !*url)
            continue;       /* an empty destination: this page */
        if (sg_md_url_unsafe(url)) {
            sg_warn(d, c->file, mk, "link to a web address (https://...), "
                    "or leave the link out",
                    "%s '%s' is removed from the page: its address could "
                    "run code", image ? "image" : "link",
                    S_snippet(&tmp, url));
            continue;
        }
        S_writeup_link(w, c, root, image, url, mk, &f, &tmp, &res, d);
    }
    if (it)
        cmark_iter_free(it);
    sg_buf_free(&res);
    sg_md_free(&m);
    sg_arena_free(&tmp);
    if (f.nurls)
        qsort(f.urls, f.nurls, sizeof *f.urls, S_cmp_url);
    c->urls = f.urls;
    c->nurls = f.nurls;
    c->files = f.files;
    c->nfiles = f.nfiles;
    c->links_into = f.into;
    return !f.impure;
}

static void S_writeup(void *ctx, size_t i, unsigned thread, sg_arena *a,
                      sg_diags *d)
{
    (void)thread;
    writeups *w = ctx;
    sg_case *c = w->cases[i];
    if (!w->notes) {
        S_writeup_one(w, c, a, d);
        return;
    }
    sg_writeup_note *nt = &w->notes[i];
    if (nt->skip) {
        c->urls = NULL;
        c->files = NULL;
        c->nurls = c->nfiles = 0;
        c->links_into = false;
        return;
    }
    /* what this case's check says, apart, to be kept */
    sg_diags own;
    sg_diags_init(&own, a);
    nt->pure = S_writeup_one(w, c, a, &own);
    nt->said = own.items;
    nt->nsaid = own.n;
    sg_diags_merge(d, &own);
}

size_t sg_writeups_check(sg_arena *a, sg_case *const *cases, size_t n,
                         const char *const *paths, size_t npaths, int jobs,
                         sg_diags *d)
{
    return sg_writeups_check_noted(a, cases, n, paths, npaths, jobs, NULL, d);
}

size_t sg_writeups_check_noted(sg_arena *a, sg_case *const *cases, size_t n,
                               const char *const *paths, size_t npaths,
                               int jobs, sg_writeup_note *notes, sg_diags *d)
{
    size_t before = d->errors + d->warnings;
    writeups w = { .cases = cases, .n = n, .paths = paths, .npaths = npaths,
                   .notes = notes };
    sg_strset_init(&w.files, a);
    for (size_t i = 0; i < n; i++)
        sg_strset_add(&w.files, cases[i]->file, strlen(cases[i]->file));
    w.by_file = sg_alloc(a, (n + 1) * sizeof *w.by_file);
    memcpy(w.by_file, cases, n * sizeof *cases);
    if (n)
        qsort(w.by_file, n, sizeof *w.by_file, S_cmp_file);
    /* slugs for "did you mean": only for collections small enough that
     * comparing a wrong slug with every other costs nothing */
    if (n <= 10000) {
        w.slugs = sg_alloc(a, (n + 1) * sizeof *w.slugs);
        for (size_t i = 0; i < n; i++)
            w.slugs[i] = cases[i]->slug ? cases[i]->slug : "";
    }
    sg_parallel(a, d, jobs, n, 16, S_writeup, &w);
    return d->errors + d->warnings - before;
}
