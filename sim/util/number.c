#include "sim/util/number.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum number_status number_integer(const char *text, int64_t min, int64_t max, int64_t *out)
{
	if (!text)
		return NUMBER_SYNTAX;
	const char *digits = text + (*text == '+' || *text == '-');
	if (!isdigit((unsigned char)*digits))
		return NUMBER_SYNTAX;
	char *end;
	errno = 0;
	long long v = strtoll(text, &end, 10);
	if (*end)
		return NUMBER_SYNTAX;
	if (errno == ERANGE || v < min || v > max)
		return NUMBER_RANGE;
	*out = v;
	return NUMBER_OK;
}

enum number_status number_real(const char *text, double min, double max, double *out)
{
	if (!text)
		return NUMBER_SYNTAX;
	const char *digits = text + (*text == '+' || *text == '-');
	/* strtod would take hex, inf and nan, and skip leading space: none is a number here. */
	if (!(isdigit((unsigned char)*digits) || (*digits == '.' && isdigit((unsigned char)digits[1]))) ||
	    (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')))
		return NUMBER_SYNTAX;
	char *end;
	errno = 0;
	double v = strtod(text, &end);
	if (*end)
		return NUMBER_SYNTAX;
	if (!isfinite(v) || v < min || v > max)
		return NUMBER_RANGE;
	*out = v;
	return NUMBER_OK;
}

const char *number_u64_prefix(const char *text, uint64_t *out)
{
	if (!text || !isdigit((unsigned char)*text))
		return NULL;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(text, &end, 10);
	if (errno)
		return NULL;
	*out = v;
	return end;
}
