/* GA and GA-seed, the batch placers: feasible placements on random clusters, a window whose best order is
 * known, never worse than its decoder on a window, the same placements for the same seed, and
 * the edge cases (nothing fits, one node). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sim/trial.h"
#include "sim/engine.h"
#include "tests/support.h"

static struct workload w;
static struct typical_pod typical_items[] = {
	{.cpu_milli = 4000, .gpu_milli = 500, .gpu_count = 1, .freq = 0.6},
	{.cpu_milli = 8000, .gpu_milli = 1000, .gpu_count = 1, .freq = 0.4},
};
static const struct typical_pods typical = {typical_items, 2, 1};

static struct pod_spec pod(int64_t cpu, int count, int milli)
{
	return (struct pod_spec){.name = "p", .cpu_milli = cpu, .gpu_count = count, .gpu_milli = milli, .job = -1};
}

/* A scheduler for policy, with args key=value pairs (NULL-terminated) for it. */
struct setup {
	struct sched_config cfg;
	struct scheduler_profile profile;
	struct cluster cluster;
	struct scheduler scheduler;
	struct metrics metrics;
};

static void setup_init(struct setup *s, const char *policy, const char *const *args, uint64_t seed)
{
	struct error err;
	config_in_code(&s->cfg, "ga.yaml", &policy, (const int64_t[]){1}, 1);
	config_args(&s->cfg, policy, args);
	cr_assert_eq(scheduler_profile_build(&s->profile, &s->cfg, NULL, &err), 0, "%s", err.msg);
	cr_assert_eq(cluster_init(&s->cluster, &w, seed, s->profile.class_by, &err), 0, "%s", err.msg);
	cr_assert_eq(scheduler_init(&s->scheduler, &s->profile, &s->cluster, &typical, &err), 0, "%s", err.msg);
	cr_assert_eq(metrics_init(&s->metrics, &s->cluster, &typical, &err), 0, "%s", err.msg);
}

static void setup_release(struct setup *s)
{
	metrics_release(&s->metrics);
	scheduler_release(&s->scheduler);
	cluster_release(&s->cluster);
}

/* Runs the workload's pods in order. */
static void run_mode(struct setup *s, enum run_mode mode, uint64_t seed, struct run_result *r)
{
	struct arrivals a = {.pods = w.pods, .n = w.n_pods};
	struct error err;
	cr_assert_eq(engine_run(&s->cluster, &s->scheduler, &s->metrics, &a, mode, seed, r, &err), 0, "%s", err.msg);
}

static void run(struct setup *s, uint64_t seed, struct run_result *r)
{
	run_mode(s, MODE_INFLATION, seed, r);
}

static int64_t placed_milli(const struct run_result *r)
{
	int64_t milli = 0;
	for (size_t i = 0; i < r->n_outcomes; i++)
		if (r->outcomes[i].node >= 0)
			milli += pod_gpu_total(&w.pods[i]);
	return milli;
}

/* Two GPUs: 600, 600 and a whole GPU.  In arrival order the two shares take both GPUs and the
 * whole GPU finds none (1,200 milli placed); the whole GPU first leaves room for one share
 * (1,600), the most any order places. */
Test(ga, finds_the_order_that_places_most)
{
	workload_init(&w);
	workload_model(&w, "T4");
	add_test_node(&w, "n", 32000, 2, 0);
	*workload_add_pod(&w) = pod(1000, 1, 600);
	*workload_add_pod(&w) = pod(1000, 1, 600);
	*workload_add_pod(&w) = pod(1000, 1, 1000);
	struct setup fgd, ga;
	setup_init(&fgd, "FGDScore", NULL, 1);
	setup_init(&ga, "GA", (const char *const[]){"window", "3", NULL}, 1);
	struct run_result rf, rg;
	run(&fgd, 1, &rf);
	run(&ga, 1, &rg);
	cr_assert_eq(placed_milli(&rf), 1200);
	cr_assert_eq(placed_milli(&rg), 1600);
	cr_assert_geq(rg.outcomes[2].node, 0, "the whole GPU is placed");
	run_result_release(&rf);
	run_result_release(&rg);
	setup_release(&fgd);
	setup_release(&ga);
	workload_release(&w);
}

static const char *const names[] = {"a", "b", "c", "d", "e", "f", "g", "h"};

static void random_workload(struct pcg32 *rng, size_t pods)
{
	workload_init(&w);
	workload_model(&w, "V100");
	size_t nodes = 1 + pcg32_below(rng, 8);
	for (size_t i = 0; i < nodes; i++)
		add_test_node(&w, names[i], 16000 + 16000 * (int64_t)pcg32_below(rng, 3), (int)pcg32_below(rng, 5), 0);
	static const int milli[] = {200, 500, 700, 1000, 1000};
	for (size_t i = 0; i < pods; i++) {
		int shape = (int)pcg32_below(rng, 6);
		struct pod_spec *p = workload_add_pod(&w);
		*p = pod(1000 * (int64_t)pcg32_below(rng, 12), shape ? 1 : 0, shape ? milli[shape - 1] : 0);
		if (p->gpu_milli == GPU_MILLI)
			p->gpu_count = 1 + (int)pcg32_below(rng, 2);
	}
}

