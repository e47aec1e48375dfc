/* fuzz.h — what the fuzz harnesses share.  Each fuzz_<loader>.c defines the libFuzzer entry
 * point for one loader; scripts/fuzz.sh builds them with clang's libFuzzer, and replay.c gives
 * the same harnesses a main() that runs them over their saved corpus, as ordinary tests. */
#ifndef SIMON_FUZZ_H
#define SIMON_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes data to a file of this process's scratch folder with the given name; its path. */
const char *fuzz_file(const char *name, const uint8_t *data, size_t size);
/* This process's scratch folder (created once, removed at exit). */
const char *fuzz_dir(void);
/* Writes a fixed text to the scratch folder's file name (once per process); its path. */
const char *fuzz_fixed(const char *name, const char *text);
/* The path of name inside the scratch folder (a static buffer, one of four in turn). */
const char *fuzz_path(const char *name);
/* Runs the simulation the options describe and releases it: the harnesses' whole run. */
struct sim_options;
void fuzz_run(const struct sim_options *o);
/* A cluster config reading the folder trace beside it, as it is (no tuning: pipelines cannot
 * be resampled). */
extern const char fuzz_plain_config[];
/* Four CPU-and-GPU nodes (two T4 pairs, two 8-CPU CPU nodes), as Node YAML. */
extern const char fuzz_nodes_yaml[];

#endif
