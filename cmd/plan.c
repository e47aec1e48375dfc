/* plan.c — `simon plan`: capacity planning (sim/plan_search.h).  It takes apply's options, and its
 * own: --node TEMPLATE (repeatable; else the cluster config's newNode), --cost C after a
 * --node, --target and --max.  A thin layer: parse, search per template, print and write. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "sim/report/plan_files.h"

#define MAX_TEMPLATES 16

static const char plan_usage[] =
	"usage: simon plan -f CLUSTER_CONFIG -s SCHEDULER_CONFIG [--node TEMPLATE [--cost C]]... [options]\n"
	"\n"
	"Finds the fewest copies of a node template to add so that the workload meets a target, by\n"
	"bisection over whole runs, and reports the count, each count run, and the time taken.\n"
	"\n"
	"      --node FILE       a node template: a YAML file of one Node (repeat to compare several);\n"
	"                        without one, the cluster config's spec.newNode\n"
	"      --cost C          the cost of one node of the --node before it\n"
	"      --target T        all (default: every pod runs), alloc:PERCENT (GPU allocation of the\n"
	"                        arrived workload at least that), or p95-wait:SECONDS (replay)\n"
	"      --max N           the most nodes to add (default 1000)\n"
	"  and apply's options: -f, -s, -p, -m, --seed, --tune-ratio, --arrival-scale, --target-load,\n"
	"  -o DIR (writes the files below), -q, --strict=false.\n"
	"\n"
	"Files written with -o:\n";

struct plan_args {
	const char *nodes[MAX_TEMPLATES];
	double costs[MAX_TEMPLATES];
	int n_nodes;
	const char *target;
	double max;
};

/* The value of option `name` at argv[*i] ("--name V" or "--name=V"), advancing *i; NULL when
 * argv[*i] is not that option. */
static const char *option_value(int argc, char **argv, int *i, const char *name, bool *missing)
{
	size_t len = strlen(name);
	if (strncmp(argv[*i], name, len))
		return NULL;
	if (argv[*i][len] == '=')
		return argv[*i] + len + 1;
	if (argv[*i][len])
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

/* Takes plan's own options out of argv (kept[0..*n) is the rest, for apply_parse). */
static int split_args(int argc, char **argv, struct plan_args *p, char **kept, int *n)
{
	memset(p, 0, sizeof *p);
	p->target = "all";
	p->max = 1000;
	*n = 0;
	kept[(*n)++] = argv[0];
	for (int i = 1; i < argc; i++) {
		bool missing = false;
		const char *v;
		if ((v = option_value(argc, argv, &i, "--node", &missing))) {
			if (p->n_nodes == MAX_TEMPLATES) {
				fprintf(stderr, "simon plan: --node: at most %d templates\n", MAX_TEMPLATES);
				return -1;
			}
			p->costs[p->n_nodes] = NAN;
			p->nodes[p->n_nodes++] = v;
		} else if ((v = option_value(argc, argv, &i, "--cost", &missing))) {
			if (!p->n_nodes) {
				fprintf(stderr, "simon plan: --cost: give it after the --node it prices\n");
				return -1;
			}
			if (cmd_number("plan", "--cost", v, 0, 1e15, false, &p->costs[p->n_nodes - 1]))
				return -1;
		} else if ((v = option_value(argc, argv, &i, "--target", &missing))) {
			p->target = v;
		} else if ((v = option_value(argc, argv, &i, "--max", &missing))) {
			if (cmd_number("plan", "--max", v, 1, 100000, false, &p->max))
				return -1;
		} else if (!missing) {
			kept[(*n)++] = argv[i];
		}
		if (missing) {
			fprintf(stderr, "simon plan: %s: needs a value\n", argv[i]);
			return -1;
		}
	}
	kept[*n] = NULL;
	return 0;
}

static int search_all(struct simulation *s, const struct apply_args *a, struct plan_template *tpl, int n,
		      const struct plan_target *target, int max, struct plan_result *res, struct error *err)
{
	struct run_options o = simulation_run_options(s, &a->sim);
	for (int t = 0; t < n; t++)
		if (plan_search(&s->trace, &o, &tpl[t], target, max, &res[t], err))
			return -1;
	return 0;
}

static int run_plan(struct simulation *s, const struct apply_args *a, const struct plan_args *p, struct error *err)
{
	struct plan_target target;
	if (plan_target_parse(&target, p->target, err))
		return -1;
	if (target.goal == PLAN_P95_WAIT && a->sim.mode != MODE_REPLAY)
		return error_set(err, "--target p95-wait: waits are replay's; add --mode replay");
	if (a->outdir && output_check(a->outdir, err))   /* before the runs, not after */
		return -1;
	if (simulation_check(s, &a->sim, err))
		return -1;
	const char *paths[MAX_TEMPLATES];
	double costs[MAX_TEMPLATES];
	int n = p->n_nodes;
	memcpy(paths, p->nodes, sizeof paths);
	memcpy(costs, p->costs, sizeof costs);
	if (n == 0 && s->trace.cfg.new_node[0]) {
		paths[0] = s->trace.cfg.new_node;
		costs[0] = NAN;
		n = 1;
	}
	if (n == 0)
		return error_set(err, "no node template: give --node FILE, or spec.newNode in the cluster config");
	struct plan_template tpl[MAX_TEMPLATES];
	struct plan_result res[MAX_TEMPLATES];
	memset(res, 0, sizeof res);
	int loaded = 0, rc = 0;
	for (; loaded < n && !rc; loaded++) {
		rc = plan_template_load(&tpl[loaded], paths[loaded], err);
		tpl[loaded].cost = costs[loaded];
	}
	if (!rc)
		rc = search_all(s, a, tpl, n, &target, (int)p->max, res, err);
	struct plan_report report = {tpl, res, (size_t)n, &target, p->target};
	if (!rc && !a->quiet)
		plan_print(stdout, &report);
	struct output_set out;
	if (!rc && a->outdir && !(rc = output_open(&out, a->outdir, err))) {
		rc = output_write_all(&out, plan_files, n_plan_files, &report, err);
		rc = rc ? (output_abort(&out), -1) : output_commit(&out, err);
	}
	for (int t = 0; t < loaded; t++) {
		plan_template_release(&tpl[t]);
		plan_result_release(&res[t]);
	}
	return rc;
}

int cmd_plan(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(plan_usage, stdout);
			output_help(stdout, plan_files, n_plan_files, 2);
			return 0;
		}
	char **kept = malloc(((size_t)argc + 1) * sizeof *kept);
	struct plan_args p;
	struct apply_args a;
	int n;
	if (!kept || split_args(argc, argv, &p, kept, &n) || apply_parse(n, kept, "plan", &a)) {
		free(kept);
		return EXIT_USAGE;
	}
	struct simulation *s = calloc(1, sizeof *s);
	struct error err = {{0}};
	int rc = s ? run_plan(s, &a, &p, &err) : error_set(&err, "out of memory");
	if (rc)
		fprintf(stderr, "simon: %s\n", err.msg);
	if (s)
		simulation_release(s);
	free(s);
	free(kept);
	return rc ? EXIT_INPUT : 0;
}
