/* cmd_serve.c - `gen serve`: build, serve the site on loopback, rebuild
 * on every change and reload the open page.
 *
 * HTTP is libmicrohttpd's (its own thread); this file only maps a URL to a
 * file inside the output folder. The main thread watches the cases, the
 * templates and the vocabulary with inotify and rebuilds in-process. When
 * a build fails, pages show its diagnostics until the next good build;
 * the site on disk stays the last good one (gen build never damages it).
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <microhttpd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "escape.h"
#include "fs.h"
#include "publish.h"
#include "site.h"

static const char *const help =
    "usage: gen serve [--port N] [--host ADDR] [--cases DIR] [--templates DIR]\n"
    "                 [--out DIR] [--drafts] [--vocabulary FILE]\n"
    "\n"
    "Builds the site, serves it at http://127.0.0.1:8000/ and rebuilds\n"
    "whenever a case, a template or the vocabulary changes; the open page\n"
    "reloads by itself. While a change breaks the build, pages show the\n"
    "problems instead, and the site comes back once they are fixed.\n"
    "\n"
    "  --port N            port (default 8000; 0 picks a free one)\n"
    "  --host ADDR         address to listen on (default 127.0.0.1: this\n"
    "                      machine only); 0.0.0.0 serves your network\n"
    "  --cases, --templates, --out, --drafts, --vocabulary: as for build\n";

static const char reload_js[] =
    "(function () {\n"
    "  var seen = null;\n"
    "  function poll() {\n"
    "    fetch('/__gen/state', { cache: 'no-store' }).then(function (r) {\n"
    "      return r.json();\n"
    "    }).then(function (s) {\n"
    "      if (seen === null) seen = s.version;\n"
    "      else if (s.version !== seen) location.reload();\n"
    "    }).catch(function () {}).then(function () { setTimeout(poll, 400); });\n"
    "  }\n"
    "  poll();\n"
    "})();\n";

typedef struct server {
    const char *out;
    char out_real[PATH_MAX];
    pthread_mutex_t lock;
    unsigned version;
    bool ok;
    char *problems_html;      /* the failed build's diagnostics */
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

/* A file inside the output folder for a URL path, or false. */
static bool S_resolve(server *sv, sg_arena *a, const char *url, char **file)
{
    const char *rel = url[0] == '/' ? url + 1 : url;
    size_t len = strlen(rel);
    char *path = (len == 0 || rel[len - 1] == '/')
        ? sg_printf(a, "%sindex.html", rel) : sg_strdup(a, rel);
    if (!sg_publish_path_ok(path))
        return false;
    char *full = sg_path_join(a, sv->out, path);
    if (sg_is_dir(full))
        full = sg_path_join(a, full, "index.html");
    char real[PATH_MAX];
    if (!realpath(full, real))
        return false;
    size_t ol = strlen(sv->out_real);
    /* symbolic links must not lead out of the site */
    if (strncmp(real, sv->out_real, ol) != 0 || real[ol] != '/')
        return false;
    *file = sg_strdup(a, real);
    return true;
}

