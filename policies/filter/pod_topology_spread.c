/* pod_topology_spread.c — PodTopologySpread, as kube-scheduler's.
 *
 * A constraint counts the bound pods of its pod's namespace that its selector matches, per
 * domain of its topology key, over the nodes that have every key of the pod's constraints and
 * pass its inclusion policies (nodeAffinityPolicy Honor: the pod's nodeSelector and required
 * node affinity; nodeTaintsPolicy Honor: no untolerated NoSchedule or NoExecute taint).
 * Filter (DoNotSchedule constraints): a node without the key is turned away ("... (missing
 * required label)"); one where count + (1 if the pod matches its own selector) − the least
 * count of any domain (0 when there are fewer domains than minDomains) passes maxSkew, too
 * ("node(s) didn't match pod topology spread constraints").
 * Score (ScheduleAnyway constraints): feasible nodes without every key are ignored (0); a
 * node's score is Σ count × ln(domains among the feasible nodes + 2) + maxSkew − 1, rounded,
 * counts of a hostname key being the node's own; then 100 × (max + min − s) / max.
 *
 * Counts are kept as pods bind and leave (pod_counts.h), with the least count by a histogram:
 * when every node has the keys and no policy leaves a node out, a decision reads them as
 * they are, O(constraints) per node; otherwise the pod's counts are summed over the nodes it
 * includes, O(nodes) once per decision.  Classes answer for constraints whose key splits
 * shapes; a pod with a constraint on a key of many values (a hostname) is filtered and scored
 * node by node.
 *
 * Default constraints (args defaultingType: System, the default, or List with
 * defaultConstraints) apply to a pod without constraints of its own that a ReplicaSet,
 * StatefulSet or ReplicationController owns (a Deployment's through its ReplicaSet), as
 * kube-scheduler applies them; their selector, which Kubernetes takes from the owners'
 * selectors, is here the pod's own labels less the per-pod ones a StatefulSet adds, which pick
 * the same pods: those of its template.  System's are hostname (maxSkew 3) and
 * topology.kubernetes.io/zone (maxSkew 5), ScheduleAnyway, and a node without their keys is
 * not ignored in the score.  Services, which also select pods for it, are not read.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "policies/kit/args.h"
#include "policies/kit/feasible.h"
#include "policies/kit/pod_counts.h"
#include "sim/load/placement_match.h"
#include "sim/plugin/filter.h"
#include "sim/plugin/score.h"

#define WHAT_IF_CONSTRAINTS 4
#define IGNORED (-1)
#define MAX_DEFAULTS 16
#define HOSTNAME "kubernetes.io/hostname"

struct own_constraint {
	uint32_t term;
	const struct spread_constraint *c;
};

struct own_spread {
	const struct pod_rules *rules;
	struct own_constraint *at;
	uint32_t n;
};

/* The default constraints of the pods of one namespace and label set, with their selector. */
struct defaulted {
	uint64_t hash;
	const char *ns;
	const struct label *labels;
	size_t n_labels;
	struct requirement *reqs;
	struct spread_constraint *c;   /* the defaults with this selector */
	struct own_spread own;
};

/* One constraint as a decision for P reads it. */
struct reading {
	uint32_t term;
	const struct spread_constraint *c;
	const int64_t *counts;       /* per domain: the kept counts, or P's sums */
	int64_t least;               /* the least count of a domain, 0 below minDomains */
	uint32_t domains;
	bool self;                   /* P matches its own selector */
	double weight;               /* the score's ln(domains among feasible nodes + 2) */
};

struct pts {
	struct pod_counts pc;
	const struct workload *w;
	struct own_spread *owns;     /* open addressing by rules pointer */
	size_t mask;
	struct spread_constraint defaults[MAX_DEFAULTS];
	uint32_t n_defaults;
	bool system;                 /* defaultingType System */
	struct defaulted *defaulted; /* open addressing by label hash; hash 0 empty */
	size_t defaulted_mask;
	bool hard_taints;
	bool scoring;                /* this instance scores ScheduleAnyway constraints */
	int64_t **sums;              /* per term: P's per-domain sums when nodes are left out */
	uint8_t *marks;              /* per domain, scratch */
	size_t marks_size;
	/* P's part: */
	const struct pod_spec *p;
	uint64_t generation;
	struct reading at[MAX_RULE_ITEMS];
	uint32_t n;
	bool all_keys_everywhere, skipped;
	bool every_key;              /* nodes without every key are left out (not with System defaults) */
};

