/* suggest.h — "did you mean": the nearest of some names to what a user typed.
 *
 * Distance is Levenshtein's, with a swap of two neighbours counting as one edit (optimal
 * string alignment), over letters compared without ASCII case.  A name is suggested
 * only when it is near enough to be a slip (at most a third of the longer word's letters
 * differ, and at least one letter may), so that a word that matches nothing suggests nothing.
 * O(candidates × len²) with short words.
 */
#ifndef SIMON_SUGGEST_H
#define SIMON_SUGGEST_H

#include <stddef.h>

/* The edit distance between a and b, ignoring ASCII case; words past 63 letters are cut. */
size_t edit_distance(const char *a, const char *b);
/* The index of the nearest of names[0..n) to word (the first of equals), or -1 when none
 * is near enough. */
long suggest_nearest(const char *word, const char *const *names, size_t n);
/* The same over the name fields of a struct array: n records of stride bytes, each with its
 * name (a const char *) at offset, as suggest_nearest_in(word, nodes, n, sizeof *nodes,
 * offsetof(struct node_spec, name)). */
long suggest_nearest_in(const char *word, const void *records, size_t n, size_t stride, size_t offset);

#endif
