/* A scheduler config (KubeSchedulerConfiguration), resolved into a profile. */
#include "sim/scheduler.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sched_config cfg;
	struct scheduler_profile profile;
	struct error err;
	if (sched_config_load(&cfg, fuzz_file("sched.yaml", data, size), &err) == 0)
		scheduler_profile_build(&profile, &cfg, NULL, &err);
	return 0;
}
