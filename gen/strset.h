/* strset.h - a set of strings (open addressing), for the link check
 * and other indexes that must stay linear in the number of cases. */
#ifndef SG_STRSET_H
#define SG_STRSET_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct sg_strset {
    sg_arena *a;
    const char **slots;
    size_t cap, n;
} sg_strset;

void sg_strset_init(sg_strset *s, sg_arena *a);
/* Adds a copy of `key` (len bytes); true when it was not there before. */
bool sg_strset_add(sg_strset *s, const char *key, size_t len);
/* Adds `key` itself, not a copy: it must be NUL-terminated at `len` and
 * outlive the set (a string of the set's arena, or longer-lived). */
bool sg_strset_add_ref(sg_strset *s, const char *key, size_t len);
/* Room for `n` more keys, so that the table is made once (a table
 * outgrown stays in the arena: at 400,000 paths, 8 MB). */
void sg_strset_reserve(sg_strset *s, size_t n);
bool sg_strset_has(const sg_strset *s, const char *key, size_t len);

/* A set that keeps a 64-bit hash of each string instead of the string:
 * 16 bytes an entry rather than a copy, for the millions of anchors a
 * large site has. Two strings share a hash with odds of about n / 2^64,
 * so a lookup of an absent string answers "present" about once in 10^12
 * lookups at a million entries: good enough for a link check. Its table
 * is malloc'd (it grows often); sg_hashset_free releases it. */
typedef struct sg_hashset {
    unsigned long long *slots;   /* 0: empty */
    size_t cap, n;
} sg_hashset;

#define SG_HASHSET_INIT { NULL, 0, 0 }

void sg_hashset_add(sg_hashset *h, const char *key, size_t len);
bool sg_hashset_has(const sg_hashset *h, const char *key, size_t len);
/* Adds every entry of `from`. */
void sg_hashset_merge(sg_hashset *into, const sg_hashset *from);
/* Empties the set, keeping its table. */
void sg_hashset_clear(sg_hashset *h);
void sg_hashset_free(sg_hashset *h);

#endif
