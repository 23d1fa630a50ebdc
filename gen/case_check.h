/* case_check.h - the case format (CASE-FORMAT.md, version 1), checked.
 *
 * Turns a parsed front matter into the typed sg_case, reporting every
 * problem with the place of the offending value and, where it can, the
 * nearest valid word.
 */
#ifndef SG_CASE_CHECK_H
#define SG_CASE_CHECK_H

#include "case_keys.h"

/* Bounds that keep a case's cost proportional to what it says. */
#define SG_MAX_ACTIVITIES 1000
#define SG_MAX_LIST_ITEMS 10000

/* Fills *c from `front`; c->file and c->slug default must be set. What
 * the case keeps goes into `a`, what only the check needs into `tmp`
 * (its names compared in normal form: 100,000 cases' worth of them).
 * Returns the number of errors reported. */
int sg_case_check(sg_arena *a, sg_arena *tmp, const sg_vocab *v,
                  const sg_value *front, sg_case *c, sg_diags *d);

/* True when `s` is [a-z0-9][a-z0-9-]*. */
bool sg_slug_ok(const char *s);
/* A slug made of `s` ("My Cluster" -> "my-cluster"), for hints. */
const char *sg_slugify(sg_arena *a, const char *s);

/* Checks each case's `alliances: partner` against the slugs of `cases`
 * (sorted by slug): a partner that is not among them and has no case
 * file next to the case naming it is an error. Returns their number. */
size_t sg_cases_check_partners(sg_case **cases, size_t n, sg_diags *d);

/* `gen check --require-evidence`: a warning at each activity, funding
 * item and declared stage or model of `c` that carries no `evidence`,
 * for a collection that must trace every claim to its source. */
void sg_case_require_evidence(sg_arena *a, const sg_case *c, sg_diags *d);

#endif
