/* yaml_read.h - YAML (and so JSON) text to a value tree, with marks.
 *
 * Plain scalars are typed as YAML 1.2's core schema does (null, true,
 * false, integers, floats); quoted ones stay strings. Every node keeps
 * its line and column, and every scalar its source text, so a checker
 * can say where a value was and what the author wrote.
 *
 * Bounded by the input: nesting deeper than SG_YAML_MAX_DEPTH and alias
 * use that would expand past SG_YAML_MAX_NODES nodes are errors, so a
 * "billion laughs" file costs no more than its own size.
 */
#ifndef SG_YAML_READ_H
#define SG_YAML_READ_H

#include "diag.h"
#include "value.h"

#define SG_YAML_MAX_DEPTH 64
#define SG_YAML_MAX_NODES 200000

/* Parses one document. `first_line` is the file line where `data`
 * starts (1 for a whole file), so marks point into the real file.
 * Returns 0 and sets *out (a null value for an empty document), or -1
 * after reporting to `d`. */
int sg_yaml_parse(sg_arena *a, const char *file, const char *data,
                  size_t len, unsigned first_line, sg_value **out,
                  sg_diags *d);

#endif
