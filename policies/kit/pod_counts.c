/* pod_counts.c — see pod_counts.h.  Memory: a domain id per node per key; per term a count per
 * domain (and per node, or by count, when kept). */
#include "policies/kit/pod_counts.h"

#include <stdlib.h>
#include <string.h>

#include "sim/load/placement_match.h"
#include "sim/util/order.h"
#include "sim/util/vec.h"

size_t rules_slot(const void *table, size_t stride, size_t mask, const void *key)
{
	size_t i = ((uintptr_t)key >> 4) * 0x9e3779b97f4a7c15u & mask;
	for (;; i = (i + 1) & mask) {
		const void *at;
		memcpy(&at, (const char *)table + i * stride, sizeof at);
		if (!at || at == key)
			return i;
	}
}

size_t rules_table_size(size_t n)
{
	size_t size = 16;
	while (size < 2 * n)
		size <<= 1;
	return size;
}

int pod_counts_init(struct pod_counts *pc, const struct cluster *c)
{
	memset(pc, 0, sizeof *pc);
	pc->c = c;
	pc->mask = 63;
	pc->classes = calloc(pc->mask + 1, sizeof *pc->classes);
	return pc->classes ? 0 : -1;
}

void pod_counts_release(struct pod_counts *pc)
{
	for (size_t k = 0; k < pc->n_keys; k++)
		free(pc->keys[k].domain);
	for (size_t t = 0; t < pc->n_terms; t++) {
		struct counted_term *x = &pc->terms[t];
		free(x->matching);
		free(x->on_node);
		free(x->by_count);
		for (int o = 0; o < N_OWNED; o++)
			free(x->owned[o]);
	}
	for (size_t i = 0; pc->classes && i <= pc->mask; i++)
		if (pc->classes[i]) {
			free(pc->classes[i]->terms);
			free(pc->classes[i]);
		}
	free(pc->keys);
	free(pc->terms);
	free(pc->classes);
	memset(pc, 0, sizeof *pc);
}

struct valued {
	const char *value;
	uint32_t node;
};

static int by_value(const void *a, const void *b)
{
	const struct valued *x = a, *y = b;
	int d = strcmp(x->value, y->value);
	return d ? d : (x->node > y->node) - (x->node < y->node);
}

/* The id of key, numbering its nodes' values as domains (in value order) on first sight; -1
 * out of memory.  O(nodes log nodes). */
static int key_id(struct pod_counts *pc, const char *name)
{
	for (size_t k = 0; k < pc->n_keys; k++)
		if (strcmp(pc->keys[k].name, name) == 0)
			return (int)k;
	const struct cluster *c = pc->c;
	if (VEC_RESERVE(pc->keys, pc->cap_keys, pc->n_keys + 1))
		return -1;
	struct topology_key *k = &pc->keys[pc->n_keys];
	*k = (struct topology_key){.name = name, .in_shape = cluster_splits_on(c, name), .everywhere = true};
	k->domain = malloc((c->n ? c->n : 1) * sizeof *k->domain);
	struct valued *v = malloc((c->n ? c->n : 1) * sizeof *v);
	if (!k->domain || !v) {
		free(k->domain);
		free(v);
		return -1;
	}
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++) {
		const char *value = node_label(&c->spec[i], name);
		k->domain[i] = -1;
		k->everywhere &= value != NULL;
		if (value)
			v[n++] = (struct valued){value, (uint32_t)i};
	}
	sort_items(v, n, sizeof *v, by_value);
	for (size_t i = 0; i < n; i++) {
		k->n_domains += i == 0 || strcmp(v[i - 1].value, v[i].value) != 0;
		k->domain[v[i].node] = (int32_t)k->n_domains - 1;
	}
	free(v);
	return (int)pc->n_keys++;
}

static bool same_requirement(const struct requirement *a, const struct requirement *b)
{
	if (strcmp(a->key, b->key) || a->op != b->op || a->n_values != b->n_values)
		return false;
	for (uint32_t i = 0; i < a->n_values; i++)
		if (strcmp(a->values[i], b->values[i]))
			return false;
	return true;
}

