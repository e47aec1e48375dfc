/* Integration with the real traces in ../shared (skipped with a message when absent). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <dirent.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "tests/support.h"

static void need_openb(void)
{
	if (!have_openb())
		cr_skip_test("needs ../shared/traces/openb beside the repository (not present)");
}

/* A run that skipped every test is no pass: it exits 77, ctest's Skipped, even when started
 * without tests/needs-shared.sh. */
ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
	if (stats->nb_tests > 0 && stats->tests_skipped == stats->nb_tests) {
		fprintf(stderr, "test_openb: every test skipped (no ../shared/traces/openb)\n");
		fflush(NULL);
		_exit(77);
	}
}

/* Runs a trace under one policy, with GPU selection as the paper's configs set it. */
static void run_openb(const char *trace, const char *policy, uint64_t seed, struct simulation *s)
{
	static const char *const configs[][2] = {{"FGDScore", "fgd"}, {"BestFitScore", "bestfit"},
						 {"RandomScore", "random"}};
	char cc[1024], sc[1024] = "";
	snprintf(cc, sizeof cc, "%s/data/openb/%s.yaml", SIMON_SOURCE_DIR, trace);
	for (size_t i = 0; i < sizeof configs / sizeof configs[0]; i++)
		if (strcmp(policy, configs[i][0]) == 0)
			snprintf(sc, sizeof sc, "%s/data/schedulers/%s.yaml", SIMON_SOURCE_DIR, configs[i][1]);
	cr_assert(sc[0], "no scheduler config for %s", policy);
	struct sim_options o = {.cluster_config = cc, .scheduler_config = sc, .has_seed = true, .seed = seed};
	struct error err = {{0}};
	cr_assert_eq(simulation_run(s, &o, &err), 0, "%s", err.msg);
}

Test(openb, default_trace_under_best_fit)
{
	need_openb();
	struct simulation s;
	run_openb("default", "BestFitScore", 42, &s);
	cr_assert_eq(s.trace.workload.n_nodes, 1213);
	cr_assert_eq(s.run.cluster.total_gpus, 6212);
	cr_assert_eq(s.trace.workload.n_pods, 8152);
	/* The published target workload for this trace: 35 typical pods covering 95.26%. */
	cr_assert_eq(s.trace.typical.n, 35);
	cr_assert_float_eq(s.trace.typical.coverage * 100, 95.26, 0.005);
	/* Tuned to 1.3x: the request ends within one pod (8 GPUs) past 130% of 6,212,000 milli. */
	cr_assert_geq(s.run.result.arrived_gpu_milli, 8075600 - 1000);
	cr_assert_leq(s.run.result.arrived_gpu_milli, 8075600 + 8000);
	cr_assert_eq(s.run.result.scheduled + s.run.result.failed, s.run.arrivals.n);
	cr_assert_gt(s.run.result.final.gpu_alloc_pct, 85.0);
	cr_assert_lt(s.run.result.final.gpu_alloc_pct, 100.0);
	cr_assert_eq(s.run.result.curve[s.run.result.n_curve - 1].arrived_pct, 130);
	simulation_release(&s);
}

Test(openb, every_trace_folder_loads_and_runs)
{
	need_openb();
	DIR *d = opendir(SIMON_SOURCE_DIR "/data/openb");
	cr_assert_not_null(d);
	struct dirent *e;
	int runs = 0;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".yaml"))
			continue;
		char trace[256];
		snprintf(trace, sizeof trace, "%.*s", (int)(n - 5), e->d_name);
		struct simulation s;
		run_openb(trace, "BestFitScore", 42, &s);
		cr_assert_eq(s.trace.workload.n_nodes, 1213, "%s", trace);
		cr_assert_gt(s.trace.workload.n_pods, 7000, "%s", trace);
		cr_assert_gt(s.run.result.scheduled, 4000, "%s", trace);
		simulation_release(&s);
		runs++;
	}
	closedir(d);
	cr_assert_eq(runs, 23);
}

Test(openb, replay_mode_runs_the_default_trace)
{
	need_openb();
	char cc[1024];
	snprintf(cc, sizeof cc, "%s/data/openb/default.yaml", SIMON_SOURCE_DIR);
	struct sim_options o = {.cluster_config = cc, .policy = "BestFitScore", .mode = MODE_REPLAY,
				.has_tune_ratio = true, .tune_ratio = 0};
	struct simulation s;
	struct error err = {{0}};
	cr_assert_eq(simulation_run(&s, &o, &err), 0, "%s", err.msg);
	cr_assert_eq(s.run.arrivals.n, 8152);
	cr_assert_gt(s.run.result.scheduled, 8000);
	cr_assert_gt(s.run.result.n_timeline, 1000);
	simulation_release(&s);
}

Test(openb, reference_example_runs_from_its_folder_with_its_fgd_config)
{
	if (access(SIMON_SOURCE_DIR "/../shared/examples/simon/example", F_OK))
		cr_skip_test("needs ../shared/examples/simon (not present)");
	/* Its cluster config names its folder relative to the reference's root, so run it from there. */
	char *err = NULL;
	int rc = run_simon("&& cd ../shared/examples/simon && '" SIMON_BIN "' apply --extended-resources gpu "
			   "-f example/test-cluster-config.yaml -s example/test-scheduler-config.yaml",
			   &err);
	cr_assert_eq(rc, 0, "%s", err);
	free(err);
}

static double alloc_at(const struct simulation *s, int pct)
{
	for (size_t i = 0; i < s->run.result.n_curve; i++)
		if (s->run.result.curve[i].arrived_pct == pct)
			return s->run.result.curve[i].m.gpu_alloc_pct;
	cr_assert_fail("no curve point at %d%%", pct);
	return 0;
}

/* The paper's claim on its default trace: FGD wastes the fewest GPUs.  Seed 42; the gaps
 * (about 2.4 and 6.4 points) are many times the spread across seeds (< 0.3). */
Test(openb, fgd_beats_best_fit_beats_random_at_100_percent)
{
	need_openb();
	struct simulation fgd, best_fit, random;
	run_openb("default", "FGDScore", 42, &fgd);
	run_openb("default", "BestFitScore", 42, &best_fit);
	run_openb("default", "RandomScore", 42, &random);
	double f = alloc_at(&fgd, 100), b = alloc_at(&best_fit, 100), r = alloc_at(&random, 100);
	cr_assert_gt(f, b + 1.0, "FGD %.2f vs BestFit %.2f", f, b);
	cr_assert_gt(b, r + 3.0, "BestFit %.2f vs Random %.2f", b, r);
	/* And near the reference's published means at 100%: FGD 95.23, BestFit 92.84. */
	cr_assert_float_eq(f, 95.23, 1.0);
	cr_assert_float_eq(b, 92.84, 1.0);
	simulation_release(&fgd);
	simulation_release(&best_fit);
	simulation_release(&random);
}
