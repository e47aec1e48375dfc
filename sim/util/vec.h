/* vec.h — growing a caller's array: the one place simon reallocates by doubling. */
#ifndef SIMON_VEC_H
#define SIMON_VEC_H

#include <stddef.h>

/* Makes room for `need` items of `size` bytes in *items (capacity *cap); -1 when out of memory. */
int vec_reserve(void **items, size_t *cap, size_t need, size_t size);

#define VEC_RESERVE(items, cap, need) vec_reserve((void **)&(items), &(cap), (need), sizeof *(items))

#endif
