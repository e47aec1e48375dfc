/* filter.h — the filter point: whether a node may take a pod.  A pod's feasible nodes are those
 * every filter of the profile admits; Open-Gpu-Share's resource fit is always one of them.
 *
 * .admits answers for a node.  A filter that reads no more of a node than its class key (.sees
 * SEES_CLASS) is asked of a class's first member for all; a filter that reads which node it is
 * (SEES_NODE) makes the profile scan node by node.  A class-key filter may also name at once
 * the classes that pass it (.candidates, as Kubernetes' PreFilter names the nodes worth
 * filtering): the scheduler then asks the other filters of those alone, with one call per pod
 * for the walk instead of one per class.  A filter keeping its own view of what runs where
 * learns of binds through .bound and .unbound.
 *
 * As Kubernetes' PreFilter may answer Skip, .skips says p passes on every node, and the
 * filter is not asked of p at all; .prefilter, when set, is called with p before the filter is
 * asked of any node for it (and before a what-if), to make what it needs of p as the cluster
 * stands (a filter that counts pods keeps the counts it read until the next bind) (a pod without tolerations in a cluster without taints).  A
 * filter whose answer for some pod reads which node it is (a node's name) says so for that pod
 * through .sees_node, and that pod is filtered node by node.  .why gives the reasons of a node
 * it turned away, as FitError counts them; a filter that reads only what a node is, never what
 * it holds (.spec_only), also decides whether a pod could ever run.
 *
 * Preemption asks filters of a node as it would be with some of its pods gone (Kubernetes'
 * PreFilterExtensions AddPod and RemovePod): a filter with state fills the what-if slots, over
 * what_if_size bytes (at most WHAT_IF_MAX) that the engine keeps per node asked about.
 * Resources are not part of it: the post-filter weighs them itself.  The engine's handle below
 * runs the what-if over every filter of the profile.
 */
#ifndef SIMON_FILTER_H
#define SIMON_FILTER_H

#include "sim/plugin/plugin.h"

#define WHAT_IF_MAX 128   /* the whole chain's what-if state (filter_chain.c checks it) */

struct filter_ops {
	enum policy_sees sees;
	bool spec_only;
	bool (*skips)(const void *self, const struct cluster *c, const struct pod_spec *p);
	void (*prefilter)(void *self, const struct cluster *c, const struct pod_spec *p);
	bool (*sees_node)(const void *self, const struct pod_spec *p);
	bool (*admits)(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p);
	/* Counts `nodes` nodes like node, which it turns away from p, under its reasons into e. */
	void (*why)(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p, struct fit_error *e,
		    uint32_t nodes);
	/* The classes p passes: their first members into out (room for one per class), in any
	 * order, and how many nodes they hold into *nodes; their count. */
	size_t (*candidates)(void *self, const struct cluster *c, const struct pod_spec *p, uint32_t *out, size_t *nodes);
	void (*bound)(void *self, const struct cluster *c, const struct pod_spec *p, size_t node);
	void (*unbound)(void *self, const struct cluster *c, const struct pod_spec *p, size_t node);
	size_t what_if_size;
	/* The node as it is, for the pod p that would take it. */
	void (*what_if_begin)(const void *self, size_t node, const struct pod_spec *p, void *state);
	/* A running pod taken off the node (sign −1) or put back (+1). */
	void (*what_if_account)(const void *self, void *state, const struct pod_spec *running, int sign);
	bool (*what_if_admits)(const void *self, const void *state, const struct pod_spec *p);
};

/* The engine's handle: the profile's filters, asked of a node with pods taken off.  Begin
 * with the node as it is for pod p (state: what_if_bytes of room), take pods off or put them
 * back, ask about p.  O(filters) each. */
struct filter_chain;
size_t what_if_bytes(const struct filter_chain *f);
void what_if_begin(const struct filter_chain *f, size_t node, const struct pod_spec *p, void *state);
void what_if_account(const struct filter_chain *f, void *state, const struct pod_spec *running, int sign);
bool what_if_admits(const struct filter_chain *f, const void *state, const struct pod_spec *p);

#endif
