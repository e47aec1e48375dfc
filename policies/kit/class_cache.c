/* class_cache.c — values a policy computed for (pod shape, node class), kept while the class
 * stands (class_cache.h).
 *
 * Each shape gets its own array of entries, one per class id, when first seen (a trace has a
 * few hundred shapes), so shapes never evict each other.  An entry is the class's serial + 1
 * (0 is never one) and the policy's value.  The shape of the last lookup is tried first, as a
 * pod is scored on every feasible class in turn; others are found by a linear search, once
 * per pod.  Memory: shapes × classes × entry size.
 */
#include <stdlib.h>
#include <string.h>

#include "policies/kit/class_cache.h"

#define MAX_SHAPES 4096

int class_cache_init(struct class_cache *k, size_t value_size)
{
	memset(k, 0, sizeof *k);
	k->stride = sizeof(uint64_t) + (value_size + 7) / 8 * 8;
	k->last = UINT32_MAX;
	k->shapes = calloc(MAX_SHAPES, sizeof *k->shapes);
	return k->shapes ? 0 : -1;
}

void class_cache_release(struct class_cache *k)
{
	for (uint32_t i = 0; i < k->n_shapes; i++)
		free(k->shapes[i].entries);
	free(k->shapes);
	memset(k, 0, sizeof *k);
}

struct pod_shape pod_shape_of(const struct pod_spec *p, unsigned what)
{
	return (struct pod_shape){
		.cpu = pod_cpu_nonzero(p),
		.mem = what & SHAPE_MEM ? p->mem_bytes : 0,
		.gpu_milli = p->gpu_milli,
		.gpu_count = p->gpu_count,
		.models = what & SHAPE_MODELS ? p->model_mask : 0,
	};
}

/* The shape's index, made when first seen; UINT32_MAX past MAX_SHAPES. */
static uint32_t shape_index(struct class_cache *k, const struct pod_shape *s)
{
	if (k->last != UINT32_MAX && pod_shape_equal(&k->shapes[k->last].key, s))
		return k->last;
	for (uint32_t i = 0; i < k->n_shapes; i++)
		if (pod_shape_equal(&k->shapes[i].key, s))
			return k->last = i;
	if (k->n_shapes == MAX_SHAPES)
		return UINT32_MAX;
	k->shapes[k->n_shapes].key = *s;
	return k->last = k->n_shapes++;
}

/* The entry of class id in shape cs, growing cs to the classes made so far; NULL when out of
 * memory. */
static uint64_t *entry_of(const struct class_cache *k, struct cache_shape *cs, uint32_t id, const struct cluster *c)
{
	if (id >= cs->n) {
		uint32_t n = c->classes.n_made > 2 * cs->n ? c->classes.n_made : 2 * cs->n;
		char *grown = realloc(cs->entries, (size_t)n * k->stride);
		if (!grown)
			return NULL;
		memset(grown + (size_t)cs->n * k->stride, 0, (size_t)(n - cs->n) * k->stride);
		cs->entries = grown;
		cs->n = n;
	}
	return (uint64_t *)(cs->entries + (size_t)id * k->stride);
}

void *class_cache_find(struct class_cache *k, const struct cluster *c, const struct pod_shape *s, size_t node,
		       bool *stale)
{
	uint32_t shape = shape_index(k, s);
	if (shape == UINT32_MAX)
		return NULL;
	uint64_t *e = entry_of(k, &k->shapes[shape], c->classes.class_of[node], c);
	return e ? class_cache_entry(e, c, node, stale) : NULL;
}

void class_cache_prefetch(struct class_cache *k, const struct cluster *c, const struct pod_shape *s,
			  const struct feasible_set *f)
{
	uint32_t shape = shape_index(k, s);
	if (shape == UINT32_MAX || !k->shapes[shape].entries)
		return;
	const struct cache_shape *cs = &k->shapes[shape];
	for (size_t i = 0; i < f->n; i++) {
		uint32_t id = c->classes.class_of[f->candidates[i]];
		__builtin_prefetch(&c->classes.cls[id].serial);
		if (id < cs->n)
			__builtin_prefetch(cs->entries + (size_t)id * k->stride);
	}
}
