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
bool sg_strset_has(const sg_strset *s, const char *key, size_t len);

#endif
