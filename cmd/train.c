/* train.c — `simon train`: MLPScore's model, learned by imitating a teacher policy on traces
 * (sim/learn/imitate.h), optionally fine-tuned by policy gradient (sim/learn/reinforce.h);
 * or, with --evaluate, a model measured against the teacher on traces. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "sim/learn/dataset.h"
#include "sim/learn/imitate.h"
#include "sim/learn/reinforce.h"
#include "sim/util/clock.h"
#include "sim/util/mlp_file.h"
#include "sim/util/outdir.h"

#define MAX_TRACES 32

static const char train_help[] =
	"usage: simon train -f TRACE [-f TRACE ...] [-o MODEL] [options]\n"
	"       simon train --evaluate MODEL -f TRACE [-f TRACE ...]\n"
	"\n"
	"Learns MLPScore's model by imitation: the teacher replays each trace in inflation mode (as\n"
	"`simon apply -p TEACHER` would, one run per seed), and at every pod the model learns a\n"
	"softmax over the feasible node classes that spreads evenly over the ones the teacher rates\n"
	"best.  DAgger rounds and, with --fine-tune, policy gradient (REINFORCE) follow.  Seeded:\n"
	"the same command writes the same model.  With --evaluate, measures MODEL against the\n"
	"teacher instead.\n"
	"\n"
	"  -f, --trace PATH      a cluster config or trace folder to learn from (repeat, at most 32)\n"
	"  -o, --output MODEL    the model file to write (default: mlp-model.json)\n"
	"  -t, --teacher POLICY  the policy imitated (default: FGDScore)\n"
	"      --hidden LIST     hidden layer widths, ReLU each (default: 64,32)\n"
	"      --from MODEL      start from MODEL's weights (and shape) instead of random ones\n"
	"      --epochs N        passes over the decisions (default: 10)\n"
	"      --batch N         decisions per step (default: 32)\n"
	"      --lr X            Adam's learning rate (default: 0.003)\n"
	"      --holdout X       share of decisions held out and only measured (default: 0.1)\n"
	"      --runs K          teacher runs per trace, seeds S, S+1, … (default: 1)\n"
	"      --seed S          (default: 42)\n"
	"      --dagger K        then K rounds of DAgger (default: 2): the model places the pods,\n"
	"                        the teacher rates its choices, it learns again from all of them\n"
	"      --fine-tune       then REINFORCE on the same traces\n"
	"      --episodes N      fine-tuning episodes (default: 10)\n"
	"      --reward R        frag (per pod, the fragmentation change) or alloc (per episode,\n"
	"                        the final GPU allocation) (default: frag)\n"
	"      --pg-lr X         fine-tuning learning rate (default: 0.0003)\n"
	"      --evaluate MODEL  measure MODEL's loss and agreement with the teacher on each trace\n"
	"  -q, --quiet           no progress lines\n";

enum {
	OPT_HIDDEN = 256,
	OPT_EPOCHS,
	OPT_BATCH,
	OPT_LR,
	OPT_HOLDOUT,
	OPT_RUNS,
	OPT_SEED,
	OPT_FINE_TUNE,
	OPT_EPISODES,
	OPT_REWARD,
	OPT_PG_LR,
	OPT_EVALUATE,
	OPT_DAGGER,
	OPT_FROM,
};

static const struct option train_options[] = {
	{"trace", required_argument, NULL, 'f'},    {"output", required_argument, NULL, 'o'},
	{"teacher", required_argument, NULL, 't'},  {"hidden", required_argument, NULL, OPT_HIDDEN},
	{"epochs", required_argument, NULL, OPT_EPOCHS}, {"batch", required_argument, NULL, OPT_BATCH},
	{"lr", required_argument, NULL, OPT_LR},    {"holdout", required_argument, NULL, OPT_HOLDOUT},
	{"runs", required_argument, NULL, OPT_RUNS}, {"seed", required_argument, NULL, OPT_SEED},
	{"fine-tune", no_argument, NULL, OPT_FINE_TUNE}, {"episodes", required_argument, NULL, OPT_EPISODES},
	{"reward", required_argument, NULL, OPT_REWARD}, {"pg-lr", required_argument, NULL, OPT_PG_LR},
	{"evaluate", required_argument, NULL, OPT_EVALUATE}, {"quiet", no_argument, NULL, 'q'},
	{"dagger", required_argument, NULL, OPT_DAGGER}, {"from", required_argument, NULL, OPT_FROM},
	{"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0},
};

struct train_args {
	const char *traces[MAX_TRACES];
	size_t n_traces;
	const char *output;
	const char *teacher;
	int sizes[MLP_MAX_LAYERS + 1];   /* features, hidden widths…, 1 */
	int n_layers;
	struct imitate_options imitate;
	int runs;
	int dagger;
	bool fine_tune;
	struct reinforce_options reinforce;
	const char *evaluate;
	const char *from;
	bool quiet;
};

