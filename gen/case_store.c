/* case_store.c - the case cache written to a file and read back.
 *
 * The format is this binary's own (the store counts only for it):
 * a magic line, the stamp, the payload's length and checksum, then the
 * entries in path order. Numbers are varints (ints zigzagged), doubles
 * their 8 bytes, strings their length plus one (0: NULL) and their
 * bytes with the NUL, so that a loaded string is used in place. The
 * reader checks every length against what is left and every
 * vocabulary index against its list; one bad field drops the store.
 */
#include "case_store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "case_check.h"
#include "fs.h"
#include "manifest.h"

#define MAGIC "gen-case-store 1\n"
#define MAGIC_LEN (sizeof MAGIC - 1)
#define HEAD_LEN (MAGIC_LEN + 24)
/* a store bigger than this is not read (some ten times 100,000 cases) */
#define MAX_STORE ((size_t)1 << 30)

/* A field added to a record and not to W_case and R_case would be lost
 * on the way through the store: on the platform CI builds for, a new
 * field changes a size here and stops the build until it is added. */
#if defined(__x86_64__) && defined(__linux__)
_Static_assert(sizeof(sg_case) == 680 && sizeof(sg_activity) == 128 &&
               sizeof(sg_funding) == 96 && sizeof(sg_history) == 32 &&
               sizeof(sg_source) == 40 && sizeof(sg_initiator) == 24 &&
               sizeof(sg_alliance) == 48 && sizeof(sg_count) == 32 &&
               sizeof(sg_evidence) == 24 && sizeof(sg_diag) == 48,
               "a case record changed: write and read the change in "
               "case_store.c (W_case, R_case), then update these sizes");
#endif

char *sg_case_store_path(sg_arena *a, const char *out)
{
    return sg_printf(a, "%s/.%s.gen-cases", sg_dirname(a, out),
                     sg_basename(a, out, NULL));
}

/* What a store is valid for: this binary, and the vocabulary. */
static bool S_stamp(const sg_vocab *v, unsigned long long *stamp)
{
    struct stat st;
    if (stat("/proc/self/exe", &st) != 0)
        return false;
    sg_fp f = SG_FP_INIT;
    sg_fp_u64(&f, (unsigned long long)st.st_size);
    sg_fp_u64(&f, (unsigned long long)st.st_ctim.tv_sec);
    sg_fp_u64(&f, (unsigned long long)st.st_ctim.tv_nsec);
    sg_fp_u64(&f, (unsigned long long)st.st_ino);
    sg_arena tmp = SG_ARENA_INIT;
    sg_fp_value(&f, v->root, &tmp, NULL, NULL);
    sg_arena_free(&tmp);
    *stamp = sg_fp_done(&f);
    return true;
}

/* ---- writing ---- */

static void W_u(sg_buf *b, unsigned long long x)
{
    while (x >= 0x80) {
        sg_buf_putc(b, (char)(x | 0x80));
        x >>= 7;
    }
    sg_buf_putc(b, (char)x);
}

static void W_i(sg_buf *b, long long x)
{
    W_u(b, x < 0 ? ((unsigned long long)(-(x + 1)) << 1) | 1
                 : (unsigned long long)x << 1);
}

static void W_d(sg_buf *b, double x)
{
    sg_buf_put(b, (const char *)&x, sizeof x);
}

static void W_s(sg_buf *b, const char *s)
{
    if (!s) {
        W_u(b, 0);
        return;
    }
    size_t n = strlen(s);
    W_u(b, n + 1);
    sg_buf_put(b, s, n + 1);
}

static void W_mark(sg_buf *b, sg_mark m)
{
    W_u(b, m.line);
    W_u(b, m.col);
}

static void W_strs(sg_buf *b, const char *const *s, size_t n)
{
    W_u(b, n);
    for (size_t i = 0; i < n; i++)
        W_s(b, s[i]);
}

static void W_count(sg_buf *b, const sg_count *c)
{
    W_d(b, c->lo);
    W_d(b, c->hi);
    W_s(b, c->text);
    W_u(b, c->flags);
}

static void W_ev(sg_buf *b, const sg_evidence *e)
{
    W_s(b, e->text);
    W_i(b, e->source);
    W_mark(b, e->at);
}

static void W_term(sg_buf *b, const sg_vocab *v, const sg_term *t)
{
    W_i(b, t ? (long long)(t - v->terms) : -1);
}

