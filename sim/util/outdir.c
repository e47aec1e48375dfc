#include "sim/util/outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/util/textfile.h"
#include "sim/util/vec.h"

static int make_dirs_in(char *path)
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

int output_make_dirs(const char *path, struct error *err)
{
	char copy[4096];
	if (snprintf(copy, sizeof copy, "%s", path) >= (int)sizeof copy)
		return error_at(err, path, 0, 0, "folder path too long");
	errno = 0;
	if (make_dirs_in(copy))
		return error_at(err, path, 0, 0, "cannot create the folder: %s", strerror(errno));
	return 0;
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

int output_check_file(const char *path, struct error *err)
{
	char dir[2048];
	const char *slash = strrchr(path, '/');
	if (snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".") >= (int)sizeof dir)
		return error_at(err, path, 0, 0, "output path too long");
	if (!dir[0])
		snprintf(dir, sizeof dir, "/");
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return error_at(err, path, 0, 0, "cannot write the output file: it is a folder");
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return error_at(err, path, 0, 0, "cannot write the output file: no folder %s", dir);
	if (access(dir, W_OK | X_OK))
		return error_at(err, path, 0, 0, "cannot write the output file: %s: %s", dir, strerror(errno));
	return 0;
}

#define LOCK_NAME ".simon-lock"
#define MANIFEST_NAME ".simon-outputs"

static void unlock(struct output_set *o)
{
	if (o->lock_fd < 0)
		return;
	char path[2100];
	snprintf(path, sizeof path, "%s/" LOCK_NAME, o->dir);
	unlink(path);
	close(o->lock_fd);
	o->lock_fd = -1;
}

static int lock(struct output_set *o, struct error *err)
{
	char path[2100];
	snprintf(path, sizeof path, "%s/" LOCK_NAME, o->dir);
	o->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (o->lock_fd < 0)
		return error_at(err, o->dir, 0, 0, "cannot write the output folder: %s", strerror(errno));
	if (flock(o->lock_fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	close(o->lock_fd);
	o->lock_fd = -1;
	return error_at(err, o->dir, 0, 0, "another simon is writing into this folder; wait for it or choose another");
}

int output_open(struct output_set *o, const char *dir, struct error *err)
{
	memset(o, 0, sizeof *o);
	o->lock_fd = -1;
	if (!dir)
		return 0;
	if (snprintf(o->dir, sizeof o->dir, "%s", dir) >= (int)sizeof o->dir)
		return error_at(err, dir, 0, 0, "output folder path too long");
	struct stat st;
	errno = 0;
	if (make_dirs_in(o->dir) || stat(o->dir, &st) || !S_ISDIR(st.st_mode))
		return error_at(err, dir, 0, 0, "cannot create the output folder: %s", strerror(errno ? errno : ENOTDIR));
	return lock(o, err);
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

static bool has_path(const struct output_set *o, const char *path)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->files[i].final, path) == 0)
			return true;
	return false;
}

FILE *output_path(struct output_set *o, const char *path, struct error *err)
{
	if (has_path(o, path)) {
		error_at(err, path, 0, 0, "two outputs would both be written here (do two names differ only in "
					 "characters a file name cannot hold?)");
		return NULL;
	}
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

bool output_has(const struct output_set *o, const char *name)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", o->dir, name);
	return has_path(o, path);
}

FILE *output_file(struct output_set *o, const char *name, struct error *err)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", o->dir, name);
	return output_path(o, path, err);
}

/* The names of the files simon wrote into o->dir last time (a malloc'd text, NUL-separated
 * lines), or NULL when there is no manifest. */
static char *read_manifest(const struct output_set *o, size_t *size)
{
	char path[2100], *text;
	struct error ignored;
	snprintf(path, sizeof path, "%s/" MANIFEST_NAME, o->dir);
	if (textfile_read(path, &text, size, &ignored))
		return NULL;
	for (char *c = text; (c = strchr(c, '\n')); c++)
		*c = '\0';
	return text;
}

/* A file's path inside o->dir (where every file of a set with a folder lies). */
static const char *inside(const struct output_set *o, const char *path)
{
	size_t n = strlen(o->dir);
	return strncmp(path, o->dir, n) == 0 && path[n] == '/' ? path + n + 1 : path;
}

/* Removes what the last run wrote here and this one did not. */
static void remove_stale(const struct output_set *o, const char *old, size_t size)
{
	for (const char *name = old; name < old + size; name += strlen(name) + 1) {
		if (!*name || *name == '#' || *name == '.' || *name == '/' || strstr(name, "..") || output_has(o, name))
			continue;
		char path[2400];
		if (snprintf(path, sizeof path, "%s/%s", o->dir, name) < (int)sizeof path)
			unlink(path);
	}
}

static int add_manifest(struct output_set *o, struct error *err)
{
	size_t n = o->n;
	FILE *f = output_file(o, MANIFEST_NAME, err);
	if (!f)
		return -1;
	fprintf(f, "# The files simon wrote here.  The next simon run into this folder removes those of them\n"
		   "# it does not write again, and never touches any other file.\n");
	for (size_t i = 0; i < n; i++)   /* files elsewhere (snapshots) are no part of this folder */
		if (inside(o, o->files[i].final) != o->files[i].final)
			fprintf(f, "%s\n", inside(o, o->files[i].final));
	return 0;
}

int output_commit(struct output_set *o, struct error *err)
{
	if (o->dir[0] && add_manifest(o, err)) {
		output_abort(o);
		return -1;
	}
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
	size_t old_size = 0;
	char *old = o->dir[0] ? read_manifest(o, &old_size) : NULL;
	/* The manifest (the last entry) goes in last: until then the old one names every file to clean up. */
	size_t manifest = o->dir[0] ? o->n - 1 : SIZE_MAX;
	for (size_t i = 0; i < o->n; i++) {
		if (i == manifest && old)
			remove_stale(o, old, old_size);
		if (rename(o->files[i].tmp, o->files[i].final)) {
			error_at(err, o->files[i].final, 0, 0, "cannot rename into place: %s", strerror(errno));
			free(old);
			output_abort(o);
			return -1;
		}
	}
	free(old);
	release_entries(o);
	unlock(o);
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
	unlock(o);
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
