#include "sim/event_heap.h"

#include <stdlib.h>
#include <string.h>

void event_heap_init(struct event_heap *h)
{
	memset(h, 0, sizeof *h);
}

void event_heap_release(struct event_heap *h)
{
	free(h->items);
	memset(h, 0, sizeof *h);
}

static int before(const struct event *a, const struct event *b)
{
	return a->key < b->key || (a->key == b->key && a->seq < b->seq);
}

int event_heap_push(struct event_heap *h, int64_t key, uint32_t payload)
{
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 256;
		struct event *items = realloc(h->items, cap * sizeof *items);
		if (!items)
			return -1;
		h->items = items;
		h->cap = cap;
	}
	struct event e = {key, h->next_seq++, payload};
	size_t i = h->n++;
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!before(&e, &h->items[parent]))
			break;
		h->items[i] = h->items[parent];
		i = parent;
	}
	h->items[i] = e;
	return 0;
}

int event_heap_pop(struct event_heap *h, struct event *out)
{
	if (h->n == 0)
		return 0;
	*out = h->items[0];
	struct event last = h->items[--h->n];
	size_t i = 0;
	for (;;) {
		size_t child = 2 * i + 1;
		if (child >= h->n)
			break;
		if (child + 1 < h->n && before(&h->items[child + 1], &h->items[child]))
			child++;
		if (!before(&h->items[child], &last))
			break;
		h->items[i] = h->items[child];
		i = child;
	}
	if (h->n)
		h->items[i] = last;
	return 1;
}

const struct event *event_heap_peek(const struct event_heap *h)
{
	return h->n ? &h->items[0] : NULL;
}
