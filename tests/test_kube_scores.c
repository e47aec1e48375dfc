/* kube-scheduler's resource scores, each value worked out by hand: NodeResourcesFit's three
 * scoring strategies and NodeResourcesBalancedAllocation.  The cases named "upstream" are those
 * of the plugins' own tests (the noderesources _test.go files of kubernetes/kubernetes) that map onto
 * simon's model: two nodes of 4 and 6 CPUs with 10000 bytes of memory, and a pod of 3 CPUs and
 * 5000 bytes.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sim/model/cluster.h"
#include "tests/support.h"

static struct workload w;
static struct cluster c;
static struct sched_config cfg;

static void two_nodes(int64_t cpu1, int64_t cpu2, int64_t mem)
{
	workload_init(&w);
	add_test_node(&w, "n1", cpu1, 0, -1)->mem_bytes = mem;
	add_test_node(&w, "n2", cpu2, 0, -1)->mem_bytes = mem;
	struct error err;
	cr_assert_eq(cluster_init(&c, &w, 1, CLASS_BY_NONZERO, &err), 0, "%s", err.msg);
}

static void done(void)
{
	cluster_release(&c);
	workload_release(&w);
}

static struct pod_spec pod(int64_t cpu, int64_t mem)
{
	return (struct pod_spec){.name = "p", .cpu_milli = cpu, .mem_bytes = mem, .nonzero_cpu = cpu, .nonzero_mem = mem,
				 .nonzero_read = true, .job = -1, .bound_node = -1};
}

/* The plugin's score of node for p, with these args (key, value pairs, NULL-terminated). */
static int64_t score(const char *plugin, const char *const *args, const struct pod_spec *p, size_t node)
{
	memset(&cfg, 0, sizeof cfg);
	struct plugin_args *a = args ? config_args(&cfg, plugin, args) : NULL;
	const struct policy_ops *ops = policy_find(plugin);
	cr_assert(ops, "%s", plugin);
	struct plugin_env env = {.cluster = &c, .args = a};
	struct error err;
	void *self = NULL;
	cr_assert_eq(ops->init(&self, &env, &err), 0, "%s", err.msg);
	uint32_t gpus = 0;
	int64_t s = ops->score(self, &c, p, node, &gpus);
	ops->free(self);
	return s;
}

/* Upstream LeastAllocated: n1 (4000 − 3000) × 100 / 4000 = 25 for CPU, 50 for memory: 37;
 * n2 50 and 50: 50.  With CPU weighing 2: (25 · 2 + 50) / 3 = 33. */
Test(kube_scores, least_allocated)
{
	two_nodes(4000, 6000, 10000);
	struct pod_spec p = pod(3000, 5000);
	cr_assert_eq(score("NodeResourcesFit", NULL, &p, 0), 37);
	cr_assert_eq(score("NodeResourcesFit", NULL, &p, 1), 50);
	static const char *const weighted[] = {"scoringStrategy.resources[0].name", "cpu",
					       "scoringStrategy.resources[0].weight", "2",
					       "scoringStrategy.resources[1].name", "memory", NULL};
	cr_assert_eq(score("NodeResourcesFit", weighted, &p, 0), 33);
	done();
}

/* Upstream MostAllocated: n1 3000 × 100 / 4000 = 75 and 50: 62; n2 50 and 50: 50.  A request
 * past allocatable counts as allocatable: 100. */
Test(kube_scores, most_allocated)
{
	static const char *const most[] = {"scoringStrategy.type", "MostAllocated", NULL};
	two_nodes(4000, 6000, 10000);
	struct pod_spec p = pod(3000, 5000), huge = pod(9000, 20000);
	cr_assert_eq(score("NodeResourcesFit", most, &p, 0), 62);
	cr_assert_eq(score("NodeResourcesFit", most, &p, 1), 50);
	cr_assert_eq(score("NodeResourcesFit", most, &huge, 0), 100);
	done();
}

/* RequestedToCapacityRatio on n1: utilization 75 (CPU) and 50 (memory).  Shape 0→10, 100→0:
 * 25 and 50, averaged 37.5, rounded half away from zero: 38.  Shape 0→0, 100→10: 75 and 50:
 * 63.  A resource that scores 0 is left out of the average: with no memory asked (0 bytes),
 * only CPU's 75 counts. */
Test(kube_scores, requested_to_capacity_ratio)
{
	static const char *const falling[] = {
		"scoringStrategy.type", "RequestedToCapacityRatio",
		"scoringStrategy.requestedToCapacityRatio.shape[0].utilization", "0",
		"scoringStrategy.requestedToCapacityRatio.shape[0].score", "10",
		"scoringStrategy.requestedToCapacityRatio.shape[1].utilization", "100",
		"scoringStrategy.requestedToCapacityRatio.shape[1].score", "0", NULL};
	static const char *const rising[] = {
		"scoringStrategy.type", "RequestedToCapacityRatio",
		"scoringStrategy.requestedToCapacityRatio.shape[0].utilization", "0",
		"scoringStrategy.requestedToCapacityRatio.shape[0].score", "0",
		"scoringStrategy.requestedToCapacityRatio.shape[1].utilization", "100",
		"scoringStrategy.requestedToCapacityRatio.shape[1].score", "10", NULL};
	two_nodes(4000, 6000, 10000);
	struct pod_spec p = pod(3000, 5000), no_memory = pod(3000, 0);
	cr_assert_eq(score("NodeResourcesFit", falling, &p, 0), 38);
	cr_assert_eq(score("NodeResourcesFit", rising, &p, 0), 63);
	cr_assert_eq(score("NodeResourcesFit", rising, &no_memory, 0), 75);
	done();
}

