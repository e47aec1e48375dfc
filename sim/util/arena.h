/* arena.h — a bump allocator for the strings a workload owns.
 *
 * Node and pod names, labels and model lists live as long as the workload, and pods
 * cloned by tuning share them, so they are allocated here and freed all at once by
 * arena_release().  Nothing in an arena is freed individually.
 */
#ifndef SIMON_ARENA_H
#define SIMON_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
};

void arena_init(struct arena *arena);
void arena_release(struct arena *arena);
/* Copies of a string (or its first n bytes) that live until arena_release; NULL when out of memory. */
char *arena_strdup(struct arena *arena, const char *s);
char *arena_strndup(struct arena *arena, const char *s, size_t n);
void *arena_alloc(struct arena *arena, size_t size);

#endif
