#include "sim/profile.h"

#include <stdio.h>
#include <string.h>

#include "sim/load/strict.h"
#include "sim/plugin/filter.h"

/* Kubernetes' own score and filter plugins simon does not apply: accepted in a config, with a
 * note (NodeResourcesFit, whose filter is Open-Gpu-Share's fit, is noted where it is named). */
static bool is_kube_plugin(const char *name)
{
	static const char *const kube[] = {"ImageLocality", "NodeResourcesLeastAllocated", "NodeResourcesMostAllocated",
					   "NodePreferAvoidPods", "SelectorSpread", "DefaultPodTopologySpread",
					   "RequestedToCapacityRatio", "Simon", "NodeName", "NodePorts", "VolumeRestrictions",
					   "EBSLimits", "GCEPDLimits", "NodeVolumeLimits", "AzureDiskLimits", "VolumeBinding",
					   "VolumeZone", NULL};
	for (const char *const *k = kube; *k; k++)
		if (strcmp(*k, name) == 0)
			return true;
	return false;
}

/* The reference hands every plugin one args type with these keys, so its configs repeat them
 * for plugins that ignore them (FGDScore's dimExtMethod); they are accepted for any plugin. */
static const char *const shared_args[] = {"dimExtMethod", "normMethod", "gpuSelMethod"};

/* A flattened key as plugins list the keys they read: its list indices left out
 * ("scoringStrategy.resources[0].name" is "scoringStrategy.resources[].name"). */
static void key_pattern(const char *key, char *out, size_t size)
{
	size_t n = 0;
	for (const char *s = key; *s && n + 1 < size; s++) {
		out[n++] = *s;
		if (*s == '[')
			while (s[1] >= '0' && s[1] <= '9')
				s++;
	}
	out[n] = '\0';
}

static int check_arg(const struct sched_config *cfg, const struct plugin_args *a, const struct plugin_arg *arg,
		     const char *const *own, bool shared, struct error *err)
{
	const char *known[24];
	size_t n = 0;
	for (size_t i = 0; shared && i < sizeof shared_args / sizeof shared_args[0]; i++)
		known[n++] = shared_args[i];
	for (; own && *own && n < 24; own++)
		known[n++] = *own;
	char pattern[sizeof arg->key];
	key_pattern(arg->key, pattern, sizeof pattern);
	for (size_t i = 0; i < n; i++)
		if (strcmp(pattern, known[i]) == 0)
			return 0;
	char where[96];
	snprintf(where, sizeof where, "the args of %s", a->plugin);
	return load_unknown(cfg->path, arg->key_line, arg->key_col, "field", arg->key, where, known, n, err);
}

/* The args of simon's plugins hold only keys they read; other plugins' args are Kubernetes'
 * business.  A score plugin also accepts the reference's shared keys. */
static int check_args(const struct sched_config *cfg, struct error *err)
{
	for (int i = 0; i < cfg->n_args; i++) {
		const struct plugin_args *a = &cfg->args[i];
		const struct plugin *p = plugin_named(a->plugin);
		if (!p)
			continue;
		for (int k = 0; k < a->n; k++)
			if (check_arg(cfg, a, &a->keys[k], p->score ? p->score->args : p->args, p->score != NULL, err))
				return -1;
	}
	return 0;
}

