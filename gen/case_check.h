/* case_check.h - the case format (CASE-FORMAT.md, version 1), checked.
 *
 * Turns a parsed front matter into the typed sg_case, reporting every
 * problem with the place of the offending value and, where it can, the
 * nearest valid word.
 */
#ifndef SG_CASE_CHECK_H
#define SG_CASE_CHECK_H

#include "case.h"

/* Bounds that keep a case's cost proportional to what it says. */
#define SG_MAX_ACTIVITIES 1000
#define SG_MAX_LIST_ITEMS 10000

/* Fills *c from `front`; c->file and c->slug default must be set.
 * Returns the number of errors reported. */
int sg_case_check(sg_arena *a, const sg_vocab *v, const sg_value *front,
                  sg_case *c, sg_diags *d);

/* The format's top-level keys, NULL-terminated. */
extern const char *const sg_case_keys[];

/* True when `s` is [a-z0-9][a-z0-9-]*. */
bool sg_slug_ok(const char *s);

#endif
