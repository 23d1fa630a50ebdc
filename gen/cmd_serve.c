/* cmd_serve.c - `gen serve`: build, serve the site on loopback, rebuild
 * on every change and reload the open page.
 *
 * HTTP is libmicrohttpd's (its own thread); this file only maps a URL to a
 * file inside the output folder. The main thread watches the cases, the
 * templates and the vocabulary with inotify and rebuilds in-process. When
 * a build fails, pages show its diagnostics until the next good build;
 * the site on disk stays the last good one (gen build never damages it).
 *
 * What the server may read and who may ask:
 * - an output folder the build would refuse (/, the home folder...)
 *   stops `gen serve` before it listens;
 * - until a build has succeeded, every page is the diagnostics page;
 *   after, only files under the output folder as resolved then are read;
 * - a request whose Host is not this machine's (localhost, a loopback
 *   address, the address listened on) is refused, so that a web page
 *   cannot reach the server by pointing its own name at 127.0.0.1 (DNS
 *   rebinding);
 * - connections are polled with epoll, not select(), so there is no
 *   FD_SETSIZE ceiling; their number is bounded by the file descriptors
 *   the builds leave, one address may hold at most half of them, and
 *   while many are open new ones that stay idle are dropped quickly.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "case_cache.h"
#include "collection.h"
#include "commands.h"
#include "escape.h"
#include "fs.h"
#include "manifest.h"
#include "publish.h"
#include "site.h"

static const char *const help =
    "usage: gen serve [--port N] [--host ADDR] [--cases DIR] [--templates DIR]\n"
    "                 [--out DIR] [--drafts] [--settings FILE]\n"
    "                 [--vocabulary FILE]\n"
    "\n"
    "Builds the site, serves it at http://127.0.0.1:8000/ and rebuilds\n"
    "whenever a case, a template or the vocabulary changes; the open page\n"
    "reloads by itself (a change to site.yaml alone takes effect at the next\n"
    "rebuild). While a change breaks the build, pages show the\n"
    "problems instead, and the site comes back once they are fixed.\n"
    "Requests must name this machine (Host localhost, 127.0.0.1, [::1] or\n"
    "the address listened on); others get 403.\n"
    "\n"
    "  --port N            port (default 8000; 0 picks a free one)\n"
    "  --host ADDR         address to listen on (default 127.0.0.1: this\n"
    "                      machine only); 0.0.0.0 serves your network,\n"
    "                      reached by this machine's IP address\n"
    "  --cases, --templates, --out, --drafts, --settings, --vocabulary: as for\n"
    "                      build\n";

/* Asks for the state once, then again with ?after= the version seen: the
 * server holds that request until the next build is live (or HOLD_TIME
 * has passed), so the page reloads the moment it can. */
static const char reload_js[] =
    "(function () {\n"
    "  var seen = null;\n"
    "  function poll() {\n"
    "    var q = seen === null ? '' : '?after=' + seen;\n"
    "    fetch('/__gen/state' + q, { cache: 'no-store' }).then(function (r) {\n"
    "      return r.json();\n"
    "    }).then(function (s) {\n"
    "      if (seen !== null && s.version !== seen) return location.reload();\n"
    "      var first = seen === null;\n"
    "      seen = s.version;\n"
    "      setTimeout(poll, first ? 0 : 400);\n"
    "    }).catch(function () { setTimeout(poll, 400); });\n"
    "  }\n"
    "  poll();\n"
    "})();\n";

/* Connections kept with the full idle timeout; past that many open at
 * once (a browser keeps a handful), a new one that goes idle is dropped
 * after SHORT_TIMEOUT seconds, so that a flood of half-sent requests
 * cannot keep a real one waiting for long. */
#define CALM_CONNECTIONS 64u
#define IDLE_TIMEOUT 30u
#define SHORT_TIMEOUT 3u
/* File descriptors kept for the builds (cases, templates, the staging
 * folder, inotify) when sizing the connection limit. */
