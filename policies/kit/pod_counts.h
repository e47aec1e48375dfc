/* pod_counts.h — what InterPodAffinity and PodTopologySpread count: the bound pods a term
 * matches, per domain of its topology key, kept as pods bind and leave, never recounted per
 * decision.
 *
 * A topology key's domains are its values among the nodes, numbered; a node without the label
 * is in none (-1).  A counted term is a label selector over the pods of some namespaces (or
 * all), with a key.  Pods are grouped by their namespace and labels (a label class), each class
 * knowing the terms that match it, found once.  A plugin interns the terms it needs while it is
 * set up (pod_counts_term), then seals the counts; a bind then costs O(terms matching the pod).
 *
 * Kept on request, per term: the count per node (KEEP_ON_NODE), the domains by count, for the
 * least-filled one (KEEP_MINIMUM), and the weight of bound pods owning the term as one of their
 * own rules, per domain, by kind (pod_counts_own).
 */
#ifndef SIMON_POD_COUNTS_H
#define SIMON_POD_COUNTS_H

#include "sim/model/cluster.h"

enum { KEEP_ON_NODE = 1, KEEP_MINIMUM = 2 };
/* The ways a bound pod may own a term (InterPodAffinity's symmetry). */
enum owned_as { OWNED_REQUIRED_ANTI, OWNED_REQUIRED, OWNED_PREFERRED, OWNED_PREFERRED_ANTI, N_OWNED };

struct topology_key {
	const char *name;
	int32_t *domain;          /* per node */
	uint32_t n_domains;
	bool in_shape;            /* one domain per class (cluster_splits_on) */
	bool everywhere;          /* every node has the label */
};

struct counted_term {
	struct label_selector selector;
	const char *const *namespaces;
	uint32_t n_namespaces;
	bool all_namespaces;
	uint32_t key;
	unsigned keep;
	int64_t *matching;        /* per domain: bound pods the term matches */
	uint32_t *on_node;        /* per node, with KEEP_ON_NODE */
	uint32_t *by_count;       /* with KEEP_MINIMUM: domains by matching count, below cap */
	uint32_t by_count_cap;
	int64_t *owned[N_OWNED];  /* per domain, for the kinds some pod owns it as (else NULL) */
};

/* Pods of one namespace and label set, and the terms that match them (ids, ascending). */
struct label_class {
	uint64_t hash;
	const char *ns;
	const struct label *labels;
	size_t n_labels;
	uint32_t *terms;
	uint32_t n_terms;
};

struct pod_counts {
	const struct cluster *c;
	struct topology_key *keys;
	size_t n_keys, cap_keys;
	struct counted_term *terms;
	size_t n_terms, cap_terms;
	struct label_class **classes; /* open addressing by hash; each made once, never moved */
	size_t mask, n_classes;
	bool sealed;
	uint64_t generation;          /* binds and unbinds so far */
	/* The class last found for a pod, by the pod's address (a run's pods never move). */
	struct {
		const struct pod_spec *pod;
		const struct label_class *k;
	} seen[4096];
};

/* What both plugins keep per pod's rules, by the rules' address (every pod of a template, or a
 * tuned copy, shares them): an open-addressing table of `stride`-byte entries, each starting
 * with its key pointer (NULL: empty).  The slot of key, or the empty one where it would go. */
size_t rules_slot(const void *table, size_t stride, size_t mask, const void *key);
/* The table's size for n keys: a power of two, at least 16 and twice n. */
size_t rules_table_size(size_t n);

int pod_counts_init(struct pod_counts *pc, const struct cluster *c);
void pod_counts_release(struct pod_counts *pc);
/* The id of the term (selector over namespaces, all of them with all_ns, per key), interned
 * with the counts `keep` asks for; -1 when out of memory.  Before pod_counts_seal only. */
int pod_counts_term(struct pod_counts *pc, const struct label_selector *s, const char *const *namespaces,
		    uint32_t n_namespaces, bool all_ns, const char *key, unsigned keep);
/* Asks for the owned weights of kind `as` of term id. */
void pod_counts_will_own(struct pod_counts *pc, uint32_t term, enum owned_as as);
/* Makes the counts (all 0); -1 when out of memory. */
int pod_counts_seal(struct pod_counts *pc);
/* The label class of q (made on first sight, then lasting as long as pc); NULL when out of
 * memory. */
const struct label_class *pod_counts_class(struct pod_counts *pc, const struct workload *w, const struct pod_spec *q);
/* q (of class k) bound to node (sign 1) or gone (−1): the terms it matches count it. */
void pod_counts_bind(struct pod_counts *pc, const struct label_class *k, size_t node, int sign);
/* A bound pod on node owns term as `as`, with weight (negative when it leaves). */
void pod_counts_own(struct pod_counts *pc, uint32_t term, enum owned_as as, size_t node, int64_t weight);
/* The domain of node for term's key, -1 for none. */
static inline int32_t pod_counts_domain(const struct pod_counts *pc, uint32_t term, size_t node)
{
	return pc->keys[pc->terms[term].key].domain[node];
}
/* Whether class k matches term (binary search). */
bool pod_counts_matches(const struct label_class *k, uint32_t term);
/* With KEEP_MINIMUM: the least count of any domain of term's key (0 with no domain). */
int64_t pod_counts_minimum(const struct pod_counts *pc, uint32_t term);

#endif
