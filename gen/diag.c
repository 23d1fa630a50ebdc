/* diag.c - collecting, sorting and printing diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sg_diags_init(sg_diags *d, sg_arena *a)
{
    memset(d, 0, sizeof *d);
    d->arena = a;
}

int sg_diag_vadd(sg_diags *d, sg_severity sev, const char *file, sg_mark at,
                 const char *hint, const char *fmt, va_list ap)
{
    /* from two: the case store keeps each case's own list, mostly of
     * one or two, for 100,000 cases */
    if (d->n == d->cap)
        d->items = sg_grow(d->arena, d->items, &d->cap, 2, sizeof *d->items);
    sg_buf b = SG_BUF_INIT;
    sg_buf_vprintf(&b, fmt, ap);
    sg_diag *g = &d->items[d->n];
    g->sev = sev;
    g->file = file ? sg_strdup(d->arena, file) : NULL;
    g->line = at.line;
    g->col = at.col;
    g->msg = sg_strndup(d->arena, b.ptr, b.len);
    g->hint = hint ? sg_strdup(d->arena, hint) : NULL;
    g->seq = d->n;
    d->n++;
    sg_buf_free(&b);
    if (sev == SG_ERROR)
        d->errors++;
    else if (sev == SG_WARNING)
        d->warnings++;
    return -1;
}

int sg_diag_add(sg_diags *d, sg_severity sev, const char *file, sg_mark at,
                const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sg_diag_vadd(d, sev, file, at, hint, fmt, ap);
    va_end(ap);
    return -1;
}

int sg_error_sys(sg_diags *d, const char *file, const char *hint, int errnum,
                 const char *fmt, ...)
{
    sg_buf b = SG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    sg_diag_add(d, SG_ERROR, file, (sg_mark){0, 0}, hint, "%s: %s",
                b.ptr ? b.ptr : "", strerror(errnum));
    sg_buf_free(&b);
    return -1;
}

static int S_cmp(const void *pa, const void *pb)
{
    const sg_diag *a = pa, *b = pb;
    int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    /* messages without a place come from pages rendered by whichever
     * thread was free: their text, not their arrival, orders them */
    if (!a->line && (c = strcmp(a->msg, b->msg)) != 0)
        return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void sg_diags_merge(sg_diags *into, const sg_diags *from)
{
    for (size_t i = 0; i < from->n; i++) {
        const sg_diag *g = &from->items[i];
        sg_diag_add(into, g->sev, g->file, (sg_mark){ g->line, g->col },
                    g->hint, "%s", g->msg);
    }
}

void sg_diags_sort(sg_diags *d)
{
    if (d->n > 1)
        qsort(d->items, d->n, sizeof *d->items, S_cmp);
}

static const char *S_sev(sg_severity s)
{
    return s == SG_ERROR ? "error" : s == SG_WARNING ? "warning" : "note";
}

/* Length of the valid UTF-8 sequence of 2 to 4 bytes at p, else 0. */
static size_t S_utf8_len(const unsigned char *p, size_t len)
{
    unsigned c = p[0];
    size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!n || n > len)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) ||
        (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
        return 0;                       /* overlong, surrogate, too large */
    return n;
}

/* Text from a case (a value, a key, a file name) may hold control
 * characters; written raw they would drive the terminal. They are shown
 * as \x1b (C1 controls as \u009b), as are bytes that are not UTF-8;
 * everything else, backslashes too, is written as it is. */
static void S_put_safe(sg_buf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), start = 0;
    for (size_t i = 0; i < len;) {
        unsigned c = p[i];
        size_t n = c < 0x80 ? 1 : S_utf8_len(p + i, len - i);
        bool ctl = c < 0x20 || c == 0x7F || n == 0 ||
                   (c == 0xC2 && p[i + 1] <= 0x9F);
        if (!ctl) {
            i += n;
            continue;
        }
        sg_buf_put(out, s + start, i - start);
        if (c == 0xC2 && n == 2)
            sg_buf_printf(out, "\\u%04x", p[i + 1]);
        else
            sg_buf_printf(out, "\\x%02x", c);
        i += n ? n : 1;
        start = i;
    }
    sg_buf_put(out, s + start, len - start);
}

void sg_diags_print_text(const sg_diags *d, sg_buf *out, bool color)
{
    for (size_t i = 0; i < d->n; i++) {
        const sg_diag *g = &d->items[i];
        if (g->file) {
            S_put_safe(out, g->file);
            if (g->line)
                sg_buf_printf(out, ":%u:%u", g->line, g->col ? g->col : 1);
            sg_buf_puts(out, ": ");
        } else {
            sg_buf_puts(out, "gen: ");
        }
        if (color)
            sg_buf_puts(out, g->sev == SG_ERROR ? "\033[1;31m"
                             : g->sev == SG_WARNING ? "\033[1;35m"
                                                     : "\033[1;36m");
        sg_buf_puts(out, S_sev(g->sev));
        if (color)
            sg_buf_puts(out, "\033[0m");
        sg_buf_puts(out, ": ");
        S_put_safe(out, g->msg);
        sg_buf_putc(out, '\n');
        if (g->hint) {
            sg_buf_puts(out, "    hint: ");
            S_put_safe(out, g->hint);
            sg_buf_putc(out, '\n');
        }
    }
}

void sg_diags_print_json(const sg_diags *d, sg_buf *out)
{
    sg_arena a = SG_ARENA_INIT;
    sg_value *list = sg_list(&a);
    for (size_t i = 0; i < d->n; i++) {
        const sg_diag *g = &d->items[i];
        sg_value *m = sg_map(&a);
        sg_map_add(&a, m, "file", g->file ? sg_str(&a, g->file) : sg_null(&a));
        sg_map_add(&a, m, "line", g->line ? sg_num(&a, g->line) : sg_null(&a));
        sg_map_add(&a, m, "column", g->line ? sg_num(&a, g->col ? g->col : 1)
                                            : sg_null(&a));
        sg_map_str(&a, m, "severity", S_sev(g->sev));
        sg_map_str(&a, m, "message", g->msg);
        sg_map_add(&a, m, "hint", g->hint ? sg_str(&a, g->hint) : sg_null(&a));
        sg_list_push(&a, list, m);
    }
    sg_json_write(out, list, 2);
    sg_buf_putc(out, '\n');
    sg_arena_free(&a);
}