static int resolve_plugins(struct scheduler_profile *p, const struct sched_config *cfg, struct error *err)
{
	for (int i = 0; i < cfg->n_score; i++) {
		const struct score_plugin_conf *conf = &cfg->score[i];
		const struct policy_ops *ops = policy_find(conf->name);
		const struct plugin *elsewhere = ops ? NULL : plugin_named(conf->name);
		if (elsewhere && elsewhere->always) {
			fprintf(stderr, "simon: note: %s:%zu: %s is in every profile; it scores nothing\n", cfg->path,
				conf->line, conf->name);
			continue;
		}
		if (!ops && is_kube_plugin(conf->name)) {
			fprintf(stderr, "simon: note: %s:%zu: score plugin %s is Kubernetes' own; simon ignores it\n",
				cfg->path, conf->line, conf->name);
			continue;
		}
		if (!ops)
			return error_at(err, cfg->path, conf->line, conf->col,
					"plugins.score.enabled: unknown score plugin '%.60s' (see `simon help policies`)",
					conf->name);
		p->plugins[p->n_plugins++] = (struct profile_plugin){ops, conf->weight, sched_config_args(cfg, ops->name)};
	}
	if (p->n_plugins == 0)
		return error_at(err, cfg->path, cfg->enabled_line, cfg->enabled_col,
				"plugins.score.enabled: no score plugin simon knows is enabled");
	for (int i = 0; i < p->n_plugins && p->n_plugins > 1; i++)
		if (p->plugins[i].ops->place)
			return error_at(err, cfg->path, cfg->enabled_line, cfg->enabled_col,
					"plugins.score.enabled: %s places pods in batches and must be the only plugin",
					p->plugins[i].ops->name);
	return 0;
}

static void use_plugin_gpus(struct scheduler_profile *p, int plugin)
{
	p->gpu_sel = GPU_SEL_PLUGIN;
	p->gpu_sel_plugin = plugin;
	snprintf(p->gpu_sel_name, sizeof p->gpu_sel_name, "%s", p->plugins[plugin].ops->name);
}

/* The gpuSelMethod of the always-on filter's args (Open-Gpu-Share's): best (when unset), worst,
 * random or an enabled score plugin. */
static void choose_gpu_sel(struct scheduler_profile *p)
{
	static const struct {
		const char *name;
		enum gpu_sel sel;
	} builtin[] = {{"best", GPU_SEL_BEST}, {"worst", GPU_SEL_WORST}, {"random", GPU_SEL_RANDOM}};
	const struct plugin_arg *a = NULL;
	for (int i = 0; i < p->n_filters && !a; i++)
		if (p->filters[i].plugin->always)
			a = plugin_args_get(p->filters[i].args, "gpuSelMethod");
	const char *method = a && a->value[0] ? a->value : "best";
	snprintf(p->gpu_sel_name, sizeof p->gpu_sel_name, "%s", method);
	for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
		if (strcmp(method, builtin[i].name) == 0) {
			p->gpu_sel = builtin[i].sel;
			return;
		}
	for (int i = 0; i < p->n_plugins; i++)
		if (strcmp(method, p->plugins[i].ops->name) == 0) {
			use_plugin_gpus(p, i);
			return;
		}
	p->gpu_sel_failed = true;
	error_set(&p->gpu_sel_error, "gpuSelMethod '%s': expected best, worst, random or an enabled score plugin",
		  method);
}

/* --policy: that policy alone, weight 1, its args from the config, its paired GPU selection. */
static int use_policy(struct scheduler_profile *p, const struct sched_config *cfg, const char *policy,
		      struct error *err)
{
	const struct policy_ops *ops = policy_find(policy);
	if (!ops)
		return error_set(err, "unknown policy '%s' (see `simon help policies`)", policy);
	p->n_plugins = 1;
	p->plugins[0] = (struct profile_plugin){ops, 1, sched_config_args(cfg, ops->name)};
	static const char *const sel_names[] = {[GPU_SEL_BEST] = "best", [GPU_SEL_WORST] = "worst",
						[GPU_SEL_RANDOM] = "random"};
	if (ops->gpu_sel == GPU_SEL_PLUGIN) {
		use_plugin_gpus(p, 0);
		return 0;
	}
	p->gpu_sel = ops->gpu_sel;
	snprintf(p->gpu_sel_name, sizeof p->gpu_sel_name, "%s", sel_names[ops->gpu_sel]);
	return 0;
}

