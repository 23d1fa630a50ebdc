/* case_read.h - from a file to a checked case.
 *
 * Reads the bytes, checks they are UTF-8, splits the YAML front matter
 * (between two '---' lines) from the Markdown body, parses the front
 * matter and hands it to the checker. All problems of a file are
 * reported, each with its line and column.
 */
#ifndef SG_CASE_READ_H
#define SG_CASE_READ_H

#include "case.h"

/* Reads `path` into *c. Returns 0 when the case has no errors, else -1
 * (c->ok false); diagnostics go to `d` either way. */
int sg_case_read(sg_arena *a, const sg_vocab *v, const char *path,
                 sg_case *c, sg_diags *d);

/* The case's Markdown body: kept in memory by sg_case_parse, read back
 * from the file for cases read by sg_case_read (a large collection does
 * not hold every body for the whole build). Only the very bytes that
 * were checked are returned: if the file's size or the body's hash
 * differ from then, NULL after a diagnostic (the file changed during the
 * build), as when the file can no longer be read. Arena string. */
const char *sg_case_body(sg_arena *a, const sg_case *c, sg_diags *d);

/* The same from bytes already in memory (tests, fuzzing); the body is
 * copied into the arena. */
int sg_case_parse(sg_arena *a, const sg_vocab *v, const char *path,
                  const char *data, size_t len, sg_case *c, sg_diags *d);

/* Checks that every case has its own slug; reports both places. Sorts
 * `cases` by slug. Returns the number of clashes. */
size_t sg_cases_unique(sg_case **cases, size_t n, sg_diags *d);

/* The first invalid UTF-8 byte's place, or false when all is valid. */
bool sg_utf8_invalid(const char *s, size_t len, sg_mark *at);

#endif