static struct own_spread *own_slot(const struct pts *x, const struct pod_rules *r)
{
	return &x->owns[rules_slot(x->owns, sizeof *x->owns, x->mask, r)];
}

static const struct own_spread *own_rules(const struct pts *x, const struct pod_rules *r)
{
	const struct own_spread *o = r && r->n_spread ? own_slot(x, r) : NULL;
	return o && o->rules ? o : NULL;
}

/* Labels a StatefulSet gives each pod its own value of: not part of its selector. */
static bool per_pod_label(const char *key)
{
	return !strcmp(key, "statefulset.kubernetes.io/pod-name") || !strcmp(key, "apps.kubernetes.io/pod-index") ||
	       !strcmp(key, "controller-revision-hash");
}

/* Whether default constraints apply to p: none of its own, an owner that selects its pods. */
static bool takes_defaults(const struct pts *x, const struct pod_spec *p)
{
	if (!x->n_defaults || (p->rules && p->rules->n_spread))
		return false;
	const char *owner = p->controller >= 0 && (size_t)p->controller < x->w->n_controllers
				    ? x->w->controllers[p->controller].key
				    : p->owner;
	static const char *const kinds[] = {"Deployment/", "ReplicaSet/", "StatefulSet/", "ReplicationController/"};
	for (size_t k = 0; owner && k < sizeof kinds / sizeof kinds[0]; k++)
		if (!strncmp(owner, kinds[k], strlen(kinds[k]))) {
			for (size_t i = 0; i < p->n_labels; i++)
				if (!per_pod_label(p->labels[i].key))
					return true;
			return false;   /* an empty selector: Kubernetes applies none */
		}
	return false;
}

static struct defaulted *defaulted_slot(const struct pts *x, const struct pod_spec *p)
{
	const char *ns = pod_namespace(x->w, p);
	uint64_t h = label_set_hash(ns, p->labels, p->n_labels);
	size_t i = h & x->defaulted_mask;
	while (x->defaulted[i].hash && !(x->defaulted[i].hash == h && label_set_equal(x->defaulted[i].ns, x->defaulted[i].labels, x->defaulted[i].n_labels, ns, p->labels, p->n_labels)))
		i = (i + 1) & x->defaulted_mask;
	return &x->defaulted[i];
}

static const struct own_spread *own_of(const struct pts *x, const struct pod_spec *p)
{
	const struct own_spread *o = own_rules(x, p->rules);
	if (o || !takes_defaults(x, p))
		return o;
	const struct defaulted *d = defaulted_slot(x, p);
	return d->hash ? &d->own : NULL;
}

static bool counts_for(const struct pts *x, const struct spread_constraint *c)
{
	return (c->when == SPREAD_SCHEDULE_ANYWAY) == x->scoring;
}

/* The constraints c[0..n) of pod p (those this instance counts) as its terms, into o. */
static int intern_constraints(struct pts *x, const struct pod_spec *p, const struct spread_constraint *c, uint32_t n,
			      struct own_spread *o)
{
	if (!(o->at = malloc((n ? n : 1) * sizeof *o->at)))
		return -1;
	/* A constraint counts its pod's namespace, named by the workload's list (or "default"). */
	static const char *const default_ns[] = {"default"};
	bool named = p->namespace_id >= 0 && (size_t)p->namespace_id < x->w->n_namespaces;
	const char *const *ns = named ? &x->w->namespaces[p->namespace_id] : default_ns;
	for (uint32_t i = 0; i < n; i++) {
		if (!counts_for(x, &c[i]))
			continue;
		int id = pod_counts_term(&x->pc, &c[i].selector, ns, 1, false, c[i].topology_key, KEEP_ON_NODE | KEEP_MINIMUM);
		if (id < 0)
			return -1;
		o->at[o->n++] = (struct own_constraint){(uint32_t)id, &c[i]};
	}
	return 0;
}

