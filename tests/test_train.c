/* simon train: imitation lowers the loss and raises the agreement on the shipped example,
 * DAgger and policy-gradient rounds run on the model's own placements, the same command writes
 * the same model byte for byte, MLPScore places the same pods twice, and bad command lines are
 * clear errors. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/learn/dataset.h"
#include "sim/learn/imitate.h"
#include "sim/learn/reinforce.h"
#include "tests/support.h"

#define EXAMPLE SIMON_SOURCE_DIR "/data/example/cluster-config.yaml"

static struct trace example;
static struct mlp model;

static void load(void)
{
	struct error err;
	cr_assert_eq(trace_load(&example, EXAMPLE, &err), 0, "%s", err.msg);
	int sizes[] = {PAIR_FEATURES, 16, 1};
	enum mlp_act acts[] = {MLP_RELU, MLP_IDENTITY};
	cr_assert_eq(mlp_init(&model, sizes, acts, 2, &err), 0, "%s", err.msg);
	struct pcg32 rng;
	pcg32_seed(&rng, 1, RNG_TRAIN_INIT);
	mlp_randomize(&model, &rng);
}

static void unload(void)
{
	mlp_release(&model);
	trace_release(&example);
}

TestSuite(train, .init = load, .fini = unload);

Test(train, imitation_lowers_the_loss)
{
	struct dataset ds;
	struct error err;
	dataset_init(&ds);
	cr_assert_eq(dataset_collect(&ds, &example, "FGDScore", NULL, 42, &err), 0, "%s", err.msg);
	cr_assert_gt(ds.n, 50, "the example gives FGD decisions to learn from");
	for (size_t i = 0; i < ds.n; i++) {
		size_t best = 0;
		for (size_t r = ds.d[i].first; r < ds.d[i].first + ds.d[i].n; r++)
			best += ds.best[r];
		cr_assert(best > 0 && best < ds.d[i].n, "decision %zu: the teacher told its candidates apart", i);
	}
	struct fit_stats before, after, held;
	cr_assert_eq(imitate_measure(&model, &ds, &before, &err), 0);
	struct imitate_options o = {.epochs = 20, .batch = 8, .lr = 0.01, .holdout = 0, .seed = 1};
	cr_assert_eq(imitate(&model, &ds, &o, &after, &held, &err), 0, "%s", err.msg);
	cr_assert_eq(held.decisions, 0);
	cr_assert_lt(after.loss, before.loss - 0.1, "loss %g → %g", before.loss, after.loss);
	cr_assert_gt(after.agreement, before.agreement + 0.1, "agreement %g → %g", before.agreement,
		     after.agreement);
	cr_assert_gt(after.same, before.same, "decides as FGD %g → %g", before.same, after.same);
	/* DAgger: the model places, FGD rates; the decisions come from other states. */
	size_t n = ds.n;
	cr_assert_eq(dataset_collect(&ds, &example, "FGDScore", &model, 42, &err), 0, "%s", err.msg);
	cr_assert_gt(ds.n, n);
	dataset_release(&ds);
}

Test(train, reinforce_runs_and_moves_the_weights)
{
	struct error err;
	float *before = malloc(model.n_params * sizeof *before);
	memcpy(before, model.params, model.n_params * sizeof *before);
	const char *names[] = {"example"};
	for (int reward = REWARD_FRAG; reward <= REWARD_ALLOC; reward++) {
		struct reinforce_options o = {.episodes = 2, .lr = 0.01, .reward = (enum reward)reward, .seed = 3};
		cr_assert_eq(reinforce(&model, &example, names, 1, &o, &err), 0, "%s", err.msg);
	}
	cr_assert_neq(memcmp(before, model.params, model.n_params * sizeof *before), 0);
	free(before);
}

/* The objective improves: fine-tuning a random scorer for the fragmentation reward, the gain
 * of its draws' expected reward over a uniform draw (in GPUs of fragmentation per placement)
 * rises from the first three episodes to the last three, by more than 0.01 (from about 0.014
 * to 0.037 with these seeds; a scorer that learned nothing would stay near the first). */
