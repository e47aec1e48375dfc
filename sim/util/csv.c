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
