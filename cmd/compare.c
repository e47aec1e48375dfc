/* compare.c — `simon compare`: a matrix of traces × policies × seeds in one command
 * (sim/matrix.h), sharded for clusters and merged back, with gates for CI. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "sim/util/number.h"
#include "sim/compare/journal.h"
#include "sim/compare/results.h"
#include "sim/util/clock.h"

static const char compare_help[] =
	"usage: simon compare MATRIX.yaml [-j N] [-o OUTDIR] [--shard I/N]\n"
	"       simon compare --merge [-o OUTDIR] SHARD_OUTDIR...\n"
	"\n"
	"Runs every trace × policy × tuning ratio × seed of the matrix (see README) and writes the\n"
	"files below into OUTDIR (all or nothing).  Exits 1 when a run fails or a gate of the matrix\n"
	"does not hold, with a table of what failed.\n"
	"\n"
	"  -j, --jobs N        runs at once (default: all cores)\n"
	"  -o, --output DIR    default: out/compare\n"
	"      --shard I/N     run only the I-th of N slices (run index mod N = I - 1); no gates\n"
	"      --merge         combine shard outputs into the results of one unsharded run\n"
	"      --dry-run       load and check the matrix, its traces and policies; say what would run\n"
	"      --resume        after an interruption: keep the runs OUTDIR's journal holds, run the rest\n"
	"      --any-baseline  compare with a baseline made from other traces or scheduler configs\n"
	"  -q, --quiet         no progress line and no tables\n"
	"      --strict=false  unknown keys in the inputs are warnings, not errors\n"
	"\n"
	"Files written:\n";

static void usage(FILE *out)
{
	fputs(compare_help, out);
	output_help(out, compare_files, n_compare_files, 2);
}

enum { OPT_SHARD = 256, OPT_MERGE, OPT_STRICT, OPT_DRY_RUN, OPT_RESUME, OPT_ANY_BASELINE };

static const struct option compare_options[] = {
	{"jobs", required_argument, NULL, 'j'},	   {"output", required_argument, NULL, 'o'},
	{"shard", required_argument, NULL, OPT_SHARD}, {"merge", no_argument, NULL, OPT_MERGE},
	{"quiet", no_argument, NULL, 'q'},	   {"help", no_argument, NULL, 'h'},
	{"strict", optional_argument, NULL, OPT_STRICT},
	{"dry-run", no_argument, NULL, OPT_DRY_RUN},
	{"resume", no_argument, NULL, OPT_RESUME},
	{"any-baseline", no_argument, NULL, OPT_ANY_BASELINE},
	{NULL, 0, NULL, 0},
};

struct args {
	int jobs, shard_i, shard_n, merge, quiet, dry_run, resume, any_baseline;
	const char *outdir;
};

static int parse(int argc, char **argv, struct args *a)
{
	int c;
	int64_t jobs;
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:o:qh", compare_options, NULL)) != -1) {
		switch (c) {
		case 'j':
			if (number_integer(optarg, 1, 256, &jobs)) {
				fprintf(stderr, "simon compare: --jobs: expected 1 to 256, got '%s'\n", optarg);
				return -1;
			}
			a->jobs = (int)jobs;
			break;
		case 'o': a->outdir = optarg; break;
		case 'q': a->quiet = 1; break;
		case OPT_MERGE: a->merge = 1; break;
		case OPT_DRY_RUN: a->dry_run = 1; break;
		case OPT_RESUME: a->resume = 1; break;
		case OPT_ANY_BASELINE: a->any_baseline = 1; break;
		case OPT_STRICT:
			if (cmd_strict_option("compare", optarg))
				return -1;
			break;
		case OPT_SHARD:
			if (shard_parse(optarg, &a->shard_i, &a->shard_n)) {
				fprintf(stderr, "simon compare: --shard: expected I/N with 1 <= I <= N <= 1000000, got '%s'\n",
					optarg);
				return -1;
			}
			break;
		case 'h': usage(stdout); return 1;
		default: usage(stderr); return -1;
		}
	}
	int operands = argc - optind;
	if ((a->merge && operands < 1) || (!a->merge && operands != 1) ||
	    (a->merge && (a->shard_n || a->dry_run || a->resume))) {
		fprintf(stderr, "simon compare: %s\n",
			a->merge ? "--merge takes shard outputs (and no --shard, --dry-run or --resume)"
				 : "expected one matrix file");
		usage(stderr);
		return -1;
	}
	return 0;
}

static void print_summary(const struct comparison *cmp)
{
	const struct matrix *m = &cmp->matrix;
	bool replay = m->mode == MODE_REPLAY;
	int metric = replay ? M_MEAN_WAIT : M_ALLOC_AT_100;
	printf("\n%-16s %-8s %-22s %5s %28s\n", "trace", "tuning", "policy", "runs",
	       replay ? "mean wait (s) ± sample SD" : "alloc at 100% ± sample SD");
	for (size_t i = 0; i < cmp->n_summaries; i++) {
		const struct summary *s = &cmp->summaries[i];
		char tune[32] = "config";
		if (m->n_tunes)
			snprintf(tune, sizeof tune, "%g", m->tune_ratios[s->tune]);
		printf("%-16s %-8s %-22s %5zu %21.2f ± %5.2f%s\n", m->traces[s->trace].name, tune,
		       m->policies[s->policy].name, s->runs, s->mean[metric], s->std[metric],
		       s->failed ? "  (some runs failed)" : "");
	}
	if (m->n_seeds < 3)
		printf("(%zu seed%s: too few for the SD to say much; use 3 or more)\n", m->n_seeds,
		       m->n_seeds == 1 ? "" : "s");
}

/* With -q, only what failed, on stderr. */
static void print_failed_gates(const struct comparison *cmp)
{
	for (size_t i = 0; i < cmp->n_gates; i++) {
		const struct gate_result *g = &cmp->gates[i];
		if (!g->passed)
			fprintf(stderr, "simon compare: gate failed on %s: %s (%.3f against %.3f)%s%s\n",
				cmp->matrix.traces[g->trace].name, g->gate->text, g->lhs, g->rhs, g->why[0] ? ": " : "",
				g->why);
	}
}

