/* workload.h — what a run replays: the nodes of a cluster and the pods that arrive.
 *
 * Specs are immutable once loaded; the mutable state of a run lives in struct cluster.
 * All strings belong to the workload's arena.  GPU models are interned: a node has one
 * model id, a pod a bit mask of the models it accepts (0: any).
 */
#ifndef SIMON_WORKLOAD_H
#define SIMON_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/load/placement_rules.h"
#include "sim/util/arena.h"
#include "sim/util/error.h"

#define GPU_MILLI 1000
#define MAX_GPUS_PER_NODE 16
#define MAX_GPU_MODELS 64
#define TIME_NONE INT64_MIN
enum { POLICY_UNSET, POLICY_PREEMPT, POLICY_NEVER };
/* The resource a pod's GPUs were asked for as: the Alibaba annotations, or a device plugin's. */
enum gpu_resource { GPU_RES_ALIBABA, GPU_RES_NVIDIA, GPU_RES_AMD };
/* What kube-scheduler's scores count for a container without a CPU or memory request. */
#define DEFAULT_NONZERO_CPU 100
#define DEFAULT_NONZERO_MEM (200LL * 1024 * 1024)
/* Kubernetes' pod slots of a node that does not say. */
#define DEFAULT_MAX_PODS 110
/* The label naming a node's GPU model (and the annotation listing the models a pod accepts). */
#define GPU_MODEL_KEY "alibabacloud.com/gpu-card-model"
/* Times lie within ±10^12 s of 1970 (past the year 30000), so no sum or difference overflows. */
#define MAX_TIME 1000000000000LL

struct label {
	const char *key;
	const char *value;
};

/* Kubernetes' scalar resources: those beyond cpu, memory, pods and the GPUs simon models as
 * devices — extended resources (a domain-qualified name: example.com/foo, MIG profiles such
 * as nvidia.com/mig-1g.10gb), hugepages-<size> and ephemeral-storage.  NodeResourcesFit checks
 * each a pod asks for against its node's allocatable less what the node's pods hold.  At most
 * MAX_SCALARS distinct names are asked for by a workload's pods (an error past them); a node
 * may list any number, those no pod asks for being inert. */
#define MAX_SCALARS 16
struct resource_amount {
	const char *name;
	int64_t amount;           /* whole units (bytes for storage and hugepages), > 0 */
	int32_t slot;             /* into workload.scalar_names, -1 for a name no pod asks for */
};

struct node_spec {
	const char *name;
	int64_t cpu_milli;
	int64_t mem_bytes;
	/* status.capacity's, which the reference's node snapshot reports; 0 where a node gives
	 * none (the snapshot then reports allocatable's). */
	int64_t capacity_cpu_milli, capacity_mem_bytes;
	int32_t max_pods;
	int gpu_count;
	int model;                /* index into workload.models, -1 when unlabelled */
	int rack;                 /* index into workload.racks (label "rack"), -1 when unlabelled */
	const char *server;       /* label "server", NULL when unlabelled */
	const struct label *labels;
	size_t n_labels;
	const struct resource_amount *scalars;  /* its allocatable scalar resources */
	uint32_t n_scalars;
	const struct taint *taints;   /* spec.taints, as written */
	uint32_t n_taints;
	bool unschedulable;           /* spec.unschedulable (cordoned) */
	const char *file;
	size_t line;
};

