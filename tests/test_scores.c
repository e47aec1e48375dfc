/* Each score function on hand-built nodes and pods, values worked out by hand from the
 * reference's definitions (see each policy's header). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sim/plugin/score.h"
#include "tests/support.h"

static struct workload w;
static struct cluster c;
static struct typical_pod typical_items[1] = {{.cpu_milli = 1000, .gpu_milli = 500, .gpu_count = 1, .freq = 1}};
static struct typical_pods typical = {typical_items, 1, 1};

static void add_node(const char *name, int64_t cpu, int gpus)
{
	add_test_node(&w, name, cpu, gpus, 0);
}

static void setup(void)
{
	workload_init(&w);
	workload_model(&w, "V100");
	add_node("eight", 64000, 8);
	add_node("four", 64000, 4);
	add_node("two", 8000, 2);
	struct error err;
	cr_assert_eq(cluster_init(&c, &w, 1, 0, &err), 0);
}

static void teardown(void)
{
	cluster_release(&c);
	workload_release(&w);
}

static struct pod_spec pod(int64_t cpu, int count, int milli)
{
	struct pod_spec p = {0};
	p.name = "p";
	p.cpu_milli = cpu;
	p.gpu_count = count;
	p.gpu_milli = milli;
	return p;
}

/* Binds a CPU-less pod of `milli` on GPU g of node i, to shape the state. */
static void use(size_t i, int g, int milli)
{
	struct pod_spec p = pod(0, 1, milli);
	cluster_bind(&c, i, &p, 1u << g);
}

/* Adds key: value to a plugin's args, as a scheduler config would. */
static void set_arg(struct plugin_args *a, const char *key, const char *value)
{
	struct plugin_arg *arg = &a->keys[a->n++];
	snprintf(arg->key, sizeof arg->key, "%s", key);
	snprintf(arg->value, sizeof arg->value, "%s", value);
	arg->scalar = true;
}

/* policy's score of node for p, with dimExtMethod dim and normMethod norm when not NULL. */
static int64_t score_with(const char *policy, const char *dim, const char *norm, const struct pod_spec *p, size_t node,
			  uint32_t *gpus)
{
	const struct policy_ops *ops = policy_find(policy);
	cr_assert_not_null(ops, "%s", policy);
	struct plugin_args args = {0};
	if (dim)
		set_arg(&args, "dimExtMethod", dim);
	if (norm)
		set_arg(&args, "normMethod", norm);
	struct plugin_env env = {.cluster = &c, .typical = &typical, .args = &args};
	void *self = NULL;
	struct error err;
	if (ops->init)
		cr_assert_eq(ops->init(&self, &env, &err), 0, "%s", err.msg);
	uint32_t ignored = 0;
	int64_t s = ops->score(self, &c, p, node, gpus ? gpus : &ignored);
	if (ops->free)
		ops->free(self);
	return s;
}

static int64_t score(const char *policy, const char *dim, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	return score_with(policy, dim, NULL, p, node, gpus);
}


TestSuite(scores, .init = setup, .fini = teardown);

Test(scores, gpu_packing_bands)
{
	struct pod_spec shared = pod(1000, 1, 300), whole = pod(1000, 1, 1000), two = pod(1000, 2, 1000);
	struct pod_spec cpu = pod(1000, 0, 0);
	cr_assert_eq(score("GpuPackingScore", NULL, &shared, 0, NULL), 25);  /* idle node: max(33 − 8, 8) */
	cr_assert_eq(score("GpuPackingScore", NULL, &shared, 1, NULL), 29);  /* max(33 − 4, 4) */
	use(1, 0, 500);
	cr_assert_eq(score("GpuPackingScore", NULL, &shared, 1, NULL), 95);  /* 100 − 50/10 */
	cr_assert_eq(score("GpuPackingScore", NULL, &whole, 1, NULL), 49);   /* 50 − 1 idle GPU */
	cr_assert_eq(score("GpuPackingScore", NULL, &two, 1, NULL), 48);
	cr_assert_eq(score("GpuPackingScore", NULL, &cpu, 1, NULL), 0);
	struct pod_spec big = pod(1000, 1, 600);
	cr_assert_eq(score("GpuPackingScore", NULL, &big, 1, NULL), 49);     /* 500 left is too small */
	use(1, 1, 100);
	struct pod_spec small = pod(1000, 1, 100);
	cr_assert_eq(score("GpuPackingScore", NULL, &small, 1, NULL), 95);   /* least idle first: GPU 0 (500) */
}

