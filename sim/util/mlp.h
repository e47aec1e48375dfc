/* mlp.h — a small multilayer perceptron: dense layers, each followed by an activation, with a
 * forward pass over one input row and the backward pass that accumulates its gradient.
 *
 * Layer k maps in_k inputs to out_k outputs: y = act(W·x + b), W stored row-major as out_k rows
 * of in_k (PyTorch's nn.Linear layout), b beside it; the parameters of all layers sit in one
 * array, layer by layer, weights before biases.  The last layer has one output: the score.
 * Cost: O(Σ in_k × out_k) per row, forward or backward; no allocation after mlp_init.
 */
#ifndef SIMON_MLP_H
#define SIMON_MLP_H

#include <stddef.h>
#include <stdint.h>

#include "sim/util/error.h"
#include "sim/util/pcg32.h"

#define MLP_MAX_LAYERS 8
#define MLP_MAX_WIDTH 512

enum mlp_act {
	MLP_IDENTITY,
	MLP_RELU,
	MLP_TANH,
	MLP_SIGMOID,
};

/* The activations' names as model files write them ("identity", "relu", "tanh", "sigmoid"). */
extern const char *const mlp_act_names[4];

struct mlp_layer {
	int in, out;
	enum mlp_act act;
	float *w;     /* out × in, into mlp.params */
	float *b;     /* out */
};

struct mlp {
	int n_layers;
	struct mlp_layer layers[MLP_MAX_LAYERS];
	float *params;
	size_t n_params;
	size_t n_acts;   /* Σ out_k: the scratch a forward pass fills */
	/* Not the network's: how a scorer reading its outputs treats near-equal ones (outputs
	 * within this of the highest count as equal to it); kept in the model file. */
	double tie_margin;
};

/* Fills m with zero parameters for layers of sizes[0] → sizes[1] → … → sizes[n_layers] = 1,
 * acts[k] after layer k. */
int mlp_init(struct mlp *m, const int *sizes, const enum mlp_act *acts, int n_layers, struct error *err);
void mlp_release(struct mlp *m);
/* Uniform in ±sqrt(6 / (in + out)) (Glorot), biases 0. */
void mlp_randomize(struct mlp *m, struct pcg32 *rng);
/* Bounds, so that no accepted model can overflow a score: a model file's numbers and its
 * tie_margin are at most MLP_MAX_VALUE in size, and an output counts at most MLP_MAX_OUTPUT
 * either way (a deep network can still overflow a float).  A score, in thousandths, is then
 * within ±10^9, and times a plugin weight (at most 10^6) for each of 16 plugins stays far
 * inside int64. */
#define MLP_MAX_VALUE 1e6
#define MLP_MAX_OUTPUT 1e6

/* An output as a score: thousandths, rounded, of the output clamped to ±MLP_MAX_OUTPUT; NaN
 * (inf − inf inside the network) is the lowest. */
int64_t mlp_output_milli(double output);

/* The score of input x (in_0 values); acts (m->n_acts floats) keeps every layer's output. */
float mlp_forward(const struct mlp *m, const float *x, float *acts);
/* Adds dscore × d(score)/d(params) to grad (n_params), for the row x whose forward pass left
 * acts; delta is scratch of 2 × MLP_MAX_WIDTH floats. */
void mlp_backward(const struct mlp *m, const float *x, const float *acts, float dscore, float *grad, float *delta);

#endif
