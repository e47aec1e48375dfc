/* csv.h — CSV as RFC 4180 quotes it.  Written: one text field, in double quotes, inner quotes
 * doubled, when it holds a comma, a quote or a line break (or always, when asked); line breaks
 * become spaces, so that every record stays on one line.  Read: a line split into its fields.
 * O(length).
 */
#ifndef SIMON_CSV_H
#define SIMON_CSV_H

#include <stdbool.h>
#include <stdio.h>

void csv_text(FILE *f, const char *s, bool always_quote);
/* Splits the line at p into at most max fields, in place, as RFC 4180 quotes them (each field
 * NUL-terminated, quotes taken off): *n of them; returns the start of the next line. */
char *csv_split(char *p, char **field, int max, int *n);

#endif
