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
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fs.h"
#include "parallel.h"
#include "strset.h"

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

/* Whether folder `dir` is inside the site folder `out` (real path
 * `rout`) or inside a folder a build keeps beside it (".site.gen-spare",
 * a staging folder): a build replaces and prunes those, so cases kept
 * there would be lost. */
static bool S_within(const char *dir, const char *rout)
{
    char *real = realpath(dir, NULL);
    if (!real)
        return false;
    size_t n = strlen(rout);
    const char *base = strrchr(rout, '/');
    size_t pn = base ? (size_t)(base - rout) : 0;
    base = base ? base + 1 : rout;
    bool in = strncmp(real, rout, n) == 0 && real[n] == '/';
    /* beside it: "<parent>/.<base>." */
    if (!in && strncmp(real, rout, pn) == 0 && real[pn] == '/' &&
        real[pn + 1] == '.' && strncmp(real + pn + 2, base, strlen(base)) == 0 &&
        real[pn + 2 + strlen(base)] == '.')
        in = true;
    free(real);
    return in;
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

/* A mount point cannot be renamed, and the swap renames the folder. */
static bool S_mount_point(const char *path, const char *parent)
{
#ifdef STATX_ATTR_MOUNT_ROOT
    struct statx sx;
    if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, 0, &sx) == 0 &&
        (sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT))
        return (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
#endif
    struct stat a, b;     /* older kernels: another file system at least */
    return stat(path, &a) == 0 && stat(parent, &b) == 0 && a.st_dev != b.st_dev;
}

static int S_mount_error(sg_arena *a, const char *out, sg_diags *d)
{
    return sg_error(d, out, NOWHERE,
                    sg_printf(a, "give a folder inside it, such as --out "
                              "%s/site, and serve that folder", out),
                    "is a mount point: gen builds the site beside the output "
                    "folder and swaps it in by renaming, which a mount point "
                    "cannot take");
}

/* The process id the lock's holder wrote into it; 0 when unknown. */
static long S_holder(int fd)
{
    char buf[32];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    long pid = strtol(buf, NULL, 10);
    return pid > 0 ? pid : 0;
}

/* Takes the lock file `path` of the output folder. A finishing build
 * removes the file while it still holds it, so a build that was waiting
 * on it may find it has locked a file no one else will open: then it
 * starts again with the file now at `path`. */
static int S_lock(sg_publish *p, const char *path, const sg_publish_wait *w,
                  sg_diags *d)
{
    bool told = false;
    for (int tries = 0; tries < 1000; tries++) {
        int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
        struct stat held, now;
        if (fd < 0 || fstat(fd, &held) != 0 || !S_ISREG(held.st_mode)) {
            int e = fd < 0 ? errno : EINVAL;
            if (fd >= 0)
                close(fd);
            return sg_error_sys(d, path, "it keeps two builds of one folder "
                                "apart; remove whatever is in its place",
                                e, "cannot use as the build's lock file");
        }
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            if (e != EWOULDBLOCK) {
                close(fd);
                return sg_error_sys(d, path, "build into a folder on a local "
                                    "file system", e, "cannot lock");
            }
            long pid = S_holder(fd);
            if (w && w->no_wait) {
                close(fd);
                const char *hint = "let it finish, or build without "
                                   "--no-wait to wait for it";
                if (pid)
                    return sg_error(d, p->out, NOWHERE, hint, "another build "
                                    "of this folder is running (process "
                                    "%ld)", pid);
                return sg_error(d, p->out, NOWHERE, hint, "another build of "
                                "this folder is running");
            }
            if (!told && w && w->waiting)
                w->waiting(p->out, pid);
            told = true;
            if (flock(fd, LOCK_EX) != 0) {
                e = errno;
                close(fd);
                return sg_error(d, p->out, NOWHERE, NULL, "%s while waiting "
                                "for another build of this folder",
                                e == EINTR ? "interrupted" : strerror(e));
            }
        }
        if (stat(path, &now) == 0 && now.st_dev == held.st_dev &&
            now.st_ino == held.st_ino) {
            char pid[32];
            int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
            /* only for the message of a build that waits: no error */
            bool noted = ftruncate(fd, 0) == 0 &&
                         pwrite(fd, pid, (size_t)n, 0) == n;
            (void)noted;
            p->lock = path;
            p->lock_fd = fd;
            return 0;
        }
        close(fd);
    }
    return sg_error(d, path, NOWHERE, NULL, "cannot take the build's lock: "
                    "the file keeps changing");
}