Test(scores, gpu_clustering_affinity)
{
	struct pod_spec shared = pod(1000, 1, 300), whole = pod(1000, 1, 1000), cpu = pod(1000, 0, 0);
	cr_assert_eq(score("GpuClusteringScore", NULL, &shared, 0, NULL), 25);  /* 25·0/8000 + 25 */
	cr_assert_eq(score("GpuClusteringScore", NULL, &shared, 1, NULL), 37);  /* 25·4000/8000 + 25 */
	use(0, 0, 500);
	cr_assert_eq(score("GpuClusteringScore", NULL, &shared, 0, NULL), 76);  /* 25·500/8000 = 1, + 75 */
	cr_assert_eq(score("GpuClusteringScore", NULL, &whole, 0, NULL), 1);    /* other shapes only */
	cluster_bind(&c, 0, &whole, 1u << 1);
	cr_assert_eq(score("GpuClusteringScore", NULL, &shared, 0, NULL), 54);  /* 25·1500/8000 = 4, + 50 */
	cr_assert_eq(score("GpuClusteringScore", NULL, &cpu, 0, NULL), 0);
}

Test(scores, dot_product_merge)
{
	/* (64000/128000, 8000/8000)·(4000/128000, 1000/8000) = 0.140625; 1 − 0.140625/2 → 92 */
	struct pod_spec p = pod(4000, 1, 1000);
	cr_assert_eq(score("DotProductScore", "merge", &p, 0, NULL), 92);
}

Test(scores, dot_product_share_picks_the_gpu)
{
	use(0, 0, 500);
	struct pod_spec p = pod(4000, 1, 300);
	uint32_t gpus = 0;
	/* GPU 0: (0.5, 500/8000)·(0.03125, 300/8000) = 0.01796875 → 99; idle GPUs: (0.5, 0.875)·… → 97 */
	cr_assert_eq(score("DotProductScore", "share", &p, 0, &gpus), 99);
	cr_assert_eq(gpus, 1u);
	struct pod_spec whole = pod(4000, 2, 1000);
	cr_assert_eq(score("DotProductScore", "share", &whole, 0, &gpus), 88); /* (0.5,0.875)·(0.03125,0.25) = 0.234 */
	cr_assert_eq(gpus, 0x6u);
}

/* Node "eight" (64 CPUs) with 500 milli left on GPU 0 and 7 idle GPUs; a CPU-heavy shared pod
 * (32 CPUs, 300 milli): pod vector (32000/128000, 300/8000) = (0.25, 0.0375) under max. */
Test(scores, dot_product_share_against_divide)
{
	use(0, 0, 500);
	struct pod_spec p = pod(32000, 1, 300);
	uint32_t gpus = 0;
	/* share, GPU 0: (0.5, 0.0625)·(0.25, 0.0375) = 0.12734375, /2 → 1 − 0.0637 = 93.6 → 93;
	 * the idle GPUs: (0.5, 0.875) → 0.1578125/2 → 92.1 */
	cr_assert_eq(score("DotProductScore", "share", &p, 0, &gpus), 93);
	cr_assert_eq(gpus, 0x1u);
	/* divide scales the node's CPU by each GPU place's share of the 7500 idle milli:
	 * GPU 0: (64000·500/7500/128000, 0.0625) = (0.0333, 0.0625) → 0.0106771/2 → 99.47 → 99;
	 * idle: (64000·7000/7500/128000, 0.875) = (0.4667, 0.875) → 0.1494792/2 → 92.5 */
	cr_assert_eq(score("DotProductScore", "divide", &p, 0, &gpus), 99);
	cr_assert_eq(gpus, 0x1u);
}

/* extend: one node vector (CPU, each partly used GPU, the idle GPUs together) against one pod
 * vector per place: node (0.5, 500/8000, 7000/8000) = (0.5, 0.0625, 0.875);
 * on GPU 0 (0.25, 0.0375, 0): 0.12734375/3 → 95.76; on the idle GPUs (0.25, 0, 0.0375):
 * 0.1578125/3 → 94.74.  GPU 0 wins, at 95. */