#define BUILD_FDS 128u
#define MAX_CONNECTIONS 16384u
/* State requests held for the next build (a long poll): at most this
 * many at once (more are answered at once), each for at most HOLD_TIME
 * seconds, after which it is answered with the version it already has. */
#define MAX_HELD 256u
#define HOLD_TIME 15

typedef struct held {
    struct MHD_Connection *conn;
    time_t since;
} held;

typedef struct server {
    pthread_mutex_t lock;     /* guards the fields up to problems_html */
    unsigned version;
    bool ok;                  /* the last build succeeded */
    bool have_site;           /* some build succeeded: root is set */
    char root[PATH_MAX];      /* the output folder, resolved after it */
    char *problems_html;      /* the failed build's diagnostics */
    held held[MAX_HELD];      /* suspended state requests */
    size_t nheld;
    size_t unfinished;        /* requests held once, not yet completed */
    bool stopping;            /* no request is held any more */
    /* set before listening, read-only after */
    const char *out;
    struct in_addr bound;     /* the address listened on */
    /* the HTTP server's callbacks only (one at a time) */
    unsigned conns;
    time_t log_at;
    bool log_quiet;
} server;

static volatile sig_atomic_t S_stop;

static void S_on_signal(int sig)
{
    (void)sig;
    S_stop = 1;
}

