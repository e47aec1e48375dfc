/* apply.c — `simon apply`: run one cluster and workload through one policy and report.
 * Takes the reference simulator's flags too, so its users' scripts keep working.  Its
 * command line is also `simon validate`'s (apply_parse). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "sim/plugin/score.h"
#include "sim/report/report.h"
#include "sim/offered_load.h"
#include "sim/report/snapshot.h"
#include "sim/util/number.h"

static const char apply_intro[] =
	"usage: simon apply -f CLUSTER_CONFIG [-s SCHEDULER_CONFIG] [options]\n"
	"\n"
	"Runs the cluster and workload through the policy and reports; with -o, writes the files below.\n";

static const char validate_intro[] =
	"usage: simon validate -f CLUSTER_CONFIG [-s SCHEDULER_CONFIG] [options]\n"
	"\n"
	"Loads and checks everything `simon apply` with the same options would run (inputs, policies\n"
	"and their args, the output folder), prints what would run, and changes nothing.\n";

static const char apply_help[] =
	"\n"
	"  -f, --simon-config FILE               cluster config (simon/v1alpha1 Config)\n"
	"  -s, --default-scheduler-config FILE   scheduler config (KubeSchedulerConfiguration)\n"
	"  -e, --extended-resources LIST         accepted for compatibility; GPUs are always modelled\n"
	"  -p, --policy NAME                     score with this one policy instead (simon help policies),\n"
	"                                        selecting GPUs as the paper does: FGD its own, Random at\n"
	"                                        random, the others best-fit\n"
	"  -m, --mode inflation|replay           inflation (default): the paper's experiment;\n"
	"                                        replay: arrivals and departures in trace time, a queue\n"
	"      --seed N                          random seed (default: workloadTuningConfig.seed, else 42)\n"
	"      --tune-ratio R                    override workloadTuningConfig.ratio\n"
	"      --arrival-scale K                 replay: arrivals K times as dense, durations kept\n"
	"      --target-load P                   replay: as dense as offers P% of the GPUs' capacity\n"
	"  -o, --output DIR                      write the files below into DIR (all or nothing)\n"
	"  -q, --quiet                           no terminal summary\n"
	"      --strict=false                    unknown keys in the inputs are warnings, not errors\n"
	"\n"
	"Files written with -o:\n";

static void usage(FILE *out, const char *command)
{
	fputs(strcmp(command, "validate") ? apply_intro : validate_intro, out);
	fputs(apply_help, out);
	output_help(out, report_files, n_report_files, 2);
}

enum { OPT_SEED = 256, OPT_TUNE, OPT_STRICT, OPT_IGNORED, OPT_IGNORED_ARG, OPT_SCALE, OPT_LOAD };

static const struct option apply_options[] = {
	{"simon-config", required_argument, NULL, 'f'},
	{"default-scheduler-config", required_argument, NULL, 's'},
	{"extended-resources", required_argument, NULL, 'e'},
	{"policy", required_argument, NULL, 'p'},
	{"mode", required_argument, NULL, 'm'},
	{"seed", required_argument, NULL, OPT_SEED},
	{"tune-ratio", required_argument, NULL, OPT_TUNE},
	{"arrival-scale", required_argument, NULL, OPT_SCALE},
	{"target-load", required_argument, NULL, OPT_LOAD},
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
static const char *known_policy(const char *command, const char *typed)
{
	const struct policy_ops *ops = policy_lookup(typed);
	if (ops)
		return ops->name;
	char message[256];
	policy_unknown(message, sizeof message, typed);
	fprintf(stderr, "simon %s: --policy: %s\n", command, message);
	return NULL;
}

/* Seeds are whole numbers 0 .. 2^64 − 1, exactly (a double would round past 2^53). */
static int parse_seed(const char *command, const char *text, uint64_t *out)
{
	const char *end = number_u64_prefix(text, out);
	if (end && !*end)
		return 0;
	fprintf(stderr, "simon %s: --seed: expected a whole number from 0 to %llu, got '%s'\n", command,
		(unsigned long long)UINT64_MAX, text);
	return -1;
}

