#include "sim/filter_chain.h"

#include <stdlib.h>
#include <string.h>

int filter_chain_init(struct filter_chain *f, const struct scheduler_profile *p, const struct cluster *c,
		      struct error *err)
{
	memset(f, 0, sizeof *f);
	f->namer = -1;
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
		if (f->namer < 0 && f->ops[i]->candidates)
			f->namer = i;
	}
	return 0;
}

void filter_chain_release(struct filter_chain *f)
{
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

size_t filter_classes(struct filter_chain *f, const struct cluster *c, const struct pod_spec *p, uint32_t *out,
		      size_t *nodes)
{
	size_t n = f->namer >= 0 ? f->ops[f->namer]->candidates(f->self[f->namer], c, p, out, nodes)
				 : all_classes(c, out, nodes);
	for (int i = 0; i < f->n; i++) {
		if (i == f->namer)
			continue;
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
