#include "sim/model/frag.h"
#include "sim/util/order.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_POPULARITY 60.0
#define DEFAULT_STEP 10

struct group {
	struct typical_pod key;
	double count;
};

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* The reference's PodResource.Less: CPU, then milli, then count, then model string. */
static int cmp_resource(const struct typical_pod *a, const struct typical_pod *b)
{
	if (a->cpu_milli != b->cpu_milli)
		return a->cpu_milli < b->cpu_milli ? -1 : 1;
	if (a->gpu_milli != b->gpu_milli)
		return a->gpu_milli < b->gpu_milli ? -1 : 1;
	if (a->gpu_count != b->gpu_count)
		return a->gpu_count < b->gpu_count ? -1 : 1;
	return cmp_str(a->model_spec, b->model_spec);
}

static int by_resource(const void *a, const void *b)
{
	return cmp_resource(a, b);
}

/* Most frequent first; equal counts put the larger resource first (the reference sorts in reverse). */
static int by_popularity(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return -cmp_resource(&x->key, &y->key);
}

static double weight_of(const struct typical_pod *k, const struct typical_pods_config *cfg)
{
	if (cfg->gpu_res_weight > 0 && k->gpu_milli == GPU_MILLI)
		return 1 + k->gpu_count * cfg->gpu_res_weight;
	return 1;
}

/* Sorted keys → one group per distinct resource, with weighted counts. */
static size_t group_keys(struct typical_pod *keys, size_t n, const struct typical_pods_config *cfg, struct group *out,
			 double *total)
{
	size_t groups = 0;
	*total = 0;
	for (size_t i = 0; i < n; i++) {
		double w = weight_of(&keys[i], cfg);
		*total += w;
		if (groups && cmp_resource(&out[groups - 1].key, &keys[i]) == 0) {
			out[groups - 1].count += w;
			continue;
		}
		out[groups].key = keys[i];
		out[groups].count = w;
		groups++;
	}
	return groups;
}

int typical_pods_build(struct typical_pods *t, const struct pod_spec *pods, size_t n_pods,
		       const struct typical_pods_config *cfg, struct error *err)
{
	memset(t, 0, sizeof *t);
	struct typical_pod *keys = calloc(n_pods ? n_pods : 1, sizeof *keys);
	struct group *groups = calloc(n_pods ? n_pods : 1, sizeof *groups);
	if (!keys || !groups) {
		free(keys);
		free(groups);
		return error_set(err, "out of memory building typical pods");
	}
	size_t n = 0;
	for (size_t i = 0; i < n_pods; i++) {
		const struct pod_spec *p = &pods[i];
		if (!cfg->involve_cpu_pods && p->gpu_count == 0)
			continue;
		keys[n++] = (struct typical_pod){pod_cpu_nonzero(p), p->gpu_milli, p->gpu_count, p->model_spec,
						 p->model_mask, 0};
	}
	sort_items(keys, n, sizeof *keys, by_resource);
	double total;
	size_t n_groups = group_keys(keys, n, cfg, groups, &total);
	free(keys);
	sort_items(groups, n_groups, sizeof *groups, by_popularity);

	double threshold = cfg->popularity_threshold > 0 ? cfg->popularity_threshold : DEFAULT_POPULARITY;
	int step = cfg->increase_step > 0 ? cfg->increase_step : DEFAULT_STEP;
	double expected = threshold * total / 100.0, covered = 0;
	size_t kept = 0;
	while (covered < expected && kept < n_groups) {
		size_t upto = kept + (size_t)step;
		for (; kept < upto && kept < n_groups; kept++)
			covered += groups[kept].count;
	}
	t->items = calloc(kept ? kept : 1, sizeof *t->items);
	if (!t->items) {
		free(groups);
		return error_set(err, "out of memory building typical pods");
	}
	for (size_t i = 0; i < kept; i++) {
		t->items[i] = groups[i].key;
		t->items[i].freq = groups[i].count / covered;
	}
	t->n = kept;
	t->coverage = total > 0 ? covered / total : 0;
	free(groups);
	return 0;
}

void typical_pods_release(struct typical_pods *t)
{
	free(t->items);
	memset(t, 0, sizeof *t);
}

double node_frag(const struct typical_pods *t, const struct node_spec *n, int64_t cpu_left, const int16_t *gpu_left)
{
	int idle = 0;
	for (int g = 0; g < n->gpu_count; g++)
		idle += gpu_left[g];
	if (idle == 0)
		return 0;
	double frag = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct typical_pod *p = &t->items[i];
		bool accessible = !p->model_mask || (n->model >= 0 && (p->model_mask >> n->model & 1));
		if (p->gpu_milli == 0 || !accessible || cpu_left < p->cpu_milli) {
			frag += p->freq * idle;
			continue;
		}
		int fitting = 0, too_small = 0;
		for (int g = 0; g < n->gpu_count; g++) {
			if (gpu_left[g] >= p->gpu_milli)
				fitting++;
			else
				too_small += gpu_left[g];
		}
		frag += p->freq * (fitting >= p->gpu_count ? too_small : idle);
	}
	return frag;
}
