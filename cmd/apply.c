/* apply.c — `simon apply`: run one cluster and workload through one policy and report.
 * Takes the reference simulator's flags too, so its users' scripts keep working. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "sim/policy.h"
#include "sim/report/report.h"

static const char apply_help[] =
	"usage: simon apply -f CLUSTER_CONFIG [-s SCHEDULER_CONFIG] [options]\n"
	"\n"
	"  -f, --simon-config FILE               cluster config (simon/v1alpha1 Config)\n"
	"  -s, --default-scheduler-config FILE   scheduler config (KubeSchedulerConfiguration)\n"
	"  -e, --extended-resources LIST         accepted for compatibility; GPUs are always modelled\n"
	"  -p, --policy NAME                     score with this one policy instead (simon help policies),\n"
	"                                        selecting GPUs as the paper does: FGD its own, Random at\n"
	"                                        random, the others best-fit\n"
	"  -m, --mode inflation|replay           inflation (default): the paper's experiment;\n"
	"                                        replay: arrivals and departures in trace time, FIFO queue\n"
	"      --seed N                          random seed (default: workloadTuningConfig.seed, else 42)\n"
	"      --tune-ratio R                    override workloadTuningConfig.ratio\n"
	"  -o, --output DIR                      write the files below into DIR (all or nothing)\n"
	"  -q, --quiet                           no terminal summary\n"
	"      --strict=false                    unknown keys in the inputs are warnings, not errors\n"
	"\n"
	"Files written with -o:\n";

static void usage(FILE *out)
{
	fputs(apply_help, out);
	output_help(out, report_files, n_report_files, 2);
}

enum { OPT_SEED = 256, OPT_TUNE, OPT_STRICT, OPT_IGNORED, OPT_IGNORED_ARG };

static const struct option apply_options[] = {
	{"simon-config", required_argument, NULL, 'f'},
	{"default-scheduler-config", required_argument, NULL, 's'},
	{"extended-resources", required_argument, NULL, 'e'},
	{"policy", required_argument, NULL, 'p'},
	{"mode", required_argument, NULL, 'm'},
	{"seed", required_argument, NULL, OPT_SEED},
	{"tune-ratio", required_argument, NULL, OPT_TUNE},
	{"output", required_argument, NULL, 'o'},
	{"quiet", no_argument, NULL, 'q'},
	{"strict", optional_argument, NULL, OPT_STRICT},
	{"help", no_argument, NULL, 'h'},
	{"use-greed", no_argument, NULL, OPT_IGNORED},
	{"interactive", no_argument, NULL, OPT_IGNORED},
	{"kubeconfig", required_argument, NULL, OPT_IGNORED_ARG},
	{NULL, 0, NULL, 0},
};

/* A policy as typed (-p fgd): its table name, or NULL after saying what was meant. */
static const char *known_policy(const char *typed)
{
	const struct policy_ops *ops = policy_lookup(typed);
	if (ops)
		return ops->name;
	const char *near = policy_suggest(typed);
	fprintf(stderr, "simon apply: --policy: unknown policy '%s'%s%s%s (`simon help policies` lists them)\n",
		typed, near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
	return NULL;
}

static int parse_number(const char *flag, const char *text, double max, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(text, &end);
	if (end == text || *end || errno || v < 0 || v > max) {
		fprintf(stderr, "simon apply: %s: expected a number from 0 to %g, got '%s'\n", flag, max, text);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct sim_options *o, const char **outdir, int *quiet)
{
	int c;
	double v;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:s:e:p:m:o:qhi", apply_options, NULL)) != -1) {
		switch (c) {
		case 'f': o->cluster_config = optarg; break;
		case 's': o->scheduler_config = optarg; break;
		case 'e': break;
		case 'p':
			if (!(o->policy = known_policy(optarg)))
				return -1;
			break;
		case 'o': *outdir = optarg; break;
		case 'q': *quiet = 1; break;
		case 'm':
			if (strcmp(optarg, "inflation") && strcmp(optarg, "replay")) {
				fprintf(stderr, "simon apply: --mode: expected inflation or replay, got '%s'\n", optarg);
				return -1;
			}
			o->mode = strcmp(optarg, "replay") == 0 ? MODE_REPLAY : MODE_INFLATION;
			break;
		case OPT_SEED:
			if (parse_number("--seed", optarg, 1e18, &v))
				return -1;
			o->seed = (uint64_t)v;
			o->has_seed = true;
			break;
		case OPT_TUNE:
			if (parse_number("--tune-ratio", optarg, 1000, &o->tune_ratio))
				return -1;
			o->has_tune_ratio = true;
			break;
		case OPT_STRICT:
			if (cmd_strict_option("apply", optarg))
				return -1;
			break;
		case 'i':
		case OPT_IGNORED:
		case OPT_IGNORED_ARG:
			fprintf(stderr, "simon: note: %s is accepted for compatibility and ignored\n", argv[optind - 1]);
			break;
		case 'h': usage(stdout); return 1;
		default: usage(stderr); return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "simon apply: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return -1;
	}
	if (!o->cluster_config || (!o->scheduler_config && !o->policy)) {
		fprintf(stderr, "simon apply: need -f CLUSTER_CONFIG and -s SCHEDULER_CONFIG (or --policy)\n");
		usage(stderr);
		return -1;
	}
	return 0;
}

static int write_outputs(const char *outdir, const struct report *r, struct error *err)
{
	struct output_set out;
	if (output_open(&out, outdir, err))
		return -1;
	if (output_write_all(&out, report_files, n_report_files, r, err)) {
		output_abort(&out);
		return -1;
	}
	return output_commit(&out, err);
}

int cmd_apply(int argc, char **argv)
{
	struct sim_options o = {0};
	const char *outdir = NULL;
	int quiet = 0;
	int parsed = parse_args(argc, argv, &o, &outdir, &quiet);
	if (parsed)
		return parsed > 0 ? 0 : EXIT_USAGE;
	struct simulation *s = calloc(1, sizeof *s);
	if (!s) {
		fprintf(stderr, "simon: out of memory\n");
		return EXIT_INPUT;
	}
	struct error err = {{0}};
	int rc = simulation_run(s, &o, &err);
	if (!rc) {
		struct report r = simulation_report(s);
		if (!quiet)
			report_print(stdout, &r);
		if (outdir)
			rc = write_outputs(outdir, &r, &err);
	}
	if (rc)
		fprintf(stderr, "simon: %s\n", err.msg);
	simulation_release(s);
	free(s);
	return rc ? EXIT_INPUT : 0;
}
