/* gen-hier's rewriting of one YAML file; the copies are made and then thrown away. */
#include "sim/load/hier.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_file("data/openb_pod_list_x/nodes.yaml", data, size);
	char data_dir[256], out_dir[256];
	snprintf(data_dir, sizeof data_dir, "%s/data", fuzz_dir());
	snprintf(out_dir, sizeof out_dir, "%s/out", fuzz_dir());
	struct hier_options o = {.data_dir = data_dir, .output_dir = out_dir, .servers_per_rack = 4, .scheduler_name = "x"};
	struct output_set out;
	struct hier_result r;
	struct error err;
	if (output_open(&out, out_dir, &err) == 0) {
		hier_generate(&o, &out, &r, &err);
		output_abort(&out);
	}
	return 0;
}
