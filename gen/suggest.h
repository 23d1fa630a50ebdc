/* suggest.h - "did you mean": edit distance and word normalisation. */
#ifndef SG_SUGGEST_H
#define SG_SUGGEST_H

#include <stddef.h>

#include "arena.h"

/* Levenshtein distance of two strings, ignoring ASCII case; gives up
 * and returns `max` + 1 once the distance must exceed `max`. */
size_t sg_edit_distance(const char *a, const char *b, size_t max);

/* The candidate nearest to `word` when it is close enough to be a likely
 * typo (distance at most a third of the word, at least 1), else NULL. */
const char *sg_nearest(const char *word, const char *const *cands, size_t n);

/* An activity name in comparable form: lower case, punctuation and stop
 * words dropped, hyphenated and spaced compounds joined, plurals and
 * -ing endings removed ("Small-scale co-operation projects" and
 * "small scale cooperation project" give the same key). `words` gets the
 * stemmed words separated by single spaces. Both are arena strings. */
void sg_normalise_name(sg_arena *a, const char *name, const char **key,
                       const char **words);

/* A name in the form lookups of controlled words compare ("Öresund
 * region", "oresund-region" and "ORESUND Region" all give "oresund
 * region"): ASCII lower case, Latin letters with diacritics spelt in
 * ASCII (U+00C0 to U+017F: "ø" -> "o", "ß" -> "ss"), every run of
 * punctuation and space one space, none at either end. Other characters
 * are kept. Arena string. */
const char *sg_fold(sg_arena *a, const char *name);
/* A Latin letter with a diacritic (U+00C0 to U+017F) in ASCII, lower
 * case ("é" -> "e", "ß" -> "ss"), or NULL for any other code point. */
const char *sg_latin_ascii(unsigned cp);

#endif