static const char *S_type(const char *path)
{
    static const char *const types[][2] = {
        { ".html", "text/html; charset=utf-8" },
        { ".css", "text/css; charset=utf-8" },
        { ".js", "text/javascript; charset=utf-8" },
        { ".json", "application/json" },
        { ".csv", "text/csv; charset=utf-8" },
        { ".xml", "application/xml" },
        { ".svg", "image/svg+xml" },
        { ".png", "image/png" },
        { ".jpg", "image/jpeg" },
        { ".txt", "text/plain; charset=utf-8" },
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
        if (strcmp(dot, types[i][0]) == 0)
            return types[i][1];
    return "application/octet-stream";
}

static enum MHD_Result S_send(struct MHD_Connection *conn, unsigned status,
                              const char *type, const char *data, size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, (void *)data, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ret = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result S_send_text(struct MHD_Connection *conn,
                                   unsigned status, const char *text)
{
    return S_send(conn, status, "text/plain; charset=utf-8", text,
                  strlen(text));
}

/* "" or ":" and a port number. */
static bool S_port_ok(const char *p)
{
    if (!*p)
        return true;
    if (*p++ != ':')
        return false;
    size_t n = strspn(p, "0123456789");
    return n >= 1 && n <= 5 && !p[n];
}

/* Whether a Host header names this server as a browser on this machine
 * would: localhost, a loopback address, or the address listened on (any
 * address when listening on all of them: a page can only rebind a name,
 * never an address). */
static bool S_host_ok(const server *sv, const char *host)
{
    char name[256];
    const char *end;
    if (host[0] == '[') {                  /* [::1]:8000 */
        end = strchr(host, ']');
        size_t n = end ? (size_t)(end - host - 1) : sizeof name;
        if (n >= sizeof name || !S_port_ok(end + 1))
            return false;
        memcpy(name, host + 1, n);
        name[n] = '\0';
        struct in6_addr a6;
        return inet_pton(AF_INET6, name, &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6);
    }
    end = strchr(host, ':');
    if (!end)
        end = host + strlen(host);
    size_t n = (size_t)(end - host);
    if (n == 0 || n >= sizeof name || !S_port_ok(end))
        return false;
    memcpy(name, host, n);
    name[n] = '\0';
    if (strcasecmp(name, "localhost") == 0 ||
        strcasecmp(name, "localhost.") == 0)
        return true;
    struct in_addr a4;
    if (inet_pton(AF_INET, name, &a4) != 1)
        return false;
    return (ntohl(a4.s_addr) >> 24) == 127 ||
           sv->bound.s_addr == htonl(INADDR_ANY) ||
           a4.s_addr == sv->bound.s_addr;
}

/* A file inside the site at `root` (resolved) for a URL path, or false. */
static bool S_resolve(const char *root, sg_arena *a, const char *url,
                      char **file)
{
    size_t rl = strlen(root);
    if (rl < 2 || root[0] != '/')       /* never "/" itself, never unset */
        return false;
    const char *rel = url[0] == '/' ? url + 1 : url;
    size_t len = strlen(rel);
    char *path = (len == 0 || rel[len - 1] == '/')
        ? sg_printf(a, "%sindex.html", rel) : sg_strdup(a, rel);
    if (!sg_publish_path_ok(path))
        return false;
    char *full = sg_path_join(a, root, path);
    if (sg_is_dir(full))
        full = sg_path_join(a, full, "index.html");
    char real[PATH_MAX];
    if (!realpath(full, real))
        return false;
    /* symbolic links must not lead out of the site */
    if (strncmp(real, root, rl) != 0 || real[rl] != '/')
        return false;
    *file = sg_strdup(a, real);
    return true;
}

/* Seconds on a clock that never steps back. */
static time_t S_mono(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec;
}

/* Lets the held state requests go (they are answered with the version
 * then): all of them, or those held since `before` or earlier. With
 * sv->lock held. */
static void S_release(server *sv, bool all, time_t before)
{
    size_t keep = 0;
    for (size_t i = 0; i < sv->nheld; i++) {
        if (all || sv->held[i].since <= before)
            MHD_resume_connection(sv->held[i].conn);
        else
            sv->held[keep++] = sv->held[i];
    }
    sv->nheld = keep;
}

/* A request's mark once it has been held: answer it, never hold again. */
static char S_was_held;

/* The site's version and whether its last build succeeded, as JSON. A
 * GET with ?after= the version now is held until a build makes the next
 * one (S_release), so that the page learns of it at once. */
static enum MHD_Result S_state(server *sv, struct MHD_Connection *conn,
                               const char *method, void **con_cls)
{
    const char *after = MHD_lookup_connection_value(
        conn, MHD_GET_ARGUMENT_KIND, "after");
    char *end = NULL;
    unsigned long long want = after ? strtoull(after, &end, 10) : 0;
    pthread_mutex_lock(&sv->lock);
    unsigned ver = sv->version;
    bool ok = sv->ok;
    if (!*con_cls && after && *after && !*end && want == ver &&
        strcmp(method, "GET") == 0 && !sv->stopping &&
        sv->nheld < MAX_HELD) {
        sv->held[sv->nheld++] = (held){ conn, S_mono() };
        sv->unfinished++;
        *con_cls = &S_was_held;
        /* under the lock: a build that moves the version on finds it
         * held, and lets it go */
        MHD_suspend_connection(conn);
        pthread_mutex_unlock(&sv->lock);
        return MHD_YES;
    }
    pthread_mutex_unlock(&sv->lock);
    char js[64];
    int n = snprintf(js, sizeof js, "{\"version\": %u, \"ok\": %s}\n", ver,
                     ok ? "true" : "false");
    return S_send(conn, 200, "application/json", js, (size_t)n);
}

static enum MHD_Result S_handle(void *cls, struct MHD_Connection *conn,
                                const char *url, const char *method,
                                const char *version, const char *upload,
                                size_t *upload_size, void **con_cls)
{
    (void)upload; (void)upload_size;
    server *sv = cls;
    const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                   MHD_HTTP_HEADER_HOST);
    /* Browsers always send Host, and the check is against pages in a
     * browser; a program that leaves it out could connect directly with
     * any Host it likes, so HTTP/1.0 without one (which the protocol
     * allows) is let through. HTTP/1.1 requires it. */
    if (!host && strcmp(version, MHD_HTTP_VERSION_1_0) != 0)
        return S_send_text(conn, 400, "a Host header is required\n");
    if (host && !S_host_ok(sv, host))
        return S_send_text(conn, 403, "gen serve answers only requests for "
                           "localhost, a loopback address or the address it "
                           "listens on\n");
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return S_send_text(conn, 405, "GET only\n");
    if (strcmp(url, "/__gen/reload.js") == 0)
        return S_send(conn, 200, "text/javascript", reload_js,
                      sizeof reload_js - 1);
    if (strcmp(url, "/__gen/state") == 0)
        return S_state(sv, conn, method, con_cls);
    pthread_mutex_lock(&sv->lock);
    bool ok = sv->ok, have_site = sv->have_site;
    char root[PATH_MAX];
    memcpy(root, sv->root, sizeof root);
    bool serve_files = ok && have_site;
    char *problems = serve_files ? NULL : strdup(sv->problems_html);
    pthread_mutex_unlock(&sv->lock);
    if (!serve_files && !problems)
        return S_send_text(conn, 500, "out of memory\n");
    sg_arena a = SG_ARENA_INIT;
    char *file = NULL;
    /* no good build yet: there is no site to read from, only problems */
    bool found = have_site && S_resolve(root, &a, url, &file);
    const char *type = found ? S_type(file) : "text/html; charset=utf-8";
    enum MHD_Result ret;
    if (!have_site || (!ok && strncmp(type, "text/html", 9) == 0)) {
        ret = S_send(conn, 500, "text/html; charset=utf-8", problems,
                     strlen(problems));
    } else {
        unsigned status = 200;
        if (!found) {
            status = 404;
            found = S_resolve(root, &a, "/404.html", &file);
        }
        sg_buf body = SG_BUF_INIT;
        sg_diags quiet;
        sg_diags_init(&quiet, &a);
        if (!found || sg_read_file(file, 64u << 20, &body, &quiet) != 0) {
            sg_buf_reset(&body);
            sg_buf_puts(&body, "not found\n");
            type = "text/plain";
        } else if (strncmp(type, "text/html", 9) == 0) {
            /* the page reloads itself after the next build */
            const char *tag = "<script src=\"/__gen/reload.js\"></script>";
            char *end = strstr(body.ptr, "</body>");
            if (end) {
                size_t at = (size_t)(end - body.ptr);
                sg_buf tail = SG_BUF_INIT;
                sg_buf_puts(&tail, body.ptr + at);
                sg_buf_truncate(&body, at);
                sg_buf_puts(&body, tag);
                sg_buf_put(&body, tail.ptr, tail.len);
                sg_buf_free(&tail);
            }
        }
        ret = S_send(conn, status, type, body.ptr, body.len);
        sg_buf_free(&body);
    }
    free(problems);
    sg_arena_free(&a);
    return ret;
}

/* A request is done with (answered, or its connection lost). */
static void S_on_completed(void *cls, struct MHD_Connection *conn,
                           void **con_cls,
                           enum MHD_RequestTerminationCode code)
{
    (void)conn;
    (void)code;
    server *sv = cls;
    if (*con_cls != &S_was_held)
        return;
    pthread_mutex_lock(&sv->lock);
    sv->unfinished--;
    pthread_mutex_unlock(&sv->lock);
}

/* Counts the open connections (called on the HTTP thread only). */
static void S_on_connection(void *cls, struct MHD_Connection *conn,
                            void **socket_context,
                            enum MHD_ConnectionNotificationCode code)
{
    (void)socket_context;
    server *sv = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        if (++sv->conns > CALM_CONNECTIONS)
            MHD_set_connection_option(conn, MHD_CONNECTION_OPTION_TIMEOUT,
                                      SHORT_TIMEOUT);
    } else if (sv->conns > 0) {
        sv->conns--;
    }
}

