#include "sim/load/placement_read.h"

#include <stdio.h>
#include <string.h>

#include "sim/load/strict.h"
#include "sim/load/yaml_doc.h"
#include "sim/util/number.h"

static const struct key_set taint_keys = {.where = "a taint", .known = KEYS("key", "value", "effect", "timeAdded")};
static const struct key_set toleration_keys = {.where = "a toleration",
					       .known = KEYS("key", "operator", "value", "effect", "tolerationSeconds")};
static const struct key_set requirement_keys = {.where = "a node selector requirement",
						.known = KEYS("key", "operator", "values")};
static const struct key_set term_keys = {.where = "a node selector term",
					 .known = KEYS("matchExpressions", "matchFields")};
static const struct key_set preferred_keys = {.where = "a preferred scheduling term",
					      .known = KEYS("weight", "preference")};
static const struct key_set node_affinity_keys = {
	.where = "nodeAffinity",
	.known = KEYS("requiredDuringSchedulingIgnoredDuringExecution", "preferredDuringSchedulingIgnoredDuringExecution")};
static const struct key_set required_keys = {.where = "requiredDuringSchedulingIgnoredDuringExecution",
					     .known = KEYS("nodeSelectorTerms")};
static const struct key_set pod_affinity_keys = {
	.where = "pod (anti-)affinity",
	.known = KEYS("requiredDuringSchedulingIgnoredDuringExecution", "preferredDuringSchedulingIgnoredDuringExecution")};
static const struct key_set pod_term_keys = {
	.where = "a pod affinity term",
	.known = KEYS("labelSelector", "namespaces", "namespaceSelector", "topologyKey", "matchLabelKeys",
		      "mismatchLabelKeys")};
static const struct key_set weighted_term_keys = {.where = "a weighted pod affinity term",
						  .known = KEYS("weight", "podAffinityTerm")};
static const struct key_set selector_keys = {.where = "a label selector", .known = KEYS("matchLabels", "matchExpressions")};
static const struct key_set spread_keys = {
	.where = "a topology spread constraint",
	.known = KEYS("maxSkew", "topologyKey", "whenUnsatisfiable", "labelSelector", "minDomains", "nodeAffinityPolicy",
		      "nodeTaintsPolicy", "matchLabelKeys")};

/* Room for a field's name in messages, its prefix cut at 160 characters. */
#define FIELD_TEXT 256

/* What a read needs at hand: the document, the workload's arena, and the field kit. */
struct reading {
	const struct yaml_fields *f;
	struct workload *w;
};

static int oom(const struct reading *r)
{
	return error_set(r->f->err, "out of memory");
}

/* The items of a sequence at node (NULL: absent, *n 0); another shape, or more than
 * MAX_RULE_ITEMS items, is an error. */
static int items_of(const struct reading *r, yaml_node_t *node, const char *field, yaml_node_item_t **at, uint32_t *n)
{
	*at = NULL;
	*n = 0;
	if (!node || (node->type == YAML_SCALAR_NODE && !*yaml_text(node)))
		return 0;
	if (node->type != YAML_SEQUENCE_NODE)
		return field_error(r->f, node, field, "expected a list");
	size_t count = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
	if (count > MAX_RULE_ITEMS)
		return field_error(r->f, node, field, "expected at most 256 items");
	*at = node->data.sequence.items.start;
	*n = (uint32_t)count;
	return 0;
}

static yaml_node_t *item(const struct reading *r, yaml_node_item_t *at, uint32_t i)
{
	return yaml_document_get_node(r->f->doc, at[i]);
}

/* A mapping at node, its keys checked; anything else is an error. */
static int mapping(const struct reading *r, yaml_node_t *node, const char *field, const struct key_set *keys)
{
	if (!node || node->type != YAML_MAPPING_NODE)
		return field_error(r->f, node, field, "expected a mapping");
	return check_keys(r->f->doc, node, r->f->path, keys, r->f->err);
}

