/* outdir.h — writing a set of files into a folder all or nothing.
 *
 * Each file is written to a hidden temporary beside its final name; output_commit closes
 * them all, checks every write, and only then renames each into place.  On any failure
 * output_abort (or a failed commit) removes the temporaries, so bad input or a full disk
 * never leaves half-written results.
 */
#ifndef SIMON_OUTDIR_H
#define SIMON_OUTDIR_H

#include <stdio.h>

#include "sim/error.h"

#define OUTDIR_MAX_FILES 16

struct output_set {
	char dir[2048];
	int n;
	FILE *fp[OUTDIR_MAX_FILES];
	char tmp[OUTDIR_MAX_FILES][2200];
	char final[OUTDIR_MAX_FILES][2200];
};

/* Creates dir (and its parents) if needed. */
int output_open(struct output_set *o, const char *dir, struct error *err);
/* A stream for dir/name, or NULL with err set. */
FILE *output_file(struct output_set *o, const char *name, struct error *err);
int output_commit(struct output_set *o, struct error *err);
void output_abort(struct output_set *o);

#endif
