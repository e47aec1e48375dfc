#include "sim/load/placement_match.h"

#include <string.h>

#include "sim/util/fnv.h"
#include "sim/util/number.h"

#define CORDON_TAINT "node.kubernetes.io/unschedulable"

bool toleration_tolerates(const struct toleration *t, const struct taint *taint)
{
	if (t->effect != EFFECT_ANY && t->effect != taint->effect)
		return false;
	if (*t->key && strcmp(t->key, taint->key) != 0)
		return false;
	return t->op == OP_EXISTS || strcmp(t->value, taint->value) == 0;
}

bool pod_tolerates(const struct pod_spec *p, const struct taint *taint)
{
	for (uint32_t i = 0; p->rules && i < p->rules->n_tolerations; i++)
		if (toleration_tolerates(&p->rules->tolerations[i], taint))
			return true;
	return false;
}

const struct taint *first_untolerated(const struct node_spec *n, const struct pod_spec *p)
{
	for (uint32_t i = 0; i < n->n_taints; i++)
		if (n->taints[i].effect != EFFECT_PREFER_NO_SCHEDULE && !pod_tolerates(p, &n->taints[i]))
			return &n->taints[i];
	return NULL;
}

int prefer_untolerated(const struct node_spec *n, const struct pod_spec *p)
{
	int count = 0;
	for (uint32_t i = 0; i < n->n_taints; i++)
		count += n->taints[i].effect == EFFECT_PREFER_NO_SCHEDULE && !pod_tolerates(p, &n->taints[i]);
	return count;
}

bool pod_tolerates_cordon(const struct pod_spec *p)
{
	static const struct taint cordon = {.key = CORDON_TAINT, .value = "", .effect = EFFECT_NO_SCHEDULE};
	return pod_tolerates(p, &cordon);
}

static bool in_values(const struct requirement *q, const char *value)
{
	for (uint32_t i = 0; i < q->n_values; i++)
		if (strcmp(q->values[i], value) == 0)
			return true;
	return false;
}

/* A requirement against a label's value (NULL: the node has no such label), as labels'
 * Requirement.Matches reads it: Gt and Lt need the value to be a whole number. */
static bool requirement_matches(const struct requirement *q, const char *value)
{
	int64_t number;
	switch (q->op) {
	case OP_IN: return value && in_values(q, value);
	case OP_NOT_IN: return !value || !in_values(q, value);
	case OP_EXISTS: return value != NULL;
	case OP_DOES_NOT_EXIST: return value == NULL;
	case OP_GT:
	case OP_LT:
		if (!value || number_integer(value, INT64_MIN, INT64_MAX, &number) != NUMBER_OK)
			return false;
		return q->op == OP_GT ? number > q->number : number < q->number;
	default: return false;
	}
}

bool node_term_matches(const struct node_term *t, const struct node_spec *n)
{
	if (t->n_reqs == 0)
		return false;   /* an empty term matches no node */
	for (uint32_t i = 0; i < t->n_reqs; i++) {
		const struct requirement *q = &t->reqs[i];
		if (!requirement_matches(q, q->on_name ? n->name : node_label(n, q->key)))
			return false;
	}
	return true;
}

bool node_selector_matches(const struct pod_spec *p, const struct node_spec *n)
{
	for (size_t i = 0; i < p->n_selector; i++) {
		const char *value = node_label(n, p->selector[i].key);
		if (!value || strcmp(value, p->selector[i].value) != 0)
			return false;
	}
	return true;
}

bool required_affinity_matches(const struct pod_spec *p, const struct node_spec *n)
{
	if (!p->rules || !p->rules->has_required)
		return true;
	for (uint32_t i = 0; i < p->rules->n_required; i++)
		if (node_term_matches(&p->rules->required[i], n))
			return true;
	return false;
}

int64_t node_preferred_weight(const struct pod_spec *p, const struct node_spec *n)
{
	int64_t sum = 0;
	for (uint32_t i = 0; p->rules && i < p->rules->n_preferred; i++)
		if (node_term_matches(&p->rules->preferred[i], n))
			sum += p->rules->preferred[i].weight;
	return sum;
}

bool terms_read_name(const struct node_term *terms, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t k = 0; k < terms[i].n_reqs; k++)
			if (terms[i].reqs[k].on_name)
				return true;
	return false;
}

bool label_selector_matches(const struct label_selector *s, const struct label *labels, size_t n)
{
	if (s->none)
		return false;
	for (uint32_t i = 0; i < s->n_reqs; i++)
		if (!requirement_matches(&s->reqs[i], label_value(labels, n, s->reqs[i].key)))
			return false;
	return true;
}

bool pod_term_matches(const struct pod_term *t, const struct workload *w, const struct pod_spec *q)
{
	bool in = t->all_namespaces;
	const char *ns = pod_namespace(w, q);
	for (uint32_t i = 0; !in && i < t->n_namespaces; i++)
		in = strcmp(t->namespaces[i], ns) == 0;
	return in && label_selector_matches(&t->selector, q->labels, q->n_labels);
}

uint64_t label_set_hash(const char *ns, const struct label *labels, size_t n)
{
	uint64_t h = fnv32a(FNV32_START, ns, strlen(ns));
	for (size_t i = 0; i < n; i++) {
		uint64_t k = fnv32a(FNV32_START, labels[i].key, strlen(labels[i].key));
		uint64_t v = fnv32a(FNV32_START, labels[i].value, strlen(labels[i].value));
		h += (k << 32 | v) * 0x9e3779b97f4a7c15u;   /* summed: in any order alike */
	}
	return h ? h : 1;
}

bool label_set_equal(const char *ns_a, const struct label *a, size_t n_a, const char *ns_b, const struct label *b,
		     size_t n_b)
{
	if (n_a != n_b || strcmp(ns_a, ns_b))
		return false;
	for (size_t i = 0; i < n_b; i++) {
		size_t j = 0;
		while (j < n_a && strcmp(a[j].key, b[i].key))
			j++;
		if (j == n_a || strcmp(a[j].value, b[i].value))
			return false;
	}
	return true;
}
