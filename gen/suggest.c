/* suggest.c - nearest words and normalised names. */
#include "suggest.h"

#include <pthread.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

size_t sg_edit_distance(const char *a, const char *b, size_t max)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > max)
        return max + 1;
    size_t *row = malloc((lb + 1) * sizeof *row);
    if (!row)
        abort();
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = i;
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = tolower((unsigned char)a[i - 1]) !=
                          tolower((unsigned char)b[j - 1]);
            size_t v = diag + cost;
            if (row[j] + 1 < v) v = row[j] + 1;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best) best = v;
        }
        if (best > max) {
            free(row);
            return max + 1;
        }
    }
    size_t d = row[lb];
    free(row);
    return d;
}

const char *sg_nearest(const char *word, const char *const *cands, size_t n)
{
    size_t len = strlen(word);
    size_t max = len / 3 ? len / 3 : 1;
    const char *best = NULL;
    size_t best_d = max + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = sg_edit_distance(word, cands[i], best_d - 1 < max
                                                        ? best_d - 1 : max);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best_d <= max ? best : NULL;
}

static bool S_stop(const char *w, size_t n)
{
    static const char *const stop[] = { "a", "an", "the", "of", "for", "and",
                                        "to", "in", "on", "with", "by" };
    for (size_t i = 0; i < sizeof stop / sizeof *stop; i++)
        if (strlen(stop[i]) == n && memcmp(stop[i], w, n) == 0)
            return true;
    return false;
}

/* Crude English stemming: enough to make plurals and -ing forms meet. */
static size_t S_stem(char *w, size_t n)
{
    if (n > 4 && memcmp(w + n - 3, "ies", 3) == 0) {
        w[n - 3] = 'y';
        return n - 2;
    }
    if (n > 4 && memcmp(w + n - 4, "sses", 4) == 0)
        return n - 2;
    if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
        w[n - 2] != 'i')
        n--;
    if (n > 5 && memcmp(w + n - 3, "ing", 3) == 0)
        n -= 3;
    if (n > 6 && memcmp(w + n - 3, "mme", 3) == 0)   /* programme */
        n -= 2;
    return n;
}

void sg_normalise_name(sg_arena *a, const char *name, const char **key,
                       const char **words)
{
    sg_buf k = SG_BUF_INIT, ws = SG_BUF_INIT, w = SG_BUF_INIT;
    const unsigned char *p = (const unsigned char *)name;
    for (;;) {
        unsigned char c = *p;
        bool word_char = isalnum(c) || c >= 0x80;
        if (word_char) {
            sg_buf_putc(&w, tolower(c));
        } else if ((c == '-' || c == '\'' || c == '&') && w.len) {
            /* co-operation = cooperation; r&d stays one word */
        } else if (w.len) {
            if (!S_stop(w.ptr, w.len)) {
                size_t n = S_stem(w.ptr, w.len);
                sg_buf_put(&k, w.ptr, n);
                if (ws.len)
                    sg_buf_putc(&ws, ' ');
                sg_buf_put(&ws, w.ptr, n);
            }
            sg_buf_reset(&w);
        }
        if (!c)
            break;
        p++;
    }
    *key = sg_strndup(a, k.ptr, k.len);
    *words = sg_strndup(a, ws.ptr, ws.len);
    sg_buf_free(&k);
    sg_buf_free(&ws);
    sg_buf_free(&w);
}

/* Latin letters with diacritics (Latin-1 Supplement and Latin
 * Extended-A, U+00C0 to U+017F) in ASCII, lower case: runs of code
 * points that share a spelling; NULL for x and the division sign. */
