#include "sim/metrics.h"

#include <stdlib.h>
#include <string.h>

int metrics_init(struct metrics *m, const struct cluster *c, const struct typical_pods *typical, struct error *err)
{
	memset(m, 0, sizeof *m);
	m->typical = typical;
	m->node_frag = calloc(c->n ? c->n : 1, sizeof *m->node_frag);
	if (!m->node_frag)
		return error_set(err, "out of memory for metrics");
	for (size_t i = 0; i < c->n; i++)
		metrics_node_changed(m, c, i);
	return 0;
}

void metrics_release(struct metrics *m)
{
	free(m->node_frag);
	memset(m, 0, sizeof *m);
}

void metrics_node_changed(struct metrics *m, const struct cluster *c, size_t node)
{
	double f = node_frag(m->typical, &c->spec[node], node_cpu_left(c, node), c->state[node].gpu_left);
	m->frag_total += f - m->node_frag[node];
	m->node_frag[node] = f;
}

static double pct(double part, double whole)
{
	return whole > 0 ? 100.0 * part / whole : 0.0;
}

struct metric_sample metrics_sample(const struct metrics *m, const struct cluster *c)
{
	double idle = (double)(c->total_gpu_milli - c->used_gpu_milli);
	/* Summing cached values in a different order than a rescan can leave a residue of ~1e-9. */
	double frag = m->frag_total < 1e-6 ? 0 : m->frag_total;
	return (struct metric_sample){
		.gpu_alloc_pct = pct((double)c->used_gpu_milli, (double)c->total_gpu_milli),
		.cpu_alloc_pct = pct((double)c->used_cpu, (double)c->total_cpu),
		.mem_alloc_pct = pct((double)c->used_mem, (double)c->total_mem),
		.frag_gpu_pct = pct(frag, (double)c->total_gpu_milli),
		.frag_ratio_pct = pct(frag, idle),
		.frag_milli = frag,
	};
}
