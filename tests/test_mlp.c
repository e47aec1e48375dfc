/* The MLP and its model file: forward passes worked out by hand, the backward pass against
 * finite differences, every model-file error with its line and column, and MLPScore's
 * placements on a two-node cluster worked out from its model by hand. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim/model/pair_features.h"
#include "sim/util/mlp_file.h"
#include "tests/support.h"

static const char *const ab[] = {"a", "b"};

static void read_ok(const char *text, struct mlp *m)
{
	struct error err;
	cr_assert_eq(mlp_text_read(text, "m.json", ab, 2, m, &err), 0, "%s", err.msg);
}

/* h = relu(W1 x + b1) with W1 = [[1, -1], [0.5, 2]], b1 = [0, -1]; y = [2, -3]·h + 0.5.
 * x = (3, 1): h = (2, 2.5), y = 4 - 7.5 + 0.5 = -3.  x = (0, 1): h = (0, 1), y = -2.5. */
static const char two_layers[] = "{\"format\": \"simon-mlp\", \"version\": 1, \"features\": [\"a\", \"b\"],\n"
				 " \"layers\": [{\"activation\": \"relu\", \"weight\": [[1, -1], [0.5, 2]], \"bias\": [0, -1]},\n"
				 "  {\"activation\": \"identity\", \"weight\": [[2, -3]], \"bias\": [0.5]}]}\n";

Test(mlp, forward_pass_by_hand)
{
	struct mlp m;
	read_ok(two_layers, &m);
	float acts[3];
	cr_assert_eq(m.n_layers, 2);
	cr_assert_eq(m.n_params, 9);
	cr_assert_float_eq(mlp_forward(&m, (float[]){3, 1}, acts), -3.0f, 1e-6);
	cr_assert_float_eq(acts[0], 2.0f, 1e-6);
	cr_assert_float_eq(acts[1], 2.5f, 1e-6);
	cr_assert_float_eq(mlp_forward(&m, (float[]){0, 1}, acts), -2.5f, 1e-6);
	cr_assert_float_eq(acts[0], 0.0f, 1e-6, "relu cuts -1 to 0");
	mlp_release(&m);
}

/* y = 4 sigmoid(2a + 0b) - 1 + tanh-free path: a = 0 gives 4 × 0.5 - 1 = 1; a = ln 3 / 2 gives
 * sigmoid(ln 3) = 0.75, so 2.  Then tanh on top: y = tanh(that). */
Test(mlp, sigmoid_and_tanh_by_hand)
{
	struct mlp m;
	read_ok("{\"format\": \"simon-mlp\", \"version\": 1, \"features\": [\"a\", \"b\"], \"layers\": [\n"
		" {\"activation\": \"sigmoid\", \"weight\": [[2, 0]], \"bias\": [0]},\n"
		" {\"activation\": \"tanh\", \"weight\": [[4]], \"bias\": [-1]}], \"tie_margin\": 0.25}",
		&m);
	float acts[2];
	cr_assert_float_eq(mlp_forward(&m, (float[]){0, 7}, acts), (float)tanh(1.0), 1e-6);
	cr_assert_float_eq(mlp_forward(&m, (float[]){(float)(log(3.0) / 2), 7}, acts), (float)tanh(2.0), 1e-6);
	cr_assert_float_eq(m.tie_margin, 0.25, 1e-12);
	mlp_release(&m);
}

/* d score / d parameter from mlp_backward against central differences, on every parameter of
 * a network with each activation. */
