/* site.h - `gen build`: cases in, a checked static site out.
 *
 * read -> validate -> classify -> build the view -> render -> check the
 * links -> publish atomically. Nothing is written unless every case,
 * template and link is right. Two builds into one folder take turns
 * (see publish.h); a case file changed between its check and its page
 * fails the build (sg_case_body).
 */
#ifndef SG_SITE_H
#define SG_SITE_H

#include <stdbool.h>

#include "diag.h"

struct sg_case_cache;

typedef struct sg_build_opts {
    const char *cases;        /* default "cases" */
    const char *templates;    /* default "templates" */
    const char *out;          /* default "site" */
    const char *vocabulary;   /* extra vocabulary file, or NULL */
    const char *base_url;     /* "" when not given */
    const char *title;
    const char *lang, *licence;   /* override site.yaml; NULL: not given */
    const char *settings;     /* site.yaml to read; NULL: the one beside
                               * the cases folder, if there is one */
    bool drafts;
    bool keep_going;          /* leave out cases with errors (reported)
                               * and publish the others */
    bool quiet, verbose;
    int jobs;                 /* rendering threads; output does not depend on it */
    /* progress of reading and rendering, for a progress line: called
     * from one thread at a time; NULL for none */
    sg_progress_fn progress;
    void *progress_ctx;
    /* another build of the same output folder is running: fail at once
     * (no_wait), or wait for it, calling `waiting` (when set) first */
    bool no_wait;
    void (*waiting)(const char *out, long pid);
    /* other files the site is made from (a settings file), NULL-ended,
     * or NULL: a change to one renders every page again */
    const char *const *inputs;
    /* cases and the vocabulary kept from the last build (case_cache.h):
     * gen serve's; NULL reads everything (gen build) */
    struct sg_case_cache *cache;
    /* the last manifest, kept from the last build (manifest.h): gen
     * serve's; NULL reads it from its file */
    struct sg_manifest_cache *mcache;
    /* what the last builds published (publish.h): gen serve's; NULL
     * walks the spare tree to prune it */
    struct sg_publish_memory *pmem;
    /* called once the new site is live, before the build's last chores
     * (saving its manifest); NULL for none. gen serve reloads the open
     * pages then. */
    void (*published)(void *ctx);
    void *published_ctx;
    /* the inputs are watched (gen serve): a file saved during the build
     * starts the next one, so this one is published from what it read
     * rather than failed by a stat of every input at its end */
    bool watched;
} sg_build_opts;

typedef struct sg_build_stats {
    size_t cases, pages, exports;   /* pages and exports: the site's files */
    size_t written, unchanged, bytes, links;
    size_t drafts;            /* draft cases left out */
    size_t broken;            /* cases with errors left out (keep_going) */
    size_t rendered;   /* pages and exports rendered; the others were
                        * kept unrendered: the manifest said they were
                        * made from the same inputs (manifest.h) */
    size_t cases_kept;          /* case files not read again: the last
                                 * build read the same (case_store.h) */
    size_t writeups_known;      /* write-ups not checked again: the last
                                 * build found nothing in the same bytes */
    size_t rows, rows_copied;   /* the rendered row exports' case rows
                                 * (export.h), and those of them copied
                                 * from the last build's file */
} sg_build_stats;

/* Returns 0 on success; -1 after diagnostics, with nothing written.
 * With keep_going, cases with errors are left out (their errors stay in
 * `d`, st->broken counts them) and the rest is published: 0 then, and
 * the caller tells the errors from d->errors. */
int sg_build(const sg_build_opts *o, sg_diags *d, sg_build_stats *st);

#endif
