/* profile.h — a scheduler config resolved against the plugin registry, once per config.
 *
 * Every name is resolved once, here: the score plugins and their weights, the GPU selection,
 * and the plugins at queueSort, filter, postFilter and permit, each checked against the
 * registry (an unknown name is an error naming the nearest plugin of that point, a plugin of
 * another point an error saying where it belongs).  Kubernetes' rules hold: one queue sort
 * per profile, and a plugin named at several points is one plugin.  simon adds two: one
 * post-filter and one permit plugin per profile, and a batch placer with neither.  Open-Gpu-Share's
 * fit is the first filter of every profile.  Each plugin's args are checked here (its .init
 * with no run).  A profile borrows from its sched_config, which must outlive it.
 */
#ifndef SIMON_PROFILE_H
#define SIMON_PROFILE_H

#include <stdbool.h>

#include "sim/plugin/score.h"

#define MAX_FILTERS 12

struct profile_plugin {
	const struct policy_ops *ops;
	int64_t weight;
	const struct plugin_args *args;   /* points into the sched_config; NULL when none */
};

/* A plugin the profile uses at a point other than score. */
struct plugin_use {
	const struct plugin *plugin;      /* NULL: none */
	const struct plugin_args *args;
};

struct scheduler_profile {
	struct profile_plugin plugins[MAX_SCORE_PLUGINS];
	int n_plugins;
	enum gpu_sel gpu_sel;
	int gpu_sel_plugin;   /* with GPU_SEL_PLUGIN: the plugin whose proposal is used */
	char gpu_sel_name[256]; /* as reports name it: best, worst, random or the plugin */
	char name[256];       /* "BestFitScore", or "FGDScore*1000+BestFitScore*100" */
	const char *config_path;
	struct error gpu_sel_error;  /* set when gpuSelMethod names no usable method */
	bool gpu_sel_failed;
	bool scan_nodes;      /* a plugin sees nodes: scan node by node, not class by class */
	bool batch;           /* its one score plugin is a batch placer (score.h's .place) */
	unsigned class_by;    /* what must split classes beyond their key (cluster_init's class_by) */
	struct plugin_use filters[MAX_FILTERS];
	int n_filters;
	int32_t percentage_of_nodes;      /* sched_config's; NODES_ALL without a config */
	struct plugin_use queue_sort;     /* none: FIFO */
	struct plugin_use post_filter;
	struct plugin_use permit;
};

/* Resolves cfg (Kubernetes' own score and filter plugins get a note and are skipped).  With
 * `policy`, scores with that one policy instead, selecting GPUs as the paper pairs them (its
 * .gpu_sel); cfg may then be NULL.  A gpuSelMethod naming no enabled plugin is not fatal here:
 * it fails every run built from the profile, as a run-time error of the reference's would. */
int scheduler_profile_build(struct scheduler_profile *p, const struct sched_config *cfg, const char *policy,
			    struct error *err);

#endif
