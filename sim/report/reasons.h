/* reasons.h — why a pod did not run, in the words of Kubernetes' events where it has them.
 *
 * A pod no node could take even empty gets Kubernetes' FitError message, counted per filter
 * (cluster_never_fits): "0/1213 nodes are available: 1213 Insufficient cpu.".  Any other pod
 * that did not run fit some node's shape but found no room: in inflation mode when it arrived,
 * in replay mode until the trace ended (after a preemption, too).  O(node shapes) a pod.
 */
#ifndef SIMON_REASONS_H
#define SIMON_REASONS_H

#include "sim/report/report.h"

/* Pod i's reason into out, "" when it ran to the end. */
void pod_reason(const struct report *r, size_t i, char *out, size_t size);

struct reason_count {
	char text[256];
	size_t pods;
};

/* The most common reasons, at most n, most pods first (then by text): their number. */
size_t top_reasons(const struct report *r, struct reason_count *top, size_t n);

#endif
