/* json_where.h — where in a JSON text a value sits, for messages that name line and column.
 *
 * cJSON keeps no positions, so a reader that finds a wrong value locates it afterwards by its
 * path, skipping over the text as a JSON parser would.  O(text length) per lookup, which is
 * paid only when reporting an error; a reader that keeps the position of every element of a
 * list finds them all in one pass (json_element_offsets, json_cursor).
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

/* The byte offsets of the elements of the array at path[0..n), at most max of them: their
 * count, 0 when the path holds no array.  O(text), for positions of every element at once. */
size_t json_element_offsets(const char *text, const struct json_step *path, size_t n, size_t *offsets, size_t max);
/* The offset of member key's value (with at_key, of its key) in the object at offset, or offset
 * itself when it has no such member.  O(the object). */
size_t json_member_offset(const char *text, size_t offset, const char *key, bool at_key);

/* Lines and columns of offsets asked in increasing order, each in O(the distance from the last
 * one asked); an earlier offset starts again from the text's start. */
struct json_cursor {
	const char *text;
	size_t offset, line, col;
};
void json_cursor_init(struct json_cursor *c, const char *text);
void json_cursor_at(struct json_cursor *c, size_t offset, size_t *line, size_t *col);

#endif
