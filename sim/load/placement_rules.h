/* placement_rules.h — what in a Node and a Pod says where the pod may run, beyond resources,
 * as Kubernetes' core/v1 types say it: a node's taints and spec.unschedulable; a pod's labels,
 * tolerations, node affinity, pod (anti-)affinity and topology spread constraints.
 *
 * A pod that has none of these (every openb pod) carries a NULL `rules`, so the many pay one
 * pointer.  Strings belong to the workload's arena.  Bounds, checked where they are read
 * (placement_read.c): at most MAX_RULE_ITEMS items in any one list (terms, expressions, values,
 * tolerations, constraints), weights 1..100, maxSkew ≥ 1, minDomains ≥ 1, and at most
 * MAX_TAINT_TEXTS distinct taints (key and value) over a cluster's nodes.
 */
#ifndef SIMON_PLACEMENT_RULES_H
#define SIMON_PLACEMENT_RULES_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_RULE_ITEMS 256
#define MAX_TAINT_TEXTS 64

/* Taint effects; a toleration's EFFECT_ANY (written empty) matches every one. */
enum taint_effect { EFFECT_ANY, EFFECT_NO_SCHEDULE, EFFECT_PREFER_NO_SCHEDULE, EFFECT_NO_EXECUTE };

struct taint {
	const char *key;
	const char *value;        /* "" when none */
	uint8_t effect;           /* enum taint_effect, never EFFECT_ANY */
	uint8_t text;             /* "key: value", as workload.taint_texts numbers it */
};

/* Operators of tolerations and of selector requirements. */
enum rule_op { OP_EQUAL, OP_EXISTS, OP_IN, OP_NOT_IN, OP_DOES_NOT_EXIST, OP_GT, OP_LT };

struct toleration {
	const char *key;          /* "" matches every key (with OP_EXISTS) */
	const char *value;
	uint8_t op;               /* OP_EQUAL or OP_EXISTS */
	uint8_t effect;           /* enum taint_effect */
};

/* One requirement of a node selector term or a label selector: key op values.  A node
 * selector's matchFields requirement reads the node's name (on_name). */
struct requirement {
	const char *key;
	const char *const *values;
	uint32_t n_values;
	uint8_t op;               /* OP_IN, OP_NOT_IN, OP_EXISTS, OP_DOES_NOT_EXIST, OP_GT, OP_LT */
	bool on_name;             /* matchFields metadata.name */
	int64_t number;           /* OP_GT, OP_LT: the one value, parsed */
};

/* A node selector term: requirements ANDed (an empty term matches no node); preferred terms
 * carry their weight. */
struct node_term {
	const struct requirement *reqs;
	uint32_t n_reqs;
	int32_t weight;
};

/* A label selector over pods: matchLabels and matchExpressions, ANDed (an empty one matches
 * every pod); `none` when the selector was null, which matches no pod. */
struct label_selector {
	const struct requirement *reqs;   /* matchLabels as OP_IN of one value, then the expressions */
	uint32_t n_reqs;
	bool none;
};

/* A pod affinity term: the pods of `namespaces` (all_namespaces: any; the owner's own when
 * none is written) that `selector` matches (matchLabelKeys and mismatchLabelKeys merged in),
 * counted per value of topology_key. */
struct pod_term {
	struct label_selector selector;
	const char *const *namespaces;   /* namespace names; "default" for the default one */
	uint32_t n_namespaces;
	bool all_namespaces;             /* namespaceSelector: {} */
	const char *topology_key;
	int32_t weight;           /* preferred terms: 1..100 */
};

enum { SPREAD_DO_NOT_SCHEDULE, SPREAD_SCHEDULE_ANYWAY };

/* A topology spread constraint; it counts the pods of its pod's namespace. */
struct spread_constraint {
	int32_t max_skew;
	int32_t min_domains;      /* 1 when not written */
	const char *topology_key;
	uint8_t when;             /* SPREAD_DO_NOT_SCHEDULE or SPREAD_SCHEDULE_ANYWAY */
	bool honor_affinity;      /* nodeAffinityPolicy: Honor (the default) */
	bool honor_taints;        /* nodeTaintsPolicy: Honor (default Ignore) */
	struct label_selector selector;   /* matchLabelKeys already merged in */
};

struct term_list {
	const struct pod_term *at;
	uint32_t n;
};

/* A pod's rules, beside its labels (pod_spec.labels), which every pod may have. */
struct pod_rules {
	const struct toleration *tolerations;
	uint32_t n_tolerations;
	const struct node_term *required;     /* ORed; NULL and 0 with has_required false: none */
	uint32_t n_required;
	bool has_required;                    /* a required node affinity was written */
	const struct node_term *preferred;
	uint32_t n_preferred;
	struct term_list affinity, affinity_preferred;
	struct term_list anti_affinity, anti_affinity_preferred;
	const struct spread_constraint *spread;
	uint32_t n_spread;
};

#endif
