/* links.c - extracting and resolving href, src and id attributes.
 *
 * Our own templates write attributes as name="value", so a scan for
 * those is exact enough; values are HTML-escaped, so &amp; is undone.
 */
#include "links.h"

#include <stdlib.h>
#include <string.h>

struct sg_pending {
    const char *from, *tpl, *target;   /* target: "path#id" */
    sg_pending *next;
};

void sg_links_init(sg_links *l, sg_arena *a, sg_strset *files)
{
    memset(l, 0, sizeof *l);
    l->a = a;
    l->files = files;
}

void sg_links_file(sg_links *l, const char *path)
{
    /* the paths are the build's (page table, exports, case files) */
    sg_strset_add_ref(l->files, path, strlen(path));
}

void sg_links_merge(sg_links *into, sg_links *from)
{
    sg_hashset_merge(&into->anchors, &from->anchors);
    sg_hashset_free(&from->anchors);
    sg_hashset_free(&from->page_ids);
    sg_pending *pd = from->pending;
    while (pd) {
        sg_pending *next = pd->next;
        pd->next = into->pending;
        into->pending = pd;
        pd = next;
    }
    from->pending = NULL;
    into->checked += from->checked;
    into->broken += from->broken;
}

static int S_hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Appends `s` (n bytes) percent-decoded, as a browser asks for it and a
 * server looks it up: "%C3%89" is the file name's "É". "%2F" and "%00"
 * stay as they are: no file name holds them decoded. */
static void S_decode(sg_buf *out, const char *s, size_t n)
{
    if (!memchr(s, '%', n)) {      /* the usual case */
        sg_buf_put(out, s, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (s[i] == '%' && i + 2 < n && (hi = S_hex(s[i + 1])) >= 0 &&
            (lo = S_hex(s[i + 2])) >= 0 && (hi || lo) &&
            !(hi == 2 && lo == 15)) {
            sg_buf_putc(out, hi * 16 + lo);
            i += 2;
        } else {
            sg_buf_putc(out, s[i]);
        }
    }
}

int sg_links_resolve(const char *page, const char *href, size_t hl,
                     sg_buf *out)
{
    sg_buf_reset(out);
    if (hl >= 2 && href[0] == '/' && href[1] == '/')
        return 0;
    for (size_t i = 0; i < hl; i++) {
        if (href[i] == ':')
            return 0;       /* http:, mailto: ... */
        if (href[i] == '/' || href[i] == '?' || href[i] == '#')
            break;
    }
    if (hl && href[0] == '/')
        return 0;           /* root-relative: not used by our templates */
    const char *slash = strrchr(page, '/');
    if (slash)
        sg_buf_put(out, page, (size_t)(slash - page) + 1);
    size_t i = 0;
    while (i < hl && href[i] != '?' && href[i] != '#') {
        size_t j = i;
        while (j < hl && href[j] != '/' && href[j] != '?' && href[j] != '#')
            j++;
        /* decoded in place at the end of `out`: "%2e%2e" is ".." too */
        size_t at = out->len;
        S_decode(out, href + i, j - i);
        size_t seg = out->len - at;
        const char *sp = out->ptr + at;
        if (seg == 2 && sp[0] == '.' && sp[1] == '.') {
            sg_buf_truncate(out, at);
            if (!out->len)
                return -1;              /* above the site's root */
            size_t k = out->len - 1;
            while (k > 0 && out->ptr[k - 1] != '/')
                k--;
            sg_buf_truncate(out, k);
        } else if ((seg == 1 && sp[0] == '.') || !seg) {
            sg_buf_truncate(out, at);
        } else if (j < hl && href[j] == '/') {
            sg_buf_putc(out, '/');
        }
        i = j < hl && href[j] == '/' ? j + 1 : j;
    }
    if (!out->len || out->ptr[out->len - 1] == '/')
        sg_buf_puts(out, "index.html");
    return 1;
}

/* What to fix: a case's page also holds its write-up's links. */
static const char *S_fix(const char *page, bool anchor)
{
    if (strncmp(page, "cases/", 6) == 0)
        return anchor ? "add the id to the target page, or fix the fragment: "
                        "in the template, or in the case's write-up"
                      : "fix the link in the template, or the data it is "
                        "built from: the case's write-up or front matter";
    return anchor ? "add the id to the target page, or fix the fragment"
                  : "fix the link in the template, or the data it is built "
                    "from";
}

static void S_unescape(sg_buf *b, const char *s, size_t n)
{
    sg_buf_reset(b);
    if (!memchr(s, '&', n)) {      /* the usual case: nothing to undo */
        sg_buf_put(b, s, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '&' && i + 4 < n + 1 && strncmp(s + i, "&amp;", 5) == 0) {
            sg_buf_putc(b, '&');
            i += 4;
        } else {
            sg_buf_putc(b, s[i]);
        }
    }
}

static bool S_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || c == '-';
}

void sg_links_begin(sg_links_scan *s, sg_links *l, const char *path,
                    const char *tpl, sg_diags *d)
{
    *s = (sg_links_scan){ .l = l, .path = path, .tpl = tpl, .d = d,
                          .plen = strlen(path), .val = SG_BUF_INIT,
                          .res = SG_BUF_INIT, .local = SG_BUF_INIT };
    sg_hashset_clear(&l->page_ids);
}

/* Where a scan of html[from, len) that met the end of the piece inside
 * an attribute goes on: at the name before the '=' at `q` (or before the
 * end), which the next piece may continue. */
static size_t S_resume(const char *html, const char *p, const char *q)
{
    while (q > p && S_name_char(q[-1]))
        q--;
    return (size_t)(q - html);
}

