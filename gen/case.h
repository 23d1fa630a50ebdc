/* case.h - one case study, as read and checked from cases/<slug>.md.
 *
 * The typed record that the classifier and the site work from. Strings
 * live in the build's arena; the YAML tree it was checked from does not
 * outlive the check. Optional numbers carry a `has_` flag;
 * vocabulary references are indexes into sg_vocab (-1: not given), of
 * the sg_vocab list named beside them.
 */
#ifndef SG_CASE_H
#define SG_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "vocab.h"

/* A count written with the precision the source gives: 40, "about 40",
 * "more than 100", "15-20". lo..hi is what it claims (lo == hi for one
 * number; hi is HUGE_VAL for "more than N", lo 0 for "up to N"). */
typedef struct sg_count {
    double lo, hi;
    const char *text;      /* the phrase as written; NULL: a plain number */
    unsigned flags;        /* SG_COUNT_* below */
} sg_count;

#define SG_COUNT_GIVEN   1u
#define SG_COUNT_ABOUT   2u     /* about, some, around, approximately */
#define SG_COUNT_RANGE   4u     /* N-M */
#define SG_COUNT_OPEN_LO 8u     /* more than N: lo itself is not claimed */
#define SG_COUNT_OPEN_HI 16u    /* fewer than N: hi itself is not claimed */

/* Where a source supports a claim: a few of its words, and which entry
 * of the case's `sources` it is (an index into sg_case.sources, -1). */
typedef struct sg_evidence {
    const char *text;
    int source;
    sg_mark at;            /* where the claim is, for a missing evidence */
} sg_evidence;

typedef struct sg_activity {
    const char *name;
    sg_mark mark;
    int type;              /* activity type, -1 when none matched */
    const char *type_how;  /* how the name matched ("synonym ..."), or NULL */
    bool type_given;       /* the author wrote `type:` */
    int as;                /* -1 default, else index into activity_as */
    sg_mask connects;      /* actor types */
    sg_mask gaps;          /* explicit `gaps` */
    bool has_connects, has_gaps;
    const char *note;
    sg_evidence evidence;
    sg_count participants;
    int frequency;         /* SG_L_FREQUENCIES, -1 */
} sg_activity;

typedef struct sg_funding {
    const char *source;
    int type;              /* funding type, -1 when not given */
    bool has_amount, has_years, has_share;
    double amount, years, share;
    const char *currency;  /* ISO 4217; default: the vocabulary's base */
    int share_word;        /* SG_L_SHARES: a share in words, -1 */
    int flows_to;          /* SG_L_FLOWS, -1 */
    bool has_public, is_public;  /* `public:` given, and its value */
    int from, to;          /* the years the amount covers, 0: not given */
    sg_evidence evidence;  /* `evidence` and `cite` */
} sg_funding;

typedef struct sg_history {
    int year;
    const char *term;      /* as written */
    const sg_term *stage;
    const char *note;
} sg_history;

typedef struct sg_source {
    const char *title, *author, *url, *locator;
    int year;              /* 0: not given */
} sg_source;

typedef struct sg_initiator {
    const char *name;
    int type, sector, role;   /* SG_L_INITIATOR_TYPES, _SECTORS, _ROLES */
    int year;                 /* 0: not given */
} sg_initiator;

typedef struct sg_alliance {
    const char *partner;      /* a case's slug */
    sg_mark partner_mark;
    int level;                /* SG_L_ALLIANCE_LEVELS, -1 */
    const char *scope, *horizon, *linkages;
} sg_alliance;

/* A write-up's address as cmark-gfm reads it, and as its page links it. */
typedef struct sg_case_url {
    const char *from, *to;
} sg_case_url;

/* A file a write-up uses: where it is, and where it goes in the site. */
typedef struct sg_case_file {
    const char *src;       /* "cases/figures/park.png" */
    const char *dst;       /* "files/figures/park.png" */
} sg_case_file;

typedef struct sg_case {
    const char *file;      /* path as given on the command line */
    const char *slug, *title, *summary, *country, *region, *city, *sector;
    const char **countries, **tags, **owners, **authors;
    size_t ncountries, ntags, nowners, nauthors;
    int founded;           /* 0: not given */
    const char *organisation, *legal_form;
    int reach;
    int key_measure;             /* SG_L_MEASURES, -1 */
    bool has_actors, has_staff;  /* a plain number given */
    double actors, staff;
    sg_count actors_count, staff_count;   /* as written, phrases too */
    sg_mask actor_types;
    const char *stage_text;      /* the author's own term */
    const sg_term *stage;        /* NULL when not given */
    sg_evidence stage_evidence;
    int model;                   /* index into vocab models, -1 */
    sg_evidence model_evidence;
    int *traits;                 /* per vocab trait: -1, or which of its
                                  * two values (sg_trait.value) */
    int governance;              /* -1, or index into vocab governance */
    sg_funding *funding;   size_t nfunding;
    sg_activity *acts;     size_t nacts;
    int *obstacles;        size_t nobstacles;
    sg_history *history;   size_t nhistory;
    sg_source *sources;    size_t nsources;
    const char *date;            /* YYYY-MM-DD or NULL */
    bool draft;
    /* the text of `sector` and `region` is kept as written; these are
     * the entries of the vocabulary's lists they name, -1 */
    int sector_id, region_id;    /* SG_L_SECTORS, SG_L_REGIONS */
    bool has_location;
    double lat, lon;             /* decimal degrees */
    int influence, interconnectivity, maturity;   /* 003's ratings, -1 */
    const char **structures; size_t nstructures;
    bool has_structures;         /* given: an empty list is "none" */
    sg_initiator *initiators; size_t ninitiators;
    int formalised;              /* year, 0: not given */
    sg_alliance *alliances; size_t nalliances;
    const char *lang;            /* BCP 47 tag of the write-up, or NULL */
    const char **answers;        /* per vocabulary question: the text of
                                  * `assessment`, or NULL */
    size_t nanswers;             /* how many are given */
    const char *body;            /* Markdown after the front matter, or
                                  * NULL: read at body_offset in `file`
                                  * when needed (sg_case_body) */
    size_t body_len, body_offset;   /* the file ends with the body */
    unsigned long long body_hash;   /* of the body as checked, to know
                                     * the bytes read again are those */
    unsigned long long file_hash;   /* of the whole file: what its page is
                                     * made from (the build manifest) */
    unsigned long long head_hash;   /* of the front matter, fences and
                                     * all: with the vocabulary, what the
                                     * record and its classification are
                                     * made from (sg_view_case_key) */
    unsigned body_line;          /* file line where the body starts */
    bool *given;                 /* per vocabulary completeness key */
    sg_mark slug_mark;           /* where `slug:` was, for a clash */
    /* set by the write-up's check (writeup.h): the addresses its page
     * shows otherwise (a figure's copy, a case file's page), sorted by
     * `from`, and the files it uses, to copy into the site */
    const sg_case_url *urls; size_t nurls;
    const sg_case_file *files; size_t nfiles;
    /* also set by that check: the write-up links a place (#part) in
     * another case's page, which this page's own inputs do not decide */
    bool links_into;
    bool ok;                     /* read and checked without errors */
} sg_case;

#endif
