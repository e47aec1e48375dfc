#include "sim/scheduler.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/number.h"

#include "sim/load/strict.h"
#include "sim/trial.h"

/* Kubernetes' own score plugins: accepted in a config, but simon scores with its own only. */
static bool is_kube_plugin(const char *name)
{
	static const char *const kube[] = {"NodeResourcesBalancedAllocation", "ImageLocality", "InterPodAffinity",
					   "NodeResourcesLeastAllocated", "NodeResourcesMostAllocated", "NodeAffinity",
					   "NodePreferAvoidPods", "PodTopologySpread", "TaintToleration",
					   "SelectorSpread", "DefaultPodTopologySpread", "RequestedToCapacityRatio",
					   "NodeResourcesFit", "Simon", "Open-Gpu-Share", NULL};
	for (const char *const *k = kube; *k; k++)
		if (strcmp(*k, name) == 0)
			return true;
	return false;
}

/* The reference hands every plugin one args type with these keys, so its configs repeat them
 * for plugins that ignore them (FGDScore's dimExtMethod); they are accepted for any plugin. */
static const char *const shared_args[] = {"dimExtMethod", "normMethod", "gpuSelMethod"};

static int check_arg(const struct sched_config *cfg, const struct plugin_args *a, const struct plugin_arg *arg,
		     const char *const *own, struct error *err)
{
	const char *known[24];
	size_t n = 0;
	for (size_t i = 0; i < sizeof shared_args / sizeof shared_args[0]; i++)
		known[n++] = shared_args[i];
	for (; own && *own && n < 24; own++)
		known[n++] = *own;
	for (size_t i = 0; i < n; i++)
		if (strcmp(arg->key, known[i]) == 0)
			return 0;
	char where[96];
	snprintf(where, sizeof where, "the args of %s", a->plugin);
	return load_unknown(cfg->path, arg->key_line, arg->key_col, "field", arg->key, where, known, n, err);
}

/* The args of simon's own plugins (its policies and Open-Gpu-Share) hold only keys they read;
 * other plugins' args are Kubernetes' business. */
static int check_args(const struct sched_config *cfg, struct error *err)
{
	static const char *const gpu_share[] = {"gpuSelMethod", NULL};
	for (int i = 0; i < cfg->n_args; i++) {
		const struct plugin_args *a = &cfg->args[i];
		const struct policy_ops *ops = policy_find(a->plugin);
		bool open_gpu_share = strcmp(a->plugin, "Open-Gpu-Share") == 0;
		if (!ops && !open_gpu_share)
			continue;
		for (int k = 0; k < a->n; k++)
			if (check_arg(cfg, a, &a->keys[k], ops ? ops->args : gpu_share, err))
				return -1;
	}
	return 0;
}