static int add_rules(struct pts *x, const struct pod_spec *p)
{
	struct own_spread *o = own_slot(x, p->rules);
	if (o->rules)
		return 0;
	o->rules = p->rules;
	return intern_constraints(x, p, p->rules->spread, p->rules->n_spread, o);
}

/* The default constraints of p's label set, their selector its labels but the per-pod ones. */
static int add_defaults(struct pts *x, const struct pod_spec *p)
{
	struct defaulted *d = defaulted_slot(x, p);
	if (d->hash)
		return 0;
	const char *ns = pod_namespace(x->w, p);
	*d = (struct defaulted){label_set_hash(ns, p->labels, p->n_labels), ns, p->labels, p->n_labels, NULL, NULL, {0}};
	d->reqs = calloc(p->n_labels ? p->n_labels : 1, sizeof *d->reqs);
	d->c = malloc(x->n_defaults * sizeof *d->c);
	if (!d->reqs || !d->c)
		return -1;
	uint32_t n = 0;
	for (size_t i = 0; i < p->n_labels; i++)
		if (!per_pod_label(p->labels[i].key))
			d->reqs[n++] = (struct requirement){.key = p->labels[i].key, .values = &p->labels[i].value,
							    .n_values = 1, .op = OP_IN};
	for (uint32_t i = 0; i < x->n_defaults; i++) {
		d->c[i] = x->defaults[i];
		d->c[i].selector = (struct label_selector){d->reqs, n, false};
	}
	return intern_constraints(x, p, d->c, x->n_defaults, &d->own);
}

/* defaultingType and defaultConstraints, checked as kube-scheduler's validation checks them. */
static int read_defaults(struct pts *x, const struct plugin_env *env, struct error *err)
{
	static const char *const types[] = {"System", "List"};
	int type = 0;
	if (arg_choice(env, "PodTopologySpread", "defaultingType", types, 2, &type, err))
		return -1;
	x->system = type == 0;
	char field[96];
	for (uint32_t i = 0;; i++) {
		snprintf(field, sizeof field, "defaultConstraints[%u].topologyKey", i);
		const struct plugin_arg *key = arg_value(env, field);
		if (!key)
			break;
		if (x->system)
			return arg_error(env, key, err, "PodTopologySpread: defaultConstraints need defaultingType List");
		if (i == MAX_DEFAULTS)
			return arg_error(env, key, err, "PodTopologySpread: at most %d defaultConstraints", MAX_DEFAULTS);
		struct spread_constraint *c = &x->defaults[x->n_defaults++];
		int64_t skew = 0;
		int when = -1;
		static const char *const whens[] = {"DoNotSchedule", "ScheduleAnyway"};
		*c = (struct spread_constraint){.topology_key = key->value, .min_domains = 1, .honor_affinity = true};
		snprintf(field, sizeof field, "defaultConstraints[%u].maxSkew", i);
		if (arg_integer(env, "PodTopologySpread", field, 1, INT32_MAX, &skew, err))
			return -1;
		snprintf(field, sizeof field, "defaultConstraints[%u].whenUnsatisfiable", i);
		if (arg_choice(env, "PodTopologySpread", field, whens, 2, &when, err))
			return -1;
		if (!skew || when < 0)
			return arg_error(env, key, err, "PodTopologySpread: defaultConstraints[%u] needs maxSkew and "
						       "whenUnsatisfiable", i);
		c->max_skew = (int32_t)skew;
		c->when = when ? SPREAD_SCHEDULE_ANYWAY : SPREAD_DO_NOT_SCHEDULE;
	}
	if (x->system) {
		x->defaults[0] = (struct spread_constraint){3, 1, HOSTNAME, SPREAD_SCHEDULE_ANYWAY, true, false, {0}};
		x->defaults[1] = (struct spread_constraint){5, 1, "topology.kubernetes.io/zone", SPREAD_SCHEDULE_ANYWAY, true,
							    false, {0}};
		x->n_defaults = 2;
	}
	return 0;
}

