/* journal.h — a matrix's runs written down as they finish, so that an interrupted compare can
 * resume where it stopped.
 *
 * The journal is OUTDIR/.simon-journal: a first line naming the matrix (names, seeds, tuning
 * ratios, gates), every input file (each trace's files and scheduler config) with its
 * SHA-256, and the shard; then one results.json run entry per line, each flushed as its run
 * finishes.  Resuming reads back the complete lines of a journal with the same first line (a
 * line cut short by the interruption is dropped and its run done again); the runs it holds
 * are not run again, and since rows hold six-decimal values either way, the files written are
 * the same as an uninterrupted run's.  A journal whose inputs changed since is refused, naming
 * the file: its runs read other contents.  Appending is thread-safe.  O(runs + input bytes).
 */
#ifndef SIMON_COMPARE_JOURNAL_H
#define SIMON_COMPARE_JOURNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#include "sim/compare/matrix_runs.h"

#define JOURNAL_NAME ".simon-journal"

struct journal {
	FILE *f;
	pthread_mutex_t lock;
	const struct matrix *m;
};

/* Opens path: with resume, reads back the runs it holds into c's planned rows (done[k] set for
 * row k) and appends after them; else starts it afresh.  A journal of another matrix, or a
 * damaged line before the last, is an error. */
int journal_open(struct journal *j, const char *path, const struct matrix *m, struct compare *c, bool resume,
		 bool *done, struct error *err);
void journal_append(struct journal *j, const struct run_row *r);
void journal_close(struct journal *j);

#endif
