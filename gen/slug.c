/* slug.c - names made safe for the site's folders and URLs. */
#include "slug.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "strset.h"
#include "suggest.h"

/* Names that differ only in case or punctuation ("ICT", "Ict") share a
 * listing: they have one key, ASCII letters and digits lower-cased and
 * any other run of ASCII as one '-'. Other bytes (UTF-8 letters) are
 * kept, so "Énergie" and "Energie" keep two listings, as they always
 * have. "" when nothing is left. */
static char *S_group_key(sg_arena *a, const char *s)
{
    size_t n = strlen(s), len = 0;
    char *k = sg_alloc(a, n + 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (isalnum(*p))
            k[len++] = (char)tolower(*p);
        else if (*p >= 0x80)
            k[len++] = (char)*p;
        else if (len && k[len - 1] != '-')
            k[len++] = '-';
    }
    while (len && k[len - 1] == '-')
        len--;
    k[len] = '\0';
    return k;
}

/* A group key as a folder name that every browser and server agrees
 * on: ASCII only. Latin letters are transliterated ("énergie" ->
 * "energie", "straße" -> "strasse"); any other non-ASCII character
 * separates words like punctuation. "" when nothing is left. */
static char *S_ascii_key(sg_arena *a, const char *key)
{
    sg_buf b = SG_BUF_INIT;
    const unsigned char *p = (const unsigned char *)key;
    while (*p) {
        const char *t = NULL;
        size_t adv = 1;
        if (*p < 0x80) {       /* a letter, a digit or '-' */
            if (*p != '-' || (b.len && b.ptr[b.len - 1] != '-'))
                sg_buf_putc(&b, *p);
            p++;
            continue;
        }
        /* keys come from checked UTF-8: two-byte forms are all a Latin
         * letter can be; longer ones are skipped as a whole */
        if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
            t = sg_latin_ascii(((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F));
            adv = 2;
        } else {
            while (p[adv] && (p[adv] & 0xC0) == 0x80)
                adv++;
        }
        if (t)
            sg_buf_puts(&b, t);
        else if (b.len && b.ptr[b.len - 1] != '-')
            sg_buf_putc(&b, '-');
        p += adv;
    }
    while (b.len && b.ptr[b.len - 1] == '-')
        sg_buf_truncate(&b, b.len - 1);
    char *r = sg_strndup(a, b.ptr, b.len);
    sg_buf_free(&b);
    return r;
}

const char *sg_slug(sg_arena *a, const char *s)
{
    const char *r = S_ascii_key(a, S_group_key(a, s));
    return *r ? r : "other";
}

typedef struct keyed_name { const char *key; size_t i; } keyed_name;

static int S_cmp_keyed_name(const void *x, const void *y)
{
    const keyed_name *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

static bool S_is_ascii(const char *s)
{
    while (*s && (unsigned char)*s < 0x80)
        s++;
    return !*s;
}

/* Two keys that transliterate alike ("Énergie", "Energie") must still
 * have two folders: an ASCII key keeps its own name (so no existing
 * folder changes), then the others, in key order, take their ASCII
 * form, or that form with -2, -3 ... when it is taken. */
const char **sg_slug_groups(sg_arena *a, const char *const *names, size_t n)
{
    keyed_name *kc = sg_alloc(a, (n + 1) * sizeof *kc);
    const char **out = sg_alloc(a, (n + 1) * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        const char *k = S_group_key(a, names[i] ? names[i] : "other");
        kc[i] = (keyed_name){ *k ? k : "other", i };
    }
    if (n)
        qsort(kc, n, sizeof *kc, S_cmp_keyed_name);
    sg_strset taken;
    sg_strset_init(&taken, a);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0, j; i < n; i = j) {
            for (j = i + 1; j < n && strcmp(kc[j].key, kc[i].key) == 0;)
                j++;
            if (S_is_ascii(kc[i].key) != (pass == 0))
                continue;
            const char *folder = kc[i].key;
            if (pass == 1) {
                const char *base = S_ascii_key(a, kc[i].key);
                if (!*base)
                    base = "other";
                folder = base;
                for (unsigned m = 2;
                     !sg_strset_add(&taken, folder, strlen(folder)); m++)
                    folder = sg_printf(a, "%s-%u", base, m);
            } else {
                sg_strset_add(&taken, folder, strlen(folder));
            }
            for (size_t k = i; k < j; k++)
                out[kc[k].i] = folder;
        }
    }
    return out;
}