static void W_case(sg_buf *b, const sg_vocab *v, const sg_case *c)
{
    W_s(b, c->file);
    W_s(b, c->slug);
    W_s(b, c->title);
    W_s(b, c->summary);
    W_s(b, c->country);
    W_s(b, c->region);
    W_s(b, c->city);
    W_s(b, c->sector);
    W_strs(b, c->countries, c->ncountries);
    W_strs(b, c->tags, c->ntags);
    W_strs(b, c->owners, c->nowners);
    W_strs(b, c->authors, c->nauthors);
    W_i(b, c->founded);
    W_s(b, c->organisation);
    W_s(b, c->legal_form);
    W_i(b, c->reach);
    W_i(b, c->key_measure);
    W_u(b, c->has_actors);
    W_u(b, c->has_staff);
    W_d(b, c->actors);
    W_d(b, c->staff);
    W_count(b, &c->actors_count);
    W_count(b, &c->staff_count);
    W_u(b, c->actor_types);
    W_s(b, c->stage_text);
    W_term(b, v, c->stage);
    W_ev(b, &c->stage_evidence);
    W_i(b, c->model);
    W_ev(b, &c->model_evidence);
    W_u(b, c->traits != NULL);
    for (size_t i = 0; c->traits && i < v->ntraits; i++)
        W_i(b, c->traits[i]);
    W_i(b, c->governance);
    W_u(b, c->nfunding);
    for (size_t i = 0; i < c->nfunding; i++) {
        const sg_funding *f = &c->funding[i];
        W_s(b, f->source);
        W_i(b, f->type);
        W_u(b, (unsigned)f->has_amount | (unsigned)f->has_years << 1 |
               (unsigned)f->has_share << 2 | (unsigned)f->has_public << 3 |
               (unsigned)f->is_public << 4);
        W_d(b, f->amount);
        W_d(b, f->years);
        W_d(b, f->share);
        W_s(b, f->currency);
        W_i(b, f->share_word);
        W_i(b, f->flows_to);
        W_i(b, f->from);
        W_i(b, f->to);
        W_ev(b, &f->evidence);
    }
    W_u(b, c->nacts);
    for (size_t i = 0; i < c->nacts; i++) {
        const sg_activity *t = &c->acts[i];
        W_s(b, t->name);
        W_mark(b, t->mark);
        W_i(b, t->type);
        W_s(b, t->type_how);
        W_u(b, (unsigned)t->type_given | (unsigned)t->has_connects << 1 |
               (unsigned)t->has_gaps << 2);
        W_i(b, t->as);
        W_u(b, t->connects);
        W_u(b, t->gaps);
        W_s(b, t->note);
        W_ev(b, &t->evidence);
        W_count(b, &t->participants);
        W_i(b, t->frequency);
    }
    W_u(b, c->nobstacles);
    for (size_t i = 0; i < c->nobstacles; i++)
        W_i(b, c->obstacles[i]);
    W_u(b, c->nhistory);
    for (size_t i = 0; i < c->nhistory; i++) {
        W_i(b, c->history[i].year);
        W_s(b, c->history[i].term);
        W_term(b, v, c->history[i].stage);
        W_s(b, c->history[i].note);
    }
    W_u(b, c->nsources);
    for (size_t i = 0; i < c->nsources; i++) {
        const sg_source *s = &c->sources[i];
        W_s(b, s->title);
        W_s(b, s->author);
        W_s(b, s->url);
        W_s(b, s->locator);
        W_i(b, s->year);
    }
    W_s(b, c->date);
    W_u(b, c->draft);
    W_i(b, c->sector_id);
    W_i(b, c->region_id);
    W_u(b, c->has_location);
    W_d(b, c->lat);
    W_d(b, c->lon);
    W_i(b, c->influence);
    W_i(b, c->interconnectivity);
    W_i(b, c->maturity);
    W_strs(b, c->structures, c->nstructures);
    W_u(b, c->has_structures);
    W_u(b, c->ninitiators);
    for (size_t i = 0; i < c->ninitiators; i++) {
        const sg_initiator *n = &c->initiators[i];
        W_s(b, n->name);
        W_i(b, n->type);
        W_i(b, n->sector);
        W_i(b, n->role);
        W_i(b, n->year);
    }
    W_i(b, c->formalised);
    W_u(b, c->nalliances);
    for (size_t i = 0; i < c->nalliances; i++) {
        const sg_alliance *l = &c->alliances[i];
        W_s(b, l->partner);
        W_mark(b, l->partner_mark);
        W_i(b, l->level);
        W_s(b, l->scope);
        W_s(b, l->horizon);
        W_s(b, l->linkages);
    }
    W_s(b, c->lang);
    W_u(b, c->answers != NULL);
    for (size_t i = 0; c->answers && i < v->nquestions; i++)
        W_s(b, c->answers[i]);
    W_u(b, c->nanswers);
    W_s(b, c->body);
    W_u(b, c->body_len);
    W_u(b, c->body_offset);
    W_u(b, c->body_hash);
    W_u(b, c->file_hash);
    W_u(b, c->head_hash);
    W_u(b, c->body_line);
    W_u(b, c->given != NULL);
    for (size_t i = 0; c->given && i < v->ncompleteness; i++)
        W_u(b, c->given[i]);
    W_mark(b, c->slug_mark);
    /* not the write-up's addresses and files, nor `ok`: a build sets
     * those (writeup.h, a slug's clash); they follow from the record
     * and what reading it said */
}

