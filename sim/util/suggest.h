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

#endif