static void pts_free(void *self)
{
	struct pts *x = self;
	if (!x)
		return;
	for (size_t i = 0; x->owns && i <= x->mask; i++)
		free(x->owns[i].at);
	for (size_t i = 0; x->defaulted && i <= x->defaulted_mask; i++) {
		free(x->defaulted[i].reqs);
		free(x->defaulted[i].c);
		free(x->defaulted[i].own.at);
	}
	free(x->defaulted);
	for (size_t t = 0; x->sums && t < x->pc.n_terms; t++)
		free(x->sums[t]);
	free(x->sums);
	free(x->marks);
	pod_counts_release(&x->pc);
	free(x->owns);
	free(x);
}

static int pts_make(void **self, const struct plugin_env *env, bool scoring, struct error *err)
{
	*self = NULL;
	if (!env->cluster) {   /* the profile's check of the args */
		struct pts *check = calloc(1, sizeof *check);
		int rc = check ? read_defaults(check, env, err) : error_set(err, "out of memory");
		free(check);
		return rc;
	}
	const struct cluster *c = env->cluster;
	const struct workload *w = c->w;
	struct pts *x = calloc(1, sizeof *x);
	size_t with = 0;
	for (size_t i = 0; i < w->n_pods; i++)
		with += (w->pods[i].rules && w->pods[i].rules->n_spread) || w->pods[i].controller >= 0 || w->pods[i].owner;
	size_t size = rules_table_size(with);
	if (!x || pod_counts_init(&x->pc, c) || !(x->owns = calloc(size, sizeof *x->owns)))
		goto oom;
	x->w = w;
	x->mask = size - 1;
	x->scoring = scoring;
	x->defaulted_mask = size - 1;
	if (read_defaults(x, env, err)) {
		pts_free(x);
		return -1;
	}
	if (!(x->defaulted = calloc(size, sizeof *x->defaulted)))
		goto oom;
	for (size_t i = 0; i < c->n; i++)
		for (uint32_t k = 0; k < c->spec[i].n_taints; k++)
			x->hard_taints |= c->spec[i].taints[k].effect != EFFECT_PREFER_NO_SCHEDULE;
	for (size_t i = 0; i < w->n_pods; i++) {
		const struct pod_spec *p = &w->pods[i];
		if (p->rules && p->rules->n_spread ? add_rules(x, p) : takes_defaults(x, p) ? add_defaults(x, p) : 0)
			goto oom;
	}
	if (pod_counts_seal(&x->pc) || !(x->sums = calloc(x->pc.n_terms ? x->pc.n_terms : 1, sizeof *x->sums)))
		goto oom;
	for (size_t k = 0; k < x->pc.n_keys; k++)
		x->marks_size = x->pc.keys[k].n_domains > x->marks_size ? x->pc.keys[k].n_domains : x->marks_size;
	for (size_t t = 0; t < x->pc.n_terms; t++) {
		uint32_t domains = x->pc.keys[x->pc.terms[t].key].n_domains;
		if (!(x->sums[t] = calloc(domains ? domains : 1, sizeof *x->sums[t])))
			goto oom;
	}
	if (!(x->marks = calloc(x->marks_size ? x->marks_size : 1, 1)))
		goto oom;
	*self = x;
	return 0;
oom:
	pts_free(x);
	return error_set(err, "out of memory for PodTopologySpread");
}

static void pts_account(struct pts *x, const struct pod_spec *q, size_t node, int sign)
{
	if (x->pc.n_terms == 0)
		return;   /* no pod has a constraint counted here */
	pod_counts_bind(&x->pc, pod_counts_class(&x->pc, x->w, q), node, sign);
}

static void pts_bound(void *self, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	(void)c;
	pts_account(self, p, node, 1);
}