struct pod_spec {
	const char *name;
	int64_t cpu_milli;        /* summed container requests */
	int64_t mem_bytes;
	/* What kube-scheduler's resource scores count (GetNonzeroRequests): the same sums with
	 * DEFAULT_NONZERO_CPU and _MEM for each container that asks for none; filled where a pod
	 * is read from its containers (nonzero_read), else by workload_fill_nonzero. */
	int64_t nonzero_cpu, nonzero_mem;
	int gpu_count;
	int gpu_milli;            /* per GPU: 1..1000 when gpu_count > 0 */
	const char *model_spec;   /* accepted models as written ("A|B"), NULL for any */
	uint64_t model_mask;      /* the same as bits over workload.models; 0 for any */
	uint32_t gpu_index;       /* pre-assigned devices as a bit mask, 0 for none */
	const struct resource_amount *scalars;  /* its effective scalar requests, in slot order */
	int32_t namespace_id;     /* metadata.namespace, into workload.namespaces; -1: "default" */
	int64_t creation;         /* seconds; TIME_NONE when absent */
	int64_t deletion;
	int64_t scheduled;
	int32_t priority;         /* resolved once loading is done (priority.h) */
	bool has_priority;        /* spec.priority was written */
	bool never_preempts;      /* preemptionPolicy: Never, its PriorityClass's or its own (priority.h) */
	uint8_t own_policy;       /* its spec.preemptionPolicy: POLICY_UNSET, POLICY_PREEMPT or POLICY_NEVER */
	uint8_t n_scalars;
	uint8_t gpu_resource;     /* how its GPUs were asked for: enum gpu_resource */
	bool nonzero_read;        /* nonzero_cpu and _mem were read from its containers */
	const char *priority_class; /* spec.priorityClassName, NULL for none */
	uint32_t class_line, class_col;
	int32_t job;              /* index into workload.jobs, -1 for none */
	int32_t image_id;         /* its first container's image, into workload.images; -1 for none */
	const char *job_name;     /* label pod-group.scheduling.sigs.k8s.io/name, else job-name; NULL for none */
	const char *qos;
	/* spec.nodeName: the node it already runs on (bound_node, its index once loading is done;
	 * -1 for none), as the kubelet runs it, passing no filter.  A finished pod is never bound. */
	const char *node_name;
	int32_t bound_node;
	uint32_t node_name_line, node_name_col;
	bool finished;            /* status.phase Succeeded or Failed: history, holding nothing now */
	/* Its controller: made from one's template (controller, into workload.controllers; -1 for
	 * a pod written as a Pod), or, written as a Pod, the one its ownerReferences name (owner,
	 * "Kind/namespace/name" as struct controller's key; NULL for none). */
	int32_t controller;
	const char *owner;
	int32_t pipeline_id;      /* its number among the workload's pipelines (names in order), -1 for none */
	struct pod_links *links;  /* its pipeline and pod group, NULL for the many pods in neither */
	const struct label *selector;
	size_t n_selector;
	const struct label *labels;       /* metadata.labels */
	size_t n_labels;
	const struct pod_rules *rules;    /* tolerations, affinity, spread; NULL for none */
	const char *file;
	size_t line;
};

/* What few pods have, kept apart so that the many pay one pointer: their pipeline (dag.h), its
 * task type, the names of the pods of it they wait for, the data they read (0: not given), and
 * their pod group's min-available (0: not written), each with where it was written. */
struct pod_links {
	const char *pipeline;
	const char *task_type;
	const char **after;
	uint32_t n_after;
	uint32_t after_line, after_col;
	int64_t data_bytes;
	int32_t min_available;
	uint32_t min_line, min_col;
	/* Its group is named by the scheduling.x-k8s.io/pod-group label, there: a PodGroup of that
	 * name must exist. */
	bool names_pod_group;
	uint32_t group_line, group_col;
	/* Its creation-time annotation as written, when that is not its number of seconds (an
	 * RFC 3339 time): snapshots write it back as the reference does. */
	const char *creation_text;
};

static inline const char *pod_pipeline(const struct pod_spec *p)
{
	return p->links ? p->links->pipeline : NULL;
}

static inline const char *pod_task_type(const struct pod_spec *p)
{
	return p->links ? p->links->task_type : NULL;
}

static inline int32_t pod_min_available(const struct pod_spec *p)
{
	return p->links ? p->links->min_available : 0;
}

static inline int64_t pod_data_bytes(const struct pod_spec *p)
{
	return p->links ? p->links->data_bytes : 0;
}

/* A PodGroup of the coscheduling plugin (scheduling.x-k8s.io): its pods start together once
 * minMember of them can. */
struct pod_group {
	const char *name;
	int32_t min_member;
	const char *file;
	size_t line;
};

/* A workload controller simon expands (Deployment, ReplicaSet, StatefulSet, Job): the pods it
 * wants, made from its template as it names them; those of them already in the export as Pods
 * (naming it in their ownerReferences) are not made again (controllers.c). */
struct controller {
	const char *key;          /* "Kind/namespace/name", the namespace left out for default */
	int32_t wanted;           /* replicas; a Job's parallelism, at most its completions left */
	int32_t short_of;         /* a Job's completions that wait for pods that never finish here */
	const char *file;
	size_t line;
};

/* A Kubernetes PriorityClass: the priority its name stands for. */
struct priority_class {
	const char *name;
	int32_t value;
	bool global_default;
	bool never_preempts;      /* preemptionPolicy: Never */
	const char *file;
	size_t line;
};

