/* slug.h - names made safe for the site's folders and URLs.
 *
 * Names that differ only in case or punctuation ("ICT", "Ict") make one
 * folder; Latin letters are transliterated ("Énergie" -> "energie"), so
 * every folder name is ASCII and every browser and server agrees on it.
 */
#ifndef SG_SLUG_H
#define SG_SLUG_H

#include <stddef.h>

#include "arena.h"

/* A name as a folder name: "Life science" -> "life-science"; "other"
 * when nothing is left. Arena string. */
const char *sg_slug(sg_arena *a, const char *s);

/* The folder of each of `n` names (NULL: "other"): one per group of
 * names that sg_slug would fold together, distinct folders for distinct
 * groups even where their ASCII forms meet. An arena array of n. */
const char **sg_slug_groups(sg_arena *a, const char *const *names, size_t n);

#endif
