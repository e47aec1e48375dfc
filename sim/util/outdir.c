#include "sim/util/outdir.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/util/vec.h"

static int make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0777);
		*p = '/';
		if (rc && errno != EEXIST)
			return -1;
	}
	return mkdir(path, 0777) && errno != EEXIST ? -1 : 0;
}

int output_check(const char *dir, struct error *err)
{
	char path[2048];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
		return error_at(err, dir, 0, 0, "output folder path too long");
	struct stat st;
	while (stat(path, &st) != 0) {
		char *slash = strrchr(path, '/');
		if (!slash) {
			snprintf(path, sizeof path, ".");
			continue;
		}
		*slash = '\0';
		if (!*path)
			snprintf(path, sizeof path, "/");
	}
	if (!S_ISDIR(st.st_mode))
		return error_at(err, dir, 0, 0, "cannot create the output folder: %s is not a folder", path);
	if (access(path, W_OK | X_OK))
		return error_at(err, dir, 0, 0, "cannot write the output folder: %s: %s", path, strerror(errno));
	return 0;
}

int output_open(struct output_set *o, const char *dir, struct error *err)
{
	memset(o, 0, sizeof *o);
	if (!dir)
		return 0;
	if (snprintf(o->dir, sizeof o->dir, "%s", dir) >= (int)sizeof o->dir)
		return error_at(err, dir, 0, 0, "output folder path too long");
	struct stat st;
	if (make_dirs(o->dir) || stat(o->dir, &st) || !S_ISDIR(st.st_mode))
		return error_at(err, dir, 0, 0, "cannot create the output folder: %s", strerror(errno ? errno : ENOTDIR));
	return 0;
}

static void release_entries(struct output_set *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->files[i].tmp);
		free(o->files[i].final);
	}
	free(o->files);
	o->files = NULL;
	o->n = o->cap = 0;
}

FILE *output_path(struct output_set *o, const char *path, struct error *err)
{
	if (VEC_RESERVE(o->files, o->cap, o->n + 1)) {
		error_set(err, "out of memory");
		return NULL;
	}
	struct output_entry *e = &o->files[o->n];
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path) : 1;
	size_t size = strlen(path) + 64;
	e->final = strdup(path);
	e->tmp = malloc(size);
	if (!e->final || !e->tmp) {
		free(e->final);
		free(e->tmp);
		error_set(err, "out of memory");
		return NULL;
	}
	snprintf(e->tmp, size, "%.*s/.%s.tmp%ld", dir_len, slash ? path : ".", slash ? slash + 1 : path,
		 (long)getpid());
	e->fp = fopen(e->tmp, "w");
	if (!e->fp) {
		error_at(err, path, 0, 0, "cannot write: %s", strerror(errno));
		free(e->final);
		free(e->tmp);
		return NULL;
	}
	o->n++;
	return e->fp;
}

FILE *output_file(struct output_set *o, const char *name, struct error *err)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", o->dir, name);
	return output_path(o, path, err);
}

int output_commit(struct output_set *o, struct error *err)
{
	size_t failed = SIZE_MAX;
	for (size_t i = 0; i < o->n; i++) {
		int bad = ferror(o->files[i].fp);
		bad |= fclose(o->files[i].fp) != 0;
		o->files[i].fp = NULL;
		if (bad && failed == SIZE_MAX)
			failed = i;
	}
	if (failed != SIZE_MAX) {
		error_at(err, o->files[failed].final, 0, 0, "write failed (disk full?)");
		output_abort(o);
		return -1;
	}
	for (size_t i = 0; i < o->n; i++)
		if (rename(o->files[i].tmp, o->files[i].final)) {
			error_at(err, o->files[i].final, 0, 0, "cannot rename into place: %s", strerror(errno));
			output_abort(o);
			return -1;
		}
	release_entries(o);
	return 0;
}

void output_abort(struct output_set *o)
{
	for (size_t i = 0; i < o->n; i++) {
		if (o->files[i].fp)
			fclose(o->files[i].fp);
		unlink(o->files[i].tmp);
	}
	release_entries(o);
}

int output_write_all(struct output_set *o, const struct output_file *files, size_t n, const void *data,
		     struct error *err)
{
	for (size_t i = 0; i < n; i++) {
		if (files[i].wanted && !files[i].wanted(data))
			continue;
		FILE *f = output_file(o, files[i].name, err);
		if (!f || files[i].write(f, o, data, err))
			return -1;
	}
	return 0;
}

void output_help(FILE *out, const struct output_file *files, size_t n, int indent)
{
	int width = 0;
	for (size_t i = 0; i < n; i++)
		if ((int)strlen(files[i].name) > width)
			width = (int)strlen(files[i].name);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%*s%-*s  %s\n", indent, "", width, files[i].name, files[i].what);
}
