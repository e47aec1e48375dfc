/* A cluster config's later steps (descheduleConfig, exportConfig, newWorkloadConfig) run in
 * inflation mode on a fixed trace, the snapshots written, from the config's folder (relative
 * snapshot prefixes are the working folder's).  A config whose paths may leave the scratch
 * folder is loaded but not run: the fuzzer must write nowhere else. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/report/report.h"
#include "sim/report/snapshot.h"
#include "sim/simulation.h"
#include "tests/fuzz/fuzz.h"

static const char pods[] =
	"apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    alibabacloud.com/gpu-milli: '300'\n"
	"    alibabacloud.com/gpu-count: '1'\nspec:\n  containers:\n  - name: m\n    resources:\n      requests:\n"
	"        cpu: 1\n        memory: 1Gi\n---\n"
	"apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers:\n  - name: m\n    resources:\n"
	"      requests:\n        cpu: 6\n        memory: 1Gi\n";

/* Whether a path of the config stays inside the scratch folder: relative (to it) or under it,
 * and never going up. */
static bool inside(const char *path)
{
	size_t n = strlen(fuzz_dir());
	if (strstr(path, ".."))
		return false;
	return path[0] != '/' || (strncmp(path, fuzz_dir(), n) == 0 && path[n] == '/');
}

static bool stays_inside(const struct cluster_config *c)
{
	for (int i = 0; i < c->n_paths; i++)
		if (!inside(c->cluster_paths[i]))
			return false;
	return inside(c->new_workload) && inside(c->pod_snapshot_prefix) && inside(c->node_snapshot_prefix) &&
	       inside(c->new_node);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_fixed("ls/cluster/nodes.yaml", fuzz_nodes_yaml);
	fuzz_fixed("ls/cluster/pods.yaml", pods);
	fuzz_fixed("ls/new/pods.yaml", pods);
	const char *path = fuzz_file("ls/cluster.yaml", data, size);
	struct cluster_config cfg;
	struct error err;
	if (cluster_config_load(&cfg, path, &err) || !stays_inside(&cfg))
		return 0;
	static struct simulation s;
	struct sim_options o = {.cluster_config = path, .policy = "FGDScore", .mode = MODE_INFLATION, .has_seed = true,
				.seed = 1};
	char cwd[4096];
	if (!getcwd(cwd, sizeof cwd) || chdir(fuzz_path("ls")))
		return 0;
	if (simulation_run(&s, &o, &err) == 0 && snapshots_check(&s.trace.cfg, &err) == 0) {
		struct report r = simulation_report(&s);
		struct output_set out;
		if (output_open(&out, NULL, &err) == 0) {
			if (snapshots_add(&out, &r, &s.trace.cfg, &err))
				output_abort(&out);
			else
				output_commit(&out, &err);
		}
	}
	simulation_release(&s);
	if (chdir(cwd))
		abort();
	return 0;
}
