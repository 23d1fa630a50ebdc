/* mustache.h - a Mustache template engine over the value tree.
 *
 * Implements the Mustache specification: interpolation (escaped and not),
 * dotted names and the implicit iterator, sections and inverted sections,
 * comments, set-delimiter tags, partials with standalone indentation, and
 * the optional inheritance ({{<parent}} with {{$block}}) and dynamic
 * names ({{>*name}}) modules. Lambdas are not supported: the data is
 * plain values.
 *
 * A template is compiled once (sg_tpl_compile) into a tree in an arena
 * and rendered any number of times; rendering never modifies it, so one
 * compiled set can be shared by threads that each render their own page.
 */
#ifndef SG_MUSTACHE_H
#define SG_MUSTACHE_H

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "value.h"

#define SG_TPL_MAX_DEPTH 64    /* partials and parents within each other */
#define SG_TPL_MAX_NESTING 100 /* sections within a template */
/* What one render may write: sections over lists nested in each other
 * multiply, and a page must not take all memory. A home page lists
 * every case (about 900 bytes each), so this allows some 280,000. */
#define SG_TPL_MAX_OUTPUT ((size_t)256 << 20)
/* Steps (tags and list items visited) one render may take: as many as
 * the bytes it may write (pages take about one for five bytes), but at
 * least this many, for small limits. */
#define SG_TPL_MIN_STEPS (1u << 20)

typedef struct sg_tpl sg_tpl;

/* Where partials and parents come from. `load` returns the compiled
 * template for `name`, or NULL when there is none (which renders as
 * empty, as the specification requires). It must not fail loudly for a
 * missing name; compile errors it may report to `d`. */
typedef struct sg_tpl_loader {
    void *ctx;
    const sg_tpl *(*load)(void *ctx, const char *name, sg_diags *d);
} sg_tpl_loader;

/* Compiles `src`. `file` names the template in diagnostics
 * ("templates/case.mustache"). Returns NULL after reporting every
 * syntax error with its line and column. */
sg_tpl *sg_tpl_compile(sg_arena *a, const char *file, const char *src,
                       size_t len, sg_diags *d);

/* Renders `t` against `data`, appending to `out`. Returns 0, or -1 after
 * a diagnostic: partials nest deeper than SG_TPL_MAX_DEPTH, or the
 * render writes more than SG_TPL_MAX_OUTPUT bytes or takes as many steps
 * (`out` then holds a part of the page, to be dropped). */
int sg_tpl_render(const sg_tpl *t, const sg_value *data,
                  const sg_tpl_loader *loader, sg_buf *out, sg_diags *d);
/* The same with another bound than SG_TPL_MAX_OUTPUT (bytes written,
 * and steps: max_out, at least SG_TPL_MIN_STEPS). */
int sg_tpl_render_max(const sg_tpl *t, const sg_value *data,
                      const sg_tpl_loader *loader, size_t max_out,
                      sg_buf *out, sg_diags *d);

/* A render that hands its output on in pieces, so a page of hundreds of
 * MB is never held whole: between the items of a list, once `out` holds
 * SG_TPL_PIECE bytes or more, `flush` is called to take what it will
 * from the front of `out` (sg_buf_drop). What is left when the render
 * returns is the caller's to take. `out` must be empty at the start;
 * the bound on bytes written counts every byte, taken or not. */
#define SG_TPL_PIECE ((size_t)1 << 20)
typedef void (*sg_tpl_flush)(void *ctx, sg_buf *out);
int sg_tpl_render_to(const sg_tpl *t, const sg_value *data,
                     const sg_tpl_loader *loader, sg_buf *out,
                     sg_tpl_flush flush, void *flush_ctx, sg_diags *d);

/* Warns, with the tag's place, about every {{>name}} and {{<name}} with
 * a fixed name that `loader` cannot find. Returns the number missing. */
int sg_tpl_check_partials(const sg_tpl *t, const sg_tpl_loader *loader,
                          sg_diags *d);

const char *sg_tpl_file(const sg_tpl *t);

#endif
