#include "sim/scheduler.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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

/* kube-scheduler's numFeasibleNodesToFind: all nodes below 100; else the share, adaptive
 * (50% less one point per 125 nodes, at least 5%) when 0, and at least 100 nodes. */
static size_t nodes_to_find(int32_t percentage, size_t n)
{
	if (n < 100 || percentage >= 100)
		return n;
	int64_t share = percentage;
	if (share == 0)
		share = 50 - (int64_t)n / 125 < 5 ? 5 : 50 - (int64_t)n / 125;
	size_t want = (size_t)((int64_t)n * share / 100);
	return want < 100 ? 100 : want;
}

/* GetZoneKey: region and zone (the beta labels where the GA ones are absent), "" without. */
static void zone_key(const struct node_spec *n, char *out, size_t size)
{
	const char *zone = node_label(n, "topology.kubernetes.io/zone"), *region = node_label(n, "topology.kubernetes.io/region");
	zone = zone ? zone : node_label(n, "failure-domain.beta.kubernetes.io/zone");
	region = region ? region : node_label(n, "failure-domain.beta.kubernetes.io/region");
	if ((!zone || !*zone) && (!region || !*region))
		out[0] = '\0';
	else
		snprintf(out, size, "%s:%s", region ? region : "", zone ? zone : "");
}

/* NodeTree's list: zones in the order their first node was added, one node of each in turn.
 * O(nodes × zones). */