Test(scores, dot_product_extend)
{
	use(0, 0, 500);
	struct pod_spec p = pod(32000, 1, 300);
	uint32_t gpus = 0;
	cr_assert_eq(score("DotProductScore", "extend", &p, 0, &gpus), 95);
	cr_assert_eq(gpus, 0x1u);
	/* Node "four" with 200 left on GPU 1, too little: only the idle place remains, on the lowest
	 * idle GPU.  (0.5, 200/8000, 3000/8000)·(0.25, 0, 0.0375) = 0.1390625, /3 → 95.36 → 95. */
	use(1, 1, 800);
	cr_assert_eq(score("DotProductScore", "extend", &p, 1, &gpus), 95);
	cr_assert_eq(gpus, 0x1u);
}

/* Node "four" (64 CPUs, 4 GPUs) with 500 milli left on GPU 0; pod (32 CPUs, 300 milli). */
Test(scores, dot_product_node_and_pod_normalisation)
{
	use(1, 0, 500);
	struct pod_spec p = pod(32000, 1, 300);
	uint32_t gpus = 0;
	/* node: divide by the node's 64000 CPU and 4000 GPU milli.  GPU 0: (1, 0.125)·(0.5, 0.075)
	 * = 0.509375, /2 → 1 − 0.2547 = 74.5 → 74; idle: (1, 0.75)·(0.5, 0.075) = 0.55625 → 72.2 */
	cr_assert_eq(score_with("DotProductScore", "share", "node", &p, 1, &gpus), 74);
	cr_assert_eq(gpus, 0x1u);
	/* pod: divide by the pod's 32000 CPU and 300 milli, then tanh(dot/10).  GPU 0: (2, 1.667)·(1, 1)
	 * = 3.667, /2 = 1.833, tanh(0.1833) = 0.1813 → 81.9 → 81; idle: (2, 10) → 6, tanh(0.6) → 46.3 */
	cr_assert_eq(score_with("DotProductScore", "share", "pod", &p, 1, &gpus), 81);
	cr_assert_eq(gpus, 0x1u);
}

Test(scores, dot_product_rejects_unknown_method)
{
	struct plugin_args args = {0};
	set_arg(&args, "dimExtMethod", "sideways");
	struct plugin_env env = {.cluster = &c, .typical = &typical, .args = &args};
	void *self = NULL;
	struct error err;
	cr_assert_neq(policy_find("DotProductScore")->init(&self, &env, &err), 0);
	cr_assert_str_eq(err.msg, "DotProductScore: dimExtMethod 'sideways' is not one of merge, share, divide or extend");
}

/* Node "two": 2 GPUs, 8 CPUs; one typical pod (1 CPU, 500 milli, freq 1). */
Test(scores, fgd_by_hand)
{
	uint32_t gpus = 0;
	struct pod_spec p300 = pod(0, 1, 300), p600 = pod(0, 1, 600);
	cr_assert_eq(score("FGDScore", NULL, &p300, 2, &gpus), 50);  /* F stays 0: sigmoid(0) */
	cr_assert_eq(gpus, 1u);
	cr_assert_eq(score("FGDScore", NULL, &p600, 2, &gpus), 40);  /* 400 left is too small: sigmoid(−0.4) */
	use(2, 0, 600);                                              /* GPUs now {400, 1000}: F = 400 */
	cr_assert_eq(score("FGDScore", NULL, &p300, 2, &gpus), 57);  /* on GPU 0: F 400 → 100, sigmoid(0.3) */
	cr_assert_eq(gpus, 1u);
	struct pod_spec whole = pod(0, 1, 1000);
	cr_assert_eq(score("FGDScore", NULL, &whole, 2, &gpus), 50); /* {400, 0}: all 400 idle is fragment either way */
	cr_assert_eq(gpus, 2u);
	struct pod_spec cpu = pod(7500, 0, 0);
	cr_assert_eq(score("FGDScore", NULL, &cpu, 2, NULL), 26);    /* CPU left 500 < 1000: F 400 → 1400 */
	struct pod_spec nothing = pod(0, 0, 0);
	cr_assert_eq(score("FGDScore", NULL, &nothing, 2, NULL), 100);
}

