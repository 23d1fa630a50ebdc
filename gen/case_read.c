/* case_read.c - reading a case file and splitting its front matter. */
#include "case_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case_check.h"
#include "escape.h"
#include "fs.h"
#include "markdown.h"
#include "yaml_read.h"

/* Line and column (in characters) of byte `off`, for the error. */
static sg_mark S_mark_at(const unsigned char *p, size_t off)
{
    sg_mark m = {1, 1};
    for (size_t i = 0; i < off; i++) {
        if (p[i] == '\n')
            m = (sg_mark){m.line + 1, 1};
        else if ((p[i] & 0xC0) != 0x80)
            m.col++;            /* continuation bytes are not characters */
    }
    return m;
}

bool sg_utf8_invalid(const char *s, size_t len, sg_mark *at)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* most text is ASCII: 8 bytes at a time while none is >= 0x80
         * or NUL */
        while (i + 8 <= len) {
            unsigned long long w;
            memcpy(&w, p + i, 8);
            if ((w | ((w - 0x0101010101010101ull) & ~w)) &
                0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char c = p[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
                 : (c >> 3) == 30 ? 4 : 0;
        bool ok = n > 0 && i + n <= len;
        for (size_t k = 1; ok && k < n; k++)
            ok = (p[i + k] & 0xC0) == 0x80;
        if (ok && n == 2)
            ok = c >= 0xC2;                                   /* overlong */
        if (ok && n == 3) {
            unsigned cp = ((c & 15u) << 12) | ((p[i + 1] & 63u) << 6) |
                          (p[i + 2] & 63u);
            ok = cp >= 0x800 && !(cp >= 0xD800 && cp <= 0xDFFF);
        }
        if (ok && n == 4) {
            unsigned cp = ((c & 7u) << 18) | ((p[i + 1] & 63u) << 12) |
                          ((p[i + 2] & 63u) << 6) | (p[i + 3] & 63u);
            ok = cp >= 0x10000 && cp <= 0x10FFFF;
        }
        if (!ok || c == 0) {
            *at = S_mark_at(p, i);
            return true;
        }
        i += n;
    }
    return false;
}

/* A 64-bit fingerprint of the body, taken when it is checked and again
 * when it is read back for its page: 8 bytes a step, so it costs little
 * beside reading. Each step is a bijection of the state for a given
 * word, so an edit confined to one word always shows, and any other
 * edit escapes with odds of about 2^-64. It guards against accidents
 * (a file saved during the build), not against crafted collisions. */
static unsigned long long S_body_hash(const char *p, size_t len)
{
    unsigned long long h = 0x9e3779b97f4a7c15ull ^ len, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 29;
    }
    w = 0;
    memcpy(&w, p + i, len - i);
    h = (h ^ w) * 0x94d049bb133111ebull;
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
}

/* Length of the line at `p` without its line ending; *next is the start
 * of the following line. */
static size_t S_line(const char *p, const char *end, const char **next)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    *next = nl ? nl + 1 : end;
    size_t n = (size_t)(e - p);
    while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    return n;
}

/* Characters no page may carry (see sg_char_unsafe) in the write-up:
 * the page leaves them out; say where the first one is. */
static void S_body_chars(const char *path, const char *p, size_t len,
                         unsigned line, sg_diags *d)
{
    unsigned col = 1, cp;
    size_t skip, n = 0;
    sg_mark first = {0, 0};
    unsigned first_cp = 0;
    for (size_t i = 0; i < len; i += skip) {
        skip = sg_char_unsafe(p + i, len - i, &cp);
        if (skip) {
            if (n++ == 0) {
                first = (sg_mark){ line, col };
                first_cp = cp;
            }
        } else {
            skip = 1;
            if (p[i] == '\n') {
                line++;
                col = 1;
            } else if (((unsigned char)p[i] & 0xC0) != 0x80) {
                col++;
            }
        }
    }
    if (n)
        sg_warn(d, path, first, "delete it from the file (pasted text can "
                "bring such characters along)",
                "write-up: %s U+%04X%s left out: no page can carry %s",
                first_cp >= 0xFDD0 ? "noncharacter" : "control character",
                first_cp,
                n > 1 ? " and others are" : " is", n > 1 ? "them" : "it");
}