Test(train, reinforce_improves_its_objective)
{
	struct error err;
	const char *names[] = {"example"};
	enum { EPISODES = 12 };
	double objective[EPISODES];
	struct reinforce_options o = {.episodes = EPISODES, .lr = 0.01, .reward = REWARD_FRAG, .seed = 3,
				      .objective = objective};
	cr_assert_eq(reinforce(&model, &example, names, 1, &o, &err), 0, "%s", err.msg);
	double first = 0, last = 0;
	for (int k = 0; k < 3; k++) {
		first += objective[k] / 3;
		last += objective[EPISODES - 1 - k] / 3;
	}
	cr_assert_gt(last, first + 0.01, "first episodes %g, last %g", first, last);
}

SCRATCH_SUITE(train_cli, scratch_make);

Test(train_cli, the_same_command_writes_the_same_model)
{
	char args[2048], path[1024];
	char *models[2];
	snprintf(args, sizeof args,
		 "train -f data/example/cluster-config.yaml --epochs 3 --hidden 8 --dagger 1 --fine-tune --episodes 1 -q "
		 "-o %s/m.json",
		 dir);
	snprintf(path, sizeof path, "%s/m.json", dir);
	for (int i = 0; i < 2; i++) {
		cr_assert_eq(run_simon(args, NULL), 0);
		models[i] = slurp(path);
		cr_assert_not_null(models[i]);
	}
	cr_assert_str_eq(models[0], models[1]);
	cr_assert(strstr(models[0], "\"made_by\": \"simon train -f data/example/cluster-config.yaml --epochs 3"));
	free(models[0]);
	free(models[1]);
	snprintf(args, sizeof args, "train --evaluate %s -f data/example/cluster-config.yaml", path);
	cr_assert_eq(run_simon(args, NULL), 0, "the model it wrote is one it reads");
}

Test(train_cli, mlpscore_places_the_same_pods_twice)
{
	char args[1024], path[1024];
	char *runs[2];
	for (int i = 0; i < 2; i++) {
		snprintf(args, sizeof args, "apply -f data/example/cluster-config.yaml -p MLPScore -q -o %s/run%d", dir, i);
		cr_assert_eq(run_simon(args, NULL), 0);
		snprintf(path, sizeof path, "%s/run%d/pods.csv", dir, i);
		runs[i] = slurp(path);
		cr_assert_not_null(runs[i]);
	}
	cr_assert_str_eq(runs[0], runs[1]);
	free(runs[0]);
	free(runs[1]);
}

static const struct {
	const char *args;
	int status;
	const char *message;   /* in stderr */
} bad_lines[] = {
	{"train", 2, "give at least one trace with -f"},
	{"train -f data/example/cluster-config.yaml --teacher FDGScore", 2, "did you mean FGDScore?"},
	{"train -f data/example/cluster-config.yaml --teacher GA", 2, "--teacher: GA cannot teach"},
	{"train -f data/example/cluster-config.yaml --hidden 8,0", 2, "--hidden: expected a number from 1 to 512, got '0'"},
	{"train -f data/example/cluster-config.yaml --reward gpu", 2, "--reward: expected frag or alloc"},
	{"train --evaluate no-model.json -f data/example/cluster-config.yaml", 1, "no-model.json"},
	{"train --from no-model.json -f data/example/cluster-config.yaml", 1, "no-model.json"},
	{"train -f data/no-such-trace.yaml", 1, "no-such-trace.yaml"},
	/* The model's place is checked before the training, not after it. */
	{"train -f data/no-such-trace.yaml -o /dev/null/m.json", 1,
	 "/dev/null/m.json: cannot write the output file: no folder /dev/null"},
};

Test(train_cli, bad_command_lines)
{
	for (size_t i = 0; i < sizeof bad_lines / sizeof bad_lines[0]; i++) {
		char *err = NULL;
		cr_assert_eq(run_simon(bad_lines[i].args, &err), bad_lines[i].status, "%s", bad_lines[i].args);
		cr_assert(strstr(err, bad_lines[i].message), "%s: %s", bad_lines[i].args, err);
		free(err);
	}
}
