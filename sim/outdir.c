#include "sim/outdir.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int output_open(struct output_set *o, const char *dir, struct error *err)
{
	memset(o, 0, sizeof *o);
	if (snprintf(o->dir, sizeof o->dir, "%s", dir) >= (int)sizeof o->dir)
		return error_at(err, dir, 0, 0, "output folder path too long");
	struct stat st;
	if (make_dirs(o->dir) || stat(o->dir, &st) || !S_ISDIR(st.st_mode))
		return error_at(err, dir, 0, 0, "cannot create the output folder: %s", strerror(errno ? errno : ENOTDIR));
	return 0;
}

FILE *output_file(struct output_set *o, const char *name, struct error *err)
{
	if (o->n == OUTDIR_MAX_FILES) {
		error_set(err, "too many output files");
		return NULL;
	}
	int i = o->n;
	char dir[sizeof o->dir];
	memcpy(dir, o->dir, sizeof dir);
	snprintf(o->final[i], sizeof o->final[i], "%s/%s", dir, name);
	snprintf(o->tmp[i], sizeof o->tmp[i], "%s/.%s.tmp%ld", dir, name, (long)getpid());
	o->fp[i] = fopen(o->tmp[i], "w");
	if (!o->fp[i]) {
		error_at(err, o->final[i], 0, 0, "cannot write: %s", strerror(errno));
		return NULL;
	}
	o->n++;
	return o->fp[i];
}

int output_commit(struct output_set *o, struct error *err)
{
	int failed = -1;
	for (int i = 0; i < o->n; i++) {
		int bad = ferror(o->fp[i]);
		bad |= fclose(o->fp[i]) != 0;
		o->fp[i] = NULL;
		if (bad && failed < 0)
			failed = i;
	}
	if (failed >= 0) {
		output_abort(o);
		return error_at(err, o->final[failed], 0, 0, "write failed (disk full?)");
	}
	for (int i = 0; i < o->n; i++)
		if (rename(o->tmp[i], o->final[i])) {
			error_at(err, o->final[i], 0, 0, "cannot rename into place: %s", strerror(errno));
			output_abort(o);
			return -1;
		}
	o->n = 0;
	return 0;
}

void output_abort(struct output_set *o)
{
	for (int i = 0; i < o->n; i++) {
		if (o->fp[i])
			fclose(o->fp[i]);
		o->fp[i] = NULL;
		unlink(o->tmp[i]);
	}
	o->n = 0;
}
