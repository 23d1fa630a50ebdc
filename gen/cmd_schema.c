/* cmd_schema.c - `gen schema`: the JSON Schema of the case format. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "commands.h"
#include "schema.h"
#include "settings.h"

static const char *const help =
    "usage: gen schema [--site] [--vocabulary FILE]\n"
    "\n"
    "Prints the JSON Schema (draft-07) of a case file's front matter, built\n"
    "from the vocabulary so that it always matches what gen check accepts.\n"
    "YAML-aware editors use it for completion and inline errors.\n"
    "\n"
    "  --site   the schema of the site settings (site.yaml) instead\n";

int sg_cmd_schema(int argc, char **argv)
{
    static const struct option opts[] = {
        { "vocabulary", required_argument, NULL, 'V' },
        { "site", no_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *vocab_file = NULL;
    bool site = false;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'V': vocab_file = optarg; break;
        case 's': site = true; break;
        case 'h': fputs(help, stdout); return 0;
        default: fputs(help, stderr); return 2;
        }
    }
    if (optind != argc) {
        fputs(help, stderr);
        return 2;
    }
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_vocab v;
    int status = 1;
    if (sg_vocab_load(&v, &a, vocab_file, &d) == 0) {
        sg_buf out = SG_BUF_INIT;
        sg_json_write(&out, site ? sg_settings_schema(&a, &v)
                                : sg_schema(&a, &v), 2);
        sg_buf_putc(&out, '\n');
        fwrite(out.ptr, 1, out.len, stdout);
        sg_buf_free(&out);
        status = 0;
    }
    sg_print_diags(&d, false);
    sg_arena_free(&a);
    return status;
}