static void pts_unbound(void *self, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	(void)c;
	pts_account(self, p, node, -1);
}

/* Whether node has the key of every constraint P reads. */
static bool has_all_keys(const struct pts *x, size_t node)
{
	for (uint32_t i = 0; i < x->n; i++)
		if (pod_counts_domain(&x->pc, x->at[i].term, node) < 0)
			return false;
	return true;
}

/* Whether constraint c of P counts node (its inclusion policies). */
static bool includes(const struct spread_constraint *c, const struct cluster *cl, size_t node, const struct pod_spec *p)
{
	const struct node_spec *n = &cl->spec[node];
	if (c->honor_affinity && (!node_selector_matches(p, n) || !required_affinity_matches(p, n)))
		return false;
	return !c->honor_taints || first_untolerated(n, p) == NULL;
}

/* Whether a node without every key of P's constraints is left out of its counts: always in
 * the filter, and in the score unless the constraints are the System defaults. */
static bool counts_need_every_key(const struct pts *x)
{
	return !x->scoring || x->every_key;
}

/* Whether no node is left out of P's counts: every node has the keys, no policy leaves one out. */
static bool counts_as_kept(const struct pts *x, const struct pod_spec *p)
{
	for (uint32_t i = 0; i < x->n; i++) {
		const struct spread_constraint *c = x->at[i].c;
		/* A key some node lacks leaves that node out of every constraint's counts. */
		if (!x->pc.keys[x->pc.terms[x->at[i].term].key].everywhere && counts_need_every_key(x))
			return false;
		if (c->honor_affinity && (p->n_selector || (p->rules && p->rules->has_required)))
			return false;
		if (c->honor_taints && x->hard_taints)
			return false;
	}
	return true;
}

/* P's sums per domain over the nodes it includes; the number of domains such nodes are in. */
static void sum_included(struct pts *x, const struct cluster *cl, const struct pod_spec *p, struct reading *r)
{
	const struct counted_term *t = &x->pc.terms[r->term];
	const struct topology_key *k = &x->pc.keys[t->key];
	int64_t *sums = x->sums[r->term];
	memset(sums, 0, (k->n_domains ? k->n_domains : 1) * sizeof *sums);
	memset(x->marks, 0, x->marks_size ? x->marks_size : 1);
	r->domains = 0;
	for (size_t node = 0; node < cl->n; node++) {
		int32_t d = k->domain[node];
		if (d < 0 || (counts_need_every_key(x) && !has_all_keys(x, node)) || !includes(r->c, cl, node, p))
			continue;
		sums[d] += t->on_node[node];
		r->domains += !x->marks[d];
		x->marks[d] = 1;
	}
	int64_t least = INT64_MAX;
	for (uint32_t d = 0; d < k->n_domains; d++)
		if (x->marks[d] && sums[d] < least)
			least = sums[d];
	r->least = r->domains ? least : 0;
	r->counts = sums;
}

/* P's readings of its constraints, as the cluster stands (kept until the next bind). */
static void read_constraints(struct pts *x, const struct cluster *cl, const struct pod_spec *p)
{
	if (x->p == p && x->generation == x->pc.generation)
		return;
	x->p = p;
	x->generation = x->pc.generation;
	x->n = 0;
	const struct own_spread *o = own_of(x, p);
	const struct label_class *k = pod_counts_class(&x->pc, x->w, p);
	for (uint32_t i = 0; o && i < o->n; i++)
		x->at[x->n++] = (struct reading){.term = o->at[i].term, .c = o->at[i].c,
						 .self = k && pod_counts_matches(k, o->at[i].term)};
	x->every_key = !x->system || own_rules(x, p->rules) != NULL;
	x->all_keys_everywhere = counts_as_kept(x, p);
	for (uint32_t i = 0; i < x->n; i++) {
		struct reading *r = &x->at[i];
		if (!x->all_keys_everywhere) {
			sum_included(x, cl, p, r);
		} else {
			r->counts = x->pc.terms[r->term].matching;
			r->domains = x->pc.keys[x->pc.terms[r->term].key].n_domains;
			r->least = pod_counts_minimum(&x->pc, r->term);
		}
		if (r->domains < (uint32_t)r->c->min_domains)
			r->least = 0;
	}
}

