#include "sim/filter_chain.h"

#include <stdlib.h>
#include <string.h>

#include "sim/load/placement_match.h"

int filter_chain_init(struct filter_chain *f, const struct scheduler_profile *p, const struct cluster *c,
		      struct error *err)
{
	memset(f, 0, sizeof *f);
	f->namer = -1;
	f->c = c;
	f->what_if_size = sizeof(size_t);
	for (int i = 0; i < p->n_filters; i++) {
		const struct plugin *plugin = p->filters[i].plugin;
		struct plugin_env env = {.cluster = c, .args = p->filters[i].args, .config_path = p->config_path};
		if (plugin->init && plugin->init(&f->self[i], &env, err)) {
			filter_chain_release(f);
			return -1;
		}
		f->plugin[i] = plugin;
		f->ops[i] = plugin->filter;
		f->n = i + 1;
		f->offset[i] = f->what_if_size;
		f->what_if_size += (f->ops[i]->what_if_size + 7) / 8 * 8;   /* each filter's part aligned */
		if (f->what_if_size > WHAT_IF_MAX) {
			filter_chain_release(f);
			return error_set(err, "the profile's filters need more what-if room than %d bytes", WHAT_IF_MAX);
		}
		if (f->namer < 0 && f->ops[i]->candidates)
			f->namer = i;
	}
	return 0;
}

int filter_chain_sampled(struct filter_chain *f, const struct cluster *c)
{
	f->judged = calloc(c->n_shapes ? c->n_shapes : 1, sizeof *f->judged);
	f->passes = calloc(c->n_shapes ? c->n_shapes : 1, sizeof *f->passes);
	return f->judged && f->passes ? 0 : -1;
}

void filter_chain_release(struct filter_chain *f)
{
	free(f->judged);
	free(f->passes);
	for (int i = 0; i < f->n; i++)
		if (f->plugin[i]->free)
			f->plugin[i]->free(f->self[i]);
	memset(f, 0, sizeof *f);
}

/* Every live class's first member, when no filter names candidates. */
static size_t all_classes(const struct cluster *c, uint32_t *out, size_t *nodes)
{
	const struct node_classes *nc = &c->classes;
	size_t n = 0;
	*nodes = 0;
	for (uint32_t b = 0; b < cluster_n_buckets(c); b++)
		for (const struct class_entry *e = nc->live[b].at; e < nc->live[b].at + nc->live[b].n; e++) {
			out[n++] = e->first;
			*nodes += e->n;
		}
	return n;
}

static bool skips(const struct filter_chain *f, int i, const struct cluster *c, const struct pod_spec *p)
{
	return f->ops[i]->skips && f->ops[i]->skips(f->self[i], c, p);
}

bool filter_chain_sees_node(const struct filter_chain *f, const struct pod_spec *p)
{
	for (int i = 0; i < f->n; i++)
		if (f->ops[i]->sees_node && f->ops[i]->sees_node(f->self[i], p))
			return true;
	return false;
}

size_t filter_classes(struct filter_chain *f, const struct cluster *c, const struct pod_spec *p, uint32_t *out,
		      size_t *nodes)
{
	size_t n = f->namer >= 0 ? f->ops[f->namer]->candidates(f->self[f->namer], c, p, out, nodes)
				 : all_classes(c, out, nodes);
	for (int i = 0; i < f->n; i++) {
		if (i == f->namer || skips(f, i, c, p))
			continue;
		if (f->ops[i]->prefilter)
			f->ops[i]->prefilter(f->self[i], c, p);
		size_t kept = 0;
		*nodes = 0;
		for (size_t k = 0; k < n; k++)
			if (f->ops[i]->admits(f->self[i], c, out[k], p)) {
				out[kept++] = out[k];
				*nodes += node_class_of(&c->classes, out[k])->n;
			}
		n = kept;
	}
	return n;
}

/* The filters p is asked of (those that do not skip it) into at[]; their count.  A FitError
 * (`telling`) hears only the filters that can say why. */
static int asked(const struct filter_chain *f, const struct cluster *c, const struct pod_spec *p, bool telling,
		 int *at)
{
	int n = 0;
	for (int i = 0; i < f->n; i++)
		if (!skips(f, i, c, p) && (!telling || f->ops[i]->why))
			at[n++] = i;
	for (int k = 0; k < n; k++)
		if (f->ops[at[k]]->prefilter)
			f->ops[at[k]]->prefilter(f->self[at[k]], c, p);
	return n;
}

