#include "sim/model/node_class.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A class that dies keeps its heap's room for the next one made in its slot, unless the room
 * is large: that is given back, so that the room kept stays O(nodes). */
#define KEEP_ROOM 16

static uint64_t mix(uint64_t h, uint64_t word)
{
	h ^= word;
	h *= 0xff51afd7ed558ccdu;
	return h ^ h >> 32;
}

/* Only the key's first key_bytes are read (the scalar slots past the workload's are always 0),
 * and its non-zero requests when they split classes. */
static uint64_t key_hash(const struct node_classes *nc, const struct class_key *k)
{
	uint64_t words[sizeof *k / 8], h = 0x9e3779b97f4a7c15u;
	size_t n = nc->key_bytes / 8;
	memcpy(words, k, nc->key_bytes);
	for (size_t i = 0; i < n; i++)
		h = mix(h, words[i]);
	if (nc->by_nonzero)
		h = mix(mix(h, (uint64_t)k->nonzero_used[0]), (uint64_t)k->nonzero_used[1]);
	return h;
}

static int key_equal(const struct node_classes *nc, const struct class_key *a, const struct class_key *b)
{
	return memcmp(a, b, nc->key_bytes) == 0 &&
	       (!nc->by_nonzero || memcmp(a->nonzero_used, b->nonzero_used, sizeof a->nonzero_used) == 0);
}

static size_t table_size(size_t nodes)
{
	size_t size = 16;
	while (size < 2 * nodes)
		size <<= 1;
	return size;
}

int node_classes_init(struct node_classes *nc, const struct class_place *places, size_t n, uint32_t n_buckets,
		      const uint32_t *rank, int scalar_slots, bool by_nonzero, struct error *err)
{
	_Static_assert(sizeof(struct class_key) % 8 == 0, "class keys hash as whole words");
	_Static_assert(offsetof(struct class_key, scalar_left) % 8 == 0, "class keys hash as whole words");
	memset(nc, 0, sizeof *nc);
	nc->key_bytes = offsetof(struct class_key, scalar_left) + (size_t)scalar_slots * sizeof(int64_t);
	nc->by_nonzero = by_nonzero;
	size_t room = n ? n : 1, slots = table_size(n);
	nc->rank = rank;
	nc->mask = slots - 1;
	nc->cls = calloc(room, sizeof *nc->cls);
	nc->free_ids = calloc(room, sizeof *nc->free_ids);
	nc->n_buckets = n_buckets;
	nc->live = calloc(n_buckets ? n_buckets : 1, sizeof *nc->live);
	nc->occupied = calloc(n_buckets / 32 + 1, sizeof *nc->occupied);
	nc->occupied_words = calloc(n_buckets / 32 / 64 + 1, sizeof *nc->occupied_words);
	nc->slots = calloc(slots, sizeof *nc->slots);
	nc->class_of = calloc(room, sizeof *nc->class_of);
	nc->heap_at = calloc(room, sizeof *nc->heap_at);
	if (!nc->cls || !nc->free_ids || !nc->live || !nc->occupied || !nc->occupied_words || !nc->slots || !nc->class_of || !nc->heap_at)
		goto oom;
	for (uint32_t i = 0; i < n; i++) {
		nc->class_of[i] = UINT32_MAX;
		if (node_classes_move(nc, i, &places[i]))
			goto oom;
	}
	return 0;
oom:
	node_classes_release(nc);
	return error_set(err, "out of memory for the classes of %zu nodes", n);
}

void node_classes_release(struct node_classes *nc)
{
	for (uint32_t i = 0; nc->cls && i < nc->n_made; i++)
		free(nc->cls[i].members);
	for (uint32_t b = 0; nc->live && b < nc->n_buckets; b++)
		free(nc->live[b].at);
	free(nc->cls);
	free(nc->free_ids);
	free(nc->live);
	free(nc->occupied);
	free(nc->occupied_words);
	free(nc->slots);
	free(nc->class_of);
	free(nc->heap_at);
	memset(nc, 0, sizeof *nc);
}

/* The slot holding key, or the empty slot where it would go. */
static size_t find_slot(const struct node_classes *nc, const struct class_key *key, uint64_t hash)
{
	size_t i = hash & nc->mask;
	for (; nc->slots[i]; i = (i + 1) & nc->mask) {
		const struct node_class *k = &nc->cls[nc->slots[i] - 1];
		if (k->hash == hash && key_equal(nc, &k->key, key))
			break;
	}
	return i;
}

/* Linear probing's deletion by backward shift: later entries of the run move up into the hole
 * unless their home lies cyclically after it, so lookups never need tombstones. */
static void unslot(struct node_classes *nc, size_t hole)
{
	nc->slots[hole] = 0;
	for (size_t i = (hole + 1) & nc->mask; nc->slots[i]; i = (i + 1) & nc->mask) {
		size_t home = nc->cls[nc->slots[i] - 1].hash & nc->mask;
		if (((i - home) & nc->mask) >= ((i - hole) & nc->mask)) {
			nc->slots[hole] = nc->slots[i];
			nc->slots[i] = 0;
			hole = i;
		}
	}
}

static int before(const struct node_classes *nc, uint32_t a, uint32_t b)
{
	return nc->rank[a] < nc->rank[b];
}

