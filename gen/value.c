/* value.c - construction, lookup and serialisation of the value tree. */
#include "value.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sg_value *S_new(sg_arena *a, sg_type t)
{
    sg_value *v = sg_alloc(a, sizeof *v);
    v->type = t;
    return v;
}

sg_value *sg_null(sg_arena *a) { return S_new(a, SG_NULL); }

static sg_value S_consts[3] = {
    { .type = SG_NULL }, { .type = SG_BOOL, .u.b = false },
    { .type = SG_BOOL, .u.b = true },
};
#define SMALL_INTS 1024
static sg_value S_ints[SMALL_INTS];
static pthread_once_t S_ints_once = PTHREAD_ONCE_INIT;

static void S_ints_init(void)
{
    for (int i = 0; i < SMALL_INTS; i++) {
        S_ints[i].type = SG_NUM;
        S_ints[i].u.num = i;
    }
}

sg_value *sg_const_null(void) { return &S_consts[0]; }
sg_value *sg_const_bool(bool b) { return &S_consts[b ? 2 : 1]; }

sg_value *sg_const_num(sg_arena *a, double n)
{
    if (n >= 0 && n < SMALL_INTS && n == (double)(int)n) {
        pthread_once(&S_ints_once, S_ints_init);
        return &S_ints[(int)n];
    }
    return sg_num(a, n);
}

sg_value *sg_bool(sg_arena *a, bool b)
{
    sg_value *v = S_new(a, SG_BOOL);
    v->u.b = b;
    return v;
}

sg_value *sg_num(sg_arena *a, double n)
{
    sg_value *v = S_new(a, SG_NUM);
    v->u.num = n;
    return v;
}

sg_value *sg_str_ref(sg_arena *a, const char *s, size_t len)
{
    sg_value *v = S_new(a, SG_STR);
    v->u.str.s = s;
    v->u.str.len = len;
    return v;
}

sg_value *sg_strn(sg_arena *a, const char *s, size_t len)
{
    return sg_str_ref(a, sg_strndup(a, s, len), len);
}

sg_value *sg_str(sg_arena *a, const char *s)
{
    return sg_strn(a, s, strlen(s));
}

sg_value *sg_list(sg_arena *a) { return S_new(a, SG_LIST); }
sg_value *sg_map(sg_arena *a) { return S_new(a, SG_MAP); }

sg_value *sg_lazy(sg_arena *a, sg_lazy_fn build, const void *arg)
{
    sg_value *v = S_new(a, SG_LAZY);
    v->u.lazy.build = build;
    v->u.lazy.arg = arg;
    return v;
}

const sg_value *sg_force(const sg_value *v, sg_arena *a)
{
    return v && v->type == SG_LAZY ? v->u.lazy.build(a, v->u.lazy.arg) : v;
}

sg_value *sg_map_sized(sg_arena *a, size_t n)
{
    sg_value *m = S_new(a, SG_MAP);
    if (n) {
        m->u.map.items = sg_alloc(a, n * sizeof(sg_pair));
        m->u.map.cap = n;
    }
    return m;
}

void sg_list_push(sg_arena *a, sg_value *list, sg_value *item)
{
    if (list->u.list.n == list->u.list.cap)
        list->u.list.items = sg_grow(a, list->u.list.items,
                                     &list->u.list.cap, 4, sizeof(sg_value *));
    list->u.list.items[list->u.list.n++] = item;
}

void sg_map_add(sg_arena *a, sg_value *map, const char *key, sg_value *val)
{
    sg_map_addn(a, map, key, strlen(key), val);
}

void sg_map_addn(sg_arena *a, sg_value *map, const char *key, size_t len,
                 sg_value *val)
{
    if (map->u.map.n == map->u.map.cap)
        map->u.map.items = sg_grow(a, map->u.map.items, &map->u.map.cap, 8,
                                   sizeof(sg_pair));
    sg_pair *p = &map->u.map.items[map->u.map.n++];
    p->key = key;
    p->key_len = len;
    p->key_mark = (sg_mark){0, 0};
    p->val = val;
}

