/* reasons.h — why a pod did not run, in the words of Kubernetes' events where it has them.
 *
 * Each node that rejects the pod is counted under the reasons of the first filter that does
 * (cluster.h's fit_error): "0/1213 nodes are available: 800 Insufficient
 * alibabacloud.com/gpu-milli, 413 node(s) didn't match GPU model."
 *  - A pod no node could take even empty: the count over the empty nodes.
 *  - Any other: over the nodes as the run left them ("preempted, then ..." after a
 *    preemption); in inflation mode the cluster only fills, so a pod that found no room when it
 *    arrived finds none then either.  Pods of one shape share the count (a memo).
 *  - A member of a pod group that never reached its quorum (gangs, gang.h) says so instead, and
 *    a pod of a pipeline never released names a pod it waited for that never finished.
 * O(pods) to prepare, then O(node shapes) a pod, and O(classes) a pod shape.
 */
#ifndef SIMON_REASONS_H
#define SIMON_REASONS_H

#include "sim/model/gang.h"
#include "sim/report/report.h"

struct reason_memo;

struct reasons {
	const struct report *r;
	struct gangs gangs;      /* with gangs: each group's quorum, and members that arrived */
	uint32_t *blocker;       /* with pipelines: per pod, a pod it waits for that never finished */
	struct reason_memo *memo; /* the counts by pod shape, REASON_MEMO entries */
};

int reasons_init(struct reasons *rs, const struct report *r);
void reasons_release(struct reasons *rs);
/* Pod i's reason into out, "" when it ran to the end. */
void pod_reason(struct reasons *rs, size_t i, char *out, size_t size);

struct reason_count {
	char text[1024];
	size_t pods;
};

/* The most common reasons, at most n, most pods first (then by text): their number. */
size_t top_reasons(const struct report *r, struct reason_count *top, size_t n);

#endif