/* The text under key ("" when absent), kept in the arena; *at its node, or the map's. */
static int text_field(const struct reading *r, yaml_node_t *map, const char *key, const char **out, yaml_node_t **at)
{
	const char *text;
	yaml_node_t *where = NULL;
	if (field_scalar(r->f, map, key, &text, &where))
		return -1;
	*at = where ? where : map;
	*out = arena_strdup(&r->w->strings, text ? text : "");
	return *out ? 0 : oom(r);
}

static int effect_of(const struct reading *r, yaml_node_t *at, const char *field, const char *text, bool any,
		     uint8_t *out)
{
	static const char *const names[] = {[EFFECT_NO_SCHEDULE] = "NoSchedule",
					    [EFFECT_PREFER_NO_SCHEDULE] = "PreferNoSchedule",
					    [EFFECT_NO_EXECUTE] = "NoExecute"};
	for (uint8_t e = EFFECT_NO_SCHEDULE; e <= EFFECT_NO_EXECUTE; e++)
		if (strcmp(text, names[e]) == 0) {
			*out = e;
			return 0;
		}
	if (any && !*text) {
		*out = EFFECT_ANY;
		return 0;
	}
	char what[128];
	snprintf(what, sizeof what, "expected %sNoSchedule, PreferNoSchedule or NoExecute, got '%.40s'",
		 any ? "empty, " : "", text);
	return field_error(r->f, at, field, what);
}

/* Numbers the taint's "key: value" among the workload's (FitError counts nodes by it). */
static int taint_text(const struct reading *r, yaml_node_t *at, const char *field, struct taint *t)
{
	char text[600];
	snprintf(text, sizeof text, "%.290s: %.290s", t->key, t->value);
	int id = workload_intern(r->w, &r->w->taint_texts, &r->w->n_taint_texts, &r->w->cap_taint_texts, text);
	if (id < 0)
		return oom(r);
	if (id >= MAX_TAINT_TEXTS)
		return field_error(r->f, at, field, "more than 64 distinct taints (key and value) over the nodes");
	t->text = (uint8_t)id;
	return 0;
}

static int read_taints(const struct reading *r, yaml_node_t *list, struct node_spec *n)
{
	yaml_node_item_t *at;
	uint32_t count;
	if (items_of(r, list, "spec.taints", &at, &count))
		return -1;
	struct taint *taints = arena_alloc(&r->w->strings, (count ? count : 1) * sizeof *taints);
	if (!taints)
		return oom(r);
	for (uint32_t i = 0; i < count; i++) {
		char field[64];
		snprintf(field, sizeof field, "spec.taints[%u]", i);
		yaml_node_t *t = item(r, at, i), *where;
		const char *effect;
		if (mapping(r, t, field, &taint_keys) || text_field(r, t, "key", &taints[i].key, &where))
			return -1;
		if (!*taints[i].key)
			return field_error(r->f, where, field, "a taint needs a key");
		if (text_field(r, t, "value", &taints[i].value, &where) || text_field(r, t, "effect", &effect, &where) ||
		    effect_of(r, where, field, effect, false, &taints[i].effect) || taint_text(r, t, field, &taints[i]))
			return -1;
		for (uint32_t j = 0; j < i; j++)
			if (!strcmp(taints[j].key, taints[i].key) && taints[j].effect == taints[i].effect)
				return field_error(r->f, t, field, "a second taint of the same key and effect");
	}
	n->taints = taints;
	n->n_taints = count;
	return 0;
}

int node_placement_read(const struct yaml_fields *f, yaml_node_t *spec, struct workload *w, struct node_spec *n)
{
	struct reading r = {f, w};
	bool present = false, cordoned = false;
	if (!spec)
		return 0;
	if (field_bool(f, spec, "unschedulable", &cordoned, &present))
		return -1;
	n->unschedulable = cordoned;
	return read_taints(&r, yaml_get(f->doc, spec, "taints"), n);
}