/* Every node holds what was placed on it: no resource below zero, the right number of GPUs. */
static void check_feasible(const struct run_result *r)
{
	int64_t cpu[8] = {0}, gpu[8][MAX_GPUS_PER_NODE] = {{0}};
	for (size_t i = 0; i < r->n_outcomes; i++) {
		const struct pod_outcome *o = &r->outcomes[i];
		const struct pod_spec *p = &w.pods[i];
		if (o->node < 0)
			continue;
		cr_assert_eq(__builtin_popcount(o->gpus), p->gpu_count, "pod %zu: %d GPUs for %d", i,
			     __builtin_popcount(o->gpus), p->gpu_count);
		cpu[o->node] += p->cpu_milli;
		for (int g = 0; g < MAX_GPUS_PER_NODE; g++)
			if (o->gpus >> g & 1) {
				cr_assert_lt(g, w.nodes[o->node].gpu_count);
				gpu[o->node][g] += p->gpu_milli;
			}
	}
	for (size_t n = 0; n < w.n_nodes; n++) {
		cr_assert_leq(cpu[n], w.nodes[n].cpu_milli, "node %zu: CPU over capacity", n);
		for (int g = 0; g < MAX_GPUS_PER_NODE; g++)
			cr_assert_leq(gpu[n][g], GPU_MILLI, "node %zu GPU %d over capacity", n, g);
	}
}

/* On random clusters: feasible, never fewer GPU milli placed than FGD alone when the whole
 * trace is one window (the decoder's answer is in the population and elitism keeps the best),
 * and the same outcome for the same seed; GA-seed feasible and repeatable too. */
Test(ga, feasible_never_worse_than_its_decoder_and_repeatable, .timeout = 120)
{
	static const char *const one_window[] = {"window", "24", "generations", "10", NULL};
	struct pcg32 rng;
	pcg32_seed(&rng, 7, 0);
	for (uint64_t seed = 1; seed <= 30; seed++) {
		random_workload(&rng, 24);
		const char *const policies[] = {"FGDScore", "GA", "GA", "GA-seed", "GA-seed"};
		struct setup s[5];
		struct run_result r[5];
		for (int k = 0; k < 5; k++) {
			setup_init(&s[k], policies[k], k ? one_window : NULL, seed);
			run(&s[k], seed, &r[k]);
		}
		for (int k = 1; k < 5; k++)
			check_feasible(&r[k]);
		cr_assert_geq(placed_milli(&r[1]), placed_milli(&r[0]), "seed %llu", (unsigned long long)seed);
		for (int k = 1; k < 5; k += 2)
			cr_assert_eq(memcmp(r[k].outcomes, r[k + 1].outcomes, r[k].n_outcomes * sizeof *r[k].outcomes), 0,
				     "%s, seed %llu: two runs differ", policies[k], (unsigned long long)seed);
		for (int k = 0; k < 5; k++) {
			run_result_release(&r[k]);
			setup_release(&s[k]);
		}
		workload_release(&w);
	}
}

/* GA-seed, as defined: a node per pod, the pods packed in arrival order on their genes' nodes.
 * Two equal nodes with room for one pod each: mutation must still move genes between them
 * (it never fired on identical nodes), and the best individual, both pods placed, is returned. */
Test(ga, ga_seed_places_on_identical_nodes)
{
	workload_init(&w);
	workload_model(&w, "T4");
	add_test_node(&w, "a", 8000, 1, 0);
	add_test_node(&w, "b", 8000, 1, 0);
	for (int i = 0; i < 2; i++)
		*workload_add_pod(&w) = pod(1000, 1, 1000);
	for (uint64_t seed = 1; seed <= 20; seed++) {
		struct setup s;
		setup_init(&s, "GA-seed", (const char *const[]){"population", "2", NULL}, seed);
		struct run_result r;
		run(&s, seed, &r);
		cr_assert_eq(r.scheduled, 2, "seed %llu", (unsigned long long)seed);
		cr_assert_neq(r.outcomes[0].node, r.outcomes[1].node);
		run_result_release(&r);
		setup_release(&s);
	}
	workload_release(&w);
}

/* An empty window decides nothing; nothing fits: every pod is left out; one node: pods go
 * there while they fit. */