static void W_diags(sg_buf *b, const sg_diag *d, size_t n)
{
    W_u(b, n);
    for (size_t i = 0; i < n; i++) {
        W_i(b, d[i].sev);
        W_s(b, d[i].file);
        W_u(b, d[i].line);
        W_u(b, d[i].col);
        W_s(b, d[i].msg);
        W_s(b, d[i].hint);
    }
}

/* The payload goes out, and into the checksum, in pieces of CHUNK bytes
 * (the last one shorter): a store of 100,000 cases is never one buffer,
 * and the reader sums it in the same pieces. */
#define CHUNK ((size_t)1 << 20)

static unsigned long long S_sum(const unsigned char *p, size_t len)
{
    sg_fp f = SG_FP_INIT;
    for (size_t at = 0; at < len; at += CHUNK)
        sg_fp_bytes(&f, p + at, len - at < CHUNK ? len - at : CHUNK);
    return sg_fp_done(&f);
}

/* Writes out whole pieces of `b` (all of it when `last`), summing them. */
static int S_drain(int fd, sg_buf *b, sg_fp *f, unsigned long long *len,
                   bool last)
{
    size_t at = 0;
    while (b->len - at >= CHUNK || (last && at < b->len)) {
        size_t n = b->len - at < CHUNK ? b->len - at : CHUNK;
        sg_fp_bytes(f, b->ptr + at, n);
        if (sg_write_all(fd, b->ptr + at, n) != 0)
            return -1;
        at += n;
        *len += n;
    }
    memmove(b->ptr, b->ptr + at, b->len - at);
    sg_buf_truncate(b, b->len - at);
    return 0;
}

int sg_case_store_save(const sg_case_cache *cc, const char *path)
{
    unsigned long long stamp;
    sg_file_out fo;
    if (!cc->has_vocab || !S_stamp(&cc->v, &stamp) ||
        sg_file_out_open(&fo, path) != 0)
        return -1;
    int fd = fo.fd;
    sg_buf b = SG_BUF_INIT;
    sg_fp f = SG_FP_INIT;
    unsigned long long len = 0;
    char head[HEAD_LEN] = {0};
    int rc = sg_write_all(fd, head, HEAD_LEN);  /* filled in at the end */
    W_u(&b, cc->n);
    for (size_t i = 0; i < cc->n && rc == 0; i++) {
        const sg_cc_entry *e = &cc->entries[i];
        W_u(&b, e->id.size);
        W_u(&b, e->id.mtime);
        W_u(&b, e->id.ctime);
        W_u(&b, e->id.ino);
        W_u(&b, e->id.dev);
        W_case(&b, &cc->v, e->c);
        W_diags(&b, e->said, e->nsaid);
        W_u(&b, e->wu_known);
        W_diags(&b, e->wu_said, e->nwu);
        rc = S_drain(fd, &b, &f, &len, false);
    }
    if (rc == 0)
        rc = S_drain(fd, &b, &f, &len, true);
    sg_buf_free(&b);
    unsigned long long sum = sg_fp_done(&f);
    memcpy(head, MAGIC, MAGIC_LEN);
    memcpy(head + MAGIC_LEN, &stamp, 8);
    memcpy(head + MAGIC_LEN + 8, &len, 8);
    memcpy(head + MAGIC_LEN + 16, &sum, 8);
    if (rc == 0 && pwrite(fd, head, HEAD_LEN, 0) != (ssize_t)HEAD_LEN)
        rc = -1;
    return sg_file_out_close(&fo, rc == 0);
}

