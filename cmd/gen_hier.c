/* gen_hier.c — `simon gen-hier`: rack/server copies of a trace's node and pod YAML
 * (sim/load/hier.h), into a folder of the user's or, when asked, beside the inputs. */
#include <errno.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "sim/util/number.h"
#include "sim/load/hier.h"

static const char gen_hier_help[] =
	"usage: simon gen-hier --data-dir DIR (--output OUT | --in-place) [--servers-per-rack N]\n"
	"                      [--scheduler-name NAME]\n"
	"\n"
	"For every workload folder DIR/openb_pod_list_X, writes a copy <name>-hier.yaml of each YAML\n"
	"file in it, into OUT/openb_pod_list_X/ (or, with --in-place, beside the original): node i\n"
	"labelled rack: rack-<i div N>, server: srv-<i mod N>; every pod given spec.schedulerName.\n"
	"Beside the copies goes simon-config-hier.yaml, a cluster config that reads them\n"
	"(simon apply -f OUT/openb_pod_list_X/simon-config-hier.yaml ...).  Inputs are never changed.\n"
	"\n"
	"  -d, --data-dir DIR          the folder holding openb_pod_list_* folders (required)\n"
	"  -o, --output OUT            write the copies under OUT\n"
	"      --in-place              write the copies beside the inputs instead\n"
	"  -n, --servers-per-rack N    default: 4\n"
	"  -s, --scheduler-name NAME   default: rl-scheduler\n";

enum { OPT_IN_PLACE = 256 };

static const struct option gen_hier_options[] = {
	{"data-dir", required_argument, NULL, 'd'},
	{"output", required_argument, NULL, 'o'},
	{"in-place", no_argument, NULL, OPT_IN_PLACE},
	{"servers-per-rack", required_argument, NULL, 'n'},
	{"scheduler-name", required_argument, NULL, 's'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static int usage_error(const char *what)
{
	fprintf(stderr, "simon gen-hier: %s\n%s", what, gen_hier_help);
	return -1;
}

/* Whether two paths name one existing folder. */
static bool same_folder(const char *a, const char *b)
{
	char *x = realpath(a, NULL), *y = realpath(b, NULL);
	bool same = x && y && strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

/* 0: parsed; 1: help printed; -1: a usage error printed. */
static int parse(int argc, char **argv, struct hier_options *o)
{
	int c, in_place = 0;
	int64_t n;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:o:n:s:h", gen_hier_options, NULL)) != -1) {
		switch (c) {
		case 'd': o->data_dir = optarg; break;
		case 'o': o->output_dir = optarg; break;
		case OPT_IN_PLACE: in_place = 1; break;
		case 's': o->scheduler_name = optarg; break;
		case 'n':
			if (number_integer(optarg, 1, 1000000, &n))
				return usage_error("--servers-per-rack: expected a whole number from 1 to 1000000");
			o->servers_per_rack = (long)n;
			break;
		case 'h': fputs(gen_hier_help, stdout); return 1;
		default: fputs(gen_hier_help, stderr); return -1;
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument");
	if (!o->data_dir)
		return usage_error("--data-dir is required");
	if (!o->output_dir == !in_place)
		return usage_error("give --output OUT, or --in-place to write beside the inputs (not both)");
	if (o->output_dir && same_folder(o->output_dir, o->data_dir))
		return usage_error("--output is the data folder, where the copies would sit beside the originals; "
				   "say --in-place for that");
	return 0;
}

int cmd_gen_hier(int argc, char **argv)
{
	struct hier_options o = {.servers_per_rack = 4, .scheduler_name = "rl-scheduler"};
	int parsed = parse(argc, argv, &o);
	if (parsed)
		return parsed > 0 ? 0 : EXIT_USAGE;
	struct hier_result r;
	struct error err = {{0}};
	struct output_set out;
	int rc = output_open(&out, o.output_dir, &err);
	if (!rc && hier_generate(&o, &out, &r, &err)) {
		output_abort(&out);
		rc = -1;
	} else if (!rc) {
		rc = output_commit(&out, &err);
	}
	if (rc) {
		fprintf(stderr, "simon: %s\n", err.msg);
		return EXIT_INPUT;
	}
	printf("gen-hier: %zu workload folders, %zu files copied (%zu nodes labelled, %zu pods named %s) into %s\n",
	       r.folders, r.files, r.nodes, r.pods, o.scheduler_name, o.output_dir ? o.output_dir : "their folders");
	return 0;
}