static int usage_error(const char *fmt, const char *what)
{
	fprintf(stderr, "simon train: ");
	fprintf(stderr, fmt, what);
	fprintf(stderr, "\n%s", train_help);
	return -1;
}

static int number(const char *text, const char *option, double min, double max, double *out)
{
	if (cmd_number("train", option, text, min, max, false, out) == 0)
		return 0;
	fputs(train_help, stderr);
	return -1;
}

static int whole(const char *text, const char *option, double min, double max, int *out)
{
	double v;
	if (number(text, option, min, max, &v))
		return -1;
	if (v != (int)v)
		return usage_error("%s: expected a whole number", option);
	*out = (int)v;
	return 0;
}

/* --hidden 32,16: the widths between the features and the score. */
static int hidden(const char *text, struct train_args *a)
{
	char copy[256];
	snprintf(copy, sizeof copy, "%s", text);
	a->n_layers = 0;
	a->sizes[0] = PAIR_FEATURES;
	for (char *save = NULL, *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (a->n_layers + 1 >= MLP_MAX_LAYERS)
			return usage_error("--hidden: at most %s hidden layers", "7");
		if (whole(w, "--hidden", 1, MLP_MAX_WIDTH, &a->sizes[++a->n_layers]))
			return -1;
	}
	a->sizes[++a->n_layers] = 1;
	return 0;
}

static int option(int c, struct train_args *a)
{
	double v;
	switch (c) {
	case 'f':
		if (a->n_traces == MAX_TRACES)
			return usage_error("at most %s traces", "32");
		a->traces[a->n_traces++] = optarg;
		return 0;
	case 'o': a->output = optarg; return 0;
	case 't': a->teacher = optarg; return 0;
	case 'q': a->quiet = true; return 0;
	case OPT_HIDDEN: return hidden(optarg, a);
	case OPT_EPOCHS: return whole(optarg, "--epochs", 0, 100000, &a->imitate.epochs);
	case OPT_BATCH: return whole(optarg, "--batch", 1, 1000000, &a->imitate.batch);
	case OPT_LR: return number(optarg, "--lr", 1e-9, 10, &a->imitate.lr);
	case OPT_HOLDOUT: return number(optarg, "--holdout", 0, 0.9, &a->imitate.holdout);
	case OPT_RUNS: return whole(optarg, "--runs", 1, 1000, &a->runs);
	case OPT_SEED:
		if (number(optarg, "--seed", 0, 9007199254740992.0, &v))
			return -1;
		a->imitate.seed = a->reinforce.seed = (uint64_t)v;
		return 0;
	case OPT_FINE_TUNE: a->fine_tune = true; return 0;
	case OPT_EPISODES: return whole(optarg, "--episodes", 1, 100000, &a->reinforce.episodes);
	case OPT_PG_LR: return number(optarg, "--pg-lr", 1e-9, 10, &a->reinforce.lr);
	case OPT_EVALUATE: a->evaluate = optarg; return 0;
	case OPT_FROM: a->from = optarg; return 0;
	case OPT_DAGGER: return whole(optarg, "--dagger", 0, 100, &a->dagger);
	case OPT_REWARD:
		if (strcmp(optarg, "frag") && strcmp(optarg, "alloc"))
			return usage_error("--reward: expected frag or alloc, got '%.40s'", optarg);
		a->reinforce.reward = strcmp(optarg, "frag") ? REWARD_ALLOC : REWARD_FRAG;
		return 0;
	case 'h': fputs(train_help, stdout); return 1;
	}
	fputs(train_help, stderr);
	return -1;
}

