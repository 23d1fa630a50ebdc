/* commands.h - the subcommands of gen, one function each.
 *
 * Each takes the arguments after "gen" (argv[0] is the command name) and
 * returns the exit status: 0 success, 1 problems in the input, 2 usage.
 */
#ifndef SG_COMMANDS_H
#define SG_COMMANDS_H

#include <stdbool.h>

#include "diag.h"

#define SG_VERSION "0.1.0"

typedef struct sg_command {
    const char *name;
    int (*run)(int argc, char **argv);
} sg_command;

extern const sg_command sg_commands[];

int sg_cmd_check(int argc, char **argv);
int sg_cmd_build(int argc, char **argv);
int sg_cmd_list(int argc, char **argv);
int sg_cmd_render(int argc, char **argv);
int sg_cmd_new(int argc, char **argv);
int sg_cmd_schema(int argc, char **argv);
int sg_cmd_serve(int argc, char **argv);

/* The templates folder to use: `given`, except that an installed gen run
 * where there is no templates/ uses the templates installed with it. */
const char *sg_templates_dir(const char *given);

/* Threads to use when not told: the number of processors (1 to 64). */
int sg_default_jobs(void);

/* Says on stderr that the build waits for another build of `out`
 * (sg_build_opts.waiting); `pid` 0 when unknown. */
void sg_build_waiting(const char *out, long pid);

/* A progress line on stderr (a terminal), cleared when done == total:
 * an sg_progress_fn for sg_build_opts.progress. */
void sg_progress_line(void *ctx, const char *what, size_t done,
                      size_t total);

/* Prints the diagnostics (sorted) to stderr, text or JSON. */
void sg_print_diags(sg_diags *d, bool json);

#endif