/* A pod without requests counts 100m and 200 MiB in NodeResourcesFit's score: on 1000m and
 * 1 GiB, (900 · 100 / 1000 = 90 + 824 · 100 / 1024 = 80) / 2 = 85.  What the node's pods hold
 * counts the same way: with that pod bound there, a second one sees 80 and 60: 70. */
Test(kube_scores, requests_left_out_count_as_kube_scheduler_counts_them)
{
	two_nodes(1000, 1000, 1LL << 30);
	struct pod_spec p = pod(0, 0);
	p.nonzero_read = false;
	w.pods = &p;
	w.n_pods = 1;
	workload_fill_nonzero(&w);
	w.pods = NULL;
	w.n_pods = 0;
	cr_assert_eq(p.nonzero_cpu, 100);
	cr_assert_eq(p.nonzero_mem, 200LL << 20);
	cr_assert_eq(score("NodeResourcesFit", NULL, &p, 0), 85);
	cr_assert_eq(cluster_bind(&c, 0, &p, 0), 0);
	cr_assert_eq(score("NodeResourcesFit", NULL, &p, 0), 70);
	/* BalancedAllocation reads actual requests: this pod asks for nothing and is not scored. */
	cr_assert_eq(score("NodeResourcesBalancedAllocation", NULL, &p, 0), 0);
	done();
}

/* Upstream BalancedAllocation: n1 fractions 0.75 and 0.5, standard deviation 0.125: 87; n2 0.5
 * and 0.5: 100.  Fractions past 1 count as 1: a 9000m pod on n1 gives 1 and 0.5: 75. */
Test(kube_scores, balanced_allocation)
{
	two_nodes(4000, 6000, 10000);
	struct pod_spec p = pod(3000, 5000), big = pod(9000, 5000);
	cr_assert_eq(score("NodeResourcesBalancedAllocation", NULL, &p, 0), 87);
	cr_assert_eq(score("NodeResourcesBalancedAllocation", NULL, &p, 1), 100);
	cr_assert_eq(score("NodeResourcesBalancedAllocation", NULL, &big, 0), 75);
	done();
}

/* GPUs weigh where the args name them: 8 GPUs, 2 in use, a pod of 2: 4 of 8 held, 50 for
 * LeastAllocated; a pod without GPUs leaves the resource out (only CPU's 75 counts). */
Test(kube_scores, gpus_count_where_the_args_name_them)
{
	workload_init(&w);
	add_test_node(&w, "g", 4000, 8, 0);
	workload_model(&w, "A100");
	struct error err;
	cr_assert_eq(cluster_init(&c, &w, 1, CLASS_BY_NONZERO, &err), 0, "%s", err.msg);
	struct pod_spec two = pod(0, 0), cpu = pod(1000, 0);
	two.gpu_count = 2;
	two.gpu_milli = GPU_MILLI;
	cr_assert_eq(cluster_bind(&c, 0, &two, 0x3), 0);
	static const char *const gpus[] = {"scoringStrategy.resources[0].name", "nvidia.com/gpu",
					   "scoringStrategy.resources[1].name", "cpu", NULL};
	/* GPUs 4 of 8 held: 50; CPU 0 of 4000: 100; (50 + 100) / 2 = 75. */
	cr_assert_eq(score("NodeResourcesFit", gpus, &two, 0), 75);
	cr_assert_eq(score("NodeResourcesFit", gpus, &cpu, 0), 75);
	done();
}

/* Args are checked where the profile is built, with the choices named. */
Test(kube_scores, bad_args_are_errors)
{
	char *d = scratch_cluster();
	write_text(d, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: s\n    plugins:\n      score:\n        enabled: [{name: NodeResourcesFit, weight: 1}]\n"
		   "    pluginConfig:\n      - name: NodeResourcesFit\n        args:\n          scoringStrategy:\n"
		   "            type: Fewest\n");
	char args[1200], *err = NULL;
	snprintf(args, sizeof args, "validate -f %s/cluster.yaml -s %s/sched.yaml", d, d);
	cr_assert_eq(run_simon(args, &err), 1);
	cr_assert(strstr(err, "sched.yaml:12:19: NodeResourcesFit: scoringStrategy.type 'Fewest' is not one of "
			      "LeastAllocated, MostAllocated or RequestedToCapacityRatio"),
		  "%s", err);
	free(err);
	write_text(d, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: s\n    plugins:\n      score:\n        enabled: [{name: NodeResourcesFit, weight: 1}]\n"
		   "    pluginConfig:\n      - name: NodeResourcesFit\n        args:\n          scoringStrategy:\n"
		   "            resource: [{name: cpu}]\n");
	cr_assert_eq(run_simon(args, &err), 1);
	cr_assert(strstr(err, "did you mean \"scoringStrategy.resources[].name\"?"), "%s", err);
	free(err);
	scratch_remove(d);
}
