/* manifest.h - what each file of the site was made from, so that a
 * rebuild renders only what a change reaches.
 *
 * Every planned output (a page of the page table, an export of the export
 * table) gets a fingerprint: a 64-bit hash of everything its bytes follow
 * from - the templates, the vocabulary, the build's options, the gen
 * binary, and the value tree it is rendered from (for a case page also
 * the case file's bytes, which its detail is read from). The table rows
 * need not say what they depend on: whatever a row puts into a page's
 * context is hashed, so new rows stay correct.
 *
 * The manifest is a private file beside the output folder,
 * ".<name>.gen-manifest", next to the lock. It names the site it
 * describes by the identity of that site's marker file (device, inode,
 * time), written anew by every build, so a manifest left by a build that
 * died after its swap, or a site replaced by hand, is simply not used.
 * It also records the size, time and inode of every input file (cases,
 * templates, the vocabulary, the binary): when none changed, the build
 * has nothing to do and reads nothing. Entries whose time is within two
 * seconds of the build are recorded as unknown, since a file saved again
 * in the same clock tick would not show.
 */
#ifndef SG_MANIFEST_H
#define SG_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "value.h"

/* A streaming 64-bit hash (not cryptographic: it tells edits apart, it
 * does not resist crafted collisions). */
typedef struct sg_fp {
    unsigned long long h;
} sg_fp;

#define SG_FP_INIT { 0x6a09e667f3bcc908ull }

void sg_fp_bytes(sg_fp *f, const void *p, size_t len);
void sg_fp_u64(sg_fp *f, unsigned long long x);
void sg_fp_str(sg_fp *f, const char *s);   /* NULL differs from "" */
unsigned long long sg_fp_done(const sg_fp *f);

/* Hashes a value tree as templates see it; lazy values are forced in
 * `scratch`. `known` (may be NULL) answers for values whose hash is
 * already known (the site view, case views): true with *h set. */
typedef bool (*sg_fp_known_fn)(void *ctx, const sg_value *v,
                               unsigned long long *h);
void sg_fp_value(sg_fp *f, const sg_value *v, sg_arena *scratch,
                 sg_fp_known_fn known, void *ctx);

/* One input file as the file system describes it. */
typedef struct sg_mf_input {
    const char *path;
    unsigned long long size, mtime, ino, ctime;   /* times in ns */
    unsigned long long dev;     /* as stat'ed; not saved (0 when loaded) */
    bool racy;        /* changed within two seconds of the build: saved
                       * with times 0, never trusted */
} sg_mf_input;

/* An output: its fingerprint, and the file the site holds (size, time
 * in ns, inode), so that a file changed by hand is not taken for it. */
typedef struct sg_mf_output {
    const char *path;
    unsigned long long fp, size, mtime, ino;
} sg_mf_output;

typedef struct sg_manifest {
    sg_arena *a;
    bool valid;                 /* loaded and describing the live site */
    unsigned long long opts;    /* the build's options, hashed */
    unsigned long long site[3]; /* the site marker's dev, ino, mtime */
    size_t counts[5];           /* cases, pages, exports, links, bytes */
    sg_mf_input *in;
    size_t nin, incap;
    size_t nin_cases;           /* the first inputs: the files of the
                                 * cases folder (a build's; not saved) */
    sg_mf_output *out;
    size_t nout, outcap;
    size_t *slots;              /* path -> index + 1 into out */
    size_t nslots;
    /* The rows of the exports made of one row per case (export.h), so
     * that a rebuild copies an unchanged case's rows from the last
     * build's files: per case (in file order) a key, the hash of what
     * its rows are made from; per row export (in table order) the
     * length of its head and of each case's row. Saved with hashes of
     * the keys and of each export's lengths: a record loaded otherwise
     * is dropped (nrows 0), or one export's (its head_len SIZE_MAX). */
    unsigned long long *row_key;  /* nrows */
    size_t nrows;
    size_t nrowx;                 /* row exports; 0: no rows recorded */
    size_t *head_len;             /* nrowx */
    size_t *row_len;              /* nrowx * nrows, export by export */
    /* the hashes of the values several pages share (the comparison
     * tables...), each after the key it was made with (sg_build's: what
     * the value is made from), in pairs; read with the inputs, so that
     * a build with the same key need not hash the value again */
    unsigned long long *memo;
    size_t nmemo;               /* numbers: twice the pairs */
    /* the warnings of the build it describes, said again by a build
     * that finds nothing changed */
    const sg_diags *warnings;   /* to save; NULL for none */
    sg_diag *said;              /* loaded */
    size_t nsaid, saidcap;
} sg_manifest;

/* The manifest's file for the output folder `out` (resolved). */
char *sg_manifest_path(sg_arena *a, const char *out);
/* Reads it; a missing, damaged or foreign one leaves m->valid false (no
 * error: the build then renders everything). `out` is the site whose
 * marker it must name. Without `outputs`, the outputs are skipped (all
 * a build needs to see that nothing changed). */
void sg_manifest_load(sg_manifest *m, sg_arena *a, const char *file,
                      const char *out, bool outputs);
/* The last manifest a long-lived process (gen serve) read, kept with the
 * identity of its file (device, inode, size, time): loading the same
 * file again, for the same site, gives it without reading. Its arrays
 * are shared with what it gives, which only reads them. */
typedef struct sg_manifest_cache {
    sg_arena arena;
    sg_manifest m;              /* valid, outputs and all, when `has` */
    unsigned long long file[4];
    bool has;
} sg_manifest_cache;

void sg_manifest_cache_init(sg_manifest_cache *mc);
void sg_manifest_cache_free(sg_manifest_cache *mc);
/* sg_manifest_load through `mc` (NULL: the file is read). */
void sg_manifest_load_via(sg_manifest_cache *mc, sg_manifest *m,
                          sg_arena *a, const char *file, const char *out,
                          bool outputs);
/* Reads `file` (just saved) into `mc`, for the next build. */
void sg_manifest_cache_fill(sg_manifest_cache *mc, const char *file,
                            const char *out);

/* Stats `paths` into m->in; false when one cannot be stat'ed. `now` (s):
 * entries changed within two seconds of it are marked unknown. */
bool sg_manifest_inputs(sg_manifest *m, const char *const *paths, size_t n,
                        long long now);
/* Whether two input lists are equal and hold no unknown entry. */
bool sg_manifest_same_inputs(const sg_manifest *a, const sg_manifest *b);
void sg_manifest_add(sg_manifest *m, const char *path,
                     unsigned long long fp);
/* An output published unchanged from the site `was` describes: its file
 * is the same, so saving needs no stat of it. */
void sg_manifest_add_kept(sg_manifest *m, const sg_mf_output *was);
/* Records the rows of `nrowx` row exports of `n` cases (arrays kept,
 * not copied: `lens` holds nrowx * n lengths, export by export). */
void sg_manifest_rows(sg_manifest *m, size_t nrowx, const size_t *heads,
                      const unsigned long long *keys, const size_t *lens,
                      size_t n);
/* The recorded output at `path`, or NULL (the table is built on first
 * use; call from one thread first, then any may read). */
const sg_mf_output *sg_manifest_find(sg_manifest *m, const char *path);
void sg_manifest_index(sg_manifest *m);
/* Writes it for the site now at `out` (through a temporary file and a
 * rename), with each output's file as it is there now; 0, or -1 when it could not (the next build then renders
 * everything: not an error of this one). */
int sg_manifest_save(const sg_manifest *m, const char *file, const char *out);
/* Removes the manifest (before a site it does not describe is swapped
 * in). */
void sg_manifest_drop(const char *file);

#endif
