/* spec.c - runs the official Mustache specification against the engine.
 *
 * usage: spec [--gen PATH] [SPEC_DIR]
 *
 * Reads every *.yml in SPEC_DIR (default ../shared/mustache-spec) with
 * libyaml and runs each test, skipping only the optional lambdas module.
 * In-process by default; with --gen, each test is written to a temporary
 * folder and rendered by the real binary (`gen render`), so the command
 * line, file loading and partial lookup are tested too. Prints a line per
 * failure, per-file counts and a closing "N passed, N failed".
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fs.h"
#include "mustache.h"
#include "yaml_read.h"

typedef struct {
    sg_arena *a;
    const sg_value *partials;  /* name -> template text */
    sg_diags *d;
} mem_loader;

static const sg_tpl *S_load(void *ctx, const char *name, sg_diags *d)
{
    mem_loader *m = ctx;
    const char *src = sg_value_str(sg_map_get(m->partials, name));
    if (!src)
        return NULL;
    return sg_tpl_compile(m->a, name, src, strlen(src), d);
}

static int S_in_process(sg_arena *a, const sg_value *test, sg_buf *out)
{
    sg_diags d;
    sg_diags_init(&d, a);
    const char *tpl = sg_value_str(sg_map_get(test, "template"));
    sg_tpl *t = sg_tpl_compile(a, "template", tpl, strlen(tpl), &d);
    if (!t)
        return -1;
    mem_loader m = { a, sg_map_get(test, "partials"), &d };
    sg_tpl_loader loader = { &m, S_load };
    /* render twice: a compiled template must be reusable unchanged */
    sg_buf first = SG_BUF_INIT;
    int rc = sg_tpl_render(t, sg_map_get(test, "data"), &loader, &first, &d);
    rc |= sg_tpl_render(t, sg_map_get(test, "data"), &loader, out, &d);
    if (strcmp(first.ptr, out->ptr) != 0)
        rc = -1;
    sg_buf_free(&first);
    return rc;
}

static int S_write(const char *path, const char *s, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fwrite(s, 1, len, f);
    return fclose(f);
}

static int S_via_gen(sg_arena *a, const char *gen, const sg_value *test,
                     sg_buf *out)
{
    char dir[] = "/tmp/gen-spec-XXXXXX";
    if (!mkdtemp(dir))
        return -1;
    char *parts = sg_printf(a, "%s/partials", dir);
    mkdir(parts, 0700);
    const sg_value *pm = sg_map_get(test, "partials");
    for (size_t i = 0; pm && pm->type == SG_MAP && i < pm->u.map.n; i++) {
        const char *src = sg_value_str(pm->u.map.items[i].val);
        S_write(sg_printf(a, "%s/%s.mustache", parts, pm->u.map.items[i].key),
                src, strlen(src));
    }
    const char *tpl = sg_value_str(sg_map_get(test, "template"));
    char *tfile = sg_printf(a, "%s/main.mustache", dir);
    S_write(tfile, tpl, strlen(tpl));
    sg_buf json = SG_BUF_INIT;
    sg_json_write(&json, sg_map_get(test, "data"), 0);
    char *dfile = sg_printf(a, "%s/data.json", dir);
    S_write(dfile, json.ptr, json.len);
    sg_buf_free(&json);

    int pipefd[2];
    if (pipe(pipefd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pipefd[1], 1);
        close(pipefd[0]);
        close(pipefd[1]);
        freopen("/dev/null", "w", stderr);
        execl(gen, gen, "render", tfile, "--data", dfile, "--partials", parts,
              (char *)NULL);
        _exit(127);
    }
    close(pipefd[1]);
    char tmp[4096];
    ssize_t n;
    while ((n = read(pipefd[0], tmp, sizeof tmp)) > 0)
        sg_buf_put(out, tmp, (size_t)n);
    close(pipefd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    sg_remove_tree(dir);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int S_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    const char *gen = NULL, *dir = "../shared/mustache-spec";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--gen") == 0 && i + 1 < argc)
            gen = argv[++i];
        else
            dir = argv[i];
    }
    DIR *dp = opendir(dir);
    if (!dp) {
        printf("mustache spec: %s not found; skipped\n", dir);
        printf("0 passed, 0 failed\n");
        return 0;
    }
    char *names[64];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(dp)) && nn < 64) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".yml") == 0 &&
            strcmp(de->d_name, "~lambdas.yml") != 0)
            names[nn++] = strdup(de->d_name);
    }
    closedir(dp);
    qsort(names, nn, sizeof *names, S_cmp);
    int passed = 0, failed = 0;
    for (size_t f = 0; f < nn; f++) {
        sg_arena a = SG_ARENA_INIT;
        sg_diags d;
        sg_diags_init(&d, &a);
        sg_buf src = SG_BUF_INIT;
        char *path = sg_printf(&a, "%s/%s", dir, names[f]);
        sg_value *doc = NULL;
        if (sg_read_file(path, SG_MAX_FILE_SIZE, &src, &d) != 0 ||
            sg_yaml_parse(&a, path, src.ptr, src.len, 1, &doc, &d) != 0) {
            printf("%s: cannot read\n", path);
            failed++;
            sg_buf_free(&src);
            sg_arena_free(&a);
            continue;
        }
        const sg_value *tests = sg_map_get(doc, "tests");
        int fp = 0, ff = 0;
        for (size_t i = 0; tests && i < tests->u.list.n; i++) {
            const sg_value *t = tests->u.list.items[i];
            sg_buf out = SG_BUF_INIT;
            int rc = gen ? S_via_gen(&a, gen, t, &out)
                         : S_in_process(&a, t, &out);
            const char *want = sg_value_str(sg_map_get(t, "expected"));
            if (rc == 0 && want && strcmp(out.ptr, want) == 0) {
                fp++;
            } else {
                ff++;
                printf("FAIL %s: %s\n  expected: [%s]\n  got:      [%s]\n",
                       names[f], sg_value_str(sg_map_get(t, "name")),
                       want ? want : "?", out.ptr);
            }
            sg_buf_free(&out);
        }
        printf("%-22s %3d passed, %d failed%s\n", names[f], fp, ff,
               gen ? " (through gen render)" : "");
        passed += fp;
        failed += ff;
        sg_buf_free(&src);
        sg_arena_free(&a);
        free(names[f]);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
