/* view_frameworks.h - the frameworks of 000, 002 and 003 (issue #18):
 * clusterpreneurs, the self-assessment triangle and cluster alliances.
 *
 * The case view's parts that cases.json and cases.csv carry
 * (`initiators`, `alliances`, `assessment`, and `frameworks` for the CSV
 * cells), what a case page shows of them, and the three comparison
 * pages. Words and rules come from the vocabulary's `frameworks18`.
 * Private to the view files (uses view_util.h's sg_site_ctx).
 */
#ifndef SG_VIEW_FRAMEWORKS_H
#define SG_VIEW_FRAMEWORKS_H

#include "view_util.h"

/* sg_lazy_fn parts of a case view; `entry` is the sg_case_entry. */
sg_value *sg_view_fw_initiators(sg_arena *a, const void *entry);
sg_value *sg_view_fw_alliances(sg_arena *a, const void *entry);
sg_value *sg_view_fw_assessment(sg_arena *a, const void *entry);
sg_value *sg_view_fw_summary(sg_arena *a, const void *entry);

/* What the case page shows: `initiators` (null when none recorded) and
 * `assessment` (null when no answer), the triangle's geometry included. */
sg_value *sg_view_fw_detail(sg_arena *a, const sg_case_entry *e);

/* The three comparison pages' data: clusterpreneurs, assessment,
 * alliances. */
sg_value *sg_view_frameworks(const sg_site_ctx *c);

#endif
