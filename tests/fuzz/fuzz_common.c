/* fuzz_common.c — a scratch folder per process and inputs written into it (fuzz.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/simulation.h"
#include "tests/fuzz/fuzz.h"

static char dir[64];

static void remove_dir(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz: could not remove %s\n", dir);
}

const char *fuzz_dir(void)
{
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/simon-fuzz-XXXXXX");
		if (!mkdtemp(dir))
			abort();
		atexit(remove_dir);
	}
	return dir;
}

const char *fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	char cmd[320];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
	if (access(path, F_OK) && system(cmd) != 0)
		abort();
	*slash = '/';
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	return path;
}

const char *fuzz_path(const char *name)
{
	static char paths[4][512];
	static int next;
	char *p = paths[next++ % 4];
	snprintf(p, sizeof paths[0], "%s/%s", fuzz_dir(), name);
	return p;
}

const char *fuzz_fixed(const char *name, const char *text)
{
	const char *path = fuzz_path(name);
	if (access(path, F_OK))
		fuzz_file(name, (const uint8_t *)text, strlen(text));
	return path;
}

void fuzz_run(const struct sim_options *o)
{
	static struct simulation s;
	struct error err;
	simulation_run(&s, o, &err);
	simulation_release(&s);
}

#define NODE(name, cpu, gpus)                                                                                          \
	"apiVersion: v1\nkind: Node\nmetadata:\n  name: " name "\n  labels:\n    alibabacloud.com/gpu-card-model: T4\n"  \
	"status:\n  allocatable:\n    cpu: \"" cpu "\"\n    memory: 64Gi\n    pods: \"110\"\n"                            \
	"    alibabacloud.com/gpu-count: \"" gpus "\"\n---\n"
const char fuzz_nodes_yaml[] = NODE("n1", "16", "2") NODE("n2", "16", "2") NODE("n3", "8", "0") NODE("n4", "8", "0");

const char fuzz_plain_config[] = "apiVersion: simon/v1alpha1\nkind: Config\nmetadata:\n  name: f\nspec:\n  cluster:\n"
				 "    customConfig: trace\n";
