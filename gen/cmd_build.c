/* cmd_build.c - `gen build` and `gen list`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "case_keys.h"
#include "classify.h"
#include "collection.h"
#include "commands.h"
#include "settings.h"
#include "site.h"

static const char *const build_help =
    "usage: gen build [--cases DIR] [--templates DIR] [--out DIR] [--drafts]\n"
    "                 [--keep-going] [--settings FILE] [--base-url URL]\n"
    "                 [--title TEXT] [--lang TAG] [--licence TEXT]\n"
    "                 [--vocabulary FILE] [--jobs N] [--no-wait] [--quiet]\n"
    "                 [--verbose]\n"
    "\n"
    "Checks every case, classifies them and writes the static site. If any\n"
    "case, template or internal link has an error, nothing is written and\n"
    "the previous site stays as it was (with --keep-going, only the cases\n"
    "with errors are left out). The site's settings are read from site.yaml\n"
    "in the folder that holds the cases folder; the flags override them.\n"
    "\n"
    "  --cases DIR         case files (default: cases)\n"
    "  --templates DIR     Mustache templates and static/ (default: templates,\n"
    "                      else the templates installed with gen)\n"
    "  --out DIR           output folder (default: site); gen replaces it\n"
    "                      whole, so it must be new, empty or gen's own\n"
    "  --drafts            publish cases marked draft: true (marked as drafts)\n"
    "  --keep-going        leave out the cases with errors (each error is still\n"
    "                      printed) and publish the others; exits 1 when any\n"
    "                      case was left out\n"
    "  --settings FILE     the site settings (default: site.yaml beside the\n"
    "                      cases folder, when it exists)\n"
    "  --base-url URL      absolute URL of the site, for the feed, sitemap,\n"
    "                      canonical links and the 404 page (base_url)\n"
    "  --title TEXT        site title (title; default: the vocabulary's\n"
    "                      pages.index)\n"
    "  --lang TAG          the pages' language, BCP 47 (lang; default: en)\n"
    "  --licence TEXT      the write-ups' licence (licence)\n"
    "  --vocabulary FILE   vocabulary YAML merged over the built-in one\n"
    "  -j, --jobs N        read and render with N threads (default: the number of\n"
    "                      processors); the output is the same for any N\n"
    "  --no-wait           if another build (or gen serve) is writing the same\n"
    "                      output folder, fail at once instead of waiting for it\n"
    "  -q, --quiet         print only problems\n"
    "  -v, --verbose       print more detail\n";

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void sg_build_waiting(const char *out, long pid)
{
    if (pid)
        fprintf(stderr, "waiting for another build of %s (process %ld) to "
                "finish...\n", out, pid);
    else
        fprintf(stderr, "waiting for another build of %s to finish...\n", out);
}

int sg_cmd_build(int argc, char **argv)
{
    static const struct option opts[] = {
        { "cases", required_argument, NULL, 'c' },
        { "templates", required_argument, NULL, 't' },
        { "out", required_argument, NULL, 'o' },
        { "drafts", no_argument, NULL, 'D' },
        { "keep-going", no_argument, NULL, 'K' },
        { "settings", required_argument, NULL, 'S' },
        { "lang", required_argument, NULL, 'L' },
        { "licence", required_argument, NULL, 'l' },
        { "base-url", required_argument, NULL, 'b' },
        { "title", required_argument, NULL, 'T' },
        { "vocabulary", required_argument, NULL, 'V' },
        { "jobs", required_argument, NULL, 'j' },
        { "no-wait", no_argument, NULL, 'W' },
        { "quiet", no_argument, NULL, 'q' },
        { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    sg_build_opts o = { .cases = "cases", .templates = "templates",
                        .out = "site", .base_url = "",
                        .jobs = sg_default_jobs(),
                        .waiting = sg_build_waiting };
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "hqvj:", opts, NULL)) != -1) {
        switch (ch) {
        case 'j': {
            char *end;
            long j = strtol(optarg, &end, 10);
            if (*end || j < 1 || j > 256) {
                fprintf(stderr, "gen build: --jobs takes a number from 1 to 256\n");
                return 2;
            }
            o.jobs = (int)j;
            break;
        }
        case 'c': o.cases = optarg; break;
        case 't': o.templates = optarg; break;
        case 'o': o.out = optarg; break;
        case 'D': o.drafts = true; break;
        case 'K': o.keep_going = true; break;
        case 'S': o.settings = optarg; break;
        case 'L': o.lang = optarg; break;
        case 'l': o.licence = optarg; break;
        case 'b': o.base_url = optarg; break;
        case 'T': o.title = optarg; break;
        case 'V': o.vocabulary = optarg; break;
        case 'W': o.no_wait = true; break;
        case 'q': o.quiet = true; break;
        case 'v': o.verbose = true; break;
        case 'h': fputs(build_help, stdout); return 0;
        default: fputs(build_help, stderr); return 2;
        }
    }
    if (optind != argc) {
        fprintf(stderr, "gen build: unexpected argument '%s'\n\n%s",
                argv[optind], build_help);
        return 2;
    }
    o.templates = sg_templates_dir(o.templates);
    sg_arena a = SG_ARENA_INIT;
    if (*o.base_url && !(o.base_url = sg_settings_base_url(&a, o.base_url))) {
        fprintf(stderr, "gen build: --base-url must start with https:// or "
                "http://, e.g. https://example.org/clusters/\n");
        sg_arena_free(&a);
        return 2;
    }
    if (o.lang && !sg_lang_ok(o.lang)) {
        fprintf(stderr, "gen build: --lang takes a BCP 47 language tag such "
                "as en or da-DK\n");
        sg_arena_free(&a);
        return 2;
    }
    if (!o.quiet && isatty(2))
        o.progress = sg_progress_line;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_build_stats st;
    double t0 = S_now();
    int rc = sg_build(&o, &d, &st);
    double ms = (S_now() - t0) * 1000;
    sg_print_diags(&d, false);
    if (rc == 0 && !o.quiet)
        fprintf(stderr, "built %s: %zu pages (%zu written, %zu unchanged) for "
                "%zu cases, %zu links checked, %zu warning%s, %.0f ms\n",
                o.out, st.pages + st.exports, st.written, st.unchanged, st.cases,
                st.links, d.warnings, d.warnings == 1 ? "" : "s", ms);
    if (rc == 0 && st.broken)
        fprintf(stderr, "published without %zu case%s with errors "
                "(--keep-going): %zu error%s to fix\n", st.broken,
                st.broken == 1 ? "" : "s", d.errors, d.errors == 1 ? "" : "s");
    if (rc == 0 && o.verbose)
        fprintf(stderr, "  cases from %s, templates from %s\n  %zu bytes in "
                "%zu files; %zu files unchanged kept their times\n", o.cases,
                o.templates, st.bytes, st.written + st.unchanged,
                st.unchanged);
    if (rc == 0 && o.verbose)
        fprintf(stderr, "  %zu pages rendered; %zu kept from the last build, "
                "made from the same inputs\n", st.rendered,
                st.pages + st.exports - st.rendered);
    if (rc == 0 && o.verbose && st.cases_kept)
        fprintf(stderr, "  %zu case files not read again: the last build "
                "read them as they are\n", st.cases_kept);
    if (rc == 0 && o.verbose && st.writeups_known)
        fprintf(stderr, "  %zu write-ups not checked again: the last build "
                "found nothing to say about the same text\n",
                st.writeups_known);
    if (rc == 0 && o.verbose && st.rows)
        fprintf(stderr, "  %zu of %zu rows of the data files copied from "
                "the last build, their cases unchanged\n", st.rows_copied,
                st.rows);
    if (rc != 0)
        fprintf(stderr, "build failed: %zu error%s, %zu warning%s; nothing "
                "was written\n", d.errors, d.errors == 1 ? "" : "s",
                d.warnings, d.warnings == 1 ? "" : "s");
    sg_arena_free(&a);
    return rc == 0 && !d.errors ? 0 : 1;
}

/* Prints `s` cut or padded to `width` characters (not bytes: titles
 * such as "Øresund IT" are UTF-8). */
