/* metrics.h — cluster-wide utilization and fragmentation, kept up to date incrementally.
 *
 * Each node's fragmentation F (frag.h) is cached and recomputed only when that node
 * changes, so a sample costs O(1) and a bind O(typical pods × GPUs), not a cluster rescan.
 * Definitions (the paper's): GPU allocation = used GPU milli / total; fragmentation ratio
 * = 100·ΣF / idle GPU milli; fragmented GPU share = 100·ΣF / total GPU milli.
 */
#ifndef SIMON_METRICS_H
#define SIMON_METRICS_H

#include "sim/model/cluster.h"
#include "sim/model/frag.h"

struct metric_sample {
	double gpu_alloc_pct;
	double cpu_alloc_pct;
	double mem_alloc_pct;
	double frag_gpu_pct;
	double frag_ratio_pct;
	double frag_milli;
};

struct metrics {
	const struct typical_pods *typical;
	double *node_frag;
	double frag_total;
};

int metrics_init(struct metrics *m, const struct cluster *c, const struct typical_pods *typical, struct error *err);
void metrics_release(struct metrics *m);
/* Call after every bind or unbind on `node`. */
void metrics_node_changed(struct metrics *m, const struct cluster *c, size_t node);
struct metric_sample metrics_sample(const struct metrics *m, const struct cluster *c);

#endif