/* Classes are exact for every plugin only when split as finely as each needs. */
static void choose_scan(struct scheduler_profile *p)
{
	p->batch = p->plugins[0].ops->place != NULL;
	if (p->batch)
		snprintf(p->gpu_sel_name, sizeof p->gpu_sel_name, "%s's own", p->plugins[0].ops->name);
	for (int i = 0; i < p->n_plugins + p->n_filters; i++) {
		enum policy_sees sees = i < p->n_plugins ? p->plugins[i].ops->sees
							 : p->filters[i - p->n_plugins].plugin->filter->sees;
		p->scan_nodes |= sees == SEES_NODE;
		p->class_by |= sees == SEES_RACK ? CLASS_BY_RACK : sees == SEES_NONZERO ? CLASS_BY_NONZERO : 0;
	}
}

static void describe(struct scheduler_profile *p)
{
	size_t len = 0;
	for (int i = 0; i < p->n_plugins && len < sizeof p->name; i++) {
		const struct profile_plugin *pl = &p->plugins[i];
		int n = p->n_plugins == 1 ? snprintf(p->name + len, sizeof p->name - len, "%s", pl->ops->name)
					  : snprintf(p->name + len, sizeof p->name - len, "%s%s*%lld", i ? "+" : "",
						     pl->ops->name, (long long)pl->weight);
		len += n > 0 ? (size_t)n : 0;
	}
}

static int add_filter(struct scheduler_profile *p, const struct sched_config *cfg, const struct plugin *plugin,
		      const struct named_plugin *np, struct error *err)
{
	for (int i = 0; i < p->n_filters; i++)
		if (p->filters[i].plugin == plugin)
			return 0;   /* one plugin, however often it is named */
	if (p->n_filters == MAX_FILTERS || plugin->filter->what_if_size > WHAT_IF_MAX)
		return error_at(err, cfg ? cfg->path : "", np ? np->line : 0, np ? np->col : 0,
				"plugins.filter.enabled: too many filters (at most %d)", MAX_FILTERS);
	p->filters[p->n_filters++] = (struct plugin_use){plugin, sched_config_args(cfg, plugin_name(plugin))};
	return 0;
}

/* The point's one plugin: a second, other one is an error naming both. */
static int set_one(struct plugin_use *use, const struct sched_config *cfg, const struct plugin *plugin,
		   enum extension_point at, const struct named_plugin *np, struct error *err)
{
	const struct point_plugins *pp = &cfg->points[at];
	if (use->plugin && use->plugin != plugin && at == POINT_QUEUE_SORT)
		return error_at(err, cfg->path, np->line, np->col,
				"%s.enabled: %s and %s are both enabled; a profile has one queue sort", point_fields[at],
				plugin_name(use->plugin), np->name);
	if (use->plugin && use->plugin != plugin)
		return error_at(err, cfg->path, pp->line, pp->col, "%s: %s %s; %s cannot be enabled beside it",
				point_fields[at], plugin_name(use->plugin),
				at == POINT_POST_FILTER ? "preempts by its own rule" : "is this profile's permit plugin",
				np->name);
	*use = (struct plugin_use){plugin, sched_config_args(cfg, plugin_name(plugin))};
	return 0;
}

/* A plugin enabled at a point, and (at queueSort) at the points it brings along. */
static int use_at(struct scheduler_profile *p, const struct sched_config *cfg, const struct plugin *plugin,
		  enum extension_point at, const struct named_plugin *np, struct error *err)
{
	switch (at) {
	case POINT_QUEUE_SORT:
		if (set_one(&p->queue_sort, cfg, plugin, at, np, err))
			return -1;
		if ((plugin->with_queue_sort & POINT_BIT(POINT_PERMIT)) &&
		    set_one(&p->permit, cfg, plugin, POINT_PERMIT, np, err))
			return -1;
		if ((plugin->with_queue_sort & POINT_BIT(POINT_POST_FILTER)) &&
		    set_one(&p->post_filter, cfg, plugin, POINT_POST_FILTER, np, err))
			return -1;
		return 0;
	case POINT_FILTER: return add_filter(p, cfg, plugin, np, err);
	case POINT_POST_FILTER: return set_one(&p->post_filter, cfg, plugin, at, np, err);
	case POINT_PERMIT: return set_one(&p->permit, cfg, plugin, at, np, err);
	default: return 0;
	}
}

