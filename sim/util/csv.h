/* csv.h — one text field of a CSV file, as RFC 4180 quotes it: in double quotes, inner quotes
 * doubled, when it holds a comma, a quote or a line break (or always, when asked).  Line
 * breaks become spaces, so that every record stays on one line.  O(length).
 */
#ifndef SIMON_CSV_H
#define SIMON_CSV_H

#include <stdbool.h>
#include <stdio.h>

void csv_text(FILE *f, const char *s, bool always_quote);

#endif
