/* collate.c - sort keys from ICU's root collator. */
#include "collate.h"

#include <pthread.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "suggest.h"

static UCollator *S_coll;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

/* One collator for the process: ICU's collators may be shared by
 * threads for comparisons and sort keys, which only read it. */
static void S_open(void)
{
    UErrorCode st = U_ZERO_ERROR;
    UCollator *c = ucol_open("", &st);      /* the root locale */
    if (U_FAILURE(st)) {
        if (c)
            ucol_close(c);
        return;
    }
    S_coll = c;
}

const char *sg_collate_key(sg_arena *a, const char *s)
{
    if (!s)
        s = "";
    pthread_once(&S_once, S_open);
    if (!S_coll)
        return sg_fold(a, s);
    size_t len = strlen(s);
    if (len > 1u << 20)
        len = 1u << 20;                      /* names, not books */
    UChar *u = sg_alloc(a, (len + 1) * sizeof *u);
    int32_t ulen = 0;
    UErrorCode st = U_ZERO_ERROR;
    /* invalid UTF-8 becomes U+FFFD rather than an error */
    u_strFromUTF8WithSub(u, (int32_t)len + 1, &ulen, s, (int32_t)len,
                         0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        return sg_fold(a, s);
    int32_t need = ucol_getSortKey(S_coll, u, ulen, NULL, 0);
    if (need <= 0)
        return sg_fold(a, s);
    uint8_t *key = sg_alloc(a, (size_t)need + 1);
    ucol_getSortKey(S_coll, u, ulen, key, need + 1);
    key[need] = 0;
    return (const char *)key;
}

int sg_collate(sg_arena *a, const char *x, const char *y)
{
    return strcmp(sg_collate_key(a, x), sg_collate_key(a, y));
}
