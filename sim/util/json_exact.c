#include "sim/util/json_exact.h"

#include "sim/util/number.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXACT_DIGITS 15   /* a double holds every integer of up to 15 digits */

cJSON *json_u64(uint64_t v)
{
	char text[32];
	snprintf(text, sizeof text, "%" PRIu64, v);
	return cJSON_CreateRaw(text);
}

/* The length of the JSON number token at p, its digits before any fraction, and whether it is
 * a plain integer (no fraction, no exponent). */
static size_t number_length(const char *p, size_t *int_digits, bool *integer)
{
	size_t n = *p == '-';
	size_t start = n;
	while (isdigit((unsigned char)p[n]))
		n++;
	*int_digits = n - start;
	*integer = true;
	if (p[n] == '.') {
		*integer = false;
		for (n++; isdigit((unsigned char)p[n]); n++)
			;
	}
	if (p[n] == 'e' || p[n] == 'E') {
		*integer = false;
		n++;
		if (p[n] == '+' || p[n] == '-')
			n++;
		while (isdigit((unsigned char)p[n]))
			n++;
	}
	return n;
}

/* A malloc'd copy of JSON text with long integer literals quoted; NULL when out of memory. */
static char *json_protect_integers(const char *text)
{
	size_t len = strlen(text), quotes = 0;
	for (const char *p = text; *p; p++)
		quotes += *p >= '0' && *p <= '9';
	char *out = malloc(len + 2 * quotes + 1);  /* at most two quotes per digit run */
	if (!out)
		return NULL;
	char *o = out;
	bool in_string = false;
	for (const char *p = text; *p;) {
		if (in_string) {
			if (*p == '\\' && p[1]) {
				*o++ = *p++;
			} else if (*p == '"') {
				in_string = false;
			}
			*o++ = *p++;
			continue;
		}
		if (*p == '"') {
			in_string = true;
			*o++ = *p++;
			continue;
		}
		size_t digits = 0, n = 0;
		bool integer = false;
		if (*p == '-' || isdigit((unsigned char)*p))
			n = number_length(p, &digits, &integer);
		if (integer && digits > EXACT_DIGITS) {
			*o++ = '"';
			memcpy(o, p, n);
			o += n;
			*o++ = '"';
			p += n;
			continue;
		}
		size_t copy = n ? n : 1;
		memcpy(o, p, copy);
		o += copy;
		p += copy;
	}
	*o = '\0';
	return out;
}

cJSON *json_parse_exact(const char *text)
{
	char *exact = json_protect_integers(text);
	cJSON *root = exact ? cJSON_Parse(exact) : NULL;
	free(exact);
	return root;
}

bool json_to_u64(const cJSON *item, uint64_t *out)
{
	if (cJSON_IsNumber(item)) {
		double v = item->valuedouble;
		if (!isfinite(v) || v < 0 || v > 9007199254740992.0 || v != floor(v))
			return false;
		*out = (uint64_t)v;
		return true;
	}
	const char *end = number_u64_prefix(cJSON_GetStringValue(item), out);
	return end && !*end;
}