static int read_toleration(const struct reading *r, yaml_node_t *t, const char *field, struct toleration *out)
{
	yaml_node_t *where;
	const char *op, *effect;
	if (mapping(r, t, field, &toleration_keys) || text_field(r, t, "key", &out->key, &where) ||
	    text_field(r, t, "value", &out->value, &where) || text_field(r, t, "operator", &op, &where))
		return -1;
	if (strcmp(op, "Exists") && strcmp(op, "Equal") && *op) {
		char what[96];
		snprintf(what, sizeof what, "expected Equal or Exists, got '%.40s'", op);
		return field_error(r->f, where, field, what);
	}
	out->op = strcmp(op, "Exists") == 0 ? OP_EXISTS : OP_EQUAL;
	if (!*out->key && out->op != OP_EXISTS)
		return field_error(r->f, where, field, "a toleration without a key must have operator Exists");
	if (out->op == OP_EXISTS && *out->value)
		return field_error(r->f, t, field, "a toleration with operator Exists takes no value");
	if (text_field(r, t, "effect", &effect, &where) || effect_of(r, where, field, effect, true, &out->effect))
		return -1;
	return 0;
}

static int read_tolerations(const struct reading *r, yaml_node_t *list, struct pod_rules *rules)
{
	yaml_node_item_t *at;
	uint32_t count;
	if (items_of(r, list, "spec.tolerations", &at, &count))
		return -1;
	struct toleration *t = arena_alloc(&r->w->strings, (count ? count : 1) * sizeof *t);
	if (!t)
		return oom(r);
	for (uint32_t i = 0; i < count; i++) {
		char field[64];
		snprintf(field, sizeof field, "spec.tolerations[%u]", i);
		if (read_toleration(r, item(r, at, i), field, &t[i]))
			return -1;
	}
	rules->tolerations = t;
	rules->n_tolerations = count;
	return 0;
}

static int op_of(const struct reading *r, yaml_node_t *at, const char *field, const char *text, uint8_t *out)
{
	static const struct {
		const char *name;
		uint8_t op;
	} ops[] = {{"In", OP_IN}, {"NotIn", OP_NOT_IN}, {"Exists", OP_EXISTS},
		   {"DoesNotExist", OP_DOES_NOT_EXIST}, {"Gt", OP_GT}, {"Lt", OP_LT}};
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strcmp(text, ops[i].name) == 0) {
			*out = ops[i].op;
			return 0;
		}
	char what[128];
	snprintf(what, sizeof what, "expected In, NotIn, Exists, DoesNotExist, Gt or Lt, got '%.40s'", text);
	return field_error(r->f, at, field, what);
}

/* The text list at node (NULL: absent) into *out, *n. */
static int read_texts(const struct reading *r, yaml_node_t *node, const char *field, const char *const **out,
		      uint32_t *n)
{
	yaml_node_item_t *at;
	if (items_of(r, node, field, &at, n))
		return -1;
	const char **texts = arena_alloc(&r->w->strings, (*n ? *n : 1) * sizeof *texts);
	if (!texts)
		return oom(r);
	for (uint32_t i = 0; i < *n; i++) {
		const char *t = yaml_text(item(r, at, i));
		if (!t)
			return field_error(r->f, item(r, at, i), field, "expected a list of strings");
		if (!(texts[i] = arena_strdup(&r->w->strings, t)))
			return oom(r);
	}
	*out = texts;
	return 0;
}

