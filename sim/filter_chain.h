/* filter_chain.h — a profile's filters made for one scheduler: a pod's feasible nodes are those
 * every one admits (filter.h).  Class by class, the first filter that names candidates gives
 * the classes, and the others are asked of each one's first member; node by node, each is
 * asked of every node.  The what-if handle of filter.h runs over the filters with state.
 * O(filters) per class or node.
 */
#ifndef SIMON_FILTER_CHAIN_H
#define SIMON_FILTER_CHAIN_H

#include "sim/plugin/filter.h"
#include "sim/profile.h"

struct filter_chain {
	const struct filter_ops *ops[MAX_FILTERS];
	const struct plugin *plugin[MAX_FILTERS];
	void *self[MAX_FILTERS];
	size_t offset[MAX_FILTERS];   /* of each filter's what-if state */
	int n;
	const struct cluster *c;
	size_t what_if_size;          /* the node asked about, then each filter's state */
	int namer;                    /* the filter that names candidates, -1: none */
	/* The sampled filter's memo of what a node is: per shape, the cycle it was last judged in
	 * and whether the filters of what a node is (and the pod's nodeSelector) let it pass. */
	uint32_t *judged;
	uint8_t *passes;
	uint32_t cycle;
	/* filter_chain_admits's filters for the pod it was last asked of. */
	const struct pod_spec *admits_for;
	int admits_at[MAX_FILTERS];
	int n_admits_at;
};

int filter_chain_init(struct filter_chain *f, const struct scheduler_profile *p, const struct cluster *c,
		      struct error *err);
void filter_chain_release(struct filter_chain *f);

/* The classes that pass, their first members into out[]; *nodes counts their members. */
size_t filter_classes(struct filter_chain *f, const struct cluster *c, const struct pod_spec *p, uint32_t *out,
		      size_t *nodes);
/* The nodes that pass, in node order, into out[]: the plain scan, which no class enters (and
 * which the class scan is tested against). */
size_t filter_nodes(const struct filter_chain *f, const struct cluster *c, const struct pod_spec *p, uint32_t *out);

/* kube-scheduler's sampled filter (percentageOfNodesToScore): the nodes order[(start + i) % n]
 * in turn until `want` pass, those into out[] (in that order); their count, and how many
 * nodes were looked at into *examined.  O(examined × filters). */
size_t filter_chain_sample(struct filter_chain *f, const struct cluster *c, const struct pod_spec *p,
			   const uint32_t *order, size_t start, size_t want, uint32_t *out, size_t *examined);
/* Makes the sampled filter's memo; -1 when out of memory. */
int filter_chain_sampled(struct filter_chain *f, const struct cluster *c);
/* Whether every filter admits p to node.  O(filters). */
bool filter_chain_admits(struct filter_chain *f, const struct cluster *c, size_t node, const struct pod_spec *p);
/* Whether a filter's answer for p reads which node it is: p is then filtered node by node. */
bool filter_chain_sees_node(const struct filter_chain *f, const struct pod_spec *p);
/* Why c's nodes, as they are now, turn p away: each under the reasons of the first filter
 * that does (FitError's counts; a filter without .why is not heard); the number of nodes
 * that do.  O(classes × filters), or
 * O(nodes × filters) for a pod that sees nodes. */
size_t filter_chain_fit_error(const struct filter_chain *f, const struct cluster *c, const struct pod_spec *p,
			      struct fit_error *e);
/* Whether no node could take p even were it empty (by what nodes are: the filters of what
 * they hold may admit later); with why (when not NULL), the event for it over the empty
 * nodes.  O(node shapes × filters), or O(nodes × filters) for a pod that sees nodes. */
bool filter_chain_never_fits(const struct filter_chain *f, const struct cluster *c, const struct pod_spec *p,
			     char *why, size_t size);
void filter_chain_bound(struct filter_chain *f, const struct cluster *c, const struct pod_spec *p, size_t node);
void filter_chain_unbound(struct filter_chain *f, const struct cluster *c, const struct pod_spec *p, size_t node);

#endif
