/* snapshot.h — the reference's snapshot files (exportConfig), so that its analysis scripts read
 * simon's runs: after the first schedule (InitSchedule/) and, when it descheduled, after that
 * (PostDeschedule/), each of
 *  - podSnapshotYamlFilePrefix/STAGE/pod-snapshot.yaml: every pod, in its namespace, with its
 *    first container's image: those that ran, as the reference lists them (namespace, then
 *    name), pinned to their node (nodeSelector kubernetes.io/hostname) and GPUs
 *    (alibabacloud.com/gpu-index); then those that did not, in arrival order, marked with the
 *    reference's simon/pod-unscheduled.  It is a simon input, and the reference's is too:
 *    read back (with the nodes) it rebuilds the state, the unscheduled pods left out;
 *  - nodeSnapshotCSVFilePrefix/STAGE/node-snapshot.csv and pod-snapshot.csv, with the
 *    reference's columns and its values, quirks included: a node's cpu (whole cores, rounded
 *    up) and memory_mib (bytes) are its capacity's, memory_mib_left is the capacity too, ip is
 *    its node-ip label; the pod list holds the pods that ran, listed as above, with their
 *    namespaces, their node's ip and creation_time as written.  (The reference writes its
 *    PostDeschedule pod-snapshot.csv in the node format; simon writes the pod format.)
 * They join the run's output set (outdir.h), so that they and the report's files are written
 * all together or not at all.  O(nodes + pods).
 */
#ifndef SIMON_SNAPSHOT_H
#define SIMON_SNAPSHOT_H

#include "sim/report/report.h"
#include "sim/util/outdir.h"

/* Whether the places cfg's exportConfig names could be written (outdir.h's output_check), for
 * a check before the run. */
int snapshots_check(const struct cluster_config *cfg, struct error *err);
/* Adds the snapshots cfg asks for to out; nothing when it asks for none.  On an error out is
 * left to abort. */
int snapshots_add(struct output_set *out, const struct report *r, const struct cluster_config *cfg,
		  struct error *err);

#endif
