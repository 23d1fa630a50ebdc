/* main.c - the command line: parse options, dispatch, map status to exit.
 *
 * Commands report through diagnostics; only this file prints them and
 * decides the exit status: 0 success, 1 errors in the input, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

static const char *const usage =
    "usage: gen COMMAND [options]\n"
    "\n"
    "Static report generator for cluster case studies.\n"
    "\n"
    "commands:\n"
    "  check [PATH...]     validate case files (default: cases/)\n"
    "  build               check, classify and write the site (default: site/)\n"
    "  list                one line per case: stage, model, gap strip\n"
    "  render TEMPLATE     render one Mustache template with YAML/JSON data\n"
    "  new SLUG            write cases/SLUG.md with every key as an example\n"
    "                      (--assessment: with 002's self-assessment questions)\n"
    "  schema              print the JSON Schema of the case format\n"
    "  serve               build, serve on 127.0.0.1 and rebuild on every change\n"
    "\n"
    "options:\n"
    "  -h, --help          this help; `gen COMMAND --help` for a command's\n"
    "  --version           print the version\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("gen %s\n", SG_VERSION);
        return 0;
    }
    for (const sg_command *c = sg_commands; c->name; c++)
        if (strcmp(c->name, cmd) == 0)
            return c->run(argc - 1, argv + 1);
    fprintf(stderr, "gen: unknown command '%s'\n\n%s", cmd, usage);
    return 2;
}