Test(ga, empty_window_nothing_fits_and_one_node)
{
	workload_init(&w);
	workload_model(&w, "V100");
	add_test_node(&w, "small", 4000, 1, 0);
	*workload_add_pod(&w) = pod(8000, 0, 0);
	*workload_add_pod(&w) = pod(1000, 2, 1000);
	struct setup ga;
	setup_init(&ga, "GA", NULL, 3);
	struct pcg32 rng;
	pcg32_seed(&rng, 3, RNG_POLICY);
	size_t decided = 99;
	struct error err;
	cr_assert_eq(batch_place(&ga.scheduler, &ga.cluster, 0, NULL, 0, &rng, NULL, &decided, &err), 0);
	cr_assert_eq(decided, 0);
	struct run_result r;
	run(&ga, 3, &r);
	cr_assert_eq(r.scheduled, 0);
	cr_assert_eq(r.failed, 2);
	run_result_release(&r);
	setup_release(&ga);
	*workload_add_pod(&w) = pod(1000, 1, 1000);
	*workload_add_pod(&w) = pod(1000, 1, 500);
	setup_init(&ga, "GA", NULL, 3);
	run(&ga, 3, &r);
	cr_assert_eq(r.outcomes[2].node, 0);
	cr_assert_eq(r.outcomes[3].node, -1, "the GPU is taken whole");
	cr_assert_eq(r.scheduled, 1);
	run_result_release(&r);
	setup_release(&ga);
	workload_release(&w);
}

/* Replay, one GPU: a whole-GPU pod runs from 0 to 10; a 600-milli share arrives at 1 and a
 * whole-GPU pod at 2 (each runs until 100 in the trace: 99 and 98 s), and both wait.  At 10
 * FGD retries the queue in order and starts the share (600 milli); GA decides the waiting
 * pair together and starts the whole GPU (1,000). */
Test(ga, replay_places_the_waiting_pods_together)
{
	workload_init(&w);
	workload_model(&w, "T4");
	add_test_node(&w, "n", 32000, 1, 0);
	static const int64_t creation[] = {0, 1, 2}, deletion[] = {10, 100, 100};
	static const int milli[] = {1000, 600, 1000};
	for (int i = 0; i < 3; i++) {
		struct pod_spec *p = workload_add_pod(&w);
		*p = pod(1000, 1, milli[i]);
		p->creation = creation[i];
		p->deletion = deletion[i];
		p->scheduled = TIME_NONE;
	}
	struct setup fgd, ga;
	setup_init(&fgd, "FGDScore", NULL, 1);
	setup_init(&ga, "GA", NULL, 1);
	struct run_result rf, rg;
	run_mode(&fgd, MODE_REPLAY, 1, &rf);
	run_mode(&ga, MODE_REPLAY, 1, &rg);
	cr_assert_eq(rf.outcomes[1].start, 10);
	cr_assert_eq(rf.outcomes[2].start, 109, "the whole GPU waits for the share (10 + 99 s) to end");
	cr_assert_eq(rg.outcomes[2].start, 10);
	cr_assert_eq(rg.outcomes[1].start, 108, "the share waits for the whole GPU (10 + 98 s) to end");
	run_result_release(&rf);
	run_result_release(&rg);
	setup_release(&fgd);
	setup_release(&ga);
	workload_release(&w);
}

/* A GA's arguments are checked: a bad number, a decoder that is not a scorer. */
Test(ga, bad_arguments)
{
	workload_init(&w);
	add_test_node(&w, "n", 4000, 0, 0);
	struct setup s;
	struct error err;
	config_in_code(&s.cfg, "ga.yaml", (const char *const[]){"GA"}, (const int64_t[]){1}, 1);
	struct plugin_args *a = config_args(&s.cfg, "GA", (const char *const[]){"window", "0", NULL});
	cr_assert_eq(scheduler_profile_build(&s.profile, &s.cfg, NULL, &err), 0, "%s", err.msg);
	cr_assert_eq(cluster_init(&s.cluster, &w, 1, 0, &err), 0);
	cr_assert_neq(scheduler_init(&s.scheduler, &s.profile, &s.cluster, &typical, &err), 0);
	cr_assert(strstr(err.msg, "window '0' is not a number from 1 to 65535"), "%s", err.msg);
	snprintf(a->keys[0].key, sizeof a->keys[0].key, "scorer");
	snprintf(a->keys[0].value, sizeof a->keys[0].value, "GA");
	a->keys[0].line = 12;
	a->keys[0].col = 19;
	cr_assert_neq(scheduler_init(&s.scheduler, &s.profile, &s.cluster, &typical, &err), 0);
	cr_assert(strstr(err.msg, "ga.yaml:12:19: GA: scorer: GA places pods in batches; the decoder must be a score plugin"),
		  "%s", err.msg);
	snprintf(a->keys[0].value, sizeof a->keys[0].value, "FGDScor");
	cr_assert_neq(scheduler_init(&s.scheduler, &s.profile, &s.cluster, &typical, &err), 0);
	cr_assert(strstr(err.msg, "unknown policy 'FGDScor'; did you mean FGDScore?"), "%s", err.msg);
	cluster_release(&s.cluster);
	workload_release(&w);
}
