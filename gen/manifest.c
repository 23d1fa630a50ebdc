/* manifest.c - fingerprints of outputs and the build manifest. */
#include "manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs.h"
#include "publish.h"

/* ---- hashing ---- */

static unsigned long long S_mix(unsigned long long h, unsigned long long w)
{
    h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 29);
}

void sg_fp_bytes(sg_fp *f, const void *p, size_t len)
{
    const unsigned char *s = p;
    unsigned long long h = S_mix(f->h, len), w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        h = S_mix(h, w);
    }
    w = 0;
    memcpy(&w, s + i, len - i);
    h = (h ^ w) * 0x94d049bb133111ebull;
    f->h = h ^ (h >> 31);
}

void sg_fp_u64(sg_fp *f, unsigned long long x)
{
    f->h = S_mix(f->h * 0x94d049bb133111ebull, x);
}

void sg_fp_str(sg_fp *f, const char *s)
{
    if (!s)
        sg_fp_u64(f, 0x51ull);
    else
        sg_fp_bytes(f, s, strlen(s));
}

unsigned long long sg_fp_done(const sg_fp *f)
{
    unsigned long long h = f->h * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return h ? h : 1;
}

void sg_fp_value(sg_fp *f, const sg_value *v, sg_arena *scratch,
                 sg_fp_known_fn known, void *ctx)
{
    unsigned long long h;
    if (!v) {
        sg_fp_u64(f, 0xA0);
        return;
    }
    if (known && known(ctx, v, &h)) {
        sg_fp_u64(f, h);
        return;
    }
    if (v->type == SG_LAZY) {
        sg_arena_mark mark = sg_arena_save(scratch);
        sg_fp_value(f, sg_force(v, scratch), scratch, known, ctx);
        sg_arena_release(scratch, mark);
        return;
    }
    sg_fp_u64(f, 0xA1 + (unsigned)v->type);
    switch (v->type) {
    case SG_NULL:
        break;
    case SG_BOOL:
        sg_fp_u64(f, v->u.b);
        break;
    case SG_NUM:
        memcpy(&h, &v->u.num, sizeof h);
        sg_fp_u64(f, h);
        sg_fp_str(f, v->text);    /* a scalar may print as written */
        break;
    case SG_STR:
        sg_fp_bytes(f, v->u.str.s, v->u.str.len);
        break;
    case SG_LIST:
        sg_fp_u64(f, v->u.list.n);
        for (size_t i = 0; i < v->u.list.n; i++)
            sg_fp_value(f, v->u.list.items[i], scratch, known, ctx);
        break;
    case SG_MAP:
        sg_fp_u64(f, v->u.map.n);
        for (size_t i = 0; i < v->u.map.n; i++) {
            sg_fp_bytes(f, v->u.map.items[i].key, v->u.map.items[i].key_len);
            sg_fp_value(f, v->u.map.items[i].val, scratch, known, ctx);
        }
        break;
    case SG_LAZY:
        break;
    }
}

/* ---- the manifest ---- */

char *sg_manifest_path(sg_arena *a, const char *out)
{
    return sg_printf(a, "%s/.%s.gen-manifest", sg_dirname(a, out),
                     sg_basename(a, out, NULL));
}

static unsigned long long S_ns(struct timespec t)
{
    return (unsigned long long)t.tv_sec * 1000000000ull +
           (unsigned long long)t.tv_nsec;
}

/* The identity of the marker file of the site at `out`; false if none. */
static void S_add_input(sg_manifest *m, const sg_mf_input *in)
{
    if (m->nin == m->incap)
        m->in = sg_grow(m->a, m->in, &m->incap, 256, sizeof *m->in);
    m->in[m->nin++] = *in;
}

void sg_manifest_add(sg_manifest *m, const char *path,
                     unsigned long long fp)
{
    if (m->nout == m->outcap)
        m->out = sg_grow(m->a, m->out, &m->outcap, 256, sizeof *m->out);
    m->out[m->nout++] = (sg_mf_output){ path, fp, 0, 0, 0 };
}

void sg_manifest_add_kept(sg_manifest *m, const sg_mf_output *was)
{
    sg_manifest_add(m, was->path, was->fp);
    m->out[m->nout - 1] = *was;
}

static size_t S_path_hash(const char *p)
{
    sg_fp f = SG_FP_INIT;
    sg_fp_str(&f, p);
    return (size_t)sg_fp_done(&f);
}

