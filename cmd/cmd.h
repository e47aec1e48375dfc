/* cmd.h — the subcommands, one file each, listed in main.c's table.
 * Each returns the process exit status: 0 success, 1 bad input or a failed run, 2 bad usage. */
#ifndef SIMON_CMD_H
#define SIMON_CMD_H

#define EXIT_INPUT 1
#define EXIT_USAGE 2

/* --strict[=true|false]: sets how loaders treat unknown keys (sim/load/strict.h); -1 after a
 * message naming the command when the value is neither. */
int cmd_strict_option(const char *command, const char *value);

int cmd_apply(int argc, char **argv);
int cmd_gen_hier(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_help(int argc, char **argv);

#endif