Test(scores, fgd_cache_follows_node_changes)
{
	const struct policy_ops *ops = policy_find("FGDScore");
	struct plugin_env env = {.cluster = &c, .typical = &typical};
	void *self = NULL;
	struct error err;
	cr_assert_eq(ops->init(&self, &env, &err), 0);
	struct pod_spec p300 = pod(0, 1, 300);
	uint32_t gpus;
	cr_assert_eq(ops->score(self, &c, &p300, 2, &gpus), 50);
	use(2, 0, 600);
	cr_assert_eq(ops->score(self, &c, &p300, 2, &gpus), 57, "a stale cached score was returned");
	ops->free(self);
}

Test(scores, best_fit_and_random)
{
	struct pod_spec p = pod(4000, 1, 500);
	/* eight: ½·60000/128000 + ½·7500/8000 = 0.703125 → 29 */
	cr_assert_eq(score("BestFitScore", NULL, &p, 0, NULL), 29);
	struct pod_spec hungry = pod(9000, 0, 0);
	cr_assert_eq(score("BestFitScore", NULL, &hungry, 2, NULL), SCORE_ERROR);
}

/* Two racks of two 2-GPU nodes each: r0 = {a, b}, r1 = {c, d}. */
static struct cluster racked;
static struct workload racked_w;

static void racked_setup(void)
{
	workload_init(&racked_w);
	const char *names[] = {"a", "b", "c", "d"};
	for (int i = 0; i < 4; i++) {
		struct node_spec *n = workload_add_node(&racked_w);
		n->name = names[i];
		n->cpu_milli = 32000;
		n->mem_bytes = 1LL << 40;
		n->max_pods = 110;
		n->gpu_count = 2;
		n->rack = workload_rack(&racked_w, i < 2 ? "r0" : "r1");
	}
	racked_w.n_jobs = 2;
	struct error err;
	cr_assert_eq(cluster_init(&racked, &racked_w, 1, CLASS_BY_RACK, &err), 0);
}

static void racked_teardown(void)
{
	cluster_release(&racked);
	workload_release(&racked_w);
}

Test(topology, packs_racks_in_use_and_keeps_jobs_together, .init = racked_setup, .fini = racked_teardown)
{
	const struct policy_ops *ops = policy_find("TopologyScore");
	struct plugin_env env = {.cluster = &racked};
	void *self = NULL;
	struct error err;
	cr_assert_eq(ops->init(&self, &env, &err), 0);
	struct pod_spec p = pod(1000, 1, 1000);
	p.job = -1;
	uint32_t gpus = 0;
	for (size_t i = 0; i < 4; i++)
		cr_assert_eq(ops->score(self, &racked, &p, i, &gpus), 0, "all racks idle");
	/* A job-0 pod lands on c (rack r1, 1000 of 4000 milli in use). */
	struct pod_spec j0 = p;
	j0.job = 0;
	cluster_bind(&racked, 2, &j0, 1u);
	ops->bound(self, &racked, &j0, 2);
	cr_assert_eq(ops->score(self, &racked, &p, 0, &gpus), 0);            /* r0 idle */
	cr_assert_eq(ops->score(self, &racked, &p, 3, &gpus), 25 + 12);      /* r1 in use: 25 + int(50·0.25) */
	cr_assert_eq(ops->score(self, &racked, &j0, 3, &gpus), 100);         /* same job in r1 */
	struct pod_spec j1 = p;
	j1.job = 1;
	cr_assert_eq(ops->score(self, &racked, &j1, 3, &gpus), 37);          /* another job: just a fuller rack */
	/* When the job's pod leaves, r1 no longer holds job 0. */
	cluster_unbind(&racked, 2, &j0, 1u);
	ops->unbound(self, &racked, &j0, 2);
	cr_assert_eq(ops->score(self, &racked, &j0, 3, &gpus), 0);
	ops->free(self);
}

/* An empty dimExtMethod keeps the default (share), as the loader always took it. */
Test(scores, dot_product_empty_method_is_the_default)
{
	use(0, 0, 500);
	struct pod_spec p = pod(32000, 1, 300);
	cr_assert_eq(score("DotProductScore", "", &p, 0, NULL), score("DotProductScore", "share", &p, 0, NULL));
}
