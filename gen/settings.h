/* settings.h - the site's settings: site.yaml beside the cases folder.
 *
 * One table of keys (sg_setting_keys) drives the check, `gen schema
 * --site` and the docs; the words (a doc line and an example per key)
 * are in the vocabulary's `site_keys`. The file is checked like a case:
 * a wrong type is an error at file:line:col, an unknown key a warning
 * naming the nearest known one. Flags of `gen build` override it.
 */
#ifndef SG_SETTINGS_H
#define SG_SETTINGS_H

#include <stddef.h>

#include "diag.h"
#include "vocab.h"

#define SG_SETTINGS_FILE "site.yaml"

typedef enum sg_setting_type {
    SG_ST_TEXT,       /* a line of text */
    SG_ST_URL,        /* an absolute http(s) URL; ends in '/' once read */
    SG_ST_LANG,       /* a BCP 47 language tag */
    SG_ST_LOGO        /* an http(s) URL, or "static/..." of the templates */
} sg_setting_type;

typedef struct sg_settings {
    const char *title, *base_url, *lang, *licence, *description, *logo,
               *footer;
    const char *file;          /* the file read, or NULL: none */
    sg_mark logo_at;           /* where `logo` was, for a missing file */
} sg_settings;

typedef struct sg_setting_key {
    const char *name;
    sg_setting_type type;
    size_t off;                /* in sg_settings */
} sg_setting_key;

/* The keys, in the order the docs list them; the last row has no name. */
extern const sg_setting_key sg_setting_keys[];

/* The settings file for a cases folder: site.yaml in the folder that
 * holds it ("cases" -> "site.yaml", "x/cases" -> "x/site.yaml"). */
const char *sg_settings_path(sg_arena *a, const char *cases);

/* Reads and checks `file` into *s (zeroed first). A file that does not
 * exist is no error when `optional`: *s stays empty. 0, or -1 after
 * errors in `d` (warnings for unknown keys do not fail). */
int sg_settings_read(sg_arena *a, const sg_vocab *v, const char *file,
                     bool optional, sg_settings *s, sg_diags *d);

/* A base URL with exactly one final '/', or NULL when it is not an
 * http(s) URL. Arena string. */
const char *sg_settings_base_url(sg_arena *a, const char *url);

/* The JSON Schema of site.yaml, from the table and the vocabulary. */
sg_value *sg_settings_schema(sg_arena *a, const sg_vocab *v);

#endif
