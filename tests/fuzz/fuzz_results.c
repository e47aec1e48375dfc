/* A results.json, as merges and baselines read it, then summarised and gated. */
#include "sim/compare/results.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct comparison cmp;
	struct error err;
	if (comparison_read(&cmp, fuzz_file("results.json", data, size), &err) == 0) {
		cmp.matrix.baseline[0] = '\0';
		comparison_finish(&cmp, &err);
		comparison_release(&cmp);
	}
	return 0;
}
