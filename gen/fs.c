/* fs.c - file system helpers; POSIX. */
#define _DEFAULT_SOURCE   /* d_type: the walk needs no stat per file */
#include "fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const sg_mark NOWHERE = {0, 0};

/* What a file that is not a regular one is, for a message. */
static const char *S_kind(mode_t m)
{
    return S_ISDIR(m) ? "a folder" : S_ISFIFO(m) ? "a named pipe (FIFO)"
         : S_ISSOCK(m) ? "a socket" : S_ISCHR(m) ? "a character device"
         : S_ISBLK(m) ? "a block device" : "a special file";
}

int sg_read_file(const char *path, size_t limit, sg_buf *out, sg_diags *d)
{
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
     * writer forever; the type is checked before anything is read */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return sg_error_sys(d, path, NULL, errno, "cannot open");
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return sg_error_sys(d, path, NULL, e, "cannot read");
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return sg_error(d, path, NOWHERE, "name a regular file",
                        "cannot read %s: only regular files are read",
                        S_kind(st.st_mode));
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    size_t start = out->len;
    /* straight into the buffer, sized from the file (which may still
     * grow or shrink while it is read: the loop reads to its end) */
    size_t want = (size_t)st.st_size < limit ? (size_t)st.st_size : limit;
    sg_buf_grow(out, want + 1);
    for (;;) {
        if (out->cap - out->len < 2)
            sg_buf_grow(out, 65536);
        size_t room = out->cap - out->len - 1;
        ssize_t n = read(fd, out->ptr + out->len, room);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            sg_buf_truncate(out, start);
            return sg_error_sys(d, path, NULL, e, "cannot read");
        }
        if (n == 0)
            break;
        out->len += (size_t)n;
        out->ptr[out->len] = '\0';
        if (out->len - start > limit) {
            close(fd);
            sg_buf_truncate(out, start);
            return sg_error(d, path, NOWHERE, "split it into smaller files",
                            "file larger than the limit of %zu bytes", limit);
        }
    }
    close(fd);
    return 0;
}

bool sg_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool sg_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

char *sg_path_join(sg_arena *a, const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    if (dl == 1 && dir[0] == '.')
        return sg_strdup(a, name);
    return sg_printf(a, "%.*s/%s", (int)dl, dir, name);
}

char *sg_dirname(sg_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return sg_strdup(a, ".");
    if (slash == path)
        return sg_strdup(a, "/");
    return sg_strndup(a, path, (size_t)(slash - path));
}

char *sg_basename(sg_arena *a, const char *path, const char *ext)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t len = strlen(base), el = ext ? strlen(ext) : 0;
    if (el && len > el && strcmp(base + len - el, ext) == 0)
        len -= el;
    return sg_strndup(a, base, len);
}

static bool S_ends(const char *s, const char *ext)
{
    size_t l = strlen(s), e = strlen(ext);
    return l >= e && strcmp(s + l - e, ext) == 0;
}

typedef struct {
    sg_arena *a;
    const char *ext;
    char *root_real;      /* resolved root: links must stay under it */
    const char ***list;
    size_t *n, cap;
    sg_diags *d;
    int depth;
} walker;

static void S_push(walker *w, const char *p)
{
    if (*w->n == w->cap)
        *w->list = sg_grow(w->a, (void *)*w->list, &w->cap, 64,
                           sizeof(char *));
    (*w->list)[(*w->n)++] = p;
}

/* Whether the resolved path `real` is `root` or under it. */
static bool S_under(const char *real, const char *root)
{
    size_t rl = strlen(root);
    return strncmp(real, root, rl) == 0 &&
           (real[rl] == '/' || real[rl] == '\0' || (rl == 1 && *root == '/'));
}

/* A symbolic link found by the walk: true when it is to be followed
 * (it resolves inside the root and does not lead back to a folder the
 * walk is already in); else says why not. */
static bool S_follow(walker *w, const char *dir, const char *p)
{
    char *real = realpath(p, NULL);
    if (!real) {
        int e = errno;
        char to[PATH_MAX];
        ssize_t tl = readlink(p, to, sizeof to - 1);
        to[tl > 0 ? tl : 0] = '\0';
        if (e == ENOENT)
            sg_warn(w->d, p, NOWHERE, "fix the link's target or remove it",
                    "symbolic link to '%s' is dangling: nothing is there; "
                    "not followed", to);
        else if (e == ELOOP)
            sg_warn(w->d, p, NOWHERE, "point the link at a file, or remove "
                    "it", "symbolic link to '%s' loops: it leads back to "
                    "itself; not followed", to);
        else
            sg_warn(w->d, p, NOWHERE, "fix the link's target or remove it",
                    "cannot follow symbolic link to '%s': %s", to,
                    strerror(e));
        return false;
    }
    bool ok = S_under(real, w->root_real);
    if (!ok) {
        sg_warn(w->d, p, NOWHERE,
                "copy the file into the folder instead of linking it",
                "symbolic link points outside %s; not followed",
                w->root_real);
    } else {
        /* a link to the folder it is in, or one above: a cycle */
        char *here = realpath(dir, NULL);
        if (here && sg_is_dir(real) && S_under(here, real)) {
            sg_warn(w->d, p, NOWHERE, "remove the link",
                    "symbolic link leads back to %s, a folder it is in; "
                    "not followed", real);
            ok = false;
        }
        free(here);
    }
    free(real);
    return ok;
}

