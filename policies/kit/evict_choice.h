/* evict_choice.h — what the deschedule policies share: the victims chosen so far, a node's
 * state with a pod taken off, and the node order they walk (a key, larger first; then the
 * name, then the index).  They weigh the cluster as the schedule left it (the reference's
 * nodeResMap): nothing is evicted until they have chosen.
 */
#ifndef SIMON_EVICT_CHOICE_H
#define SIMON_EVICT_CHOICE_H

#include "sim/plugin/descheduler.h"

struct node_key;

struct evict_choice {
	const struct deschedule_view *v;
	unsigned char *gone;       /* per pod: chosen */
	struct node_key *keys;     /* room for one per node: the policy's order */
	uint32_t *victims;
	size_t n, limit;
};

int evict_choice_init(struct evict_choice *k, const struct deschedule_view *v, uint32_t *victims, size_t limit,
		      struct error *err);
void evict_choice_release(struct evict_choice *k);
void evict_choice_take(struct evict_choice *k, uint32_t pod);
/* The victims' count into *n, and k released; 0. */
int evict_choice_finish(struct evict_choice *k, size_t *n);

/* The state s with running pod i taken off. */
struct node_state state_without(const struct deschedule_view *v, const struct node_state *s, uint32_t i);
/* fragOnePod's and fragMultiPod's choice on node: the pod not yet chosen whose removal from
 * state `base` lowers F from `before` by the most whole milli (at least one; the reference
 * truncates the drop); its F after in *after; -1 when none.  O(pods on it × typical pods). */
int64_t frag_victim(const struct evict_choice *k, size_t node, const struct node_state *base, double before,
		    double *after);

/* A node as the policies order them. */
struct node_key {
	int under_bar;          /* cosSim: under the CPU bar first */
	double key;             /* larger first */
	const char *name;       /* cosSim only; NULL otherwise */
	uint32_t node;
};
int by_node_key(const void *x, const void *y);

#endif
