/* adam.h — Adam (Kingma & Ba, 2015) over a flat parameter array: β1 0.9, β2 0.999, ε 1e-8.
 * O(parameters) per step. */
#ifndef SIMON_ADAM_H
#define SIMON_ADAM_H

#include <stddef.h>

struct adam {
	float *m, *v;
	size_t n;
	double lr;
	long t;
};

int adam_init(struct adam *a, size_t n, double lr);
void adam_release(struct adam *a);
/* One step down the gradient grad (of a loss to minimise). */
void adam_step(struct adam *a, float *params, const float *grad);

#endif
