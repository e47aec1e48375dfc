/* An openb CSV node or pod list. */
#include "sim/load/workload.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct workload w;
	struct error err;
	workload_init(&w);
	workload_load_csv(&w, fuzz_file("trace.csv", data, size), &err);
	workload_release(&w);
	return 0;
}
