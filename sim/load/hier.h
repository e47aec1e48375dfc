/* hier.h — rack/server hierarchical copies of a trace's node and pod YAML (`simon gen-hier`).
 *
 * For every workload folder (openb_pod_list_*) under data_dir, every YAML file in it gets a
 * copy <stem>-hier.yaml, beside it or in output_dir/<folder>/: Node i (counted in file and document order across the
 * folder) gains labels rack: rack-<i div N> and server: srv-<i mod N>; every Pod gets
 * spec.schedulerName.  Beside them goes simon-config-hier.yaml, a cluster config naming the
 * copies.  Inputs are never written; copies are re-emitted by libyaml, so reruns are
 * byte-identical; all files of a run appear together or not at all.
 */
#ifndef SIMON_HIER_H
#define SIMON_HIER_H

#include <stddef.h>

#include "sim/util/error.h"
#include "sim/util/outdir.h"

struct hier_options {
	const char *data_dir;
	const char *output_dir;      /* NULL: beside the inputs; else DIR/<workload folder>/ */
	long servers_per_rack;       /* N > 0, default 4 */
	const char *scheduler_name;  /* default "rl-scheduler" */
};

struct hier_result {
	size_t folders, files, nodes, pods;
};

/* Adds every copy and config to out (the caller commits or aborts it). */
int hier_generate(const struct hier_options *o, struct output_set *out, struct hier_result *r, struct error *err);

#endif