void sg_manifest_index(sg_manifest *m)
{
    m->nslots = 16;
    while (m->nslots < 2 * m->nout + 1)
        m->nslots *= 2;
    m->slots = sg_alloc(m->a, m->nslots * sizeof *m->slots);
    memset(m->slots, 0, m->nslots * sizeof *m->slots);
    for (size_t i = 0; i < m->nout; i++) {
        size_t s = S_path_hash(m->out[i].path) & (m->nslots - 1);
        while (m->slots[s])
            s = (s + 1) & (m->nslots - 1);
        m->slots[s] = i + 1;
    }
}

const sg_mf_output *sg_manifest_find(sg_manifest *m, const char *path)
{
    if (!m->valid || !m->nslots)
        return NULL;
    size_t s = S_path_hash(path) & (m->nslots - 1);
    while (m->slots[s]) {
        const sg_mf_output *o = &m->out[m->slots[s] - 1];
        if (strcmp(o->path, path) == 0)
            return o;
        s = (s + 1) & (m->nslots - 1);
    }
    return NULL;
}

bool sg_manifest_inputs(sg_manifest *m, const char *const *paths, size_t n,
                        long long now)
{
    unsigned long long recent = now > 2
        ? (unsigned long long)(now - 2) * 1000000000ull : 0;
    if (m->incap - m->nin < n) {       /* room for them all at once */
        size_t cap = m->nin + n;
        sg_mf_input *in = sg_alloc_uninit(m->a, (cap + 1) * sizeof *in);
        if (m->nin)
            memcpy(in, m->in, m->nin * sizeof *in);
        m->in = in;
        m->incap = cap + 1;
    }
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0)
            return false;
        sg_mf_input in = { paths[i], (unsigned long long)st.st_size,
                           S_ns(st.st_mtim), (unsigned long long)st.st_ino,
                           S_ns(st.st_ctim), (unsigned long long)st.st_dev,
                           false };
        in.racy = in.mtime >= recent || in.ctime >= recent;
        S_add_input(m, &in);
    }
    return true;
}

bool sg_manifest_same_inputs(const sg_manifest *a, const sg_manifest *b)
{
    if (a->nin != b->nin || a->opts != b->opts)
        return false;
    for (size_t i = 0; i < a->nin; i++) {
        const sg_mf_input *x = &a->in[i], *y = &b->in[i];
        if (x->racy || y->racy || x->size != y->size ||
            x->mtime != y->mtime || x->ino != y->ino ||
            x->ctime != y->ctime || strcmp(x->path, y->path) != 0)
            return false;
    }
    return true;
}

/* Reads an unsigned number and one space; false at anything else. */
/* A number as S_put_num writes it (digits, lower-case hex, then a
 * space): into *x, moving *p past it; false on anything else. By hand:
 * a manifest holds some 200,000 numbers, and strtoull's locale and sign
 * handling cost a tenth of the read. */
static bool S_num(char **p, unsigned long long *x, int base)
{
    const char *s = *p;
    unsigned long long v = 0;
    unsigned long long lim = ~0ull / (unsigned)base;
    size_t n = 0;
    for (;; s++, n++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (base == 16 && *s >= 'a' && *s <= 'f')
            d = (unsigned)(*s - 'a' + 10);
        else
            break;
        if (v > lim || v * (unsigned)base > ~0ull - d)
            return false;
        v = v * (unsigned)base + d;
    }
    if (!n || *s != ' ')
        return false;
    *x = v;
    *p = (char *)s + 1;
    return true;
}

/* `x` in `base` (10 or 16, lower case), then `after`: what a manifest's
 * numbers are written with, without printf's cost for each. */
static void S_put_num(sg_buf *b, unsigned long long x, unsigned base,
                      char after)
{
    char t[24];
    size_t n = sizeof t;
    t[--n] = after;
    do {
        t[--n] = "0123456789abcdef"[x % base];
        x /= base;
    } while (x);
    sg_buf_put(b, t + n, sizeof t - n);
}

/* The hashes of the rows' record, saved with it: of the keys, and of
 * each row export's lengths (with the keys'). A damaged or edited record
 * may still have lengths that add up to their file while no longer
 * marking its rows, or a key that names another case's row. */
static unsigned long long S_keys_sum(const sg_manifest *m)
{
    sg_fp f = SG_FP_INIT;
    sg_fp_u64(&f, m->nrows);
    for (size_t i = 0; i < m->nrows; i++)
        sg_fp_u64(&f, m->row_key[i]);
    return sg_fp_done(&f);
}