/* The first of the asked filters that turns node away, or -1. */
static int rejecter(const struct filter_chain *f, const int *at, int n, const struct cluster *c, size_t node,
		    const struct pod_spec *p)
{
	for (int k = 0; k < n; k++)
		if (!f->ops[at[k]]->admits(f->self[at[k]], c, node, p))
			return at[k];
	return -1;
}

size_t filter_nodes(const struct filter_chain *f, const struct cluster *c, const struct pod_spec *p, uint32_t *out)
{
	int at[MAX_FILTERS], n_at = asked(f, c, p, false, at);
	size_t n = 0;
	for (size_t node = 0; node < c->n; node++)
		if (rejecter(f, at, n_at, c, node, p) < 0)
			out[n++] = (uint32_t)node;
	return n;
}

/* Whether what node is lets p pass (the filters of what a node is, and p's nodeSelector),
 * judged once per shape a cycle: a shape holds all such filters read of a node, unless the pod
 * reads which node it is. */
static bool shape_passes(struct filter_chain *f, const int *spec, int n_spec, const struct cluster *c, size_t node,
			 const struct pod_spec *p)
{
	uint32_t shape = c->shape_of[node];
	if (f->judged[shape] == f->cycle)
		return f->passes[shape];
	bool pass = node_selector_matches(p, &c->spec[node]);
	for (int k = 0; k < n_spec && pass; k++)
		pass = f->ops[spec[k]]->admits(f->self[spec[k]], c, node, p);
	f->judged[shape] = f->cycle;
	f->passes[shape] = pass;
	return pass;
}

size_t filter_chain_sample(struct filter_chain *f, const struct cluster *c, const struct pod_spec *p,
			   const uint32_t *order, size_t start, size_t want, uint32_t *out, size_t *examined)
{
	int at[MAX_FILTERS], n_at = asked(f, c, p, false, at), spec[MAX_FILTERS], n_spec = 0, state[MAX_FILTERS], n_state = 0;
	bool by_shape = f->judged && !filter_chain_sees_node(f, p);
	for (int k = 0; k < n_at; k++) {
		if (by_shape && f->ops[at[k]]->spec_only)
			spec[n_spec++] = at[k];
		else
			state[n_state++] = at[k];
	}
	if (by_shape && ++f->cycle == 0) {   /* the stamps wrap: forget them all */
		memset(f->judged, 0, c->n_shapes * sizeof *f->judged);
		f->cycle = 1;
	}
	/* A shape that passes has matched p's nodeSelector: the resource fit need not again. */
	struct pod_spec unselected = *p;
	unselected.n_selector = 0;
	size_t found = 0, i = 0;
	for (; i < c->n && found < want; i++) {
		uint32_t node = order[(start + i) % c->n];
		if (by_shape && !shape_passes(f, spec, n_spec, c, node, p))
			continue;
		int k = 0;
		while (k < n_state && f->ops[state[k]]->admits(f->self[state[k]], c, node,
							      by_shape && f->plugin[state[k]]->always ? &unselected : p))
			k++;
		if (k == n_state)
			out[found++] = node;
	}
	*examined = i;
	return found;
}

bool filter_chain_admits(struct filter_chain *f, const struct cluster *c, size_t node, const struct pod_spec *p)
{
	/* A batch placer asks of one pod node after node: which filters it is asked of (a question
	 * of the pod and the cluster's nodes, not of their state) is kept for it. */
	if (f->admits_for != p) {
		f->n_admits_at = asked(f, c, p, false, f->admits_at);
		f->admits_for = p;
	} else {
		for (int k = 0; k < f->n_admits_at; k++)
			if (f->ops[f->admits_at[k]]->prefilter)
				f->ops[f->admits_at[k]]->prefilter(f->self[f->admits_at[k]], c, p);
	}
	return rejecter(f, f->admits_at, f->n_admits_at, c, node, p) < 0;
}

/* Counts `nodes` nodes like node, which filter i turns away, under its reasons. */
static void count_why(const struct filter_chain *f, int i, const struct cluster *c, size_t node,
		      const struct pod_spec *p, struct fit_error *e, uint32_t nodes)
{
	f->ops[i]->why(f->self[i], c, node, p, e, nodes);
}