/* Fields of Kubernetes objects that change where or when a pod can run and that simon does not
 * model yet: counted as they load (pods, or nodes for the node fields), named once per run in
 * a note and in summary.json (unmodelled_names). */
enum unmodelled {
	UM_NAMESPACE_SELECTOR,    /* read as if absent: simon has no Namespace objects' labels */
	UM_NO_EXECUTE,            /* bound pods a NoExecute taint of their node would evict */
	UM_HOST_PORTS,
	UM_VOLUME_CLAIMS,
	UM_RESOURCE_CLAIMS,
	N_UNMODELLED,
};
extern const char *const unmodelled_names[N_UNMODELLED];

struct workload {
	struct priority_class *classes;
	size_t n_classes, cap_classes;
	struct pod_group *groups;
	size_t n_groups, cap_groups;
	struct controller *controllers;
	size_t n_controllers, cap_controllers;
	struct node_spec *nodes;
	size_t n_nodes, cap_nodes;
	struct pod_spec *pods;
	size_t n_pods, cap_pods;
	const char *models[MAX_GPU_MODELS];
	int n_models;
	const char *scalar_names[MAX_SCALARS];  /* the scalar resources pods ask for, as first asked */
	int n_scalar_names;
	const char **racks;       /* rack names, in order of first appearance */
	size_t n_racks, cap_racks;
	const char **namespaces;  /* the pods' namespaces, likewise */
	size_t n_namespaces, cap_namespaces;
	const char **images;      /* their first containers' images, likewise */
	size_t n_images, cap_images;
	const char **resource_names;  /* the nodes' scalar resources, likewise */
	size_t n_resource_names, cap_resource_names;
	const char **taint_texts;     /* the nodes' taints as "key: value", likewise (placement_rules.h) */
	size_t n_taint_texts, cap_taint_texts;
	const char **jobs;        /* job names, numbered once loading is done */
	size_t n_jobs;
	size_t n_pipelines;       /* numbered once loading is done (dag.h) */
	size_t unmodelled[N_UNMODELLED];  /* pods (or nodes) carrying each */
	struct arena strings;
};

void workload_init(struct workload *w);
void workload_release(struct workload *w);
/* The id of a GPU model name, interning it; -1 when MAX_GPU_MODELS are already known. */
int workload_model(struct workload *w, const char *name);
/* The slot of a scalar resource some pod asks for, interning it; -1 past MAX_SCALARS. */
int workload_scalar_slot(struct workload *w, const char *name);
/* Numbers n's scalar resources by the workload's slots (a fresh list in w's arena, so that a
 * node copied from another workload is numbered by this one's); -1 when out of memory.  Call
 * for every node once the pods are loaded.  O(scalars · MAX_SCALARS). */
int node_number_scalars(struct workload *w, struct node_spec *n);
/* Numbers a node's taints, copied from a workload whose taint texts are texts, by w's (a fresh
 * list in w's arena): -1 when out of memory, -2 past MAX_TAINT_TEXTS. */
int node_renumber_taints(struct workload *w, struct node_spec *n, const char *const *texts);
/* Gives every pod read without containers (CSV, WfFormat, batch DAGs: one each) its
 * non-zero requests: its request, or the default where it has none.  O(pods). */
void workload_fill_nonzero(struct workload *w);
/* The same for every node of w. */
int workload_number_scalars(struct workload *w, struct error *err);
/* Node n's allocatable of scalar slot (0 when it lists none).  O(its scalars). */
int64_t node_scalar(const struct node_spec *n, int slot);
/* The id of a name in one of the workload's lists (racks, namespaces, images), interning it;
 * -1 when out of memory.  O(the list's names). */
int workload_intern(struct workload *w, const char ***names, size_t *n, size_t *cap, const char *name);
/* The id of a rack name, interning it; -1 when out of memory.  O(racks). */
int workload_rack(struct workload *w, const char *name);
/* Puts the pods pods[idx[0..n)] in the order the reference's API lists pods: by namespace,
 * then name (then index).  -1 when out of memory.  O(n log n). */
int sort_as_listed(const struct workload *w, const struct pod_spec *pods, uint32_t *idx, size_t n);

