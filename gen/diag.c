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

int sg_diag_add(sg_diags *d, sg_severity sev, const char *file, sg_mark at,
                const char *hint, const char *fmt, ...)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        d->items = sg_realloc(d->arena, d->items, d->n * sizeof *d->items,
                              cap * sizeof *d->items);
        d->cap = cap;
    }
    sg_buf b = SG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
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

void sg_diags_print_text(const sg_diags *d, sg_buf *out, bool color)
{
    for (size_t i = 0; i < d->n; i++) {
        const sg_diag *g = &d->items[i];
        if (g->file) {
            sg_buf_puts(out, g->file);
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
        sg_buf_printf(out, ": %s\n", g->msg);
        if (g->hint)
            sg_buf_printf(out, "    hint: %s\n", g->hint);
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
