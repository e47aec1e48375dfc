#include "sim/filter_chain.h"

#include <stdlib.h>
#include <string.h>

int filter_chain_init(struct filter_chain *f, const struct scheduler_profile *p, const struct cluster *c,
		      struct error *err)
{
	memset(f, 0, sizeof *f);
	f->bucketer = -1;
	f->n_buckets = cluster_n_buckets(c);
	f->buckets = calloc(f->n_buckets ? f->n_buckets : 1, sizeof *f->buckets);
	if (!f->buckets)
		return error_set(err, "out of memory for the scheduler");
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
		f->what_if_size += f->ops[i]->what_if_size;
		if (f->bucketer < 0 && f->ops[i]->buckets)
			f->bucketer = i;
	}
	return 0;
}

void filter_chain_release(struct filter_chain *f)
{
	for (int i = 0; i < f->n; i++)
		if (f->plugin[i]->free)
			f->plugin[i]->free(f->self[i]);
	free(f->buckets);
	memset(f, 0, sizeof *f);
}

static bool admits_class(const struct filter_chain *f, const struct cluster *c, const struct class_entry *e,
			 const struct pod_spec *p)
{
	for (int i = 0; i < f->n; i++) {
		const struct filter_ops *ops = f->ops[i];
		if (!(ops->admits_class ? ops->admits_class(f->self[i], c, e, p) : ops->admits(f->self[i], c, e->first, p)))
			return false;
	}
	return true;
}

size_t filter_classes(struct filter_chain *f, const struct cluster *c, const struct pod_spec *p, uint32_t *out,
		      size_t *nodes)
{
	const struct node_classes *nc = &c->classes;
	size_t n = 0, n_buckets = f->n_buckets;
	if (f->bucketer >= 0)
		n_buckets = f->ops[f->bucketer]->buckets(f->self[f->bucketer], c, p, f->buckets);
	else
		for (uint32_t b = 0; b < f->n_buckets; b++)
			f->buckets[b] = b;
	*nodes = 0;
	for (size_t b = 0; b < n_buckets; b++) {
		const struct class_list *l = &nc->live[f->buckets[b]];
		for (const struct class_entry *e = l->at; e < l->at + l->n; e++)
			if (admits_class(f, c, e, p)) {
				out[n++] = e->first;
				*nodes += e->n;
			}
	}
	return n;
}

size_t filter_nodes(const struct filter_chain *f, const struct cluster *c, const struct pod_spec *p, uint32_t *out)
{
	size_t n = 0;
	for (size_t node = 0; node < c->n; node++) {
		int i = 0;
		while (i < f->n && f->ops[i]->admits(f->self[i], c, node, p))
			i++;
		if (i == f->n)
			out[n++] = (uint32_t)node;
	}
	return n;
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

void what_if_begin(const struct filter_chain *f, size_t node, void *state)
{
	for (int i = 0; i < f->n; i++)
		if (f->ops[i]->what_if_begin)
			f->ops[i]->what_if_begin(f->self[i], node, (char *)state + f->offset[i]);
}

void what_if_account(const struct filter_chain *f, void *state, const struct pod_spec *running, int sign)
{
	for (int i = 0; i < f->n; i++)
		if (f->ops[i]->what_if_account)
			f->ops[i]->what_if_account(f->self[i], (char *)state + f->offset[i], running, sign);
}

bool what_if_admits(const struct filter_chain *f, const void *state, const struct pod_spec *p)
{
	for (int i = 0; i < f->n; i++)
		if (f->ops[i]->what_if_admits && !f->ops[i]->what_if_admits(f->self[i], (const char *)state + f->offset[i], p))
			return false;
	return true;
}
