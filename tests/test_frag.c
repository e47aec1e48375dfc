/* Typical pods and the fragmentation measure on cases worked out from the paper's definition. */
#include <criterion/criterion.h>

#include "sim/frag.h"

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
