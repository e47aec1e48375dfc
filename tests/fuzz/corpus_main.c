/* corpus_main.c — a main() for a fuzz harness: runs it over every file of the folders given (its
 * saved corpus: the inputs that once crashed simon, and seeds), as an ordinary test. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"

static int replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "replay: cannot open %s\n", dir);
		return -1;
	}
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		long size = ftell(f);
		rewind(f);
		unsigned char *bytes = malloc(size > 0 ? (size_t)size : 1);
		size_t got = bytes ? fread(bytes, 1, (size_t)(size > 0 ? size : 0), f) : 0;
		fclose(f);
		if (!bytes)
			continue;
		LLVMFuzzerTestOneInput(bytes, got);
		free(bytes);
		n++;
	}
	closedir(d);
	return n;
}

int main(int argc, char **argv)
{
	int total = 0;
	for (int i = 1; i < argc; i++) {
		int n = replay_dir(argv[i]);
		if (n < 0)
			return 1;
		total += n;
	}
	printf("replay: %d passed, 0 failed\n", total);
	return 0;
}
