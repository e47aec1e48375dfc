/* Typical pods and the fragmentation measure on cases worked out from the paper's definition. */
#include <criterion/criterion.h>

#include "sim/model/frag.h"

static struct pod_spec shape(int64_t cpu, int count, int milli, uint64_t mask)
{
	struct pod_spec p = {0};
	p.cpu_milli = cpu;
	p.gpu_count = count;
	p.gpu_milli = milli;
	p.model_mask = mask;
	p.model_spec = mask ? "T4" : NULL;
	return p;
}

static struct typical_pods build(const struct pod_spec *pods, size_t n, double threshold, int step)
{
	struct typical_pods t;
	struct typical_pods_config cfg = {.involve_cpu_pods = true, .popularity_threshold = threshold,
					  .increase_step = step};
	struct error err;
	cr_assert_eq(typical_pods_build(&t, pods, n, &cfg, &err), 0);
	return t;
}

Test(typical_pods, most_frequent_first_until_the_threshold)
{
	struct pod_spec pods[] = {shape(1000, 1, 500, 0), shape(2000, 1, 1000, 0), shape(1000, 1, 500, 0),
				  shape(1000, 1, 500, 0)};
	struct typical_pods t = build(pods, 4, 60, 1);
	cr_assert_eq(t.n, 1);
	cr_assert_eq(t.items[0].gpu_milli, 500);
	cr_assert_float_eq(t.items[0].freq, 1.0, 1e-12);
	cr_assert_float_eq(t.coverage, 0.75, 1e-12);
	typical_pods_release(&t);

	t = build(pods, 4, 95, 1);
	cr_assert_eq(t.n, 2);
	cr_assert_float_eq(t.items[0].freq, 0.75, 1e-12);
	cr_assert_float_eq(t.items[1].freq, 0.25, 1e-12);
	typical_pods_release(&t);
}

Test(typical_pods, steps_and_zero_cpu)
{
	struct pod_spec pods[] = {shape(0, 0, 0, 0), shape(1000, 1, 500, 0), shape(2000, 1, 1000, 0)};
	/* Default step 10 keeps every group even though one would reach 30%. */
	struct typical_pods t = build(pods, 3, 30, 0);
	cr_assert_eq(t.n, 3);
	/* Equal counts: the larger resource first, so the zero-CPU pod (scored as 100m) is last. */
	cr_assert_eq(t.items[0].cpu_milli, 2000);
	cr_assert_eq(t.items[2].cpu_milli, 100);
	typical_pods_release(&t);
}

static double frag(const struct typical_pods *t, int model, int gpus, int64_t cpu_left, int16_t g0, int16_t g1)
{
	struct node_spec n = {0};
	n.gpu_count = gpus;
	n.model = model;
	int16_t left[MAX_GPUS_PER_NODE] = {g0, g1};
	return node_frag(t, &n, cpu_left, left);
}

Test(node_frag, q3_counts_only_gpus_too_small)
{
	struct typical_pod p = {.cpu_milli = 1000, .gpu_milli = 500, .gpu_count = 1, .freq = 1};
	struct typical_pods t = {&p, 1, 1};
	cr_assert_float_eq(frag(&t, 0, 2, 8000, 300, 1000), 300, 1e-9);
	cr_assert_float_eq(frag(&t, 0, 2, 8000, 500, 1000), 0, 1e-9);
	cr_assert_float_eq(frag(&t, 0, 2, 8000, 0, 0), 0, 1e-9);
}

Test(node_frag, lacking_cpu_or_gpu_makes_all_idle_fragmented)
{
	struct typical_pod p = {.cpu_milli = 1000, .gpu_milli = 500, .gpu_count = 1, .freq = 1};
	struct typical_pods t = {&p, 1, 1};
	cr_assert_float_eq(frag(&t, 0, 2, 999, 300, 1000), 1300, 1e-9);  /* Q4: no CPU */
	cr_assert_float_eq(frag(&t, 0, 2, 8000, 300, 400), 700, 1e-9);   /* Q2: no GPU big enough */
}

Test(node_frag, cpu_only_and_inaccessible_typical_pods)
{
	struct typical_pod cpu_only = {.cpu_milli = 1000, .freq = 1};
	struct typical_pods t = {&cpu_only, 1, 1};
	cr_assert_float_eq(frag(&t, 0, 2, 8000, 300, 1000), 1300, 1e-9);
	struct typical_pod t4 = {.cpu_milli = 1000, .gpu_milli = 500, .gpu_count = 1, .model_mask = 1u << 3, .freq = 1};
	struct typical_pods t2 = {&t4, 1, 1};
	cr_assert_float_eq(frag(&t2, 0, 2, 8000, 300, 1000), 1300, 1e-9);
	cr_assert_float_eq(frag(&t2, 3, 2, 8000, 300, 1000), 300, 1e-9);
}

Test(node_frag, weighted_by_frequency)
{
	struct typical_pod p[] = {{.cpu_milli = 1000, .gpu_milli = 500, .gpu_count = 1, .freq = 0.5},
				  {.cpu_milli = 1000, .gpu_milli = 1000, .gpu_count = 2, .freq = 0.5}};
	struct typical_pods t = {p, 2, 1};
	/* 0.5·300 (Q3 for the shared pod) + 0.5·1300 (the 2-GPU pod lacks GPUs) */
	cr_assert_float_eq(frag(&t, 0, 2, 8000, 300, 1000), 800, 1e-9);
	cr_assert_float_eq(frag(&t, 0, 2, 8000, 1000, 1000), 0, 1e-9);
}

