/* textfile.h — a whole file read into memory, NUL-terminated (the terminator is not counted). */
#ifndef SIMON_TEXTFILE_H
#define SIMON_TEXTFILE_H

#include <stddef.h>

#include "sim/util/error.h"

/* 0 and a malloc'd *text of *size bytes, or -1 with err naming the file; a NUL byte in the file
 * is an error at its line and column (text is what every reader expects). */
int textfile_read(const char *path, char **text, size_t *size, struct error *err);

#endif
