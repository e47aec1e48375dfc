/* policy.h — the one interface every placement policy implements.
 *
 * A policy is a `const struct policy_ops` with designated initializers; slots it does not
 * need stay NULL.  Two shapes fit it:
 *
 *  - Node scorers (Kubernetes score plugins): .score rates one feasible node for one pod;
 *    .prescore sees the feasible set first (RandomScore draws there); .normalize rescales a
 *    pod's scores across nodes (BestFit's min-max).  A scorer may also propose the GPUs it
 *    would use (`*gpus`), which the scheduler takes when gpuSelMethod names the plugin.
 *  - Batch placers (GA, pipeline placers): .place decides a window of pending pods at once.
 *
 * Policies that keep state about what runs where (TopologyScore's jobs per rack) learn of
 * every placement and departure through .bound and .unbound, after the engine's change.
 *
 * Policies read the cluster through `const struct cluster *` and never change it; the
 * engine alone binds pods.  State a policy keeps between calls lives behind `void *self`,
 * made by .init and freed by .free.  The table of all policies is in policies/registry.c.
 */
#ifndef SIMON_POLICY_H
#define SIMON_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "sim/cluster.h"
#include "sim/load/config.h"
#include "sim/frag.h"
#include "sim/util/pcg32.h"

#define SCORE_MAX 100
/* A score plugin's failure for a node: Kubernetes then fails the pod's scheduling cycle. */
#define SCORE_ERROR INT64_MIN

/* What a policy may know when it is set up. */
struct policy_env {
	const struct cluster *cluster;
	const struct typical_pods *typical;   /* the target workload (FGD) */
	const struct plugin_args *args;       /* this plugin's pluginConfig args, or NULL */
};

/* A decision of a batch placer: pod i of the window goes to node (or -1: not now), on gpus. */
struct placement {
	int32_t node;
	uint32_t gpus;
};

struct policy_ops {
	const char *name;     /* as named in scheduler configs, e.g. "BestFitScore" */
	const char *summary;  /* one line for `simon help policies` */
	int (*init)(void **self, const struct policy_env *env, struct error *err);
	void (*prescore)(void *self, const struct cluster *c, const struct pod_spec *p, const uint32_t *feasible,
			 size_t n, struct pcg32 *rng);
	int64_t (*score)(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus);
	void (*normalize)(void *self, int64_t *scores, size_t n);
	int (*place)(void *self, const struct cluster *c, const struct pod_spec *const *pending, size_t n,
		     struct placement *out, struct pcg32 *rng);
	void (*bound)(void *self, const struct cluster *c, const struct pod_spec *p, size_t node);
	void (*unbound)(void *self, const struct cluster *c, const struct pod_spec *p, size_t node);
	void (*free)(void *self);
};

/* All policies, NULL-terminated (policies/registry.c). */
extern const struct policy_ops *const policy_table[];
const struct policy_ops *policy_find(const char *name);

/* Kubernetes' NormalizeScore as the reference uses it: min-max into 0..100, all 0 when equal. */
void normalize_min_max(int64_t *scores, size_t n);

#endif
