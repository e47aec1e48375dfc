/* cluster.h — the mutable state of a run: what every node has left.
 *
 * The filter is Kubernetes' NodeResourcesFit (CPU, memory, pod slots, scalar resources) plus nodeSelector
 * plus Open-Gpu-Share's GPU filter: a shared pod needs one GPU with enough idle milli, a
 * whole-GPU pod needs that many fully idle GPUs, a model list must name the node's model.
 * Only cluster_bind and cluster_unbind change state; policies see `const struct cluster *`.
 * The nodes are also kept in classes of interchangeable ones (node_class.h), which the
 * scheduler filters and scores one member at a time.
 */
#ifndef SIMON_CLUSTER_H
#define SIMON_CLUSTER_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/load/workload.h"
#include "sim/model/node_class.h"
#include "sim/util/pcg32.h"

/* GPU shapes of the pods on a node (the reference's "GPU affinity"): shared, or k whole GPUs
 * (N_GPU_SHAPES of them, node_class.h). */
#define SHAPE_SHARED 0

struct node_state {
	int64_t cpu_used;
	int64_t mem_used;
	int32_t pods;
	int32_t gpu_left_total;
	int16_t gpu_left[MAX_GPUS_PER_NODE];
	uint16_t shape_pods[N_GPU_SHAPES];  /* GPU pods by shape: [0] shared, [k] k whole GPUs */
	int64_t scalar_left[MAX_SCALARS];   /* allocatable less held, by the workload's slots */
	int64_t nonzero_cpu_used, nonzero_mem_used;  /* its pods' non-zero requests (workload.h) */
};

/* The shape index of a GPU pod (SHAPE_SHARED or its GPU count), -1 for a CPU-only pod. */
static inline int pod_gpu_shape(const struct pod_spec *p)
{
	if (p->gpu_count == 0)
		return -1;
	return p->gpu_milli < GPU_MILLI ? SHAPE_SHARED : p->gpu_count;
}

struct cluster {
	const struct workload *w;
	const struct node_spec *spec;
	struct node_state *state;
	struct node_fit *fit;
	size_t n;
	uint32_t *tie_rank;  /* a seeded permutation: among equal scores the lowest rank wins */
	unsigned class_by;   /* CLASS_BY_ bits */
	struct node_classes classes;
	uint32_t *shape_of;  /* per node: equal ids for nodes no filter or class-based score tells apart */
	uint32_t n_shapes;
	uint32_t *shape_node;   /* per shape: its first node */
	uint32_t *shape_count;  /* per shape: its nodes */
	const char **shape_keys;   /* the label keys whose values are part of a node's shape */
	size_t n_shape_keys;
	int64_t total_cpu, total_mem, total_gpu_milli;
	int total_gpus;
	int64_t used_cpu, used_mem, used_gpu_milli;
	int64_t total_scalar[MAX_SCALARS], used_scalar[MAX_SCALARS];
};

/* How a shared (fractional) pod picks its GPU inside the chosen node. */
enum gpu_sel {
	GPU_SEL_BEST,   /* the fitting GPU with the least idle milli */
	GPU_SEL_WORST,  /* the fitting GPU with the most idle milli */
	GPU_SEL_RANDOM, /* a fitting GPU at random */
	GPU_SEL_PLUGIN, /* the GPUs a score plugin proposed */
};

/* What else, besides shape and state, must set nodes apart in classes (score.h's and filter.h's .sees):
 * the rack, and the non-zero requests held. */
#define CLASS_BY_RACK 1u
#define CLASS_BY_NONZERO 2u

/* Duplicate node names are an error.  tie_seed seeds the tie-break ranks; class_by is a set of
 * CLASS_BY_ bits. */
int cluster_init(struct cluster *c, const struct workload *w, uint64_t tie_seed, unsigned class_by,
		 struct error *err);
void cluster_release(struct cluster *c);

static inline int64_t node_cpu_left(const struct cluster *c, size_t i)
{
	return c->spec[i].cpu_milli - c->state[i].cpu_used;
}

/* GPU milli in use on node i. */
static inline int64_t node_gpu_used_milli(const struct cluster *c, size_t i)
{
	return (int64_t)c->spec[i].gpu_count * GPU_MILLI - c->state[i].gpu_left_total;
}

bool cluster_fits(const struct cluster *c, size_t node, const struct pod_spec *p);
/* Whether nodes of one shape (so of one class) share their value of label key.  O(keys). */
bool cluster_splits_on(const struct cluster *c, const char *key);
/* Whether p would fit n were n empty: the filter's checks on an empty state.  O(GPUs). */
bool node_could_fit(const struct node_spec *n, const struct pod_spec *p);
/* Why nodes reject a pod, counted as Kubernetes' FitError counts them: each node under every
 * reason of the first filter plugin that rejects it (filter_chain.h): a cordon, another node's
 * name, the scheduler's added affinity, the node selector or affinity; NodeResourcesFit's pods,
 * cpu, memory, scalar resources; the GPU filter's model, then too few GPUs or too little GPU
 * share; PodTopologySpread's skew or missing label; InterPodAffinity's three rules; and an
 * untolerated taint, counted by its text. */