/* 0: parsed; 1: help printed; -1: a usage error printed. */
static int parse(int argc, char **argv, struct train_args *a)
{
	*a = (struct train_args){.output = "mlp-model.json", .teacher = "FGDScore", .runs = 1, .dagger = 2,
				 .imitate = {.epochs = 10, .batch = 32, .lr = 0.003, .holdout = 0.1, .seed = 42},
				 .reinforce = {.episodes = 10, .lr = 0.0003, .reward = REWARD_FRAG, .seed = 42}};
	hidden("64,32", a);
	optind = 1;
	for (int c; (c = getopt_long(argc, argv, "f:o:t:qh", train_options, NULL)) != -1;) {
		int rc = option(c, a);
		if (rc)
			return rc;
	}
	if (optind < argc)
		return usage_error("unexpected argument '%.60s'", argv[optind]);
	if (a->n_traces == 0)
		return usage_error("%s", "give at least one trace with -f");
	const struct policy_ops *teacher = policy_lookup(a->teacher);
	if (!teacher || teacher->place || teacher->sees == SEES_NODE) {
		char why[300];
		if (teacher)
			snprintf(why, sizeof why, "--teacher: %s cannot teach (it places batches or sees single nodes)",
				 teacher->name);
		else
			policy_unknown(why, sizeof why, a->teacher);
		return usage_error("%s", why);
	}
	a->teacher = teacher->name;
	FILE *progress = a->quiet ? NULL : stderr;
	a->imitate.progress = a->reinforce.progress = progress;
	return 0;
}

static int load_traces(const struct train_args *a, struct trace *traces, struct error *err)
{
	for (size_t i = 0; i < a->n_traces; i++)
		if (trace_load(&traces[i], a->traces[i], err)) {
			for (size_t k = 0; k < i; k++)
				trace_release(&traces[k]);
			return -1;
		}
	return 0;
}

/* The teacher's decisions on every trace and run, the pods placed by driver (or the teacher). */
static int collect(const struct train_args *a, const struct trace *traces, struct dataset *ds,
		   const struct mlp *driver, struct error *err)
{
	double start = clock_seconds();
	size_t before = ds->n;
	for (size_t t = 0; t < a->n_traces; t++)
		for (int r = 0; r < a->runs; r++)
			if (dataset_collect(ds, &traces[t], a->teacher, driver, a->imitate.seed + (uint64_t)r, err))
				return -1;
	if (!a->quiet)
		fprintf(stderr, "train: %zu decisions of %s (%zu candidates in all) from %zu runs placed by %s in %.1f s\n",
			ds->n - before, a->teacher, ds->rows, a->n_traces * (size_t)a->runs, driver ? "the model" : "it",
			clock_seconds() - start);
	return 0;
}

/* The command line, for the model's made_by. */
static void command_line(int argc, char **argv, char *out, size_t size)
{
	size_t len = (size_t)snprintf(out, size, "simon");
	for (int i = 0; i < argc && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, " %s", argv[i]);
}

static int write_model(const struct train_args *a, const struct mlp *m, const char *made_by, struct error *err)
{
	struct output_set out;
	if (output_open(&out, NULL, err))
		return -1;
	FILE *f = output_path(&out, a->output, err);
	if (!f) {
		output_abort(&out);
		return -1;
	}
	mlp_file_write(f, m, pair_feature_names, PAIR_FEATURES, made_by);
	return output_commit(&out, err);
}

/* The model training starts from: --from's, or random weights of --hidden's shape. */
static int first_model(const struct train_args *a, struct mlp *m, struct error *err)
{
	if (a->from)
		return mlp_file_read(a->from, pair_feature_names, PAIR_FEATURES, m, err);
	enum mlp_act acts[MLP_MAX_LAYERS];
	for (int k = 0; k < a->n_layers; k++)
		acts[k] = k + 1 < a->n_layers ? MLP_RELU : MLP_IDENTITY;
	if (mlp_init(m, a->sizes, acts, a->n_layers, err))
		return -1;
	struct pcg32 rng;
	pcg32_seed(&rng, a->imitate.seed, RNG_TRAIN_INIT);
	mlp_randomize(m, &rng);
	return 0;
}

