/* event_heap.h — the engine's event queue: a binary min-heap on (key, insertion order).
 *
 * Events with equal keys pop in the order they were pushed, so same-time events stay
 * deterministic.  Push and pop are O(log n).
 */
#ifndef SIMON_EVENT_HEAP_H
#define SIMON_EVENT_HEAP_H

#include <stddef.h>
#include <stdint.h>

struct event {
	int64_t key;
	uint64_t seq;
	uint32_t payload;
};

struct event_heap {
	struct event *items;
	size_t n, cap;
	uint64_t next_seq;
};

void event_heap_init(struct event_heap *h);
void event_heap_release(struct event_heap *h);
int event_heap_push(struct event_heap *h, int64_t key, uint32_t payload); /* -1 when out of memory */
/* Removes the smallest event into *out; 0 when the heap is empty. */
int event_heap_pop(struct event_heap *h, struct event *out);
/* The smallest event without removing it, or NULL. */
const struct event *event_heap_peek(const struct event_heap *h);

#endif
