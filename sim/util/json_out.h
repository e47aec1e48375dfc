/* json_out.h — writing a cJSON tree to a file: prints it, frees it (in every case), adds a newline. */
#ifndef SIMON_JSON_OUT_H
#define SIMON_JSON_OUT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>

/* v rounded to six decimals (non-finite values unchanged): plenty for percentages, and it
 * keeps files identical across reruns, shards and merges. */
double round6(double v);
/* 0, or -1 when out of memory; `root` is always freed. */
int json_write(FILE *f, cJSON *root, bool pretty);

#endif
