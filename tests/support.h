/* support.h — helpers the tests share: scratch folders, tiny clusters written inline,
 * running simon in-process or as a command. */
#ifndef SIMON_TEST_SUPPORT_H
#define SIMON_TEST_SUPPORT_H

#include "sim/simulation.h"

/* A fresh folder under /tmp; removed with its contents by scratch_remove. */
char *scratch_make(void);
void scratch_remove(char *dir);
/* A test suite whose every test gets a fresh scratch folder `dir`, removed after it. */
#define SCRATCH_SUITE(suite, make)                                                                                   \
	static char *dir;                                                                                            \
	static void scratch_setup(void)                                                                              \
	{                                                                                                            \
		dir = make();                                                                                        \
	}                                                                                                            \
	static void scratch_teardown(void)                                                                           \
	{                                                                                                            \
		scratch_remove(dir);                                                                                 \
	}                                                                                                            \
	TestSuite(suite, .init = scratch_setup, .fini = scratch_teardown)

/* A scratch folder with the smallest run: cluster.yaml, sched.yaml (BestFit) and one node
 * (n1: 8 CPUs, 16Gi, 2 T4 GPUs) in cluster/nodes.yaml. */
char *scratch_cluster(void);
/* Writes dir/name (creating dir/name's parent folders). */
void write_text(const char *dir, const char *name, const char *text);
/* Writes dir/cluster.yaml pointing at dir/cluster with these customConfig lines (may be ""). */
void write_cluster_config(const char *dir, const char *custom);
/* Writes dir/sched.yaml enabling one plugin, with gpuSelMethod. */
void write_sched_config(const char *dir, const char *plugin, const char *gpu_sel);
/* Writes dir/sched.yaml scoring with BestFitScore, with these extra lines under plugins (e.g. a
 * queueSort) and under the profile (e.g. a pluginConfig); either may be "". */
void write_sched_with(const char *dir, const char *plugins, const char *profile);
/* YAML for a Node and for a Pod (static buffers reused per call: copy or write before the next). */
const char *node_yaml(const char *name, const char *cpu, const char *mem, int gpus, const char *model);
/* A pod; times < 0 are left out, model NULL for any. */
const char *pod_yaml(const char *name, const char *cpu, int gpu_count, int gpu_milli, const char *model,
		     long creation, long deletion);
/* A cluster and workload written by hand, for timelines worked out by hand: nodes of 32 CPUs,
 * 64Gi and T4 GPUs; pods of whole GPUs and 1Gi.  labels are extra metadata.labels lines
 * ("    rack: a\n") and spec extra spec lines ("  priority: 1\n"), either may be "". */
struct hand_trace {
	char nodes[8192], pods[32768];
};
void hand_node(struct hand_trace *t, const char *name, int gpus, const char *labels);
void hand_pod(struct hand_trace *t, const char *name, const char *cpu, int gpus, long at, long run, const char *labels,
	      const char *spec);
/* Writes them to dir/cluster/ (no pods.yaml without pods) with dir/cluster.yaml (these
 * customConfig lines), and empties t. */
void hand_write(struct hand_trace *t, const char *dir, const char *custom);
/* A node added to w in code: 1 TiB of memory, 110 pod slots, no rack; the model only with GPUs. */
struct node_spec *add_test_node(struct workload *w, const char *name, int64_t cpu, int gpus, int model);
/* A scheduler config made in code, named path: plugins[0..n) enabled with their weights. */
void config_in_code(struct sched_config *cfg, const char *path, const char *const *plugins, const int64_t *weights,
		    int n);
/* Adds plugin's args to cfg: key, value pairs, NULL-terminated (scalars); the args added. */
struct plugin_args *config_args(struct sched_config *cfg, const char *plugin, const char *const *pairs);
/* Writes dir/cluster/nodes.yaml and pods.yaml, a cluster config without tuning and a scheduler
 * config scoring with `scorer` (GPUs by best), and runs them (inflation, seed 1) into *s. */
void run_written(const char *dir, const char *nodes, const char *pods, const char *scorer, struct simulation *s);
/* `simon apply` on dir's files: its pods.csv must hold text. */
void expect_pods_csv(const char *dir, const char *text);
/* Runs dir/cluster.yaml with dir/sched.yaml. */
int run_dir(const char *dir, enum run_mode mode, uint64_t seed, struct simulation *s, struct error *err);
/* The index of the node a pod (by name) was placed on, -1 when not placed or not found. */
const char *placed_on(const struct simulation *s, const char *pod);
uint32_t placed_gpus(const struct simulation *s, const char *pod);
const struct pod_outcome *outcome_of(const struct simulation *s, const char *pod);
/* Runs the simon binary with a shell command line after "simon" (or, when args start with
 * "&&", that command line) from the source folder; returns the exit status.
 * stderr goes to *err_text (malloc'd) when err_text is not NULL. */
int run_simon(const char *args, char **err_text);
/* `simon apply -q` on dir/cluster.yaml and dir/sched.yaml with these extra arguments, writing
 * to dir/out: asserts it succeeds and returns dir/out/file (malloc'd).  apply_dir_fails asserts
 * it exits 1 and returns its stderr (malloc'd). */
char *apply_dir(const char *dir, const char *extra, const char *file);
char *apply_dir_fails(const char *dir, const char *extra);
/* Entries in a folder, hidden ones included (not . and ..); -1 when it cannot be read. */
int files_in(const char *dir);
/* The whole content of a file, malloc'd, or NULL. */
char *slurp(const char *path);
/* A results file less its provenance (the command line and date that made it), for comparing
 * what two runs found: JSON without its "provenance" key, HTML without its provenance line. */
char *slurp_results(const char *path);
/* True when ../shared/traces/openb is present beside the source tree. */
int have_openb(void);
#define OPENB_DIR SIMON_SOURCE_DIR "/../shared/traces/openb"

#endif
