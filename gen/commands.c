/* commands.c - the table of commands and shared printing. */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const sg_command sg_commands[] = {
    { "check", sg_cmd_check },
    { "build", sg_cmd_build },
    { "list", sg_cmd_list },
    { "render", sg_cmd_render },
    { "new", sg_cmd_new },
    { "schema", sg_cmd_schema },
    { "serve", sg_cmd_serve },
    { NULL, NULL },
};

int sg_default_jobs(void)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    return ncpu > 0 ? (int)(ncpu < 64 ? ncpu : 64) : 1;
}

const char *sg_templates_dir(const char *given)
{
#ifdef SG_DATADIR
    if (strcmp(given, "templates") == 0 && access("templates", F_OK) != 0)
        return SG_DATADIR "/templates";
#endif
    return given;
}

void sg_progress_line(void *ctx, const char *what, size_t done,
                      size_t total)
{
    (void)ctx;
    if (done < total)
        fprintf(stderr, "\r\033[K%s %zu/%zu", what, done, total);
    else
        fputs("\r\033[K", stderr);
}

void sg_print_diags(sg_diags *d, bool json)
{
    sg_diags_sort(d);
    sg_buf out = SG_BUF_INIT;
    if (json)
        sg_diags_print_json(d, &out);
    else
        sg_diags_print_text(d, &out, isatty(2) && !getenv("NO_COLOR"));
    fwrite(out.ptr, 1, out.len, json ? stdout : stderr);
    sg_buf_free(&out);
}