/* The values of a requirement, checked against its operator as the API checks them. */
static int read_values(const struct reading *r, yaml_node_t *req, const char *field, struct requirement *q)
{
	yaml_node_t *list = yaml_get(r->f->doc, req, "values");
	if (read_texts(r, list, field, &q->values, &q->n_values))
		return -1;
	const char *const *values = q->values;
	uint32_t count = q->n_values;
	bool sets = q->op == OP_IN || q->op == OP_NOT_IN, numeric = q->op == OP_GT || q->op == OP_LT;
	if (sets && count == 0)
		return field_error(r->f, req, field, "In and NotIn need at least one value");
	if (!sets && !numeric && count)
		return field_error(r->f, req, field, "Exists and DoesNotExist take no values");
	if (numeric && (count != 1 || number_integer(values[0], INT64_MIN, INT64_MAX, &q->number) != NUMBER_OK))
		return field_error(r->f, list ? list : req, field, "Gt and Lt take one value, a whole number");
	if (q->on_name && (!sets || count != 1))
		return field_error(r->f, req, field, "matchFields takes In or NotIn with one value");
	return 0;
}

static int read_requirement(const struct reading *r, yaml_node_t *req, const char *field, bool on_name,
			    struct requirement *q)
{
	yaml_node_t *where;
	const char *op;
	q->on_name = on_name;
	if (mapping(r, req, field, &requirement_keys) || text_field(r, req, "key", &q->key, &where))
		return -1;
	if (!*q->key)
		return field_error(r->f, where, field, "a requirement needs a key");
	if (on_name && strcmp(q->key, "metadata.name"))
		return field_error(r->f, where, field, "matchFields reads only metadata.name");
	if (text_field(r, req, "operator", &op, &where) || op_of(r, where, field, op, &q->op))
		return -1;
	return read_values(r, req, field, q);
}

/* A node selector term: its matchExpressions then its matchFields, ANDed. */
static int read_term(const struct reading *r, yaml_node_t *term, const char *field, struct node_term *out)
{
	if (mapping(r, term, field, &term_keys))
		return -1;
	yaml_node_item_t *exprs, *fields;
	uint32_t n_exprs, n_fields;
	char sub[FIELD_TEXT];
	snprintf(sub, sizeof sub, "%.160s.matchExpressions", field);
	if (items_of(r, yaml_get(r->f->doc, term, "matchExpressions"), sub, &exprs, &n_exprs))
		return -1;
	snprintf(sub, sizeof sub, "%.160s.matchFields", field);
	if (items_of(r, yaml_get(r->f->doc, term, "matchFields"), sub, &fields, &n_fields))
		return -1;
	struct requirement *reqs = arena_alloc(&r->w->strings, (n_exprs + n_fields + 1) * sizeof *reqs);
	if (!reqs)
		return oom(r);
	memset(reqs, 0, (n_exprs + n_fields + 1) * sizeof *reqs);
	for (uint32_t i = 0; i < n_exprs + n_fields; i++) {
		bool on_name = i >= n_exprs;
		snprintf(sub, sizeof sub, "%.160s.%s[%u]", field, on_name ? "matchFields" : "matchExpressions",
			 on_name ? i - n_exprs : i);
		if (read_requirement(r, item(r, on_name ? fields : exprs, on_name ? i - n_exprs : i), sub, on_name, &reqs[i]))
			return -1;
	}
	out->reqs = reqs;
	out->n_reqs = n_exprs + n_fields;
	return 0;
}

static int read_required(const struct reading *r, yaml_node_t *req, struct pod_rules *rules)
{
	static const char field[] = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution";
	if (!req)
		return 0;
	if (mapping(r, req, field, &required_keys))
		return -1;
	yaml_node_item_t *at;
	uint32_t count;
	yaml_node_t *terms = yaml_get(r->f->doc, req, "nodeSelectorTerms");
	if (items_of(r, terms, field, &at, &count))
		return -1;
	if (count == 0)
		return field_error(r->f, terms ? terms : req, field, "nodeSelectorTerms needs at least one term");
	struct node_term *t = arena_alloc(&r->w->strings, count * sizeof *t);
	if (!t)
		return oom(r);
	for (uint32_t i = 0; i < count; i++) {
		char sub[FIELD_TEXT];
		snprintf(sub, sizeof sub, "%.160s.nodeSelectorTerms[%u]", field, i);
		t[i].weight = 0;
		if (read_term(r, item(r, at, i), sub, &t[i]))
			return -1;
	}
	rules->required = t;
	rules->n_required = count;
	rules->has_required = true;
	return 0;
}

