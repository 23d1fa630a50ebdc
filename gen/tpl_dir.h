/* tpl_dir.h - templates from a folder: "name" is "<dir>/name.mustache".
 *
 * Each template is read and compiled once and cached. Names are checked
 * so that a partial tag can never reach outside the folder. A template
 * that fails to compile is reported once and then acts as missing.
 */
#ifndef SG_TPL_DIR_H
#define SG_TPL_DIR_H

#include <stdbool.h>

#include "mustache.h"

typedef struct sg_tpl_entry sg_tpl_entry;

typedef struct sg_tpl_dir {
    sg_arena *a;
    const char *dir;
    sg_tpl_entry *entries;  /* cache, newest first */
    int failures;           /* templates that did not compile */
    bool frozen;            /* no more loading: lookups only read the
                             * cache, so threads may render at once */
    sg_tpl_loader loader;   /* hand &dir->loader to sg_tpl_render */
} sg_tpl_dir;

void sg_tpl_dir_init(sg_tpl_dir *td, sg_arena *a, const char *dir);
/* The compiled template, or NULL (missing or broken; broken ones are
 * reported to `d` the first time). */
const sg_tpl *sg_tpl_dir_get(sg_tpl_dir *td, const char *name, sg_diags *d);
/* True for names made of [A-Za-z0-9_.-] parts separated by '/', none
 * of them "." or "..". */
bool sg_tpl_name_ok(const char *name);

#endif
