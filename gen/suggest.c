/* suggest.c - nearest words and normalised names. */
#include "suggest.h"

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
