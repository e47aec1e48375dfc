/* open_gpu_share.c — Open-Gpu-Share's fit, the reference's filter: the node has the CPU and
 * memory the pod asks for, and GPUs of a model it accepts with the share it asks free on each
 * (cluster_fits).  Every profile has it, enabled or not, as every Kubernetes profile has
 * NodeResourcesFit.  It reads only a node's class key and names the classes that pass: those
 * of the buckets with the GPU room and free CPU a pod needs (cluster_fit_buckets) whose cached
 * fit record takes it.  Its args are the reference's shared ones; gpuSelMethod is the
 * profile's GPU selection.  O(buckets + their classes) per pod; memory, a word per bucket.
 */
#include <stdlib.h>

#include "sim/plugin/filter.h"

struct fit {
	uint32_t *buckets;   /* scratch: the buckets a pod might fit */
};

static bool admits(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p)
{
	(void)self;
	return cluster_fits(c, node, p);
}

static void why(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p, struct fit_error *e,
		uint32_t nodes)
{
	(void)self;
	fit_error_count(e, p, fit_reasons(&c->spec[node], &c->state[node], p), nodes);
}

static size_t candidates(void *self, const struct cluster *c, const struct pod_spec *p, uint32_t *out, size_t *nodes)
{
	struct fit *fit = self;
	size_t n = 0, n_buckets = cluster_fit_buckets(c, p, fit->buckets);
	*nodes = 0;
	for (size_t b = 0; b < n_buckets; b++) {
		const struct class_list *l = &c->classes.live[fit->buckets[b]];
		for (const struct class_entry *e = l->at; e < l->at + l->n; e++)
			if (cluster_fits_record(c, &e->fit, e->first, p)) {
				out[n++] = e->first;
				*nodes += e->n;
			}
	}
	return n;
}

static void release(void *self)
{
	struct fit *fit = self;
	if (fit)
		free(fit->buckets);
	free(fit);
}

static int init(void **self, const struct plugin_env *env, struct error *err)
{
	*self = NULL;
	if (!env->cluster)
		return 0;
	struct fit *fit = calloc(1, sizeof *fit);
	uint32_t n = cluster_n_buckets(env->cluster);
	if (fit)
		fit->buckets = calloc(n ? n : 1, sizeof *fit->buckets);
	if (!fit || !fit->buckets) {
		release(fit);
		return error_set(err, "out of memory for Open-Gpu-Share");
	}
	*self = fit;
	return 0;
}

const struct plugin open_gpu_share_plugin = {
	.name = "Open-Gpu-Share",
	.summary = "the node has the CPU, memory and GPU share the pod asks for (always on)",
	.args = (const char *const[]){"gpuSelMethod", "dimExtMethod", "normMethod", NULL},
	.init = init,
	.free = release,
	.filter = &(const struct filter_ops){.admits = admits, .why = why, .candidates = candidates},
	.always = true,
};