static unsigned long long S_lens_sum(const sg_manifest *m, size_t x,
                                     unsigned long long keys)
{
    sg_fp f = SG_FP_INIT;
    sg_fp_u64(&f, keys);
    sg_fp_u64(&f, x);
    sg_fp_u64(&f, m->head_len[x]);
    for (size_t i = 0; i < m->nrows; i++)
        sg_fp_u64(&f, m->row_len[x * m->nrows + i]);
    return sg_fp_done(&f);
}

void sg_manifest_rows(sg_manifest *m, size_t nrowx, const size_t *heads,
                      const unsigned long long *keys, const size_t *lens,
                      size_t n)
{
    m->nrowx = nrowx;
    m->head_len = (size_t *)heads;
    m->row_key = (unsigned long long *)keys;
    m->row_len = (size_t *)lens;
    m->nrows = n;
}

/* A line's count and that many hex keys ("2 1f 3a "): into *keys and
 * *n; false when it is not that. */
static bool S_keys(sg_arena *a, char *p, unsigned long long **keys,
                   size_t *n)
{
    unsigned long long count;
    /* a line's numbers take two bytes each at least */
    if (!S_num(&p, &count, 10) || !count || count > strlen(p) / 2)
        return false;
    unsigned long long *k = sg_alloc(a, count * sizeof *k);
    for (size_t i = 0; i < count; i++)
        if (!S_num(&p, &k[i], 16))
            return false;
    if (*p)
        return false;
    *keys = k;
    *n = (size_t)count;
    return true;
}

/* A text field of a "diag" line: tab, newline and backslash escaped. */
static void S_field(sg_buf *b, const char *s)
{
    sg_buf_putc(b, '\t');
    if (!s) {
        sg_buf_puts(b, "\\0");
        return;
    }
    for (; *s; s++) {
        if (*s == '\\')
            sg_buf_puts(b, "\\\\");
        else if (*s == '\n')
            sg_buf_puts(b, "\\n");
        else if (*s == '\t')
            sg_buf_puts(b, "\\t");
        else
            sg_buf_putc(b, *s);
    }
}

/* The field at *p (after its tab), undone from S_field into `a`; NULL
 * for "\\0". *p is left at the next tab or the end. */
static char *S_unfield(sg_arena *a, char **p)
{
    if (**p != '\t')
        return NULL;
    char *r = ++*p;
    size_t n = strcspn(r, "\t");
    *p = r + n;
    if (n == 2 && r[0] == '\\' && r[1] == '0')
        return NULL;
    char *out = sg_alloc(a, n + 1), *w = out;
    for (size_t i = 0; i < n; i++) {
        if (r[i] == '\\' && i + 1 < n) {
            i++;
            *w++ = r[i] == 'n' ? '\n' : r[i] == 't' ? '\t' : r[i];
        } else {
            *w++ = r[i];
        }
    }
    *w = '\0';
    return out;
}

#define S_OUTPUTS "\nout "

/* `file` into `a`, NUL-terminated, in one copy (at 100,000 cases it is
 * tens of MB): whole, or without `outputs` only up to its first output
 * line (the lines after it are left unread). NULL when it cannot be
 * read, is empty or `limit` bytes or more, or does not end with its
 * "end" line. */
static char *S_slurp(sg_arena *a, const char *file, size_t limit,
                     bool outputs, size_t *len)
{
    /* O_NONBLOCK: a FIFO put in its place must not hang the build */
    int fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *text = NULL, tail[5];
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 5 &&
        (unsigned long long)st.st_size < limit &&
        pread(fd, tail, 5, st.st_size - 5) == 5 &&
        memcmp(tail, "\nend\n", 5) == 0) {
        size_t want = (size_t)st.st_size, got = 0;
        /* pages of it not read into are never touched */
        text = sg_alloc_uninit(a, want + 1);
        while (got < want) {
            size_t chunk = outputs ? want - got
                : (want - got < ((size_t)1 << 18) ? want - got
                                                   : (size_t)1 << 18);
            ssize_t n = read(fd, text + got, chunk);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            size_t from = got > 4 ? got - 4 : 0;   /* a line across reads */
            got += (size_t)n;
            if (!outputs) {
                text[got] = '\0';
                char *o = strstr(text + from, S_OUTPUTS);
                if (o) {
                    got = want = (size_t)(o - text) + 1;
                    break;
                }
            }
        }
        if (got == want) {
            text[got] = '\0';
            *len = got;
        } else {
            text = NULL;
        }
    }
    close(fd);
    return text;
}

