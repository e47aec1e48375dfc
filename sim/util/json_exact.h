/* json_exact.h — whole numbers through cJSON exactly.
 *
 * cJSON keeps every number as a double, which rounds integers past 2^53 (a seed of
 * 9007199254740993 would print as 9.00719925474099e+15).  Writing, json_u64 makes a raw
 * number item with every digit.  Reading, json_parse_exact first turns each integer literal
 * of 16 digits or more into a string literal, so it reaches the reader whole, and json_to_u64
 * accepts either form.  O(text length).
 */
#ifndef SIMON_JSON_EXACT_H
#define SIMON_JSON_EXACT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

/* A number item printing v exactly, or NULL when out of memory. */
cJSON *json_u64(uint64_t v);
/* JSON text parsed with its long integers kept whole; NULL when malformed or out of memory. */
cJSON *json_parse_exact(const char *text);
/* A whole number 0 .. 2^64 − 1 from a number (exact below 2^53) or a digit string; false
 * for anything else (fractions, negatives, NaN, text, overflow). */
bool json_to_u64(const cJSON *item, uint64_t *out);

#endif