static bool same_term(const struct counted_term *t, const struct label_selector *s, const char *const *ns, uint32_t n_ns,
		      bool all_ns, uint32_t key)
{
	if (t->key != key || t->all_namespaces != all_ns || t->n_namespaces != n_ns || t->selector.none != s->none ||
	    t->selector.n_reqs != s->n_reqs)
		return false;
	for (uint32_t i = 0; i < n_ns; i++)
		if (strcmp(t->namespaces[i], ns[i]))
			return false;
	for (uint32_t i = 0; i < s->n_reqs; i++)
		if (!same_requirement(&t->selector.reqs[i], &s->reqs[i]))
			return false;
	return true;
}

int pod_counts_term(struct pod_counts *pc, const struct label_selector *s, const char *const *namespaces,
		    uint32_t n_namespaces, bool all_ns, const char *key, unsigned keep)
{
	int k = key_id(pc, key);
	if (k < 0)
		return -1;
	for (size_t t = 0; t < pc->n_terms; t++)
		if (same_term(&pc->terms[t], s, namespaces, n_namespaces, all_ns, (uint32_t)k)) {
			pc->terms[t].keep |= keep;
			return (int)t;
		}
	if (VEC_RESERVE(pc->terms, pc->cap_terms, pc->n_terms + 1))
		return -1;
	pc->terms[pc->n_terms] = (struct counted_term){.selector = *s, .namespaces = namespaces,
						       .n_namespaces = n_namespaces, .all_namespaces = all_ns,
						       .key = (uint32_t)k, .keep = keep};
	return (int)pc->n_terms++;
}

void pod_counts_will_own(struct pod_counts *pc, uint32_t term, enum owned_as as)
{
	pc->terms[term].keep |= 1u << (8 + as);
}

int pod_counts_seal(struct pod_counts *pc)
{
	size_t n = pc->c->n ? pc->c->n : 1;
	for (size_t t = 0; t < pc->n_terms; t++) {
		struct counted_term *x = &pc->terms[t];
		uint32_t domains = pc->keys[x->key].n_domains;
		size_t room = domains ? domains : 1;
		if (!(x->matching = calloc(room, sizeof *x->matching)))
			return -1;
		if ((x->keep & KEEP_ON_NODE) && !(x->on_node = calloc(n, sizeof *x->on_node)))
			return -1;
		if (x->keep & KEEP_MINIMUM) {
			x->by_count_cap = 16;
			if (!(x->by_count = calloc(x->by_count_cap, sizeof *x->by_count)))
				return -1;
			x->by_count[0] = domains;
		}
		for (int o = 0; o < N_OWNED; o++)
			if ((x->keep >> (8 + o) & 1) && !(x->owned[o] = calloc(room, sizeof *x->owned[o])))
				return -1;
	}
	pc->sealed = true;
	return 0;
}

static int grow_classes(struct pod_counts *pc)
{
	size_t size = 2 * (pc->mask + 1);
	struct label_class **grown = calloc(size, sizeof *grown);
	if (!grown)
		return -1;
	for (size_t i = 0; i <= pc->mask; i++) {
		if (!pc->classes[i])
			continue;
		size_t j = pc->classes[i]->hash & (size - 1);
		while (grown[j])
			j = (j + 1) & (size - 1);
		grown[j] = pc->classes[i];
	}
	free(pc->classes);
	pc->classes = grown;
	pc->mask = size - 1;
	return 0;
}

static const struct label_class *find_class(struct pod_counts *pc, const struct workload *w, const struct pod_spec *q);

const struct label_class *pod_counts_class(struct pod_counts *pc, const struct workload *w, const struct pod_spec *q)
{
	size_t at = ((uintptr_t)q >> 3) * 0x9e3779b97f4a7c15u >> 52;
	if (pc->seen[at].pod == q)
		return pc->seen[at].k;
	const struct label_class *k = find_class(pc, w, q);
	if (k) {
		pc->seen[at].pod = q;
		pc->seen[at].k = k;
	}
	return k;
}

