/* validate.c — `simon validate`: everything `simon apply` would load and check (the trace,
 * the scheduler config, each policy's args, the output folder), and what it would run;
 * nothing is run or written.  Takes apply's command line (apply_parse). */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "sim/report/snapshot.h"
#include "sim/util/clock.h"
#include "sim/util/outdir.h"

static void describe(const struct simulation *s, const struct apply_args *a, double seconds)
{
	const struct cluster *c = &s->run.cluster;
	const struct workload *w = &s->trace.workload;
	printf("simon validate: %s and %s are good\n", a->sim.cluster_config,
	       a->sim.scheduler_config ? a->sim.scheduler_config : "--policy");
	printf("  cluster   %zu nodes, %d GPUs, %.0f CPUs", c->n, c->total_gpus, (double)c->total_cpu / 1000.0);
	if (w->n_racks)
		printf(", %zu racks", w->n_racks);
	printf("\n  workload  %zu pods in the trace, %zu would arrive (%zu tuned, %zu inflated, %zu removed)\n",
	       w->n_pods, s->run.arrivals.n, s->run.arrivals.tuned, s->run.arrivals.inflated, s->run.arrivals.removed);
	printf("  typical   %zu pod groups cover %.2f%% of the trace\n", s->trace.typical.n,
	       100.0 * s->trace.typical.coverage);
	printf("  would run %s mode, policy %s, GPU selection %s, seed %llu\n", mode_name(a->sim.mode), s->profile.name,
	       s->profile.gpu_sel_name, (unsigned long long)s->run.seed);
	if (a->outdir)
		printf("  would write into %s\n", a->outdir);
	printf("  took      %.3f s to load and check, peak memory %.1f MB\n", seconds, peak_memory_mb());
}

int cmd_validate(int argc, char **argv)
{
	struct apply_args a;
	int parsed = apply_parse(argc, argv, "validate", &a);
	if (parsed)
		return parsed > 0 ? 0 : EXIT_USAGE;
	struct simulation *s = calloc(1, sizeof *s);
	if (!s) {
		fprintf(stderr, "simon: out of memory\n");
		return EXIT_INPUT;
	}
	struct error err = {{0}};
	double start = clock_seconds();
	int rc = (a.outdir && output_check(a.outdir, &err)) || simulation_check(s, &a.sim, &err) ||
		 snapshots_check(&s->trace.cfg, &err);
	if (rc)
		fprintf(stderr, "simon: %s\n", err.msg);
	else if (!a.quiet)
		describe(s, &a, clock_seconds() - start);
	simulation_release(s);
	free(s);
	return rc ? EXIT_INPUT : 0;
}