Test(mlp, backward_matches_finite_differences)
{
	struct mlp m;
	struct error err;
	int sizes[] = {3, 5, 4, 1};
	enum mlp_act acts[] = {MLP_TANH, MLP_SIGMOID, MLP_IDENTITY};
	cr_assert_eq(mlp_init(&m, sizes, acts, 3, &err), 0);
	cr_assert_eq(m.n_acts, 10);
	struct pcg32 rng;
	pcg32_seed(&rng, 7, 1);
	mlp_randomize(&m, &rng);
	for (size_t i = 0; i < m.n_params; i++)
		m.params[i] += 0.1f * (float)pcg32_unit(&rng);   /* biases too */
	float x[3] = {0.3f, -0.7f, 1.1f}, act[10], grad[64] = {0}, delta[2 * MLP_MAX_WIDTH];
	mlp_forward(&m, x, act);
	mlp_backward(&m, x, act, 1.0f, grad, delta);
	for (size_t i = 0; i < m.n_params; i++) {
		float keep = m.params[i], h = 1e-2f;
		m.params[i] = keep + h;
		double up = mlp_forward(&m, x, act);
		m.params[i] = keep - h;
		double down = mlp_forward(&m, x, act);
		m.params[i] = keep;
		cr_assert_float_eq(grad[i], (up - down) / (2 * h), 2e-3, "parameter %zu: %g against %g", i, grad[i],
				   (up - down) / (2 * h));
	}
	mlp_release(&m);
}

Test(mlp, writes_what_it_reads)
{
	struct mlp m, again;
	read_ok(two_layers, &m);
	m.tie_margin = 0.5;
	m.params[3] = 1.0f / 3;
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	mlp_file_write(f, &m, ab, 2, "made \"here\"");
	fclose(f);
	read_ok(text, &again);
	cr_assert_eq(again.n_params, m.n_params);
	cr_assert_eq(memcmp(again.params, m.params, m.n_params * sizeof *m.params), 0, "every float back exactly");
	cr_assert_float_eq(again.tie_margin, 0.5, 1e-12);
	free(text);
	mlp_release(&m);
	mlp_release(&again);
}

struct bad_model {
	const char *text;
	const char *message;   /* a substring of the error, with its line and column */
};

#define HEAD "{\"format\": \"simon-mlp\", \"version\": 1, \"features\": [\"a\", \"b\"],\n"
#define LAST "{\"activation\": \"identity\", \"weight\": [[1, 1]], \"bias\": [0]}"

