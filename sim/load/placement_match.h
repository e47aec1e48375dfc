/* placement_match.h — Kubernetes' matching rules for placement_rules.h: a toleration against
 * a taint (core/v1 ToleratesTaint), a node selector requirement, term and required affinity
 * against a node (component-helpers' nodeaffinity), and its nodeSelector.  A pod without
 * rules tolerates no taint and has no affinity.  O(labels × requirements) per match.
 */
#ifndef SIMON_PLACEMENT_MATCH_H
#define SIMON_PLACEMENT_MATCH_H

#include <stdbool.h>

#include "sim/load/workload.h"

bool toleration_tolerates(const struct toleration *t, const struct taint *taint);
/* Whether some toleration of p tolerates taint. */
bool pod_tolerates(const struct pod_spec *p, const struct taint *taint);
/* The first of n's NoSchedule and NoExecute taints p does not tolerate, or NULL. */
const struct taint *first_untolerated(const struct node_spec *n, const struct pod_spec *p);
/* How many of n's PreferNoSchedule taints p does not tolerate. */
int prefer_untolerated(const struct node_spec *n, const struct pod_spec *p);
/* Whether p tolerates a cordon's taint, node.kubernetes.io/unschedulable:NoSchedule. */
bool pod_tolerates_cordon(const struct pod_spec *p);

bool node_term_matches(const struct node_term *t, const struct node_spec *n);
/* Every label of p's spec.nodeSelector is n's. */
bool node_selector_matches(const struct pod_spec *p, const struct node_spec *n);
/* p's required node affinity (its terms, ORed) matches n; true when it has none. */
bool required_affinity_matches(const struct pod_spec *p, const struct node_spec *n);
/* Whether some of the terms reads a node's name (matchFields metadata.name). */
bool terms_read_name(const struct node_term *terms, uint32_t n);
/* The sum of the weights of p's preferred node affinity terms that match n. */
int64_t node_preferred_weight(const struct pod_spec *p, const struct node_spec *n);

/* A label selector against a pod's labels (apimachinery's LabelSelectorAsSelector: an empty
 * selector matches every pod, a null one none). */
bool label_selector_matches(const struct label_selector *s, const struct label *labels, size_t n);
/* A namespace and label set as a hash that labels in any order give alike (never 0), and
 * whether two are the same set.  O(labels), O(labels²). */
uint64_t label_set_hash(const char *ns, const struct label *labels, size_t n);
bool label_set_equal(const char *ns_a, const struct label *a, size_t n_a, const char *ns_b, const struct label *b,
		     size_t n_b);
/* A pod affinity term against pod q: q's namespace among the term's, and its labels matched. */
bool pod_term_matches(const struct pod_term *t, const struct workload *w, const struct pod_spec *q);

#endif
