/* scheduler.h — one pod's scheduling cycle, as Kubernetes' framework runs filter and score
 * plugins.
 *
 * filter (every filter of the profile, filter_chain.h) → every plugin's prescore → score each feasible node → normalize →
 * weighted sum → the highest total wins, ties to the lowest seeded tie rank → GPUs inside the
 * node by gpuSelMethod (best, worst, random, or the proposal of the plugin it names).  With
 * one feasible node Kubernetes skips scoring, and so does this.
 *
 * Interchangeable nodes (node_class.h) pass the same filters and get the same scores, so the
 * scheduler filters and scores the first member of each class, the member with the lowest tie
 * rank, which is the one the node-by-node scan would have picked from that class: the same
 * decision at O(plugins × classes) per pod.  A profile with a policy that sees nodes
 * (score.h) filters and scores node by node, O(plugins × nodes); a node a prescore nominates
 * (RandomScore's draw) is scored apart from its class.  Classes are listed by the GPU room
 * and free CPU their nodes have (cluster_fit_buckets), so a pod's filter passes over only the
 * classes that might fit it.  A profile whose plugin is a batch placer decides windows of
 * pods instead (scheduler_place_batch).
 */
#ifndef SIMON_SCHEDULER_H
#define SIMON_SCHEDULER_H

#include <stdbool.h>

#include "sim/filter_chain.h"
#include "sim/profile.h"

struct scheduler {
	const struct scheduler_profile *profile;
	void *self[MAX_SCORE_PLUGINS];    /* each plugin's state, from its .init */
	int n_ready;                       /* plugins initialised so far */
	uint32_t *feasible;   /* scratch, one slot per node: feasible nodes, or first members of classes */
	int64_t *scores;
	int64_t *total;
	uint32_t *proposed;
	uint8_t *class_marks; /* scratch, per class id, for feasible_nth_node */
	/* A batch placer's decoder: the scheduler of the score plugin it names. */
	struct scheduler_profile *decoder_profile;
	struct scheduler *decoder;
	const struct typical_pods *typical;
	struct filter_chain filters;
	bool by_node;         /* this cycle filters and scores node by node */
	bool skipped[MAX_SCORE_PLUGINS];  /* this cycle's plugins that skip the pod (score.h's .skips) */
	/* percentageOfNodesToScore below all nodes: kube-scheduler's node order (its NodeTree's,
	 * zones in turn), how many feasible nodes a cycle looks for, and where the next one starts. */
	uint32_t *tree_order;
	size_t sample, next_start;
	/* A sample's nodes by class, scored once a class when the pod's scores are a class's:
	 * per sampled node its class's place among the representatives, and per class id that
	 * place + 1 (0: none yet). */
	uint32_t *reps, *rep_of, *rep_at;
	bool nominated;       /* this cycle's prescore nominated a node to be scored apart */
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
 * member of each class that fits, or each node that fits when the profile scans nodes; with
 * percentageOfNodesToScore, the first that fit from where the last cycle stopped, as
 * kube-scheduler's numFeasibleNodesToFind and nextStartNodeIndex say) and returns their count;
 * *nodes counts the nodes that fit. */
size_t scheduler_filter(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t *nodes);
enum schedule_result scheduler_schedule(struct scheduler *s, const struct cluster *c, const struct pod_spec *p,
				       struct pcg32 *rng, struct placement *out);
/* The GPUs p would take on node (which it fits), as the profile's GPU selection picks them:
 * for a pod placed on a node chosen otherwise (a preemptor on its nominated node). */
uint32_t scheduler_gpus_on(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node,
			   struct pcg32 *rng);
/* Tells the plugins (and a batch placer's decoder) that p now runs on node (bound) or has
 * left it (unbound). */
void scheduler_bound(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node);
void scheduler_unbound(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node);
void scheduler_release(struct scheduler *s);

#endif