static int read_preferred(const struct reading *r, yaml_node_t *list, struct pod_rules *rules)
{
	static const char field[] = "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution";
	yaml_node_item_t *at;
	uint32_t count;
	if (items_of(r, list, field, &at, &count))
		return -1;
	struct node_term *t = arena_alloc(&r->w->strings, (count ? count : 1) * sizeof *t);
	if (!t)
		return oom(r);
	for (uint32_t i = 0; i < count; i++) {
		char sub[FIELD_TEXT];
		snprintf(sub, sizeof sub, "%.160s[%u]", field, i);
		yaml_node_t *pref = item(r, at, i);
		int64_t weight = 0;
		bool present = false;
		if (mapping(r, pref, sub, &preferred_keys) || field_integer(r->f, pref, "weight", 1, 100, &weight, &present))
			return -1;
		if (!present)
			return field_error(r->f, pref, sub, "a preferred term needs a weight from 1 to 100");
		snprintf(sub, sizeof sub, "%.160s[%u].preference", field, i);
		if (read_term(r, yaml_get(r->f->doc, pref, "preference"), sub, &t[i]))
			return -1;
		t[i].weight = (int32_t)weight;
	}
	rules->preferred = t;
	rules->n_preferred = count;
	return 0;
}

/* A label selector (NULL: matches no pod) with matchLabelKeys (In the pod's own value) and
 * mismatchLabelKeys (NotIn it) merged in, for the keys the pod's labels have. */
static int read_selector(const struct reading *r, yaml_node_t *sel, yaml_node_t *match_keys, yaml_node_t *mismatch_keys,
			 const struct pod_spec *p, const char *field, struct label_selector *out)
{
	memset(out, 0, sizeof *out);
	if (!sel || (sel->type == YAML_SCALAR_NODE && (!*yaml_text(sel) || !strcmp(yaml_text(sel), "null")))) {
		out->none = true;
		return 0;
	}
	char sub[FIELD_TEXT];
	snprintf(sub, sizeof sub, "%.160s.labelSelector", field);
	if (mapping(r, sel, sub, &selector_keys))
		return -1;
	yaml_node_t *labels = yaml_get(r->f->doc, sel, "matchLabels");
	if (labels && labels->type != YAML_MAPPING_NODE)
		return field_error(r->f, labels, sub, "matchLabels: expected a mapping of key: value");
	uint32_t n_labels = labels ? (uint32_t)(labels->data.mapping.pairs.top - labels->data.mapping.pairs.start) : 0;
	yaml_node_item_t *exprs;
	uint32_t n_exprs, n_match = 0, n_mismatch = 0;
	const char *const *match = NULL, *const *mismatch = NULL;
	snprintf(sub, sizeof sub, "%.160s.matchLabelKeys", field);
	if (read_texts(r, match_keys, sub, &match, &n_match))
		return -1;
	snprintf(sub, sizeof sub, "%.160s.mismatchLabelKeys", field);
	if (read_texts(r, mismatch_keys, sub, &mismatch, &n_mismatch))
		return -1;
	snprintf(sub, sizeof sub, "%.160s.labelSelector.matchExpressions", field);
	if (items_of(r, yaml_get(r->f->doc, sel, "matchExpressions"), sub, &exprs, &n_exprs))
		return -1;
	if (n_labels > MAX_RULE_ITEMS)
		return field_error(r->f, labels, sub, "expected at most 256 labels");
	uint32_t room = n_labels + n_exprs + n_match + n_mismatch;
	struct requirement *reqs = arena_alloc(&r->w->strings, (room ? room : 1) * sizeof *reqs);
	if (!reqs)
		return oom(r);
	memset(reqs, 0, (room ? room : 1) * sizeof *reqs);
	uint32_t n = 0;
	for (yaml_node_pair_t *kv = labels ? labels->data.mapping.pairs.start : NULL; labels && kv < labels->data.mapping.pairs.top;
	     kv++) {
		const char *k = yaml_text(yaml_document_get_node(r->f->doc, kv->key));
		const char *v = yaml_text(yaml_document_get_node(r->f->doc, kv->value));
		const char **one = arena_alloc(&r->w->strings, sizeof *one);
		if (!k || !v)
			return field_error(r->f, labels, sub, "matchLabels: expected string keys and values");
		if (!one || !(one[0] = arena_strdup(&r->w->strings, v)) || !(reqs[n].key = arena_strdup(&r->w->strings, k)))
			return oom(r);
		reqs[n].values = one;
		reqs[n].n_values = 1;
		reqs[n++].op = OP_IN;
	}
	for (uint32_t i = 0; i < n_exprs; i++, n++) {
		char one[FIELD_TEXT];
		snprintf(one, sizeof one, "%.160s[%u]", sub, i);
		if (read_requirement(r, item(r, exprs, i), one, false, &reqs[n]))
			return -1;
		if (reqs[n].op == OP_GT || reqs[n].op == OP_LT)
			return field_error(r->f, item(r, exprs, i), one, "a label selector takes In, NotIn, Exists or DoesNotExist");
	}
	for (uint32_t i = 0; i < n_match + n_mismatch; i++) {
		const char *key = i < n_match ? match[i] : mismatch[i - n_match], *value = label_value(p->labels, p->n_labels, key);
		if (!value)
			continue;   /* as Kubernetes merges them: keys the pod has no label for are left out */
		const char **one = arena_alloc(&r->w->strings, sizeof *one);
		if (!one)
			return oom(r);
		one[0] = value;
		reqs[n++] = (struct requirement){.key = key, .values = one, .n_values = 1, .op = i < n_match ? OP_IN : OP_NOT_IN};
	}
	out->reqs = reqs;
	out->n_reqs = n;
	return 0;
}

