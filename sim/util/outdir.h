/* outdir.h — writing a set of files all or nothing.
 *
 * Each file is written to a hidden temporary beside its final name; output_commit closes
 * them all, checks every write, and only then renames each into place.  On any failure
 * output_abort (or a failed commit) removes the temporaries, so bad input or a full disk
 * never leaves half-written results.  (The renames themselves are each atomic; a crash
 * between two of them can leave some files new and some old.)
 */
#ifndef SIMON_OUTDIR_H
#define SIMON_OUTDIR_H

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

/* Creates dir (and its parents) if needed; dir may be NULL when only output_path is used. */
int output_open(struct output_set *o, const char *dir, struct error *err);
/* A stream for dir/name, or NULL with err set. */
FILE *output_file(struct output_set *o, const char *name, struct error *err);
/* A stream for a file at any path (its folder must exist), or NULL with err set. */
FILE *output_path(struct output_set *o, const char *path, struct error *err);
int output_commit(struct output_set *o, struct error *err);
void output_abort(struct output_set *o);

#endif
