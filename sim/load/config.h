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

/* A plugin named in a config, as written: the profile resolves it through the registry. */
struct named_plugin {
	char name[64];
	size_t line, col;
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
	struct named_plugin deschedule;   /* its policy, "" for none */
	double deschedule_ratio;
	char new_workload[1024];
	char pod_snapshot_prefix[1024], node_snapshot_prefix[1024];
	char new_node[1024];      /* spec.newNode: a node template for `simon plan`, "" for none */
};

#define MAX_SCORE_PLUGINS 16
#define MAX_PLUGIN_ARGS 16   /* pluginConfig entries */
#define MAX_ARG_KEYS 48      /* keys in one entry's args, nested ones flattened */

/* An enabled score plugin as written: resolved against the policy table by the scheduler. */
struct score_plugin_conf {
	char name[64];
	int64_t weight;
	size_t line, col;
};

/* One key of a plugin's args, as text, with where it was written. */
/* A nested arg is flattened into dotted keys with list indices:
 * scoringStrategy: {resources: [{name: cpu}]} is "scoringStrategy.resources[0].name". */
struct plugin_arg {
	char key[160];
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

/* The extension points a profile names plugins at (plugins.<point>.enabled), and descheduling,
 * which the cluster config names.  A batch placer is enabled at score. */
enum extension_point {
	POINT_QUEUE_SORT,
	POINT_FILTER,
	POINT_POST_FILTER,
	POINT_PERMIT,
	POINT_SCORE,
	POINT_DESCHEDULE,
	N_POINTS,
};
/* Where a point's plugins are named: "plugins.queueSort", ..., "descheduleConfig". */
extern const char *const point_fields[N_POINTS];

#define MAX_POINT_PLUGINS 16
/* One extension point's enabled and disabled lists, as written; the score point has its
 * weights apart. */
struct point_plugins {
	struct named_plugin enabled[MAX_POINT_PLUGINS];
	int n;
	struct named_plugin disabled[MAX_POINT_PLUGINS];   /* "*": every default plugin */
	int n_disabled;
	size_t line, col;          /* of the point itself */
};

struct sched_config {
	char path[1024];          /* the file, for messages */
	struct point_plugins points[N_POINTS];   /* queueSort, filter, postFilter, permit */
	struct score_plugin_conf score[MAX_SCORE_PLUGINS];
	int n_score;
	size_t enabled_line, enabled_col;  /* the first profile, for "nothing enabled" */
	struct plugin_args args[MAX_PLUGIN_ARGS];
	int n_args;
	/* percentageOfNodesToScore, the profile's over the top level's: 0 kube-scheduler's adaptive
	 * share, 1..100 a share of the nodes; NODES_ALL when neither is written. */
	int32_t percentage_of_nodes;
};
#define NODES_ALL 100

int cluster_config_load(struct cluster_config *cfg, const char *path, struct error *err);
int sched_config_load(struct sched_config *cfg, const char *path, struct error *err);
/* The args configured for a plugin, or NULL. */
const struct plugin_args *sched_config_args(const struct sched_config *cfg, const char *plugin);
/* The value written for key, or NULL (also when a is NULL). */
const struct plugin_arg *plugin_args_get(const struct plugin_args *a, const char *key);

#endif