void sg_manifest_load(sg_manifest *m, sg_arena *a, const char *file,
                      const char *out, bool outputs)
{
    memset(m, 0, sizeof *m);
    m->a = a;
    unsigned long long id[3];
    size_t len = 0;
    char *text = sg_publish_marker_id(out, id)
        ? S_slurp(a, file, (size_t)1 << 31, outputs, &len) : NULL;
    /* a NUL (a block lost in a crash) would end a line early, as the
     * parse looks for each line's end with strchr */
    if (!text || text[len - 1] != '\n' || memchr(text, '\0', len))
        return;
    /* its "end" line was seen by S_slurp: a build without its outputs
     * stops before them */
    bool ok = strncmp(text, "gen-manifest 2\n", 15) == 0, ended = !outputs;
    unsigned long long *sums = NULL;    /* the "rowsum" line's */
    size_t rows_cap = 0;                /* row exports room was made for */
    for (char *p = text + (ok ? 15 : 0), *nl; ok && *p; p = nl + 1) {
        nl = strchr(p, '\n');
        *nl = '\0';
        unsigned long long x[4];
        if (strncmp(p, "site ", 5) == 0) {
            p += 5;
            ok = S_num(&p, &x[0], 10) && S_num(&p, &x[1], 10) &&
                 S_num(&p, &x[2], 10);
            memcpy(m->site, x, sizeof m->site);
        } else if (strncmp(p, "opts ", 5) == 0) {
            p += 5;
            ok = S_num(&p, &m->opts, 16);
        } else if (strncmp(p, "counts ", 7) == 0) {
            p += 7;
            for (int i = 0; ok && i < 5; i++) {
                ok = S_num(&p, &x[0], 10);
                m->counts[i] = (size_t)x[0];
            }
            /* the inputs are the cases and a few more: room for them at
             * once (the text holds them, so the count is no risk) */
            if (ok && !m->in && m->counts[0] < len / 16) {
                m->incap = m->counts[0] + 256;
                m->in = sg_alloc_uninit(a, m->incap * sizeof *m->in);
            }
        } else if (strncmp(p, "in ", 3) == 0) {
            p += 3;
            sg_mf_input in = { .dev = 0 };
            ok = S_num(&p, &in.size, 10) && S_num(&p, &in.mtime, 10) &&
                 S_num(&p, &in.ino, 10) && S_num(&p, &in.ctime, 10);
            in.path = p;
            in.racy = !in.mtime;
            if (ok)
                S_add_input(m, &in);
        } else if (strncmp(p, "out ", 4) == 0) {
            p += 4;
            ok = S_num(&p, &x[0], 16) && S_num(&p, &x[1], 10) &&
                 S_num(&p, &x[2], 10) && S_num(&p, &x[3], 10);
            if (ok) {
                sg_manifest_add(m, p, x[0]);
                m->out[m->nout - 1].size = x[1];
                m->out[m->nout - 1].mtime = x[2];
                m->out[m->nout - 1].ino = x[3];
            }
        } else if (strncmp(p, "rowkeys ", 8) == 0) {
            if (!outputs)
                continue;
            p += 8;
            ok = !m->row_key && S_keys(a, p, &m->row_key, &m->nrows);
        } else if (strncmp(p, "memo ", 5) == 0) {
            p += 5;
            ok = !m->memo && S_keys(a, p, &m->memo, &m->nmemo) &&
                 m->nmemo % 2 == 0;
        } else if (strncmp(p, "rows ", 5) == 0) {
            if (!outputs)
                continue;
            p += 5;
            /* after the keys, before their hashes (one a row export) */
            ok = m->nrows && m->nrowx < 64 && !sums;
            if (!ok)
                break;
            if (m->nrowx == rows_cap) {
                /* doubled: an arena keeps what it outgrows, so room for
                 * one more line each time was the square of the lines */
                size_t cap = rows_cap ? 2 * rows_cap : 4;
                m->head_len = sg_realloc(a, m->head_len,
                                         m->nrowx * sizeof *m->head_len,
                                         cap * sizeof *m->head_len);
                m->row_len = sg_realloc(a, m->row_len,
                                        m->nrowx * m->nrows *
                                        sizeof *m->row_len,
                                        cap * m->nrows * sizeof *m->row_len);
                rows_cap = cap;
            }
            size_t *lens = m->row_len + m->nrowx * m->nrows;
            ok = S_num(&p, &x[0], 10);
            m->head_len[m->nrowx] = (size_t)x[0];
            for (size_t i = 0; ok && i < m->nrows; i++) {
                ok = S_num(&p, &x[0], 10);
                lens[i] = (size_t)x[0];
            }
            ok = ok && !*p;
            m->nrowx++;
        } else if (strncmp(p, "rowsum ", 7) == 0) {
            if (!outputs)
                continue;
            p += 7;
            /* the keys' hash, then one a row export */
            ok = !sums && m->nrowx;
            if (ok)
                sums = sg_alloc(a, (m->nrowx + 1) * sizeof *sums);
            for (size_t i = 0; ok && i <= m->nrowx; i++)
                ok = S_num(&p, &sums[i], 16);
            ok = ok && !*p;
        } else if (strncmp(p, "diag ", 5) == 0) {
            p += 5;
            ok = S_num(&p, &x[0], 10) && S_num(&p, &x[1], 10) &&
                 S_num(&p, &x[2], 10) && x[0] <= SG_ERROR;
            if (!ok)
                break;
            sg_diag dg = { .sev = (sg_severity)x[0], .line = (unsigned)x[1],
                           .col = (unsigned)x[2] };
            dg.file = S_unfield(a, &p);
            dg.msg = S_unfield(a, &p);
            dg.hint = S_unfield(a, &p);
            ok = dg.msg && !*p;
            if (m->nsaid == m->saidcap)
                m->said = sg_grow(a, m->said, &m->saidcap, 64,
                                  sizeof *m->said);
            m->said[m->nsaid++] = dg;
        } else if (strcmp(p, "end") == 0) {
            ended = true;
        } else {
            ok = false;
        }
    }
    if (!ok || !ended || memcmp(id, m->site, sizeof id) != 0) {
        memset(m, 0, sizeof *m);
        m->a = a;
        return;
    }
    /* rows whose record is not as saved are not copied (a row export's
     * head of SIZE_MAX lies outside any file); the rest stands */
    unsigned long long keys = m->nrows ? S_keys_sum(m) : 0;
    if (m->nrows && (!sums || sums[0] != keys))
        m->nrows = m->nrowx = 0;
    for (size_t x = 0; x < m->nrowx; x++)
        if (sums[x + 1] != S_lens_sum(m, x, keys))
            m->head_len[x] = (size_t)-1;
    m->valid = true;
    if (outputs)
        sg_manifest_index(m);
}

