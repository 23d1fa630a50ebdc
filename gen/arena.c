/* arena.c - bump allocation in chained blocks. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sg_arena_block {
    sg_arena_block *next;
    size_t used, size;
    max_align_t data[];     /* keeps every allocation maximally aligned */
};

#define BLOCK_MIN (64 * 1024)
#define ALIGN (sizeof(max_align_t))

static void S_oom(void)
{
    fputs("gen: out of memory\n", stderr);
    abort();
}

/* Memory that the caller fills at once (strings, copies): not zeroed.
 * `align` is ALIGN, or 1 for strings, which need none: a build makes
 * millions of short ones, and rounding each up wasted a tenth. */
static void *S_alloc_raw(sg_arena *a, size_t size, size_t align)
{
    if (size > SIZE_MAX - 2 * ALIGN)
        S_oom();
    sg_arena_block *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->size || b->size - at < size) {
        /* Large requests get their own block so the current one keeps
         * its free tail for the many small allocations that follow;
         * while a mark is out, blocks stay in age order for the release. */
        size_t need = (size + ALIGN - 1) / ALIGN * ALIGN;
        size_t bsize = need > BLOCK_MIN / 4 ? need : BLOCK_MIN;
        sg_arena_block *nb = malloc(sizeof *nb + bsize);
        if (!nb)
            S_oom();
        nb->used = 0;
        nb->size = bsize;
        a->total += bsize;
        if (b && need > BLOCK_MIN / 4 && !a->marks) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
        at = 0;
    }
    void *p = (char *)b->data + at;
    b->used = at + size;
    return p;
}

void *sg_alloc_uninit(sg_arena *a, size_t size)
{
    return S_alloc_raw(a, size, ALIGN);
}

void *sg_realloc(sg_arena *a, void *old, size_t old_size, size_t new_size)
{
    void *p = S_alloc_raw(a, new_size, ALIGN);
    size_t keep = old && old_size ? (old_size < new_size ? old_size
                                                         : new_size) : 0;
    if (keep)
        memcpy(p, old, keep);
    memset((char *)p + keep, 0, new_size - keep);
    return p;
}

void *sg_grow(sg_arena *a, void *items, size_t *cap, size_t first,
              size_t size)
{
    size_t n = *cap, more = n ? n * 2 : first;
    void *r = sg_realloc(a, items, n * size, more * size);
    *cap = more;
    return r;
}

char *sg_strndup(sg_arena *a, const char *s, size_t n)
{
    char *p = S_alloc_raw(a, n + 1, 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *sg_strdup(sg_arena *a, const char *s)
{
    return sg_strndup(a, s, strlen(s));
}

char *sg_printf(sg_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *p = S_alloc_raw(a, (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

sg_arena_mark sg_arena_save(sg_arena *a)
{
    a->marks++;
    return (sg_arena_mark){ a->head, a->head ? a->head->used : 0 };
}

void sg_arena_release(sg_arena *a, sg_arena_mark m)
{
    if (a->marks)
        a->marks--;
    while (a->head && a->head != m.block) {
        sg_arena_block *b = a->head;
        if (!m.block && !b->next) {
            b->used = 0;    /* keep the oldest block: it is warm */
            return;
        }
        a->head = b->next;
        a->total -= b->size;
        free(b);
    }
    if (a->head)
        a->head->used = m.used;
}

void sg_arena_adopt(sg_arena *a, sg_arena *child)
{
    sg_arena_block *first = child->head;
    if (!first)
        return;
    sg_arena_block *last = first;
    while (last->next)
        last = last->next;
    /* behind a's newest block, which keeps serving small allocations */
    if (a->head) {
        last->next = a->head->next;
        a->head->next = first;
    } else {
        a->head = first;
    }
    a->total += child->total;
    *child = (sg_arena)SG_ARENA_INIT;
}

void sg_arena_free(sg_arena *a)
{
    sg_arena_block *b = a->head;
    while (b) {
        sg_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
    a->marks = 0;
}
