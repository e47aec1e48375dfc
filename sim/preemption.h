/* preemption.h — Kubernetes' DefaultPreemption (its PostFilter) for a pod that fits no node.
 *
 * As Kubernetes' default preemption plugin and its evaluator define it:
 *  - Potential nodes are those the pod would fit were they empty: only there can evictions make
 *    room (Kubernetes leaves out the nodes a filter rejects for good, such as a selector's).
 *  - From a seeded random offset into them, nodes are tried in turn until max(10% of them, 100)
 *    candidates are found (minCandidateNodesPercentage and minCandidateNodesAbsolute, the
 *    plugin's args).
 *  - On a node, every running pod of lower priority is a potential victim.  With all of them
 *    gone the pod must fit and pass the profile's filters (PipelineExclusive), else the node
 *    is no candidate.  They are then put back, most
 *    important first (higher priority, then the longest running), each one staying if the pod
 *    still fits; those that cannot stay are the victims, a minimal set.
 *  - The node is the candidate with, in order, the lowest highest-victim priority, the smallest
 *    sum of victim priorities (each + 2^31), the fewest victims, the latest start among its
 *    highest-priority victims, and then the first found.
 * A pod whose PriorityClass says preemptionPolicy: Never never preempts (the engine's check).
 * Cost per attempt: O(nodes) plus O(v log v) per node tried, v its running pods.
 */
#ifndef SIMON_PREEMPTION_H
#define SIMON_PREEMPTION_H

#include "sim/engine.h"

#define NO_POD UINT32_MAX

/* What runs where, as the engine keeps it: pods[] are the run's arrivals, outcomes[] say which
 * GPUs each holds. */
struct running_pods {
	const struct pod_spec *pods;
	const struct pod_outcome *outcomes;
	const uint32_t *head;     /* per node: its first running pod, NO_POD when none */
	const uint32_t *next;     /* per pod: the next running pod on its node */
	const int64_t *started;   /* per pod: when its current run started */
};

struct preemption {
	int32_t node;             /* the chosen node, -1 when none */
	uint32_t *victims;        /* its victims, most important first */
	size_t n_victims;
	/* Scratch, kept between attempts. */
	uint32_t *potential;
	uint32_t *buf;            /* the candidates' victims, one run each */
	size_t n_buf;
	struct candidate *cands;
	size_t n_cands;
};

int preemption_init(struct preemption *pr, size_t nodes, size_t pods);
void preemption_release(struct preemption *pr);
/* Chooses where p may preempt and whom: pr->node (-1: nowhere) and pr->victims.  Every fit it
 * tries passes the profile's filters too (s's what-if). */
void preemption_choose(struct preemption *pr, const struct scheduler *s, const struct cluster *c,
		       const struct running_pods *rp, const struct pod_spec *p, const struct preemption_args *args,
		       struct pcg32 *rng);

#endif
