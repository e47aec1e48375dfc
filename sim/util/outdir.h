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
 *
 * With a folder: an open set holds the folder's lock (.simon-lock), so two simons never write
 * into one folder at once; and the folder holds only this run's files: a manifest
 * (.simon-outputs) lists what simon wrote there, and a commit removes the files of the last
 * run that this one did not write again.  Files simon did not write are never touched.
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
	int lock_fd;         /* dir's lock, held from open to commit or abort; -1 without dir */
};

/* Whether dir could be opened for output, without creating or changing anything: it, or its
 * nearest existing ancestor, is a folder this process may write. */
int output_check(const char *dir, struct error *err);
/* Whether a file could be written at path (output_path's place, whose folder must exist):
 * path is no folder, and its folder exists and this process may write it. */
int output_check_file(const char *path, struct error *err);
/* Creates a folder and its parents, as needed. */
int output_make_dirs(const char *path, struct error *err);
/* Creates dir (and its parents) if needed and takes its lock; dir may be NULL when only
 * output_path is used. */
int output_open(struct output_set *o, const char *dir, struct error *err);
/* A stream for dir/name, or NULL with err set. */
FILE *output_file(struct output_set *o, const char *name, struct error *err);
/* A stream for a file at any path (its folder must exist), or NULL with err set; a path
 * already in the set is an error (two outputs would overwrite each other). */
FILE *output_path(struct output_set *o, const char *path, struct error *err);
/* True when the set already has a file dir/name. */
bool output_has(const struct output_set *o, const char *name);
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