static void heap_put(struct node_classes *nc, struct node_class *k, uint32_t at, uint32_t node)
{
	k->members[at] = node;
	nc->heap_at[node] = at;
}

static void sift_up(struct node_classes *nc, struct node_class *k, uint32_t at)
{
	uint32_t node = k->members[at];
	while (at > 0 && before(nc, node, k->members[(at - 1) / 2])) {
		heap_put(nc, k, at, k->members[(at - 1) / 2]);
		at = (at - 1) / 2;
	}
	heap_put(nc, k, at, node);
}

static void sift_down(struct node_classes *nc, struct node_class *k, uint32_t at)
{
	uint32_t node = k->members[at];
	for (;;) {
		uint32_t child = 2 * at + 1;
		if (child >= k->n)
			break;
		if (child + 1 < k->n && before(nc, k->members[child + 1], k->members[child]))
			child++;
		if (!before(nc, k->members[child], node))
			break;
		heap_put(nc, k, at, k->members[child]);
		at = child;
	}
	heap_put(nc, k, at, node);
}

/* Copies what its bucket's entry repeats of the class. */
static void sync_entry(struct node_classes *nc, const struct node_class *k)
{
	struct class_entry *e = &nc->live[k->bucket].at[k->live_at];
	e->first = k->members[0];
	e->n = k->n;
}

static void class_die(struct node_classes *nc, uint32_t id)
{
	struct node_class *k = &nc->cls[id];
	unslot(nc, find_slot(nc, &k->key, k->hash));
	struct class_list *l = &nc->live[k->bucket];
	l->at[k->live_at] = l->at[--l->n];
	nc->cls[l->at[k->live_at].id].live_at = k->live_at;
	nc->n_live--;
	uint32_t word = k->bucket / 32;
	if (l->n == 0 && !(nc->occupied[word] &= ~(1u << k->bucket % 32)))
		nc->occupied_words[word / 64] &= ~(1ull << word % 64);
	if (k->cap > KEEP_ROOM) {
		free(k->members);
		k->members = NULL;
		k->cap = 0;
	}
	nc->free_ids[nc->n_free++] = id;
}

static void leave(struct node_classes *nc, uint32_t node)
{
	uint32_t id = nc->class_of[node];
	struct node_class *k = &nc->cls[id];
	uint32_t at = nc->heap_at[node], last = k->members[--k->n];
	if (k->n == 0) {
		class_die(nc, id);
		return;
	}
	if (at < k->n) {
		heap_put(nc, k, at, last);
		sift_up(nc, k, at);
		sift_down(nc, k, nc->heap_at[last]);
	}
	sync_entry(nc, k);
}

/* Makes room for `want` items of `size` bytes in *items, doubling. */
static int grow(void **items, size_t size, uint32_t *cap, uint32_t want)
{
	if (want <= *cap)
		return 0;
	uint32_t room = *cap ? 2 * *cap : 4;
	void *grown = realloc(*items, room * size);
	if (!grown)
		return -1;
	*items = grown;
	*cap = room;
	return 0;
}

/* The id of the live class of key, made when there is none; UINT32_MAX when out of memory.
 * Live classes never outnumber the nodes, as every one has a member, so an id is free. */
static uint32_t class_for(struct node_classes *nc, const struct class_place *place)
{
	uint64_t hash = key_hash(nc, &place->key);
	size_t slot = find_slot(nc, &place->key, hash);
	if (nc->slots[slot])
		return nc->slots[slot] - 1;
	struct class_list *l = &nc->live[place->bucket];
	void *at = l->at;
	if (grow(&at, sizeof *l->at, &l->cap, l->n + 1))
		return UINT32_MAX;
	l->at = at;
	uint32_t id = nc->n_free ? nc->free_ids[--nc->n_free] : nc->n_made++;
	struct node_class *k = &nc->cls[id];
	k->key = place->key;
	k->hash = hash;
	k->serial = nc->next_serial++;
	k->n = 0;
	k->bucket = place->bucket;
	k->live_at = l->n;
	l->at[l->n++] = (struct class_entry){place->fit, id, 0, 0};
	uint32_t word = place->bucket / 32;
	nc->occupied[word] |= 1u << place->bucket % 32;
	nc->occupied_words[word / 64] |= 1ull << word % 64;
	nc->n_live++;
	nc->slots[slot] = id + 1;
	return id;
}

static int join(struct node_classes *nc, uint32_t node, uint32_t id)
{
	struct node_class *k = &nc->cls[id];
	void *members = k->members;
	if (grow(&members, sizeof *k->members, &k->cap, k->n + 1))
		return -1;
	k->members = members;
	nc->class_of[node] = id;
	heap_put(nc, k, k->n++, node);
	sift_up(nc, k, k->n - 1);
	sync_entry(nc, k);
	return 0;
}

int node_classes_move(struct node_classes *nc, uint32_t node, const struct class_place *place)
{
	if (nc->class_of[node] != UINT32_MAX) {
		if (key_equal(nc, &nc->cls[nc->class_of[node]].key, &place->key))
			return 0;
		leave(nc, node);
	}
	uint32_t id = class_for(nc, place);
	if (id != UINT32_MAX && join(nc, node, id) == 0)
		return 0;
	nc->class_of[node] = UINT32_MAX;
	if (id != UINT32_MAX && nc->cls[id].n == 0)
		class_die(nc, id);
	return -1;
}
