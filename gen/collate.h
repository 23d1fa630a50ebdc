/* collate.h - names in the order a reader expects.
 *
 * Byte order puts "Øresund IT" after "Triple Steelix" and every lower
 * case name after every capital; ICU's root collation (the Unicode
 * Collation Algorithm with CLDR's root order) sorts it with the O's.
 * ICU is the well-kept implementation of it, so gen uses it rather than
 * tables of its own. */
#ifndef SG_COLLATE_H
#define SG_COLLATE_H

#include "arena.h"

/* The sort key of UTF-8 string `s` (NULL counts as ""): an arena string
 * that compares with strcmp in collation order. Safe from any thread.
 * Should ICU be unable to open its root collator, the key is sg_fold's
 * form of `s`, so the order is still deterministic. */
const char *sg_collate_key(sg_arena *a, const char *s);

/* strcmp of the two strings' sort keys, for the odd comparison; sort
 * many names by keys made once instead. */
int sg_collate(sg_arena *a, const char *x, const char *y);

#endif