static int read_pod_term(const struct reading *r, yaml_node_t *t, const char *field, const struct pod_spec *p,
			 struct pod_term *out)
{
	memset(out, 0, sizeof *out);
	yaml_node_t *where;
	char sub[FIELD_TEXT];
	if (mapping(r, t, field, &pod_term_keys) ||
	    read_selector(r, yaml_get(r->f->doc, t, "labelSelector"), yaml_get(r->f->doc, t, "matchLabelKeys"),
			  yaml_get(r->f->doc, t, "mismatchLabelKeys"), p, field, &out->selector) ||
	    text_field(r, t, "topologyKey", &out->topology_key, &where))
		return -1;
	if (!*out->topology_key)
		return field_error(r->f, where, field, "a pod affinity term needs a topologyKey");
	snprintf(sub, sizeof sub, "%.160s.namespaces", field);
	if (read_texts(r, yaml_get(r->f->doc, t, "namespaces"), sub, &out->namespaces, &out->n_namespaces))
		return -1;
	yaml_node_t *ns = yaml_get(r->f->doc, t, "namespaceSelector");
	if (ns && ns->type == YAML_MAPPING_NODE) {
		if (ns->data.mapping.pairs.top == ns->data.mapping.pairs.start)
			out->all_namespaces = true;   /* {}: every namespace */
		else
			r->w->unmodelled[UM_NAMESPACE_SELECTOR]++;
	}
	if (out->n_namespaces == 0 && !out->all_namespaces) {
		const char **own = arena_alloc(&r->w->strings, sizeof *own);
		if (!own)
			return oom(r);
		own[0] = pod_namespace(r->w, p);
		out->namespaces = own;
		out->n_namespaces = 1;
	}
	return 0;
}

