/* publish.h - writing the site so that the published folder is never
 * half-built.
 *
 * Files go into a staging folder beside the output; a file whose bytes
 * are unchanged is hard-linked from the old site instead of rewritten,
 * so its time stays and a publisher's sync uploads only what changed.
 * Only when the whole build succeeded is the staging folder swapped in
 * (atomically where the kernel offers it); on failure it is removed and
 * the old site stays exactly as it was.
 *
 * Builds into one folder exclude each other: each holds a lock on a
 * file beside the output (".<name>.gen-lock", next to the staging
 * folder) from sg_publish_begin to sg_publish_end. It is an flock(2)
 * lock, so the kernel releases it when its holder dies: a staging folder
 * found while holding it belongs to a build that is gone, and is removed.
 */
#ifndef SG_PUBLISH_H
#define SG_PUBLISH_H

#include <stdbool.h>

#include "diag.h"

#define SG_SITE_MARKER ".gen-site"

typedef struct sg_publish {
    sg_arena *a;
    const char *out;          /* the published folder (a symbolic link to
                               * a folder is followed: this is the folder) */
    const char *staging;      /* where this build writes */
    int root;                 /* the staging folder, open: files are made
                               * relative to it, so a staging folder
                               * removed under the build is never made
                               * again (-1: none) */
    const char *lock;         /* the lock file, held while lock_fd >= 0 */
    int lock_fd;
    bool has_old;             /* `out` exists: files may be unchanged */
    /* The staging folder is the last build's old site, kept beside the
     * output as ".<name>.gen-spare" and brought up to date rather than
     * made anew: most of its files are already hard links to the
     * published ones. No file in it is ever written in place (it may be
     * the published file too): one that must change is replaced. */
    bool reuse;
    const char *spare;
} sg_publish;

/* How to take the lock when another build holds it. */
typedef struct sg_publish_wait {
    bool no_wait;             /* fail at once instead of waiting */
    /* called once before waiting, with the other build's process id
     * (0 when unknown), so that the command can say why it waits */
    void (*waiting)(const char *out, long pid);
} sg_publish_wait;

/* Refuses dangerous output folders (/, the home folder, the cases or
 * templates folder, a non-empty folder gen did not make, a mount point),
 * takes the output folder's lock (waiting for another build unless
 * `w->no_wait`; `w` may be NULL: wait quietly), removes staging folders
 * of builds that died, and creates this build's. Returns 0 or -1 with a
 * diagnostic; call sg_publish_end either way. */
int sg_publish_begin(sg_publish *p, sg_arena *a, const char *out,
                     const char *const *protect, size_t nprotect,
                     const sg_publish_wait *w, sg_diags *d);
/* Only the first half of sg_publish_begin: the refusals and the lock,
 * no staging folder; for a build that finds nothing to do. Call
 * sg_publish_end either way. Clears the staging folders of builds that
 * died, as sg_publish_begin does. */
int sg_publish_lock(sg_publish *p, sg_arena *a, const char *out,
                    const char *const *protect, size_t nprotect,
                    const sg_publish_wait *w, sg_diags *d);
/* The same refusals as sg_publish_begin, without taking the lock or
 * creating anything: for `gen serve`, before it listens. 0 or -1 with a
 * diagnostic. */
int sg_publish_check(sg_arena *a, const char *out,
                     const char *const *protect, size_t nprotect,
                     sg_diags *d);
/* The output folder as the build will publish it (a symbolic link to a
 * folder is that folder), or NULL when the build would refuse it. */
const char *sg_publish_resolved(sg_arena *a, const char *out);
/* What writing some files did; one per thread, added up at the end. */
typedef struct sg_publish_stats {
    size_t written, unchanged, bytes;
} sg_publish_stats;

/* Writes one file at `rel` (a relative path inside the site). Safe to
 * call from several threads at once, each with its own `scratch` arena
 * (for temporary paths), `st` and `d`. `id` (NULL, or 3 entries) gets
 * the published file's size, time (ns) and inode, for the manifest (all
 * 0 when unknown). */
int sg_publish_file(const sg_publish *p, sg_arena *scratch, const char *rel,
                    const char *data, size_t len, sg_publish_stats *st,
                    unsigned long long *id, sg_diags *d);
