/* links.h - checking the links and anchors of the pages a build writes.
 *
 * Every page's href and src values are resolved against the page's own
 * path and percent-decoded; a link into the site must name a file the
 * build writes (compared as a browser and a server see them), and a
 * "#fragment" an id on that page. A fragment of the same page is checked
 * with the page; one into another page once every page is known
 * (sg_links_finish), since it may point at a later page.
 */
#ifndef SG_LINKS_H
#define SG_LINKS_H

#include "case.h"
#include "diag.h"
#include "strset.h"

typedef struct sg_pending sg_pending;

typedef struct sg_links sg_links;
struct sg_links {
    sg_arena *a;
    sg_strset *files;      /* every path the build writes (shared) */
    sg_hashset anchors;    /* "path#id" for every id on these pages */
    sg_hashset page_ids;   /* the ids of the page being checked */
    sg_pending *pending;   /* fragments into other pages, for the end */
    size_t checked, broken;
    /* for a page the build did not render (its old file is kept): called
     * by sg_links_finish when a fragment points into it, to record its
     * ids with sg_links_ids; NULL when every page is rendered */
    void (*load_ids)(void *ctx, sg_links *l, const char *path);
    void *load_ctx;
    /* the ids of the pages checked while it is set are not kept
     * (100,000 case pages have two million): sg_links_finish reads those
     * of a page that a fragment points into through the load_ids of the
     * sg_links it finishes, as for a page not rendered */
    bool ids_later;
};

/* `files` is shared by the sg_links of all threads and only read while
 * pages are checked; each thread has its own sg_links and arena. */
void sg_links_init(sg_links *l, sg_arena *a, sg_strset *files);
/* Moves what `from` recorded (anchors, fragments, counts) into `into`;
 * `from` is done with afterwards. Its fragments are moved, not copied:
 * `from`'s arena must live as long as `into`'s. */
void sg_links_merge(sg_links *into, sg_links *from);
/* Declares a file the build will write ("cases/x/index.html"); the
 * path itself is kept, not a copy: it must live as long as `l`. */
void sg_links_file(sg_links *l, const char *path);
/* Checks the links of an HTML page at `path`, rendered from `tpl`;
 * reports broken ones as errors naming the template. Records its ids. */
void sg_links_page(sg_links *l, const char *path, const char *tpl,
                   const char *html, size_t len, sg_diags *d);
/* The same for a page given in pieces as it is written, so a listing of
 * many MB is never held whole: sg_links_begin, then sg_links_feed for
 * each piece, then sg_links_end (which checks the page's own fragments
 * and frees the scan). The result is the same as sg_links_page's over
 * the whole page. */
typedef struct sg_links_scan {
    sg_links *l;
    const char *path, *tpl;
    size_t plen;
    bool ids_only;
    sg_buf val, res, local;   /* local: "id\0" of each same-page fragment */
    sg_diags *d;
} sg_links_scan;
void sg_links_begin(sg_links_scan *s, sg_links *l, const char *path,
                    const char *tpl, sg_diags *d);
/* Scans html[from, len): html[from - 1] is the byte before, and when
 * `from` is 0, html[0] is the page's first byte. Returns where the next
 * scan must begin: an attribute cut off by the end of the piece is
 * scanned again with what follows, so the caller keeps html[ret - 1 ..
 * len) (or from 0 when ret is 0) before the next piece and passes `from`
 * as where ret is in it. With `last`, everything is scanned: len. */
size_t sg_links_feed(sg_links_scan *s, const char *html, size_t from,
                     size_t len, bool last);
void sg_links_end(sg_links_scan *s);
/* Records the ids of a page without checking its links. */
void sg_links_ids(sg_links *l, const char *path, const char *html,
                  size_t len);
/* Resolves `href` (len bytes, &amp; already undone) against the folder
 * of `page` ("cases/x/index.html") into the path of the file it names,
 * without query or fragment ("cases/y/index.html": a path ending in '/'
 * names its index.html). Each segment is percent-decoded as browsers and
 * servers do, so "%C3%89" matches a file name's "É" and "%2e%2e" climbs.
 * Returns 1 for a link into the site, 0 for one elsewhere (a scheme,
 * "//host", "/path"), -1 for one that climbs above the site's root. */
int sg_links_resolve(const char *page, const char *href, size_t len,
                     sg_buf *out);
/* Checks the fragments collected; returns the number of broken links.
 * Releases the memory `l` holds outside its arena. */
size_t sg_links_finish(sg_links *l, sg_diags *d);

#endif
