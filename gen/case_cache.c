/* case_cache.c - cases kept from one build to the next. */
#include "case_cache.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* a file changed this recently is not trusted (manifest.h does alike) */
#define RACY_NS 2000000000ll
/* what the arena may hold beyond twice a fresh read before it is
 * started afresh: small collections then rarely read everything again */
#define SLACK ((size_t)32 << 20)

void sg_case_cache_init(sg_case_cache *cc)
{
    memset(cc, 0, sizeof *cc);
}

void sg_case_cache_clear(sg_case_cache *cc)
{
    sg_arena_free(&cc->arena);
    free(cc->entries);
    cc->entries = NULL;
    cc->n = 0;
    cc->fresh = 0;
}

void sg_case_cache_free(sg_case_cache *cc)
{
    sg_case_cache_clear(cc);
    sg_arena_free(&cc->varena);
    free(cc->vocab_path);
    memset(cc, 0, sizeof *cc);
}

void sg_case_cache_trim(sg_case_cache *cc)
{
    if (cc->n && cc->arena.total > 2 * cc->fresh + SLACK)
        sg_case_cache_clear(cc);
}

long long sg_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

bool sg_file_identity(const char *path, long long now_ns, sg_file_id *id)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    long long m = (long long)st.st_mtim.tv_sec * 1000000000ll +
                  st.st_mtim.tv_nsec;
    long long c = (long long)st.st_ctim.tv_sec * 1000000000ll +
                  st.st_ctim.tv_nsec;
    *id = (sg_file_id){ (unsigned long long)st.st_size,
                        (unsigned long long)m, (unsigned long long)c,
                        (unsigned long long)st.st_ino,
                        (unsigned long long)st.st_dev };
    return sg_file_settled(id, now_ns);
}

bool sg_file_settled(const sg_file_id *id, long long now_ns)
{
    /* saved again within the same tick, the file would keep its times:
     * only a file older than that can be known by them */
    return (long long)id->mtime + RACY_NS < now_ns &&
           (long long)id->ctime + RACY_NS < now_ns;
}

static bool S_same(const sg_file_id *a, const sg_file_id *b)
{
    return a->size == b->size && a->mtime == b->mtime &&
           a->ctime == b->ctime && a->ino == b->ino && a->dev == b->dev;
}

static int S_cmp_key(const void *key, const void *elem)
{
    return strcmp(key, ((const sg_cc_entry *)elem)->path);
}

const sg_cc_entry *sg_case_cache_find(const sg_case_cache *cc,
                                      const char *path, const sg_file_id *id)
{
    const sg_cc_entry *e = cc->n ? bsearch(path, cc->entries, cc->n,
                                           sizeof *cc->entries, S_cmp_key)
                                 : NULL;
    return e && S_same(&e->id, id) ? e : NULL;
}

int sg_case_cache_vocab(sg_case_cache *cc, const char *extra,
                        const sg_vocab **v, sg_diags *d)
{
    sg_file_id id = {0};
    bool trusted = !extra || sg_file_identity(extra, sg_now_ns(), &id);
    bool same_path = (!extra && !cc->vocab_path) ||
                     (extra && cc->vocab_path &&
                      strcmp(extra, cc->vocab_path) == 0);
    if (cc->has_vocab && same_path && trusted &&
        S_same(&id, &cc->vocab_id)) {
        *v = &cc->v;
        return 0;
    }
    /* the cases point into the vocabulary they were checked with */
    sg_case_cache_clear(cc);
    sg_arena_free(&cc->varena);
    free(cc->vocab_path);
    cc->vocab_path = extra ? strdup(extra) : NULL;
    cc->has_vocab = false;
    if (sg_vocab_load(&cc->v, &cc->varena, extra, d) != 0)
        return -1;
    /* one changed too recently is loaded again next time */
    cc->has_vocab = trusted && (!extra || cc->vocab_path);
    cc->vocab_id = id;
    *v = &cc->v;
    return 0;
}

sg_diag *sg_case_cache_said(sg_case_cache *cc, const sg_diag *items,
                           size_t n)
{
    if (!n)
        return NULL;
    sg_diag *out = sg_alloc(&cc->arena, n * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        out[i] = items[i];
        out[i].file = items[i].file ? sg_strdup(&cc->arena, items[i].file)
                                    : NULL;
        out[i].msg = items[i].msg ? sg_strdup(&cc->arena, items[i].msg)
                                  : NULL;
        out[i].hint = items[i].hint ? sg_strdup(&cc->arena, items[i].hint)
                                    : NULL;
    }
    return out;
}
