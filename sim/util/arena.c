#include "sim/util/arena.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 65536

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

void arena_init(struct arena *arena)
{
	arena->head = NULL;
}

void arena_release(struct arena *arena)
{
	struct arena_block *b = arena->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena->head = NULL;
}

void *arena_alloc(struct arena *arena, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	struct arena_block *b = arena->head;
	if (!b || b->size - b->used < size) {
		size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->next = arena->head;
		b->used = 0;
		b->size = cap;
		arena->head = b;
	}
	void *p = b->data + b->used;
	b->used += size;
	return p;
}

char *arena_strndup(struct arena *arena, const char *s, size_t n)
{
	char *p = arena_alloc(arena, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *arena, const char *s)
{
	return arena_strndup(arena, s, strlen(s));
}
