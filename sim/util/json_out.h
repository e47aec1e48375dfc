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

/* An unformatted object written member by member, so that a large one (compare's runs) is
 * never whole in memory: the text is the same as json_write(f, whole object, false) prints.
 * Every call frees the item it is given; a failure sticks and json_object_end reports it. */
struct json_stream {
	FILE *f;
	bool started;   /* a member (or array item) is already written at this level */
	bool failed;
};

void json_object_begin(struct json_stream *js, FILE *f);
void json_member(struct json_stream *js, const char *key, cJSON *item);
/* An array member: begin, then items, then end. */
void json_array_begin(struct json_stream *js, const char *key);
void json_array_item(struct json_stream *js, cJSON *item);
void json_array_end(struct json_stream *js);
/* Closes the object and the line: 0, or -1 when any item failed to print. */
int json_object_end(struct json_stream *js);

#endif
