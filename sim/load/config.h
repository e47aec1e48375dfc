/* config.h — the two configuration files of `simon apply`.
 *
 * cluster_config: the reference's `simon/v1alpha1 Config` (where the cluster's Node and
 * Pod YAML lives, pod order, workload tuning, typical pods).  sched_config: a
 * `KubeSchedulerConfiguration` (the enabled score plugins' names and weights, and each
 * plugin's args as text: the scheduler resolves the names, the plugins read their args).
 * Both loaders accept the reference's files as they are: keys simon does not act on get a
 * one-line note on stderr, anything malformed is an error naming file, line and column.
 */
#ifndef SIMON_CONFIG_H
#define SIMON_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/util/error.h"

struct typical_pods_config {
	bool involve_cpu_pods;
	double popularity_threshold; /* percent; <= 0 means the reference's default, 60 */
	int increase_step;           /* <= 0 means the reference's default, 10 */
	double gpu_res_weight;
};

#define MAX_CLUSTER_PATHS 16
#define MAX_QOS_PRIORITIES 16

/* customConfig.qosPriorities: the priority of pods of one alibabacloud.com/qos class. */
struct qos_priority {
	char qos[64];
	int32_t value;
};

enum deschedule_policy {
	DESCHEDULE_NONE,
	DESCHEDULE_COS_SIM,        /* "cosSim" */
	DESCHEDULE_FRAG_ONE_POD,   /* "fragOnePod" */
	DESCHEDULE_FRAG_MULTI_POD, /* "fragMultiPod" */
};

struct cluster_config {
	/* Where the cluster's Node and Pod YAML is: spec.cluster.customConfig, a folder (the
	 * reference's form) or, as simon also accepts, a list of folders and files. */
	char cluster_paths[MAX_CLUSTER_PATHS][1024];
	int n_paths;
	bool shuffle_pod;
	double tune_ratio;       /* workloadTuningConfig.ratio; <= 0: no tuning */
	int64_t tune_seed;
	bool has_tune_seed;
	double inflation_ratio;  /* workloadInflationConfig.ratio; <= 1: none */
	int64_t inflation_seed;
	struct typical_pods_config typical;
	struct qos_priority qos[MAX_QOS_PRIORITIES];
	int n_qos;
	/* The reference's later steps (inflation mode): descheduleConfig {ratio, policy};
	 * newWorkloadConfig, a folder whose pods become the target workload after the first
	 * schedule; exportConfig's snapshot prefixes ("" for none). */
	enum deschedule_policy deschedule;
	double deschedule_ratio;
	char new_workload[1024];
	char pod_snapshot_prefix[1024], node_snapshot_prefix[1024];
	char new_node[1024];      /* spec.newNode: a node template for `simon plan`, "" for none */
};

#define MAX_SCORE_PLUGINS 16
#define MAX_PLUGIN_ARGS 16   /* pluginConfig entries */
#define MAX_ARG_KEYS 8       /* keys in one entry's args */

/* An enabled score plugin as written: resolved against the policy table by the scheduler. */
struct score_plugin_conf {
	char name[64];
	int64_t weight;
	size_t line, col;
};

/* One key of a plugin's args, as text, with where it was written. */
struct plugin_arg {
	char key[64];
	char value[256];          /* "" when not text (a list or a mapping) */
	bool scalar;
	size_t line, col;          /* of the value */
	size_t key_line, key_col;
};

/* One pluginConfig entry: a generic key/value view that the plugin reading it (a policy in
 * its .init, the scheduler for Open-Gpu-Share) interprets and checks itself. */
struct plugin_args {
	char plugin[64];
	struct plugin_arg keys[MAX_ARG_KEYS];
	int n;
};

/* The order waiting pods are retried in (replay mode): FIFO, or plugins.queueSort's
 * PrioritySort, Kubernetes' own (higher priority first, then earlier arrival; Coscheduling's
 * sorts so too), MLOpsQueue (HIGH before LOW, then the larger resource score, mlops.h), or a
 * pipeline order: PipelineFIFO, PipelineRandom, ShortestCriticalPath. */
enum queue_sort {
	QUEUE_FIFO,
	QUEUE_PRIORITY,
	QUEUE_MLOPS,
	/* Pipelines (pipelines.h): their tasks by pipeline, in submission order, in a seeded random
	 * order, or the pipeline with the shortest remaining critical path first. */
	QUEUE_PIPELINE_FIFO,
	QUEUE_PIPELINE_RANDOM,
	QUEUE_CRITICAL_PATH,
};

struct sched_config {
	char path[1024];          /* the file, for messages */
	enum queue_sort queue_sort;
	bool preemption;          /* plugins.postFilter enables DefaultPreemption (replay) */
	bool gangs;               /* Coscheduling at queueSort or permit: pod groups start all together */
	bool exclusive_pipelines; /* plugins.filter PipelineExclusive: a node runs one pipeline at a time */
	struct score_plugin_conf score[MAX_SCORE_PLUGINS];
	int n_score;
	size_t enabled_line, enabled_col;  /* the first profile, for "nothing enabled" */
	struct plugin_args args[MAX_PLUGIN_ARGS];
	int n_args;
};

int cluster_config_load(struct cluster_config *cfg, const char *path, struct error *err);
int sched_config_load(struct sched_config *cfg, const char *path, struct error *err);
/* The args configured for a plugin, or NULL. */
const struct plugin_args *sched_config_args(const struct sched_config *cfg, const char *plugin);
/* The value written for key, or NULL (also when a is NULL). */
const struct plugin_arg *plugin_args_get(const struct plugin_args *a, const char *key);

#endif