/* ---- reading ---- */

typedef struct reader {
    const unsigned char *p, *end;
    bool bad;
    sg_arena *a;
    const sg_vocab *v;
} reader;

static unsigned long long R_u(reader *r)
{
    unsigned long long x = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end)
            break;
        unsigned char c = *r->p++;
        x |= (unsigned long long)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return x;
    }
    r->bad = true;
    return 0;
}

static long long R_i(reader *r)
{
    unsigned long long z = R_u(r);
    return z & 1 ? -(long long)(z >> 1) - 1 : (long long)(z >> 1);
}

/* An int that must lie in [lo, hi). */
static int R_int(reader *r, long long lo, long long hi)
{
    long long x = R_i(r);
    if (x < lo || x >= hi) {
        r->bad = true;
        return lo;
    }
    return (int)x;
}

/* An index into a vocabulary list of `n`, or -1. */
static int R_idx(reader *r, size_t n)
{
    return R_int(r, -1, (long long)n);
}

static unsigned R_uint(reader *r)
{
    unsigned long long x = R_u(r);
    if (x > UINT_MAX)
        r->bad = true;
    return (unsigned)x;
}

static bool R_b(reader *r)
{
    unsigned long long x = R_u(r);
    if (x > 1)
        r->bad = true;
    return x == 1;
}

static double R_d(reader *r)
{
    double x = 0;
    if ((size_t)(r->end - r->p) < sizeof x) {
        r->bad = true;
        return 0;
    }
    memcpy(&x, r->p, sizeof x);
    r->p += sizeof x;
    return x;
}

static const char *R_s(reader *r)
{
    unsigned long long n = R_u(r);
    if (!n)
        return NULL;
    if (r->bad || n > (unsigned long long)(r->end - r->p) ||
        r->p[n - 1] != '\0') {
        r->bad = true;
        return NULL;
    }
    const char *s = (const char *)r->p;
    r->p += n;
    return s;
}

static sg_mark R_mark(reader *r)
{
    sg_mark m;
    m.line = R_uint(r);
    m.col = R_uint(r);
    return m;
}

/* A count of items, each taking at least `min` bytes of what is left,
 * and room for them: memory stays within a few times the store's size. */
static void *R_array(reader *r, size_t *n, size_t size, size_t min)
{
    unsigned long long k = R_u(r);
    if (r->bad || k > (unsigned long long)(r->end - r->p) / min) {
        r->bad = true;
        *n = 0;
        return NULL;
    }
    *n = (size_t)k;
    return k ? sg_alloc(r->a, (size_t)k * size) : NULL;
}

static const char **R_strs(reader *r, size_t *n)
{
    const char **s = R_array(r, n, sizeof *s, 1);
    for (size_t i = 0; i < *n && !r->bad; i++)
        s[i] = R_s(r);
    return s;
}

static sg_mask R_mask(reader *r, size_t n)
{
    unsigned long long m = R_u(r);
    if (n < 32 && m >> n)
        r->bad = true;
    return (sg_mask)m;
}

static void R_count(reader *r, sg_count *c)
{
    c->lo = R_d(r);
    c->hi = R_d(r);
    c->text = R_s(r);
    c->flags = R_uint(r);
}

static void R_ev(reader *r, sg_evidence *e, size_t nsources)
{
    e->text = R_s(r);
    e->source = R_idx(r, nsources);
    e->at = R_mark(r);
}

static const sg_term *R_term(reader *r)
{
    int t = R_idx(r, r->v->nterms);
    return t < 0 || r->bad ? NULL : &r->v->terms[t];
}

static size_t S_list(const sg_vocab *v, sg_list_id id)
{
    return v->lists[id].n;
}