static bool S_file_id(const char *file, unsigned long long id[4])
{
    struct stat st;
    if (stat(file, &st) != 0)
        return false;
    id[0] = (unsigned long long)st.st_dev;
    id[1] = (unsigned long long)st.st_ino;
    id[2] = (unsigned long long)st.st_size;
    id[3] = S_ns(st.st_mtim);
    return true;
}

void sg_manifest_cache_init(sg_manifest_cache *mc)
{
    memset(mc, 0, sizeof *mc);
    mc->arena = (sg_arena)SG_ARENA_INIT;
}

void sg_manifest_cache_free(sg_manifest_cache *mc)
{
    sg_arena_free(&mc->arena);
    mc->has = false;
}

void sg_manifest_cache_fill(sg_manifest_cache *mc, const char *file,
                            const char *out)
{
    sg_manifest_cache_free(mc);
    unsigned long long before[4], after[4];
    if (!S_file_id(file, before))
        return;
    sg_manifest_load(&mc->m, &mc->arena, file, out, true);
    /* kept only if the file read is the one whose identity is kept */
    mc->has = mc->m.valid && S_file_id(file, after) &&
              memcmp(before, after, sizeof before) == 0;
    memcpy(mc->file, before, sizeof before);
    if (!mc->has)
        sg_manifest_cache_free(mc);
}

void sg_manifest_load_via(sg_manifest_cache *mc, sg_manifest *m,
                          sg_arena *a, const char *file, const char *out,
                          bool outputs)
{
    unsigned long long id[4], site[3];
    if (mc && mc->has && S_file_id(file, id) &&
        memcmp(id, mc->file, sizeof id) == 0 && sg_publish_marker_id(out, site) &&
        memcmp(site, mc->m.site, sizeof site) == 0) {
        *m = mc->m;
        m->a = a;      /* the build's: the cache's arena is not for it */
        return;
    }
    sg_manifest_load(m, a, file, out, outputs);
}