static const struct label_class *find_class(struct pod_counts *pc, const struct workload *w, const struct pod_spec *q)
{
	const char *ns = pod_namespace(w, q);
	uint64_t h = label_set_hash(ns, q->labels, q->n_labels);
	size_t i = h & pc->mask;
	for (; pc->classes[i]; i = (i + 1) & pc->mask)
		if (pc->classes[i]->hash == h && label_set_equal(pc->classes[i]->ns, pc->classes[i]->labels, pc->classes[i]->n_labels, ns, q->labels, q->n_labels))
			return pc->classes[i];
	if (2 * (pc->n_classes + 1) > pc->mask + 1) {
		if (grow_classes(pc))
			return NULL;
		return find_class(pc, w, q);
	}
	struct label_class *k = calloc(1, sizeof *k);
	if (!k || !(k->terms = malloc((pc->n_terms ? pc->n_terms : 1) * sizeof *k->terms))) {
		free(k);
		return NULL;
	}
	*k = (struct label_class){h, ns, q->labels, q->n_labels, k->terms, 0};
	for (uint32_t t = 0; t < pc->n_terms; t++) {
		const struct counted_term *x = &pc->terms[t];
		struct pod_term as_term = {x->selector, x->namespaces, x->n_namespaces, x->all_namespaces, NULL, 0};
		if (pod_term_matches(&as_term, w, q))
			k->terms[k->n_terms++] = t;
	}
	uint32_t *fitted = realloc(k->terms, (k->n_terms ? k->n_terms : 1) * sizeof *fitted);
	k->terms = fitted ? fitted : k->terms;   /* a class per label set: keep only what it uses */
	pc->classes[i] = k;
	pc->n_classes++;
	return k;
}

bool pod_counts_matches(const struct label_class *k, uint32_t term)
{
	size_t at = lower_bound_u32(k->terms, k->n_terms, term);
	return at < k->n_terms && k->terms[at] == term;
}

/* Moves a domain of count `from` to from + sign in the histogram; on no memory the histogram
 * is given up and the minimum found by a scan. */
static void recount(struct counted_term *x, int64_t from, int sign)
{
	if (!x->by_count)
		return;
	int64_t to = from + sign;
	if ((uint64_t)to >= x->by_count_cap) {
		uint32_t cap = 2 * x->by_count_cap;
		uint32_t *grown = realloc(x->by_count, cap * sizeof *grown);
		if (!grown) {
			free(x->by_count);
			x->by_count = NULL;
			return;
		}
		memset(grown + x->by_count_cap, 0, (cap - x->by_count_cap) * sizeof *grown);
		x->by_count = grown;
		x->by_count_cap = cap;
	}
	x->by_count[from]--;
	x->by_count[to]++;
}

void pod_counts_bind(struct pod_counts *pc, const struct label_class *k, size_t node, int sign)
{
	pc->generation++;
	for (uint32_t i = 0; k && i < k->n_terms; i++) {
		struct counted_term *x = &pc->terms[k->terms[i]];
		int32_t d = pc->keys[x->key].domain[node];
		if (d < 0)
			continue;
		recount(x, x->matching[d], sign);
		x->matching[d] += sign;
		if (x->on_node)
			x->on_node[node] = (uint32_t)((int64_t)x->on_node[node] + sign);
	}
}

void pod_counts_own(struct pod_counts *pc, uint32_t term, enum owned_as as, size_t node, int64_t weight)
{
	struct counted_term *x = &pc->terms[term];
	int32_t d = pc->keys[x->key].domain[node];
	pc->generation++;
	if (d >= 0 && x->owned[as])
		x->owned[as][d] += weight;
}

int64_t pod_counts_minimum(const struct pod_counts *pc, uint32_t term)
{
	const struct counted_term *x = &pc->terms[term];
	uint32_t domains = pc->keys[x->key].n_domains;
	if (domains == 0)
		return 0;
	if (x->by_count) {
		for (uint32_t v = 0; v < x->by_count_cap; v++)
			if (x->by_count[v])
				return v;
	}
	int64_t least = x->matching[0];
	for (uint32_t d = 1; d < domains; d++)
		least = x->matching[d] < least ? x->matching[d] : least;
	return least;
}