static const struct bad_model bad_models[] = {
	{HEAD " \"layers\": [" LAST "]", "m.json:2:73: not valid JSON here"},
	{HEAD " \"layers\": [{\"activation\": \"identity\", \"weight\": [[NaN, 1]], \"bias\": [0]}]}",
	 "m.json:2:52: a model's numbers must be finite (NaN and Infinity are not JSON numbers)"},
	{HEAD " \"layers\": [{\"activation\": \"identity\",\n  \"weight\": [[1, 1e999]], \"bias\": [0]}]}",
	 "m.json:3:18: a model's numbers must be finite, at most 10^6 in size"},
	{HEAD " \"layers\": [{\"activation\": \"identity\", \"weight\": [[1, 1e39]], \"bias\": [0]}]}",
	 "m.json:2:55: a model's numbers must be finite, at most 10^6 in size"},
	/* Finite as a float, but past the bound: such a model made every score the error value. */
	{HEAD " \"layers\": [{\"activation\": \"identity\", \"weight\": [[1, 1e30]], \"bias\": [0]}]}",
	 "m.json:2:55: a model's numbers must be finite, at most 10^6 in size"},
	{HEAD " \"layer\": [" LAST "]}", "m.json:2:2: unknown key \"layer\" in a model file; did you mean \"layers\"?"},
	{HEAD " \"made_by\": \"x\"}", "m.json:1:1: missing \"layers\""},
	{"{\"format\": \"simon-mlp\", \"version\": 1, \"features\": [\"a\", \"c\"], \"layers\": [" LAST "]}",
	 "m.json:1:57: features[1]: expected \"b\" (the scorer's features, in order)"},
	{"{\"format\": \"simon-mlp\", \"version\": 1, \"features\": [\"a\"], \"layers\": [" LAST "]}",
	 "m.json:1:51: features: 1 names, but this simon's scorer reads 2 (next: \"b\")"},
	{"{\"format\": \"simon-mlp\", \"version\": 1, \"features\": [\"a\", \"b\", \"c\"], \"layers\": [" LAST "]}",
	 "m.json:1:62: features: 3 names, but this simon's scorer reads 2"},
	{"{\"format\": \"simon-mlp\", \"version\": 2, \"features\": [\"a\", \"b\"], \"layers\": [" LAST "]}",
	 "m.json:1:36: version: this simon reads model files of version 1"},
	{"{\"format\": \"onnx\", \"version\": 1, \"features\": [\"a\", \"b\"], \"layers\": [" LAST "]}",
	 "m.json:1:12: format: expected \"simon-mlp\""},
	{HEAD " \"layers\": [{\"activation\": \"rellu\", \"weight\": [[1, 1]], \"bias\": [0]}]}",
	 "m.json:2:28: activation: expected identity, relu, tanh or sigmoid; did you mean relu?"},
	{HEAD " \"layers\": [{\"activation\": \"relu\", \"weight\": [[1, 1, 1]], \"bias\": [0]}]}",
	 "m.json:2:46: layers[0].weight: rows of 3 numbers, expected 2 (the features)"},
	{HEAD " \"layers\": [{\"activation\": \"relu\", \"weight\": [[1, 1], [1]], \"bias\": [0, 0]},\n " LAST "]}",
	 "m.json:2:55: weight[1]: expected a row of 2 numbers, as weight[0]"},
	{HEAD " \"layers\": [{\"activation\": \"relu\", \"weight\": [[1, 1], [1, 1]], \"bias\": [0]}, " LAST "]}",
	 "m.json:2:72: layers[0].bias: expected 2 numbers, one per weight row"},
	{HEAD " \"layers\": [{\"activation\": \"relu\", \"weight\": [[1, 1], [1, 1]], \"bias\": [0, 0]},\n"
	      " {\"activation\": \"identity\", \"weight\": [[1, 1, 1]], \"bias\": [0]}]}",
	 "m.json:3:39: layers[1].weight: rows of 3 numbers, expected 2 (the previous layer's outputs)"},
	{HEAD " \"layers\": [{\"activation\": \"relu\", \"weight\": [[1, 1], [1, 1]], \"bias\": [0, 0]}]}",
	 "m.json:2:13: layers[0]: the last layer has 2 outputs; expected 1, the score"},
	{HEAD " \"layers\": [{\"activation\": \"relu\", \"weight\": [[1, 1]]}]}", "m.json:2:13: missing \"bias\""},
	{HEAD " \"layers\": [{\"activation\": \"relu\", \"weight\": [[1, \"1\"]], \"bias\": [0]}]}",
	 "m.json:2:51: expected a number"},
	{HEAD " \"layers\": []}", "m.json:2:12: layers: expected an array of 1 to 8 layers"},
	{HEAD " \"layers\": [" LAST "], \"tie_margin\": -1}", "tie_margin: expected a number from 0 to 10^6"},
	/* Bounded, so that 1000 × the margin cannot overflow a score. */
	{HEAD " \"layers\": [" LAST "], \"tie_margin\": 1e16}", "tie_margin: expected a number from 0 to 10^6"},
	{"[1, 2]", "m.json:1:1: expected a JSON object (a simon model file)"},
};

Test(mlp, every_model_file_error_names_its_place)
{
	for (size_t i = 0; i < sizeof bad_models / sizeof bad_models[0]; i++) {
		struct mlp m;
		struct error err = {{0}};
		cr_assert_neq(mlp_text_read(bad_models[i].text, "m.json", ab, 2, &m, &err), 0, "case %zu loaded", i);
		cr_assert(strstr(err.msg, bad_models[i].message), "case %zu:\n  got  %s\n  want %s", i, err.msg,
			  bad_models[i].message);
		cr_assert_null(m.params, "case %zu: a failed read leaves nothing to release", i);
	}
}

/* A model file for the scorer's own features with one weight: w × feature k. */
static void write_one_weight_model(const char *dir, int k, double w, double margin)
{
	char text[8192];
	size_t len = (size_t)snprintf(text, sizeof text,
				      "{\"format\": \"simon-mlp\", \"version\": 1, \"tie_margin\": %g, \"features\": [",
				      margin);
	for (int i = 0; i < PAIR_FEATURES; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "%s\"%s\"", i ? ", " : "", pair_feature_names[i]);
	len += (size_t)snprintf(text + len, sizeof text - len, "], \"layers\": [{\"activation\": \"identity\", \"weight\": [[");
	for (int i = 0; i < PAIR_FEATURES; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "%s%g", i ? ", " : "", i == k ? w : 0.0);
	snprintf(text + len, sizeof text - len, "]], \"bias\": [0]}]}\n");
	write_text(dir, "model.json", text);
}

