/* publish.h - writing the site so that the published folder is never
 * half-built.
 *
 * Files go into a staging folder beside the output; a file whose bytes
 * are unchanged is hard-linked from the old site instead of rewritten,
 * so its time stays and a publisher's sync uploads only what changed.
 * Only when the whole build succeeded is the staging folder swapped in
 * (atomically where the kernel offers it); on failure it is removed and
 * the old site stays exactly as it was.
 */
#ifndef SG_PUBLISH_H
#define SG_PUBLISH_H

#include <stdbool.h>

#include "diag.h"

#define SG_SITE_MARKER ".gen-site"

typedef struct sg_publish {
    sg_arena *a;
    const char *out;          /* the published folder */
    const char *staging;      /* where this build writes */
} sg_publish;

/* Refuses dangerous output folders (/, the home folder, the cases or
 * templates folder, or a non-empty folder gen did not make) and creates
 * the staging folder. Returns 0 or -1 with a diagnostic. */
int sg_publish_begin(sg_publish *p, sg_arena *a, const char *out,
                     const char *const *protect, size_t nprotect,
                     sg_diags *d);
/* What writing some files did; one per thread, added up at the end. */
typedef struct sg_publish_stats {
    size_t written, unchanged, bytes;
} sg_publish_stats;

/* Writes one file at `rel` (a relative path inside the site). Safe to
 * call from several threads at once, each with its own `scratch` arena
 * (for temporary paths), `st` and `d`. */
int sg_publish_file(const sg_publish *p, sg_arena *scratch, const char *rel,
                    const char *data, size_t len, sg_publish_stats *st,
                    sg_diags *d);
/* Swaps the staging folder in. */
int sg_publish_commit(sg_publish *p, sg_diags *d);
/* Removes the staging folder; the old site is untouched. */
void sg_publish_abort(sg_publish *p);
/* True for a relative path with no empty, "." or ".." parts. */
bool sg_publish_path_ok(const char *rel);

#endif
