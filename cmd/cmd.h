/* cmd.h — the subcommands, one file each, listed in main.c's table.
 * Each returns the process exit status: 0 success, 1 bad input or a failed run, 2 bad usage. */
#ifndef SIMON_CMD_H
#define SIMON_CMD_H

#include "sim/simulation.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2

/* A copy of argv's pointers, taken before getopt reorders them, for the provenance's command
 * line; free() it.  NULL when out of memory. */
char **cmd_save_args(int argc, char **argv);

/* apply's command line, which validate shares. */
struct apply_args {
	struct sim_options sim;
	const char *outdir;
	int quiet;
};

/* 0: parsed; 1: help was printed; -1: a usage error was printed, naming command. */
int apply_parse(int argc, char **argv, const char *command, struct apply_args *a);

/* An option's number in [min, max] (min itself excluded when open) into *out; -1 after a
 * message naming the command and the option as written ("--tune-ratio"). */
int cmd_number(const char *command, const char *option, const char *text, double min, double max, bool open,
	       double *out);

/* --strict[=true|false]: sets how loaders treat unknown keys (sim/load/strict.h); -1 after a
 * message naming the command when the value is neither. */
int cmd_strict_option(const char *command, const char *value);

int cmd_apply(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_gen_hier(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_help(int argc, char **argv);

#endif