/* ---- Filter ---- */

static int filter_init(void **self, const struct plugin_env *env, struct error *err)
{
	return pts_make(self, env, false, err);
}

/* A pod without DoNotSchedule constraints, its own or the defaults', passes everywhere. */
static bool skips(const void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)c;
	const struct own_spread *o = own_of(self, p);
	return !o || o->n == 0;
}

static void prefilter(void *self, const struct cluster *c, const struct pod_spec *p)
{
	read_constraints(self, c, p);
}

/* Why node turns P away, with `removed` of each constraint's matching pods taken off it (NULL:
 * none): FIT_SPREAD_LABEL, FIT_SPREAD, or -1. */
static int turned_away(const struct pts *x, size_t node, const int32_t *removed)
{
	for (uint32_t i = 0; i < x->n; i++) {
		const struct reading *r = &x->at[i];
		int32_t d = pod_counts_domain(&x->pc, r->term, node);
		if (d < 0)
			return FIT_SPREAD_LABEL;
		int64_t count = r->counts[d], least = r->least;
		if (removed && i < WHAT_IF_CONSTRAINTS) {
			count -= removed[i];   /* taking pods off lowers one domain: the least can only fall to it */
			least = count < least && r->domains >= (uint32_t)r->c->min_domains ? count : least;
		}
		if (count + r->self - least > r->c->max_skew)
			return FIT_SPREAD;
	}
	return -1;
}

static bool admits(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p)
{
	(void)c;
	(void)p;
	return turned_away(self, node, NULL) < 0;
}

static void why(const void *self, const struct cluster *c, size_t node, const struct pod_spec *p, struct fit_error *e,
		uint32_t nodes)
{
	(void)c;
	fit_error_count(e, p, 1u << turned_away(self, node, NULL), nodes);
}

static bool sees_node(const void *self, const struct pod_spec *p)
{
	const struct pts *x = self;
	const struct own_spread *o = own_of(x, p);
	for (uint32_t i = 0; o && i < o->n; i++)
		if (!x->pc.keys[x->pc.terms[o->at[i].term].key].in_shape)
			return true;
	return false;
}

struct pts_what_if {
	uint32_t node;
	int32_t removed[WHAT_IF_CONSTRAINTS];
};

static void pts_what_if_begin(const void *self, size_t node, const struct pod_spec *p, void *state)
{
	(void)self;
	(void)p;
	memset(state, 0, sizeof(struct pts_what_if));
	((struct pts_what_if *)state)->node = (uint32_t)node;
}

static void pts_what_if_account(const void *self, void *state, const struct pod_spec *running, int sign)
{
	struct pts *x = (struct pts *)self;   /* label classes are made on first sight */
	struct pts_what_if *w = state;
	const struct label_class *k = pod_counts_class(&x->pc, x->w, running);
	for (uint32_t i = 0; k && i < x->n && i < WHAT_IF_CONSTRAINTS; i++)
		w->removed[i] -= sign * pod_counts_matches(k, x->at[i].term);
}

static bool pts_what_if_admits(const void *self, const void *state, const struct pod_spec *p)
{
	(void)p;
	const struct pts_what_if *w = state;
	return turned_away(self, w->node, w->removed) < 0;
}

/* ---- Score ---- */

static int score_init(void **self, const struct plugin_env *env, struct error *err)
{
	return pts_make(self, env, true, err);
}

static bool pts_skips(void *self, const struct cluster *c, const struct pod_spec *p)
{
	(void)c;
	const struct own_spread *o = own_of(self, p);
	return !o || o->n == 0;
}