size_t sg_links_feed(sg_links_scan *s, const char *html, size_t from,
                     size_t len, bool last)
{
    sg_links *l = s->l;
    const char *path = s->path, *tpl = s->tpl;
    sg_diags *d = s->d;
    bool ids_only = s->ids_only;
    sg_buf *val = &s->val, *res = &s->res;
    /* html[0] is the page's first byte only when from is 0 */
    const char *p = html + from, *end = html + len;
    while (p < end) {
        const char *q = memchr(p, '=', (size_t)(end - p));
        if (!q || q + 1 >= end)
            return last ? len : S_resume(html, p, q ? q : end);
        /* attribute name just before '=' */
        const char *nstart = q;
        while (nstart > p && S_name_char(nstart[-1]))
            nstart--;
        size_t nl = (size_t)(q - nstart);
        bool spaced = nstart == html ||
                      (nstart > html && nstart[-1] == ' ');
        const char *resume = p;
        p = q + 1;
        if (*p != '"')
            continue;
        const char *vs = p + 1;
        const char *ve = memchr(vs, '"', (size_t)(end - vs));
        if (!ve)
            return last ? len : S_resume(html, resume, q);
        p = ve + 1;
        bool is_id = nl == 2 && strncmp(nstart, "id", 2) == 0 && spaced;
        bool is_link = ((nl == 4 && strncmp(nstart, "href", 4) == 0) ||
                        (nl == 3 && strncmp(nstart, "src", 3) == 0)) &&
                       spaced;
        if (is_id) {
            if (ids_only || !l->ids_later) {
                sg_buf_reset(val);
                sg_buf_printf(val, "%s#", path);
                sg_buf_put(val, vs, (size_t)(ve - vs));
                sg_hashset_add(&l->anchors, val->ptr, val->len);
            }
            sg_hashset_add(&l->page_ids, vs, (size_t)(ve - vs));
            continue;
        }
        if (!is_link || ids_only)
            continue;
        S_unescape(val, vs, (size_t)(ve - vs));
        int where = sg_links_resolve(path, val->ptr, val->len, res);
        if (where == 0)
            continue;
        l->checked++;
        if (where < 0) {
            sg_error(d, tpl, ((sg_mark){0, 0}),
                     "a relative link must stay inside the site",
                     "%s: link '%s' climbs above the site's root", path,
                     val->ptr);
            l->broken++;
            continue;
        }
        if (!sg_strset_has(l->files, res->ptr, res->len)) {
            sg_error(d, tpl, ((sg_mark){0, 0}), S_fix(path, false),
                     "%s: link '%s' points to %s, which the build "
                     "does not write", path, val->ptr, res->ptr);
            l->broken++;
            continue;
        }
        const char *hash = memchr(val->ptr, '#', val->len);
        if (hash && hash[1] && res->len == s->plen &&
            memcmp(res->ptr, path, s->plen) == 0) {
            /* this page: its ids are all known once the scan ends */
            sg_buf_put(&s->local, hash + 1, strlen(hash + 1) + 1);
        } else if (hash && hash[1]) {
            sg_pending *pd = sg_alloc(l->a, sizeof *pd);
            pd->from = sg_strdup(l->a, path);
            pd->tpl = tpl;
            pd->target = sg_printf(l->a, "%s%s", res->ptr, hash);
            pd->next = l->pending;
            l->pending = pd;
        }
    }
    return len;
}

void sg_links_end(sg_links_scan *s)
{
    sg_links *l = s->l;
    const sg_buf *local = &s->local;
    for (size_t i = 0; i < local->len; i += strlen(local->ptr + i) + 1) {
        const char *id = local->ptr + i;
        if (sg_hashset_has(&l->page_ids, id, strlen(id)))
            continue;
        sg_error(s->d, s->tpl, ((sg_mark){0, 0}), S_fix(s->path, true),
                 "%s: anchor %s#%s does not exist", s->path, s->path, id);
        l->broken++;
    }
    sg_buf_free(&s->local);
    sg_buf_free(&s->val);
    sg_buf_free(&s->res);
}

void sg_links_page(sg_links *l, const char *path, const char *tpl,
                   const char *html, size_t len, sg_diags *d)
{
    sg_links_scan s;
    sg_links_begin(&s, l, path, tpl, d);
    sg_links_feed(&s, html, 0, len, true);
    sg_links_end(&s);
}

void sg_links_ids(sg_links *l, const char *path, const char *html,
                  size_t len)
{
    sg_links_scan s;
    sg_links_begin(&s, l, path, NULL, NULL);
    s.ids_only = true;
    sg_links_feed(&s, html, 0, len, true);
    sg_links_end(&s);
}

size_t sg_links_finish(sg_links *l, sg_diags *d)
{
    sg_hashset tried = SG_HASHSET_INIT;
    for (sg_pending *pd = l->pending; pd; pd = pd->next) {
        size_t tl = strlen(pd->target);
        if (sg_hashset_has(&l->anchors, pd->target, tl))
            continue;
        /* a page not rendered this time: its ids are in the old file */
        size_t pl = (size_t)(strchr(pd->target, '#') - pd->target);
        if (l->load_ids && !sg_hashset_has(&tried, pd->target, pl)) {
            sg_hashset_add(&tried, pd->target, pl);
            l->load_ids(l->load_ctx, l, sg_strndup(l->a, pd->target, pl));
            if (sg_hashset_has(&l->anchors, pd->target, tl))
                continue;
        }
        sg_error(d, pd->tpl, ((sg_mark){0, 0}), S_fix(pd->from, true),
                 "%s: anchor %s does not exist", pd->from, pd->target);
        l->broken++;
    }
    l->pending = NULL;
    sg_hashset_free(&tried);
    sg_hashset_free(&l->anchors);
    sg_hashset_free(&l->page_ids);
    return l->broken;
}