static int resolve_points(struct scheduler_profile *p, const struct sched_config *cfg, struct error *err)
{
	for (int at = POINT_QUEUE_SORT; at <= POINT_PERMIT; at++)
		for (int i = 0; i < cfg->points[at].n; i++) {
			const struct named_plugin *np = &cfg->points[at].enabled[i];
			const struct plugin *plugin;
			const struct plugin *named = plugin_named(np->name);
			if (at == POINT_FILTER && !strcmp(np->name, "NodeResourcesFit")) {
				fprintf(stderr, "simon: note: %s:%zu: NodeResourcesFit's filter is Open-Gpu-Share's fit here, "
					"in every profile\n", cfg->path, np->line);
				continue;
			}
			if (at == POINT_FILTER && !named && is_kube_plugin(np->name)) {
				fprintf(stderr, "simon: note: %s:%zu: filter plugin %s is Kubernetes' own; simon ignores it\n",
					cfg->path, np->line, np->name);
				continue;
			}
			if (plugin_resolve((enum extension_point)at, cfg->path, np, &plugin, err) ||
			    use_at(p, cfg, plugin, (enum extension_point)at, np, err))
				return -1;
		}
	return 0;
}

/* Each plugin's args, checked as its .init reads them, with no run. */
static int check_plugin_args(const struct scheduler_profile *p, struct error *err)
{
	const struct plugin_use *uses[MAX_FILTERS + 3] = {&p->queue_sort, &p->post_filter, &p->permit};
	int n = 3;
	for (int i = 0; i < p->n_filters; i++)
		uses[n++] = &p->filters[i];
	for (int i = 0; i < n; i++) {
		const struct plugin *plugin = uses[i]->plugin;
		if (!plugin || !plugin->init)
			continue;
		struct plugin_env env = {.args = uses[i]->args, .config_path = p->config_path};
		void *self = NULL;
		if (plugin->init(&self, &env, err))
			return -1;
		if (plugin->free)
			plugin->free(self);
	}
	return 0;
}

/* Whether the filter point's disabled list names plugin (or "*"). */
static bool disabled(const struct sched_config *cfg, const struct plugin *plugin)
{
	const struct point_plugins *pp = cfg ? &cfg->points[POINT_FILTER] : NULL;
	for (int i = 0; pp && i < pp->n_disabled; i++)
		if (strcmp(pp->disabled[i].name, "*") == 0 || strcmp(pp->disabled[i].name, plugin_name(plugin)) == 0)
			return true;
	return false;
}

int scheduler_profile_build(struct scheduler_profile *p, const struct sched_config *cfg, const char *policy,
			    struct error *err)
{
	memset(p, 0, sizeof *p);
	p->config_path = cfg ? cfg->path : NULL;
	p->percentage_of_nodes = cfg ? cfg->percentage_of_nodes : NODES_ALL;
	for (const struct plugin *const *q = plugin_registry; *q; q++)
		if ((*q)->filter && ((*q)->always || ((*q)->by_default && !disabled(cfg, *q))) &&
		    add_filter(p, cfg, *q, NULL, err))
			return -1;
	if (cfg && (resolve_points(p, cfg, err) || resolve_plugins(p, cfg, err) || check_args(cfg, err)))
		return -1;
	if (check_plugin_args(p, err))
		return -1;
	if (policy ? use_policy(p, cfg, policy, err) : (choose_gpu_sel(p), 0))
		return -1;
	choose_scan(p);
	const struct plugin *beside = p->permit.plugin ? p->permit.plugin : p->post_filter.plugin;
	if (p->batch && beside)
		return error_at(err, cfg ? cfg->path : "", 0, 0, "%s decides windows of pods; it cannot be combined with %s",
				p->plugins[0].ops->name, plugin_name(beside));
	describe(p);
	return 0;
}