static int S_walk(walker *w, const char *dir)
{
    if (w->depth > 32)
        return sg_error(w->d, dir, NOWHERE, NULL,
                        "folders nested too deeply (more than 32 levels)");
    DIR *dp = opendir(dir);
    if (!dp)
        return sg_error_sys(w->d, dir, NULL, errno, "cannot open folder");
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        if (de->d_name[0] == '.')
            continue;
        /* the folder's own record of the type spares a stat per file
         * (a file system that keeps none says DT_UNKNOWN) */
        bool ext_ok = S_ends(de->d_name, w->ext);
        if (de->d_type == DT_REG && !ext_ok)
            continue;
        char *p = sg_path_join(w->a, dir, de->d_name);
        if (de->d_type == DT_REG) {
            S_push(w, p);
            continue;
        }
        struct stat st;
        if (lstat(p, &st) != 0)
            continue;
        if (S_ISLNK(st.st_mode)) {
            if (!S_follow(w, dir, p) || stat(p, &st) != 0)
                continue;
        }
        if (S_ISDIR(st.st_mode)) {
            w->depth++;
            if (S_walk(w, p))
                rc = -1;
            w->depth--;
        } else if (S_ISREG(st.st_mode) && ext_ok) {
            S_push(w, p);
        }
    }
    closedir(dp);
    return rc;
}

static int S_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int sg_find_files(sg_arena *a, const char *path, const char *ext,
                  const char ***list, size_t *n, sg_diags *d)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return sg_error(d, path, NOWHERE, "check the path", "%s",
                        strerror(errno));
    size_t first = *n;
    walker w = { .a = a, .ext = ext, .list = list, .n = n, .cap = *n, .d = d };
    /* a device or a FIFO named as the folder would be an empty one, and
     * its empty site would replace a good one */
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
        return sg_error(d, path, NOWHERE, "name a folder, or one file",
                        "cannot read %s: only regular files are read",
                        S_kind(st.st_mode));
    if (!S_ISDIR(st.st_mode)) {
        S_push(&w, sg_strdup(a, path));
        return 0;
    }
    w.root_real = realpath(path, NULL);
    if (!w.root_real)
        return sg_error(d, path, NOWHERE, NULL, "%s", strerror(errno));
    /* the cap is unknown when appending to a caller's list: regrow */
    if (*n) {
        const char **copy = sg_alloc(a, *n * sizeof(char *));
        memcpy(copy, *list, *n * sizeof(char *));
        *list = copy;
    }
    int rc = S_walk(&w, path);
    free(w.root_real);
    if (*n > first)   /* an empty folder leaves *list NULL */
        qsort(*list + first, *n - first, sizeof(char *), S_cmp);
    return rc;
}

int sg_mkdirs(const char *path)
{
    /* usually the parent exists: one call instead of one per component */
    if (mkdir(path, 0777) == 0 || errno == EEXIST)
        return 0;
    if (errno != ENOENT)
        return -1;
    char tmp[PATH_MAX];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(tmp, path, len + 1);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

bool sg_file_holds(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                (size_t)st.st_size == len;
    char buf[1 << 16];
    size_t off = 0;
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

/* write(2) until done; -1 with errno on failure. */
int sg_write_all(int fd, const char *data, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        off += (size_t)n;
    }
    return 0;
}

int sg_write_file(const char *path, const char *data, size_t len,
                  bool *written, sg_diags *d)
{
    if (written)
        *written = false;
    if (sg_file_holds(path, data, len))
        return 0;
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp)
        return sg_error(d, path, NOWHERE, NULL, "path too long");
    int fd = mkstemp(tmp);
    if (fd < 0)
        return sg_error_sys(d, path, NULL, errno, "cannot create");
    if (sg_write_all(fd, data, len) != 0) {
        int e = errno;
        close(fd);
        unlink(tmp);
        return sg_error_sys(d, path, NULL, e, "cannot write");
    }
    fchmod(fd, 0644);
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return sg_error_sys(d, path, NULL, e, "cannot write");
    }
    if (written)
        *written = true;
    return 0;
}

int sg_file_out_open(sg_file_out *f, const char *path)
{
    f->path = path;
    f->fd = -1;
    if (snprintf(f->tmp, sizeof f->tmp, "%s.tmp-XXXXXX", path) >=
        (int)sizeof f->tmp)
        return -1;
    f->fd = mkstemp(f->tmp);
    return f->fd < 0 ? -1 : 0;
}

void sg_file_out_drain(sg_file_out *f, sg_buf *b, size_t at_least)
{
    if (b->len < at_least || !b->len)
        return;
    if (f->fd >= 0 && sg_write_all(f->fd, b->ptr, b->len) != 0) {
        close(f->fd);
        unlink(f->tmp);
        f->fd = -1;
    }
    sg_buf_reset(b);
}

int sg_file_out_close(sg_file_out *f, bool keep)
{
    if (f->fd < 0)
        return -1;
    fchmod(f->fd, 0644);
    bool ok = close(f->fd) == 0 && keep && rename(f->tmp, f->path) == 0;
    f->fd = -1;
    if (!ok)
        unlink(f->tmp);
    return ok ? 0 : -1;
}

int sg_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    DIR *dp = opendir(path);
    if (!dp)
        return -1;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(dp))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char sub[PATH_MAX];
        if (snprintf(sub, sizeof sub, "%s/%s", path, de->d_name) >=
            (int)sizeof sub) {
            rc = -1;
            continue;
        }
        if (sg_remove_tree(sub) != 0)
            rc = -1;
    }
    closedir(dp);
    if (rmdir(path) != 0)
        rc = -1;
    return rc;
}
