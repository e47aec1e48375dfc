#include "sim/util/whole.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

const char *parse_u64(const char *text, uint64_t *out)
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
