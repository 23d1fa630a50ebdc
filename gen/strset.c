/* strset.c - FNV-1a hashing with linear probing; grows at 50% load. */
#include "strset.h"

#include <string.h>

static size_t S_hash(const char *k, size_t len)
{
    size_t h = 1469598103934665603ull & (size_t)-1;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)k[i];
        h *= 1099511628211ull & (size_t)-1;
    }
    return h;
}

void sg_strset_init(sg_strset *s, sg_arena *a)
{
    s->a = a;
    s->cap = 64;
    s->n = 0;
    s->slots = sg_alloc(a, s->cap * sizeof *s->slots);
}

static bool S_eq(const char *slot, const char *key, size_t len)
{
    return strncmp(slot, key, len) == 0 && slot[len] == '\0';
}

bool sg_strset_has(const sg_strset *s, const char *key, size_t len)
{
    size_t i = S_hash(key, len) & (s->cap - 1);
    while (s->slots[i]) {
        if (S_eq(s->slots[i], key, len))
            return true;
        i = (i + 1) & (s->cap - 1);
    }
    return false;
}

bool sg_strset_add(sg_strset *s, const char *key, size_t len)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t cap = s->cap * 2;
        const char **slots = sg_alloc(s->a, cap * sizeof *slots);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->slots[i])
                continue;
            size_t j = S_hash(s->slots[i], strlen(s->slots[i])) & (cap - 1);
            while (slots[j])
                j = (j + 1) & (cap - 1);
            slots[j] = s->slots[i];
        }
        s->slots = slots;
        s->cap = cap;
    }
    size_t i = S_hash(key, len) & (s->cap - 1);
    while (s->slots[i]) {
        if (S_eq(s->slots[i], key, len))
            return false;
        i = (i + 1) & (s->cap - 1);
    }
    s->slots[i] = sg_strndup(s->a, key, len);
    s->n++;
    return true;
}
