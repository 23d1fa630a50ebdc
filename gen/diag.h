/* diag.h - diagnostics: compiler-style messages with a place and a hint.
 *
 * Every function that can fail leaves one here and returns a status;
 * only main.c decides how to print them (text or JSON) and what the
 * exit status is. Messages are kept in the order they were reported,
 * then sorted by file and position before printing so that output does
 * not depend on the order files were visited.
 */
#ifndef SG_DIAG_H
#define SG_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "value.h"

typedef enum { SG_NOTE, SG_WARNING, SG_ERROR } sg_severity;

typedef struct sg_diag {
    sg_severity sev;
    const char *file;     /* may be NULL: a problem with no file */
    unsigned line, col;   /* from 1; 0 when unknown */
    const char *msg;
    const char *hint;     /* what to do about it; may be NULL */
    size_t seq;           /* report order, breaks ties when sorting */
} sg_diag;

typedef struct sg_diags {
    sg_arena *arena;
    sg_diag *items;
    size_t n, cap;
    size_t errors, warnings;
} sg_diags;

void sg_diags_init(sg_diags *d, sg_arena *a);
/* printf-style message; returns -1 so callers can `return sg_error(...)`. */
int sg_diag_add(sg_diags *d, sg_severity sev, const char *file, sg_mark at,
                const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* The same with a va_list, for helpers that take a format of their own. */
int sg_diag_vadd(sg_diags *d, sg_severity sev, const char *file, sg_mark at,
                 const char *hint, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));
/* An error of a failed system call on `file` (no place in it): the
 * message is fmt's text, ": ", and strerror(errnum). Returns -1. */
int sg_error_sys(sg_diags *d, const char *file, const char *hint, int errnum,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* sg_error(d, file, at, hint, fmt, ...); variadic throughout so that a
 * compound literal (sg_mark){l, c} can be passed as `at` */
#define sg_error(d, ...) sg_diag_add((d), SG_ERROR, __VA_ARGS__)
#define sg_warn(d, ...) sg_diag_add((d), SG_WARNING, __VA_ARGS__)

/* Progress of a long step, for a command that shows it (the library
 * never prints): `what` so far `done` of `total`; done == total once at
 * the end. Called from one thread at a time. */
typedef void (*sg_progress_fn)(void *ctx, const char *what, size_t done,
                               size_t total);
typedef struct sg_progress {
    sg_progress_fn fn;        /* NULL: no progress wanted */
    void *ctx;
} sg_progress;

/* Copies `from`'s diagnostics (a thread's) into `into`, in order. */
void sg_diags_merge(sg_diags *into, const sg_diags *from);
void sg_diags_sort(sg_diags *d);
/* "file:line:col: error: message" plus an indented hint line. */
void sg_diags_print_text(const sg_diags *d, sg_buf *out, bool color);
/* A JSON array of {file, line, column, severity, message, hint}. */
void sg_diags_print_json(const sg_diags *d, sg_buf *out);

#endif