static void print_gates(const struct comparison *cmp)
{
	if (!cmp->n_gates)
		return;
	printf("\n%-6s %-48s %-16s %12s %12s\n", "gate", "", "trace", "value", "against");
	for (size_t i = 0; i < cmp->n_gates; i++) {
		const struct gate_result *g = &cmp->gates[i];
		printf("%-6s %-48s %-16s %12.3f %12.3f%s%s\n", g->passed ? "pass" : "FAIL", g->gate->text,
		       cmp->matrix.traces[g->trace].name, g->lhs, g->rhs, g->why[0] ? "  " : "", g->why);
	}
}

static size_t failed_runs(const struct compare *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n_rows; i++)
		if (!c->rows[i].ok) {
			if (n++ < 10)
				fprintf(stderr, "simon compare: run %zu failed: %s\n", c->rows[i].index, c->rows[i].error);
		}
	return n;
}

/* The runs (or, merging, the shards' runs) and the provenance of the results: this command,
 * and the inputs (a merge keeps its shards'). */
static int gather(struct comparison *cmp, const struct args *a, int argc, char **as_typed, const char *journal,
		  struct error *err)
{
	struct provenance prov;
	if (provenance_init(&prov, argc, as_typed, err))
		return -1;
	int rc;
	if (a->merge) {
		rc = provenance_copy_inputs(&prov, &cmp->provenance) ? error_set(err, "out of memory") : 0;
	} else {
		struct compare_options o = {.jobs = a->jobs,
					    .shard_i = a->shard_i,
					    .shard_n = a->shard_n,
					    .progress = a->quiet ? NULL : stderr,
					    .journal = journal,
					    .resume = a->resume,
					    .provenance = &prov};
		rc = provenance_add(&prov, "matrix", cmp->matrix.path, err) ||
		     compare_run(&cmp->runs, &cmp->matrix, &o, err) ||
		     (cmp->matrix.baseline[0] && provenance_add(&prov, "baseline", cmp->matrix.baseline, err));
	}
	provenance_release(&cmp->provenance);
	cmp->provenance = prov;
	cmp->any_baseline = a->any_baseline;
	return rc ? -1 : 0;
}

