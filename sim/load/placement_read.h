/* placement_read.h — placement_rules.h's fields read from a Node's and a Pod's YAML, checked
 * as Kubernetes' API validation checks them, each error at its file:line:col
 * ("Pod p: spec.tolerations[0].operator: expected Equal or Exists, got 'Equals'").
 * Their keys are decoded strictly (strict.h).  O(the fields' size).
 */
#ifndef SIMON_PLACEMENT_READ_H
#define SIMON_PLACEMENT_READ_H

#include <yaml.h>

#include "sim/load/workload.h"
#include "sim/load/yaml_field.h"

/* A Node's spec.taints and spec.unschedulable (spec may be NULL). */
int node_placement_read(const struct yaml_fields *f, yaml_node_t *spec, struct workload *w, struct node_spec *n);
/* A Pod's spec.tolerations, spec.affinity (node, pod and pod anti-affinity) and
 * spec.topologySpreadConstraints into p->rules (left NULL when it has none); its labels and
 * namespace must be read first (matchLabelKeys read them).  spec may be NULL. */
int pod_placement_read(const struct yaml_fields *f, yaml_node_t *spec, struct workload *w, struct pod_spec *p);

#endif