static bool S_fence(const char *p, size_t n)
{
    return (n == 3 && memcmp(p, "---", 3) == 0) ||
           (n == 3 && memcmp(p, "...", 3) == 0);
}

/* A record that gives nothing but its file: "not given" everywhere, as
 * the check's defaults, so that one the check never reaches says so
 * (the case store reads every record back). */
static void S_blank(sg_arena *a, const char *path, sg_case *c)
{
    memset(c, 0, sizeof *c);
    c->file = sg_strdup(a, path);
    c->slug = sg_basename(a, path, ".md");
    c->reach = c->model = c->governance = c->key_measure = -1;
    c->stage_evidence.source = c->model_evidence.source = -1;
    c->sector_id = c->region_id = -1;
    c->influence = c->interconnectivity = c->maturity = -1;
}

/* keep_body: copy the body into the arena; else only note where it is
 * in the file, to be read again when its page is rendered. */
static int S_parse(sg_arena *a, const sg_vocab *v, const char *path,
                   const char *data, size_t len, sg_case *c, sg_diags *d,
                   bool keep_body)
{
    S_blank(a, path, c);
    const sg_mark top = {1, 1};
    size_t errors = d->errors;

    size_t blank = 0;   /* data need not be NUL-terminated: count by len */
    while (blank < len && strchr(" \t\r\n", data[blank]) && data[blank])
        blank++;
    if (blank == len)
        return sg_error(d, path, top,
                        "start with a '---' line, then the required keys, "
                        "then '---' and the write-up; `gen new` writes a "
                        "template", "empty file");
    sg_mark bad;
    if (sg_utf8_invalid(data, len, &bad))
        return sg_error(d, path, bad,
                        "save the file as UTF-8 (most editors offer it under "
                        "'Save as' or 'Encoding')",
                        "invalid UTF-8 (or a NUL byte) here");

    const char *p = data, *end = data + len, *next;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;   /* a byte-order mark some editors write */
    size_t n = S_line(p, end, &next);
    if (!(n == 3 && memcmp(p, "---", 3) == 0))
        return sg_error(d, path, top,
                        "put the case's keys between two lines of '---' at "
                        "the top of the file",
                        "missing front matter: the file must start with a "
                        "line '---'");
    const char *fm = next;
    unsigned line = 2;
    const char *fm_end = NULL;
    for (p = fm; p < end; p = next, line++) {
        n = S_line(p, end, &next);
        if (S_fence(p, n)) {
            fm_end = p;
            break;
        }
    }
    if (!fm_end)
        return sg_error(d, path, top,
                        "add a line '---' after the last key, before the "
                        "write-up",
                        "front matter not closed: no second '---' line");
    /* the YAML tree lives only for the check */
    c->body = keep_body ? sg_strndup(a, next, (size_t)(end - next)) : NULL;
    c->body_offset = (size_t)(next - data);
    c->body_len = (size_t)(end - next);
    c->body_hash = keep_body ? 0 : S_body_hash(next, c->body_len);
    c->file_hash = S_body_hash(data, len);
    c->head_hash = S_body_hash(data, c->body_offset);
    c->body_line = line + 1;
    S_body_chars(path, next, (size_t)(end - next), c->body_line, d);
    size_t cols, over = sg_md_tables_over(next, (size_t)(end - next), &cols);
    if (over && cols)
        sg_error(d, path, ((sg_mark){ c->body_line + (unsigned)over - 1, 1 }),
                 "split the table, or put the data in a file of the case "
                 "and link it",
                 "write-up: the tables have more than %d cells by here "
                 "(this one has %zu columns): too large to render",
                 SG_MD_MAX_CELLS, cols);
    else if (over)
        sg_error(d, path, ((sg_mark){ c->body_line + (unsigned)over - 1, 1 }),
                 "leave a blank line between a paragraph and a line of "
                 "'|' and '-', or write the dashes another way",
                 "write-up: too many lines like a table's delimiter row "
                 "inside paragraphs: the Markdown parser would read them "
                 "again and again");

    sg_arena tree = SG_ARENA_INIT;
    sg_value *front;
    int rc = sg_yaml_parse(&tree, path, fm, (size_t)(fm_end - fm), 2, &front,
                           d);
    if (rc == 0 && front->type != SG_MAP) {
        sg_mark at = front->mark.line ? front->mark : (sg_mark){2, 1};
        rc = sg_error(d, path, at,
                      "write the front matter as 'key: value' lines",
                      "front matter must be a mapping of keys, got %s",
                      sg_type_name(front->type));
    }
    if (rc == 0)
        sg_case_check(a, &tree, v, front, c, d);
    sg_arena_free(&tree);
    c->ok = rc == 0 && d->errors == errors;
    return c->ok ? 0 : -1;
}

