#include "sim/util/json_out.h"

#include <math.h>
#include <stdlib.h>

int json_write(FILE *f, cJSON *root, bool pretty)
{
	char *text = root ? (pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root)) : NULL;
	cJSON_Delete(root);
	if (!text)
		return -1;
	fprintf(f, "%s\n", text);
	free(text);
	return 0;
}

void json_object_begin(struct json_stream *js, FILE *f)
{
	*js = (struct json_stream){f, false, false};
	fputc('{', f);
}

/* Prints item (and frees it) after a comma when something came before at this level. */
static void put(struct json_stream *js, cJSON *item)
{
	char *text = item ? cJSON_PrintUnformatted(item) : NULL;
	cJSON_Delete(item);
	if (!text) {
		js->failed = true;
		return;
	}
	fputs(text, js->f);
	free(text);
}

static void key(struct json_stream *js, const char *name)
{
	fprintf(js->f, "%s\"%s\":", js->started ? "," : "", name);
	js->started = true;
}

void json_member(struct json_stream *js, const char *name, cJSON *item)
{
	key(js, name);
	put(js, item);
}

void json_array_begin(struct json_stream *js, const char *name)
{
	key(js, name);
	fputc('[', js->f);
	js->started = false;
}

void json_array_item(struct json_stream *js, cJSON *item)
{
	if (js->started)
		fputc(',', js->f);
	js->started = true;
	put(js, item);
}

void json_array_end(struct json_stream *js)
{
	fputc(']', js->f);
	js->started = true;
}

int json_object_end(struct json_stream *js)
{
	fputs("}\n", js->f);
	return js->failed ? -1 : 0;
}

double round6(double v)
{
	return isfinite(v) ? round(v * 1e6) / 1e6 : v;
}
