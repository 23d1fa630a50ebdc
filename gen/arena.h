/* arena.h - region allocator: everything a build allocates dies with it.
 *
 * One arena per build (or per command) owns the value trees, strings,
 * diagnostics and compiled templates made during it, so no individual
 * object needs a free and nothing can leak past sg_arena_free().
 */
#ifndef SG_ARENA_H
#define SG_ARENA_H

#include <stddef.h>
#include <string.h>

typedef struct sg_arena_block sg_arena_block;

typedef struct sg_arena {
    sg_arena_block *head;   /* newest block; older ones chained behind */
    size_t total;           /* bytes requested from malloc, for --verbose */
    unsigned marks;         /* sg_arena_save()s not yet released */
} sg_arena;

#define SG_ARENA_INIT { NULL, 0, 0 }

/* A point to come back to: everything allocated after it can be dropped
 * at once (a page renders 100,000 table rows through one small region). */
typedef struct sg_arena_mark {
    sg_arena_block *block;
    size_t used;
} sg_arena_mark;

/* Memory aligned for any type, not zeroed; aborts when memory runs out. */
void *sg_alloc_uninit(sg_arena *a, size_t size);
/* Zeroed memory aligned for any type; aborts when memory runs out.
 * Inline, so that the zeroing of a fixed-size object (most calls) is a
 * few stores rather than a call. */
static inline void *sg_alloc(sg_arena *a, size_t size)
{
    return memset(sg_alloc_uninit(a, size), 0, size);
}
/* Grow an array allocated in the arena (old contents copied). */
void *sg_realloc(sg_arena *a, void *old, size_t old_size, size_t new_size);
/* Room for more items in a growable array of `*cap` items of `size`
 * bytes: returns the array (moved when it grew) with *cap doubled, or
 * `first` when it was 0. Call it when the count has reached *cap:
 *     if (n == cap) items = sg_grow(a, items, &cap, 16, sizeof *items); */
void *sg_grow(sg_arena *a, void *items, size_t *cap, size_t first,
              size_t size);
/* Copies of strings, NUL-terminated. */
char *sg_strndup(sg_arena *a, const char *s, size_t n);
char *sg_strdup(sg_arena *a, const char *s);
char *sg_printf(sg_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Marks and releases nest like a stack: a release drops what was
 * allocated since its mark, keeping the memory for reuse. */
sg_arena_mark sg_arena_save(sg_arena *a);
void sg_arena_release(sg_arena *a, sg_arena_mark m);
/* Moves every block of `child` into `a` (which then frees them) and
 * leaves `child` empty: a thread allocates in its own arena, and what it
 * made lives on in the build's. Neither may have marks out. */
void sg_arena_adopt(sg_arena *a, sg_arena *child);
/* Free every block; the arena can be used again afterwards. */
void sg_arena_free(sg_arena *a);

#endif
