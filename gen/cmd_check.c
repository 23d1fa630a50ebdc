/* cmd_check.c - `gen check`: validate cases and report every problem. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "case_check.h"
#include "collection.h"
#include "commands.h"
#include "fs.h"
#include "settings.h"

static const char *const help =
    "usage: gen check [--format text|json] [--vocabulary FILE]\n"
    "                 [--require-evidence] [PATH...]\n"
    "\n"
    "Reads every *.md case under PATH (default: cases/), and the site\n"
    "settings (site.yaml) beside each folder, and reports each problem as\n"
    "file:line:column. Exit status: 0 no errors (warnings are\n"
    "allowed), 1 errors, 2 usage.\n"
    "\n"
    "  --format json       diagnostics as a JSON array on standard output\n"
    "  --vocabulary FILE   vocabulary YAML merged over the built-in one\n"
    "  --require-evidence  warn at each activity, funding source and\n"
    "                      declared stage or model without `evidence`\n";

int sg_cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "vocabulary", required_argument, NULL, 'V' },
        { "require-evidence", no_argument, NULL, 'E' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    bool json = false, evidence = false;
    const char *vocab_file = NULL;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'f':
            if (strcmp(optarg, "json") == 0)
                json = true;
            else if (strcmp(optarg, "text") != 0) {
                fprintf(stderr, "gen check: --format is text or json\n");
                return 2;
            }
            break;
        case 'V': vocab_file = optarg; break;
        case 'E': evidence = true; break;
        case 'h': fputs(help, stdout); return 0;
        default: fputs(help, stderr); return 2;
        }
    }
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_vocab v;
    int status = 1;
    if (sg_vocab_load(&v, &a, vocab_file, &d) == 0) {
        const char *def = "cases";
        const char *const *paths = (const char *const *)argv + optind;
        size_t n = (size_t)(argc - optind);
        if (!n) {
            paths = &def;
            n = 1;
        }
        sg_collection col;
        sg_collection_load(&a, &v, paths, n, sg_default_jobs(), NULL,
                           &col, &d);
        /* the settings the build would read with each folder */
        for (size_t i = 0; i < n; i++) {
            sg_settings set;
            if (sg_is_dir(paths[i]))
                (void)sg_settings_read(&a, &v, sg_settings_path(&a, paths[i]),
                                       true, &set, &d);
        }
        for (size_t i = 0; evidence && i < col.n; i++)
            if (col.cases[i]->ok)
                sg_case_require_evidence(&a, col.cases[i], &d);
        status = d.errors ? 1 : 0;
        sg_print_diags(&d, json);
        if (!json)
            fprintf(stderr, "checked %zu case%s: %zu error%s, %zu warning%s\n",
                    col.files, col.files == 1 ? "" : "s", d.errors,
                    d.errors == 1 ? "" : "s", d.warnings,
                    d.warnings == 1 ? "" : "s");
    } else {
        sg_print_diags(&d, json);
    }
    sg_arena_free(&a);
    return status;
}