static void write_mlp_sched(const char *dir)
{
	write_text(dir, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: simon-scheduler\n    plugins:\n      score:\n        enabled:\n"
		   "          - name: MLPScore\n            weight: 1\n    pluginConfig:\n      - name: MLPScore\n"
		   "        args:\n          model: model.json\n");
}

/* n1 has 8 CPUs, n2 16; pod a takes 2, pod b 4.  left_cpu (feature 18) is the share of the
 * node's CPU the placement leaves: a leaves 6/8 = 0.75 on n1, 14/16 = 0.875 on n2; after a on
 * n2, b leaves 4/8 = 0.5 on n1 and 10/16 = 0.625 on n2; after a on n1, b leaves 2/8 and 0.75. */
static void two_nodes(const char *dir)
{
	char nodes[2048];
	snprintf(nodes, sizeof nodes, "%s", node_yaml("n1", "8", "64Gi", 0, NULL));
	strcat(nodes, "---\n");
	strcat(nodes, node_yaml("n2", "16", "64Gi", 0, NULL));
	write_text(dir, "cluster/nodes.yaml", nodes);
	char pods[2048];
	snprintf(pods, sizeof pods, "%s", pod_yaml("a", "2", 0, 0, NULL, -1, -1));
	strcat(pods, "---\n");
	strcat(pods, pod_yaml("b", "4", 0, 0, NULL, -1, -1));
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	write_mlp_sched(dir);
}

SCRATCH_SUITE(mlp_score, scratch_make);

Test(mlp_score, places_where_its_model_says)
{
	two_nodes(dir);
	struct simulation s;
	struct error err;
	write_one_weight_model(dir, 18, 1, 0);   /* the most CPU left: spreads */
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 42, &s, &err), 0, "%s", err.msg);
	cr_assert_str_eq(placed_on(&s, "a"), "n2");   /* 0.875 > 0.75 */
	cr_assert_str_eq(placed_on(&s, "b"), "n2");   /* 0.625 > 0.5 */
	simulation_release(&s);
	write_one_weight_model(dir, 18, -1, 0);  /* the least left: packs */
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 42, &s, &err), 0, "%s", err.msg);
	cr_assert_str_eq(placed_on(&s, "a"), "n1");   /* -0.75 > -0.875 */
	cr_assert_str_eq(placed_on(&s, "b"), "n1");   /* -0.25 > -0.75 */
	simulation_release(&s);
}

/* With a tie margin of 0.2, a's scores 0.75 and 0.875 count as equal: the tie-break picks the
 * node of lower tie rank, whichever it is for the seed.  With 0.1 they do not. */
Test(mlp_score, scores_within_the_margin_tie)
{
	two_nodes(dir);
	struct simulation s;
	struct error err;
	for (uint64_t seed = 1; seed <= 6; seed++) {
		write_one_weight_model(dir, 18, 1, 0.2);
		cr_assert_eq(run_dir(dir, MODE_INFLATION, seed, &s, &err), 0, "%s", err.msg);
		const uint32_t *rank = s.run.cluster.tie_rank;
		cr_assert_str_eq(placed_on(&s, "a"), rank[0] < rank[1] ? "n1" : "n2", "seed %llu",
				 (unsigned long long)seed);
		simulation_release(&s);
		write_one_weight_model(dir, 18, 1, 0.1);
		cr_assert_eq(run_dir(dir, MODE_INFLATION, seed, &s, &err), 0, "%s", err.msg);
		cr_assert_str_eq(placed_on(&s, "a"), "n2");
		simulation_release(&s);
	}
}

/* A shared pod goes to the GPU that leaves fragmentation lowest: on n1, GPU 1 has 500 milli
 * idle after p (500) and GPU 0 is idle; q (500) fits GPU 1 exactly, which leaves the whole GPU 0
 * for the typical pod (one whole GPU), where GPU 0 would leave 500 + 500 fragmented. */
