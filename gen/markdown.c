/* markdown.c - parsing and rendering write-ups with cmark-gfm. */
#include "markdown.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm-core-extensions.h>

/* Smart punctuation as before; footnotes are a parser option, the rest
 * are syntax extensions. A table's column alignment becomes a style
 * attribute, since HTML5 has no `align`. No CMARK_OPT_UNSAFE: raw HTML
 * and dangerous addresses are left out. */
#define SG_MD_OPTS (CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | \
                    CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)

/* The "tagfilter" extension is not attached: it only disarms some tags
 * (<script>, <iframe>...) in raw HTML that is passed through, and with
 * raw HTML off nothing is passed through. */
static const char *const S_extensions[] = {
    "table", "strikethrough", "autolink"
};

static pthread_once_t S_once = PTHREAD_ONCE_INIT;
/* cmark-gfm (Debian's 0.29) keeps the inline parser's table of special
 * characters in globals: each parse adds its extensions' characters
 * ('~' for strikethrough, 'w' and ':' for autolinks) before its inlines
 * and removes them after, so two parses at once can lose each other's
 * (a page with ~~text~~ left as is). The inline pass runs under a lock;
 * block parsing and rendering stay parallel. */
static pthread_mutex_t S_inlines = PTHREAD_MUTEX_INITIALIZER;

/* cmark-gfm registers its extensions in a global list without a lock:
 * once, before any thread looks them up */
static void S_register(void)
{
    cmark_gfm_core_extensions_ensure_registered();
}

int sg_md_parse(sg_md *m, const char *text, size_t len)
{
    pthread_once(&S_once, S_register);
    m->doc = NULL;
    m->parser = cmark_parser_new(SG_MD_OPTS);
    if (!m->parser)
        return -1;
    for (size_t i = 0; i < sizeof S_extensions / sizeof *S_extensions; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(S_extensions[i]);
        if (e)
            cmark_parser_attach_syntax_extension(m->parser, e);
    }
    cmark_parser_feed(m->parser, text, len);
    pthread_mutex_lock(&S_inlines);
    m->doc = cmark_parser_finish(m->parser);
    pthread_mutex_unlock(&S_inlines);
    return m->doc ? 0 : -1;
}

char *sg_md_html(const sg_md *m)
{
    if (!m->doc)
        return NULL;
    return cmark_render_html(m->doc, SG_MD_OPTS,
                             cmark_parser_get_syntax_extensions(m->parser));
}

void sg_md_free(sg_md *m)
{
    if (m->doc)
        cmark_node_free(m->doc);
    if (m->parser)
        cmark_parser_free(m->parser);
    m->doc = NULL;
    m->parser = NULL;
}

/* The columns of a GFM delimiter row ("| :-- | --: |"), or 0 for any
 * other line; one without a '|' is not one (it is a heading's "---"). */
static size_t S_delim_cols(const char *p, size_t n)
{
    size_t i = 0, cols = 0;
    bool pipe = false;
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    if (i < n && p[i] == '|') {
        pipe = true;
        i++;
    }
    while (i < n) {
        while (i < n && (p[i] == ' ' || p[i] == '\t'))
            i++;
        if (i == n)
            break;
        if (p[i] == ':')
            i++;
        size_t dashes = 0;
        while (i < n && p[i] == '-')
            i++, dashes++;
        if (!dashes)
            return 0;
        if (i < n && p[i] == ':')
            i++;
        while (i < n && (p[i] == ' ' || p[i] == '\t'))
            i++;
        cols++;
        if (i < n && p[i] != '|')
            return 0;
        if (i < n) {
            pipe = true;
            i++;
        }
    }
    return pipe ? cols : 0;
}

/* The cells of a row: its unescaped '|'s, less a leading and a trailing
 * one, plus one. */
