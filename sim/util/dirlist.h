/* dirlist.h — the entries of a folder, sorted by name (as Go's ReadDir sorts them), hidden
 * entries left out.  Returns 0 and a malloc'd list the caller frees with dirlist_free. */
#ifndef SIMON_DIRLIST_H
#define SIMON_DIRLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/util/error.h"

int dirlist(const char *dir, char ***names, size_t *n, struct error *err);
void dirlist_free(char **names, size_t n);
bool is_dir(const char *path);
/* rel resolved as simon's config files resolve paths: beside the file `from` names, else as
 * given (from the working directory).  0 when the result exists, -1 when neither does. */
int path_beside(const char *from, const char *rel, char *out, size_t size);
/* dir/name into out; -1 (and an error naming dir) when it does not fit. */
int path_join(char *out, size_t size, const char *dir, const char *name, struct error *err);

#endif
