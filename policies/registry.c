/* registry.c — every plugin, with the extension points it acts at (plugin.h): a new plugin is
 * one file plus one line here.  Lookups are O(plugins). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sim/load/strict.h"
#include "sim/plugin/score.h"
#include "sim/util/suggest.h"

/* PLUGIN(x): a `const struct plugin x`; SCORE(x): a score plugin's `const struct policy_ops x`. */
#define PLUGINS(PLUGIN, SCORE)                                                                     \
	SCORE(random_score_policy)                                                                 \
	SCORE(best_fit_score_policy)                                                               \
	SCORE(dot_product_score_policy)                                                            \
	SCORE(gpu_clustering_score_policy)                                                         \
	SCORE(gpu_packing_score_policy)                                                            \
	SCORE(fgd_score_policy)                                                                    \
	SCORE(topology_score_policy)                                                               \
	SCORE(mlp_score_policy)                                                                    \
	SCORE(ga_policy)                                                                           \
	SCORE(ga_seed_policy)                                                                      \
	SCORE(round_robin_score_policy)                                                            \
	SCORE(greedy_score_policy)                                                                 \
	SCORE(task_type_score_policy)                                                              \
	SCORE(node_resources_fit_score_policy)                                                     \
	SCORE(balanced_allocation_score_policy)                                                    \
	PLUGIN(priority_sort_plugin)                                                               \
	PLUGIN(coscheduling_plugin)                                                                \
	PLUGIN(mlops_queue_plugin)                                                                 \
	PLUGIN(pipeline_fifo_plugin)                                                               \
	PLUGIN(pipeline_random_plugin)                                                             \
	PLUGIN(shortest_critical_path_plugin)                                                      \
	PLUGIN(node_unschedulable_plugin)                                                          \
	PLUGIN(taint_toleration_plugin)                                                            \
	PLUGIN(node_affinity_plugin)                                                               \
	PLUGIN(open_gpu_share_plugin)                                                              \
	PLUGIN(pod_topology_spread_plugin)                                                         \
	PLUGIN(inter_pod_affinity_plugin)                                                          \
	PLUGIN(pipeline_exclusive_plugin)                                                          \
	PLUGIN(default_preemption_plugin)                                                          \
	PLUGIN(cos_sim_plugin)                                                                     \
	PLUGIN(frag_one_pod_plugin)                                                                \
	PLUGIN(frag_multi_pod_plugin)

#define DECLARE_PLUGIN(x) extern const struct plugin x;
#define DECLARE_SCORE(x) extern const struct policy_ops x;
PLUGINS(DECLARE_PLUGIN, DECLARE_SCORE)

#define LIST_PLUGIN(x) &x,
#define LIST_SCORE(x) &(const struct plugin){.score = &x},
const struct plugin *const plugin_registry[] = {PLUGINS(LIST_PLUGIN, LIST_SCORE) NULL};

const char *plugin_name(const struct plugin *p)
{
	return p->name ? p->name : p->score->name;
}

bool plugin_acts_at(const struct plugin *p, enum extension_point at)
{
	switch (at) {
	case POINT_QUEUE_SORT: return p->queue_sort != NULL;
	case POINT_FILTER: return p->filter != NULL;
	case POINT_POST_FILTER: return p->post_filter != NULL;
	case POINT_PERMIT: return p->permit != NULL;
	case POINT_SCORE: return p->score != NULL;
	case POINT_DESCHEDULE: return p->deschedule != NULL;
	case N_POINTS: break;
	}
	return false;
}

const struct plugin *plugin_named(const char *name)
{
	for (const struct plugin *const *p = plugin_registry; *p; p++)
		if (strcmp(plugin_name(*p), name) == 0)
			return *p;
	return NULL;
}

/* "plugins.postFilter" for a plugin at that point, or its points joined with " and ". */
static void where_it_acts(const struct plugin *p, char *out, size_t size)
{
	size_t len = 0;
	out[0] = '\0';
	for (int at = 0; at < N_POINTS; at++)
		if (plugin_acts_at(p, (enum extension_point)at) && len < size) {
			int w = snprintf(out + len, size - len, "%s%s", len ? " or " : "", point_fields[at]);
			len += w > 0 ? (size_t)w : 0;
		}
}

int plugin_resolve(enum extension_point at, const char *path, const struct named_plugin *np,
		   const struct plugin **out, struct error *err)
{
	char field[96];
	bool deschedule = at == POINT_DESCHEDULE;
	snprintf(field, sizeof field, "%s%s", point_fields[at], deschedule ? "" : ".enabled");
	const struct plugin *p = plugin_named(np->name);
	if (p && plugin_acts_at(p, at)) {
		*out = p;
		return 0;
	}
	if (p) {
		char where[160];
		where_it_acts(p, where, sizeof where);
		return error_at(err, path, np->line, np->col, "%s: %s is not a plugin of this point; name it at %s", field,
				np->name, where);
	}
	const char *names[64];
	size_t n = 0;
	for (const struct plugin *const *q = plugin_registry; *q && n < 64; q++)
		if (plugin_acts_at(*q, at))
			names[n++] = plugin_name(*q);
	*out = NULL;
	return load_unknown(path, np->line, np->col, deschedule ? "policy" : "plugin", np->name, field, names, n, err);
}

const struct policy_ops *policy_find(const char *name)
{
	const struct plugin *p = plugin_named(name);
	return p ? p->score : NULL;
}

/* The length of name without a trailing "Score" (any case). */
static size_t stem_length(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcasecmp(name + n - 5, "score") == 0 ? n - 5 : n;
}

static bool same_stem(const char *a, const char *b)
{
	size_t la = stem_length(a), lb = stem_length(b);
	return la == lb && strncasecmp(a, b, la) == 0;
}

const struct policy_ops *policy_lookup(const char *typed)
{
	for (const struct plugin *const *q = plugin_registry; *q; q++) {
		const struct policy_ops *p = (*q)->score;
		if (p && (same_stem(typed, p->name) || (p->alias && strcasecmp(typed, p->alias) == 0)))
			return p;
	}
	return NULL;
}

const char *policy_suggest(const char *typed)
{
	/* Every name, and after them every stem: "fgdd" is far from "FGDScore" but near "FGD". */
	const char *words[64] = {0};
	char stems[32][64];
	size_t n = 0;
	for (const struct plugin *const *q = plugin_registry; *q && n < 32; q++)
		if ((*q)->score)
			words[n++] = (*q)->score->name;
	for (size_t i = 0; i < n; i++) {
		snprintf(stems[i], sizeof stems[i], "%.*s", (int)stem_length(words[i]), words[i]);
		words[n + i] = stems[i];
	}
	long near = suggest_nearest(typed, words, 2 * n);
	return near < 0 ? NULL : words[(size_t)near % n];
}

void policy_unknown(char *out, size_t size, const char *typed)
{
	const char *near = policy_suggest(typed);
	snprintf(out, size, "unknown policy '%.60s'%s%s%s (`simon help policies` lists them)", typed,
		 near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
}
