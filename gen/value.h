/* value.h - the one value tree: null, booleans, numbers, strings, lists
 * and maps, each remembering where in which file it came from.
 *
 * The YAML reader produces it, the case checker reads it, the view
 * builder assembles it for templates, the Mustache engine renders from it
 * and the JSON writer serialises it. All nodes live in an arena; maps
 * keep their keys in insertion order so output is deterministic.
 */
#ifndef SG_VALUE_H
#define SG_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"

typedef enum {
    SG_NULL, SG_BOOL, SG_NUM, SG_STR, SG_LIST, SG_MAP,
    SG_LAZY     /* a value not built yet: see sg_lazy() */
} sg_type;

/* A place in a source file, counted from 1 (0: unknown). */
typedef struct sg_mark {
    unsigned line, col;
} sg_mark;

typedef struct sg_value sg_value;
/* Builds a value in `a` from `arg`; must not fail, must only read shared
 * data (threads force the same lazy value at once). */
typedef sg_value *(*sg_lazy_fn)(sg_arena *a, const void *arg);
typedef struct sg_pair {
    const char *key;
    size_t key_len;
    sg_mark key_mark;
    sg_value *val;
} sg_pair;

struct sg_value {
    sg_type type;
    sg_mark mark;
    bool quoted;          /* a YAML scalar written in quotes (not a number) */
    unsigned char origin; /* which of several merged files it came from */
    const char *text;     /* a YAML scalar's source text, whatever its type */
    union {
        bool b;
        double num;
        struct { const char *s; size_t len; } str;
        struct { sg_value **items; size_t n, cap; } list;
        struct { sg_pair *items; size_t n, cap; } map;
        struct { sg_lazy_fn build; const void *arg; } lazy;
    } u;
};

sg_value *sg_null(sg_arena *a);
/* Shared, read-only values for trees that are never modified after they
 * are built (the views): no allocation. A number is shared only when it
 * is a small whole number; otherwise it is allocated in `a`. */
sg_value *sg_const_null(void);
sg_value *sg_const_bool(bool b);
sg_value *sg_const_num(sg_arena *a, double n);
sg_value *sg_bool(sg_arena *a, bool b);
sg_value *sg_num(sg_arena *a, double n);
/* Strings are copied into the arena. */
sg_value *sg_str(sg_arena *a, const char *s);
sg_value *sg_strn(sg_arena *a, const char *s, size_t len);
/* Takes the string as it is (it must outlive the tree). */
sg_value *sg_str_ref(sg_arena *a, const char *s, size_t len);
sg_value *sg_list(sg_arena *a);
sg_value *sg_map(sg_arena *a);
/* A map with room for `n` keys, when the number is known: an arena
 * cannot free the smaller arrays a growing map leaves behind. */
sg_value *sg_map_sized(sg_arena *a, size_t n);

/* A value (usually a map or a list) that is built only when something
 * reads it, in an arena the reader chooses, and dropped by the reader
 * after use: how 100,000 case views can be listed on one page without
 * being held all at once, and how a table row builds only the parts of
 * a case it shows. The template engine and the JSON writer force it; C
 * code that looks inside calls sg_force() first (sg_map_get and
 * sg_value_truthy do not: to them it is an unknown, non-empty map). */
sg_value *sg_lazy(sg_arena *a, sg_lazy_fn build, const void *arg);
/* `v` itself, or for a lazy value the value it builds in `a`. */
const sg_value *sg_force(const sg_value *v, sg_arena *a);

void sg_list_push(sg_arena *a, sg_value *list, sg_value *item);
/* Appends; the key is referenced, not copied (use string literals or
 * arena strings). Does not check for duplicates: see sg_map_set. */
void sg_map_add(sg_arena *a, sg_value *map, const char *key, sg_value *val);
/* The same with the key's length given (sizeof "literal" - 1): views
 * add millions of keys, and each strlen shows in a profile. */
void sg_map_addn(sg_arena *a, sg_value *map, const char *key, size_t len,
                 sg_value *val);
/* Replaces the value of an existing key, or appends. */
void sg_map_set(sg_arena *a, sg_value *map, const char *key, sg_value *val);
/* NULL when absent or when `map` is not a map (a lazy one is not: force
 * it first). */
sg_value *sg_map_get(const sg_value *map, const char *key);
sg_value *sg_map_getn(const sg_value *map, const char *key, size_t len);
const sg_pair *sg_map_pair(const sg_value *map, const char *key);

/* Shorthands used by the view builder. */
void sg_map_str(sg_arena *a, sg_value *m, const char *key, const char *s);
void sg_map_num(sg_arena *a, sg_value *m, const char *key, double n);

/* The string of a string value, or NULL. */
const char *sg_value_str(const sg_value *v);
/* The value at a dotted path of map keys ("kinds.stages.title") under
 * `root`, or NULL. */
sg_value *sg_value_at(const sg_value *root, const char *path);
/* Mustache truthiness: false, null, "", empty lists are falsy. */
bool sg_value_truthy(const sg_value *v);
/* Shortest decimal form that reads back as the same double
 * ("85", "1.21"); appended to out. */
void sg_num_format(sg_buf *out, double n);
/* The decimal digits of `u` written into `out` (no NUL); their number.
 * For the hot paths that format whole numbers without printf. */
size_t sg_fmt_uint(char out[20], unsigned long long u);
/* Text of a scalar for interpolation; lists and maps give nothing. */
void sg_value_text(sg_buf *out, const sg_value *v);

const char *sg_type_name(sg_type t);

/* JSON: compact when indent is 0, else pretty with that many spaces.
 * Non-finite numbers become null; strings are escaped per RFC 8259. */
void sg_json_write(sg_buf *out, const sg_value *v, int indent);

#endif