static int resolve_plugins(struct scheduler_profile *p, const struct sched_config *cfg, struct error *err)
{
	for (int i = 0; i < cfg->n_score; i++) {
		const struct score_plugin_conf *conf = &cfg->score[i];
		const struct policy_ops *ops = policy_find(conf->name);
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

/* Open-Gpu-Share's gpuSelMethod: best (when unset), worst, random or an enabled plugin. */
static void choose_gpu_sel(struct scheduler_profile *p, const struct sched_config *cfg)
{
	static const struct {
		const char *name;
		enum gpu_sel sel;
	} builtin[] = {{"best", GPU_SEL_BEST}, {"worst", GPU_SEL_WORST}, {"random", GPU_SEL_RANDOM}};
	const struct plugin_arg *a = plugin_args_get(sched_config_args(cfg, "Open-Gpu-Share"), "gpuSelMethod");
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

/* A whole number in [min, max] from arg a of a queue plugin. */
static int queue_arg_int(const struct sched_config *cfg, const char *plugin, const struct plugin_arg *a, long min,
			 long max, long *out, struct error *err)
{
	int64_t v;
	if (!a->scalar || number_integer(a->value, min, max, &v))
		return error_at(err, cfg->path, a->line, a->col, "%s: %s: expected a whole number from %ld to %ld", plugin,
				a->key, min, max);
	*out = v;
	return 0;
}

/* One arg of the plugin that preempts, into p->preempt. */
static int read_preemption_arg(struct scheduler_profile *p, const struct sched_config *cfg, const char *plugin,
			       const struct plugin_arg *a, struct error *err)
{
	long v = 0;
	if (strcmp(a->key, "victimsResume") == 0) {
		if (strcmp(a->value, "true") && strcmp(a->value, "false"))
			return error_at(err, cfg->path, a->line, a->col, "%s: victimsResume: expected true or false", plugin);
		p->preempt.victims_resume = strcmp(a->value, "true") == 0;
	} else if (strcmp(a->key, "minCandidateNodesPercentage") == 0) {
		if (queue_arg_int(cfg, plugin, a, 0, 100, &v, err))
			return -1;
		p->preempt.min_candidates_pct = (int)v;
	} else if (strcmp(a->key, "minCandidateNodesAbsolute") == 0) {
		if (queue_arg_int(cfg, plugin, a, 0, 1000000000, &v, err))
			return -1;
		p->preempt.min_candidates_abs = (int)v;
	} else {
		if (queue_arg_int(cfg, plugin, a, INT32_MIN, INT32_MAX, &v, err))
			return -1;
		p->preempt.high_priority = (int32_t)v;
	}
	return 0;
}

/* The args of the plugin that preempts: DefaultPreemption's minCandidateNodesPercentage (10)
 * and minCandidateNodesAbsolute (100), Kubernetes' own, not both 0; MLOpsQueue's highPriority
 * (1); and for either, simon's victimsResume (false). */
static int read_preemption_args(struct scheduler_profile *p, const struct sched_config *cfg, struct error *err)
{
	static const char *const kube[] = {"minCandidateNodesPercentage", "minCandidateNodesAbsolute", "victimsResume"},
				 *const mlops[] = {"highPriority", "victimsResume"};
	bool is_mlops = p->queue_sort == QUEUE_MLOPS;
	const char *plugin = is_mlops ? "MLOpsQueue" : "DefaultPreemption";
	const char *const *keys = is_mlops ? mlops : kube;
	size_t n_keys = is_mlops ? 2 : 3;
	p->preempt = (struct preemption_args){10, 100, false, 1};
	const struct plugin_args *args = sched_config_args(cfg, plugin);
	for (int k = 0; args && k < args->n; k++) {
		const struct plugin_arg *a = &args->keys[k];
		size_t known = 0;
		while (known < n_keys && strcmp(a->key, keys[known]))
			known++;
		char where[64];
		snprintf(where, sizeof where, "the args of %s", plugin);
		if (known == n_keys ? load_unknown(cfg->path, a->key_line, a->key_col, "field", a->key, where, keys, n_keys, err)
				    : read_preemption_arg(p, cfg, plugin, a, err))
			return -1;
	}
	if (p->preempt.min_candidates_pct == 0 && p->preempt.min_candidates_abs == 0)
		return error_at(err, cfg->path, args->keys[0].line, args->keys[0].col,
				"DefaultPreemption: minCandidateNodesPercentage and minCandidateNodesAbsolute cannot both be 0");
	return 0;
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
	p->scan_nodes = p->exclusive_pipelines;   /* its filter reads which node it is */
	for (int i = 0; i < p->n_plugins; i++) {
		enum policy_sees sees = p->plugins[i].ops->sees;
		p->scan_nodes |= sees == SEES_NODE;
		p->class_by |= sees == SEES_RACK ? CLASS_BY_RACK : 0;
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

int scheduler_profile_build(struct scheduler_profile *p, const struct sched_config *cfg, const char *policy,
			    struct error *err)
{
	memset(p, 0, sizeof *p);
	p->config_path = cfg ? cfg->path : NULL;
	p->queue_sort = cfg ? cfg->queue_sort : QUEUE_FIFO;
	p->preemption = cfg && cfg->preemption;
	p->gangs = cfg && cfg->gangs;
	p->exclusive_pipelines = cfg && cfg->exclusive_pipelines;
	if (read_preemption_args(p, cfg, err))
		return -1;
	if (cfg && (resolve_plugins(p, cfg, err) || check_args(cfg, err)))
		return -1;
	if (policy ? use_policy(p, cfg, policy, err) : (choose_gpu_sel(p, cfg), 0))
		return -1;
	choose_scan(p);
	if (p->batch && (p->gangs || p->queue_sort == QUEUE_MLOPS))
		return error_at(err, cfg ? cfg->path : "", 0, 0,
				"%s decides windows of pods; it cannot be combined with %s", p->plugins[0].ops->name,
				p->gangs ? "Coscheduling" : "MLOpsQueue");
	describe(p);
	return 0;
}

/* A batch placer's decoder: its named scorer alone, with the GPU selection the paper pairs. */
static int make_decoder(struct scheduler *s, const struct cluster *c, const struct typical_pods *typical,
			struct error *err)
{
	const struct profile_plugin *placer = &s->profile->plugins[0];
	const char *name = placer->ops->decoder(s->self[0]);
	const struct policy_ops *ops = policy_find(name);
	if (!ops || ops->place)
		return error_set(err, "%s: its decoder must be a score plugin, not '%s'", placer->ops->name, name);
	s->decoder_profile = calloc(1, sizeof *s->decoder_profile);
	s->decoder = calloc(1, sizeof *s->decoder);
	if (!s->decoder_profile || !s->decoder)
		return error_set(err, "out of memory for %s's decoder", placer->ops->name);
	if (scheduler_profile_build(s->decoder_profile, NULL, name, err))
		return -1;
	if (scheduler_init(s->decoder, s->decoder_profile, c, typical, err)) {
		free(s->decoder);
		s->decoder = NULL;
		return -1;
	}
	return 0;
}

int scheduler_init(struct scheduler *s, const struct scheduler_profile *p, const struct cluster *c,
		   const struct typical_pods *typical, struct error *err)
{
	memset(s, 0, sizeof *s);
	s->profile = p;
	size_t n = c->n + MAX_SCORE_PLUGINS;   /* every node, or every class and the nominees */
	s->feasible = calloc(n, sizeof *s->feasible);
	s->scores = calloc(n, sizeof *s->scores);
	s->total = calloc(n, sizeof *s->total);
	s->proposed = calloc(n, sizeof *s->proposed);
	s->buckets = calloc(cluster_n_buckets(c), sizeof *s->buckets);
	s->class_marks = calloc(n, 1);
	if (p->exclusive_pipelines) {
		s->node_pipeline = calloc(c->n ? c->n : 1, sizeof *s->node_pipeline);
		s->node_pipeline_pods = calloc(c->n ? c->n : 1, sizeof *s->node_pipeline_pods);
	}
	if (!s->feasible || !s->scores || !s->total || !s->proposed || !s->buckets || !s->class_marks ||
	    (p->exclusive_pipelines && (!s->node_pipeline || !s->node_pipeline_pods))) {
		scheduler_release(s);
		return error_set(err, "out of memory for the scheduler");
	}
	for (; s->n_ready < p->n_plugins; s->n_ready++) {
		const struct profile_plugin *pl = &p->plugins[s->n_ready];
		struct policy_env env = {c, typical, pl->args, p->config_path};
		if (pl->ops->init && pl->ops->init(&s->self[s->n_ready], &env, err)) {
			scheduler_release(s);
			return -1;
		}
	}
	if (p->gpu_sel_failed) {
		*err = p->gpu_sel_error;
		scheduler_release(s);
		return -1;
	}
	s->typical = typical;
	if (p->batch && p->plugins[0].ops->decoder && make_decoder(s, c, typical, err)) {
		scheduler_release(s);
		return -1;
	}
	return 0;
}

void scheduler_release(struct scheduler *s)
{
	for (int i = 0; i < s->n_ready; i++)
		if (s->profile->plugins[i].ops->free)
			s->profile->plugins[i].ops->free(s->self[i]);
	free(s->feasible);
	free(s->scores);
	free(s->total);
	free(s->proposed);
	free(s->buckets);
	free(s->class_marks);
	free(s->node_pipeline);
	free(s->node_pipeline_pods);
	if (s->decoder)
		scheduler_release(s->decoder);
	free(s->decoder);
	free(s->decoder_profile);
	memset(s, 0, sizeof *s);
}

/* Whether node is already among the first n + extra candidates. */
static bool is_candidate(const struct scheduler *s, const struct cluster *c, uint32_t node, size_t n, size_t all)
{
	if (s->profile->scan_nodes || node_class_of(&c->classes, node)->members[0] == node)
		return true;
	for (size_t i = n; i < all; i++)
		if (s->feasible[i] == node)
			return true;
	return false;
}

/* Every plugin's prescore, before any scores: the nodes they nominate join the candidates.
 * Returns the candidates' count. */
static size_t prescore_all(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t n,
			   size_t nodes, struct pcg32 *rng)
{
	const struct scheduler_profile *prof = s->profile;
	struct feasible_set f = {s->feasible, n, nodes, !prof->scan_nodes, s->class_marks};
	size_t all = n;
	for (int k = 0; k < prof->n_plugins; k++) {
		if (!prof->plugins[k].ops->prescore)
			continue;
		int64_t nominee = prof->plugins[k].ops->prescore(s->self[k], c, p, &f, rng);
		if (nominee >= 0 && !is_candidate(s, c, (uint32_t)nominee, n, all))
			s->feasible[all++] = (uint32_t)nominee;
	}
	return all;
}

/* Adds one plugin's weighted, normalised scores to s->total; -1 when it failed a node. */
static int run_plugin(struct scheduler *s, int k, const struct cluster *c, const struct pod_spec *p, size_t n)
{
	const struct profile_plugin *pl = &s->profile->plugins[k];
	void *self = s->self[k];
	bool proposes = s->profile->gpu_sel == GPU_SEL_PLUGIN && s->profile->gpu_sel_plugin == k;
	for (size_t i = 0; i < n; i++) {
		uint32_t gpus = 0;
		s->scores[i] = pl->ops->score(self, c, p, s->feasible[i], &gpus);
		if (s->scores[i] == SCORE_ERROR)
			return -1;
		if (proposes)
			s->proposed[i] = gpus;
	}
	if (pl->ops->normalize)
		pl->ops->normalize(self, s->scores, n);
	for (size_t i = 0; i < n; i++)
		s->total[i] += s->scores[i] * pl->weight;
	return 0;
}

/* Fills s->feasible with the first member of each class that fits: *nodes counts the members. */
static size_t feasible_classes(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t *nodes)
{
	const struct node_classes *nc = &c->classes;
	size_t n = 0, n_buckets = cluster_fit_buckets(c, p, s->buckets);
	*nodes = 0;
	for (size_t b = 0; b < n_buckets; b++) {
		const struct class_list *l = &nc->live[s->buckets[b]];
		for (const struct class_entry *e = l->at; e < l->at + l->n; e++)
			if (cluster_fits_record(c, &e->fit, e->first, p)) {
				s->feasible[n++] = e->first;
				*nodes += e->n;
			}
	}
	return n;
}

/* Fills s->feasible with the nodes that fit, in node order: the plain scan, which no class
 * enters (and which the class scan is tested against). */
/* PipelineExclusive's filter: a node running pods of another pipeline is not for p. */
static bool exclusive_ok(const struct scheduler *s, size_t node, const struct pod_spec *p)
{
	return !s->node_pipeline || p->pipeline_id < 0 || s->node_pipeline_pods[node] == 0 ||
	       s->node_pipeline[node] == p->pipeline_id;
}

static size_t feasible_nodes(struct scheduler *s, const struct cluster *c, const struct pod_spec *p)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		if (cluster_fits(c, i, p) && exclusive_ok(s, i, p))
			s->feasible[n++] = (uint32_t)i;
	return n;
}

void scheduler_what_if(const struct scheduler *s, size_t node, struct filter_what_if *w)
{
	*w = (struct filter_what_if){s->node_pipeline != NULL, -1, 0};
	if (w->exclusive)
		*w = (struct filter_what_if){true, s->node_pipeline[node], s->node_pipeline_pods[node]};
}

void what_if_account(struct filter_what_if *w, const struct pod_spec *running, int sign)
{
	/* A node's pipeline pods are all of its one pipeline: the filter lets no other in. */
	if (w->exclusive && running->pipeline_id >= 0 && running->pipeline_id == w->pipeline)
		w->pods += (uint32_t)sign;
}

bool what_if_admits(const struct filter_what_if *w, const struct pod_spec *p)
{
	return !w->exclusive || p->pipeline_id < 0 || w->pods == 0 || w->pipeline == p->pipeline_id;
}

/* Keeps PipelineExclusive's count of each node's pipeline pods (sign 1 bound, −1 left). */
static void count_pipeline(struct scheduler *s, const struct pod_spec *p, size_t node, int sign)
{
	if (!s->node_pipeline || p->pipeline_id < 0)
		return;
	s->node_pipeline[node] = p->pipeline_id;
	s->node_pipeline_pods[node] += (uint32_t)sign;
}

size_t scheduler_filter(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t *nodes)
{
	if (s->profile->scan_nodes)
		return *nodes = feasible_nodes(s, c, p);
	return feasible_classes(s, c, p, nodes);
}

enum schedule_result scheduler_schedule(struct scheduler *s, const struct cluster *c, const struct pod_spec *p,
				       struct pcg32 *rng, struct placement *out)
{
	const struct scheduler_profile *prof = s->profile;
	size_t nodes, n = scheduler_filter(s, c, p, &nodes);
	s->n_scored = 0;
	if (n == 0)
		return NO_NODE_FITS;
	if (nodes == 1) {   /* Kubernetes skips scoring; the GPUs are still the selection's */
		out->node = (int32_t)s->feasible[0];
		out->gpus = scheduler_gpus_on(s, c, p, s->feasible[0], rng);
		return SCHEDULED;
	}
	n = prescore_all(s, c, p, n, nodes, rng);
	memset(s->total, 0, n * sizeof *s->total);
	memset(s->proposed, 0, n * sizeof *s->proposed);
	for (int k = 0; k < prof->n_plugins; k++)
		if (run_plugin(s, k, c, p, n))
			return SCORER_FAILED;
	s->n_scored = n;
	size_t best = 0;
	uint32_t best_rank = c->tie_rank[s->feasible[0]];
	for (size_t i = 1; i < n; i++) {
		if (s->total[i] < s->total[best])
			continue;
		uint32_t rank = c->tie_rank[s->feasible[i]];
		if (s->total[i] > s->total[best] || rank < best_rank) {
			best = i;
			best_rank = rank;
		}
	}
	out->node = (int32_t)s->feasible[best];
	out->gpus = p->gpu_index ? p->gpu_index : s->proposed[best];   /* pinned devices are the pod's own */
	if (!out->gpus)
		out->gpus = cluster_pick_gpus(c, s->feasible[best], p, prof->gpu_sel, rng);
	return SCHEDULED;
}

uint32_t scheduler_gpus_on(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node,
			   struct pcg32 *rng)
{
	const struct scheduler_profile *prof = s->profile;
	uint32_t gpus = p->gpu_index;
	if (!gpus && prof->gpu_sel == GPU_SEL_PLUGIN && !prof->batch) {
		int k = prof->gpu_sel_plugin;
		prof->plugins[k].ops->score(s->self[k], c, p, node, &gpus);
	}
	return gpus ? gpus : cluster_pick_gpus(c, node, p, prof->gpu_sel, rng);
}

int scheduler_place_batch(struct scheduler *s, struct cluster *c, double frag, const struct pod_spec *const *pods,
			  size_t n, struct pcg32 *rng, struct placement *out, size_t *decided, struct error *err)
{
	*decided = 0;
	if (n == 0)
		return 0;
	struct trial t;
	trial_init(&t, c, s->decoder, s->typical, frag);
	int rc = s->profile->plugins[0].ops->place(s->self[0], &t, pods, n, rng, out, decided, err);
	if (!rc && (t.n_steps || *decided == 0 || *decided > n))
		rc = error_set(err, "%s left trial placements on the cluster or decided %zu of %zu pods",
			       s->profile->plugins[0].ops->name, *decided, n);
	trial_release(&t);
	return rc;
}

void scheduler_bound(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	count_pipeline(s, p, node, 1);
	if (s->decoder)
		scheduler_bound(s->decoder, c, p, node);
	for (int i = 0; i < s->n_ready; i++)
		if (s->profile->plugins[i].ops->bound)
			s->profile->plugins[i].ops->bound(s->self[i], c, p, node);
}

void scheduler_unbound(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	count_pipeline(s, p, node, -1);
	if (s->decoder)
		scheduler_unbound(s->decoder, c, p, node);
	for (int i = 0; i < s->n_ready; i++)
		if (s->profile->plugins[i].ops->unbound)
			s->profile->plugins[i].ops->unbound(s->self[i], c, p, node);
}
