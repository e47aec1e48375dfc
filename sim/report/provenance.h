/* provenance.h — what a result was made from, so it can be tied to its inputs: simon's
 * version and commit, the date, the command line, and the SHA-256 of every input file
 * (configs, traces, matrices, baselines), each with its role.
 *
 * The date is the run's, in UTC, or SOURCE_DATE_EPOCH's when that is set (the reproducible-
 * builds convention), so that reruns can be byte-identical.  Hashing reads each file once:
 * O(input bytes).
 */
#ifndef SIMON_PROVENANCE_H
#define SIMON_PROVENANCE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>

#include "sim/simulation.h"

struct input_file {
	char *path;
	char role[24];        /* cluster-config, trace, scheduler-config, matrix, baseline */
	char sha256[65];
};

struct provenance {
	char version[32];
	char commit[64];
	char date[32];
	char *command;
	struct input_file *inputs;
	size_t n, cap;
};

/* The command is "simon" and argv[0..argc) (a subcommand's argv), quoted where needed. */
int provenance_init(struct provenance *p, int argc, char **argv, struct error *err);
void provenance_release(struct provenance *p);
/* Hashes one input file. */
int provenance_add(struct provenance *p, const char *role, const char *path, struct error *err);
/* Hashes every file of a trace (trace_each_input); cfg as there. */
int provenance_add_trace(struct provenance *p, const char *path, const struct cluster_config *cfg,
			 struct error *err);
/* The inputs of src, hashes included, appended to p (a merge keeps its shards' inputs). */
int provenance_copy_inputs(struct provenance *p, const struct provenance *src);
/* Whether two results were made from the same traces and scheduler configs (by content). */
bool provenance_same_inputs(const struct provenance *a, const struct provenance *b);

cJSON *provenance_json(const struct provenance *p);
/* Reads provenance_json's form back; -1 when j does not hold it. */
int provenance_read(struct provenance *p, const cJSON *j);
/* One line of HTML: <p class="provenance">…</p>, the inputs in a <details>. */
void provenance_html(FILE *f, const struct provenance *p);

#endif