const sg_pair *sg_map_pair(const sg_value *map, const char *key)
{
    if (!map || map->type != SG_MAP)
        return NULL;
    size_t len = strlen(key);
    for (size_t i = 0; i < map->u.map.n; i++) {
        const sg_pair *p = &map->u.map.items[i];
        if (p->key_len == len && memcmp(p->key, key, len) == 0)
            return p;
    }
    return NULL;
}

sg_value *sg_map_getn(const sg_value *map, const char *key, size_t len)
{
    if (!map || map->type != SG_MAP)
        return NULL;
    for (size_t i = 0; i < map->u.map.n; i++) {
        const sg_pair *p = &map->u.map.items[i];
        /* the first byte settles most misses without a call */
        if (p->key_len == len && (!len || p->key[0] == key[0]) &&
            memcmp(p->key, key, len) == 0)
            return p->val;
    }
    return NULL;
}

sg_value *sg_map_get(const sg_value *map, const char *key)
{
    return sg_map_getn(map, key, strlen(key));
}

void sg_map_set(sg_arena *a, sg_value *map, const char *key, sg_value *val)
{
    const sg_pair *p = sg_map_pair(map, key);
    if (p)
        ((sg_pair *)p)->val = val;
    else
        sg_map_add(a, map, key, val);
}

void sg_map_str(sg_arena *a, sg_value *m, const char *key, const char *s)
{
    sg_map_add(a, m, key, s ? sg_str(a, s) : sg_null(a));
}

void sg_map_num(sg_arena *a, sg_value *m, const char *key, double n)
{
    sg_map_add(a, m, key, sg_num(a, n));
}

const char *sg_value_str(const sg_value *v)
{
    return v && v->type == SG_STR ? v->u.str.s : NULL;
}

sg_value *sg_value_at(const sg_value *root, const char *path)
{
    sg_value *x = (sg_value *)root;
    while (x && *path) {
        const char *dot = strchr(path, '.');
        size_t len = dot ? (size_t)(dot - path) : strlen(path);
        x = sg_map_getn(x, path, len);
        path += len + (dot != NULL);
    }
    return x;
}

bool sg_value_truthy(const sg_value *v)
{
    if (!v)
        return false;
    switch (v->type) {
    case SG_NULL: return false;
    case SG_BOOL: return v->u.b;
    case SG_NUM:  return true;   /* 0 is a value worth showing */
    case SG_STR:  return v->u.str.len > 0;
    case SG_LIST: return v->u.list.n > 0;
    case SG_MAP:  return true;
    case SG_LAZY: return true;   /* a map */
    }
    return false;
}

size_t sg_fmt_uint(char out[20], unsigned long long u)
{
    char tmp[20], *p = tmp + sizeof tmp;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t n = (size_t)(tmp + sizeof tmp - p);
    memcpy(out, p, n);
    return n;
}

