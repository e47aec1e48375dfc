/* Placements on hand-built 2–3 node clusters, with scores and GPU accounting computed by hand. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tests/support.h"

static char *dir;
static struct simulation sim;

static void setup(void)
{
	dir = scratch_make();
	write_cluster_config(dir, "");
	/* small: 32 CPUs, 2 GPUs; mid: 64 CPUs, 4 GPUs; big: 64 CPUs, 8 GPUs. */
	char nodes[4096] = "";
	strcat(nodes, node_yaml("small", "32", "256Gi", 2, "V100M16"));
	strcat(nodes, "---\n");
	strcat(nodes, node_yaml("mid", "64", "256Gi", 4, "V100M32"));
	strcat(nodes, "---\n");
	strcat(nodes, node_yaml("big", "64", "256Gi", 8, "T4"));
	write_text(dir, "cluster/nodes.yaml", nodes);
}

static void teardown(void)
{
	simulation_release(&sim);
	scratch_remove(dir);
}

TestSuite(placement, .init = setup, .fini = teardown);

/* Pods are appended in creation order p0, p1, ... */
static void pods(const char *const *docs, size_t n)
{
	char text[16384] = "";
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(text, "---\n");
		strcat(text, docs[i]);
	}
	write_text(dir, "cluster/pods.yaml", text);
}

static void run(const char *plugin, const char *gpu_sel)
{
	write_sched_config(dir, plugin, gpu_sel);
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, &sim, &err), 0, "%s", err.msg);
}

static char docs[8][1024];

static const char *pod(int i, const char *cpu, int count, int milli, const char *model)
{
	char name[16];
	snprintf(name, sizeof name, "p%d", i);
	snprintf(docs[i], sizeof docs[i], "%s", pod_yaml(name, cpu, count, milli, model, i, -1));
	return docs[i];
}

static int16_t gpu_left(const char *node, int g)
{
	for (size_t i = 0; i < sim.run.cluster.n; i++)
		if (strcmp(sim.run.cluster.spec[i].name, node) == 0)
			return sim.run.cluster.state[i].gpu_left[g];
	cr_assert_fail("no node %s", node);
	return -1;
}

/* BestFit raw scores for a 4-CPU, 500-milli pod: small 79, mid 54, big 29 → normalised 100, 50, 0. */
Test(placement, best_fit_prefers_the_tightest_node)
{
	const char *d[] = {pod(0, "4", 1, 500, NULL)};
	pods(d, 1);
	run("BestFitScore", "best");
	cr_assert_str_eq(placed_on(&sim, "p0"), "small");
	cr_assert_eq(placed_gpus(&sim, "p0"), 1u);
	cr_assert_eq(gpu_left("small", 0), 500);
	cr_assert_eq(gpu_left("small", 1), 1000);
	cr_assert_eq(sim.run.cluster.used_gpu_milli, 500);
}

/* Shared pods pack onto the partly used GPU under "best", spread under "worst". */
Test(placement, gpu_selection_best_packs_shared_pods)
{
	const char *d[] = {pod(0, "4", 1, 500, NULL), pod(1, "2", 1, 400, NULL)};
	pods(d, 2);
	run("BestFitScore", "best");
	cr_assert_str_eq(placed_on(&sim, "p1"), "small");
	cr_assert_eq(placed_gpus(&sim, "p1"), 1u);
	cr_assert_eq(gpu_left("small", 0), 100);
	cr_assert_eq(gpu_left("small", 1), 1000);
}

Test(placement, gpu_selection_worst_spreads_shared_pods)
{
	const char *d[] = {pod(0, "4", 1, 500, NULL), pod(1, "2", 1, 400, NULL)};
	pods(d, 2);
	run("BestFitScore", "worst");
	cr_assert_str_eq(placed_on(&sim, "p1"), "small");
	cr_assert_eq(placed_gpus(&sim, "p1"), 2u);
	cr_assert_eq(gpu_left("small", 0), 500);
	cr_assert_eq(gpu_left("small", 1), 600);
}

