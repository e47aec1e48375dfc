/* trace.h — what a cluster config loads: its settings, the workload and the typical pods.  It
 * is read-only once loaded, so many runs (policies × seeds) can share one, even from several
 * threads.  trace_load fills a trace the caller owns; trace_release frees its contents.
 */
#ifndef SIMON_TRACE_H
#define SIMON_TRACE_H

#include "sim/load/config.h"
#include "sim/model/frag.h"
#include "sim/plugin/plugin.h"

struct trace {
	struct cluster_config cfg;
	const struct plugin *descheduler;   /* descheduleConfig.policy, resolved; NULL: none */
	struct workload workload;
	struct typical_pods typical;
	int stage;
};

/* Loads a simon cluster config, or a folder of Node and Pod YAML, which is then run as the
 * ATC'23 experiments run the openb traces (shufflePod, tuned to 1.3x, typical pods 95%, step 1). */
int trace_load(struct trace *t, const char *path, struct error *err);
void trace_release(struct trace *t);
/* Calls fn for every file the trace at path is read from, without loading it: the cluster
 * config (role "cluster-config", when the trace is one), then each Node and Pod file (role
 * "trace").  cfg is the trace's config when already loaded; NULL reads it again. */
int trace_each_input(const char *path, const struct cluster_config *cfg,
		     int (*fn)(void *ctx, const char *role, const char *file, struct error *err), void *ctx,
		     struct error *err);

#endif
