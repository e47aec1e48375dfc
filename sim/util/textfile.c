#include "sim/util/textfile.h"
#include "sim/util/json_where.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int textfile_read(const char *path, char **text, size_t *size, struct error *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return error_at(err, path, 0, 0, "cannot open: %s", strerror(errno));
	size_t cap = 65536, len = 0;
	char *buf = malloc(cap);
	while (buf) {
		len += fread(buf + len, 1, cap - len - 1, fp);
		if (len < cap - 1)
			break;
		char *bigger = realloc(buf, cap * 2);
		if (!bigger) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = bigger;
		cap *= 2;
	}
	int failed = ferror(fp);
	fclose(fp);
	if (!buf)
		return error_at(err, path, 0, 0, "out of memory reading the file");
	if (failed) {
		free(buf);
		return error_at(err, path, 0, 0, "read error");
	}
	buf[len] = '\0';
	/* A NUL would end the text early for every reader after this: the rest would be lost. */
	const char *nul = memchr(buf, '\0', len);
	if (nul) {
		size_t line, col;
		json_line_col(buf, (size_t)(nul - buf), &line, &col);
		free(buf);
		return error_at(err, path, line, col, "binary file (a NUL byte here), expected text");
	}
	*text = buf;
	*size = len;
	return 0;
}