enum fit_reason {
	FIT_UNSCHEDULABLE, FIT_NODE_NAME, FIT_ENFORCED, FIT_SELECTOR, FIT_PODS, FIT_CPU, FIT_MEMORY, FIT_MODEL,
	FIT_GPU_COUNT, FIT_GPU_MILLI, FIT_SPREAD, FIT_SPREAD_LABEL, FIT_AFFINITY, FIT_ANTI_AFFINITY,
	FIT_EXISTING_ANTI_AFFINITY, N_FIT_REASONS
};
/* NodeResourcesFit's "Insufficient <name>" for scalar slot k is reason N_FIT_REASONS + k. */
#define N_ALL_REASONS (N_FIT_REASONS + MAX_SCALARS)
struct fit_error {
	uint32_t nodes[N_ALL_REASONS];
	uint32_t taint_nodes[MAX_TAINT_TEXTS];  /* by workload.taint_texts */
	const char *const *taint_texts;
	const char *scalar_names[MAX_SCALARS];  /* the pod's, for the text */
	uint8_t gpu_resource;                   /* the pod's, likewise */
};

/* Counts `nodes` nodes under the reason bits (enum fit_reason, scalar slots) for p into e. */
void fit_error_count(struct fit_error *e, const struct pod_spec *p, unsigned reasons, uint32_t nodes);
/* Open-Gpu-Share's and NodeResourcesFit's reasons for a node in state s that rejects p, as bits
 * for fit_error_count.  O(GPUs). */
unsigned fit_reasons(const struct node_spec *n, const struct node_state *s, const struct pod_spec *p);
/* Node n as it is with nothing on it. */
struct node_state node_empty_state(const struct node_spec *n);
/* Kubernetes' event for e: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match
 * GPU model." (reasons sorted as strings). */
void fit_error_text(const struct fit_error *e, size_t nodes, char *why, size_t size);
/* Whether p fits a node in state s, which may be hypothetical (preemption's dry run): the same
 * checks as cluster_fits.  O(GPUs + selector). */
bool node_state_fits(const struct node_spec *n, const struct node_state *s, const struct pod_spec *p);
/* s with p, on gpus, added (sign 1) or taken away (−1): a bind's accounting, on any copy. */
void node_state_account(struct node_state *s, const struct pod_spec *p, uint32_t gpus, int sign);
/* Whether node has the room for p, as the kubelet admits a pod bound to it: its resources and
 * devices, no selector or GPU model.  O(GPUs). */
bool node_has_room(const struct cluster *c, size_t node, const struct pod_spec *p);
/* The same, given a copy of the node's filter record f (as a class entry holds one). */
bool cluster_fits_record(const struct cluster *c, const struct node_fit *f, size_t node, const struct pod_spec *p);
/* The buckets of c->classes: by GPU model and by the GPU room the filter checks first. */
uint32_t cluster_n_buckets(const struct cluster *c);
/* The buckets whose classes might fit p (every other class's nodes fail cluster_fits) into
 * out[cluster_n_buckets(c)]; their count.  O(buckets). */
size_t cluster_fit_buckets(const struct cluster *c, const struct pod_spec *p, uint32_t *out);
/* True when the GPU model list admits the node (a GPU pod on a GPU-less node never does). */
bool gpu_model_ok(const struct node_spec *n, const struct pod_spec *p);
/* Devices for a pod that fits `node`, as a bit mask (0 for a CPU-only pod). */
uint32_t cluster_pick_gpus(const struct cluster *c, size_t node, const struct pod_spec *p, enum gpu_sel sel,
			   struct pcg32 *rng);
/* The lowest-index fully idle GPUs, as many as the pod needs (0 when too few). */
uint32_t whole_gpus_lowest(const int16_t *gpu_left, int n_gpus, int count);
/* What each rack (node label "rack") holds and has in use; racks[] has w->n_racks entries. */
struct rack_stats {
	const char *name;
	int nodes, gpus, pods;
	int64_t gpu_used_milli, cpu_milli, cpu_used_milli;
};

/* Fills racks[] from the nodes' current state.  O(nodes). */
void cluster_rack_totals(const struct cluster *c, struct rack_stats *racks);

/* A rack's GPU and CPU in use: as shares (0..1) for scores, as percentages for reports; 0
 * for a rack without any.  Each percentage is computed from the counts, not as 100 × the
 * share, so that its last printed digit is rounded from the exact quotient. */
static inline double rack_gpu_fill(const struct rack_stats *r)
{
	return r->gpus ? (double)r->gpu_used_milli / (r->gpus * (double)GPU_MILLI) : 0.0;
}

static inline double rack_cpu_fill(const struct rack_stats *r)
{
	return r->cpu_milli ? (double)r->cpu_used_milli / (double)r->cpu_milli : 0.0;
}

static inline double rack_gpu_alloc_pct(const struct rack_stats *r)
{
	return r->gpus ? 100.0 * (double)r->gpu_used_milli / (r->gpus * (double)GPU_MILLI) : 0.0;
}

static inline double rack_cpu_alloc_pct(const struct rack_stats *r)
{
	return r->cpu_milli ? 100.0 * (double)r->cpu_used_milli / (double)r->cpu_milli : 0.0;
}

/* Binding and unbinding fail only when the node's new class finds no memory: -1, and the
 * cluster must then be released. */
int cluster_bind(struct cluster *c, size_t node, const struct pod_spec *p, uint32_t gpus);
int cluster_unbind(struct cluster *c, size_t node, const struct pod_spec *p, uint32_t gpus);

#endif