static void R_case(reader *r, sg_case *c)
{
    const sg_vocab *v = r->v;
    memset(c, 0, sizeof *c);
    c->file = R_s(r);
    c->slug = R_s(r);
    c->title = R_s(r);
    c->summary = R_s(r);
    c->country = R_s(r);
    c->region = R_s(r);
    c->city = R_s(r);
    c->sector = R_s(r);
    c->countries = R_strs(r, &c->ncountries);
    c->tags = R_strs(r, &c->ntags);
    c->owners = R_strs(r, &c->nowners);
    c->authors = R_strs(r, &c->nauthors);
    c->founded = R_int(r, INT_MIN, INT_MAX);
    c->organisation = R_s(r);
    c->legal_form = R_s(r);
    c->reach = R_idx(r, v->nreach);
    c->key_measure = R_idx(r, S_list(v, SG_L_MEASURES));
    c->has_actors = R_b(r);
    c->has_staff = R_b(r);
    c->actors = R_d(r);
    c->staff = R_d(r);
    R_count(r, &c->actors_count);
    R_count(r, &c->staff_count);
    c->actor_types = R_mask(r, v->nactors);
    c->stage_text = R_s(r);
    c->stage = R_term(r);
    /* the sources come later: their count bounds the evidence's index */
    const char *st_text = R_s(r);
    long long st_source = R_i(r);
    sg_mark st_at = R_mark(r);
    c->model = R_idx(r, v->nmodels);
    const char *md_text = R_s(r);
    long long md_source = R_i(r);
    sg_mark md_at = R_mark(r);
    if (R_b(r)) {
        c->traits = sg_alloc(r->a, (v->ntraits + 1) * sizeof *c->traits);
        for (size_t i = 0; i < v->ntraits; i++)
            c->traits[i] = R_int(r, -1, 2);
    }
    c->governance = R_idx(r, v->ngovernance);
    /* evidence of funding and activities names a source too: checked
     * once the sources are read */
    c->funding = R_array(r, &c->nfunding, sizeof *c->funding, 32);
    for (size_t i = 0; i < c->nfunding && !r->bad; i++) {
        sg_funding *f = &c->funding[i];
        f->source = R_s(r);
        f->type = R_idx(r, v->nfunding);
        unsigned fl = R_uint(r);
        f->has_amount = fl & 1;
        f->has_years = fl >> 1 & 1;
        f->has_share = fl >> 2 & 1;
        f->has_public = fl >> 3 & 1;
        f->is_public = fl >> 4 & 1;
        f->amount = R_d(r);
        f->years = R_d(r);
        f->share = R_d(r);
        f->currency = R_s(r);
        f->share_word = R_idx(r, S_list(v, SG_L_SHARES));
        f->flows_to = R_idx(r, S_list(v, SG_L_FLOWS));
        f->from = R_int(r, INT_MIN, INT_MAX);
        f->to = R_int(r, INT_MIN, INT_MAX);
        R_ev(r, &f->evidence, INT_MAX);
    }
    c->acts = R_array(r, &c->nacts, sizeof *c->acts, 32);
    for (size_t i = 0; i < c->nacts && !r->bad; i++) {
        sg_activity *t = &c->acts[i];
        t->name = R_s(r);
        t->mark = R_mark(r);
        t->type = R_idx(r, v->nacts);
        t->type_how = R_s(r);
        unsigned fl = R_uint(r);
        t->type_given = fl & 1;
        t->has_connects = fl >> 1 & 1;
        t->has_gaps = fl >> 2 & 1;
        t->as = R_idx(r, v->nactivity_as);
        t->connects = R_mask(r, v->nactors);
        t->gaps = R_mask(r, v->ngaps);
        t->note = R_s(r);
        R_ev(r, &t->evidence, INT_MAX);
        R_count(r, &t->participants);
        t->frequency = R_idx(r, S_list(v, SG_L_FREQUENCIES));
    }
    c->obstacles = R_array(r, &c->nobstacles, sizeof *c->obstacles, 1);
    for (size_t i = 0; i < c->nobstacles && !r->bad; i++)
        c->obstacles[i] = R_int(r, 0, (long long)v->nobstacles);
    c->history = R_array(r, &c->nhistory, sizeof *c->history, 4);
    for (size_t i = 0; i < c->nhistory && !r->bad; i++) {
        c->history[i].year = R_int(r, INT_MIN, INT_MAX);
        c->history[i].term = R_s(r);
        c->history[i].stage = R_term(r);
        c->history[i].note = R_s(r);
    }
    c->sources = R_array(r, &c->nsources, sizeof *c->sources, 5);
    for (size_t i = 0; i < c->nsources && !r->bad; i++) {
        sg_source *s = &c->sources[i];
        s->title = R_s(r);
        s->author = R_s(r);
        s->url = R_s(r);
        s->locator = R_s(r);
        s->year = R_int(r, INT_MIN, INT_MAX);
    }
    /* every evidence names one of the sources, or none */
    long long ns = (long long)c->nsources;
    if (st_source < -1 || st_source >= ns || md_source < -1 || md_source >= ns)
        r->bad = true;
    c->stage_evidence = (sg_evidence){ st_text, (int)st_source, st_at };
    c->model_evidence = (sg_evidence){ md_text, (int)md_source, md_at };
    for (size_t i = 0; i < c->nfunding && !r->bad; i++)
        if (c->funding[i].evidence.source >= ns)
            r->bad = true;
    for (size_t i = 0; i < c->nacts && !r->bad; i++)
        if (c->acts[i].evidence.source >= ns)
            r->bad = true;
    c->date = R_s(r);
    c->draft = R_b(r);
    c->sector_id = R_idx(r, S_list(v, SG_L_SECTORS));
    c->region_id = R_idx(r, S_list(v, SG_L_REGIONS));
    c->has_location = R_b(r);
    c->lat = R_d(r);
    c->lon = R_d(r);
    c->influence = R_idx(r, S_list(v, SG_L_INFLUENCE));
    c->interconnectivity = R_idx(r, S_list(v, SG_L_INTERCONNECTIVITY));
    c->maturity = R_idx(r, S_list(v, SG_L_MATURITY));
    c->structures = R_strs(r, &c->nstructures);
    c->has_structures = R_b(r);
    c->initiators = R_array(r, &c->ninitiators, sizeof *c->initiators, 5);
    for (size_t i = 0; i < c->ninitiators && !r->bad; i++) {
        sg_initiator *n = &c->initiators[i];
        n->name = R_s(r);
        n->type = R_idx(r, S_list(v, SG_L_INITIATOR_TYPES));
        n->sector = R_idx(r, S_list(v, SG_L_INITIATOR_SECTORS));
        n->role = R_idx(r, S_list(v, SG_L_INITIATOR_ROLES));
        n->year = R_int(r, INT_MIN, INT_MAX);
    }
    c->formalised = R_int(r, INT_MIN, INT_MAX);
    c->alliances = R_array(r, &c->nalliances, sizeof *c->alliances, 7);
    for (size_t i = 0; i < c->nalliances && !r->bad; i++) {
        sg_alliance *l = &c->alliances[i];
        l->partner = R_s(r);
        l->partner_mark = R_mark(r);
        l->level = R_idx(r, S_list(v, SG_L_ALLIANCE_LEVELS));
        l->scope = R_s(r);
        l->horizon = R_s(r);
        l->linkages = R_s(r);
    }
    c->lang = R_s(r);
    if (R_b(r)) {
        c->answers = sg_alloc(r->a, (v->nquestions + 1) * sizeof *c->answers);
        for (size_t i = 0; i < v->nquestions; i++)
            c->answers[i] = R_s(r);
    }
    c->nanswers = (size_t)R_u(r);
    c->body = R_s(r);
    c->body_len = (size_t)R_u(r);
    c->body_offset = (size_t)R_u(r);
    c->body_hash = R_u(r);
    c->file_hash = R_u(r);
    c->head_hash = R_u(r);
    c->body_line = R_uint(r);
    if (R_b(r)) {
        c->given = sg_alloc(r->a, v->ncompleteness + 1);
        for (size_t i = 0; i < v->ncompleteness; i++)
            c->given[i] = R_b(r);
    }
    c->slug_mark = R_mark(r);
    /* what every record has, whatever the file said */
    if (!c->file || !c->slug || c->nanswers > v->nquestions)
        r->bad = true;
}

