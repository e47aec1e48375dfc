#include "sim/util/dirlist.h"
#include "sim/util/order.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int dirlist(const char *dir, char ***names, size_t *n, struct error *err)
{
	*names = NULL;
	*n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return error_at(err, dir, 0, 0, "cannot open folder: %s", strerror(errno));
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			char **bigger = realloc(*names, cap * sizeof **names);
			if (!bigger)
				break;
			*names = bigger;
		}
		if (!((*names)[*n] = strdup(e->d_name)))
			break;
		(*n)++;
	}
	int failed = e != NULL;
	closedir(d);
	if (failed) {
		dirlist_free(*names, *n);
		*names = NULL;
		*n = 0;
		return error_set(err, "out of memory listing %s", dir);
	}
	sort_items(*names, *n, sizeof **names, by_name);
	return 0;
}

void dirlist_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int path_beside(const char *from, const char *rel, char *out, size_t size)
{
	const char *slash = strrchr(from, '/');
	if (rel[0] != '/') {
		int n = slash ? snprintf(out, size, "%.*s/%s", (int)(slash - from), from, rel)
			      : snprintf(out, size, "./%s", rel);
		if (n >= 0 && (size_t)n < size && access(out, F_OK) == 0)
			return 0;
	}
	int n = snprintf(out, size, "%s", rel);
	return n >= 0 && (size_t)n < size && access(out, F_OK) == 0 ? 0 : -1;
}

int path_join(char *out, size_t size, const char *dir, const char *name, struct error *err)
{
	int n = snprintf(out, size, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= size)
		return error_at(err, dir, 0, 0, "path too long");
	return 0;
}
