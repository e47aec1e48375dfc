/* scalar_resources.h — Kubernetes' scalar resources (workload.h) read from a Node's
 * status.allocatable and from a container's resources.
 *
 * A scalar resource is what Kubernetes' IsScalarResourceName accepts, less what simon reads
 * itself (cpu, memory, pods, nvidia.com/gpu, amd.com/gpu, alibabacloud.com/ names): a name with a
 * '/' (extended and kubernetes.io-prefixed resources), hugepages-<size>, attachable-volumes-*,
 * and ephemeral-storage, which NodeResourcesFit checks alike.  Amounts are quantities in whole
 * units, rounded up as Kubernetes' Value() rounds.  O(keys) per mapping.
 */
#ifndef SIMON_SCALAR_RESOURCES_H
#define SIMON_SCALAR_RESOURCES_H

#include <stdbool.h>
#include <yaml.h>

#include "sim/load/workload.h"
#include "sim/load/yaml_field.h"

/* Whether name is a scalar resource as defined above. */
bool is_scalar_resource(const char *name);
/* n's scalar resources from its allocatable mapping (zero amounts left out); names any
 * number, each kept once in w's arena. */
int node_scalars_read(const struct yaml_fields *f, yaml_node_t *alloc, struct workload *w, struct node_spec *n);
/* A container's scalar requests into amount[slot] (zeroed first): each name of requests, else
 * of limits (a missing request defaults to its limit), numbered by workload_scalar_slot.  A
 * name Kubernetes does not accept in a container is an error naming the nearest valid one;
 * so is a 17th distinct name. */
int container_scalars_read(const struct yaml_fields *f, yaml_node_t *req, yaml_node_t *lim, struct workload *w,
			   int64_t amount[MAX_SCALARS]);

#endif
