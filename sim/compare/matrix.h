/* matrix.h — what `simon compare` runs: traces × policies × tuning ratios × seeds, and gates.
 *
 *   kind: Matrix
 *   mode: inflation                  # or replay
 *   traces:                          # cluster configs, or folders of Node and Pod YAML
 *     - data/openb/default.yaml      #   (a folder runs as the paper runs openb: shuffled, 1.3x)
 *     - {name: mg50, path: ../shared/traces/openb/openb_pod_list_multigpu50}
 *     - {name: at100, path: data/replay/default-qos.yaml, target_load: 100}  # replay: or arrival_scale
 *   policies:                        # scheduler configs, or policy names
 *     - data/schedulers/fgd.yaml     #   named by the file's stem: fgd
 *     - BestFitScore
 *     - {name: fgd-topo, config: data/schedulers/fgd-topology.yaml}
 *   seeds: [42, 43]                  # or "42-51"
 *   tune_ratios: [1.3]               # optional: else each trace's own workloadTuningConfig
 *   priorities: [1000, 0]            # optional (replay): per-class waits, e.g. mean_wait@1000
 *   baseline: baseline.json          # optional: an earlier results.json, for "within" gates
 *   gates:                           # checked per trace (and tuning ratio) on means over seeds
 *     - fgd.alloc_at_100 >= BestFitScore.alloc_at_100 + 1.0
 *     - fgd.alloc_at_100 within 0.5 of baseline
 *     - BestFitScore.failed <= 3000
 *
 * Paths are relative to the matrix file, falling back to the working directory.  Runs are
 * numbered trace-major: ((trace·P + policy)·T + tuning)·S + seed.
 */
#ifndef SIMON_MATRIX_H
#define SIMON_MATRIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/load/config.h"
#include "sim/engine.h"

enum metric {
	M_ALLOC_AT_100,
	M_FRAG_RATIO_AT_100,
	M_FRAG_GPU_AT_100,
	M_GPU_ALLOC,
	M_CPU_ALLOC,
	M_FRAG_RATIO,
	M_FRAG_GPU,
	M_PODS,
	M_SCHEDULED,
	M_FAILED,
	M_MEAN_WAIT,
	M_MAX_WAIT,
	M_MAKESPAN,
	M_MEAN_GPU_ALLOC,
	M_PEAK_QUEUED,
	M_VICTIMS,
	M_LOST_GPU_SECONDS,
	M_GANG_WAIT,
	M_PIPELINE_JCT,
	M_JCT_OVER_CP,
	M_MAKESPAN_OVER_BOUND,
	N_METRICS
};

/* Replay runs also have, per priority the matrix lists (priorities: [1000, 0]), the mean and
 * p95 wait of that class's pods: mean_wait@1000, p95_wait@1000, ... after the N_METRICS. */
#define MAX_PRIORITY_CLASSES 8
#define METRIC_SLOTS (N_METRICS + 2 * MAX_PRIORITY_CLASSES)

extern const char *const metric_names[N_METRICS];

enum gate_op { GATE_GE, GATE_LE, GATE_GT, GATE_LT, GATE_WITHIN };

struct gate {
	char text[256];
	int policy, metric;
	enum gate_op op;
	int rhs_policy;          /* -1: a number */
	double number;           /* the constant, the offset added to rhs_policy, or the tolerance */
	bool against_baseline;   /* within N of baseline */
};

struct matrix_trace {
	char name[128];
	char path[1024];
	double target_load, arrival_scale;   /* replay's load (offered_load.h); 0: as the trace has it */
};

struct matrix_policy {
	char name[128];
	char config[1024];       /* a scheduler config, or "" */
	char policy[64];         /* a policy name, or "" */
};

struct matrix {
	char path[1024];
	enum run_mode mode;
	struct matrix_trace *traces;
	size_t n_traces;
	struct matrix_policy *policies;
	size_t n_policies;
	uint64_t *seeds;
	size_t n_seeds;
	double *tune_ratios;     /* none: as each trace configures */
	size_t n_tunes;
	struct gate *gates;
	size_t n_gates;
	char baseline[1024];
	int32_t priorities[MAX_PRIORITY_CLASSES];
	size_t n_priorities;
};

int matrix_load(struct matrix *m, const char *path, struct error *err);
void matrix_release(struct matrix *m);
size_t matrix_runs(const struct matrix *m);
/* The coordinates of run `index`; tune is 0 when the matrix names no tuning ratios. */
void matrix_coords(const struct matrix *m, size_t index, size_t *trace, size_t *policy, size_t *tune, size_t *seed);
/* The metrics m's runs have (N_METRICS, then two per listed priority); metric k's name, written
 * into buf when it needs writing; and the metric of a name, or -1. */
int matrix_n_metrics(const struct matrix *m);
const char *matrix_metric_name(const struct matrix *m, int k, char *buf, size_t size);
int matrix_metric_find(const struct matrix *m, const char *name);
/* Parses a gate against m's policy names and metrics; err says what was expected. */
int gate_parse(struct gate *g, const char *text, const struct matrix *m, struct error *err);

#endif
