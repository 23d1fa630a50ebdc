/* markdown.h - write-ups in GitHub Flavored Markdown, through cmark-gfm
 * (GitHub's maintained fork of cmark): tables, footnotes, strikethrough
 * and autolinks besides CommonMark.
 *
 * Safety is the same as before the fork: raw HTML is never passed
 * through (cmark-gfm writes a comment in its place), and a link or image
 * whose address could run code or embed content (javascript:, vbscript:,
 * file:, data:) is removed, its text kept. `gen check` warns at the place
 * of each (writeup.h), so nothing is dropped silently.
 */
#ifndef SG_MARKDOWN_H
#define SG_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

/* A parsed write-up. */
typedef struct sg_md {
    cmark_parser *parser;     /* holds the extensions the renderer needs */
    cmark_node *doc;          /* NULL when out of memory */
} sg_md;

/* Parses `len` bytes of Markdown; returns 0, or -1 when out of memory
 * (m->doc is then NULL). Call sg_md_free either way. Thread-safe. */
int sg_md_parse(sg_md *m, const char *text, size_t len);
/* The HTML of the document (malloc'd; NULL when out of memory). */
char *sg_md_html(const sg_md *m);
void sg_md_free(sg_md *m);

/* What a write-up's tables would cost cmark-gfm (Debian's 0.29), from a
 * scan of its lines, before it is parsed: a row is filled out to its
 * table's columns, so 6 kB of 1,000 columns and 3,000 rows take 750 MB;
 * and every line that looks like a delimiter row under a paragraph
 * whose cells do not match it makes the parser read that paragraph
 * again, which is quadratic. Returns the line (from 1) at which the
 * write-up goes over SG_MD_MAX_CELLS cells, or SG_MD_MAX_REREAD lines
 * read again, or 0; *cols is then the columns of the table there (0:
 * the lines read again). Lines in code blocks count too: the bound is
 * far above any real table. */
#define SG_MD_MAX_CELLS 200000
#define SG_MD_MAX_REREAD 1000000
size_t sg_md_tables_over(const char *text, size_t len, size_t *cols);

/* Whether the address `url` is one the page must not carry: a scheme
 * that runs code or embeds content (javascript:, vbscript:, file:,
 * data:), compared as browsers do (case and ASCII controls ignored). */
bool sg_md_url_unsafe(const char *url);
/* Calls `fn` for every link and image of the document, in order, with
 * its address (NULL when it has none). `fn` may change the node's
 * address, not the tree. */
typedef void (*sg_md_link_fn)(void *ctx, cmark_node *node, const char *url);
void sg_md_each_link(const sg_md *m, sg_md_link_fn fn, void *ctx);
/* Removes the links and images with an unsafe address, keeping their
 * text (an image's alt text). */
void sg_md_drop_unsafe(sg_md *m);

#endif