static int64_t pts_prescore(void *self, const struct cluster *c, const struct pod_spec *p, const struct feasible_set *f,
			    struct pcg32 *rng)
{
	(void)rng;
	struct pts *x = self;
	read_constraints(x, c, p);
	x->skipped = x->n == 0;
	for (uint32_t i = 0; i < x->n; i++) {
		struct reading *r = &x->at[i];
		const struct topology_key *k = &x->pc.keys[x->pc.terms[r->term].key];
		bool hostname = strcmp(k->name, HOSTNAME) == 0, unlabelled = false;
		size_t size = 0;
		memset(x->marks, 0, x->marks_size ? x->marks_size : 1);
		for (size_t j = 0; j < f->n; j++) {
			uint32_t node = f->candidates[j];
			if (x->every_key && !has_all_keys(x, node))
				continue;   /* ignored */
			int32_t d = k->domain[node];
			if (hostname) {
				size += f->by_class ? node_class_of(&c->classes, node)->n : 1;
			} else if (d < 0) {
				size += !unlabelled;   /* nodes without the key are one more domain, "" */
				unlabelled = true;
			} else if (!x->marks[d]) {
				x->marks[d] = 1;
				size++;
			}
		}
		r->weight = log((double)size + 2);
	}
	return NO_NOMINEE;
}

static int64_t pts_score(void *self, const struct cluster *c, const struct pod_spec *p, size_t node, uint32_t *gpus)
{
	(void)c;
	(void)p;
	(void)gpus;
	const struct pts *x = self;
	if (x->skipped)
		return 0;
	if (x->every_key && !has_all_keys(x, node))
		return IGNORED;
	double s = 0;
	for (uint32_t i = 0; i < x->n; i++) {
		const struct reading *r = &x->at[i];
		const struct counted_term *t = &x->pc.terms[r->term];
		int32_t d = pod_counts_domain(&x->pc, r->term, node);
		if (d < 0)
			continue;   /* a default constraint on a key the node lacks */
		bool hostname = strcmp(x->pc.keys[t->key].name, HOSTNAME) == 0;
		int64_t count = hostname ? t->on_node[node] : r->counts[d];
		s += (double)count * r->weight + (double)(r->c->max_skew - 1);
	}
	return (int64_t)llround(s);
}

static void pts_normalize(void *self, int64_t *scores, size_t n)
{
	const struct pts *x = self;
	if (x->skipped)
		return;
	int64_t lo = INT64_MAX, hi = 0;
	for (size_t i = 0; i < n; i++) {
		if (scores[i] == IGNORED)
			continue;
		lo = scores[i] < lo ? scores[i] : lo;
		hi = scores[i] > hi ? scores[i] : hi;
	}
	for (size_t i = 0; i < n; i++)
		scores[i] = scores[i] == IGNORED ? 0 : hi == 0 ? SCORE_MAX : SCORE_MAX * (hi + lo - scores[i]) / hi;
}

static const char *const spread_args[] = {"defaultingType", "defaultConstraints[].maxSkew",
					  "defaultConstraints[].topologyKey", "defaultConstraints[].whenUnsatisfiable", NULL};

const struct plugin pod_topology_spread_plugin = {
	.name = "PodTopologySpread",
	.args = spread_args,
	.summary = "pods spread over topology domains within maxSkew; ScheduleAnyway constraints score (on by default)",
	.init = filter_init,
	.free = pts_free,
	.filter = &(const struct filter_ops){
		.skips = skips,
		.prefilter = prefilter,
		.sees_node = sees_node,
		.admits = admits,
		.why = why,
		.bound = pts_bound,
		.unbound = pts_unbound,
		.what_if_size = sizeof(struct pts_what_if),
		.what_if_begin = pts_what_if_begin,
		.what_if_account = pts_what_if_account,
		.what_if_admits = pts_what_if_admits,
	},
	.score = &(const struct policy_ops){
		.name = "PodTopologySpread",
		.summary = "fewer matching pods in a node's domains score higher",
		.args = spread_args,
		.sees_node = sees_node,
		.init = score_init,
		.skips = pts_skips,
		.prescore = pts_prescore,
		.score = pts_score,
		.normalize = pts_normalize,
		.bound = pts_bound,
		.unbound = pts_unbound,
		.free = pts_free,
	},
	.by_default = true,
};
