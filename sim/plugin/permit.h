/* permit.h — the permit point: pods that must start together (Kubernetes' Permit, which holds a
 * reserved pod as Wait until its group may go).
 *
 * .group names the group a pod waits with (−1: it starts alone, as every pod of a released
 * group does).  The engine tells the plugin of each member that arrives (and could ever fit).
 * Once .ready says enough have arrived, the engine places the group's waiting members
 * together, in queue order, and asks .admits with how many found a place: true starts them
 * all (the plugin marks the group released); false rejects them, and the engine undoes every
 * placement, so that a waiting group holds no part of the cluster.  O(1) per question.
 */
#ifndef SIMON_PERMIT_H
#define SIMON_PERMIT_H

#include "sim/plugin/plugin.h"

struct permit_ops {
	size_t (*groups)(const void *self);   /* group ids are below this */
	int32_t (*group)(const void *self, const struct pod_spec *p);
	void (*arrived)(void *self, const struct pod_spec *p);
	bool (*ready)(const void *self, int32_t group);
	bool (*admits)(void *self, int32_t group, size_t placed);
};

#endif
