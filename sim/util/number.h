/* number.h — numbers as files and flags write them, read whole or not at all.
 *
 * The one place where simon turns text into a number: every loader and flag reads through it,
 * so that "abc" is no 0, "12abc" no 12 and "1e400" no infinity.  A number is the whole text:
 * no leading or trailing space, nothing after it, within [min, max] (each caller's documented
 * bound).  Integers are decimal digits with an optional sign; reals are decimal as strtod
 * reads them (1.5, .5, 2e3), finite, never hex, inf or nan.  O(length).
 */
#ifndef SIMON_NUMBER_H
#define SIMON_NUMBER_H

#include <stdint.h>

enum number_status {
	NUMBER_OK,
	NUMBER_SYNTAX,   /* not a number, or more than one */
	NUMBER_RANGE,    /* a number, outside [min, max] */
};

enum number_status number_integer(const char *text, int64_t min, int64_t max, int64_t *out);
enum number_status number_real(const char *text, double min, double max, double *out);
/* A whole number 0 .. 2^64 − 1 (seeds) at the start of text, digits only: the first character
 * after it, or NULL (nothing there, or past 2^64 − 1).  A whole string is one when the result
 * points at its NUL. */
const char *number_u64_prefix(const char *text, uint64_t *out);

#endif