int sg_case_parse(sg_arena *a, const sg_vocab *v, const char *path,
                  const char *data, size_t len, sg_case *c, sg_diags *d)
{
    return S_parse(a, v, path, data, len, c, d, true);
}

const char *sg_case_body(sg_arena *a, const sg_case *c, sg_diags *d)
{
    if (c->body)
        return c->body;
    int fd = open(c->file, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        sg_error(d, c->file, ((sg_mark){0, 0}), "keep the file while gen builds",
                 "cannot read the write-up again: %s", strerror(errno));
        return NULL;
    }
    /* the front matter was checked from the first read: the page must
     * show the body read then, not what an edit since put in its place */
    struct stat st;
    bool same = fstat(fd, &st) == 0 &&
                (size_t)st.st_size == c->body_offset + c->body_len;
    char *body = sg_alloc(a, c->body_len + 1);
    size_t got = 0;
    while (same && got < c->body_len) {
        ssize_t n = pread(fd, body + got, c->body_len - got,
                          (off_t)(c->body_offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (!same || got != c->body_len ||
        S_body_hash(body, c->body_len) != c->body_hash) {
        sg_error(d, c->file, ((sg_mark){0, 0}),
                 "build again once the file is saved",
                 "changed during the build, after it was checked");
        return NULL;
    }
    body[got] = '\0';
    return body;
}

int sg_case_read(sg_arena *a, const sg_vocab *v, const char *path,
                 sg_case *c, sg_diags *d)
{
    sg_buf data = SG_BUF_INIT;
    if (sg_read_file(path, SG_MAX_FILE_SIZE, &data, d) != 0) {
        S_blank(a, path, c);
        sg_buf_free(&data);
        return -1;
    }
    int rc = S_parse(a, v, path, data.ptr, data.len, c, d, false);
    sg_buf_free(&data);
    return rc;
}

static int S_cmp_slug(const void *x, const void *y)
{
    const sg_case *a = *(sg_case *const *)x, *b = *(sg_case *const *)y;
    int c = strcmp(a->slug ? a->slug : "", b->slug ? b->slug : "");
    return c ? c : strcmp(a->file, b->file);
}

size_t sg_cases_unique(sg_case **cases, size_t n, sg_diags *d)
{
    if (n > 1) /* qsort(NULL, 0) is undefined */
        qsort(cases, n, sizeof *cases, S_cmp_slug);
    size_t clashes = 0;
    for (size_t i = 1; i < n; i++) {
        if (!cases[i]->slug || !cases[i - 1]->slug ||
            strcmp(cases[i]->slug, cases[i - 1]->slug) != 0)
            continue;
        sg_mark at = cases[i]->slug_mark.line ? cases[i]->slug_mark
                                              : (sg_mark){1, 1};
        sg_error(d, cases[i]->file, at,
                 "give one of them another `slug:` (or rename the file)",
                 "slug '%s' is also used by %s", cases[i]->slug,
                 cases[i - 1]->file);
        cases[i]->ok = false;
        cases[i - 1]->ok = false;
        clashes++;
    }
    return clashes;
}