static sg_diag *R_diags(reader *r, size_t *n)
{
    sg_diag *d = R_array(r, n, sizeof *d, 6);
    for (size_t i = 0; i < *n && !r->bad; i++) {
        d[i].sev = (sg_severity)R_int(r, SG_NOTE, SG_ERROR + 1);
        d[i].file = R_s(r);
        d[i].line = R_uint(r);
        d[i].col = R_uint(r);
        d[i].msg = R_s(r);
        d[i].hint = R_s(r);
        if (!d[i].msg)
            r->bad = true;
    }
    return d;
}

/* The whole file into `a`, when it is no bigger than MAX_STORE. */
static unsigned char *S_slurp(sg_arena *a, const char *path, size_t *len)
{
    /* O_NONBLOCK: a FIFO put in its place must not hang the build */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    unsigned char *data = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        (unsigned long long)st.st_size >= HEAD_LEN &&
        (unsigned long long)st.st_size <= MAX_STORE) {
        size_t n = (size_t)st.st_size, got = 0;
        data = sg_alloc_uninit(a, n);
        while (got < n) {
            ssize_t k = read(fd, data + got, n - got);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break;
            got += (size_t)k;
        }
        if (got != n)
            data = NULL;
        *len = n;
    }
    close(fd);
    return data;
}

