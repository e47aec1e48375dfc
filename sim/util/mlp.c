#include "sim/util/mlp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int64_t mlp_output_milli(double output)
{
	if (!(output > -MLP_MAX_OUTPUT))
		output = -MLP_MAX_OUTPUT;   /* NaN too */
	if (output > MLP_MAX_OUTPUT)
		output = MLP_MAX_OUTPUT;
	return llround(1000.0 * output);
}

const char *const mlp_act_names[4] = {"identity", "relu", "tanh", "sigmoid"};

int mlp_init(struct mlp *m, const int *sizes, const enum mlp_act *acts, int n_layers, struct error *err)
{
	memset(m, 0, sizeof *m);
	if (n_layers < 1 || n_layers > MLP_MAX_LAYERS)
		return error_set(err, "a model has 1 to %d layers, not %d", MLP_MAX_LAYERS, n_layers);
	if (sizes[n_layers] != 1)
		return error_set(err, "the last layer must have 1 output (the score), not %d", sizes[n_layers]);
	for (int k = 0; k <= n_layers; k++)
		if (sizes[k] < 1 || sizes[k] > MLP_MAX_WIDTH)
			return error_set(err, "layer widths are 1 to %d, not %d", MLP_MAX_WIDTH, sizes[k]);
	for (int k = 0; k < n_layers; k++) {
		m->n_params += (size_t)sizes[k + 1] * (size_t)(sizes[k] + 1);
		m->n_acts += (size_t)sizes[k + 1];
	}
	m->params = calloc(m->n_params, sizeof *m->params);
	if (!m->params)
		return error_set(err, "out of memory for a model of %zu parameters", m->n_params);
	float *at = m->params;
	for (int k = 0; k < n_layers; k++) {
		struct mlp_layer *l = &m->layers[k];
		*l = (struct mlp_layer){sizes[k], sizes[k + 1], acts[k], at, at + (size_t)sizes[k + 1] * sizes[k]};
		at = l->b + l->out;
	}
	m->n_layers = n_layers;
	return 0;
}

void mlp_release(struct mlp *m)
{
	free(m->params);
	memset(m, 0, sizeof *m);
}

void mlp_randomize(struct mlp *m, struct pcg32 *rng)
{
	for (int k = 0; k < m->n_layers; k++) {
		struct mlp_layer *l = &m->layers[k];
		double bound = sqrt(6.0 / (l->in + l->out));
		for (size_t i = 0; i < (size_t)l->in * l->out; i++)
			l->w[i] = (float)((2 * pcg32_unit(rng) - 1) * bound);
		memset(l->b, 0, (size_t)l->out * sizeof *l->b);
	}
}

static float activate(enum mlp_act a, float v)
{
	switch (a) {
	case MLP_RELU:
		return v > 0 ? v : 0;
	case MLP_TANH:
		return tanhf(v);
	case MLP_SIGMOID:
		return 1 / (1 + expf(-v));
	case MLP_IDENTITY:
		break;
	}
	return v;
}

/* d act / d v, from the activation's output y. */
static float slope(enum mlp_act a, float y)
{
	switch (a) {
	case MLP_RELU:
		return y > 0 ? 1 : 0;
	case MLP_TANH:
		return 1 - y * y;
	case MLP_SIGMOID:
		return y * (1 - y);
	case MLP_IDENTITY:
		break;
	}
	return 1;
}

/* w·x in eight running sums added in a fixed order: the compiler can keep them in vector
 * registers (a single running sum is one long chain of dependent adds), and the result is the
 * same on every machine. */
static float dot(const float *w, const float *x, int n)
{
	float acc[8] = {0};
	int i = 0;
	for (; i + 8 <= n; i += 8)
		for (int k = 0; k < 8; k++)
			acc[k] += w[i + k] * x[i + k];
	for (int k = 0; i < n; i++, k++)
		acc[k] += w[i] * x[i];
	return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

float mlp_forward(const struct mlp *m, const float *x, float *acts)
{
	const float *in = x;
	float *out = acts;
	for (int k = 0; k < m->n_layers; k++) {
		const struct mlp_layer *l = &m->layers[k];
		for (int o = 0; o < l->out; o++)
			out[o] = activate(l->act, l->b[o] + dot(l->w + (size_t)o * l->in, in, l->in));
		in = out;
		out += l->out;
	}
	return in[0];
}

void mlp_backward(const struct mlp *m, const float *x, const float *acts, float dscore, float *grad, float *delta)
{
	float *d = delta, *d_prev = delta + MLP_MAX_WIDTH;
	size_t act_at = m->n_acts, grad_at = m->n_params;
	d[0] = dscore;
	for (int k = m->n_layers - 1; k >= 0; k--) {
		const struct mlp_layer *l = &m->layers[k];
		act_at -= (size_t)l->out;
		grad_at -= (size_t)l->out * (size_t)(l->in + 1);
		const float *y = acts + act_at;
		const float *in = k ? y - l->in : x;
		float *gw = grad + grad_at, *gb = gw + (size_t)l->out * l->in;
		memset(d_prev, 0, (size_t)l->in * sizeof *d_prev);
		for (int o = 0; o < l->out; o++) {
			float g = d[o] * slope(l->act, y[o]);
			if (g == 0)
				continue;
			const float *w = l->w + (size_t)o * l->in;
			float *row = gw + (size_t)o * l->in;
			gb[o] += g;
			for (int i = 0; i < l->in; i++) {
				row[i] += g * in[i];
				d_prev[i] += g * w[i];
			}
		}
		float *t = d;
		d = d_prev;
		d_prev = t;
	}
}