/* Publishes the old site's file at `rel` unchanged (a hard link, not
 * read), when it is still the file the last build left: `was` its size,
 * time (ns) and inode. For an output whose fingerprint says it would
 * come out the same. 0, or -1 (nothing reported) when it cannot: the
 * caller then renders it. Thread-safe like sg_publish_file. */
int sg_publish_link(const sg_publish *p, sg_arena *scratch, const char *rel,
                    const unsigned long long was[3], sg_publish_stats *st);
/* Makes the folders `rels` (relative paths, checked) in the
 * staging folder ahead of the files that go into them: one thread makes
 * them while others render, and sg_publish_file then only creates files.
 * Files whose folder is missing still get it made. */
void sg_publish_dirs(const sg_publish *p, sg_arena *scratch,
                     const char *const *rels, size_t n, sg_diags *d);

/* A file written in pieces, for exports too large to hold at once
 * (cases.json of 100,000 cases is hundreds of megabytes). Pieces are
 * compared with the old file as they come, and nothing is written while
 * they match, so an unchanged export is hard-linked like any file. */
typedef struct sg_publish_out {
    const char *dst, *old;    /* in the staging folder; in the old site */
    const char *rel;          /* inside the site */
    int root;                 /* the staging folder */
    int fd, old_fd;           /* -1 when not open */
    size_t len;               /* bytes given so far */
    bool same;                /* they all match the old file so far */
    bool failed;              /* an error was reported */
    unsigned long long id[3]; /* after the close: the file's size, time
                               * (ns) and inode, as sg_publish_file's */
    sg_diags *d;
} sg_publish_out;

int sg_publish_open(const sg_publish *p, sg_arena *scratch, const char *rel,
                    sg_publish_out *o, sg_diags *d);
void sg_publish_write(sg_publish_out *o, const char *data, size_t len);
/* Finishes the file; 0, or -1 when anything failed (reported). */
int sg_publish_close(sg_publish_out *o, sg_publish_stats *st);

/* Removes from a reused staging folder every file not among `keep`
 * (paths inside the site) and the folders left empty, on up to `jobs`
 * threads; before any file is published. With `held`, the paths the
 * folder is known to hold (sg_publish_memory), only those of them not
 * in `keep` are removed, without walking the folder. */
struct sg_strset;
void sg_publish_prune(const sg_publish *p, const struct sg_strset *keep,
                      const struct sg_strset *held, int jobs);

/* The identity of the site marker in the published folder `out`:
 * device, inode, time (ns); false when there is none. Every publish
 * writes a new one, so it names the site (manifest.h too). */
bool sg_publish_marker_id(const char *out, unsigned long long id[3]);

/* What a long-lived process (gen serve) knows of the two trees its own
 * last builds published: the paths each holds, and the live site's
 * marker after the last. While the marker is the same no other build
 * has published since, and the spare tree holds exactly the paths it
 * was published with: only a build that publishes keeps a spare (one
 * that fails removes it, and so does the next build after one that
 * died), so a save need not walk 10,000 folders to prune it. A file
 * put into the private spare folder by hand would then stay. */
typedef struct sg_publish_memory {
    sg_arena arena[2];
    struct sg_strset *set[2];   /* [live], [!live]: the spare's */
    int live;                   /* -1: nothing known */
    bool spare_known;
    unsigned long long marker[3];   /* dev, inode, time (ns) */
} sg_publish_memory;

void sg_publish_memory_init(sg_publish_memory *pm);
void sg_publish_memory_free(sg_publish_memory *pm);
/* The paths the spare tree that `p` has just taken (sg_publish_begin)
 * holds, when known; NULL otherwise. Either way the spare is this
 * build's now: it is known again only after a commit. */
const struct sg_strset *sg_publish_memory_take(sg_publish_memory *pm,
                                              const sg_publish *p);
/* After sg_publish_commit: the live tree holds `files` (copied), the
 * last live one is the spare. */
void sg_publish_memory_commit(sg_publish_memory *pm, const sg_publish *p,
                              const struct sg_strset *files);
/* Swaps the staging folder in; fails if it is no longer the folder this
 * build made. */
int sg_publish_commit(sg_publish *p, sg_diags *d);
/* Removes the staging folder if it was not swapped in (the old site is
 * then untouched) and releases the lock. */
void sg_publish_end(sg_publish *p);
/* True for a relative path with no empty, "." or ".." parts. */
bool sg_publish_path_ok(const char *rel);

#endif
