/* scheduler.h — one pod's scheduling cycle, as Kubernetes' framework runs score plugins.
 *
 * filter (cluster_fits) → every plugin's prescore → score each feasible node → normalize →
 * weighted sum → the highest total wins, ties to the lowest seeded tie rank → GPUs inside the
 * node by gpuSelMethod (best, worst, random, or the proposal of the plugin it names).  With
 * one feasible node Kubernetes skips scoring, and so does this.
 *
 * Interchangeable nodes (node_class.h) pass the same filters and get the same scores, so the
 * scheduler filters and scores the first member of each class, the member with the lowest tie
 * rank, which is the one the node-by-node scan would have picked from that class: the same
 * decision at O(plugins × classes) per pod.  A profile with a policy that sees nodes
 * (policy.h) filters and scores node by node, O(plugins × nodes); a node a prescore nominates
 * (RandomScore's draw) is scored apart from its class.  Classes are listed by the GPU room
 * and free CPU their nodes have (cluster_fit_buckets), so a pod's filter passes over only the
 * classes that might fit it.  A profile whose plugin is a batch placer decides windows of
 * pods instead (scheduler_place_batch).  With the filter PipelineExclusive, a node that runs
 * pods of one pipeline takes no pod of another until they have left (the pipeline placer's
 * node-exclusive execution; pods in no pipeline are neither held back nor hold back); the
 * profile then scans node by node.
 */
#ifndef SIMON_SCHEDULER_H
#define SIMON_SCHEDULER_H

#include <stdbool.h>

#include "sim/policy.h"

/* DefaultPreemption's args (pluginConfig), Kubernetes' two and simon's own (preemption.h). */
struct preemption_args {
	int min_candidates_pct;   /* minCandidateNodesPercentage, default 10 */
	int min_candidates_abs;   /* minCandidateNodesAbsolute, default 100 */
	bool victims_resume;      /* victimsResume: a victim runs only what it had left (default false) */
	int32_t high_priority;    /* MLOpsQueue's highPriority: pods of this priority or more are HIGH (1) */
};

struct profile_plugin {
	const struct policy_ops *ops;
	int64_t weight;
	const struct plugin_args *args;   /* points into the sched_config; NULL when none */
};

/* A scheduler config resolved against the policy table, once per config: the plugins to
 * score with, their weights and args, and the GPU selection.  Every run's scheduler is built
 * from one; it borrows from the sched_config, which must outlive it. */
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
	bool batch;           /* its one plugin is a batch placer (policy.h's .place) */
	unsigned class_by;    /* what must split classes beyond their key (cluster_init's class_by) */
	enum queue_sort queue_sort; /* the config's plugins.queueSort (replay's waiting pods) */
	bool preemption;      /* the config's plugins.postFilter DefaultPreemption (replay) */
	bool gangs;           /* Coscheduling: pod groups start all together (replay, gang.h) */
	bool exclusive_pipelines; /* PipelineExclusive: a node runs pods of one pipeline at a time */
	struct preemption_args preempt;   /* DefaultPreemption's or MLOpsQueue's */
};

/* Resolves cfg's score plugins (unknown names are errors at their line; Kubernetes' own get a
 * note and are skipped) and its gpuSelMethod.  With `policy`, scores with that one policy
 * instead, selecting GPUs as the paper pairs them (its .gpu_sel).  cfg may be NULL with a
 * policy.  A gpuSelMethod naming no enabled plugin is not fatal here: it fails every run
 * built from the profile, as a run-time error of the reference's would. */
int scheduler_profile_build(struct scheduler_profile *p, const struct sched_config *cfg, const char *policy,
			    struct error *err);

struct scheduler {
	const struct scheduler_profile *profile;
	void *self[MAX_SCORE_PLUGINS];    /* each plugin's state, from its .init */
	int n_ready;                       /* plugins initialised so far */
	uint32_t *feasible;   /* scratch, one slot per node: feasible nodes, or first members of classes */
	int64_t *scores;
	int64_t *total;
	uint32_t *proposed;
	uint32_t *buckets;    /* scratch: the class buckets a pod might fit */
	uint8_t *class_marks; /* scratch, per class id, for feasible_nth_node */
	/* A batch placer's decoder: the scheduler of the score plugin it names. */
	struct scheduler_profile *decoder_profile;
	struct scheduler *decoder;
	const struct typical_pods *typical;
	/* With PipelineExclusive: per node, the pipeline whose pods it runs and how many. */
	int32_t *node_pipeline;
	uint32_t *node_pipeline_pods;
	/* After a cycle that scored: feasible[0..n_scored) were its candidates and total[] their
	 * weighted scores (what `simon train` learns from); 0 when nothing was scored. */
	size_t n_scored;
};

int scheduler_init(struct scheduler *s, const struct scheduler_profile *p, const struct cluster *c,
		   const struct typical_pods *typical, struct error *err);
enum schedule_result {
	SCHEDULED,      /* *out holds the node and GPUs */
	NO_NODE_FITS,   /* decided by the filter alone: no randomness was drawn */
	SCORER_FAILED,  /* a score plugin failed the cycle (Kubernetes' score error) */
};

/* The filter alone: fills s->feasible with the candidates a cycle would score (the first
 * member of each class that fits, or each node that fits when the profile scans nodes) and
 * returns their count; *nodes counts the nodes that fit. */
size_t scheduler_filter(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t *nodes);
enum schedule_result scheduler_schedule(struct scheduler *s, const struct cluster *c, const struct pod_spec *p,
				       struct pcg32 *rng, struct placement *out);
/* The GPUs p would take on node (which it fits), as the profile's GPU selection picks them:
 * for a pod placed on a node chosen otherwise (a preemptor on its nominated node). */
uint32_t scheduler_gpus_on(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node,
			   struct pcg32 *rng);
/* With a batch profile: the placer decides the first pods of pods[0..n) at once (policy.h's
 * .place), trying placements on c, which it leaves as it was; frag is c's fragmentation now.
 * An empty window decides nothing. */
int scheduler_place_batch(struct scheduler *s, struct cluster *c, double frag, const struct pod_spec *const *pods,
			  size_t n, struct pcg32 *rng, struct placement *out, size_t *decided, struct error *err);
/* Tells the plugins (and a batch placer's decoder) that p now runs on node (bound) or has
 * left it (unbound). */
void scheduler_bound(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node);
void scheduler_unbound(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node);
void scheduler_release(struct scheduler *s);

/* The profile's filters that look past a node's resources (PipelineExclusive), asked of a node
 * as it would be with some of its running pods gone: preemption's what-if, for Kubernetes runs
 * every filter with the victims taken off.  Begin with the node as it is, take pods off
 * (sign −1) or put them back (+1), ask.  O(1) each. */
struct filter_what_if {
	bool exclusive;       /* PipelineExclusive is on */
	int32_t pipeline;     /* the node's pipeline */
	uint32_t pods;        /* its pods of that pipeline still there */
};
void scheduler_what_if(const struct scheduler *s, size_t node, struct filter_what_if *w);
void what_if_account(struct filter_what_if *w, const struct pod_spec *running, int sign);
bool what_if_admits(const struct filter_what_if *w, const struct pod_spec *p);

#endif