int sg_manifest_save(const sg_manifest *m, const char *file, const char *out)
{
    unsigned long long id[3];
    int rc = -1;
    if (!sg_publish_marker_id(out, id))
        goto done;
    /* 50 MB at 100,000 cases: written as it is made */
    sg_file_out fo;
    if (sg_file_out_open(&fo, file) != 0)
        goto done;
    sg_buf b = SG_BUF_INIT;
    sg_buf_printf(&b, "gen-manifest 2\nsite %llu %llu %llu \nopts %llx \n"
                  "counts", id[0], id[1], id[2], m->opts);
    for (int i = 0; i < 5; i++)
        sg_buf_printf(&b, " %zu", m->counts[i]);
    sg_buf_puts(&b, " \n");
    bool ok = true;
    for (size_t i = 0; i < m->nin; i++) {
        const sg_mf_input *in = &m->in[i];
        ok &= !strchr(in->path, '\n');
        sg_buf_puts(&b, "in ");
        S_put_num(&b, in->size, 10, ' ');
        S_put_num(&b, in->racy ? 0 : in->mtime, 10, ' ');
        S_put_num(&b, in->ino, 10, ' ');
        S_put_num(&b, in->racy ? 0 : in->ctime, 10, ' ');
        sg_buf_puts(&b, in->path);
        sg_buf_putc(&b, '\n');
        sg_file_out_drain(&fo, &b, 1 << 20);
    }
    /* what a build that finds nothing changed needs comes first: it
     * stops reading at the outputs */
    if (m->nmemo) {
        sg_buf_printf(&b, "memo %zu ", m->nmemo);
        for (size_t i = 0; i < m->nmemo; i++)
            S_put_num(&b, m->memo[i], 16, ' ');
        sg_buf_puts(&b, "\n");
    }
    for (size_t i = 0; m->warnings && i < m->warnings->n; i++) {
        const sg_diag *dg = &m->warnings->items[i];
        if (dg->sev == SG_ERROR)
            continue;
        sg_buf_printf(&b, "diag %d %u %u ", (int)dg->sev, dg->line, dg->col);
        S_field(&b, dg->file);
        S_field(&b, dg->msg);
        S_field(&b, dg->hint);
        sg_buf_putc(&b, '\n');
        sg_file_out_drain(&fo, &b, 1 << 20);
    }
    int root = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (size_t i = 0; i < m->nout; i++) {
        const sg_mf_output *o = &m->out[i];
        unsigned long long size = o->size, mtime = o->mtime, ino = o->ino;
        struct stat st;
        ok &= !strchr(o->path, '\n') && root >= 0;
        /* an output kept from the last site is that file still: its
         * identity is known (a hard link shares it) */
        if (ok && !ino) {
            ok = fstatat(root, o->path, &st, AT_SYMLINK_NOFOLLOW) == 0;
            size = (unsigned long long)st.st_size;
            mtime = S_ns(st.st_mtim);
            ino = (unsigned long long)st.st_ino;
        }
        if (!ok)
            break;
        sg_buf_puts(&b, "out ");
        S_put_num(&b, o->fp, 16, ' ');
        S_put_num(&b, size, 10, ' ');
        S_put_num(&b, mtime, 10, ' ');
        S_put_num(&b, ino, 10, ' ');
        sg_buf_puts(&b, o->path);
        sg_buf_putc(&b, '\n');
        sg_file_out_drain(&fo, &b, 1 << 20);
    }
    if (root >= 0)
        close(root);
    if (m->nrowx && m->nrows) {
        sg_buf_printf(&b, "rowkeys %zu ", m->nrows);
        for (size_t i = 0; i < m->nrows; i++)
            S_put_num(&b, m->row_key[i], 16, ' ');
        sg_buf_putc(&b, '\n');
        for (size_t x = 0; x < m->nrowx; x++) {
            sg_buf_printf(&b, "rows %zu ", m->head_len[x]);
            for (size_t i = 0; i < m->nrows; i++)
                S_put_num(&b, m->row_len[x * m->nrows + i], 10, ' ');
            sg_buf_putc(&b, '\n');
        }
        unsigned long long keys = S_keys_sum(m);
        sg_buf_printf(&b, "rowsum %llx ", keys);
        for (size_t x = 0; x < m->nrowx; x++)
            sg_buf_printf(&b, "%llx ", S_lens_sum(m, x, keys));
        sg_buf_putc(&b, '\n');
    }
    sg_buf_puts(&b, "end\n");
    sg_file_out_drain(&fo, &b, 0);
    rc = sg_file_out_close(&fo, ok);
    sg_buf_free(&b);
done:
    return rc;
}

void sg_manifest_drop(const char *file)
{
    unlink(file);
}