/* The HTTP server's own messages, at most one a second: a flood of
 * refused connections would otherwise bury the build's. */
static void S_log(void *cls, const char *fmt, va_list ap)
{
    server *sv = cls;
    time_t now = time(NULL);
    if (now == sv->log_at) {
        if (!sv->log_quiet)
            fputs("gen serve: (more messages from the HTTP server left "
                  "out)\n", stderr);
        sv->log_quiet = true;
        return;
    }
    sv->log_at = now;
    sv->log_quiet = false;
    fputs("gen serve: ", stderr);
    vfprintf(stderr, fmt, ap);
}

/* How many connections to allow: as many as the file descriptors allow
 * once the builds have theirs (the soft limit is raised to the hard one
 * first, up to what is needed), not select()'s FD_SETSIZE. */
static unsigned S_connection_limit(bool polls)
{
    const rlim_t want = MAX_CONNECTIONS + BUILD_FDS;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return 64;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
        struct rlimit up = rl;
        up.rlim_cur = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want
            ? rl.rlim_max : want;
        if (setrlimit(RLIMIT_NOFILE, &up) == 0)
            rl = up;
    }
    rlim_t fds = rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > want
        ? want : rl.rlim_cur;
    rlim_t n = fds > 2 * BUILD_FDS ? fds - BUILD_FDS : fds / 2;
    if (!polls && n > FD_SETSIZE - 4)
        n = FD_SETSIZE - 4;
    return n < 4 ? 4 : (unsigned)n;
}