void sg_num_format(sg_buf *out, double n)
{
    if (!isfinite(n)) {
        sg_buf_puts(out, isnan(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity");
        return;
    }
    if (fabs(n) < 1e15 && n == (double)(long long)n) {
        /* whole numbers are most numbers: no printf */
        char digits[21];
        long long x = (long long)n;
        if (x < 0)
            sg_buf_putc(out, '-');
        sg_buf_put(out, digits,
                   sg_fmt_uint(digits, x < 0 ? 0ull - (unsigned long long)x
                                             : (unsigned long long)x));
        return;
    }
    char tmp[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, n);
        if (strtod(tmp, NULL) == n)
            break;
    }
    sg_buf_puts(out, tmp);
}

void sg_value_text(sg_buf *out, const sg_value *v)
{
    if (!v)
        return;
    switch (v->type) {
    case SG_BOOL: sg_buf_puts(out, v->u.b ? "true" : "false"); break;
    case SG_NUM:  sg_num_format(out, v->u.num); break;
    case SG_STR:  sg_buf_put(out, v->u.str.s, v->u.str.len); break;
    default: break;
    }
}

const char *sg_type_name(sg_type t)
{
    switch (t) {
    case SG_NULL: return "nothing";
    case SG_BOOL: return "true/false";
    case SG_NUM:  return "a number";
    case SG_STR:  return "text";
    case SG_LIST: return "a list";
    case SG_MAP:  return "a mapping";
    case SG_LAZY: return "a mapping";
    }
    return "?";
}

/* Which bytes a JSON string must escape: control characters, " and \,
 * and < > & so that JSON embedded in a <script> stays inert. */
static const unsigned char S_json_esc[256] = {
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    ['"'] = 1, ['\\'] = 1, ['<'] = 1, ['>'] = 1, ['&'] = 1,
};

static void S_json_str(sg_buf *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    sg_buf_grow(out, len + 2);
    sg_buf_putc(out, '"');
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!S_json_esc[c])
            continue;           /* the usual case: one table look-up */
        sg_buf_put(out, s + start, i - start);
        start = i + 1;
        switch (c) {
        case '"':  sg_buf_puts(out, "\\\""); break;
        case '\\': sg_buf_puts(out, "\\\\"); break;
        case '\n': sg_buf_puts(out, "\\n"); break;
        case '\r': sg_buf_puts(out, "\\r"); break;
        case '\t': sg_buf_puts(out, "\\t"); break;
        case '<':  sg_buf_puts(out, "\\u003c"); break;
        case '>':  sg_buf_puts(out, "\\u003e"); break;
        case '&':  sg_buf_puts(out, "\\u0026"); break;
        default: {
            char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            sg_buf_put(out, u, sizeof u);
        }
        }
    }
    sg_buf_put(out, s + start, len - start);
    sg_buf_putc(out, '"');
}

static void S_nl(sg_buf *out, int indent, int depth)
{
    if (!indent)
        return;
    sg_buf_putc(out, '\n');
    for (int i = 0; i < indent * depth; i++)
        sg_buf_putc(out, ' ');
}

static void S_json(sg_buf *out, const sg_value *v, int indent, int depth,
                   sg_arena *scratch)
{
    if (!v) {
        sg_buf_puts(out, "null");
        return;
    }
    switch (v->type) {
    case SG_NULL: sg_buf_puts(out, "null"); break;
    case SG_BOOL: sg_buf_puts(out, v->u.b ? "true" : "false"); break;
    case SG_NUM:
        if (isfinite(v->u.num))
            sg_num_format(out, v->u.num);
        else
            sg_buf_puts(out, "null");
        break;
    case SG_STR: S_json_str(out, v->u.str.s, v->u.str.len); break;
    case SG_LIST:
        if (!v->u.list.n) {
            sg_buf_puts(out, "[]");
            break;
        }
        sg_buf_putc(out, '[');
        for (size_t i = 0; i < v->u.list.n; i++) {
            if (i)
                sg_buf_putc(out, ',');
            S_nl(out, indent, depth + 1);
            S_json(out, v->u.list.items[i], indent, depth + 1, scratch);
        }
        S_nl(out, indent, depth);
        sg_buf_putc(out, ']');
        break;
    case SG_MAP:
        if (!v->u.map.n) {
            sg_buf_puts(out, "{}");
            break;
        }
        sg_buf_putc(out, '{');
        for (size_t i = 0; i < v->u.map.n; i++) {
            const sg_pair *p = &v->u.map.items[i];
            if (i)
                sg_buf_putc(out, ',');
            S_nl(out, indent, depth + 1);
            S_json_str(out, p->key, p->key_len);
            sg_buf_puts(out, indent ? ": " : ":");
            S_json(out, p->val, indent, depth + 1, scratch);
        }
        S_nl(out, indent, depth);
        sg_buf_putc(out, '}');
        break;
    case SG_LAZY: {
        /* built for the write and dropped at once */
        sg_arena_mark m = sg_arena_save(scratch);
        S_json(out, sg_force(v, scratch), indent, depth, scratch);
        sg_arena_release(scratch, m);
        break;
    }
    }
}

void sg_json_write(sg_buf *out, const sg_value *v, int indent)
{
    sg_arena scratch = SG_ARENA_INIT;
    S_json(out, v, indent, 0, &scratch);
    sg_arena_free(&scratch);
}
