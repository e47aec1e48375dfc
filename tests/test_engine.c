/* The engine: replay waits and inflation curves on tiny traces computed by hand, and
 * bit-identical reruns with the same seed. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tests/support.h"

static char *dir;
static struct simulation sim;

static void setup(void)
{
	dir = scratch_make();
	write_sched_config(dir, "BestFitScore", "best");
}

static void teardown(void)
{
	simulation_release(&sim);
	scratch_remove(dir);
}

TestSuite(engine, .init = setup, .fini = teardown);

/* One node with `gpus` GPUs and 1-GPU pods (name, milli, creation and deletion per pod; -1 for
 * none), run in `mode` under the given customConfig lines. */
static void run_trace(const char *custom, int gpus, const char *const *names, const int *milli, const long *times,
		      size_t n, enum run_mode mode)
{
	write_cluster_config(dir, custom);
	char text[8192] = "";
	strcat(text, node_yaml("n", "8", "16Gi", gpus, NULL));
	for (size_t i = 0; i < n; i++) {
		strcat(text, "---\n");
		strcat(text, pod_yaml(names[i], "1", 1, milli[i], NULL, times[2 * i], times[2 * i + 1]));
	}
	write_text(dir, "cluster/all.yaml", text);
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, mode, 1, &sim, &err), 0, "%s", err.msg);
}

/* One node with one GPU.  p1 holds it over [0,100).  p2 (600) and p3 (300) arrive at 10 and 20
 * and wait; at 100 p1 leaves, the queue is retried first (p2, p3 start), then p4 (200) arrives
 * at 100, no longer fits, and starts at 120 when p3 ends.  Waits 0, 90, 80, 20. */
Test(engine, replay_waits_by_hand)
{
	const char *names[] = {"p1", "p2", "p3", "p4"};
	const int milli[] = {1000, 600, 300, 200};
	const long times[] = {0, 100, 10, 50, 20, 40, 100, 110};
	run_trace("", 1, names, milli, times, 4, MODE_REPLAY);
	const long expect[][3] = {{0, 0, 100}, {10, 100, 140}, {20, 100, 120}, {100, 120, 130}};
	for (int i = 0; i < 4; i++) {
		const struct pod_outcome *o = outcome_of(&sim, names[i]);
		cr_assert_eq(o->arrival, expect[i][0], "%s arrival", names[i]);
		cr_assert_eq(o->start, expect[i][1], "%s start", names[i]);
		cr_assert_eq(o->end, expect[i][2], "%s end", names[i]);
	}
	cr_assert_float_eq(sim.run.result.mean_wait, 47.5, 1e-9);
	cr_assert_eq(sim.run.result.max_wait, 90);
	cr_assert_eq(sim.run.result.makespan, 140);
	cr_assert_eq(sim.run.result.scheduled, 4);
	cr_assert_eq(sim.run.result.final.gpu_alloc_pct, 0);
	/* GPU in use: 100% over [0,100), 90% over [100,120), 80% over [120,130), 60% over [130,140):
	 * (10000 + 1800 + 800 + 600) / 140. */
	cr_assert_float_eq(sim.run.result.mean_gpu_alloc_pct, 13200.0 / 140.0, 1e-9);
	cr_assert_float_eq(sim.run.result.peak_gpu_alloc_pct, 100, 1e-9);
	cr_assert_eq(sim.run.result.peak_queued, 2);
	/* Timeline: one point per distinct time (0, 10, 20, 100, 120, 130, 140). */
	const struct timeline_point *t = sim.run.result.timeline;
	cr_assert_eq(t[0].time, 0);
	cr_assert_eq(t[0].running, 1);
	cr_assert_eq(t[2].time, 20);
	cr_assert_eq(t[2].queued, 2);
	cr_assert_eq(t[3].time, 100);
	cr_assert_eq(t[3].running, 2);
	cr_assert_eq(t[3].queued, 1);
	cr_assert_float_eq(t[3].m.gpu_alloc_pct, 90.0, 1e-9);
}

/* 2 GPUs.  a (1000) → arrived 50%, allocated 50%; b (10) → 50.5% rounds half-to-even to 50,
 * allocated 50.5%; c (1000) fails (no idle GPU), arrived 100.5 → 100; d (990) fills GPU 1,
 * arrived 150%, allocated 100%.  Points: means per percent, ±1 where a percent has none, and
 * else the previous point. */