/* A build's new site is live: the pages (and the held requests) learn
 * of it now, before the build's last chores (saving its manifest). */
typedef struct live {
    server *sv;
    bool told;
} live;

/* Records a build's outcome for the pages: a new version, whether it
 * succeeded (then files are read under the output folder as it resolves
 * now), the failed build's diagnostics (`problems`, taken; NULL keeps
 * the last). */
static void S_tell(server *sv, bool ok, char *problems)
{
    char root[PATH_MAX];
    bool resolved = ok && realpath(sv->out, root) && strlen(root) > 1;
    pthread_mutex_lock(&sv->lock);
    sv->version++;
    sv->ok = ok;
    if (problems) {
        free(sv->problems_html);
        sv->problems_html = problems;
    }
    if (resolved) {
        memcpy(sv->root, root, sizeof root);
        sv->have_site = true;
    }
    S_release(sv, true, 0);
    pthread_mutex_unlock(&sv->lock);
}

static void S_live(void *ctx)
{
    live *l = ctx;
    S_tell(l->sv, true, NULL);
    l->told = true;
}

/* Builds, prints what happened, and records it for the pages;
 * `watched`: the inputs are being watched (sg_build_opts.watched). */
static void S_build(server *sv, const sg_build_opts *o, bool watched)
{
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_build_stats st;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (o->cache)
        o->cache->hits = o->cache->reads = 0;
    live l = { sv, false };
    sg_build_opts bo = *o;
    bo.published = S_live;
    bo.published_ctx = &l;
    bo.watched = watched;
    int rc = sg_build(&bo, &d, &st);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1000 +
                (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    sg_diags_sort(&d);
    sg_buf text = SG_BUF_INIT, html = SG_BUF_INIT;
    sg_diags_print_text(&d, &text, false);
    fputs(text.ptr, stderr);
    if (rc == 0)
        fprintf(stderr, "built %zu pages (%zu written) for %zu cases (%zu "
                "case files read) in %.0f ms\n", st.pages + st.exports,
                st.written, st.cases, o->cache ? o->cache->reads : 0, ms);
    else
        fprintf(stderr, "build failed: %zu error%s; showing them in the "
                "browser until they are fixed\n", d.errors,
                d.errors == 1 ? "" : "s");
    if (!l.told) {     /* it failed, or found nothing changed */
        sg_buf_puts(&html, "<!DOCTYPE html><html lang=\"en\"><head><meta "
                    "charset=\"utf-8\"><title>Build failed</title><style>"
                    "body{font:16px/1.5 system-ui,sans-serif;margin:2rem;"
                    "max-width:60rem}pre{background:#fff3f0;border-left:4px "
                    "solid #d55e00;padding:1rem;white-space:pre-wrap}</style>"
                    "</head><body><h1>The build failed</h1><p>Fix these "
                    "problems and save; this page reloads by itself.</p>"
                    "<pre>");
        sg_html_escape(&html, text.ptr, text.len);
        sg_buf_puts(&html, "</pre><script src=\"/__gen/reload.js\"></script>"
                    "</body></html>\n");
        S_tell(sv, rc == 0, sg_buf_detach(&html));
    }
    sg_buf_free(&text);
    sg_buf_free(&html);
    sg_arena_free(&a);
}

/* Refuses, before anything is served, an output folder the build would
 * refuse (/, the home folder, the cases, a folder gen did not make): the
 * build's own check, without its lock. */
static int S_check_out(const sg_build_opts *o)
{
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    const char *protect[] = { o->cases, o->templates };  /* as sg_build */
    int rc = sg_publish_check(&a, o->out, protect, 2, &d);
    if (rc != 0) {
        sg_print_diags(&d, false);
        fprintf(stderr, "gen serve: not serving: the output folder %s cannot "
                "be used\n", o->out);
    }
    sg_arena_free(&a);
    return rc;
}

#define WATCH_MASK (IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | \
                    IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

/* What is watched: the cases and templates folders and every folder below
 * them; and the folder each of them and the vocabulary is in, for that
 * one name. Editors and `git checkout` remove a folder and make it again,
 * or move it away and put another in its place; the parent sees that,
 * and the watches are then made again on what is there now. */
typedef struct watch {
    int fd;
    size_t n;
    struct {
        const char *dir, *name;
        int wd;
        bool whole;           /* the parent is watched as a tree too */
    } named[3];
} watch;

static void S_watch_name(watch *w, sg_arena *a, const char *path)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    char *p = sg_strndup(a, path, len);
    char *name = sg_basename(a, p, NULL);
    if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return;
    w->named[w->n].dir = sg_dirname(a, p);
    w->named[w->n].name = name;
    w->n++;
}

