/* priority.h — each pod's priority, as Kubernetes' Priority admission gives it, once the
 * cluster's YAML is loaded.
 *
 * A pod naming a PriorityClass (spec.priorityClassName) gets the class's value, and with
 * preemptionPolicy: Never it never preempts; if it also writes spec.priority or
 * spec.preemptionPolicy (as every pod of a `kubectl` export does), each must agree with the
 * class's (Kubernetes' Priority admission rejects the pod otherwise).  A pod that no class
 * decides (its own spec.priority, a qos mapping, no class at all) keeps its own
 * spec.preemptionPolicy.  Else its spec.priority; else, when the cluster
 * config maps its alibabacloud.com/qos class (customConfig.qosPriorities), that value; else
 * the globalDefault PriorityClass's value and policy; else 0.  Kubernetes' built-in classes
 * system-cluster-critical (2000000000) and system-node-critical (2000001000) need no document.
 * Two classes of one name, or two global defaults, are errors.  O(pods × classes).
 */
#ifndef SIMON_PRIORITY_H
#define SIMON_PRIORITY_H

#include "sim/load/config.h"
#include "sim/load/workload.h"

int priorities_resolve(struct workload *w, const struct qos_priority *qos, int n_qos, struct error *err);

#endif