Test(engine, inflation_curve_by_hand)
{
	const char *names[] = {"a", "b", "c", "d"};
	const int milli[] = {1000, 10, 1000, 990};
	const long times[] = {1, -1, 2, -1, 3, -1, 4, -1};
	run_trace("", 2, names, milli, times, 4, MODE_INFLATION);
	cr_assert_eq(sim.run.result.scheduled, 3);
	cr_assert_eq(sim.run.result.failed, 1);
	/* Percents 2..48, 52..98 and 102..148 have no sample within ±1: the previous point carries. */
	cr_assert_eq(sim.run.result.n_curve, 151);
	for (int pct = 0; pct <= 150; pct++) {
		double expected = pct < 49 ? 0 : pct < 99 ? 50.25 : pct < 149 ? 50.5 : 100;
		cr_assert_eq(sim.run.result.curve[pct].arrived_pct, pct);
		cr_assert_float_eq(sim.run.result.curve[pct].m.gpu_alloc_pct, expected, 1e-9, "at %d%%", pct);
	}
	cr_assert_eq(sim.run.result.arrived_gpu_milli, 3000);
}

/* Tuning to 2.0x of 2 GPUs with 1-GPU pods clones until 4000 milli: two clones. */
Test(engine, tuning_appends_named_clones)
{
	const char *names[] = {"a", "b"};
	const int milli[] = {1000, 1000};
	const long times[] = {1, -1, 2, -1};
	run_trace("    workloadTuningConfig:\n      ratio: 2\n", 2, names, milli, times, 2, MODE_INFLATION);
	cr_assert_eq(sim.run.arrivals.n, 4);
	cr_assert_eq(sim.run.arrivals.tuned, 2);
	cr_assert_not_null(strstr(sim.run.arrivals.pods[2].name, "-tuned-0"));
	cr_assert_not_null(strstr(sim.run.arrivals.pods[3].name, "-tuned-1"));
	cr_assert_eq(sim.run.result.arrived_gpu_milli, 4000);
}

Test(engine, tuning_down_removes_pods)
{
	const char *names[] = {"a", "b", "c", "d"};
	const int milli[] = {1000, 1000, 1000, 1000};
	const long times[] = {1, -1, 2, -1, 3, -1, 4, -1};
	run_trace("    workloadTuningConfig:\n      ratio: 0.5\n", 2, names, milli, times, 4, MODE_INFLATION);
	cr_assert_eq(sim.run.arrivals.n, 1);
	cr_assert_eq(sim.run.arrivals.removed, 3);
}

/* workloadInflationConfig 2.0 on 2 pods: ceil(2·2) − 2 = 2 clones, well within 8 GPUs. */
Test(engine, inflation_config_appends_clones_within_capacity)
{
	const char *names[] = {"a", "b"};
	const int milli[] = {1000, 1000};
	const long times[] = {1, -1, 2, -1};
	run_trace("    workloadInflationConfig:\n      ratio: 2\n", 8, names, milli, times, 2, MODE_INFLATION);
	cr_assert_eq(sim.run.arrivals.n, 4);
	cr_assert_eq(sim.run.arrivals.inflated, 2);
	cr_assert_not_null(strstr(sim.run.arrivals.pods[2].name, "-clone-0"));
	cr_assert_not_null(strstr(sim.run.arrivals.pods[3].name, "-clone-1"));
	simulation_release(&sim);
	/* On 3 GPUs only one clone fits before the request would pass the capacity. */
	run_trace("    workloadInflationConfig:\n      ratio: 2\n", 3, names, milli, times, 2, MODE_INFLATION);
	cr_assert_eq(sim.run.arrivals.inflated, 1);
}

static void run_example(const char *policy, uint64_t seed, struct simulation *s)
{
	char cc[1024];
	snprintf(cc, sizeof cc, "%s/data/example/cluster-config.yaml", SIMON_SOURCE_DIR);
	struct sim_options o = {.cluster_config = cc, .policy = policy, .has_seed = true, .seed = seed,
				.has_tune_ratio = true, .tune_ratio = 1.3};
	struct error err = {{0}};
	cr_assert_eq(simulation_run(s, &o, &err), 0, "%s", err.msg);
}

static int same_run(const struct simulation *a, const struct simulation *b)
{
	if (a->run.arrivals.n != b->run.arrivals.n)
		return 0;
	for (size_t i = 0; i < a->run.arrivals.n; i++)
		if (strcmp(a->run.arrivals.pods[i].name, b->run.arrivals.pods[i].name) ||
		    memcmp(&a->run.result.outcomes[i], &b->run.result.outcomes[i], sizeof a->run.result.outcomes[i]))
			return 0;
	if (a->run.result.n_curve != b->run.result.n_curve)
		return 0;
	for (size_t i = 0; i < a->run.result.n_curve; i++) /* field by field: structs have padding */
		if (a->run.result.curve[i].arrived_pct != b->run.result.curve[i].arrived_pct ||
		    memcmp(&a->run.result.curve[i].m, &b->run.result.curve[i].m, sizeof a->run.result.curve[i].m))
			return 0;
	return 1;
}

