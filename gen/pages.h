/* pages.h - the site's pages: one row of a table per page or family of
 * pages.
 *
 * A row names its template, its path (or the function that plans a
 * family: a page per case, per kind, per listing), and whether it is
 * HTML. Titles come from the vocabulary (`pages:`, and a kind's label
 * for listings). Planning, the check that every template is there, the
 * link check's list of files and the counts the build prints all follow
 * from the table: to add a page, add a row (and its template).
 */
#ifndef SG_PAGES_H
#define SG_PAGES_H

#include <stdbool.h>

#include "view.h"

typedef struct sg_page {
    const char *path;          /* inside the site */
    const char *tpl;           /* template name */
    const char *title;
    sg_value *ctx;             /* NULL for a case page: made when rendered */
    bool html;
    long case_index;           /* a case page: its case, else -1 */
} sg_page;

typedef struct sg_plan {
    sg_arena *a;
    const sg_vocab *v;
    sg_page *pages;
    size_t n, cap;
    sg_value *site;            /* what every page sees as `site` */
} sg_plan;

/* Plans every page of the site from its view (entries in title order). */
void sg_pages_plan(sg_plan *pl, sg_arena *a, const sg_vocab *v,
                   const sg_view *view, const sg_case_entry *entries);

/* The templates the pages are rendered with: sg_pages_template(i) for
 * i below sg_pages_ntemplates(). */
size_t sg_pages_ntemplates(void);
const char *sg_pages_template(size_t i);

/* What every page's context starts with: root, path, page_title, site;
 * room for `extra` more entries. */
sg_value *sg_page_context(sg_arena *a, const sg_page *pg, sg_value *site,
                          size_t extra);

#endif