/* A whole-GPU pod takes the lowest-index fully idle GPUs, skipping the shared one. */
Test(placement, whole_gpus_take_the_lowest_free_indices)
{
	const char *d[] = {pod(0, "4", 1, 500, NULL), pod(1, "1", 2, 1000, NULL), pod(2, "1", 1, 1000, NULL)};
	pods(d, 3);
	run("BestFitScore", "best");
	cr_assert_str_eq(placed_on(&sim, "p0"), "small");
	/* p1 needs 2 idle GPUs: small has one; mid (4 GPUs) is tighter than big (8). */
	cr_assert_str_eq(placed_on(&sim, "p1"), "mid");
	cr_assert_eq(placed_gpus(&sim, "p1"), 0x3u);
	/* p2 fits small's idle GPU 1: small raw = ½·(28000−1000)/128000 + ½·(1500−1000)/8000 → tightest. */
	cr_assert_str_eq(placed_on(&sim, "p2"), "small");
	cr_assert_eq(placed_gpus(&sim, "p2"), 0x2u);
	cr_assert_eq(sim.run.cluster.used_gpu_milli, 500 + 2000 + 1000);
}

Test(placement, gpu_model_constraints)
{
	const char *d[] = {pod(0, "4", 1, 500, "T4"), pod(1, "4", 1, 1000, "V100M32|T4"), pod(2, "1", 1, 100, "A100")};
	pods(d, 3);
	run("BestFitScore", "best");
	cr_assert_str_eq(placed_on(&sim, "p0"), "big");
	cr_assert_str_eq(placed_on(&sim, "p1"), "mid");
	cr_assert_str_eq(placed_on(&sim, "p2"), "(none)");
	cr_assert_eq(sim.run.result.failed, 1);
}

Test(placement, cpu_and_memory_limits_filter_nodes)
{
	const char *d[] = {pod(0, "40", 0, 0, NULL), pod(1, "30", 0, 0, NULL), pod(2, "40", 0, 0, NULL)};
	pods(d, 3);
	run("BestFitScore", "best");
	/* CPU-only pods: BestFit's GPU term prefers the node with the fewest idle GPUs that fits. */
	cr_assert_str_eq(placed_on(&sim, "p0"), "mid");
	cr_assert_str_eq(placed_on(&sim, "p1"), "small");
	cr_assert_str_eq(placed_on(&sim, "p2"), "big");
	cr_assert_eq(sim.run.cluster.used_cpu, 110000);
}

Test(placement, random_score_places_every_fitting_pod)
{
	const char *d[] = {pod(0, "4", 1, 500, NULL), pod(1, "4", 1, 500, NULL), pod(2, "4", 2, 1000, NULL),
			   pod(3, "70", 0, 0, NULL)};
	pods(d, 4);
	run("RandomScore", "random");
	cr_assert_eq(sim.run.result.scheduled, 3);
	cr_assert_str_eq(placed_on(&sim, "p3"), "(none)");
	cr_assert_eq(sim.run.cluster.used_gpu_milli, 3000);
}

static void run_weighted(int best_fit_weight, int clustering_weight)
{
	char text[1024];
	snprintf(text, sizeof text,
		 "kind: KubeSchedulerConfiguration\nprofiles:\n  - plugins:\n      score:\n        enabled:\n"
		 "          - name: BestFitScore\n            weight: %d\n          - name: GpuClusteringScore\n"
		 "            weight: %d\n",
		 best_fit_weight, clustering_weight);
	write_text(dir, "sched.yaml", text);
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, &sim, &err), 0, "%s", err.msg);
}

/* p0 (shared, 4 CPUs) is pinned to "big" by its model.  For p1 (shared, 4 CPUs, any model):
 *   BestFit raw: small 79, mid 54, big 34 → normalised 100, 44, 0
 *   GpuClustering: small 25·6000/8000+25 = 43, mid 12+25 = 37, big (runs a shared pod) 1+75 = 76
 * Weights 1 and 3: small 229, mid 155, big 228 → small.  Weights 1 and 4: small 272, big 304 → big. */
Test(placement, weighted_sum_of_plugins_decides)
{
	const char *d[] = {pod(0, "4", 1, 500, "T4"), pod(1, "4", 1, 500, NULL)};
	pods(d, 2);
	run_weighted(1, 3);
	cr_assert_str_eq(placed_on(&sim, "p0"), "big");
	cr_assert_str_eq(placed_on(&sim, "p1"), "small");
	simulation_release(&sim);
	run_weighted(1, 4);
	cr_assert_str_eq(placed_on(&sim, "p1"), "big");
}