static size_t S_row_cells(const char *p, size_t n)
{
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    size_t pipes = 0;
    for (size_t k = i; k < n; k++)
        if (p[k] == '|' && (k == 0 || p[k - 1] != '\\'))
            pipes++;
    if (i < n && p[i] == '|')
        pipes--;
    if (n > i + 1 && p[n - 1] == '|' && p[n - 2] != '\\')
        pipes--;
    return pipes + 1;
}

size_t sg_md_tables_over(const char *text, size_t len, size_t *cols)
{
    size_t line = 0, para = 0, table = 0, cells = 0, reread = 0;
    const char *prev = NULL;
    size_t prev_n = 0;
    *cols = 0;
    for (const char *p = text, *end = text + len, *nl; p < end; p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            nl = end;
        size_t n = (size_t)(nl - p), k = 0;
        line++;
        while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r'))
            k++;
        if (k == n) {                  /* a blank line ends both */
            para = table = 0;
            prev = NULL;
            continue;
        }
        if (table) {                   /* a row, filled out */
            if ((cells += table) > SG_MD_MAX_CELLS) {
                *cols = table;
                return line;
            }
            continue;
        }
        size_t dc = para ? S_delim_cols(p, n) : 0;
        if (dc && S_row_cells(prev, prev_n) == dc) {
            table = dc;                /* header and delimiter: a table */
            para = 0;
            if ((cells += 2 * dc) > SG_MD_MAX_CELLS) {
                *cols = table;
                return line;
            }
            continue;
        }
        if (dc && (reread += para) > SG_MD_MAX_REREAD)
            return line;
        para++;
        prev = p;
        prev_n = n;
    }
    return 0;
}

bool sg_md_url_unsafe(const char *url)
{
    static const char *const schemes[] = {
        "javascript:", "vbscript:", "file:", "data:"
    };
    /* browsers skip leading spaces and controls, and tabs and newlines
     * anywhere in a scheme ("java\tscript:") */
    char scheme[16];
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)url;
    while (*p && *p <= ' ')
        p++;
    for (; *p && n + 1 < sizeof scheme; p++) {
        if (*p == '\t' || *p == '\n' || *p == '\r')
            continue;
        scheme[n++] = (char)*p;
        if (*p == ':')
            break;
    }
    scheme[n] = '\0';
    for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
        if (strncasecmp(scheme, schemes[i], strlen(schemes[i])) == 0)
            return true;
    return false;
}

void sg_md_each_link(const sg_md *m, sg_md_link_fn fn, void *ctx)
{
    if (!m->doc)
        return;
    cmark_iter *it = cmark_iter_new(m->doc);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node *nd = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(nd);
        if (ev == CMARK_EVENT_ENTER &&
            (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE))
            fn(ctx, nd, cmark_node_get_url(nd));
    }
    cmark_iter_free(it);
}

typedef struct unsafe_links {
    cmark_node **nodes;
    size_t n, cap;
} unsafe_links;

static void S_collect_unsafe(void *ctx, cmark_node *nd, const char *url)
{
    unsafe_links *u = ctx;
    if (!url || !sg_md_url_unsafe(url))
        return;
    if (u->n == u->cap) {
        size_t nc = u->cap ? u->cap * 2 : 8;
        cmark_node **g = realloc(u->nodes, nc * sizeof *g);
        if (!g)
            return;            /* out of memory: the renderer's own check
                                * still blanks the address */
        u->nodes = g;
        u->cap = nc;
    }
    u->nodes[u->n++] = nd;
}

void sg_md_drop_unsafe(sg_md *m)
{
    /* collected first: the tree must not change under the iterator */
    unsafe_links u = { NULL, 0, 0 };
    sg_md_each_link(m, S_collect_unsafe, &u);
    cmark_node **drop = u.nodes;
    size_t n = u.n;
    /* inner ones first (an image inside a link): they come later */
    for (size_t i = n; i-- > 0;) {
        cmark_node *nd = drop[i], *ch;
        while ((ch = cmark_node_first_child(nd)))
            cmark_node_insert_before(nd, ch);
        cmark_node_free(nd);     /* unlinks it */
    }
    free(drop);
}
