/* node_class.h — the cluster's nodes grouped into classes of interchangeable nodes.
 *
 * Two nodes share a class when their keys are equal: the same shape (an id the cluster gives
 * nodes of equal CPU, memory, pod slots, GPU count and model, selected-on label values and,
 * when a policy asks, rack) and the same free state (CPU, memory and pods in use, each GPU's
 * idle milli in device order, GPU pods by shape, each scalar resource left).  The filter, and every score that reads no
 * more than that, then answer alike for all members, so a scheduler asks one member per class.
 *
 * Live classes are listed by bucket, a number the caller gives with each key (and must derive
 * from it): the cluster buckets classes by what the filter reads first, so that a pod's scan
 * can pass over the buckets it cannot fit.
 *
 * A class keeps its members in a min-heap by tie rank: members[0] is the member the seeded
 * tie-break would pick among them, and stands for the class.  Each class made gets a serial
 * number never given again, so a cache keyed by (class id, serial) cannot see a stale entry.
 *
 * Cost: moving a node to the class of its new key is one hash lookup and O(log members);
 * memory O(nodes), as there are never more live classes than nodes.
 */
#ifndef SIMON_NODE_CLASS_H
#define SIMON_NODE_CLASS_H

#include <stddef.h>
#include <stdint.h>

#include "sim/load/workload.h"

#define N_GPU_SHAPES (MAX_GPUS_PER_NODE + 1)

/* What the filter reads of a node, kept beside the full state so that scanning the cluster
 * touches 24 bytes a node: free CPU, memory and pod slots, the most idle milli of one GPU,
 * and the fully idle GPUs.  Kept exact by every bind and unbind, O(GPUs). */
struct node_fit {
	int64_t cpu_left;
	int64_t mem_left;
	int32_t slots_left;
	int16_t largest_gpu_left;
	int8_t idle_gpus;
	int8_t model;               /* the node's GPU model, -1 for none (or a node without GPUs) */
};

/* Compared and hashed as bytes: fill it after zeroing it. */
struct class_key {
	int64_t cpu_used;
	int64_t mem_used;
	uint32_t shape;
	int32_t pods;
	int16_t gpu_left[MAX_GPUS_PER_NODE];
	uint16_t shape_pods[N_GPU_SHAPES];
	int64_t scalar_left[MAX_SCALARS];
	int64_t nonzero_used[2];   /* cpu and memory, when classes are split by them (else 0) */
};

struct node_class {
	struct class_key key;
	uint64_t hash;
	uint64_t serial;
	uint32_t *members;    /* a min-heap by tie rank */
	uint32_t n, cap;
	uint32_t bucket;
	uint32_t live_at;     /* its index in its bucket's list */
};

/* A live class as its bucket lists it: what a filter reads of it, kept in line so that a
 * scan of a bucket reads one array from start to end. */
struct class_entry {
	struct node_fit fit;
	uint32_t id;
	uint32_t first;       /* members[0] */
	uint32_t n;           /* members */
};

/* A bucket's live classes, in no particular order. */
struct class_list {
	struct class_entry *at;
	uint32_t n, cap;
};

struct node_classes {
	struct node_class *cls;    /* room for one class per node; ids are reused */
	uint32_t n_made;           /* ids handed out so far (the highest id + 1) */
	uint32_t *free_ids;
	uint32_t n_free;
	struct class_list *live;   /* per bucket */
	uint32_t *occupied;        /* bit b of word b / 32: bucket b has live classes */
	uint64_t *occupied_words;  /* bit w: occupied[w] is not 0 */
	uint32_t n_buckets;
	uint32_t n_live;
	uint32_t *slots;           /* open addressing on the key's hash: class id + 1, 0 empty */
	size_t mask;
	uint32_t *class_of;        /* per node */
	uint32_t *heap_at;         /* per node: its place in its class's heap */
	const uint32_t *rank;      /* tie ranks, borrowed */
	size_t key_bytes;          /* of a class_key that tell classes apart, from its start */
	bool by_nonzero;           /* its nonzero_used tells them apart too */
	uint64_t next_serial;
};

/* Where a class goes: its key, its bucket and its filter's record (both derived from the key). */
struct class_place {
	struct class_key key;
	struct node_fit fit;
	uint32_t bucket;
};

/* Places node i in the class of places[i], for all n nodes; buckets are < n_buckets.  rank
 * must outlive nc.  Keys' scalar_left past scalar_slots must be 0; their nonzero_used is
 * read only with by_nonzero. */
int node_classes_init(struct node_classes *nc, const struct class_place *places, size_t n, uint32_t n_buckets,
		      const uint32_t *rank, int scalar_slots, bool by_nonzero, struct error *err);
void node_classes_release(struct node_classes *nc);
/* Moves node to the class of its place (leaving an emptied class to die); -1 when out of
 * memory. */
int node_classes_move(struct node_classes *nc, uint32_t node, const struct class_place *place);

/* The first w in [from, end) with occupied[w] not 0, or end.  O(1 + (end − from)/64). */
static inline uint32_t node_classes_next_word(const struct node_classes *nc, uint32_t from, uint32_t end)
{
	while (from < end) {
		uint64_t bits = nc->occupied_words[from / 64] >> (from % 64);
		if (bits) {
			uint32_t word = from + (uint32_t)__builtin_ctzll(bits);
			return word < end ? word : end;
		}
		from = (from / 64 + 1) * 64;
	}
	return end;
}

static inline const struct node_class *node_class_of(const struct node_classes *nc, size_t node)
{
	return &nc->cls[nc->class_of[node]];
}

#endif
