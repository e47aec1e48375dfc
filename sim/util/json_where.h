/* json_where.h — where in a JSON text a value sits, for messages that name line and column.
 *
 * cJSON keeps no positions, so a reader that finds a wrong value locates it afterwards by its
 * path, skipping over the text as a JSON parser would.  O(text length) per lookup, which is
 * paid only when reporting an error.
 */
#ifndef SIMON_JSON_WHERE_H
#define SIMON_JSON_WHERE_H

#include <stdbool.h>
#include <stddef.h>

/* One step of a path: a member by key, or (key NULL) an array element by index. */
struct json_step {
	const char *key;
	int index;
};

/* 1-based line and column of byte offset in text. */
void json_line_col(const char *text, size_t offset, size_t *line, size_t *col);
/* The position of the value at path[0..n) in text (with at_key, of the last step's key), or of
 * the deepest step found when the rest is missing; text should be valid JSON. */
void json_where(const char *text, const struct json_step *path, size_t n, bool at_key, size_t *line, size_t *col);

#endif
