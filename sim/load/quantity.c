#include "sim/load/quantity.h"

#include <ctype.h>
#include <string.h>

struct suffix {
	const char *text;
	int pow10;
	int pow2;
};

static const struct suffix suffixes[] = {
	{"Ki", 0, 10}, {"Mi", 0, 20}, {"Gi", 0, 30}, {"Ti", 0, 40}, {"Pi", 0, 50}, {"Ei", 0, 60},
	{"n", -9, 0},  {"u", -6, 0},  {"m", -3, 0},  {"k", 3, 0},   {"M", 6, 0},   {"G", 9, 0},
	{"T", 12, 0},  {"P", 15, 0},  {"E", 18, 0},  {"", 0, 0},
};

/* The parts of "<digits>[.<digits>][e<exp>|suffix]": value = mantissa * 10^pow10 * 2^pow2. */
struct parsed {
	uint64_t mantissa;
	int pow10;
	int pow2;
};

static int parse_exponent(const char **p, int *exponent)
{
	const char *s = *p + 1;
	int sign = 1;
	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	if (!isdigit((unsigned char)*s))
		return 0;
	int e = 0;
	while (isdigit((unsigned char)*s)) {
		if (e > 1000)
			return -1;
		e = e * 10 + (*s++ - '0');
	}
	*exponent = sign * e;
	*p = s;
	return 1;
}

static int split(const char *text, struct parsed *out, const char **why)
{
	const char *p = text;
	if (*p == '+')
		p++;
	if (*p == '-') {
		*why = "negative quantity";
		return -1;
	}
	int digits = 0, fraction = 0, seen_point = 0;
	uint64_t m = 0;
	for (;; p++) {
		if (*p == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			break;
		digits++;
		if (m > (UINT64_MAX - 9) / 10) {
			*why = "too many digits";
			return -1;
		}
		m = m * 10 + (uint64_t)(*p - '0');
		fraction += seen_point;
	}
	if (!digits) {
		*why = "expected a number such as 4, 500m, 0.5 or 16Gi";
		return -1;
	}
	out->mantissa = m;
	out->pow10 = -fraction;
	out->pow2 = 0;
	if (*p == 'e' || *p == 'E') {
		int e = 0, r = parse_exponent(&p, &e);
		if (r < 0) {
			*why = "exponent out of range";
			return -1;
		}
		if (r > 0) {
			out->pow10 += e;
			if (*p) {
				*why = "unexpected characters after the exponent";
				return -1;
			}
			return 0;
		}
	}
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		if (strcmp(p, suffixes[i].text) == 0) {
			out->pow10 += suffixes[i].pow10;
			out->pow2 = suffixes[i].pow2;
			return 0;
		}
	}
	*why = "unknown unit suffix (expected one of n u m k M G T P E Ki Mi Gi Ti Pi Ei)";
	return -1;
}

/* mantissa * 10^pow10 * 2^pow2, rounded up, into *out; -1 on overflow. */
static int scale(const struct parsed *q, int64_t *out)
{
	uint64_t v = q->mantissa;
	for (int i = 0; i < q->pow2; i++) {
		if (v > (uint64_t)INT64_MAX / 2)
			return -1;
		v *= 2;
	}
	for (int i = 0; i < q->pow10; i++) {
		if (v == 0)
			break;
		if (v > (uint64_t)INT64_MAX / 10)
			return -1;
		v *= 10;
	}
	for (int i = 0; i > q->pow10 && v; i--) {
		uint64_t rest = v % 10;
		v = v / 10 + (rest != 0);
	}
	if (v > (uint64_t)INT64_MAX)
		return -1;
	*out = (int64_t)v;
	return 0;
}

static int parse_scaled(const char *text, int shift10, int64_t *out, const char **why)
{
	struct parsed q;
	if (!text || split(text, &q, why))
		return -1;
	q.pow10 += shift10;
	if (scale(&q, out)) {
		*why = "quantity too large";
		return -1;
	}
	return 0;
}

int quantity_milli(const char *text, int64_t *milli, const char **why)
{
	return parse_scaled(text, 3, milli, why);
}

int quantity_value(const char *text, int64_t *value, const char **why)
{
	return parse_scaled(text, 0, value, why);
}