static bool S_load(sg_case_cache *cc, const char *path, sg_arena *a,
                   sg_cc_entry **out, size_t *nout)
{
    unsigned long long stamp, want_stamp, len, sum;
    size_t size = 0;
    unsigned char *data = S_slurp(a, path, &size);
    if (!data || memcmp(data, MAGIC, MAGIC_LEN) != 0 ||
        !S_stamp(&cc->v, &want_stamp))
        return false;
    memcpy(&stamp, data + MAGIC_LEN, 8);
    memcpy(&len, data + MAGIC_LEN + 8, 8);
    memcpy(&sum, data + MAGIC_LEN + 16, 8);
    if (stamp != want_stamp || len != size - HEAD_LEN)
        return false;
    return S_sum(data + HEAD_LEN, (size_t)len) == sum &&
           sg_case_store_decode(&cc->v, a, data + HEAD_LEN, (size_t)len,
                                out, nout);
}

bool sg_case_store_decode(const sg_vocab *v, sg_arena *a,
                          const unsigned char *data, size_t len,
                          sg_cc_entry **out, size_t *nout)
{
    reader r = { data, data + len, false, a, v };
    size_t n;
    sg_cc_entry *e = R_array(&r, &n, sizeof *e, 128);
    for (size_t i = 0; i < n && !r.bad; i++) {
        e[i].id.size = R_u(&r);
        e[i].id.mtime = R_u(&r);
        e[i].id.ctime = R_u(&r);
        e[i].id.ino = R_u(&r);
        e[i].id.dev = R_u(&r);
        sg_case *c = sg_alloc(a, sizeof *c);
        R_case(&r, c);
        e[i].c = c;
        e[i].path = c->file;
        e[i].said = R_diags(&r, &e[i].nsaid);
        /* read without errors: then the check gave it all it has */
        c->ok = true;
        for (size_t k = 0; k < e[i].nsaid; k++)
            c->ok &= e[i].said[k].sev != SG_ERROR;
        /* and a slug the check let through: pages' paths are made of it */
        if (c->ok && (!c->traits || !c->given || !sg_slug_ok(c->slug)))
            r.bad = true;
        e[i].wu_known = R_b(&r);
        e[i].wu_said = R_diags(&r, &e[i].nwu);
        /* in path order, one each: the cache looks them up by halves */
        if (!r.bad && i && strcmp(e[i - 1].path, e[i].path) >= 0)
            r.bad = true;
    }
    if (r.bad || r.p != r.end)
        return false;
    *out = e;
    *nout = n;
    return true;
}

bool sg_case_store_load(sg_case_cache *cc, const char *path)
{
    if (!cc->has_vocab || cc->n)
        return false;
    sg_arena a = SG_ARENA_INIT;
    sg_cc_entry *e = NULL;
    size_t n = 0;
    if (!S_load(cc, path, &a, &e, &n) || !n) {
        sg_arena_free(&a);
        return false;
    }
    /* the entries live in malloc'd memory, as the cache's own do */
    sg_cc_entry *copy = malloc(n * sizeof *copy);
    if (!copy) {
        sg_arena_free(&a);
        return false;
    }
    memcpy(copy, e, n * sizeof *copy);
    sg_arena_adopt(&cc->arena, &a);
    free(cc->entries);
    cc->entries = copy;
    cc->n = n;
    cc->fresh = cc->arena.total;
    return true;
}
