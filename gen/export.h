/* export.h - the site's data files, one row of a table each.
 *
 * Each export is written by the rendering threads alongside the pages,
 * in pieces (sg_publish_open/write/close), from the case views. To add
 * an export, add its writer and a row to sg_exports: planning, the link
 * check's list of files and the build's counts follow from the table.
 */
#ifndef SG_EXPORT_H
#define SG_EXPORT_H

#include "publish.h"
#include "view.h"

typedef struct sg_export {
    const char *path;          /* inside the site */
    /* `site` is the site view: its settings (licence) go into exports */
    void (*write)(sg_publish_out *o, const sg_case_entry *entries,
                  size_t n, const sg_value *site);
} sg_export;

extern const sg_export sg_exports[];

/* regions.json: each city region on 001's three levels (view_region.c) */
void sg_export_regions(sg_publish_out *o, const sg_case_entry *entries,
                       size_t n, const sg_value *site);
extern const size_t sg_nexports;

#endif
