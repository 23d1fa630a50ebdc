/* case_store.h - the case cache kept on disk from one build to the next.
 *
 * `gen serve` keeps the cases it read in memory (case_cache.h); the
 * store does the same for `gen build`: after a build, the cache (every
 * case file as read and checked, what that said, its identity) is
 * written beside the manifest, and the next build takes from it each
 * file whose identity is unchanged instead of reading and checking it
 * again. One edit then costs one file read, not 10,000.
 *
 * A store counts only for the binary that wrote it (its size, change
 * time and inode) and the vocabulary the cases were checked with (its
 * fingerprint): the record of a case is what this binary makes of the
 * file with this vocabulary. Anything else (a store from another
 * binary or vocabulary, a damaged or cut-off file, a vocabulary index
 * out of range) is not used, and every case is read: a store can make
 * a build faster, never different. Strings point into the store's
 * bytes, kept in the cache's arena.
 */
#ifndef SG_CASE_STORE_H
#define SG_CASE_STORE_H

#include <stdbool.h>

#include "case_cache.h"

/* Where the store of the site at `out` is: beside its manifest. */
char *sg_case_store_path(sg_arena *a, const char *out);

/* Fills `cc` from the store at `path`, when it has no cases yet and its
 * vocabulary is loaded (sg_case_cache_vocab). False, with `cc` left as
 * it was, when there is no store or it is not one to use (above). */
bool sg_case_store_load(sg_case_cache *cc, const char *path);

/* The entries of a store's payload (`len` bytes after its header,
 * length and checksum checked by the caller), read for vocabulary `v`
 * into `a`: false when it is not whole (a length past its end, an index
 * out of its list, paths out of order), with *out unset. The fuzzer
 * reads payloads with it; sg_case_store_load reads files. */
bool sg_case_store_decode(const sg_vocab *v, sg_arena *a,
                          const unsigned char *data, size_t len,
                          sg_cc_entry **out, size_t *n);

/* Writes the cache to `path` (a temporary file, then renamed over it).
 * Returns 0, or -1 (no diagnostic: the next build reads every case). */
int sg_case_store_save(const sg_case_cache *cc, const char *path);

#endif
