#include "sim/report/rules_yaml.h"

#include <inttypes.h>

void yaml_quoted(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

static const char *op_name(uint8_t op)
{
	static const char *const names[] = {[OP_EQUAL] = "Equal", [OP_EXISTS] = "Exists", [OP_IN] = "In",
					    [OP_NOT_IN] = "NotIn", [OP_DOES_NOT_EXIST] = "DoesNotExist",
					    [OP_GT] = "Gt", [OP_LT] = "Lt"};
	return names[op];
}

static const char *effect_name(uint8_t e)
{
	static const char *const names[] = {[EFFECT_ANY] = "", [EFFECT_NO_SCHEDULE] = "NoSchedule",
					    [EFFECT_PREFER_NO_SCHEDULE] = "PreferNoSchedule",
					    [EFFECT_NO_EXECUTE] = "NoExecute"};
	return names[e];
}

void labels_yaml(FILE *f, const struct pod_spec *p)
{
	if (!p->n_labels)
		return;
	fprintf(f, "  labels: {");
	for (size_t i = 0; i < p->n_labels; i++) {
		fprintf(f, "%s", i ? ", " : "");
		yaml_quoted(f, p->labels[i].key);
		fprintf(f, ": ");
		yaml_quoted(f, p->labels[i].value);
	}
	fprintf(f, "}\n");
}

static void requirement(FILE *f, const struct requirement *q)
{
	fprintf(f, "{key: ");
	yaml_quoted(f, q->key);
	fprintf(f, ", operator: %s", op_name(q->op));
	if (q->n_values) {
		fprintf(f, ", values: [");
		for (uint32_t v = 0; v < q->n_values; v++) {
			fprintf(f, "%s", v ? ", " : "");
			yaml_quoted(f, q->values[v]);
		}
		fprintf(f, "]");
	}
	fprintf(f, "}");
}

/* A node selector term: its expressions, then its fields. */
static void node_term(FILE *f, const struct node_term *t)
{
	for (int fields = 0; fields < 2; fields++) {
		bool any = false;
		for (uint32_t i = 0; i < t->n_reqs; i++) {
			if (t->reqs[i].on_name != fields)
				continue;
			fprintf(f, "%s", any ? ", " : fields ? "matchFields: [" : "matchExpressions: [");
			requirement(f, &t->reqs[i]);
			any = true;
		}
		if (any)
			fprintf(f, "]%s", fields ? "" : ", ");
	}
}

/* A label selector as matchExpressions (matchLabels read back as In of one value alike); null
 * for one that matches no pod. */
static void selector(FILE *f, const struct label_selector *s)
{
	if (s->none) {
		fprintf(f, "null");
		return;
	}
	fprintf(f, "{matchExpressions: [");
	for (uint32_t i = 0; i < s->n_reqs; i++) {
		fprintf(f, "%s", i ? ", " : "");
		requirement(f, &s->reqs[i]);
	}
	fprintf(f, "]}");
}

static void pod_term(FILE *f, const struct pod_term *t)
{
	fprintf(f, "{labelSelector: ");
	selector(f, &t->selector);
	fprintf(f, ", topologyKey: ");
	yaml_quoted(f, t->topology_key);
	if (t->all_namespaces)
		fprintf(f, ", namespaceSelector: {}");
	fprintf(f, ", namespaces: [");
	for (uint32_t i = 0; i < t->n_namespaces; i++) {
		fprintf(f, "%s", i ? ", " : "");
		yaml_quoted(f, t->namespaces[i]);
	}
	fprintf(f, "]}");
}

static void pod_terms(FILE *f, const char *kind, const struct term_list *required, const struct term_list *preferred)
{
	if (!required->n && !preferred->n)
		return;
	fprintf(f, "    %s:\n", kind);
	if (required->n) {
		fprintf(f, "      requiredDuringSchedulingIgnoredDuringExecution: [");
		for (uint32_t i = 0; i < required->n; i++) {
			fprintf(f, "%s", i ? ", " : "");
			pod_term(f, &required->at[i]);
		}
		fprintf(f, "]\n");
	}
	if (preferred->n) {
		fprintf(f, "      preferredDuringSchedulingIgnoredDuringExecution: [");
		for (uint32_t i = 0; i < preferred->n; i++) {
			fprintf(f, "%s{weight: %" PRId32 ", podAffinityTerm: ", i ? ", " : "", preferred->at[i].weight);
			pod_term(f, &preferred->at[i]);
			fprintf(f, "}");
		}
		fprintf(f, "]\n");
	}
}

static void node_affinity(FILE *f, const struct pod_rules *r)
{
	if (!r->has_required && !r->n_preferred)
		return;
	fprintf(f, "    nodeAffinity:\n");
	if (r->has_required) {
		fprintf(f, "      requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [");
		for (uint32_t i = 0; i < r->n_required; i++) {
			fprintf(f, "%s{", i ? ", " : "");
			node_term(f, &r->required[i]);
			fprintf(f, "}");
		}
		fprintf(f, "]}\n");
	}
	if (r->n_preferred) {
		fprintf(f, "      preferredDuringSchedulingIgnoredDuringExecution: [");
		for (uint32_t i = 0; i < r->n_preferred; i++) {
			fprintf(f, "%s{weight: %" PRId32 ", preference: {", i ? ", " : "", r->preferred[i].weight);
			node_term(f, &r->preferred[i]);
			fprintf(f, "}}");
		}
		fprintf(f, "]\n");
	}
}

static void tolerations(FILE *f, const struct pod_rules *r)
{
	if (!r->n_tolerations)
		return;
	fprintf(f, "  tolerations:\n");
	for (uint32_t i = 0; i < r->n_tolerations; i++) {
		const struct toleration *t = &r->tolerations[i];
		fprintf(f, "  - {key: ");
		yaml_quoted(f, t->key);
		fprintf(f, ", operator: %s", op_name(t->op));
		if (t->op == OP_EQUAL) {
			fprintf(f, ", value: ");
			yaml_quoted(f, t->value);
		}
		if (t->effect != EFFECT_ANY)
			fprintf(f, ", effect: %s", effect_name(t->effect));
		fprintf(f, "}\n");
	}
}

static void spread(FILE *f, const struct pod_rules *r)
{
	if (!r->n_spread)
		return;
	fprintf(f, "  topologySpreadConstraints:\n");
	for (uint32_t i = 0; i < r->n_spread; i++) {
		const struct spread_constraint *c = &r->spread[i];
		fprintf(f, "  - {maxSkew: %" PRId32 ", topologyKey: ", c->max_skew);
		yaml_quoted(f, c->topology_key);
		fprintf(f, ", whenUnsatisfiable: %s", c->when == SPREAD_DO_NOT_SCHEDULE ? "DoNotSchedule" : "ScheduleAnyway");
		if (c->when == SPREAD_DO_NOT_SCHEDULE && c->min_domains > 1)
			fprintf(f, ", minDomains: %" PRId32, c->min_domains);
		fprintf(f, ", nodeAffinityPolicy: %s, nodeTaintsPolicy: %s, labelSelector: ",
			c->honor_affinity ? "Honor" : "Ignore", c->honor_taints ? "Honor" : "Ignore");
		selector(f, &c->selector);
		fprintf(f, "}\n");
	}
}

void rules_yaml(FILE *f, const struct pod_spec *p)
{
	const struct pod_rules *r = p->rules;
	if (!r)
		return;
	tolerations(f, r);
	bool pods = r->affinity.n || r->affinity_preferred.n || r->anti_affinity.n || r->anti_affinity_preferred.n;
	if (r->has_required || r->n_preferred || pods) {
		fprintf(f, "  affinity:\n");
		node_affinity(f, r);
		pod_terms(f, "podAffinity", &r->affinity, &r->affinity_preferred);
		pod_terms(f, "podAntiAffinity", &r->anti_affinity, &r->anti_affinity_preferred);
	}
	spread(f, r);
}
