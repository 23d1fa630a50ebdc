/* writeup.h - checking the write-ups (the Markdown after the front
 * matter) as their pages will show them, cases/<slug>/index.html.
 *
 * Each problem is reported at its line and column of the case file:
 * - raw HTML (a block or inline tag) and a link or image with an unsafe
 *   address (javascript: ...) are warnings: the page leaves them out
 *   (markdown.h); an image without alt text is a warning;
 * - a relative link ending in '/' must lead to a case page, ../<slug>/;
 * - a relative link to a .md file names a case file, resolved against
 *   the linking case's folder: it becomes a link to that case's page;
 * - any other relative link or image is a file (a figure, a data file),
 *   resolved against the linking case's folder: it must exist inside the
 *   cases folder (no '..' or symbolic link out of it), be a regular file
 *   and at most SG_MAX_FIGURE_SIZE bytes; the build copies it to
 *   files/<its path in the cases folder> and the page links it there.
 * Addresses with a scheme (https:, mailto:) are not checked further.
 * What the page links instead is recorded in each case (urls, files).
 */
#ifndef SG_WRITEUP_H
#define SG_WRITEUP_H

#include "case.h"
#include "diag.h"

/* a figure or file a write-up links, copied into the site */
#define SG_MAX_FIGURE_SIZE (10u * 1024 * 1024)
/* where in the site those files go */
#define SG_FILES_DIR "files"

/* Checks the write-ups of `cases` (sorted by slug, as sg_cases_unique
 * leaves them), found under `paths` (the folders or files given; a case
 * found in a folder resolves its files inside that folder, a case given
 * as a file inside its own folder). A case file next to one checked but
 * not among `cases` (gen check cases/one.md) is taken as its page.
 * `jobs` threads read the write-ups. Sets each case's urls and files.
 * Returns the number of diagnostics. */
size_t sg_writeups_check(sg_arena *a, sg_case *const *cases, size_t n,
                         const char *const *paths, size_t npaths, int jobs,
                         sg_diags *d);

/* One case's write-up check, for a cache of cases (case_cache.h). */
typedef struct sg_writeup_note {
    bool skip;              /* in: known from before: not checked (its
                             * page then has no urls or files) */
    bool pure;              /* out: the result follows from the case file
                             * alone (no relative link or image) */
    const sg_diag *said;    /* out: what the check said, in `a` */
    size_t nsaid;
} sg_writeup_note;

/* sg_writeups_check with a note per case (`notes[i]` for cases[i]). */
size_t sg_writeups_check_noted(sg_arena *a, sg_case *const *cases, size_t n,
                               const char *const *paths, size_t npaths,
                               int jobs, sg_writeup_note *notes,
                               sg_diags *d);

#endif