size_t filter_chain_fit_error(const struct filter_chain *f, const struct cluster *c, const struct pod_spec *p,
			      struct fit_error *e)
{
	memset(e, 0, sizeof *e);
	e->taint_texts = c->w->taint_texts;
	int at[MAX_FILTERS], n_at = asked(f, c, p, true, at);
	size_t rejecting = 0;
	if (filter_chain_sees_node(f, p)) {
		for (size_t node = 0; node < c->n; node++) {
			int i = rejecter(f, at, n_at, c, node, p);
			if (i >= 0) {
				count_why(f, i, c, node, p, e, 1);
				rejecting++;
			}
		}
		return rejecting;
	}
	const struct node_classes *nc = &c->classes;
	for (uint32_t id = 0; id < nc->n_made; id++) {
		const struct node_class *k = &nc->cls[id];
		int i = k->n ? rejecter(f, at, n_at, c, k->members[0], p) : -1;
		if (i >= 0) {
			count_why(f, i, c, k->members[0], p, e, k->n);
			rejecting += k->n;
		}
	}
	return rejecting;
}

/* Whether a node like `node`, were it empty, could take p: the filters that read only what a
 * node is, and the resource fit on the empty node, in the chain's order (the first that turns
 * it away counted into e, when e is not NULL); filters of what a node holds may admit later. */
static bool could_fit(const struct filter_chain *f, const int *at, int n_at, const struct cluster *c, size_t node,
		      const struct pod_spec *p, struct fit_error *e, uint32_t nodes)
{
	for (int k = 0; k < n_at; k++) {
		int i = at[k];
		if (f->plugin[i]->always) {
			const struct node_spec *n = &c->spec[node];
			struct node_state empty = node_empty_state(n);
			if (node_state_fits(n, &empty, p))
				continue;
			if (e)
				fit_error_count(e, p, fit_reasons(n, &empty, p), nodes);
			return false;
		}
		if (!f->ops[i]->spec_only || f->ops[i]->admits(f->self[i], c, node, p))
			continue;
		if (e)
			count_why(f, i, c, node, p, e, nodes);
		return false;
	}
	return true;
}

bool filter_chain_never_fits(const struct filter_chain *f, const struct cluster *c, const struct pod_spec *p,
			     char *why, size_t size)
{
	int at[MAX_FILTERS], n_at = asked(f, c, p, true, at);
	bool by_node = filter_chain_sees_node(f, p);
	size_t units = by_node ? c->n : c->n_shapes;
	for (size_t u = 0; u < units; u++)
		if (could_fit(f, at, n_at, c, by_node ? u : c->shape_node[u], p, NULL, 0))
			return false;
	if (!why)
		return true;
	struct fit_error e;
	memset(&e, 0, sizeof e);
	e.taint_texts = c->w->taint_texts;
	for (size_t u = 0; u < units; u++)
		could_fit(f, at, n_at, c, by_node ? u : c->shape_node[u], p, &e, by_node ? 1 : c->shape_count[u]);
	fit_error_text(&e, c->n, why, size);
	return true;
}

void filter_chain_bound(struct filter_chain *f, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	for (int i = 0; i < f->n; i++)
		if (f->ops[i]->bound)
			f->ops[i]->bound(f->self[i], c, p, node);
}

void filter_chain_unbound(struct filter_chain *f, const struct cluster *c, const struct pod_spec *p, size_t node)
{
	for (int i = 0; i < f->n; i++)
		if (f->ops[i]->unbound)
			f->ops[i]->unbound(f->self[i], c, p, node);
}

size_t what_if_bytes(const struct filter_chain *f)
{
	return f->what_if_size;
}

void what_if_begin(const struct filter_chain *f, size_t node, const struct pod_spec *p, void *state)
{
	memcpy(state, &node, sizeof node);
	for (int i = 0; i < f->n; i++) {
		if (f->ops[i]->prefilter && !skips(f, i, f->c, p))
			f->ops[i]->prefilter(f->self[i], f->c, p);
		if (f->ops[i]->what_if_begin)
			f->ops[i]->what_if_begin(f->self[i], node, p, (char *)state + f->offset[i]);
	}
}

void what_if_account(const struct filter_chain *f, void *state, const struct pod_spec *running, int sign)
{
	for (int i = 0; i < f->n; i++)
		if (f->ops[i]->what_if_account)
			f->ops[i]->what_if_account(f->self[i], (char *)state + f->offset[i], running, sign);
}

/* A filter that reads only what a node is answers as it would of the node itself. */
bool what_if_admits(const struct filter_chain *f, const void *state, const struct pod_spec *p)
{
	size_t node;
	memcpy(&node, state, sizeof node);
	for (int i = 0; i < f->n; i++) {
		if (skips(f, i, f->c, p))
			continue;
		if (f->ops[i]->spec_only && !f->ops[i]->admits(f->self[i], f->c, node, p))
			return false;
		if (f->ops[i]->what_if_admits && !f->ops[i]->what_if_admits(f->self[i], (const char *)state + f->offset[i], p))
			return false;
	}
	return true;
}
