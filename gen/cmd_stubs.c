/* placeholder while the commands are written */
#include "commands.h"
int sg_cmd_new(int argc, char **argv) { (void)argc; (void)argv; return 2; }
int sg_cmd_schema(int argc, char **argv) { (void)argc; (void)argv; return 2; }