/* One of podAffinity and podAntiAffinity: its required and preferred terms. */
static int read_pod_affinity(const struct reading *r, yaml_node_t *a, const char *field, const struct pod_spec *p,
			     struct term_list *required, struct term_list *preferred)
{
	if (!a)
		return 0;
	char sub[FIELD_TEXT];
	if (mapping(r, a, field, &pod_affinity_keys))
		return -1;
	for (int kind = 0; kind < 2; kind++) {
		const char *key = kind ? "preferredDuringSchedulingIgnoredDuringExecution"
				       : "requiredDuringSchedulingIgnoredDuringExecution";
		snprintf(sub, sizeof sub, "%.160s.%s", field, key);
		yaml_node_item_t *at;
		uint32_t count;
		if (items_of(r, yaml_get(r->f->doc, a, key), sub, &at, &count))
			return -1;
		struct pod_term *terms = arena_alloc(&r->w->strings, (count ? count : 1) * sizeof *terms);
		if (!terms)
			return oom(r);
		for (uint32_t i = 0; i < count; i++) {
			char one[FIELD_TEXT];
			snprintf(one, sizeof one, "%.160s[%u]", sub, i);
			yaml_node_t *t = item(r, at, i);
			int64_t weight = 0;
			bool present = false;
			if (kind) {
				if (mapping(r, t, one, &weighted_term_keys) || field_integer(r->f, t, "weight", 1, 100, &weight, &present))
					return -1;
				if (!present)
					return field_error(r->f, t, one, "a preferred term needs a weight from 1 to 100");
				t = yaml_get(r->f->doc, t, "podAffinityTerm");
				snprintf(one, sizeof one, "%.160s[%u].podAffinityTerm", sub, i);
			}
			if (read_pod_term(r, t, one, p, &terms[i]))
				return -1;
			terms[i].weight = (int32_t)weight;
		}
		*(kind ? preferred : required) = (struct term_list){terms, count};
	}
	return 0;
}

static int policy_of(const struct reading *r, yaml_node_t *c, const char *key, const char *field, bool fallback,
		     bool *honor)
{
	const char *text;
	yaml_node_t *where;
	if (text_field(r, c, key, &text, &where))
		return -1;
	*honor = !*text ? fallback : strcmp(text, "Honor") == 0;
	if (*text && strcmp(text, "Honor") && strcmp(text, "Ignore")) {
		char what[128];
		snprintf(what, sizeof what, "%s: expected Honor or Ignore, got '%.40s'", key, text);
		return field_error(r->f, where, field, what);
	}
	return 0;
}

static int read_spread_one(const struct reading *r, yaml_node_t *c, const char *field, const struct pod_spec *p,
			   struct spread_constraint *out)
{
	yaml_node_t *where;
	const char *when;
	int64_t skew = 0, domains = 1;
	bool present = false, has_domains = false;
	memset(out, 0, sizeof *out);
	if (mapping(r, c, field, &spread_keys) || field_integer(r->f, c, "maxSkew", 1, INT32_MAX, &skew, &present))
		return -1;
	if (!present)
		return field_error(r->f, c, field, "maxSkew: expected a whole number from 1");
	if (text_field(r, c, "topologyKey", &out->topology_key, &where))
		return -1;
	if (!*out->topology_key)
		return field_error(r->f, where, field, "a topology spread constraint needs a topologyKey");
	if (text_field(r, c, "whenUnsatisfiable", &when, &where))
		return -1;
	if (strcmp(when, "DoNotSchedule") && strcmp(when, "ScheduleAnyway")) {
		char what[128];
		snprintf(what, sizeof what, "whenUnsatisfiable: expected DoNotSchedule or ScheduleAnyway, got '%.40s'", when);
		return field_error(r->f, where, field, what);
	}
	out->when = strcmp(when, "DoNotSchedule") ? SPREAD_SCHEDULE_ANYWAY : SPREAD_DO_NOT_SCHEDULE;
	if (field_integer(r->f, c, "minDomains", 1, INT32_MAX, &domains, &has_domains))
		return -1;
	if (has_domains && out->when != SPREAD_DO_NOT_SCHEDULE)
		return field_error(r->f, yaml_get(r->f->doc, c, "minDomains"), field,
				   "minDomains: only with whenUnsatisfiable DoNotSchedule");
	out->max_skew = (int32_t)skew;
	out->min_domains = (int32_t)domains;
	return policy_of(r, c, "nodeAffinityPolicy", field, true, &out->honor_affinity) ||
	       policy_of(r, c, "nodeTaintsPolicy", field, false, &out->honor_taints) ||
	       read_selector(r, yaml_get(r->f->doc, c, "labelSelector"), yaml_get(r->f->doc, c, "matchLabelKeys"), NULL, p,
			     field, &out->selector);
}

