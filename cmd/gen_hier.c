/* gen_hier.c — `simon gen-hier`: rack/server copies of a trace's node and pod YAML (sim/load/hier.h). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "sim/load/hier.h"

static const char gen_hier_help[] =
	"usage: simon gen-hier [--data-dir DIR] [--servers-per-rack N] [--scheduler-name NAME]\n"
	"\n"
	"For every workload folder DIR/openb_pod_list_*, writes beside each YAML file a copy\n"
	"<name>-hier.yaml: node i labelled rack: rack-<i div N>, server: srv-<i mod N>; every pod\n"
	"given spec.schedulerName.  Also writes simon-config-hier.yaml there, a cluster config that\n"
	"reads the copies (simon apply -f DIR/openb_pod_list_X/simon-config-hier.yaml ...).\n"
	"\n"
	"  -d, --data-dir DIR          default: data\n"
	"  -n, --servers-per-rack N    default: 4\n"
	"  -s, --scheduler-name NAME   default: rl-scheduler\n";

static const struct option gen_hier_options[] = {
	{"data-dir", required_argument, NULL, 'd'},
	{"servers-per-rack", required_argument, NULL, 'n'},
	{"scheduler-name", required_argument, NULL, 's'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

int cmd_gen_hier(int argc, char **argv)
{
	struct hier_options o = {"data", 4, "rl-scheduler"};
	int c;
	char *end;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:n:s:h", gen_hier_options, NULL)) != -1) {
		switch (c) {
		case 'd': o.data_dir = optarg; break;
		case 's': o.scheduler_name = optarg; break;
		case 'n':
			errno = 0;
			o.servers_per_rack = strtol(optarg, &end, 10);
			if (end == optarg || *end || errno || o.servers_per_rack <= 0) {
				fprintf(stderr, "simon gen-hier: --servers-per-rack: expected a whole number of at least 1, got '%s'\n",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h': fputs(gen_hier_help, stdout); return 0;
		default: fputs(gen_hier_help, stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "simon gen-hier: unexpected argument '%s'\n%s", argv[optind], gen_hier_help);
		return EXIT_USAGE;
	}
	struct hier_result r;
	struct error err = {{0}};
	struct output_set out;
	output_open(&out, NULL, &err);
	int rc = hier_generate(&o, &out, &r, &err);
	if (rc)
		output_abort(&out);
	else
		rc = output_commit(&out, &err);
	if (rc) {
		fprintf(stderr, "simon: %s\n", err.msg);
		return EXIT_INPUT;
	}
	printf("gen-hier: %zu workload folders, %zu files copied (%zu nodes labelled, %zu pods named %s)\n", r.folders,
	       r.files, r.nodes, r.pods, o.scheduler_name);
	return 0;
}