static void S_pad(const char *s, int width)
{
    int n = 0;
    const char *p = s;
    while (*p && n < width) {
        const char *q = p + 1;
        while ((*q & 0xC0) == 0x80)
            q++;
        fwrite(p, 1, (size_t)(q - p), stdout);
        p = q;
        n++;
    }
    for (; n < width; n++)
        putchar(' ');
}

/* The gap numbers come from the vocabulary, read when help is asked. */
static void S_list_help(FILE *f, const char *vocab_file)
{
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_vocab v;
    sg_buf b = SG_BUF_INIT;
    sg_buf_puts(&b, "One line per case: slug, title, stage (declared / "
                "inferred), model and the gaps it bridges as a strip of gap "
                "numbers (");
    if (sg_vocab_load(&v, &a, vocab_file, &d) == 0)
        for (size_t g = 0; g < v.ngaps; g++)
            sg_buf_printf(&b, "%d %s, ", v.gaps[g].number, v.gaps[g].key);
    sg_buf_puts(&b, "'.' where the gap is empty; \"not recorded\" when the case "
                "lists no activities).");
    fputs("usage: gen list [--cases DIR] [--vocabulary FILE]\n\n", f);
    size_t col = 0;
    for (const char *p = b.ptr; *p;) {       /* wrapped at 72 columns */
        size_t n = strcspn(p, " ");
        if (col && col + 1 + n > 72) {
            fputc('\n', f);
            col = 0;
        } else if (col) {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, n, f);
        col += n;
        p += n + (p[n] == ' ');
    }
    fputc('\n', f);
    sg_buf_free(&b);
    sg_arena_free(&a);
}

int sg_cmd_list(int argc, char **argv)
{
    static const struct option opts[] = {
        { "cases", required_argument, NULL, 'c' },
        { "vocabulary", required_argument, NULL, 'V' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *dir = "cases", *vocab_file = NULL;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': dir = optarg; break;
        case 'V': vocab_file = optarg; break;
        case 'h': S_list_help(stdout, vocab_file); return 0;
        default: S_list_help(stderr, NULL); return 2;
        }
    }
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_vocab v;
    int status = 1;
    if (sg_vocab_load(&v, &a, vocab_file, &d) == 0) {
        sg_collection col;
        const char *paths[1] = { dir };
        sg_collection_load(&a, &v, paths, 1, sg_default_jobs(), NULL,
                           &col, &d);
        for (size_t i = 0; i < col.n; i++) {
            sg_case *c = col.cases[i];
            if (!c->ok)
                continue;
            sg_class k;
            sg_classify(&a, &v, c, &k);
            const char *decl = k.stage_declared >= 0
                ? v.stages[k.stage_declared].key : "-";
            const char *inf = k.stage_inferred >= 0
                ? v.stages[k.stage_inferred].key : "-";
            printf("%-32s ", c->slug);
            S_pad(c->title ? c->title : "", 40);
            printf(" %9s / %-9s %-11s %s\n", decl, inf,
                   k.model_final >= 0 ? v.models[k.model_final].key : "-",
                   k.gaps_recorded ? sg_gap_strip(&a, &v, k.covered)
                                   : "not recorded");
        }
        status = d.errors ? 1 : 0;
    }
    sg_print_diags(&d, false);
    sg_arena_free(&a);
    return status;
}
