/* A cluster config (simon/v1alpha1 Config). */
#include "sim/load/config.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cluster_config cfg;
	struct error err;
	cluster_config_load(&cfg, fuzz_file("cluster.yaml", data, size), &err);
	return 0;
}
