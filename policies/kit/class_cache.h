/* class_cache.h — values a score plugin computed for (pod shape, node class), kept while the
 * class stands: a bind computes afresh only for the node's new class (node_class.h).
 * Memory: pod shapes × classes × value size; a lookup is O(1) when the shape is the last one's.
 */
#ifndef SIMON_CLASS_CACHE_H
#define SIMON_CLASS_CACHE_H

#include "sim/plugin/score.h"

/* A pod as a score keyed by its shape sees it: its non-zero CPU request and GPU request, and
 * with SHAPE_MEM its memory, with SHAPE_MODELS its GPU model constraint. */
struct pod_shape {
	int64_t cpu, mem;
	int gpu_milli, gpu_count;
	uint64_t models;
};
enum { SHAPE_MEM = 1, SHAPE_MODELS = 2 };
struct pod_shape pod_shape_of(const struct pod_spec *p, unsigned what);

struct cache_shape {
	struct pod_shape key;
	char *entries;        /* per class id: its serial + 1 (0: none yet), then the value */
	uint32_t n;           /* class ids it has room for */
};
struct class_cache {
	struct cache_shape *shapes;
	uint32_t n_shapes;
	uint32_t last;        /* the shape of the last lookup, UINT32_MAX: none */
	size_t stride;
};
/* A cache of values of value_size bytes; -1 when out of memory. */
int class_cache_init(struct class_cache *k, size_t value_size);
void class_cache_release(struct class_cache *k);
/* class_cache_get when the shape is not the last one looked up, or its entries must grow. */
void *class_cache_find(struct class_cache *k, const struct cluster *c, const struct pod_shape *s, size_t node,
		       bool *stale);

static inline bool pod_shape_equal(const struct pod_shape *a, const struct pod_shape *b)
{
	return a->cpu == b->cpu && a->mem == b->mem && a->gpu_milli == b->gpu_milli && a->gpu_count == b->gpu_count &&
	       a->models == b->models;
}

/* The entry's value (after its serial) when it is current, marking it so otherwise. */
static inline void *class_cache_entry(uint64_t *e, const struct cluster *c, size_t node, bool *stale)
{
	uint64_t serial_plus_one = node_class_of(&c->classes, node)->serial + 1;
	*stale = *e != serial_plus_one;
	if (*stale)   /* a store only when it changes: most lookups hit, and stay reads */
		*e = serial_plus_one;
	return e + 1;
}

/* The value kept for shape s and node's class, or NULL when none can be (out of memory, or
 * past 4096 shapes): *stale is true when the caller must compute it and store it there.
 * Inline, as it runs once per scored class: a pod's shape is the last one's on every class
 * but the first. */
static inline void *class_cache_get(struct class_cache *k, const struct cluster *c, const struct pod_shape *s,
				    size_t node, bool *stale)
{
	uint32_t id = c->classes.class_of[node];
	if (k->last == UINT32_MAX || !pod_shape_equal(&k->shapes[k->last].key, s) || id >= k->shapes[k->last].n)
		return class_cache_find(k, c, s, node, stale);
	return class_cache_entry((uint64_t *)(k->shapes[k->last].entries + (size_t)id * k->stride), c, node, stale);
}
/* Asks the memory for the entries and class serials that scoring f will read, all at once:
 * with classes spread over a large cluster each is a miss otherwise waited for in turn. */
void class_cache_prefetch(struct class_cache *k, const struct cluster *c, const struct pod_shape *s,
			  const struct feasible_set *f);

#endif
