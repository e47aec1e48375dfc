/* scheduler.h — one pod's scheduling cycle, as Kubernetes' framework runs score plugins.
 *
 * filter (cluster_fits) → prescore → score each feasible node → normalize → weighted sum →
 * the highest total wins, ties to the lowest seeded tie rank → GPUs inside the node by
 * gpuSelMethod (best, worst, random, or the proposal of the plugin it names).  With one
 * feasible node Kubernetes skips scoring, and so does this.  O(plugins × nodes) per pod.
 */
#ifndef SIMON_SCHEDULER_H
#define SIMON_SCHEDULER_H

#include "sim/policy.h"

struct scheduler_plugin {
	const struct policy_ops *ops;
	void *self;
	int64_t weight;
};

struct scheduler {
	struct scheduler_plugin plugins[MAX_SCORE_PLUGINS];
	int n_plugins;
	enum gpu_sel gpu_sel;
	int gpu_sel_plugin;   /* with GPU_SEL_PLUGIN: the plugin whose proposal is used */
	char name[256];       /* "BestFitScore", or "FGDScore*1000+BestFitScore*100" */
	uint32_t *feasible;   /* scratch, one slot per node */
	int64_t *scores;
	int64_t *total;
	uint32_t *proposed;
};

int scheduler_init(struct scheduler *s, const struct sched_config *cfg, const struct cluster *c,
		   const struct typical_pods *typical, struct error *err);
/* 0: *out holds the node and GPUs; 1: no node fits, or a scorer failed the cycle. */
int scheduler_schedule(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, struct pcg32 *rng,
		       struct placement *out);
/* Tells the plugins that p now runs on node (bound) or has left it (unbound). */
void scheduler_bound(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node);
void scheduler_unbound(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node);
void scheduler_release(struct scheduler *s);

#endif
