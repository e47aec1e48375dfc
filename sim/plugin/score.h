/* score.h — the score point's table (and the batch placer's, enabled at score).
 *
 * A score plugin is a `const struct policy_ops` with designated initializers; slots it does
 * not need stay NULL.  .score rates one feasible node for one pod; .prescore sees the
 * feasible set first (RandomScore draws there); .normalize rescales a pod's scores across
 * nodes (BestFit's min-max).  A scorer may also propose the GPUs it would use (`*gpus`),
 * which the scheduler takes when gpuSelMethod names the plugin.  A batch placer fills .place
 * instead: it decides a window of pods at once, trying placements through batch.h.
 *
 * A policy owns what only it knows: .gpu_sel, the GPU selection the paper pairs with it
 * (used when it is chosen by name with --policy), and its pluginConfig args, which .init
 * reads and checks from the generic key/value view (policies/kit/args.h).
 *
 * Policies that keep state about what runs where (TopologyScore's jobs per rack) learn of
 * every placement and departure through .bound and .unbound, after the engine's change.
 *
 * The scheduler scores one node per class of interchangeable nodes (node_class.h) and lets
 * it stand for all members, which is exact when a score reads no more of a node than its
 * class key.  .sees says what a policy reads: the class key alone (left 0), also the rack
 * (classes are then split by rack), or the node itself (then every feasible node is scored,
 * as for all policies when one in the profile does).  A policy that singles out one node
 * (RandomScore's draw) still sees classes: its .prescore nominates the node, which is then
 * scored on its own beside its class.  .normalize must give each score what it gives it
 * whether it occurs once or many times among the scores (min-max does).
 */
#ifndef SIMON_SCORE_H
#define SIMON_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/plugin/plugin.h"
#include "sim/util/pcg32.h"

#define SCORE_MAX 100
/* A score plugin's failure for a node: Kubernetes then fails the pod's scheduling cycle. */
#define SCORE_ERROR INT64_MIN

/* The nodes that passed the filter, as .prescore sees them: candidates[] are the feasible
 * nodes in node order, or (by_class) the first member of each feasible class in no order;
 * nodes counts the feasible nodes either way. */
struct feasible_set {
	const uint32_t *candidates;
	size_t n;
	size_t nodes;
	bool by_class;
	uint8_t *marks;       /* scratch, one per class id, all 0 between calls */
};

#define NO_NOMINEE (-1)

/* A decision: the node (or -1: none) and the GPUs there, as a bit mask. */
struct placement {
	int32_t node;
	uint32_t gpus;
};

struct trial;

struct policy_ops {
	const char *name;     /* as named in scheduler configs, e.g. "BestFitScore" */
	const char *summary;  /* one line for `simon help policies` */
	const char *alias;    /* another name users type (its data/schedulers config's stem), or NULL */
	const char *const *args; /* pluginConfig keys it reads, NULL-terminated; NULL for none */
	enum gpu_sel gpu_sel; /* paired GPU selection: GPU_SEL_BEST (left 0), _RANDOM, or _PLUGIN (its own) */
	enum policy_sees sees;
	/* Kubernetes' PreScore Skip: it has nothing to say of p, scores no node and is not asked. */
	bool (*skips)(void *self, const struct cluster *c, const struct pod_spec *p);
	/* Whether its score for p reads which node it is (when .sees does not say so for all). */
	bool (*sees_node)(const void *self, const struct pod_spec *p);
	int (*init)(void **self, const struct plugin_env *env, struct error *err);
	/* Runs before any plugin scores; returns a node to score on its own, or NO_NOMINEE. */
	int64_t (*prescore)(void *self, const struct cluster *c, const struct pod_spec *p, const struct feasible_set *f,
			    struct pcg32 *rng);
	int64_t (*score)(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus);
	void (*normalize)(void *self, int64_t *scores, size_t n);
	/* A batch placer decides the first pods of pods[0..n) at once, at least one when n > 0:
	 * *decided of them, with out[i] for each (node -1: not placed).  Its score slots stay NULL. */
	int (*place)(void *self, struct trial *t, const struct pod_spec *const *pods, size_t n, struct pcg32 *rng,
		     struct placement *out, size_t *decided, struct error *err);
	/* A batch placer's decoder: the score plugin its trials place with (NULL: none). */
	const char *(*decoder)(const void *self);
	void (*bound)(void *self, const struct cluster *c, const struct pod_spec *p, size_t node);
	void (*unbound)(void *self, const struct cluster *c, const struct pod_spec *p, size_t node);
	void (*free)(void *self);
};

/* The policy named exactly so, or NULL. */
const struct policy_ops *policy_find(const char *name);
/* The policy a user means: its name or alias, without regard to case, "Score" optional
 * ("fgd", "FGD", "fgdscore" → FGDScore); NULL when none. */
const struct policy_ops *policy_lookup(const char *typed);
/* The policy name nearest to an unknown one, for "did you mean", or NULL. */
const char *policy_suggest(const char *typed);
/* "unknown policy 'fdg'; did you mean FGDScore? (...)" into out. */
void policy_unknown(char *out, size_t size, const char *typed);

#endif