static enum MHD_Result S_handle(void *cls, struct MHD_Connection *conn,
                                const char *url, const char *method,
                                const char *version, const char *upload,
                                size_t *upload_size, void **con_cls)
{
    (void)version; (void)upload; (void)upload_size; (void)con_cls;
    server *sv = cls;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return S_send(conn, 405, "text/plain", "GET only\n", 9);
    if (strcmp(url, "/__gen/reload.js") == 0)
        return S_send(conn, 200, "text/javascript", reload_js,
                      sizeof reload_js - 1);
    pthread_mutex_lock(&sv->lock);
    unsigned ver = sv->version;
    bool ok = sv->ok;
    char *problems = ok ? NULL : strdup(sv->problems_html);
    pthread_mutex_unlock(&sv->lock);
    if (strcmp(url, "/__gen/state") == 0) {
        char js[64];
        int n = snprintf(js, sizeof js, "{\"version\": %u, \"ok\": %s}\n", ver,
                         ok ? "true" : "false");
        free(problems);
        return S_send(conn, 200, "application/json", js, (size_t)n);
    }
    sg_arena a = SG_ARENA_INIT;
    char *file = NULL;
    bool found = S_resolve(sv, &a, url, &file);
    const char *type = found ? S_type(file) : "text/html; charset=utf-8";
    enum MHD_Result ret;
    if (!ok && strncmp(type, "text/html", 9) == 0) {
        ret = S_send(conn, 500, "text/html; charset=utf-8", problems,
                     strlen(problems));
    } else {
        unsigned status = 200;
        if (!found) {
            status = 404;
            found = S_resolve(sv, &a, "/404.html", &file);
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

/* Builds, prints what happened, and records it for the pages. */
static void S_build(server *sv, const sg_build_opts *o)
{
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_build_stats st;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = sg_build(o, &d, &st);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1000 +
                (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    sg_diags_sort(&d);
    sg_buf text = SG_BUF_INIT, html = SG_BUF_INIT;
    sg_diags_print_text(&d, &text, false);
    fputs(text.ptr, stderr);
    if (rc == 0)
        fprintf(stderr, "built %zu pages (%zu written) for %zu cases in %.0f ms\n",
                st.pages + 2, st.written, st.cases, ms);
    else
        fprintf(stderr, "build failed: %zu error%s; showing them in the "
                "browser until they are fixed\n", d.errors,
                d.errors == 1 ? "" : "s");
    sg_buf_puts(&html, "<!DOCTYPE html><html lang=\"en\"><head><meta "
                "charset=\"utf-8\"><title>Build failed</title><style>body{"
                "font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}"
                "pre{background:#fff3f0;border-left:4px solid #d55e00;padding:"
                "1rem;white-space:pre-wrap}</style></head><body><h1>The build "
                "failed</h1><p>Fix these problems and save; this page reloads "
                "by itself.</p><pre>");
    sg_html_escape(&html, text.ptr, text.len);
    sg_buf_puts(&html, "</pre><script src=\"/__gen/reload.js\"></script>"
                "</body></html>\n");
    pthread_mutex_lock(&sv->lock);
    sv->version++;
    sv->ok = rc == 0;
    free(sv->problems_html);
    sv->problems_html = sg_buf_detach(&html);
    if (rc == 0 && !realpath(sv->out, sv->out_real))
        sv->out_real[0] = '\0';
    pthread_mutex_unlock(&sv->lock);
    sg_buf_free(&text);
    sg_buf_free(&html);
    sg_arena_free(&a);
}

/* Watches `dir` and every folder below it. */
static void S_watch_tree(int fd, const char *dir, int depth)
{
    if (depth > 16 || inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_CREATE |
                                        IN_DELETE | IN_MOVED_FROM |
                                        IN_MOVED_TO | IN_DELETE_SELF) < 0)
        return;
    sg_arena a = SG_ARENA_INIT;
    DIR *dp = opendir(dir);
    struct dirent *de;
    while (dp && (de = readdir(dp))) {
        if (de->d_name[0] == '.')
            continue;
        char *sub = sg_path_join(&a, dir, de->d_name);
        struct stat st;
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
            S_watch_tree(fd, sub, depth + 1);
    }
    if (dp)
        closedir(dp);
    sg_arena_free(&a);
}

int sg_cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        { "port", required_argument, NULL, 'p' },
        { "host", required_argument, NULL, 'H' },
        { "cases", required_argument, NULL, 'c' },
        { "templates", required_argument, NULL, 't' },
        { "out", required_argument, NULL, 'o' },
        { "drafts", no_argument, NULL, 'D' },
        { "vocabulary", required_argument, NULL, 'V' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    sg_build_opts o = { .cases = "cases", .templates = "templates",
                        .out = "site", .base_url = "", .quiet = true,
                        .jobs = 2, .waiting = sg_build_waiting };
    const char *host = "127.0.0.1";
    long port = 8000;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'p': {
            char *end;
            port = strtol(optarg, &end, 10);
            if (*end || port < 0 || port > 65535) {
                fprintf(stderr, "gen serve: --port takes 0 to 65535\n");
                return 2;
            }
            break;
        }
        case 'H': host = optarg; break;
        case 'c': o.cases = optarg; break;
        case 't': o.templates = optarg; break;
        case 'o': o.out = optarg; break;
        case 'D': o.drafts = true; break;
        case 'V': o.vocabulary = optarg; break;
        case 'h': fputs(help, stdout); return 0;
        default: fputs(help, stderr); return 2;
        }
    }
    if (optind != argc) {
        fputs(help, stderr);
        return 2;
    }
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
    if (strncmp(host, "127.", 4) != 0)
        fprintf(stderr, "gen serve: listening on %s: other machines can read "
                "the site\n", host);

    server sv = { .out = o.out };
    pthread_mutex_init(&sv.lock, NULL);
    sv.problems_html = strdup("");
    S_build(&sv, &o);

    struct MHD_Daemon *daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL,
        S_handle, &sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_END);
    if (!daemon) {
        fprintf(stderr, "gen serve: cannot listen on %s:%ld: %s\n", host, port,
                strerror(errno));
        free(sv.problems_html);
        return 1;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    printf("serving %s at http://%s:%u/ (Ctrl-C to stop)\n", o.out, host,
           info ? info->port : (unsigned)port);
    fflush(stdout);

    int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (fd >= 0) {
        S_watch_tree(fd, o.cases, 0);
        S_watch_tree(fd, o.templates, 0);
        if (o.vocabulary) {
            sg_arena a = SG_ARENA_INIT;
            inotify_add_watch(fd, sg_dirname(&a, o.vocabulary),
                              IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE);
            sg_arena_free(&a);
        }
    } else {
        fprintf(stderr, "gen serve: cannot watch for changes (%s); serving "
                "without rebuilding\n", strerror(errno));
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    char evbuf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    while (!S_stop) {
        struct pollfd pfd = { fd, POLLIN, 0 };
        int r = poll(&pfd, fd >= 0 ? 1 : 0, 500);
        if (r <= 0)
            continue;
        /* an editor's save is several events: let them settle, then
         * build once */
        bool dirs_changed = false;
        for (;;) {
            ssize_t n = read(fd, evbuf, sizeof evbuf);
            if (n <= 0) {
                struct pollfd again = { fd, POLLIN, 0 };
                if (poll(&again, 1, 60) <= 0)
                    break;
                continue;
            }
            for (char *p = evbuf; p < evbuf + n;) {
                struct inotify_event *ev = (struct inotify_event *)p;
                if (ev->mask & IN_ISDIR)
                    dirs_changed = true;
                p += sizeof *ev + ev->len;
            }
        }
        if (dirs_changed) {
            S_watch_tree(fd, o.cases, 0);
            S_watch_tree(fd, o.templates, 0);
        }
        S_build(&sv, &o);
    }
    fprintf(stderr, "\nstopped\n");
    MHD_stop_daemon(daemon);
    if (fd >= 0)
        close(fd);
    free(sv.problems_html);
    pthread_mutex_destroy(&sv.lock);
    return 0;
}