static const struct { unsigned short first, count; char ascii[3]; }
S_latin[] = {
    {0xC0, 6, "a"}, {0xC6, 1, "ae"}, {0xC7, 1, "c"}, {0xC8, 4, "e"},
    {0xCC, 4, "i"}, {0xD0, 1, "d"}, {0xD1, 1, "n"}, {0xD2, 5, "o"},
    {0xD8, 1, "o"}, {0xD9, 4, "u"}, {0xDD, 1, "y"}, {0xDE, 1, "th"},
    {0xDF, 1, "ss"}, {0xE0, 6, "a"}, {0xE6, 1, "ae"}, {0xE7, 1, "c"},
    {0xE8, 4, "e"}, {0xEC, 4, "i"}, {0xF0, 1, "d"}, {0xF1, 1, "n"},
    {0xF2, 5, "o"}, {0xF8, 1, "o"}, {0xF9, 4, "u"}, {0xFD, 1, "y"},
    {0xFE, 1, "th"}, {0xFF, 1, "y"},
    {0x100, 6, "a"}, {0x106, 8, "c"}, {0x10E, 4, "d"}, {0x112, 10, "e"},
    {0x11C, 8, "g"}, {0x124, 4, "h"}, {0x128, 10, "i"}, {0x132, 2, "ij"},
    {0x134, 2, "j"}, {0x136, 3, "k"}, {0x139, 10, "l"}, {0x143, 9, "n"},
    {0x14C, 6, "o"}, {0x152, 2, "oe"}, {0x154, 6, "r"}, {0x15A, 8, "s"},
    {0x162, 6, "t"}, {0x168, 12, "u"}, {0x174, 2, "w"}, {0x176, 3, "y"},
    {0x179, 6, "z"}, {0x17F, 1, "s"},
};

const char *sg_latin_ascii(unsigned cp)
{
    for (size_t i = 0; i < sizeof S_latin / sizeof *S_latin; i++)
        if (cp >= S_latin[i].first && cp < S_latin[i].first + S_latin[i].count)
            return S_latin[i].ascii;
    return NULL;
}

/* ASCII as sg_fold writes it: a letter or digit in lower case, or 0 for
 * a separator; made once (isalnum and tolower in the "C" locale) */
static unsigned char S_ascii_fold[128];
static pthread_once_t S_ascii_once = PTHREAD_ONCE_INIT;

static void S_ascii_init(void)
{
    for (int c = 0; c < 128; c++)
        S_ascii_fold[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a'
                          : (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                          ? c : 0);
}

const char *sg_fold(sg_arena *a, const char *name)
{
    pthread_once(&S_ascii_once, S_ascii_init);
    size_t len = strlen(name);
    sg_buf b = SG_BUF_INIT;
    /* a character never folds longer than it is, plus a space before it:
     * written through a cursor, without a call per byte */
    sg_buf_grow(&b, 2 * len + 1);
    char *w = b.ptr;
    bool gap = false;   /* a separator is due before the next letter */
    const unsigned char *p = (const unsigned char *)name;
    while (*p) {
        if (*p < 0x80) {
            unsigned char f = S_ascii_fold[*p++];
            if (!f) {
                gap = true;
                continue;
            }
            if (gap && w != b.ptr)
                *w++ = ' ';
            gap = false;
            *w++ = (char)f;
            continue;
        }
        size_t n = 1;
        while (p[n] && (p[n] & 0xC0) == 0x80)
            n++;
        unsigned cp = n == 2 ? ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu)
                    : n == 3 ? ((p[0] & 0x0Fu) << 12) |
                               ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu)
                    : 0;
        const char *t = sg_latin_ascii(cp);
        /* punctuation (dashes, quotes) and spaces separate words;
         * other scripts' letters are kept as they are */
        bool letter = t || !((cp >= 0x2000 && cp <= 0x206F) || cp == 0xA0 ||
                             cp == 0xD7 || cp == 0xF7 || cp == 0x3000);
        if (letter) {
            if (gap && w != b.ptr)
                *w++ = ' ';
            gap = false;
            size_t tl = t ? strlen(t) : n;
            memcpy(w, t ? t : (const char *)p, tl);
            w += tl;
        } else {
            gap = true;
        }
        p += n;
    }
    b.len = (size_t)(w - b.ptr);
    b.ptr[b.len] = '\0';
    const char *r = sg_strndup(a, b.ptr ? b.ptr : "", b.len);
    sg_buf_free(&b);
    return r;
}