static int parse_option(int c, const char *command, char **argv, struct apply_args *a)
{
	struct sim_options *o = &a->sim;
	switch (c) {
	case 'f': o->cluster_config = optarg; return 0;
	case 's': o->scheduler_config = optarg; return 0;
	case 'e': return 0;
	case 'p': return (o->policy = known_policy(command, optarg)) ? 0 : -1;
	case 'o': a->outdir = optarg; return 0;
	case 'q': a->quiet = 1; return 0;
	case 'm':
		if (strcmp(optarg, "inflation") && strcmp(optarg, "replay")) {
			fprintf(stderr, "simon %s: --mode: expected inflation or replay, got '%s'\n", command, optarg);
			return -1;
		}
		o->mode = strcmp(optarg, "replay") == 0 ? MODE_REPLAY : MODE_INFLATION;
		return 0;
	case OPT_SEED: return (o->has_seed = true), parse_seed(command, optarg, &o->seed);
	case OPT_TUNE:
		o->has_tune_ratio = true;
		return cmd_number(command, "--tune-ratio", optarg, 0, 1000, false, &o->tune_ratio);
	case OPT_SCALE:
		return cmd_number(command, "--arrival-scale", optarg, MIN_ARRIVAL_SCALE, MAX_ARRIVAL_SCALE, false,
				  &o->arrival_scale);
	case OPT_LOAD:
		return cmd_number(command, "--target-load", optarg, MIN_TARGET_LOAD, MAX_TARGET_LOAD, false, &o->target_load);
	case OPT_STRICT: return cmd_strict_option(command, optarg);
	case 'i':
	case OPT_IGNORED:
	case OPT_IGNORED_ARG:
		fprintf(stderr, "simon: note: %s is accepted for compatibility and ignored\n", argv[optind - 1]);
		return 0;
	case 'h': usage(stdout, command); return 1;
	default: usage(stderr, command); return -1;
	}
}

int apply_parse(int argc, char **argv, const char *command, struct apply_args *a)
{
	memset(a, 0, sizeof *a);
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:s:e:p:m:o:qhi", apply_options, NULL)) != -1)
		if ((rc = parse_option(c, command, argv, a)))
			return rc;
	if (optind < argc) {
		fprintf(stderr, "simon %s: unexpected argument '%s'\n", command, argv[optind]);
		usage(stderr, command);
		return -1;
	}
	if (!a->sim.cluster_config || (!a->sim.scheduler_config && !a->sim.policy)) {
		fprintf(stderr, "simon %s: need -f CLUSTER_CONFIG and -s SCHEDULER_CONFIG (or --policy)\n", command);
		usage(stderr, command);
		return -1;
	}
	const char *load = a->sim.target_load > 0 ? "--target-load" : a->sim.arrival_scale > 0 ? "--arrival-scale" : NULL;
	if (load && a->sim.mode != MODE_REPLAY) {
		fprintf(stderr, "simon %s: %s: sets the load of a replay; add --mode replay\n", command, load);
		return -1;
	}
	if (a->sim.target_load > 0 && a->sim.arrival_scale > 0) {
		fprintf(stderr, "simon %s: give --arrival-scale or --target-load, not both\n", command);
		return -1;
	}
	return 0;
}

/* The report's files (with -o) and exportConfig's snapshots: one set, all written or none. */
static int write_outputs(const char *outdir, const struct report *r, const struct cluster_config *cfg,
			 struct error *err)
{
	struct output_set out;
	if (output_open(&out, outdir, err))
		return -1;
	if ((outdir && output_write_all(&out, report_files, n_report_files, r, err)) || snapshots_add(&out, r, cfg, err)) {
		output_abort(&out);
		return -1;
	}
	return output_commit(&out, err);
}

/* What the run was made from: the command and every input file's SHA-256. */
static int record_provenance(struct provenance *p, int argc, char **argv, const struct simulation *s,
			     const struct apply_args *a, struct error *err)
{
	const struct trace *t = &s->trace;
	return provenance_init(p, argc, argv, err) ||
			       provenance_add_trace(p, a->sim.cluster_config, &t->cfg, err) ||
			       (a->sim.scheduler_config && provenance_add(p, "scheduler-config", a->sim.scheduler_config, err))
		       ? -1
		       : 0;
}

int cmd_apply(int argc, char **argv)
{
	struct apply_args a;
	char **as_typed = cmd_save_args(argc, argv);
	int parsed = as_typed ? apply_parse(argc, argv, "apply", &a) : -1;
	if (parsed) {
		free(as_typed);
		return parsed > 0 ? 0 : EXIT_USAGE;
	}
	struct simulation *s = calloc(1, sizeof *s);
	if (!s) {
		free(as_typed);
		fprintf(stderr, "simon: out of memory\n");
		return EXIT_INPUT;
	}
	struct error err = {{0}};
	struct provenance prov = {0};
	/* Every place it will write, checked before the run. */
	int rc = (a.outdir && output_check(a.outdir, &err)) || simulation_load(s, &a.sim, &err) ||
				 snapshots_check(&s->trace.cfg, &err) || simulation_execute(s, &a.sim, &err)
			 ? -1
			 : 0;
	if (!rc) {
		struct report r = simulation_report(s);
		if (!a.quiet)
			report_print(stdout, &r);
		r.provenance = &prov;
		rc = (a.outdir && record_provenance(&prov, argc, as_typed, s, &a, &err)) ||
		     write_outputs(a.outdir, &r, &s->trace.cfg, &err);
	}
	provenance_release(&prov);
	free(as_typed);
	if (rc)
		fprintf(stderr, "simon: %s\n", err.msg);
	simulation_release(s);
	free(s);
	return rc ? EXIT_INPUT : 0;
}
