/* error.h — errors are values.
 *
 * A function that can fail takes a `struct error *`, fills it and returns non-zero;
 * the caller that gives up prints `err.msg` once.  Messages about input name the file
 * and, where known, the line and column: "path:line:col: what was expected".
 */
#ifndef SIMON_ERROR_H
#define SIMON_ERROR_H

#include <stddef.h>

#define ERROR_MAX 640

struct error {
	char msg[ERROR_MAX];
};

/* Formats the message; always returns -1 so callers can `return error_set(...)`. */
int error_set(struct error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Like error_set with a "path:line:col: " prefix; line and col are 1-based, 0 omits them. */
int error_at(struct error *err, const char *path, size_t line, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