/* Imitation, DAgger's rounds, then the fine-tuning; fit and held are measured last. */
static int learn(const struct train_args *a, const struct trace *traces, struct mlp *m, struct dataset *ds,
		 struct fit_stats *fit, struct fit_stats *held, struct error *err)
{
	if (collect(a, traces, ds, NULL, err) || imitate(m, ds, &a->imitate, fit, held, err))
		return -1;
	for (int round = 1; round <= a->dagger; round++)
		if (collect(a, traces, ds, m, err) || imitate(m, ds, &a->imitate, fit, held, err))
			return -1;
	if (!a->fine_tune)
		return 0;
	*held = (struct fit_stats){0};
	return reinforce(m, traces, a->traces, a->n_traces, &a->reinforce, err) || imitate_measure(m, ds, fit, err);
}

static int train(const struct train_args *a, const struct trace *traces, const char *made_by, struct error *err)
{
	struct mlp m;
	if (first_model(a, &m, err))
		return -1;
	struct dataset ds;
	dataset_init(&ds);
	double start = clock_seconds();
	struct fit_stats fit, held;
	int rc = learn(a, traces, &m, &ds, &fit, &held, err) || write_model(a, &m, made_by, err);
	dataset_release(&ds);
	if (!rc) {
		printf("train: wrote %s (%zu parameters, tie margin %g) in %.1f s, peak memory %.0f MB; decides as %s "
		       "in %.1f%% of the decisions it learned from",
		       a->output, m.n_params, m.tie_margin, clock_seconds() - start, peak_memory_mb(), a->teacher,
		       100 * fit.same);
		if (held.decisions)
			printf(", %.1f%% of those held out", 100 * held.same);
		putchar('\n');
	}
	mlp_release(&m);
	return rc ? -1 : 0;
}

static int evaluate(const struct train_args *a, const struct trace *traces, struct error *err)
{
	struct mlp m;
	if (mlp_file_read(a->evaluate, pair_feature_names, PAIR_FEATURES, &m, err))
		return -1;
	int rc = 0;
	for (size_t t = 0; t < a->n_traces && !rc; t++) {
		struct dataset ds;
		struct fit_stats st;
		dataset_init(&ds);
		rc = dataset_collect(&ds, &traces[t], a->teacher, NULL, a->imitate.seed, err) ||
		     imitate_measure(&m, &ds, &st, err);
		if (!rc)
			printf("%s: %zu decisions, loss %.4f, decides as %s in %.1f%% (softmax on its best %.1f%%)\n",
			       a->traces[t], st.decisions, st.loss, a->teacher, 100 * st.same, 100 * st.agreement);
		dataset_release(&ds);
	}
	mlp_release(&m);
	return rc ? -1 : 0;
}

int cmd_train(int argc, char **argv)
{
	struct train_args a;
	int parsed = parse(argc, argv, &a);
	if (parsed)
		return parsed > 0 ? 0 : EXIT_USAGE;
	struct trace *traces = calloc(MAX_TRACES, sizeof *traces);
	struct error err = {{0}};
	char made_by[4096];
	command_line(argc, argv, made_by, sizeof made_by);
	/* The model's place, checked before the minutes of training. */
	int rc = !traces			     ? error_set(&err, "out of memory")
		 : !a.evaluate && output_check_file(a.output, &err) ? -1
								     : load_traces(&a, traces, &err);
	if (!rc) {
		rc = a.evaluate ? evaluate(&a, traces, &err) : train(&a, traces, made_by, &err);
		for (size_t i = 0; i < a.n_traces; i++)
			trace_release(&traces[i]);
	}
	free(traces);
	if (rc) {
		fprintf(stderr, "simon: %s\n", err.msg);
		return EXIT_INPUT;
	}
	return 0;
}
