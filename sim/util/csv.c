#include "sim/util/csv.h"

#include <string.h>

void csv_text(FILE *f, const char *s, bool always_quote)
{
	if (!always_quote && !s[strcspn(s, ",\"\r\n")]) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
	fputc('"', f);
}

char *csv_split(char *p, char **field, int max, int *n)
{
	*n = 0;
	for (;;) {
		char *out = p, *start = p;
		if (*p == '"') {  /* quoted: "" is one quote */
			for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
				if (*p == '"')
					p++;
				*out++ = *p;
			}
			if (*p == '"')
				p++;
			while (*p && *p != ',' && *p != '\n' && *p != '\r')  /* text after the closing quote */
				*out++ = *p++;
		} else {
			while (*p && *p != ',' && *p != '\n' && *p != '\r')
				*out++ = *p++;
		}
		char end = *p;  /* saved first: the field's terminator may land on it */
		*out = '\0';
		if (*n < max)
			field[(*n)++] = start;
		if (end == ',') {
			p++;
			continue;
		}
		if (end == '\r' && p[1] == '\n')
			return p + 2;
		return end ? p + 1 : p;
	}
}
