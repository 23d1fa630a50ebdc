/* collection.c - reading a folder of cases. */
#include "collection.h"

#include "case_read.h"
#include "fs.h"

sg_progress_fn sg_collection_progress;

int sg_collection_load(sg_arena *a, const sg_vocab *v,
                       const char *const *paths, size_t npaths,
                       sg_collection *col, sg_diags *d)
{
    size_t errors = d->errors;
    const char **files = NULL;
    size_t nfiles = 0;
    col->cases = NULL;
    col->n = col->files = 0;
    for (size_t i = 0; i < npaths; i++)
        sg_find_files(a, paths[i], ".md", &files, &nfiles, d);
    col->cases = sg_alloc(a, (nfiles + 1) * sizeof *col->cases);
    for (size_t i = 0; i < nfiles; i++) {
        sg_case *c = sg_alloc(a, sizeof *c);
        sg_case_read(a, v, files[i], c, d);
        col->cases[col->n++] = c;
        if (sg_collection_progress && (i % 512 == 511 || i + 1 == nfiles))
            sg_collection_progress("cases read", i + 1, nfiles);
    }
    col->files = nfiles;
    sg_cases_unique(col->cases, col->n, d);
    return d->errors == errors ? 0 : -1;
}