Test(mlp_score, takes_the_gpu_its_features_describe)
{
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "32", "64Gi", 2, "T4"));
	char pods[4096];
	snprintf(pods, sizeof pods, "%s", pod_yaml("p", "1", 1, 500, NULL, -1, -1));
	strcat(pods, "---\n");
	strcat(pods, pod_yaml("q", "1", 1, 500, NULL, -1, -1));
	strcat(pods, "---\n");
	strcat(pods, pod_yaml("w1", "1", 1, 1000, NULL, -1, -1));
	strcat(pods, "---\n");
	strcat(pods, pod_yaml("w2", "1", 1, 1000, NULL, -1, -1));
	strcat(pods, "---\n");
	strcat(pods, pod_yaml("w3", "1", 1, 1000, NULL, -1, -1));
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	write_mlp_sched(dir);
	write_one_weight_model(dir, 24, -1, 0);
	struct simulation s;
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 42, &s, &err), 0, "%s", err.msg);
	uint32_t p = placed_gpus(&s, "p");
	cr_assert(p == 1 || p == 2);
	cr_assert_eq(placed_gpus(&s, "q"), p, "q shares p's GPU, keeping the other whole");
	cr_assert_eq(placed_gpus(&s, "w1"), 3 - p, "the whole GPU left is taken whole");
	simulation_release(&s);
}

Test(mlp_score, a_missing_model_is_an_error_at_its_arg)
{
	two_nodes(dir);
	write_text(dir, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: simon-scheduler\n    plugins:\n      score:\n        enabled:\n"
		   "          - name: MLPScore\n            weight: 1\n    pluginConfig:\n      - name: MLPScore\n"
		   "        args:\n          model: nowhere.json\n");
	struct simulation s;
	struct error err;
	cr_assert_neq(run_dir(dir, MODE_INFLATION, 42, &s, &err), 0);
	cr_assert(strstr(err.msg, "sched.yaml:13:18: MLPScore: model: no file 'nowhere.json'"), "%s", err.msg);
}

/* Outputs are clamped to ±10^6 before they become thousandths (NaN the lowest), so that no
 * output can overflow a score or make it the error value. */
Test(mlp, outputs_become_bounded_scores)
{
	cr_assert_eq(mlp_output_milli(0.8754), 875);
	cr_assert_eq(mlp_output_milli(1e13), 1000000000);
	cr_assert_eq(mlp_output_milli(-INFINITY), -1000000000);
	cr_assert_eq(mlp_output_milli(INFINITY), 1000000000);
	cr_assert_eq(mlp_output_milli(NAN), -1000000000);
}

/* Eight layers of weight 10^6 (each within the bound) take a's 0.875 past a float's range: the
 * output is +inf on both nodes.  Both count as 10^6, tie, and every pod is placed; before the
 * clamp, inf became the scorer-error value and neither pod was. */
Test(mlp_score, an_output_past_a_float_still_places_every_pod)
{
	two_nodes(dir);
	char text[16384];
	size_t len = (size_t)snprintf(text, sizeof text, "{\"format\": \"simon-mlp\", \"version\": 1, \"features\": [");
	for (int i = 0; i < PAIR_FEATURES; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "%s\"%s\"", i ? ", " : "", pair_feature_names[i]);
	len += (size_t)snprintf(text + len, sizeof text - len, "], \"layers\": [{\"activation\": \"identity\", \"weight\": [[");
	for (int i = 0; i < PAIR_FEATURES; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "%s%g", i ? ", " : "", i == 18 ? 1e6 : 0.0);
	len += (size_t)snprintf(text + len, sizeof text - len, "]], \"bias\": [0]}");
	for (int k = 0; k < 7; k++)
		len += (size_t)snprintf(text + len, sizeof text - len,
					", {\"activation\": \"identity\", \"weight\": [[1e6]], \"bias\": [0]}");
	snprintf(text + len, sizeof text - len, "]}\n");
	write_text(dir, "model.json", text);
	struct simulation s;
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 42, &s, &err), 0, "%s", err.msg);
	cr_assert_eq(s.run.result.scheduled, 2);
	cr_assert_not_null(placed_on(&s, "a"));
	cr_assert_not_null(placed_on(&s, "b"));
	simulation_release(&s);
}
