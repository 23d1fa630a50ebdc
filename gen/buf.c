/* buf.c - growable buffer; see buf.h for the invariants. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char sg_buf__empty[1];

void sg_buf_grow(sg_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            fputs("gen: buffer too large\n", stderr);
            abort();
        }
        cap *= 2;
    }
    char *p = b->cap ? realloc(b->ptr, cap) : malloc(cap);
    if (!p) {
        fputs("gen: out of memory\n", stderr);
        abort();
    }
    if (!b->cap)
        p[0] = '\0';
    b->ptr = p;
    b->cap = cap;
}

void sg_buf_put(sg_buf *b, const void *data, size_t len)
{
    if (!len)
        return;
    sg_buf_grow(b, len);
    memcpy(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
}

void sg_buf_puts(sg_buf *b, const char *s)
{
    sg_buf_put(b, s, strlen(s));
}

void sg_buf_putc(sg_buf *b, int c)
{
    sg_buf_grow(b, 1);
    b->ptr[b->len++] = (char)c;
    b->ptr[b->len] = '\0';
}

void sg_buf_vprintf(sg_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n <= 0)
        return;
    sg_buf_grow(b, (size_t)n);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sg_buf_printf(sg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sg_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void sg_buf_reset(sg_buf *b)
{
    sg_buf_truncate(b, 0);
}

void sg_buf_truncate(sg_buf *b, size_t len)
{
    if (len >= b->len)
        return;
    b->len = len;
    b->ptr[len] = '\0';
}

void sg_buf_drop(sg_buf *b, size_t n)
{
    if (!n)
        return;
    if (n > b->len)
        n = b->len;
    memmove(b->ptr, b->ptr + n, b->len - n);
    b->len -= n;
    b->ptr[b->len] = '\0';
}

char *sg_buf_detach(sg_buf *b)
{
    char *p = b->cap ? b->ptr : strdup("");
    if (!p) {
        fputs("gen: out of memory\n", stderr);
        abort();
    }
    b->ptr = sg_buf__empty;
    b->len = b->cap = 0;
    return p;
}

void sg_buf_free(sg_buf *b)
{
    if (b->cap)
        free(b->ptr);
    b->ptr = sg_buf__empty;
    b->len = b->cap = 0;
}
