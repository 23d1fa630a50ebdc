/* case.h - one case study, as read and checked from cases/<slug>.md.
 *
 * The typed record that the classifier and the site work from. Strings
 * live in the build's arena; the YAML tree it was checked from does not
 * outlive the check. Optional numbers carry a `has_` flag;
 * vocabulary references are indexes into sg_vocab (-1: not given).
 */
#ifndef SG_CASE_H
#define SG_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "vocab.h"

typedef struct sg_activity {
    const char *name;
    sg_mark mark;
    int type;              /* activity type, -1 when none matched */
    const char *type_how;  /* how the name matched ("synonym ..."), or NULL */
    bool type_given;       /* the author wrote `type:` */
    int as;                /* -1 default, 0 project, 1 service */
    sg_mask connects;      /* actor types */
    sg_mask gaps;          /* explicit `gaps` */
    bool has_connects, has_gaps;
    const char *note;
} sg_activity;

typedef struct sg_funding {
    const char *source;
    int type;              /* funding type, -1 when not given */
    bool has_amount, has_years, has_share;
    double amount, years, share;
    const char *currency;  /* ISO 4217, "EUR" by default */
} sg_funding;

typedef struct sg_history {
    int year;
    const char *term;      /* as written */
    const sg_term *stage;
    const char *note;
} sg_history;

typedef struct sg_source {
    const char *title, *author, *url;
    int year;              /* 0: not given */
} sg_source;

typedef struct sg_case {
    const char *file;      /* path as given on the command line */
    const char *slug, *title, *summary, *country, *region, *city, *sector;
    const char **countries, **tags, **owners, **authors;
    size_t ncountries, ntags, nowners, nauthors;
    int founded;           /* 0: not given */
    const char *organisation, *legal_form;
    int reach;
    bool has_actors, has_staff;
    double actors, staff;
    sg_mask actor_types;
    const char *stage_text;      /* the author's own term */
    const sg_term *stage;        /* NULL when not given */
    int model;                   /* index into vocab models, -1 */
    int *traits;                 /* per vocab trait: -1, 0 membership, 1 partnership */
    int governance;              /* -1, or index into vocab governance */
    sg_funding *funding;   size_t nfunding;
    sg_activity *acts;     size_t nacts;
    int *obstacles;        size_t nobstacles;
    sg_history *history;   size_t nhistory;
    sg_source *sources;    size_t nsources;
    const char *date;            /* YYYY-MM-DD or NULL */
    bool draft;
    const char *body;            /* Markdown after the front matter, or
                                  * NULL: read at body_offset in `file`
                                  * when needed (sg_case_body) */
    size_t body_len, body_offset;   /* the file ends with the body */
    unsigned long long body_hash;   /* of the body as checked, to know
                                     * the bytes read again are those */
    unsigned body_line;          /* file line where the body starts */
    bool *given;                 /* per vocabulary completeness key */
    sg_mark slug_mark;           /* where `slug:` was, for a clash */
    bool ok;                     /* read and checked without errors */
} sg_case;

#endif
