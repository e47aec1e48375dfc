/* snapshot.h — the reference's snapshot files (exportConfig), so that its analysis scripts read
 * simon's runs: after the first schedule (InitSchedule/) and, when it descheduled, after that
 * (PostDeschedule/), each of
 *  - podSnapshotYamlFilePrefix/STAGE/pod-snapshot.yaml: every pod, those that ran pinned to
 *    their node (nodeSelector kubernetes.io/hostname) and GPUs (alibabacloud.com/gpu-index),
 *    then those that did not, marked simon.io/unscheduled.  It is a simon input: read back
 *    (with the nodes) it rebuilds the state, the unscheduled pods left out;
 *  - nodeSnapshotCSVFilePrefix/STAGE/node-snapshot.csv and pod-snapshot.csv, with the
 *    reference's columns and its values, quirks included: memory_mib holds bytes and
 *    memory_mib_left the capacity, as the reference writes them.  (The reference writes its
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
