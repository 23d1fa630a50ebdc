/* strset.c - FNV-1a hashing with linear probing; grows at 50% load. */
#include "strset.h"

#include <stdio.h>
#include <stdlib.h>
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

/* Makes the table `cap` slots (a power of two), its keys moved in. */
static void S_rehash(sg_strset *s, size_t cap)
{
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

void sg_strset_reserve(sg_strset *s, size_t n)
{
    size_t cap = s->cap;
    while (2 * (s->n + n) > cap)
        cap *= 2;
    if (cap != s->cap)
        S_rehash(s, cap);
}

/* Adds `key` (a copy of it, or itself when `ref`). */
static bool S_add(sg_strset *s, const char *key, size_t len, bool ref)
{
    if (2 * (s->n + 1) > s->cap)
        S_rehash(s, s->cap * 2);
    size_t i = S_hash(key, len) & (s->cap - 1);
    while (s->slots[i]) {
        if (S_eq(s->slots[i], key, len))
            return false;
        i = (i + 1) & (s->cap - 1);
    }
    s->slots[i] = ref ? key : sg_strndup(s->a, key, len);
    s->n++;
    return true;
}

bool sg_strset_add(sg_strset *s, const char *key, size_t len)
{
    return S_add(s, key, len, false);
}

bool sg_strset_add_ref(sg_strset *s, const char *key, size_t len)
{
    return S_add(s, key, len, true);
}

/* FNV-1a over the bytes, then a 64-bit finaliser (from SplitMix64) so
 * that the low bits used for the slot are well mixed. Never 0. */
static unsigned long long S_hash64(const char *k, size_t len)
{
    unsigned long long h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)k[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h ? h : 1;
}

static void S_put(sg_hashset *h, unsigned long long x)
{
    if (2 * (h->n + 1) > h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 64;
        unsigned long long *slots = calloc(cap, sizeof *slots);
        if (!slots) {
            fputs("gen: out of memory\n", stderr);
            abort();
        }
        for (size_t i = 0; i < h->cap; i++) {
            if (!h->slots[i])
                continue;
            size_t j = (size_t)h->slots[i] & (cap - 1);
            while (slots[j])
                j = (j + 1) & (cap - 1);
            slots[j] = h->slots[i];
        }
        free(h->slots);
        h->slots = slots;
        h->cap = cap;
    }
    size_t i = (size_t)x & (h->cap - 1);
    while (h->slots[i]) {
        if (h->slots[i] == x)
            return;
        i = (i + 1) & (h->cap - 1);
    }
    h->slots[i] = x;
    h->n++;
}

void sg_hashset_add(sg_hashset *h, const char *key, size_t len)
{
    S_put(h, S_hash64(key, len));
}

bool sg_hashset_has(const sg_hashset *h, const char *key, size_t len)
{
    if (!h->cap)
        return false;
    unsigned long long x = S_hash64(key, len);
    size_t i = (size_t)x & (h->cap - 1);
    while (h->slots[i]) {
        if (h->slots[i] == x)
            return true;
        i = (i + 1) & (h->cap - 1);
    }
    return false;
}

void sg_hashset_merge(sg_hashset *into, const sg_hashset *from)
{
    for (size_t i = 0; i < from->cap; i++)
        if (from->slots[i])
            S_put(into, from->slots[i]);
}

void sg_hashset_clear(sg_hashset *h)
{
    if (h->n)
        memset(h->slots, 0, h->cap * sizeof *h->slots);
    h->n = 0;
}

void sg_hashset_free(sg_hashset *h)
{
    free(h->slots);
    h->slots = NULL;
    h->cap = h->n = 0;
}
