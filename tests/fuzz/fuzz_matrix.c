/* A compare matrix, its gates included. */
#include "sim/compare/matrix.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct matrix m;
	struct error err;
	if (matrix_load(&m, fuzz_file("matrix.yaml", data, size), &err) == 0)
		matrix_release(&m);
	return 0;
}
