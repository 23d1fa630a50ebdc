/* publish.c - staging, hard links for unchanged files, and the swap. */
#define _GNU_SOURCE
#include "publish.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "fs.h"

static const sg_mark NOWHERE = {0, 0};

bool sg_publish_path_ok(const char *rel)
{
    if (!rel || !*rel || rel[0] == '/')
        return false;
    const char *p = rel;
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') ||
            (n == 2 && p[0] == '.' && p[1] == '.'))
            return false;
        p += n + (e ? 1 : 0);
    }
    return true;
}

static bool S_same_dir(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static bool S_empty_dir(const char *path)
{
    DIR *dp = opendir(path);
    if (!dp)
        return false;
    struct dirent *de;
    bool empty = true;
    while ((de = readdir(dp)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            empty = false;
    closedir(dp);
    return empty;
}

int sg_publish_begin(sg_publish *p, sg_arena *a, const char *out,
                     const char *const *protect, size_t nprotect,
                     sg_diags *d)
{
    memset(p, 0, sizeof *p);
    p->a = a;
    size_t len = strlen(out);
    while (len > 1 && out[len - 1] == '/')
        len--;
    p->out = sg_strndup(a, out, len);
    const char *home = getenv("HOME");
    if (S_same_dir(p->out, "/") || (home && S_same_dir(p->out, home)) ||
        strcmp(p->out, ".") == 0 || S_same_dir(p->out, "."))
        return sg_error(d, p->out, NOWHERE,
                        "give a folder of its own, such as site/",
                        "refusing to write the site into this folder");
    for (size_t i = 0; i < nprotect; i++)
        if (protect[i] && S_same_dir(p->out, protect[i]))
            return sg_error(d, p->out, NOWHERE,
                            "give a separate folder, such as site/",
                            "refusing to write the site over %s", protect[i]);
    struct stat st;
    p->has_old = lstat(p->out, &st) == 0;
    if (p->has_old) {
        if (!S_ISDIR(st.st_mode))
            return sg_error(d, p->out, NOWHERE, "remove it or choose another "
                            "--out", "exists and is not a folder");
        char *marker = sg_path_join(a, p->out, SG_SITE_MARKER);
        if (!sg_exists(marker) && !S_empty_dir(p->out))
            return sg_error(d, p->out, NOWHERE,
                            "gen replaces the whole folder; choose an empty "
                            "or new folder, or one an earlier build wrote",
                            "refusing to replace a folder that gen did not "
                            "create (no %s in it)", SG_SITE_MARKER);
    }
    char *parent = sg_dirname(a, p->out);
    if (sg_mkdirs(parent) != 0)
        return sg_error(d, parent, NOWHERE, NULL, "cannot create: %s",
                        strerror(errno));
    char *base = sg_basename(a, p->out, NULL);
    /* a build killed before it finished leaves its staging folder behind:
     * only this generator names folders so, and a live build's is in
     * use for seconds, so remove those not touched for a minute */
    char *prefix = sg_printf(a, ".%s.staging-", base);
    DIR *dp = opendir(parent);
    struct dirent *de;
    time_t now = time(NULL);
    while (dp && (de = readdir(dp))) {
        if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
            continue;
        char *stale = sg_path_join(a, parent, de->d_name);
        struct stat sst;
        if (lstat(stale, &sst) == 0 && S_ISDIR(sst.st_mode) &&
            now - sst.st_mtime > 60)
            sg_remove_tree(stale);
    }
    if (dp)
        closedir(dp);
    char *tmpl = sg_printf(a, "%s/.%s.staging-XXXXXX", parent, base);
    if (!mkdtemp(tmpl))
        return sg_error(d, tmpl, NOWHERE, NULL, "cannot create: %s",
                        strerror(errno));
    chmod(tmpl, 0755);
    p->staging = tmpl;
    return 0;
}

/* Whether the file at `path` holds exactly `data` (its size is already
 * known to be `len`): read in pieces, so a large page costs no copy. */
static bool S_same_bytes(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buf[1 << 16];
    size_t off = 0;
    bool same = true;
    while (same && off < len) {
        size_t want = len - off < sizeof buf ? len - off : sizeof buf;
        ssize_t n = read(fd, buf, want);
        if (n < 0 && errno == EINTR)
            continue;
        same = n > 0 && memcmp(buf, data + off, (size_t)n) == 0;
        off += n > 0 ? (size_t)n : 0;
    }
    close(fd);
    return same;
}

/* Makes the folder `path` goes into; 0, or -1 with a diagnostic. */
static int S_parent(sg_arena *scratch, const char *path, sg_diags *d)
{
    char *dir = sg_dirname(scratch, path);
    if (sg_mkdirs(dir) == 0)
        return 0;
    return sg_error(d, dir, NOWHERE, NULL, "cannot create: %s",
                    strerror(errno));
}

int sg_publish_file(const sg_publish *p, sg_arena *scratch, const char *rel,
                    const char *data, size_t len, sg_publish_stats *stats,
                    sg_diags *d)
{
    if (!sg_publish_path_ok(rel))
        return sg_error(d, rel, NOWHERE, NULL,
                        "unsafe output path; nothing is written outside the "
                        "site folder");
    char *dst = sg_path_join(scratch, p->staging, rel);
    stats->bytes += len;
    /* unchanged: link the old file, keeping its time */
    char *old = sg_path_join(scratch, p->out, rel);
    struct stat st;
    if (p->has_old && lstat(old, &st) == 0 && S_ISREG(st.st_mode) &&
        (size_t)st.st_size == len && S_same_bytes(old, data, len)) {
        for (int tries = 0; tries < 2; tries++) {
            if (link(old, dst) == 0) {
                stats->unchanged++;
                return 0;
            }
            if (errno != ENOENT || S_parent(scratch, dst, d) != 0)
                break;
        }
    }
    /* the staging folder is private until it is swapped in whole, so a
     * plain write is as safe as a temporary file and a rename. Its folder
     * usually exists (sg_publish_dirs made it): make it only if not. */
    int fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
        if (S_parent(scratch, dst, d) != 0)
            return -1;
        fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    }
    if (fd < 0)
        return sg_error(d, dst, NOWHERE, NULL, "cannot create: %s",
                        strerror(errno));
    bool ok = sg_write_all(fd, data, len) == 0;
    int e = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (!ok)
        return sg_error(d, dst, NOWHERE, NULL, "cannot write: %s",
                        strerror(e));
    stats->written++;
    return 0;
}

void sg_publish_dirs(const sg_publish *p, sg_arena *scratch,
                     const char *const *rels, size_t n, sg_diags *d)
{
    for (size_t i = 0; i < n && !d->errors; i++) {
        if (!sg_publish_path_ok(rels[i])) {
            sg_error(d, rels[i], NOWHERE, NULL, "unsafe output path; nothing "
                     "is written outside the site folder");
            break;
        }
        char *dir = sg_path_join(scratch, p->staging, rels[i]);
        if (sg_mkdirs(dir) != 0)
            sg_error(d, dir, NOWHERE, NULL, "cannot create: %s",
                     strerror(errno));
    }
}

int sg_publish_open(const sg_publish *p, sg_arena *scratch, const char *rel,
                    sg_publish_out *o, sg_diags *d)
{
    *o = (sg_publish_out){ .fd = -1, .old_fd = -1, .same = true, .d = d };
    if (!sg_publish_path_ok(rel)) {
        o->failed = true;
        return sg_error(d, rel, NOWHERE, NULL,
                        "unsafe output path; nothing is written outside the "
                        "site folder");
    }
    o->dst = sg_path_join(scratch, p->staging, rel);
    char *dir = sg_dirname(scratch, o->dst);
    if (sg_mkdirs(dir) != 0) {
        o->failed = true;
        return sg_error(d, dir, NOWHERE, NULL, "cannot create: %s",
                        strerror(errno));
    }
    o->old = sg_path_join(scratch, p->out, rel);
    struct stat st;
    if (p->has_old && lstat(o->old, &st) == 0 && S_ISREG(st.st_mode))
        o->old_fd = open(o->old, O_RDONLY | O_CLOEXEC);
    o->same = o->old_fd >= 0;
    return 0;
}

/* Reads exactly `len` bytes from the old file; false at its end. */
static bool S_read_old(sg_publish_out *o, char *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(o->old_fd, buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        got += (size_t)n;
    }
    return true;
}

static void S_fail(sg_publish_out *o, const char *path, const char *what)
{
    if (!o->failed)
        sg_error(o->d, path, NOWHERE, NULL, "%s: %s", what, strerror(errno));
    o->failed = true;
}

/* The pieces stop matching: write what matched so far, copied from the
 * old file (it is the same bytes), then carry on writing. */
static void S_diverge(sg_publish_out *o)
{
    o->same = false;
    o->fd = open(o->dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (o->fd < 0) {
        S_fail(o, o->dst, "cannot create");
        return;
    }
    char buf[1 << 16];
    for (size_t off = 0; off < o->len;) {
        size_t n = o->len - off < sizeof buf ? o->len - off : sizeof buf;
        ssize_t r = pread(o->old_fd, buf, n, (off_t)off);
        if (r <= 0 || sg_write_all(o->fd, buf, (size_t)r) != 0) {
            S_fail(o, o->dst, "cannot write");
            return;
        }
        off += (size_t)r;
    }
}

void sg_publish_write(sg_publish_out *o, const char *data, size_t len)
{
    if (o->failed || !len)
        return;
    while (o->same && len) {
        char buf[1 << 16];
        size_t n = len < sizeof buf ? len : sizeof buf;
        if (!S_read_old(o, buf, n) || memcmp(buf, data, n) != 0) {
            S_diverge(o);
            break;
        }
        o->len += n;
        data += n;
        len -= n;
    }
    if (o->same || o->failed || !len)
        return;
    if (o->fd < 0)
        S_diverge(o);
    if (!o->failed && sg_write_all(o->fd, data, len) != 0)
        S_fail(o, o->dst, "cannot write");
    o->len += len;
}

int sg_publish_close(sg_publish_out *o, sg_publish_stats *st)
{
    char one;
    if (o->same && !o->failed && !S_read_old(o, &one, 1) &&
        link(o->old, o->dst) == 0) {
        st->unchanged++;    /* every byte matched and the old file ended */
    } else if (!o->failed) {
        if (o->same || o->fd < 0)
            S_diverge(o);   /* a longer old file, or no old file at all */
        if (!o->failed && close(o->fd) != 0)
            S_fail(o, o->dst, "cannot write");
        o->fd = -1;
        st->written++;
    }
    st->bytes += o->len;
    if (o->fd >= 0)
        close(o->fd);
    if (o->old_fd >= 0)
        close(o->old_fd);
    o->fd = o->old_fd = -1;
    return o->failed ? -1 : 0;
}

int sg_publish_commit(sg_publish *p, sg_diags *d)
{
    char *marker = sg_path_join(p->a, p->staging, SG_SITE_MARKER);
    static const char note[] =
        "This folder is written by gen build and replaced whole by the next\n"
        "build. Do not keep files of your own here.\n";
    if (sg_write_file(marker, note, sizeof note - 1, NULL, d) != 0)
        return -1;
    struct stat st;
    if (lstat(p->out, &st) != 0) {
        if (rename(p->staging, p->out) != 0)
            return sg_error(d, p->out, NOWHERE, NULL, "cannot publish: %s",
                            strerror(errno));
        p->staging = NULL;
        return 0;
    }
#ifdef SYS_renameat2
    /* one atomic step: readers see the old site or the new one */
    if (syscall(SYS_renameat2, AT_FDCWD, p->staging, AT_FDCWD, p->out,
                2 /* RENAME_EXCHANGE */) == 0) {
        sg_remove_tree(p->staging);   /* now holds the old site */
        p->staging = NULL;
        return 0;
    }
#endif
    char *old = sg_printf(p->a, "%s.old-%ld", p->staging, (long)getpid());
    if (rename(p->out, old) != 0)
        return sg_error(d, p->out, NOWHERE, NULL, "cannot publish: %s",
                        strerror(errno));
    if (rename(p->staging, p->out) != 0) {
        int e = errno;
        rename(old, p->out);   /* put the old site back */
        return sg_error(d, p->out, NOWHERE, NULL, "cannot publish: %s",
                        strerror(e));
    }
    sg_remove_tree(old);
    p->staging = NULL;
    return 0;
}

void sg_publish_abort(sg_publish *p)
{
    if (p->staging)
        sg_remove_tree(p->staging);
    p->staging = NULL;
}
