/* rules_yaml.h — a pod's labels and placement rules (placement_rules.h) written back as the
 * YAML of a Pod's metadata.labels and spec fields, in flow style, for snapshots: what reads
 * back (placement_read.c) as the same rules.  O(the rules' size).
 */
#ifndef SIMON_RULES_YAML_H
#define SIMON_RULES_YAML_H

#include <stdio.h>

#include "sim/load/workload.h"

/* s as YAML single-quoted text. */
void yaml_quoted(FILE *f, const char *s);
/* "  labels: {...}\n" under metadata, nothing without labels. */
void labels_yaml(FILE *f, const struct pod_spec *p);
/* The spec lines of p's tolerations, affinity and topologySpreadConstraints, at two spaces. */
void rules_yaml(FILE *f, const struct pod_spec *p);

#endif
