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

#endif
