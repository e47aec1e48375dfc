#include "sim/util/json_where.h"

#include <stdbool.h>
#include <string.h>

void json_line_col(const char *text, size_t offset, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < offset && text[i]; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

/* Past the string that starts at s (on its opening quote). */
static const char *skip_string(const char *s)
{
	for (s++; *s && *s != '"'; s++)
		if (*s == '\\' && s[1])
			s++;
	return *s ? s + 1 : s;
}

/* Past the value that starts at s (no leading space). */
static const char *skip_value(const char *s)
{
	if (*s == '"')
		return skip_string(s);
	if (*s != '{' && *s != '[') {
		while (*s && !strchr(",]} \t\r\n", *s))
			s++;
		return s;
	}
	int depth = 0;
	for (; *s; s++) {
		if (*s == '"') {
			s = skip_string(s) - 1;
		} else if (*s == '{' || *s == '[') {
			depth++;
		} else if ((*s == '}' || *s == ']') && --depth == 0) {
			return s + 1;
		}
	}
	return s;
}

/* The start of the value of member key in the object at s (with at_key, of the key), or NULL. */
static const char *member(const char *s, const char *key, bool at_key)
{
	size_t len = strlen(key);
	for (s = skip_space(s + 1); *s == '"'; s = skip_space(s + 1)) {
		bool match = strncmp(s + 1, key, len) == 0 && s[len + 1] == '"';
		if (match && at_key)
			return s;
		s = skip_space(skip_string(s));
		if (*s != ':')
			return NULL;
		s = skip_space(s + 1);
		if (match)
			return s;
		s = skip_space(skip_value(s));
		if (*s != ',')
			return NULL;
	}
	return NULL;
}

/* The start of element index of the array at s, or NULL. */
static const char *element(const char *s, int index)
{
	s = skip_space(s + 1);
	for (int i = 0; i < index; i++) {
		s = skip_space(skip_value(s));
		if (*s != ',')
			return NULL;
		s = skip_space(s + 1);
	}
	return *s && *s != ']' ? s : NULL;
}

/* The start of the value at path[0..n), or of the deepest step found. */
static const char *locate(const char *text, const struct json_step *path, size_t n, bool at_key)
{
	const char *at = skip_space(text);
	for (size_t k = 0; k < n; k++) {
		const char *next = NULL;
		if (path[k].key && *at == '{')
			next = member(at, path[k].key, at_key && k + 1 == n);
		else if (!path[k].key && *at == '[')
			next = element(at, path[k].index);
		if (!next)
			break;
		at = next;
	}
	return at;
}

void json_where(const char *text, const struct json_step *path, size_t n, bool at_key, size_t *line, size_t *col)
{
	json_line_col(text, (size_t)(locate(text, path, n, at_key) - text), line, col);
}

size_t json_element_offsets(const char *text, const struct json_step *path, size_t n, size_t *offsets, size_t max)
{
	const char *at = locate(text, path, n, false);
	if (*at != '[')
		return 0;
	size_t k = 0;
	for (const char *s = skip_space(at + 1); k < max && *s && *s != ']'; k++) {
		offsets[k] = (size_t)(s - text);
		s = skip_space(skip_value(s));
		if (*s != ',')
			return k + 1;
		s = skip_space(s + 1);
	}
	return k;
}

size_t json_member_offset(const char *text, size_t offset, const char *key, bool at_key)
{
	const char *at = text + offset;
	const char *m = *at == '{' ? member(at, key, at_key) : NULL;
	return m ? (size_t)(m - text) : offset;
}

void json_cursor_init(struct json_cursor *c, const char *text)
{
	*c = (struct json_cursor){text, 0, 1, 1};
}

void json_cursor_at(struct json_cursor *c, size_t offset, size_t *line, size_t *col)
{
	if (offset < c->offset)
		json_cursor_init(c, c->text);
	for (; c->offset < offset && c->text[c->offset]; c->offset++) {
		if (c->text[c->offset] == '\n') {
			c->line++;
			c->col = 1;
		} else {
			c->col++;
		}
	}
	*line = c->line;
	*col = c->col;
}