/* Watches `dir` and every folder below it. */
static void S_watch_tree(watch *w, const char *dir, int depth)
{
    int wd;
    if (depth > 16 || (wd = inotify_add_watch(w->fd, dir, WATCH_MASK)) < 0)
        return;
    for (size_t i = 0; i < w->n; i++)
        if (w->named[i].wd == wd)
            w->named[i].whole = true;
    sg_arena a = SG_ARENA_INIT;
    DIR *dp = opendir(dir);
    struct dirent *de;
    while (dp && (de = readdir(dp))) {
        if (de->d_name[0] == '.')
            continue;
        char *sub = sg_path_join(&a, dir, de->d_name);
        struct stat st;
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
            S_watch_tree(w, sub, depth + 1);
    }
    if (dp)
        closedir(dp);
    sg_arena_free(&a);
}

/* (Re)makes every watch on a fresh inotify instance: the old one's
 * watches may follow a folder that was moved away. */
static int S_watch_open(watch *w, const sg_build_opts *o)
{
    if (w->fd >= 0)
        close(w->fd);
    w->fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (w->fd < 0)
        return -1;
    for (size_t i = 0; i < w->n; i++) {
        w->named[i].wd = inotify_add_watch(w->fd, w->named[i].dir,
                                           WATCH_MASK | IN_ONLYDIR);
        w->named[i].whole = false;
    }
    S_watch_tree(w, o->cases, 0);
    S_watch_tree(w, o->templates, 0);
    return 0;
}

/* Reads the waiting events; true when one concerns the sources. Sets
 * *rewatch when folders came or went. */
static bool S_watch_read(watch *w, char *buf, size_t size, bool *rewatch)
{
    bool any = false;
    ssize_t n;
    while ((n = read(w->fd, buf, size)) > 0) {
        for (char *p = buf; p < buf + n;) {
            struct inotify_event *ev = (struct inotify_event *)p;
            p += sizeof *ev + ev->len;
            if (ev->mask & IN_Q_OVERFLOW) {
                any = *rewatch = true;
                continue;
            }
            if (ev->mask & IN_IGNORED)
                continue;
            bool ours = true, parent = false;
            for (size_t i = 0; i < w->n; i++) {
                if (w->named[i].wd != ev->wd || w->named[i].whole)
                    continue;
                if (!parent)
                    ours = false;
                parent = true;
                if (ev->len && strcmp(ev->name, w->named[i].name) == 0)
                    ours = *rewatch = true;
            }
            if (!ours)
                continue;
            any = true;
            if (ev->mask & (IN_ISDIR | IN_DELETE_SELF | IN_MOVE_SELF))
                *rewatch = true;
        }
    }
    return any;
}

