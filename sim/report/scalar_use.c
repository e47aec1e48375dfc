#include "sim/report/scalar_use.h"

#include <string.h>

#include "sim/engine.h"

int scalar_use_of(const struct report *r, struct scalar_use *out)
{
	const struct cluster *c = r->cluster;
	int n = c->w->n_scalar_names;
	for (int k = 0; k < n; k++)
		out[k] = (struct scalar_use){c->w->scalar_names[k], c->total_scalar[k], c->used_scalar[k], 0, 0};
	for (size_t i = 0; i < r->result->n_outcomes; i++) {
		const struct pod_spec *p = &r->arrivals->pods[i];
		for (uint8_t k = 0; k < p->n_scalars; k++) {
			if (p->scalars[k].slot >= n)
				continue;
			out[p->scalars[k].slot].asking++;
			out[p->scalars[k].slot].failed += r->result->outcomes[i].node < 0;
		}
	}
	return n;
}