/* The reference's own fragmentation cases (pkg/utils/frag_test.go): typical pods with their
 * frequencies in percent, nodes, and the published F.  Models: 0 = 1080, 1 = 2080, 2 = T4,
 * 3 = P100, 4 = V100M16; -1 for any. */
struct ref_pod {
	int cpu, milli, count, model;
	double pct;
};

static const struct ref_pod ref_typical[] = {
	{6000, 465, 1, -1, 9.33},    {8000, 440, 1, 1, 9.15},     {8000, 475, 1, 2, 8.76},    {8000, 440, 1, 3, 8.72},
	{2000, 465, 1, -1, 8.68},    {12000, 900, 1, -1, 8.65},   {4000, 900, 1, -1, 8.43},   {16000, 678, 1, 2, 8.36},
	{8000, 500, 1, -1, 8.29},    {6000, 511, 1, -1, 8.11},    {14000, 1000, 2, 1, 0.54},  {4000, 1000, 1, 1, 0.43},
	{32000, 1000, 2, 2, 0.43},   {16000, 1000, 1, 4, 0.40},   {64000, 1000, 2, -1, 0.40}, {10000, 1000, 2, -1, 0.40},
	{11400, 1000, 1, 2, 0.36},   {16000, 1000, 1, 2, 0.36},   {4000, 1000, 2, -1, 0.36},  {14000, 1000, 2, 4, 0.36},
	{8000, 1000, 4, -1, 0.36},   {16000, 1000, 2, -1, 0.32},  {2000, 1000, 1, 2, 0.32},   {6000, 1000, 1, -1, 0.32},
	{4000, 1000, 1, -1, 0.32},   {5000, 1000, 1, -1, 0.32},   {32000, 1000, 4, 4, 0.32},  {32000, 1000, 2, -1, 0.32},
	{24000, 1000, 8, 1, 0.32},   {40000, 1000, 4, -1, 0.29},  {32000, 1000, 8, -1, 0.29}, {32000, 1000, 1, 2, 0.29},
	{16000, 1000, 1, -1, 0.25},  {7000, 1000, 1, 4, 0.25},    {24000, 1000, 1, 2, 0.25},
};

static const struct ref_pod ref_with_cpu_pods[] = {
	{15700, 1000, 1, -1, 28.69}, {11900, 1000, 1, -1, 18.93}, {11400, 1000, 1, -1, 12.27}, {1000, 0, 0, -1, 7.36},
	{18710, 1000, 1, -1, 4.85},  {8200, 1000, 1, -1, 3.79},   {16400, 1000, 1, -1, 3.31},  {9810, 1000, 1, -1, 1.97},
	{15200, 1000, 1, -1, 1.87},  {11200, 1000, 1, -1, 1.81},  {14200, 1000, 1, -1, 1.76},  {12000, 0, 0, -1, 1.65},
	{14900, 1000, 1, -1, 1.39},  {60200, 1000, 4, -1, 1.23},  {64200, 1000, 8, -1, 1.07},  {32200, 1000, 4, -1, 1.01},
	{17400, 1000, 2, -1, 0.91},  {30200, 1000, 2, -1, 0.69},  {16000, 1000, 1, -1, 0.64},  {15000, 1000, 1, -1, 0.59},
	{64000, 1000, 8, -1, 0.53},  {15000, 0, 0, -1, 0.53},     {11910, 1000, 1, -1, 0.53},  {120200, 1000, 8, -1, 0.48},
	{11300, 1000, 1, -1, 0.37},  {30000, 1000, 2, -1, 0.32},  {9800, 1000, 1, -1, 0.32},   {8000, 1000, 1, -1, 0.32},
	{2000, 1000, 1, -1, 0.27},   {2000, 80, 1, -1, 0.27},     {1000, 1000, 1, -1, 0.27},
};

static double ref_frag(const struct ref_pod *pods, size_t n, int model, int gpus, int64_t cpu_left,
		       const int16_t *left)
{
	struct typical_pod items[64];
	for (size_t i = 0; i < n; i++)
		items[i] = (struct typical_pod){.cpu_milli = pods[i].cpu, .gpu_milli = pods[i].milli,
						.gpu_count = pods[i].count,
						.model_mask = pods[i].model < 0 ? 0 : 1ull << pods[i].model,
						.freq = pods[i].pct / 100};
	struct typical_pods t = {items, n, 1};
	struct node_spec node = {0};
	node.gpu_count = gpus;
	node.model = model;
	return node_frag(&t, &node, cpu_left, left);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

Test(node_frag, reference_values_for_gpu_typical_pods)
{
	const int16_t used[] = {200, 1000, 1000, 500}, full[] = {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
	cr_assert_float_eq(ref_frag(ref_typical, N(ref_typical), 0, 4, 1000, used), 2566.62, 0.01);
	cr_assert_float_eq(ref_frag(ref_typical, N(ref_typical), 0, 4, 1000, full), 3802.40, 0.01);
	cr_assert_float_eq(ref_frag(ref_typical, N(ref_typical), 0, 8, 1000, full), 7604.80, 0.01);
	cr_assert_float_eq(ref_frag(ref_typical, 1, 0, 4, 1000, used), 251.91, 0.01);
}

Test(node_frag, reference_values_with_cpu_only_typical_pods)
{
	const int16_t empty[] = {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
	const int16_t halved[] = {1000, 1000, 1000, 1000, 0, 0, 0, 0};
	cr_assert_float_eq(ref_frag(ref_with_cpu_pods, N(ref_with_cpu_pods), 3, 8, 64000, empty), 887.20, 0.01);
	cr_assert_float_eq(ref_frag(ref_with_cpu_pods, N(ref_with_cpu_pods), 3, 8, 32000, halved), 554.4, 0.01);
}
