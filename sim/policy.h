/* policy.h — the one interface every placement policy implements.
 *
 * A policy is a `const struct policy_ops` with designated initializers; slots it does not
 * need stay NULL.  Policies are node scorers (Kubernetes score plugins): .score rates one
 * feasible node for one pod; .prescore sees the feasible set first (RandomScore draws there);
 * .normalize rescales a pod's scores across nodes (BestFit's min-max).  A scorer may also
 * propose the GPUs it would use (`*gpus`), which the scheduler takes when gpuSelMethod names
 * the plugin.  (Batch placers, which decide a window of pods at once, get their slot when the
 * engine first calls one.)
 *
 * A policy owns what only it knows: .gpu_sel, the GPU selection the paper pairs with it
 * (used when it is chosen by name with --policy), and its pluginConfig args, which .init
 * reads and checks from the generic key/value view (policy_arg_choice and plugin_args_get).
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
#ifndef SIMON_POLICY_H
#define SIMON_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/cluster.h"
#include "sim/frag.h"
#include "sim/load/config.h"
#include "sim/util/pcg32.h"

#define SCORE_MAX 100
/* A score plugin's failure for a node: Kubernetes then fails the pod's scheduling cycle. */
#define SCORE_ERROR INT64_MIN

/* What a policy may know when it is set up. */
struct policy_env {
	const struct cluster *cluster;
	const struct typical_pods *typical;   /* the target workload (FGD) */
	const struct plugin_args *args;       /* this plugin's pluginConfig args, or NULL */
	const char *config_path;              /* the file args come from, for messages; NULL: none */
};

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

/* The k-th feasible node (k < f->nodes) in node order: O(1), or O(nodes) by class. */
uint32_t feasible_nth_node(const struct cluster *c, const struct feasible_set *f, size_t k);

#define NO_NOMINEE (-1)

/* A decision: the node (or -1: none) and the GPUs there, as a bit mask. */
struct placement {
	int32_t node;
	uint32_t gpus;
};

/* What a batch placer tries placements with: the live cluster and a decoder, the scheduler of
 * the score plugin the placer names, through which trial placements are made and taken back
 * (sim/trial.c).  The cluster is as it was whenever .place returns. */
struct trial;
/* Places p as the decoder would and binds it for the trial: *out (node -1 when none fits);
 * -1 when out of memory.  GPU selection draws from rng. */
int trial_place(struct trial *t, const struct pod_spec *p, struct pcg32 *rng, struct placement *out);
/* Places p on node when it fits there (GPUs as gpuSelMethod best picks them) and binds it for
 * the trial: *out, node -1 when it does not fit; -1 when out of memory. */
int trial_place_on(struct trial *t, const struct pod_spec *p, size_t node, struct placement *out);
/* Takes back every trial placement, latest first; -1 when out of memory. */
int trial_undo(struct trial *t);
/* The cluster, with the trial placements made. */
const struct cluster *trial_cluster(const struct trial *t);
/* The cluster's fragmentation (GPU milli, frag.h) with the trial placements made. */
double trial_frag(const struct trial *t);

/* A pod as a score keyed by its shape sees it: its non-zero CPU request and GPU request, and
 * with SHAPE_MEM its memory, with SHAPE_MODELS its GPU model constraint. */
struct pod_shape {
	int64_t cpu, mem;
	int gpu_milli, gpu_count;
	uint64_t models;
};
enum { SHAPE_MEM = 1, SHAPE_MODELS = 2 };
struct pod_shape pod_shape_of(const struct pod_spec *p, unsigned what);

/* Values a policy computed for (pod shape, node class), kept while the class stands: a bind
 * computes afresh only for the node's new class (policies/class_cache.c).  Memory: pod shapes
 * × classes × value size. */
struct cache_shape {
	struct pod_shape key;
	char *entries;        /* per class id: its serial + 1 (0: none yet), then the value */
	uint32_t n;           /* class ids it has room for */
};
struct class_cache {
	struct cache_shape *shapes;
	uint32_t n_shapes;
	uint32_t last;        /* the shape of the last lookup, UINT32_MAX: none */
	size_t stride;
};
/* A cache of values of value_size bytes; -1 when out of memory. */
int class_cache_init(struct class_cache *k, size_t value_size);
void class_cache_release(struct class_cache *k);
/* class_cache_get when the shape is not the last one looked up, or its entries must grow. */
void *class_cache_find(struct class_cache *k, const struct cluster *c, const struct pod_shape *s, size_t node,
		       bool *stale);

static inline bool pod_shape_equal(const struct pod_shape *a, const struct pod_shape *b)
{
	return a->cpu == b->cpu && a->mem == b->mem && a->gpu_milli == b->gpu_milli && a->gpu_count == b->gpu_count &&
	       a->models == b->models;
}

