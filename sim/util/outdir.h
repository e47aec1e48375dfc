/* outdir.h — writing a set of files all or nothing, and the tables writers list them in.
 *
 * One rule: the subcommand owns the output set.  It opens it, lets each writer add its
 * files (a writer's files are one `struct output_file` table, which also makes its --help
 * and README lines), and commits it, or aborts it on any error.
 *
 * Each file is written to a hidden temporary beside its final name; output_commit closes
 * them all, checks every write, and only then renames each into place.  On any failure
 * output_abort (or a failed commit) removes the temporaries, so bad input or a full disk
 * never leaves half-written results.  (The renames themselves are each atomic; a crash
 * between two of them can leave some files new and some old.)
 */
#ifndef SIMON_OUTDIR_H
#define SIMON_OUTDIR_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/util/error.h"

struct output_entry {
	FILE *fp;
	char *tmp;
	char *final;
};

struct output_set {
	char dir[2048];
	struct output_entry *files;
	size_t n, cap;
};

/* Whether dir could be opened for output, without creating or changing anything: it, or its
 * nearest existing ancestor, is a folder this process may write. */
int output_check(const char *dir, struct error *err);
/* Creates dir (and its parents) if needed; dir may be NULL when only output_path is used. */
int output_open(struct output_set *o, const char *dir, struct error *err);
/* A stream for dir/name, or NULL with err set. */
FILE *output_file(struct output_set *o, const char *name, struct error *err);
/* A stream for a file at any path (its folder must exist), or NULL with err set. */
FILE *output_path(struct output_set *o, const char *path, struct error *err);
int output_commit(struct output_set *o, struct error *err);
void output_abort(struct output_set *o);

/* A file a writer can produce.  write may add further files of its own to o (a page's charts). */
struct output_file {
	const char *name;                  /* inside the output folder */
	const char *what;                  /* one line for --help and the README */
	bool (*wanted)(const void *data);  /* NULL: always written */
	int (*write)(FILE *f, struct output_set *o, const void *data, struct error *err);
};

/* Writes every wanted file of files[0..n) into o; 0, or -1 with err set (o left to abort). */
int output_write_all(struct output_set *o, const struct output_file *files, size_t n, const void *data,
		     struct error *err);
/* The table as help lines: "<indent>name  what", names padded to one column. */
void output_help(FILE *out, const struct output_file *files, size_t n, int indent);

#endif
