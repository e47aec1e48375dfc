/* main.c — simon's entry point: one table of subcommands. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/number.h"

#include "cmd/cmd.h"
#include "sim/load/strict.h"
#include "sim/plugin/score.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
	{"apply", cmd_apply, "replay a cluster and workload through a placement policy"},
	{"validate", cmd_validate, "load and check what apply would run, and say what it would do"},
	{"compare", cmd_compare, "run a matrix of traces × policies × seeds; tables, charts, CI gates"},
	{"gen-hier", cmd_gen_hier, "write rack/server copies of a trace's node and pod YAML"},
	{"train", cmd_train, "learn MLPScore's model from a teacher policy on traces"},
	{"plan", cmd_plan, "find the fewest nodes of a template to add for a target (capacity planning)"},
	{"help", cmd_help, "show this help, `simon help COMMAND`, `simon help policies` or `simon help plugins`"},
};

char **cmd_save_args(int argc, char **argv)
{
	char **copy = malloc(((size_t)argc + 1) * sizeof *copy);
	if (copy)
		memcpy(copy, argv, ((size_t)argc + 1) * sizeof *copy);
	return copy;
}

int cmd_number(const char *command, const char *option, const char *text, double min, double max, bool open,
	       double *out)
{
	double v;
	if (number_real(text, min, max, &v) || (open && v == min)) {
		fprintf(stderr, "simon %s: %s: expected a number %s %g to %g, got '%s'\n", command, option,
			open ? "above" : "from", min, max, text);
		return -1;
	}
	*out = v;
	return 0;
}

int cmd_strict_option(const char *command, const char *value)
{
	if (!value || strcmp(value, "true") == 0) {
		load_set_lenient(false);
		return 0;
	}
	if (strcmp(value, "false") == 0) {
		load_set_lenient(true);
		return 0;
	}
	fprintf(stderr, "simon %s: --strict: expected true or false, got '%s'\n", command, value);
	return -1;
}

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
	fprintf(out, "usage: simon COMMAND [options]   (simon COMMAND --help for its options)\n\ncommands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].help);
}

int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "policies") == 0) {
		for (const struct plugin *const *p = plugin_registry; *p; p++)
			if ((*p)->score)
				printf("  %-20s %s\n", (*p)->score->name, (*p)->score->summary);
		return 0;
	}
	if (strcmp(argv[1], "plugins") == 0) {
		for (int at = 0; at < N_POINTS; at++) {
			printf("%s\n", point_fields[at]);
			for (const struct plugin *const *p = plugin_registry; *p; p++)
				if (plugin_acts_at(*p, (enum extension_point)at)) {
					/* A plugin's own line, but at score, where its score says what it does. */
					bool scoring = at == POINT_SCORE || !(*p)->summary;
					printf("  %-20s %s\n", plugin_name(*p), scoring ? (*p)->score->summary : (*p)->summary);
				}
		}
		return 0;
	}
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			char *args[] = {argv[1], "--help", NULL};
			return commands[i].fn(2, args);
		}
	fprintf(stderr, "simon: no help for '%s'\n", argv[1]);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("simon %s (commit %s)\n", SIMON_VERSION, SIMON_COMMIT);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(1, argv);
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "simon: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