/* Resolves `out` into p->out (a symbolic link to a folder is taken as
 * that folder: the site is built beside the folder and swapped in there,
 * and the link keeps leading to it; swapping the link itself would leave
 * the folder as it was) and refuses the folders no build may replace. */
static int S_resolve(sg_publish *p, sg_arena *a, const char *out,
                     const char *const *protect, size_t nprotect,
                     sg_diags *d)
{
    memset(p, 0, sizeof *p);
    p->a = a;
    p->root = p->lock_fd = -1;
    size_t len = strlen(out);
    while (len > 1 && out[len - 1] == '/')
        len--;
    p->out = sg_strndup(a, out, len);
    struct stat st;
    if (lstat(p->out, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *real = realpath(p->out, NULL);
        struct stat target;
        if (!real || stat(real, &target) != 0 || !S_ISDIR(target.st_mode)) {
            free(real);
            return sg_error(d, p->out, NOWHERE, "point the link at a folder "
                            "(create it first), or give --out a folder",
                            "is a symbolic link that does not lead to a "
                            "folder");
        }
        p->out = sg_strdup(a, real);
        free(real);
    }
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
    /* the real path the site will have, whether or not it exists yet */
    char *rout = realpath(p->out, NULL);
    if (!rout) {
        const char *slash = strrchr(p->out, '/');
        char *parent = slash ? sg_strndup(a, p->out, (size_t)(slash - p->out))
                             : ".";
        char *rp = realpath(*parent ? parent : "/", NULL);
        if (rp)
            rout = strdup(sg_printf(a, "%s/%s", strcmp(rp, "/") ? rp : "",
                                    slash ? slash + 1 : p->out));
        free(rp);
    }
    for (size_t i = 0; rout && i < nprotect; i++)
        if (protect[i] && S_within(protect[i], rout)) {
            free(rout);
            return sg_error(d, p->out, NOWHERE,
                            "move it out of the site folder, or give --out "
                            "a folder outside it",
                            "refusing to build: %s is inside the site folder "
                            "or a folder the build keeps beside it, which "
                            "every build replaces", protect[i]);
        }
    free(rout);
    return 0;
}

/* What the existing output folder is: only a folder an earlier build
 * wrote (or an empty one), and not a mount point. */
static int S_existing(sg_publish *p, const char *parent, sg_diags *d)
{
    struct stat st;
    p->has_old = lstat(p->out, &st) == 0;
    if (!p->has_old)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return sg_error(d, p->out, NOWHERE, "remove it or choose another "
                        "--out", "exists and is not a folder");
    if (S_mount_point(p->out, parent))
        return S_mount_error(p->a, p->out, d);
    char *marker = sg_path_join(p->a, p->out, SG_SITE_MARKER);
    if (!sg_exists(marker) && !S_empty_dir(p->out))
        return sg_error(d, p->out, NOWHERE,
                        "gen replaces the whole folder; choose an empty "
                        "or new folder, or one an earlier build wrote",
                        "refusing to replace a folder that gen did not "
                        "create (no %s in it)", SG_SITE_MARKER);
    return 0;
}

const char *sg_publish_resolved(sg_arena *a, const char *out)
{
    sg_publish p;
    sg_diags quiet;
    sg_diags_init(&quiet, a);
    return S_resolve(&p, a, out, NULL, 0, &quiet) == 0 ? p.out : NULL;
}

int sg_publish_check(sg_arena *a, const char *out,
                     const char *const *protect, size_t nprotect,
                     sg_diags *d)
{
    sg_publish p;
    if (S_resolve(&p, a, out, protect, nprotect, d) != 0)
        return -1;
    return S_existing(&p, sg_dirname(a, p.out), d);
}

int sg_publish_lock(sg_publish *p, sg_arena *a, const char *out,
                    const char *const *protect, size_t nprotect,
                    const sg_publish_wait *w, sg_diags *d)
{
    if (S_resolve(p, a, out, protect, nprotect, d) != 0)
        return -1;
    char *parent = sg_dirname(a, p->out);
    if (sg_mkdirs(parent) != 0)
        return sg_error_sys(d, parent, NULL, errno, "cannot create");
    char *base = sg_basename(a, p->out, NULL);
    /* beside the output folder, like the staging folder: never inside
     * the site, and one file for every path that leads to the folder */
    if (S_lock(p, sg_printf(a, "%s/.%s.gen-lock", parent, base), w, d) != 0)
        return -1;
    /* looked at now that no other build changes it */
    if (S_existing(p, parent, d) != 0)
        return -1;
    /* only this generator names folders so, and only the holder of the
     * lock writes one: any found now is left by a build that died */
    char *prefix = sg_printf(a, ".%s.staging-", base);
    DIR *dp = opendir(parent);
    struct dirent *de;
    while (dp && (de = readdir(dp))) {
        if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
            continue;
        char *stale = sg_path_join(a, parent, de->d_name);
        struct stat sst;
        if (lstat(stale, &sst) == 0 && S_ISDIR(sst.st_mode))
            sg_remove_tree(stale);
    }
    if (dp)
        closedir(dp);
    return 0;
}

int sg_publish_begin(sg_publish *p, sg_arena *a, const char *out,
                     const char *const *protect, size_t nprotect,
                     const sg_publish_wait *w, sg_diags *d)
{
    if (sg_publish_lock(p, a, out, protect, nprotect, w, d) != 0)
        return -1;
    char *parent = sg_dirname(a, p->out);
    char *base = sg_basename(a, p->out, NULL);
    char *tmpl = sg_printf(a, "%s/.%s.staging-XXXXXX", parent, base);
    if (!mkdtemp(tmpl))
        return sg_error_sys(d, tmpl, NULL, errno, "cannot create");
    /* the spare takes the empty folder's place (a rename over an empty
     * folder is allowed), so a build that dies leaves it to be removed
     * like any staging folder */
    p->spare = sg_printf(a, "%s/.%s.gen-spare", parent, base);
    struct stat sp;
    p->reuse = p->has_old && lstat(p->spare, &sp) == 0 &&
               S_ISDIR(sp.st_mode) && rename(p->spare, tmpl) == 0;
    p->staging = tmpl;
    p->root = open(tmpl, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (p->root < 0)
        return sg_error_sys(d, tmpl, NULL, errno, "cannot open");
    fchmod(p->root, 0755);
    return 0;
}

/* Whether the staging folder is gone (or another took its place). */
static bool S_root_gone(const sg_publish *p)
{
    struct stat a, b;
    return fstat(p->root, &a) != 0 || a.st_nlink == 0 ||
           lstat(p->staging, &b) != 0 || a.st_dev != b.st_dev ||
           a.st_ino != b.st_ino;
}

/* The error for a file or folder of the staging folder that could not
 * be made, `e` being errno: plain words when the folder itself is gone. */
static int S_make_error(const char *staging, int root, const char *path,
                        int e, sg_diags *d)
{
    struct stat st;
    if (e == ENOENT && fstat(root, &st) == 0 && st.st_nlink == 0)
        return sg_error(d, staging, NOWHERE, "build again, and leave gen's "
                        "staging folders alone while it builds",
                        "the staging folder was removed during the build");
    return sg_error_sys(d, path, NULL, e, "cannot create");
}

/* mkdir -p of `rel` inside the staging folder, never the staging folder
 * itself: a build that lost it fails rather than publish what is left.
 * 0, or -1 with errno. */
static int S_mkdirs_at(int root, const char *rel)
{
    if (mkdirat(root, rel, 0777) == 0 || errno == EEXIST)
        return 0;
    if (errno != ENOENT)
        return -1;
    char tmp[PATH_MAX];
    size_t len = strlen(rel);
    if (len >= sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(tmp, rel, len + 1);
    for (char *q = tmp; *q; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdirat(root, tmp, 0777) != 0 && errno != EEXIST)
            return -1;
        *q = '/';
    }
    return mkdirat(root, tmp, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* Makes the folder `rel` (a file inside the site) goes into; 0, or -1
 * with a diagnostic. The staging folder itself is never made again. */
static int S_parent(const sg_publish *p, sg_arena *scratch, const char *rel,
                    sg_diags *d)
{
    const char *slash = strrchr(rel, '/');
    char *dir = slash ? sg_strndup(scratch, rel, (size_t)(slash - rel)) : NULL;
    errno = ENOENT;
    if (dir && S_mkdirs_at(p->root, dir) == 0)
        return 0;
    return S_make_error(p->staging, p->root,
                        sg_path_join(scratch, p->staging, dir ? dir : ""),
                        errno, d);
}

/* In a reused staging folder: true when `rel` already is the old site's
 * file `old` (the same inode); else whatever is there is removed, to be
 * replaced. Always false in a new staging folder. */
static bool S_reused(const sg_publish *p, const char *rel,
                     const struct stat *old)
{
    if (!p->reuse)
        return false;
    struct stat st;
    if (fstatat(p->root, rel, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (st.st_ino == old->st_ino && st.st_dev == old->st_dev)
            return true;
        unlinkat(p->root, rel, S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0);
    }
    return false;
}

/* A file's size, time (ns) and inode, as the manifest records them. */
static void S_ident(const struct stat *st, unsigned long long *id)
{
    if (!id)
        return;
    id[0] = (unsigned long long)st->st_size;
    id[1] = (unsigned long long)st->st_mtim.tv_sec * 1000000000ull +
            (unsigned long long)st->st_mtim.tv_nsec;
    id[2] = (unsigned long long)st->st_ino;
}

int sg_publish_file(const sg_publish *p, sg_arena *scratch, const char *rel,
                    const char *data, size_t len, sg_publish_stats *stats,
                    unsigned long long *id, sg_diags *d)
{
    if (id)
        id[0] = id[1] = id[2] = 0;
    if (!sg_publish_path_ok(rel))
        return sg_error(d, rel, NOWHERE, NULL,
                        "unsafe output path; nothing is written outside the "
                        "site folder");
    stats->bytes += len;
    /* unchanged: link the old file, keeping its time */
    char *old = sg_path_join(scratch, p->out, rel);
    struct stat st;
    if (p->has_old && lstat(old, &st) == 0 && S_ISREG(st.st_mode) &&
        (size_t)st.st_size == len && sg_file_holds(old, data, len)) {
        if (S_reused(p, rel, &st)) {
            stats->unchanged++;
            S_ident(&st, id);      /* a hard link: the very file */
            return 0;
        }
        for (int tries = 0; tries < 2; tries++) {
            if (linkat(AT_FDCWD, old, p->root, rel, 0) == 0) {
                stats->unchanged++;
                S_ident(&st, id);
                return 0;
            }
            if (errno != ENOENT)
                break;
            if (S_parent(p, scratch, rel, d) != 0)
                return -1;
        }
    }
    /* the staging folder is private until it is swapped in whole, so a
     * plain write is as safe as a temporary file and a rename. Its folder
     * usually exists (sg_publish_dirs made it): make it only if not. */
    if (p->reuse)
        unlinkat(p->root, rel, 0);
    int fd = openat(p->root, rel, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                    0644);
    if (fd < 0 && errno == ENOENT) {
        if (S_parent(p, scratch, rel, d) != 0)
            return -1;
        fd = openat(p->root, rel, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                    0644);
    }
    char *dst = sg_path_join(scratch, p->staging, rel);
    if (fd < 0)
        return S_make_error(p->staging, p->root, dst, errno, d);
    bool ok = sg_write_all(fd, data, len) == 0;
    int e = errno;
    struct stat wst;
    if (ok && fstat(fd, &wst) == 0)
        S_ident(&wst, id);
    if (close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (!ok)
        return sg_error_sys(d, dst, NULL, e, "cannot write");
    stats->written++;
    return 0;
}

int sg_publish_link(const sg_publish *p, sg_arena *scratch, const char *rel,
                    const unsigned long long was[3], sg_publish_stats *stats)
{
    if (!p->has_old || !sg_publish_path_ok(rel))
        return -1;
    struct stat st;
    /* a reused staging folder mostly holds the very file already (a hard
     * link made by an earlier build): one stat settles it */
    if (p->reuse && fstatat(p->root, rel, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        S_ISREG(st.st_mode) && (unsigned long long)st.st_size == was[0] &&
        (unsigned long long)st.st_ino == was[2] &&
        (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
        (unsigned long long)st.st_mtim.tv_nsec == was[1]) {
        stats->unchanged++;
        stats->bytes += was[0];
        return 0;
    }
    char *old = sg_path_join(scratch, p->out, rel);
    if (lstat(old, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    unsigned long long mtime = (unsigned long long)st.st_mtim.tv_sec *
                               1000000000ull +
                               (unsigned long long)st.st_mtim.tv_nsec;
    if ((unsigned long long)st.st_size != was[0] || mtime != was[1] ||
        (unsigned long long)st.st_ino != was[2])
        return -1;
    unsigned long long size = was[0];
    if (S_reused(p, rel, &st)) {
        stats->unchanged++;
        stats->bytes += size;
        return 0;
    }
    if (linkat(AT_FDCWD, old, p->root, rel, 0) != 0) {
        sg_diags quiet;
        sg_diags_init(&quiet, scratch);
        if (errno != ENOENT || S_parent(p, scratch, rel, &quiet) != 0 ||
            linkat(AT_FDCWD, old, p->root, rel, 0) != 0)
            return -1;
    }
    stats->unchanged++;
    stats->bytes += size;
    return 0;
}

void sg_publish_dirs(const sg_publish *p, sg_arena *scratch,
                     const char *const *rels, size_t n, sg_diags *d)
{
    if (p->reuse)        /* they are there already, but for new ones */
        return;
    for (size_t i = 0; i < n && !d->errors; i++) {
        if (!sg_publish_path_ok(rels[i])) {
            sg_error(d, rels[i], NOWHERE, NULL, "unsafe output path; nothing "
                     "is written outside the site folder");
            break;
        }
        if (S_mkdirs_at(p->root, rels[i]) != 0)
            S_make_error(p->staging, p->root,
                         sg_path_join(scratch, p->staging, rels[i]), errno,
                         d);
    }
}

int sg_publish_open(const sg_publish *p, sg_arena *scratch, const char *rel,
                    sg_publish_out *o, sg_diags *d)
{
    *o = (sg_publish_out){ .fd = -1, .old_fd = -1, .same = true, .d = d,
                           .root = p->root };
    if (!sg_publish_path_ok(rel)) {
        o->failed = true;
        return sg_error(d, rel, NOWHERE, NULL,
                        "unsafe output path; nothing is written outside the "
                        "site folder");
    }
    o->rel = rel;
    o->dst = sg_path_join(scratch, p->staging, rel);
    if (strchr(rel, '/') && S_parent(p, scratch, rel, d) != 0) {
        o->failed = true;
        return -1;
    }
    o->old = sg_path_join(scratch, p->out, rel);
    if (p->reuse)
        unlinkat(p->root, rel, 0);
    struct stat st;
    if (p->has_old && lstat(o->old, &st) == 0 && S_ISREG(st.st_mode))
        o->old_fd = open(o->old, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
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
    o->fd = openat(o->root, o->rel, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                   0644);
    if (o->fd < 0) {
        if (!o->failed)
            S_make_error(o->dst, o->root, o->dst, errno, o->d);
        o->failed = true;
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
    struct stat fst;
    memset(o->id, 0, sizeof o->id);
    if (o->same && !o->failed && !S_read_old(o, &one, 1) &&
        linkat(AT_FDCWD, o->old, o->root, o->rel, 0) == 0) {
        st->unchanged++;    /* every byte matched and the old file ended */
        if (fstat(o->old_fd, &fst) == 0)
            S_ident(&fst, o->id);
    } else if (!o->failed) {
        if (o->same || o->fd < 0)
            S_diverge(o);   /* a longer old file, or no old file at all */
        if (!o->failed && fstat(o->fd, &fst) == 0)
            S_ident(&fst, o->id);
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

/* The old site, once swapped out, is kept as the next build's staging
 * folder; removed if it cannot be. */
static void S_keep_spare(const sg_publish *p, const char *old)
{
    struct stat st;
    if (lstat(p->spare, &st) == 0)
        sg_remove_tree(p->spare);
    if (rename(old, p->spare) != 0)
        sg_remove_tree(old);
}

static bool S_prune(int dir, sg_buf *rel, const sg_strset *keep, int jobs);

/* The subfolders of one folder, pruned on several threads: "cases"
 * holds a folder per case, 100,000 of them on a large site. */
typedef struct pruning {
    int dir;                   /* the folder, open */
    const char *rel;           /* its path inside the site ("" the root) */
    char **names;              /* its subfolders */
    bool *emptied;             /* each left empty */
    const sg_strset *keep;
} pruning;

static void S_prune_one(void *ctx, size_t i, unsigned thread, sg_arena *a,
                        sg_diags *d)
{
    pruning *pr = ctx;
    (void)thread;
    (void)a;
    (void)d;
    int sub = openat(pr->dir, pr->names[i],
                     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    sg_buf rel = SG_BUF_INIT;
    sg_buf_puts(&rel, pr->rel);
    if (*pr->rel)
        sg_buf_putc(&rel, '/');
    sg_buf_puts(&rel, pr->names[i]);
    pr->emptied[i] = sub >= 0 && S_prune(sub, &rel, pr->keep, 1);
    sg_buf_free(&rel);
}

/* Removes what a reused staging folder holds beyond `keep`; the folder
 * `dir` (open, consumed) is `rel` ("" for the root). Its subfolders go
 * on up to `jobs` threads when there are many. True when it is left
 * empty (and may go: only then is it tried). */
static bool S_prune(int dir, sg_buf *rel, const sg_strset *keep, int jobs)
{
    DIR *dp = fdopendir(dir);
    if (!dp) {
        close(dir);
        return false;
    }
    struct dirent *de;
    size_t len = rel->len;
    bool kept = false;
    sg_arena a = SG_ARENA_INIT;
    char **subs = NULL;
    size_t nsub = 0, cap = 0;
    while ((de = readdir(dp))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        sg_buf_truncate(rel, len);
        if (len)
            sg_buf_putc(rel, '/');
        sg_buf_puts(rel, de->d_name);
        bool is_dir = de->d_type == DT_DIR;
        if (de->d_type == DT_UNKNOWN) {
            struct stat st;
            is_dir = fstatat(dirfd(dp), de->d_name, &st,
                             AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
        }
        if (is_dir) {
            if (nsub == cap)
                subs = sg_grow(&a, subs, &cap, 64, sizeof *subs);
            subs[nsub++] = sg_strdup(&a, de->d_name);
        } else if (!sg_strset_has(keep, rel->ptr, rel->len) &&
                   strcmp(rel->ptr, SG_SITE_MARKER) != 0) {
            unlinkat(dirfd(dp), de->d_name, 0);
        } else {
            kept = true;
        }
    }
    sg_buf_truncate(rel, len);
    pruning pr = { dirfd(dp), rel->len ? rel->ptr : "", subs,
                   sg_alloc(&a, (nsub + 1) * sizeof *pr.emptied), keep };
    if (jobs > 1 && nsub >= 256) {
        sg_diags quiet;
        sg_diags_init(&quiet, &a);
        sg_parallel(&a, &quiet, jobs, nsub, 64, S_prune_one, &pr);
    } else {
        for (size_t i = 0; i < nsub; i++) {
            int sub = openat(dirfd(dp), subs[i],
                             O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            sg_buf_truncate(rel, len);
            if (len)
                sg_buf_putc(rel, '/');
            sg_buf_puts(rel, subs[i]);
            pr.emptied[i] = sub >= 0 && S_prune(sub, rel, keep, jobs);
        }
        sg_buf_truncate(rel, len);
    }
    for (size_t i = 0; i < nsub; i++)
        if (!pr.emptied[i] ||
            unlinkat(dirfd(dp), subs[i], AT_REMOVEDIR) != 0)
            kept = true;
    closedir(dp);
    sg_arena_free(&a);
    return !kept;
}

/* Removes `rel` (a file) from the staging folder, then the folders it
 * leaves empty. */
static void S_unlink_rel(const sg_publish *p, char *rel)
{
    if (unlinkat(p->root, rel, 0) != 0)
        return;
    for (char *slash = strrchr(rel, '/'); slash; slash = strrchr(rel, '/')) {
        *slash = '\0';
        if (unlinkat(p->root, rel, AT_REMOVEDIR) != 0)
            break;
    }
}

void sg_publish_prune(const sg_publish *p, const sg_strset *keep,
                      const sg_strset *held, int jobs)
{
    if (!p->reuse)
        return;
    if (held) {
        char rel[PATH_MAX];
        for (size_t i = 0; i < held->cap; i++) {
            const char *h = held->slots[i];
            size_t len = h ? strlen(h) : 0;
            if (!h || len >= sizeof rel || sg_strset_has(keep, h, len) ||
                !sg_publish_path_ok(h))
                continue;
            memcpy(rel, h, len + 1);
            S_unlink_rel(p, rel);
        }
        return;
    }
    int dir = openat(p->root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return;
    sg_buf rel = SG_BUF_INIT;
    S_prune(dir, &rel, keep, jobs);
    sg_buf_free(&rel);
}

bool sg_publish_marker_id(const char *out, unsigned long long id[3])
{
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/%s", out, SG_SITE_MARKER) >=
            (int)sizeof path || lstat(path, &st) != 0)
        return false;
    id[0] = (unsigned long long)st.st_dev;
    id[1] = (unsigned long long)st.st_ino;
    id[2] = (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
            (unsigned long long)st.st_mtim.tv_nsec;
    return true;
}

void sg_publish_memory_init(sg_publish_memory *pm)
{
    memset(pm, 0, sizeof *pm);
    pm->arena[0] = (sg_arena)SG_ARENA_INIT;
    pm->arena[1] = (sg_arena)SG_ARENA_INIT;
    pm->live = -1;
}

void sg_publish_memory_free(sg_publish_memory *pm)
{
    sg_arena_free(&pm->arena[0]);
    sg_arena_free(&pm->arena[1]);
    pm->live = -1;
    pm->spare_known = false;
}

const sg_strset *sg_publish_memory_take(sg_publish_memory *pm,
                                        const sg_publish *p)
{
    unsigned long long id[3];
    /* another build published since: neither tree is what was known */
    if (pm->live >= 0 && !(sg_publish_marker_id(p->out, id) &&
                           memcmp(id, pm->marker, sizeof id) == 0))
        pm->live = -1;
    bool known = pm->live >= 0 && pm->spare_known && p->reuse;
    pm->spare_known = false;
    return known ? pm->set[!pm->live] : NULL;
}

void sg_publish_memory_commit(sg_publish_memory *pm, const sg_publish *p,
                              const sg_strset *files)
{
    /* the old live tree is the spare now; the new one is made in the
     * arena the old spare's paths were in */
    int next = pm->live >= 0 ? !pm->live : 0;
    pm->spare_known = pm->live >= 0;
    sg_arena_free(&pm->arena[next]);
    pm->set[next] = sg_alloc(&pm->arena[next], sizeof *pm->set[next]);
    sg_strset_init(pm->set[next], &pm->arena[next]);
    sg_strset_reserve(pm->set[next], files->n);
    for (size_t i = 0; i < files->cap; i++)
        if (files->slots[i])
            sg_strset_add(pm->set[next], files->slots[i],
                          strlen(files->slots[i]));
    pm->live = next;
    if (!sg_publish_marker_id(p->out, pm->marker))
        sg_publish_memory_free(pm);
}

int sg_publish_commit(sg_publish *p, sg_diags *d)
{
    static const char note[] =
        "This folder is written by gen build and replaced whole by the next\n"
        "build. Do not keep files of your own here.\n";
    unlinkat(p->root, SG_SITE_MARKER, 0);    /* a new file: see spare */
    int fd = openat(p->root, SG_SITE_MARKER,
                    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    char *marker = sg_path_join(p->a, p->staging, SG_SITE_MARKER);
    if (fd < 0)
        return S_make_error(p->staging, p->root, marker, errno, d);
    bool ok = sg_write_all(fd, note, sizeof note - 1) == 0;
    if (close(fd) != 0 || !ok)
        return sg_error_sys(d, marker, NULL, errno, "cannot write");
    /* publish only the folder this build wrote, whole */
    if (S_root_gone(p))
        return sg_error(d, p->staging, NOWHERE, "build again, and leave "
                        "gen's staging folders alone while it builds",
                        "the staging folder was removed during the build");
    struct stat st;
    if (lstat(p->out, &st) != 0) {
        if (rename(p->staging, p->out) != 0)
            return sg_error_sys(d, p->out, NULL, errno, "cannot publish");
        p->staging = NULL;
        return 0;
    }
#ifdef SYS_renameat2
    /* one atomic step: readers see the old site or the new one */
    if (syscall(SYS_renameat2, AT_FDCWD, p->staging, AT_FDCWD, p->out,
                2 /* RENAME_EXCHANGE */) == 0) {
        S_keep_spare(p, p->staging);  /* now holds the old site */
        p->staging = NULL;
        return 0;
    }
    if (errno == EBUSY)
        return S_mount_error(p->a, p->out, d);
#endif
    char *old = sg_printf(p->a, "%s.old-%ld", p->staging, (long)getpid());
    if (rename(p->out, old) != 0)
        return errno == EBUSY ? S_mount_error(p->a, p->out, d)
             : sg_error_sys(d, p->out, NULL, errno, "cannot publish");
    if (rename(p->staging, p->out) != 0) {
        int e = errno;
        rename(old, p->out);   /* put the old site back */
        return sg_error_sys(d, p->out, NULL, e, "cannot publish");
    }
    S_keep_spare(p, old);
    p->staging = NULL;
    return 0;
}

void sg_publish_end(sg_publish *p)
{
    if (!p->a)
        return;             /* sg_publish_begin was never called */
    /* not a folder that took the place of the one this build lost */
    if (p->staging && (p->root < 0 || !S_root_gone(p)))
        sg_remove_tree(p->staging);
    p->staging = NULL;
    if (p->root >= 0)
        close(p->root);
    p->root = -1;
    /* removed while still held: see S_lock */
    if (p->lock_fd >= 0) {
        unlink(p->lock);
        close(p->lock_fd);
    }
    p->lock_fd = -1;
}
