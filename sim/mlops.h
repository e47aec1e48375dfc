/* mlops.h — the MLOps job scheduler's queue rule (the queue plugin MLOpsQueue), replay mode.
 *
 * As that system describes it, with its faults mended:
 *  - A pod is HIGH when its priority is at least the plugin's highPriority (1), else LOW.
 *  - Waiting pods go HIGH first, then by resource score, larger first: GPUs × 100 + CPU cores ×
 *    10 + memory GiB (GPUs as whole-GPU units, count × share / 1000); then by arrival.
 *  - A job larger than the whole cluster is rejected when it arrives: simon fails any pod that
 *    no node could take even empty, which includes it.
 *  - A HIGH pod that fits no node evicts running LOW pods, larger score first, until it fits
 *    some node; then it is scheduled as any pod.  LOW pods never preempt.
 * Mended: victims wait again (they are not lost); equal scores go to the latest started, then
 * the latest arrival, so the choice is deterministic; only pods on nodes the pod could fit were
 * they empty are candidates, and none is evicted when evicting them all would not make room;
 * room means the pod fits and the profile's filters (PipelineExclusive) let it in.
 * Cost per attempt: O(nodes + running log running).
 */
#ifndef SIMON_MLOPS_H
#define SIMON_MLOPS_H

#include <stdbool.h>

#include "sim/preemption.h"

double mlops_score(const struct pod_spec *p);

static inline bool mlops_high(const struct pod_spec *p, const struct preemption_args *a)
{
	return p->priority >= a->high_priority;
}

/* Whether waiting pod x goes before y, which joined the queue before it. */
bool mlops_before(const struct pod_spec *x, const struct pod_spec *y, const struct preemption_args *a);

struct mlops_victims {
	uint32_t *pods;            /* the victims: pods[0..n) */
	size_t n;
	/* Scratch, kept between attempts. */
	struct mlops_candidate *cands;
	struct node_state *state;  /* per node: its state with the pods taken off so far */
	unsigned char *touched;
	struct filter_what_if *what_if;  /* per node: the profile's filters with those pods taken off */
};

int mlops_victims_init(struct mlops_victims *v, size_t nodes, size_t pods);
void mlops_victims_release(struct mlops_victims *v);
/* The LOW pods HIGH pod p (which fits no node) evicts, in eviction order, into v; none when
 * evicting every candidate would not make room. */
void mlops_choose(struct mlops_victims *v, const struct scheduler *s, const struct cluster *c,
		  const struct running_pods *rp, const struct pod_spec *p, const struct preemption_args *a);

#endif
