/* priority_sort.c — PrioritySort, Kubernetes' queue sort: higher priority first, then the
 * earlier arrival.  O(1) per comparison. */
#include "policies/queue/priority_order.h"

static bool before(const void *self, const struct pod_spec *pods, uint32_t x, uint32_t y)
{
	(void)self;
	return pods[x].priority > pods[y].priority;
}

const struct queue_sort_ops priority_order = {.before = before};

const struct plugin priority_sort_plugin = {
	.name = "PrioritySort",
	.summary = "higher priority first, then earlier arrival (Kubernetes' own)",
	.queue_sort = &priority_order,
};