/* The entry's value (after its serial) when it is current, marking it so otherwise. */
static inline void *class_cache_entry(uint64_t *e, const struct cluster *c, size_t node, bool *stale)
{
	uint64_t serial_plus_one = node_class_of(&c->classes, node)->serial + 1;
	*stale = *e != serial_plus_one;
	if (*stale)   /* a store only when it changes: most lookups hit, and stay reads */
		*e = serial_plus_one;
	return e + 1;
}

/* The value kept for shape s and node's class, or NULL when none can be (out of memory, or
 * past 4096 shapes): *stale is true when the caller must compute it and store it there.
 * Inline, as it runs once per scored class: a pod's shape is the last one's on every class
 * but the first. */
static inline void *class_cache_get(struct class_cache *k, const struct cluster *c, const struct pod_shape *s,
				    size_t node, bool *stale)
{
	uint32_t id = c->classes.class_of[node];
	if (k->last == UINT32_MAX || !pod_shape_equal(&k->shapes[k->last].key, s) || id >= k->shapes[k->last].n)
		return class_cache_find(k, c, s, node, stale);
	return class_cache_entry((uint64_t *)(k->shapes[k->last].entries + (size_t)id * k->stride), c, node, stale);
}
/* Asks the memory for the entries and class serials that scoring f will read, all at once:
 * with classes spread over a large cluster each is a miss otherwise waited for in turn. */
void class_cache_prefetch(struct class_cache *k, const struct cluster *c, const struct pod_shape *s,
			  const struct feasible_set *f);

/* What a learned scorer reads of placing a pod on a node (policies/features.c): the pod's
 * requests, the node's free resources, what the placement would leave, and how it changes
 * the node's fragmentation F (frag.h), each scaled to about 0..1.  The placement is the one
 * the features describe: a shared pod on the GPU that leaves F lowest (the lowest index on
 * ties), whole-GPU pods on the lowest-index idle GPUs.  O(typical pods × GPUs²). */
#define PAIR_FEATURES 25
#define PAIR_FRAG_DELTA 24   /* the index of frag_delta: F after − F before, in GPUs */
extern const char *const pair_feature_names[PAIR_FEATURES];
/* x[0..PAIR_FEATURES) for p on node, and the GPUs the placement takes. */
void pair_features(const struct cluster *c, const struct typical_pods *t, size_t node, const struct pod_spec *p,
		   float *x, uint32_t *gpus);

/* What of a node a score reads, beyond its class key. */
enum policy_sees {
	SEES_CLASS,   /* nothing more: one score per class */
	SEES_RACK,    /* its rack too: classes split by rack */
	SEES_NODE,    /* which node it is: scored node by node */
};

struct policy_ops {
	const char *name;     /* as named in scheduler configs, e.g. "BestFitScore" */
	const char *summary;  /* one line for `simon help policies` */
	const char *alias;    /* another name users type (its data/schedulers config's stem), or NULL */
	const char *const *args; /* pluginConfig keys it reads, NULL-terminated; NULL for none */
	enum gpu_sel gpu_sel; /* paired GPU selection: GPU_SEL_BEST (left 0), _RANDOM, or _PLUGIN (its own) */
	enum policy_sees sees;
	int (*init)(void **self, const struct policy_env *env, struct error *err);
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

/* All policies, NULL-terminated (policies/registry.c). */
extern const struct policy_ops *const policy_table[];
/* The policy named exactly so, or NULL. */
const struct policy_ops *policy_find(const char *name);
/* The policy a user means: its name or alias, without regard to case, "Score" optional
 * ("fgd", "FGD", "fgdscore" → FGDScore); NULL when none. */
const struct policy_ops *policy_lookup(const char *typed);
/* The policy name nearest to an unknown one, for "did you mean", or NULL. */
const char *policy_suggest(const char *typed);
/* "unknown policy 'fdg'; did you mean FGDScore? (...)" into out. */
void policy_unknown(char *out, size_t size, const char *typed);

/* The arg written for key, or NULL when absent or empty (the policy's default then stands). */
const struct plugin_arg *policy_arg(const struct policy_env *env, const char *key);
/* An error about arg a, at its line and column when the config file is known; returns -1. */
int policy_arg_error(const struct policy_env *env, const struct plugin_arg *a, struct error *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Reads args key as one of names[0..n): *out is its index; left as it is when the key is
 * absent or empty; anything else is an error naming the policy, the key and the choices. */
int policy_arg_choice(const struct policy_env *env, const char *policy, const char *key, const char *const *names,
		      int n, int *out, struct error *err);

/* Reads args key as a number in [min, max] into *out; left as it is when absent or empty. */
int policy_arg_number(const struct policy_env *env, const char *policy, const char *key, double min, double max,
		      double *out, struct error *err);

/* Kubernetes' NormalizeScore as the reference uses it: min-max into 0..100, all 0 when equal. */
void normalize_min_max(int64_t *scores, size_t n);

#endif