/* Starts the HTTP daemon on `addr`; NULL after saying why. */
static struct MHD_Daemon *S_listen(server *sv, struct sockaddr_in *addr,
                                   const char *host, long port,
                                   const char *out)
{
    bool polls = MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES ||
                 MHD_is_feature_supported(MHD_FEATURE_POLL) == MHD_YES;
    unsigned limit = S_connection_limit(polls);
    struct MHD_Daemon *daemon = MHD_start_daemon(
        MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
        MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL,
        S_handle, sv, MHD_OPTION_EXTERNAL_LOGGER, S_log, sv,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)addr,
        MHD_OPTION_CONNECTION_TIMEOUT, IDLE_TIMEOUT,
        MHD_OPTION_CONNECTION_LIMIT, limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, limit / 2,
        MHD_OPTION_NOTIFY_CONNECTION, S_on_connection, sv,
        MHD_OPTION_NOTIFY_COMPLETED, S_on_completed, sv, MHD_OPTION_END);
    if (!daemon) {
        fprintf(stderr, "gen serve: cannot listen on %s:%ld: %s\n", host, port,
                strerror(errno));
        return NULL;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    printf("serving %s at http://%s:%u/ (Ctrl-C to stop)\n", out, host,
           info ? info->port : (unsigned)port);
    fflush(stdout);
    return daemon;
}

/* Rebuilds whenever the cases, templates or vocabulary change, until a
 * signal stops it. */
/* Reads every case into the cache when the first build found nothing
 * changed and so read none: the first save then costs what later ones
 * do. What reading says is dropped here: the next build says it again. */
static void S_warm(const sg_build_opts *o)
{
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    const sg_vocab *v;
    const char *paths[1] = { o->cases };
    sg_collection col;
    if (sg_case_cache_vocab(o->cache, o->vocabulary, &v, &d) == 0)
        sg_collection_load_cached(&a, v, paths, 1, o->jobs, NULL, o->cache,
                                  NULL,
                                  &col, &d);
    sg_arena_free(&a);
}

static void S_watch_loop(server *sv, const sg_build_opts *o)
{
    sg_arena wa = SG_ARENA_INIT;
    watch w = { .fd = -1 };
    S_watch_name(&w, &wa, o->cases);
    S_watch_name(&w, &wa, o->templates);
    if (o->vocabulary)
        S_watch_name(&w, &wa, o->vocabulary);
    if (S_watch_open(&w, o) != 0)
        fprintf(stderr, "gen serve: cannot watch for changes (%s); serving "
                "without rebuilding\n", strerror(errno));
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* after the watches exist: a save meanwhile is seen once it is done */
    if (o->cache && !o->cache->n)
        S_warm(o);
    char evbuf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    while (!S_stop) {
        struct pollfd pfd = { w.fd, POLLIN, 0 };
        int ready = poll(&pfd, w.fd >= 0 ? 1 : 0, 500);
        /* a held state request is answered after HOLD_TIME at most */
        pthread_mutex_lock(&sv->lock);
        S_release(sv, false, S_mono() - HOLD_TIME);
        pthread_mutex_unlock(&sv->lock);
        if (ready <= 0)
            continue;
        /* an editor's save is several events: let them settle (for up to
         * two seconds), then build once */
        bool any = false, rewatch = false;
        for (int settle = 0; settle < 33; settle++) {
            any |= S_watch_read(&w, evbuf, sizeof evbuf, &rewatch);
            if (poll(&pfd, 1, 60) <= 0)
                break;
        }
        /* watch what is there now, then build it: a change made before
         * the new watches exist is in this build, one after wakes us */
        if (rewatch && S_watch_open(&w, o) != 0)
            fprintf(stderr, "gen serve: cannot watch for changes (%s); "
                    "serving without rebuilding\n", strerror(errno));
        if (any)
            S_build(sv, o, w.fd >= 0);
    }
    if (w.fd >= 0)
        close(w.fd);
    sg_arena_free(&wa);
}

