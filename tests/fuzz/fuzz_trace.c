/* Node and Pod YAML, then (when small) both modes of a whole run on it: the loader, arrivals,
 * typical pods, the engine, metrics and the curve. */
#include <string.h>

#include "sim/report/report.h"
#include "tests/fuzz/fuzz.h"

static void run(const char *dir, enum run_mode mode)
{
	static struct simulation s;
	struct sim_options o = {.cluster_config = dir, .policy = "FGDScore", .mode = mode, .has_seed = true, .seed = 1};
	struct error err;
	simulation_run(&s, &o, &err);
	simulation_release(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("trace/all.yaml", data, size);
	struct workload w;
	struct error err;
	workload_init(&w);
	int ok = workload_load_file(&w, path, &err) == 0 && workload_number_jobs(&w, &err) == 0;
	bool small = ok && w.n_nodes > 0 && w.n_nodes <= 32 && w.n_pods <= 256;
	workload_release(&w);
	if (small) {
		char dir[256];
		snprintf(dir, sizeof dir, "%s/trace", fuzz_dir());
		run(dir, MODE_INFLATION);
		run(dir, MODE_REPLAY);
	}
	return 0;
}
