#include "sim/util/suggest.h"

#include <ctype.h>
#include <string.h>

#define MAX_WORD 63

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

static int same_letter(char a, char b)
{
	return tolower((unsigned char)a) == tolower((unsigned char)b);
}

size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	la = la > MAX_WORD ? MAX_WORD : la;
	lb = lb > MAX_WORD ? MAX_WORD : lb;
	size_t d[MAX_WORD + 1][MAX_WORD + 1];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + !same_letter(a[i - 1], b[j - 1]));
			/* Two neighbours swapped ("fdg" for "fgd") is one slip, not two. */
			if (i > 1 && j > 1 && same_letter(a[i - 1], b[j - 2]) && same_letter(a[i - 2], b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	return d[la][lb];
}

long suggest_nearest(const char *word, const char *const *names, size_t n)
{
	return suggest_nearest_in(word, names, n, sizeof *names, 0);
}

long suggest_nearest_in(const char *word, const void *records, size_t n, size_t stride, size_t offset)
{
	long best = -1;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		const char *name;
		memcpy(&name, (const char *)records + i * stride + offset, sizeof name);
		size_t d = edit_distance(word, name);
		size_t longer = strlen(word) > strlen(name) ? strlen(word) : strlen(name);
		size_t allowed = longer / 3 ? longer / 3 : 1;
		if (d <= allowed && d < best_d) {
			best = (long)i;
			best_d = d;
		}
	}
	return best;
}