static int make_tree_order(struct scheduler *s, const struct cluster *c)
{
	size_t n = c->n ? c->n : 1;
	uint32_t *zone_of = malloc(n * sizeof *zone_of), *count = calloc(n + 1, sizeof *count);
	uint32_t *first = calloc(n + 1, sizeof *first), *by_zone = malloc(n * sizeof *by_zone);
	char (*keys)[128] = malloc(n * sizeof *keys);
	s->tree_order = malloc(n * sizeof *s->tree_order);
	int rc = !zone_of || !count || !first || !by_zone || !keys || !s->tree_order ? -1 : 0;
	uint32_t zones = 0;
	for (size_t i = 0; !rc && i < c->n; i++) {
		char key[128];
		zone_key(&c->spec[i], key, sizeof key);
		uint32_t z = 0;
		while (z < zones && strcmp(keys[z], key))
			z++;
		if (z == zones)
			memcpy(keys[zones++], key, sizeof key);
		zone_of[i] = z;
		count[z]++;
	}
	/* The nodes grouped by zone, in the order they came; then round k takes each zone's k-th. */
	for (uint32_t z = 0; !rc && z < zones; z++)
		first[z + 1] = first[z] + count[z];
	for (size_t i = 0; !rc && i < c->n; i++)
		by_zone[first[zone_of[i]]++] = (uint32_t)i;
	for (uint32_t z = zones; !rc && z > 0; z--)
		first[z] = first[z - 1];
	if (!rc)
		first[0] = 0;
	for (size_t round = 0, at = 0; !rc && at < c->n; round++)
		for (uint32_t z = 0; z < zones; z++)
			if (count[z] > round)
				s->tree_order[at++] = by_zone[first[z] + round];
	free(zone_of);
	free(count);
	free(first);
	free(by_zone);
	free(keys);
	return rc;
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
	s->class_marks = calloc(n, 1);
	if (!s->feasible || !s->scores || !s->total || !s->proposed || !s->class_marks) {
		scheduler_release(s);
		return error_set(err, "out of memory for the scheduler");
	}
	if (filter_chain_init(&s->filters, p, c, err)) {
		scheduler_release(s);
		return -1;
	}
	s->sample = nodes_to_find(p->percentage_of_nodes, c->n);
	size_t room = c->n ? c->n : 1;
	if (s->sample < c->n && (make_tree_order(s, c) || filter_chain_sampled(&s->filters, c) ||
				 !(s->reps = malloc(room * sizeof *s->reps)) || !(s->rep_of = malloc(room * sizeof *s->rep_of)) ||
				 !(s->rep_at = calloc(room, sizeof *s->rep_at)))) {
		scheduler_release(s);
		return error_set(err, "out of memory for the scheduler's node order");
	}
	for (; s->n_ready < p->n_plugins; s->n_ready++) {
		const struct profile_plugin *pl = &p->plugins[s->n_ready];
		struct plugin_env env = {.cluster = c, .typical = typical, .args = pl->args, .config_path = p->config_path};
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
	free(s->class_marks);
	free(s->tree_order);
	free(s->reps);
	free(s->rep_of);
	free(s->rep_at);
	filter_chain_release(&s->filters);
	if (s->decoder)
		scheduler_release(s->decoder);
	free(s->decoder);
	free(s->decoder_profile);
	memset(s, 0, sizeof *s);
}

/* Whether node is already among the first n + extra candidates. */
static bool is_candidate(const struct scheduler *s, const struct cluster *c, uint32_t node, size_t n, size_t all)
{
	if (s->by_node || node_class_of(&c->classes, node)->members[0] == node)
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
	struct feasible_set f = {s->feasible, n, nodes, !s->by_node, s->class_marks};
	size_t all = n;
	s->nominated = false;
	for (int k = 0; k < prof->n_plugins; k++) {
		const struct policy_ops *ops = prof->plugins[k].ops;
		bool proposes = prof->gpu_sel == GPU_SEL_PLUGIN && prof->gpu_sel_plugin == k;
		s->skipped[k] = ops->skips && !proposes && ops->skips(s->self[k], c, p);
		if (!ops->prescore || s->skipped[k])
			continue;
		int64_t nominee = prof->plugins[k].ops->prescore(s->self[k], c, p, &f, rng);
		s->nominated |= nominee >= 0;
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

/* Whether p is filtered and scored node by node: the profile scans nodes, or a plugin's
 * answer for p reads which node it is. */
static bool scans_nodes(const struct scheduler *s, const struct pod_spec *p)
{
	const struct scheduler_profile *prof = s->profile;
	if (prof->scan_nodes || filter_chain_sees_node(&s->filters, p))
		return true;
	for (int k = 0; k < prof->n_plugins; k++)
		if (prof->plugins[k].ops->sees_node && prof->plugins[k].ops->sees_node(s->self[k], p))
			return true;
	return false;
}

size_t scheduler_filter(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t *nodes)
{
	if (s->sample < c->n) {
		size_t examined;
		s->by_node = true;
		*nodes = filter_chain_sample(&s->filters, c, p, s->tree_order, s->next_start, s->sample, s->feasible, &examined);
		s->next_start = (s->next_start + examined) % c->n;
		return *nodes;
	}
	s->by_node = scans_nodes(s, p);
	if (s->by_node)
		return *nodes = filter_nodes(&s->filters, c, p, s->feasible);
	return filter_classes(&s->filters, c, p, s->feasible, nodes);
}

/* A sample whose nodes score as their classes do (no plugin reads which node it is for p, none
 * nominated one): its nodes' classes' first sampled members into s->reps, each node's place
 * among them into s->rep_of; their count.  O(sample). */
static size_t group_by_class(struct scheduler *s, const struct cluster *c, size_t n)
{
	size_t u = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t id = c->classes.class_of[s->feasible[i]];
		if (!s->rep_at[id]) {
			s->reps[u++] = s->feasible[i];
			s->rep_at[id] = (uint32_t)u;
		}
		s->rep_of[i] = s->rep_at[id] - 1;
	}
	for (size_t k = 0; k < u; k++)
		s->rep_at[c->classes.class_of[s->reps[k]]] = 0;
	return u;
}

/* The candidate with the best total, ties to the lowest tie rank; a candidate's total is that of
 * its place rep_of[i] among those scored (NULL: its own). */
static size_t best_candidate(const struct scheduler *s, const struct cluster *c, size_t n, const uint32_t *rep_of)
{
	size_t best = 0;
	for (size_t i = 1; i < n; i++) {
		int64_t t = s->total[rep_of ? rep_of[i] : i], b = s->total[rep_of ? rep_of[best] : best];
		if (t > b || (t == b && c->tie_rank[s->feasible[i]] < c->tie_rank[s->feasible[best]]))
			best = i;
	}
	return best;
}

/* The sampled node with the best total (its class's); the representatives then stand as the
 * cycle's candidates, the chosen member for its class. */
static size_t best_sampled(struct scheduler *s, const struct cluster *c, size_t n, size_t u)
{
	size_t best = best_candidate(s, c, n, s->rep_of);
	uint32_t node = s->feasible[best];
	size_t at = s->rep_of[best];
	memcpy(s->feasible, s->reps, u * sizeof *s->feasible);
	s->feasible[at] = node;   /* the chosen member stands for its class */
	return at;
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
	bool grouped = s->sample < c->n && !s->nominated && !scans_nodes(s, p);
	size_t u = grouped ? group_by_class(s, c, n) : n;
	uint32_t *sample = s->feasible;
	if (grouped)
		s->feasible = s->reps;
	memset(s->total, 0, u * sizeof *s->total);
	memset(s->proposed, 0, u * sizeof *s->proposed);
	for (int k = 0; k < prof->n_plugins; k++)
		if (!s->skipped[k] && run_plugin(s, k, c, p, u)) {
			s->feasible = sample;
			return SCORER_FAILED;
		}
	s->feasible = sample;
	s->n_scored = u;
	size_t best = grouped ? best_sampled(s, c, n, u) : best_candidate(s, c, n, NULL);
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

void scheduler_bound(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	filter_chain_bound(&s->filters, c, p, node);
	if (s->decoder)
		scheduler_bound(s->decoder, c, p, node);
	for (int i = 0; i < s->n_ready; i++)
		if (s->profile->plugins[i].ops->bound)
			s->profile->plugins[i].ops->bound(s->self[i], c, p, node);
}

void scheduler_unbound(struct scheduler *s, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	filter_chain_unbound(&s->filters, c, p, node);
	if (s->decoder)
		scheduler_unbound(s->decoder, c, p, node);
	for (int i = 0; i < s->n_ready; i++)
		if (s->profile->plugins[i].ops->unbound)
			s->profile->plugins[i].ops->unbound(s->self[i], c, p, node);
}
