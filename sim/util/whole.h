/* whole.h — whole numbers 0 .. 2^64 − 1 as users and files write them: digits only (no sign,
 * no spaces), exactly, or not at all.  O(digits).
 */
#ifndef SIMON_WHOLE_H
#define SIMON_WHOLE_H

#include <stdint.h>

/* The number at the start of text: the first character after it, or NULL (nothing there,
 * or past 2^64 − 1).  A whole string is one when the result points at its NUL. */
const char *parse_u64(const char *text, uint64_t *out);

#endif