/* A pod's namespace: Kubernetes' "default" when it names none. */
static inline const char *pod_namespace(const struct workload *w, const struct pod_spec *p)
{
	return p->namespace_id >= 0 && (size_t)p->namespace_id < w->n_namespaces ? w->namespaces[p->namespace_id]
										 : "default";
}
/* The value of label key among labels[0..n) (a node's, a pod's), or NULL.  O(labels). */
const char *label_value(const struct label *labels, size_t n, const char *key);
/* The value of node n's label key, or NULL when it has none.  O(labels). */
const char *node_label(const struct node_spec *n, const char *key);
struct node_spec *workload_add_node(struct workload *w);
struct pod_spec *workload_add_pod(struct workload *w);
/* p's links, made (zeroed, in w's arena) on first use; NULL when out of memory. */
struct pod_links *pod_links_of(struct workload *w, struct pod_spec *p);
struct priority_class *workload_add_priority_class(struct workload *w);
struct pod_group *workload_add_pod_group(struct workload *w);
/* Total GPU milli a pod asks for. */
static inline int64_t pod_gpu_total(const struct pod_spec *p)
{
	return (int64_t)p->gpu_milli * p->gpu_count;
}
/* Kubernetes scores a zero CPU request as 100m (GetNonzeroRequests). */
static inline int64_t pod_cpu_nonzero(const struct pod_spec *p)
{
	return p->cpu_milli ? p->cpu_milli : 100;
}

/* Reads every .yaml/.yml file below dir (sorted, recursive): Node and Pod documents; and every
 * .json file, a WfCommons workflow instance. */
int workload_load_dir(struct workload *w, const char *dir, struct error *err);
/* Calls fn for every file workload_load_dir would read from path, in the same order. */
int workload_each_file(const char *path, int (*fn)(void *ctx, const char *file, struct error *err), void *ctx,
		       struct error *err);
/* Reads one YAML file of Node and Pod documents. */
int workload_load_file(struct workload *w, const char *path, struct error *err);
/* When a pod starts in the trace: its scheduled time, else its creation time (or TIME_NONE). */
static inline int64_t pod_start(const struct pod_spec *p)
{
	return p->scheduled != TIME_NONE ? p->scheduled : p->creation;
}

/* Why a pod's GPU request (count, milli per GPU) is invalid, or NULL: the rules both loaders
 * apply.  milli is given when has_milli. */
const char *pod_gpus_invalid(long long count, int64_t milli, int has_milli);
/* The model bits of a model list "A|B" (interning the names); -1 past MAX_GPU_MODELS. */
int workload_model_mask(struct workload *w, const char *spec, uint64_t *mask);
/* Reads an Alibaba cluster-trace-v2018 batch_task*.csv, its jobs as pipelines (batch_dag.c). */
int workload_load_batch_dag(struct workload *w, const char *path, struct error *err);
/* Reads a WfCommons workflow instance as one pipeline (wfformat.c). */
int workload_load_wfformat(struct workload *w, const char *path, struct error *err);
/* Reads an openb CSV node list or pod list (csv_trace.c). */
int workload_load_csv(struct workload *w, const char *path, struct error *err);
struct controller *workload_add_controller(struct workload *w);
/* Drops the pods made from a controller's template that the export already holds as Pods (of
 * its name, or owned by it): each controller keeps at most its wanted count less the owned
 * pods still running.  Call once loading is done, before anything numbers pods.
 * O(pods log pods). */
int workload_settle_controllers(struct workload *w, struct error *err);
/* A controller's n-th pod's name, as the controller names it (controllers.c): StatefulSet
 * "<name>-<n>"; ReplicaSet and Job "<name>-<5 letters>"; Deployment "<name>-<hash>-<5
 * letters>", hash its pod-template-hash.  The 5 letters, random in Kubernetes, here come from
 * a hash of the owner and n, so that a rerun names alike.  NULL when out of memory. */
const char *controller_pod_name(struct arena *a, const char *kind, const char *name, const char *hash, uint32_t n);
/* Kubernetes' encoding of a number into its safe alphabet (pod-template-hash's form). */
void safe_encode(uint32_t v, char *out, size_t size);
/* Resolves every pod's spec.nodeName into bound_node; a name no node has, or running pods bound
 * to a node that cannot hold them all, is an error naming both.  O(pods log nodes). */
int workload_bind_named(struct workload *w, struct error *err);
/* Numbers the jobs named by pods' job labels (pod_spec.job), a PodGroup's minMember standing for
 * its pods' min-available; call once loading is done. */
int workload_number_jobs(struct workload *w, struct error *err);

#endif
