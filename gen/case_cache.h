/* case_cache.h - the cases a build read, kept for the next one (gen serve).
 *
 * A long-lived process that builds again after every save (gen serve)
 * need not read and check 10,000 case files for one that changed. The
 * cache keeps, for each case file, the case as read and checked, what
 * reading it said (warnings are said again by every build), and whether
 * its write-up's check follows from its own bytes alone (no relative
 * link: then what it said is kept too), with the file's identity: size,
 * modification and change times (ns), inode and device. A file whose
 * identity is unchanged is not read again; one changed within two
 * seconds of its stat is read but not kept (a second save in the same
 * clock tick would not show, as in manifest.h).
 *
 * The cases point into the vocabulary they were checked with (terms,
 * names), so the cache owns that too: it is loaded again, and every case
 * dropped, when the --vocabulary file changes. Everything lives in the
 * cache's own arenas, never in a build's; a build works on shallow
 * copies (sg_collection_load), so what it sets in a case (its write-up's
 * links, a slug clash) never reaches the cache. Replaced cases stay in
 * the arena until it holds twice what a fresh read took (plus some
 * slack); then the next load starts it afresh and reads every file:
 * memory stays bounded over any number of saves.
 */
#ifndef SG_CASE_CACHE_H
#define SG_CASE_CACHE_H

#include <stdbool.h>

#include "case.h"

/* A file as the file system describes it: size, mtime, ctime (ns),
 * inode, device. */
typedef struct sg_file_id {
    unsigned long long size, mtime, ctime, ino, dev;
} sg_file_id;

typedef struct sg_cc_entry {
    const char *path;
    sg_file_id id;
    const sg_case *c;                /* never changed once kept */
    const sg_diag *said;             /* what reading and checking said */
    size_t nsaid;
    bool wu_known;                   /* the write-up's check depends on
                                      * the file alone: not made again */
    const sg_diag *wu_said;          /* what that check said */
    size_t nwu;
} sg_cc_entry;

typedef struct sg_case_cache {
    sg_arena arena;                  /* cases, paths, diagnostics */
    sg_cc_entry *entries;            /* sorted by path (strcmp); malloc */
    size_t n;
    size_t fresh;                    /* arena.total after a full read */
    sg_arena varena;                 /* the vocabulary */
    sg_vocab v;
    bool has_vocab;
    char *vocab_path;                /* malloc; NULL: the built-in one */
    sg_file_id vocab_id;
    /* the last load: files taken from the cache, files read, write-ups
     * whose check was not made again */
    size_t hits, reads, wu_hits;
    /* the cache of one build only (a store's, case_store.h): the build
     * works on its cases themselves, not on copies, since no other
     * build will take them from memory */
    bool in_place;
} sg_case_cache;

void sg_case_cache_init(sg_case_cache *cc);
void sg_case_cache_free(sg_case_cache *cc);

/* The vocabulary (built-in, `extra` over it when not NULL), loaded again
 * only when `extra` is another file or changed; then every case is
 * dropped. Returns 0, or -1 after diagnostics. */
int sg_case_cache_vocab(sg_case_cache *cc, const char *extra,
                        const sg_vocab **v, sg_diags *d);

/* The identity of `path` into *id; false when it cannot be stat'ed or
 * changed too recently to be trusted (`now_ns`, CLOCK_REALTIME). */
bool sg_file_identity(const char *path, long long now_ns, sg_file_id *id);
long long sg_now_ns(void);

/* Files a caller has listed and stat'ed already (a build's inputs),
 * sorted by path. */
typedef struct sg_file_list {
    const char **paths;
    sg_file_id *ids;
    size_t n;
    long long now_ns;      /* when they were stat'ed */
} sg_file_list;

/* Whether a file of identity `id`, stat'ed at `now_ns`, is old enough
 * to be known by its identity (see sg_file_identity). */
bool sg_file_settled(const sg_file_id *id, long long now_ns);

/* The entry for `path` with identity `id`, or NULL. */
const sg_cc_entry *sg_case_cache_find(const sg_case_cache *cc,
                                      const char *path, const sg_file_id *id);

/* Drops every case when the arena holds much more than the cases kept
 * need (see above), before a load. */
void sg_case_cache_trim(sg_case_cache *cc);
void sg_case_cache_clear(sg_case_cache *cc);

/* Copies of `n` diagnostics, their strings too, into the cache. */
sg_diag *sg_case_cache_said(sg_case_cache *cc, const sg_diag *items,
                           size_t n);

#endif
