/* export.h - the site's data files, one row of a table each.
 *
 * Each export is written by the rendering threads alongside the pages,
 * in pieces (sg_publish_open/write/close), from the case views. To add
 * an export, add its head and row (or its writer) and a row to
 * sg_exports: planning, the link check's list of files, the build's
 * counts and the reuse of unchanged rows follow from the table.
 */
#ifndef SG_EXPORT_H
#define SG_EXPORT_H

#include "publish.h"
#include "view.h"

typedef struct sg_export {
    const char *path;          /* inside the site */
    /* Most exports are a head, one row per case (in the cases' order),
     * joined by `sep` (`first` before the first row), and a tail. A
     * row is made from its case's view and record alone; of the site
     * view (`site`) it may use only the settings, which the build's
     * options and settings file hold: a rebuild copies an unchanged
     * case's row from the last build's file (sg_export_reuse). */
    void (*head)(sg_buf *b, const sg_value *site);
    void (*row)(sg_buf *b, sg_arena *tmp, const sg_case_entry *e,
                const sg_value *site);
    const char *first, *sep, *tail;
    /* An export made otherwise (not of rows): the whole file. */
    void (*write)(sg_publish_out *o, const sg_case_entry *entries,
                  size_t n, const sg_value *site);
} sg_export;

/* Where a rebuild finds a case's row as the last build wrote it: true
 * with the row's bytes appended to `b`, false to have it made. */
typedef struct sg_export_reuse {
    bool (*old_row)(void *ctx, size_t i, sg_buf *b);
    void *ctx;
} sg_export_reuse;

/* Writes a row export (x->row set) into `o`: each case's row from `re`
 * when it has it (re may be NULL), else made. `lens` (n entries) and
 * `head` (both may be NULL) get the rows' and the head's lengths, for
 * the next build to find the rows. Returns how many rows came from
 * `re`. */
size_t sg_export_write(const sg_export *x, sg_publish_out *o,
                     const sg_case_entry *entries, size_t n,
                     const sg_value *site, const sg_export_reuse *re,
                     size_t *lens, size_t *head);

extern const sg_export sg_exports[];

/* regions.json: each city region on 001's three levels (view_region.c) */
void sg_export_regions(sg_publish_out *o, const sg_case_entry *entries,
                       size_t n, const sg_value *site);
extern const size_t sg_nexports;

#endif