/* Loads (or merges) and runs, holding the output folder's lock from before the first run to
 * the commit, so that two simons never write one folder. */
static int run(struct comparison *cmp, const struct args *a, int argc, char **argv, char **as_typed,
	       struct error *err)
{
	struct output_set out;
	char **operands = argv + optind;
	if (a->merge ? comparison_merge(cmp, operands, (size_t)(argc - optind), err)
		     : matrix_load(&cmp->matrix, operands[0], err))
		return -1;
	if (output_open(&out, a->outdir, err))
		return -1;
	char journal[4200];
	snprintf(journal, sizeof journal, "%s/" JOURNAL_NAME, a->outdir);
	if (gather(cmp, a, argc, as_typed, journal, err) || comparison_finish(cmp, err) ||
	    output_write_all(&out, compare_files, n_compare_files, cmp, err)) {
		output_abort(&out);
		return -1;
	}
	if (output_commit(&out, err))
		return -1;
	if (!a->merge)
		unlink(journal);  /* the results hold every run now */
	return 0;
}

static int dry_run(struct matrix *m, const char *path, const struct args *a, struct error *err)
{
	if (output_check(a->outdir, err) || matrix_load(m, path, err))
		return -1;
	printf("simon compare --dry-run: %s is good; %s mode\n", path, mode_name(m->mode));
	if (compare_check(m, a->shard_i, a->shard_n, stdout, err))
		return -1;
	printf("  would write into %s\n", a->outdir);
	return 0;
}

int cmd_compare(int argc, char **argv)
{
	struct args a = {.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN), .outdir = "out/compare"};
	char **as_typed = cmd_save_args(argc, argv);
	int parsed = as_typed ? parse(argc, argv, &a) : -1;
	if (parsed) {
		free(as_typed);
		return parsed > 0 ? 0 : EXIT_USAGE;
	}
	if (a.jobs < 1)
		a.jobs = 1;
	struct comparison cmp;
	memset(&cmp, 0, sizeof cmp);
	struct error err = {{0}};
	int rc = a.dry_run ? dry_run(&cmp.matrix, argv[optind], &a, &err)
			   : output_check(a.outdir, &err) || run(&cmp, &a, argc, argv, as_typed, &err);
	if (!rc && a.dry_run) {
		comparison_release(&cmp);
		free(as_typed);
		return 0;
	}
	if (rc) {
		fprintf(stderr, "simon: %s\n", err.msg);
		comparison_release(&cmp);
		free(as_typed);
		return EXIT_INPUT;
	}
	size_t failed = failed_runs(&cmp.runs);
	if (a.quiet)
		print_failed_gates(&cmp);
	if (!a.quiet) {
		print_summary(&cmp);
		print_gates(&cmp);
		printf("\n%zu runs%s, %zu failed; %zu of %zu gates failed; results in %s\n", cmp.runs.n_rows,
		       a.merge ? " merged" : "", failed, cmp.gates_failed, cmp.n_gates, a.outdir);
		if (!a.merge)
			printf("took %.1f s on %d threads, peak memory %.1f MB\n", cmp.runs.seconds, a.jobs,
			       peak_memory_mb());
	}
	int status = failed || cmp.gates_failed ? EXIT_INPUT : 0;
	comparison_release(&cmp);
	free(as_typed);
	return status;
}
