#include "sim/learn/adam.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int adam_init(struct adam *a, size_t n, double lr)
{
	memset(a, 0, sizeof *a);
	a->m = calloc(n, sizeof *a->m);
	a->v = calloc(n, sizeof *a->v);
	a->n = n;
	a->lr = lr;
	if (a->m && a->v)
		return 0;
	adam_release(a);
	return -1;
}

void adam_release(struct adam *a)
{
	free(a->m);
	free(a->v);
	memset(a, 0, sizeof *a);
}

void adam_step(struct adam *a, float *params, const float *grad)
{
	const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
	a->t++;
	double step = a->lr * sqrt(1 - pow(b2, (double)a->t)) / (1 - pow(b1, (double)a->t));
	for (size_t i = 0; i < a->n; i++) {
		a->m[i] = (float)(b1 * a->m[i] + (1 - b1) * grad[i]);
		a->v[i] = (float)(b2 * a->v[i] + (1 - b2) * (double)grad[i] * grad[i]);
		params[i] -= (float)(step * a->m[i] / (sqrt(a->v[i]) + eps));
	}
}
