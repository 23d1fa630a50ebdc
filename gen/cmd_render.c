/* cmd_render.c - `gen render`: one template, one data file, to stdout. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "fs.h"
#include "tpl_dir.h"
#include "yaml_read.h"

static const char *const help =
    "usage: gen render TEMPLATE [--data FILE] [--partials DIR]\n"
    "                  [--max-output BYTES]\n"
    "\n"
    "Renders a Mustache template with data from a YAML or JSON file (none:\n"
    "an empty context) to standard output. {{> name}} and {{< name}} load\n"
    "name.mustache from DIR (default: the template's own folder). On an\n"
    "error nothing is written to standard output.\n"
    "\n"
    "  --max-output BYTES  fail when the output would be larger (default:\n"
    "                      256 MiB, the limit for one page of gen build)\n";

int sg_cmd_render(int argc, char **argv)
{
    static const struct option opts[] = {
        { "data", required_argument, NULL, 'd' },
        { "partials", required_argument, NULL, 'p' },
        { "max-output", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *data_file = NULL, *partials = NULL;
    size_t max_out = SG_TPL_MAX_OUTPUT;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "hd:p:", opts, NULL)) != -1) {
        switch (ch) {
        case 'd': data_file = optarg; break;
        case 'p': partials = optarg; break;
        case 'm': {
            char *end;
            errno = 0;
            unsigned long long m = strtoull(optarg, &end, 10);
            if (errno || end == optarg || *end || m == 0 || *optarg == '-' ||
                (size_t)m != m) {
                fprintf(stderr, "gen render: --max-output is a number of "
                        "bytes above 0\n");
                return 2;
            }
            max_out = (size_t)m;
            break;
        }
        case 'h': fputs(help, stdout); return 0;
        default: fputs(help, stderr); return 2;
        }
    }
    if (optind != argc - 1) {
        fputs(help, stderr);
        return 2;
    }
    const char *file = argv[optind];
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_buf src = SG_BUF_INIT, out = SG_BUF_INIT;
    int status = 1;
    sg_value *data = NULL;
    if (data_file) {
        sg_buf db = SG_BUF_INIT;
        if (sg_read_file(data_file, SG_MAX_FILE_SIZE, &db, &d) == 0)
            sg_yaml_parse(&a, data_file, db.ptr, db.len, 1, &data, &d);
        sg_buf_free(&db);
    }
    if (!d.errors && sg_read_file(file, SG_MAX_FILE_SIZE, &src, &d) == 0) {
        sg_tpl *t = sg_tpl_compile(&a, file, src.ptr, src.len, &d);
        if (t) {
            sg_tpl_dir td;
            sg_tpl_dir_init(&td, &a, partials ? partials : sg_dirname(&a, file));
            sg_tpl_check_partials(t, &td.loader, &d);
            if (sg_tpl_render_max(t, data, &td.loader, max_out, &out,
                                  &d) == 0 && !td.failures)
                status = 0;
        }
    }
    /* a failed render's output is a part of a page: none is better */
    if (status == 0 && !d.errors)
        fwrite(out.ptr, 1, out.len, stdout);
    sg_print_diags(&d, false);
    sg_buf_free(&src);
    sg_buf_free(&out);
    sg_arena_free(&a);
    return d.errors ? 1 : status;
}