static int read_spread(const struct reading *r, yaml_node_t *list, const struct pod_spec *p, struct pod_rules *rules)
{
	yaml_node_item_t *at;
	uint32_t count;
	if (items_of(r, list, "spec.topologySpreadConstraints", &at, &count))
		return -1;
	struct spread_constraint *s = arena_alloc(&r->w->strings, (count ? count : 1) * sizeof *s);
	if (!s)
		return oom(r);
	for (uint32_t i = 0; i < count; i++) {
		char field[64];
		snprintf(field, sizeof field, "spec.topologySpreadConstraints[%u]", i);
		if (read_spread_one(r, item(r, at, i), field, p, &s[i]))
			return -1;
		for (uint32_t j = 0; j < i; j++)
			if (!strcmp(s[j].topology_key, s[i].topology_key) && s[j].when == s[i].when)
				return field_error(r->f, item(r, at, i), field,
						   "a second constraint of the same topologyKey and whenUnsatisfiable");
	}
	rules->spread = s;
	rules->n_spread = count;
	return 0;
}

int pod_placement_read(const struct yaml_fields *f, yaml_node_t *spec, struct workload *w, struct pod_spec *p)
{
	struct reading r = {f, w};
	yaml_node_t *tolerations = yaml_get(f->doc, spec, "tolerations");
	yaml_node_t *node_affinity = yaml_path(f->doc, spec, "affinity.nodeAffinity");
	yaml_node_t *pod_affinity = yaml_path(f->doc, spec, "affinity.podAffinity");
	yaml_node_t *anti_affinity = yaml_path(f->doc, spec, "affinity.podAntiAffinity");
	yaml_node_t *spread = yaml_get(f->doc, spec, "topologySpreadConstraints");
	if (!spec || (!tolerations && !node_affinity && !pod_affinity && !anti_affinity && !spread))
		return 0;
	struct pod_rules *rules = arena_alloc(&w->strings, sizeof *rules);
	if (!rules)
		return oom(&r);
	memset(rules, 0, sizeof *rules);
	if (read_tolerations(&r, tolerations, rules))
		return -1;
	if (node_affinity) {
		if (mapping(&r, node_affinity, "spec.affinity.nodeAffinity", &node_affinity_keys) ||
		    read_required(&r, yaml_get(f->doc, node_affinity, "requiredDuringSchedulingIgnoredDuringExecution"), rules) ||
		    read_preferred(&r, yaml_get(f->doc, node_affinity, "preferredDuringSchedulingIgnoredDuringExecution"), rules))
			return -1;
	}
	if (read_pod_affinity(&r, pod_affinity, "spec.affinity.podAffinity", p, &rules->affinity,
			      &rules->affinity_preferred) ||
	    read_pod_affinity(&r, anti_affinity, "spec.affinity.podAntiAffinity", p, &rules->anti_affinity,
			      &rules->anti_affinity_preferred) ||
	    read_spread(&r, spread, p, rules))
		return -1;
	if (rules->n_tolerations || rules->has_required || rules->n_preferred || rules->affinity.n ||
	    rules->affinity_preferred.n || rules->anti_affinity.n || rules->anti_affinity_preferred.n || rules->n_spread)
		p->rules = rules;
	return 0;
}
