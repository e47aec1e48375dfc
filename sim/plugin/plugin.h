/* plugin.h — what every plugin is: a registry entry with one ops table per extension point it
 * acts at, as Kubernetes' scheduling framework registers plugins by name.
 *
 * The points (config.h's enum extension_point) and their tables:
 *   queueSort   queue_sort.h   the order waiting pods are retried in
 *   filter      filter.h       whether a node may take a pod
 *   postFilter  post_filter.h  a pod that found no node: victims to evict, and a node
 *   permit      permit.h       admit, wait for, or reject a group of pods
 *   score       score.h        rate a feasible node (or, a batch placer, place a window of pods)
 *   deschedule  descheduler.h  the pods to evict after inflation, to place again
 * An entry fills the tables of the points it acts at and leaves the rest NULL; a plugin at
 * several points is one plugin, with one state: Coscheduling sorts the queue and permits
 * groups, MLOpsQueue sorts and evicts.  Score plugins describe themselves in their policy_ops
 * (name, summary, args, init); every other plugin here, in its entry.
 *
 * State: .init reads and checks a plugin's pluginConfig args from the generic key/value view
 * (policies/kit/args.h, with errors at file:line:col) and makes its state: once when the
 * profile is built, with no run (env->arrivals NULL: it checks its args and may make nothing),
 * then once per scheduler for filters and once per run for the others, which see the run's
 * pods.  .free frees it (NULL included); an .init that fails has freed what it made.
 */
#ifndef SIMON_PLUGIN_H
#define SIMON_PLUGIN_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/load/config.h"
#include "sim/model/arrivals.h"
#include "sim/model/cluster.h"
#include "sim/model/frag.h"
#include "sim/load/dag.h"

/* What a plugin may know when it is set up. */
struct plugin_env {
	const struct cluster *cluster;
	const struct typical_pods *typical;   /* the target workload (FGD) */
	const struct arrivals *arrivals;      /* the run's pods; NULL for a scheduler's plugins */
	uint64_t seed;                        /* the run's --seed (a plugin draws from its own stream) */
	const struct dag *pipelines;          /* the run's pipelines (dag.h), or NULL */
	size_t what_if_size;                  /* a node's what-if room for the profile's filters (filter.h) */
	const struct plugin_args *args;       /* this plugin's pluginConfig args, or NULL */
	const char *config_path;              /* the file args come from, for messages; NULL: none */
};

/* What of a node a plugin reads beyond its class key (node_class.h): the scheduler filters and
 * scores one member of a class for all when every plugin of the profile sees classes. */
enum policy_sees {
	SEES_CLASS,   /* nothing more: one answer per class */
	SEES_RACK,    /* its rack too: classes split by rack */
	SEES_NONZERO, /* the non-zero requests its pods hold (workload.h): classes split by them */
	SEES_NODE,    /* which node it is: node by node */
};

struct policy_ops;
struct queue_sort_ops;
struct filter_ops;
struct post_filter_ops;
struct permit_ops;
struct deschedule_ops;

struct plugin {
	const char *name;         /* as configs name it; a score plugin's is its policy_ops' */
	const char *summary;      /* one line for `simon help plugins` */
	const char *const *args;  /* pluginConfig keys it reads, NULL-terminated; NULL for none */
	int (*init)(void **self, const struct plugin_env *env, struct error *err);
	void (*free)(void *self);
	const struct queue_sort_ops *queue_sort;
	const struct filter_ops *filter;
	const struct post_filter_ops *post_filter;
	const struct permit_ops *permit;
	const struct policy_ops *score;       /* a score plugin or a batch placer */
	const struct deschedule_ops *deschedule;
	/* Points it acts at too when enabled at queueSort alone, as the configs of Coscheduling
	 * and MLOpsQueue enable them (a bit per extension point). */
	unsigned with_queue_sort;
	/* In every profile, enabled or not, as Kubernetes' default profile has NodeResourcesFit
	 * (a filter: Open-Gpu-Share's fit).  Its args' gpuSelMethod is the profile's GPU
	 * selection, which the reference reads there. */
	bool always;
	/* In every profile unless its point's `disabled` names it (or "*"), as Kubernetes' default
	 * profile has its filters; the registry lists them in the default profile's order. */
	bool by_default;
};

#define POINT_BIT(p) (1u << (p))

/* Every plugin, ending with an entry of NULLs (policies/registry.c). */
extern const struct plugin *const plugin_registry[];

const char *plugin_name(const struct plugin *p);
bool plugin_acts_at(const struct plugin *p, enum extension_point at);
/* The plugin named exactly so, or NULL. */
const struct plugin *plugin_named(const char *name);
/* The plugin a config names at point `at` (np, in the file at path): an unknown name is an
 * error naming the nearest plugin of that point; a plugin of another point is an error saying
 * where it belongs. */
int plugin_resolve(enum extension_point at, const char *path, const struct named_plugin *np,
		   const struct plugin **out, struct error *err);

#endif
