/* buf.h - the one growable byte buffer.
 *
 * Invariant (as in git's strbuf and cmark's strbuf): `ptr` is never NULL
 * and always NUL-terminated, so a buffer can be used as a C string at
 * any time. SG_BUF_INIT points at a shared empty string until the first
 * write. Buffers use malloc, not the arena, because they are rewritten
 * and grown many times; sg_buf_free releases them.
 */
#ifndef SG_BUF_H
#define SG_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct sg_buf {
    char *ptr;
    size_t len, cap;   /* cap 0: ptr is the shared empty string */
} sg_buf;

extern char sg_buf__empty[];
#define SG_BUF_INIT { sg_buf__empty, 0, 0 }

void sg_buf_grow(sg_buf *b, size_t extra);
void sg_buf_put(sg_buf *b, const void *data, size_t len);
void sg_buf_puts(sg_buf *b, const char *s);
void sg_buf_putc(sg_buf *b, int c);
void sg_buf_printf(sg_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sg_buf_vprintf(sg_buf *b, const char *fmt, va_list ap);
/* Keep the allocation, drop the contents. */
void sg_buf_reset(sg_buf *b);
/* Cut to `len` bytes (len <= b->len). */
void sg_buf_truncate(sg_buf *b, size_t len);
/* Drop the first `n` bytes (n <= b->len), keeping the rest. */
void sg_buf_drop(sg_buf *b, size_t n);
/* Hand the string to the caller (who frees it); b becomes empty. */
char *sg_buf_detach(sg_buf *b);
void sg_buf_free(sg_buf *b);

#endif