/* The command line into `o`, host and port; -1 to exit 0 (help), 2 on a
 * usage error, else 0. */
static int S_options(int argc, char **argv, sg_build_opts *o,
                     const char **host, long *port)
{
    static const struct option opts[] = {
        { "port", required_argument, NULL, 'p' },
        { "host", required_argument, NULL, 'H' },
        { "cases", required_argument, NULL, 'c' },
        { "templates", required_argument, NULL, 't' },
        { "out", required_argument, NULL, 'o' },
        { "drafts", no_argument, NULL, 'D' },
        { "settings", required_argument, NULL, 'S' },
        { "vocabulary", required_argument, NULL, 'V' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'p': {
            char *end;
            *port = strtol(optarg, &end, 10);
            if (*end || *port < 0 || *port > 65535) {
                fprintf(stderr, "gen serve: --port takes 0 to 65535\n");
                return 2;
            }
            break;
        }
        case 'H': *host = optarg; break;
        case 'c': o->cases = optarg; break;
        case 't': o->templates = optarg; break;
        case 'o': o->out = optarg; break;
        case 'D': o->drafts = true; break;
        case 'S': o->settings = optarg; break;
        case 'V': o->vocabulary = optarg; break;
        case 'h': fputs(help, stdout); return -1;
        default: fputs(help, stderr); return 2;
        }
    }
    if (optind != argc) {
        fputs(help, stderr);
        return 2;
    }
    return 0;
}

int sg_cmd_serve(int argc, char **argv)
{
    sg_build_opts o = { .cases = "cases", .templates = "templates",
                        .out = "site", .base_url = "", .quiet = true,
                        .jobs = 2, .waiting = sg_build_waiting };
    const char *host = "127.0.0.1";
    long port = 8000;
    int rc = S_options(argc, argv, &o, &host, &port);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    o.templates = sg_templates_dir(o.templates);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        fprintf(stderr, "gen serve: --host takes an IPv4 address such as "
                "127.0.0.1\n");
        return 2;
    }
    if (S_check_out(&o) != 0)
        return 1;
    if (strncmp(host, "127.", 4) != 0)
        fprintf(stderr, "gen serve: listening on %s: other machines can read "
                "the site\n", host);

    /* the cases stay in memory from one build to the next: a save reads
     * only the files that changed */
    sg_case_cache cache;
    sg_case_cache_init(&cache);
    o.cache = &cache;
    /* and so does the last build's manifest */
    sg_manifest_cache mcache;
    sg_manifest_cache_init(&mcache);
    o.mcache = &mcache;
    /* and what it published into the two trees */
    sg_publish_memory pmem;
    sg_publish_memory_init(&pmem);
    o.pmem = &pmem;
    server sv = { .out = o.out, .bound = addr.sin_addr };
    pthread_mutex_init(&sv.lock, NULL);
    sv.problems_html = strdup("");
    S_build(&sv, &o, false);
    struct MHD_Daemon *daemon = S_listen(&sv, &addr, host, port, o.out);
    if (daemon) {
        S_watch_loop(&sv, &o);
        fprintf(stderr, "\nstopped\n");
        /* the daemon stops only with no request held; those let go are
         * given a moment (a second at most) to be answered */
        pthread_mutex_lock(&sv.lock);
        sv.stopping = true;
        S_release(&sv, true, 0);
        pthread_mutex_unlock(&sv.lock);
        for (int i = 0; i < 100; i++) {
            pthread_mutex_lock(&sv.lock);
            size_t left = sv.unfinished;
            pthread_mutex_unlock(&sv.lock);
            if (!left)
                break;
            nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
        }
        MHD_stop_daemon(daemon);
    }
    free(sv.problems_html);
    pthread_mutex_destroy(&sv.lock);
    sg_case_cache_free(&cache);
    sg_manifest_cache_free(&mcache);
    sg_publish_memory_free(&pmem);
    return daemon ? 0 : 1;
}