Test(engine, same_seed_same_run_bit_for_bit)
{
	struct simulation a, b, c;
	run_example("RandomScore", 7, &a);
	run_example("RandomScore", 7, &b);
	run_example("RandomScore", 8, &c);
	cr_assert(same_run(&a, &b), "two runs with seed 7 differ");
	cr_assert(!same_run(&a, &c), "seeds 7 and 8 gave the same run");
	simulation_release(&a);
	simulation_release(&b);
	simulation_release(&c);
}

/* The example replayed at twice its load with its QoS classes as priorities, under gangs and
 * preemption by either rule: two runs of a seed agree bit for bit. */
static void run_example_replay(const char *queue, struct simulation *s)
{
	char cc[1024], text[4096];
	snprintf(text, sizeof text,
		 "apiVersion: simon/v1alpha1\nkind: Config\nmetadata:\n  name: qos\nspec:\n  cluster:\n"
		 "    customConfig: %s/data/example/cluster\n  customConfig:\n    qosPriorities: {LS: 1000, BE: 0}\n",
		 SIMON_SOURCE_DIR);
	write_text(dir, "qos.yaml", text);
	write_sched_with(dir, queue, "");
	snprintf(cc, sizeof cc, "%s/qos.yaml", dir);
	char sc[1024];
	snprintf(sc, sizeof sc, "%s/sched.yaml", dir);
	struct sim_options o = {.cluster_config = cc, .scheduler_config = sc, .mode = MODE_REPLAY, .has_seed = true,
				.seed = 5, .arrival_scale = 2};
	struct error err = {{0}};
	cr_assert_eq(simulation_run(s, &o, &err), 0, "%s", err.msg);
}

Test(engine, replays_with_preemption_and_gangs_are_bit_for_bit)
{
	static const char *const queues[] = {
		"      queueSort:\n        enabled:\n          - name: Coscheduling\n"
		"      postFilter:\n        enabled:\n          - name: DefaultPreemption\n",
		"      queueSort:\n        enabled:\n          - name: MLOpsQueue\n"
		"      permit:\n        enabled:\n          - name: Coscheduling\n",
	};
	for (size_t q = 0; q < 2; q++) {
		struct simulation a, b;
		run_example_replay(queues[q], &a);
		run_example_replay(queues[q], &b);
		cr_assert(a.run.result.preemption.victims > 0, "case %zu evicts no pod: the test would test little", q);
		cr_assert(same_run(&a, &b), "case %zu: two runs with seed 5 differ", q);
		simulation_release(&a);
		simulation_release(&b);
	}
}

/* Two one-GPU nodes in racks a and b.  p1 runs over [0,10) and p2 over [10,20): p1 leaves at
 * 10 as p2 arrives, so whichever node p2 takes, one rack at most runs a pod at any moment.
 * With p3 over [5,8) both nodes are busy at 5: two racks at once.  (Not zero, as the empty
 * end state alone would say.) */
static void run_racked(size_t n_pods)
{
	write_cluster_config(dir, "");
	/* The model label line carries the rack label after it. */
	char text[8192] = "";
	strcat(text, node_yaml("na", "8", "16Gi", 1, "V100\n    rack: rack-a"));
	strcat(text, "---\n");
	strcat(text, node_yaml("nb", "8", "16Gi", 1, "V100\n    rack: rack-b"));
	const char *names[] = {"p1", "p2", "p3"};
	const long times[] = {0, 10, 10, 20, 5, 8};
	for (size_t i = 0; i < n_pods; i++) {
		strcat(text, "---\n");
		strcat(text, pod_yaml(names[i], "1", 1, 1000, NULL, times[2 * i], times[2 * i + 1]));
	}
	write_text(dir, "cluster/all.yaml", text);
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_REPLAY, 1, &sim, &err), 0, "%s", err.msg);
	cr_assert(sim.has_topology);
	cr_assert_eq(sim.topology.n_racks, 2);
}

Test(engine, replay_counts_racks_in_use_at_once)
{
	run_racked(2);
	cr_assert_eq(sim.topology.racks_in_use, 1);
}

Test(engine, replay_counts_overlapping_racks)
{
	run_racked(3);
	cr_assert_eq(outcome_of(&sim, "p3")->start, 5);
	cr_assert_eq(sim.topology.racks_in_use, 2);
}
