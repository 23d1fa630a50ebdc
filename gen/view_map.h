/* view_map.h - the maps that pages show, as values for templates.
 *
 * The geometry (projection, fit, country outlines, where each marker
 * goes) is worked out here, through map.c; templates only print it.
 * Three maps: the home page's map of every located case, a locator on
 * each case page and one on each region page. docs/map.md says how they
 * are made and read; docs/templates.md lists the values.
 *
 * A map's value: width, height (the SVG viewBox), `countries` (the
 * outlines, SVG to print unescaped), `markers` (per case: x, y, stage,
 * stage_name, title, url, place; `moved` with px, py when the marker is
 * pushed off its place by others, and `anchors` for a cross-border
 * case's other countries), `legend` (per stage shown: key, name, count),
 * `unplaced` (cases with no location), counts and a label. Coordinates
 * are whole viewport units, so output is small and deterministic.
 */
#ifndef SG_VIEW_MAP_H
#define SG_VIEW_MAP_H

#include "view_util.h"

/* The home page's map of every case with a location. Null when no case
 * has one, or when the built-in base map cannot be read (a damaged
 * build: never in use). */
sg_value *sg_view_map_home(const sg_site_ctx *c);

/* A case page's locator: the case's place, and every one of its
 * countries highlighted. Null when the case has no location. */
sg_value *sg_view_map_case(sg_arena *a, const sg_case_entry *e);

/* A lazy locator of the located cases among `idx` (n of them, indexes
 * into `all`): a region page's map; null when none has a location. */
sg_value *sg_view_map_group(sg_arena *a, const sg_case_entry *all,
                            const size_t *idx, size_t n);

#endif
