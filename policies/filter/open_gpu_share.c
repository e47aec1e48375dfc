/* open_gpu_share.c — Open-Gpu-Share's fit, the reference's filter: the node has the CPU and
 * memory the pod asks for, and GPUs of a model it accepts with the share it asks free on each
 * (cluster_fits).  Every profile has it, enabled or not, as every Kubernetes profile has
 * NodeResourcesFit.  It reads only a node's class key, answers for a class from its cached fit
 * record, and names the class buckets with the GPU room and free CPU a pod needs.  Its args
 * are the reference's shared ones; gpuSelMethod is the profile's GPU selection.
 * O(1) per class, O(buckets) per pod.
 */
#include "sim/plugin/filter.h"

static bool admits(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p)
{
	(void)self;
	return cluster_fits(c, node, p);
}

static bool admits_class(const void *self, const struct cluster *c, const struct class_entry *e,
			 const struct pod_spec *p)
{
	(void)self;
	return cluster_fits_record(c, &e->fit, e->first, p);
}

static size_t buckets(const void *self, const struct cluster *c, const struct pod_spec *p, uint32_t *out)
{
	(void)self;
	return cluster_fit_buckets(c, p, out);
}

const struct plugin open_gpu_share_plugin = {
	.name = "Open-Gpu-Share",
	.summary = "the node has the CPU, memory and GPU share the pod asks for (always on)",
	.args = (const char *const[]){"gpuSelMethod", "dimExtMethod", "normMethod", NULL},
	.filter = &(const struct filter_ops){.admits = admits, .admits_class = admits_class, .buckets = buckets},
	.always = true,
};
