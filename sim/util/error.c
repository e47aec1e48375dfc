#include "sim/util/error.h"

#include <stdarg.h>
#include <stdio.h>

int error_set(struct error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int error_at(struct error *err, const char *path, size_t line, size_t col, const char *fmt, ...)
{
	int n;
	if (line && col)
		n = snprintf(err->msg, sizeof err->msg, "%s:%zu:%zu: ", path, line, col);
	else if (line)
		n = snprintf(err->msg, sizeof err->msg, "%s:%zu: ", path, line);
	else
		n = snprintf(err->msg, sizeof err->msg, "%s: ", path);
	if (n < 0 || (size_t)n >= sizeof err->msg)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg + n, sizeof err->msg - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}
