#include "sim/report/provenance.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/report/svg_chart.h"
#include "sim/util/number.h"
#include "sim/util/sha256.h"
#include "sim/util/vec.h"

#ifndef SIMON_COMMIT
#define SIMON_COMMIT "unknown"
#endif

/* Now, or SOURCE_DATE_EPOCH, as 2026-11-23T16:47:53Z. */
static void utc_date(char *out, size_t size)
{
	const char *fixed = getenv("SOURCE_DATE_EPOCH");
	int64_t epoch;
	time_t t = fixed && number_integer(fixed, 0, MAX_TIME, &epoch) == NUMBER_OK ? (time_t)epoch : time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* One argument as a shell would need it: bare when plain, else in single quotes. */
static size_t quoted(char *out, const char *arg)
{
	size_t n = 0;
	bool plain = *arg && !arg[strspn(arg, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./=:,+%@")];
	if (plain) {
		if (out)
			memcpy(out, arg, strlen(arg));
		return strlen(arg);
	}
	if (out)
		out[n] = '\'';
	n++;
	for (const char *c = arg; *c; c++) {
		if (*c == '\'') {
			if (out)
				memcpy(out + n, "'\\''", 4);
			n += 4;
		} else {
			if (out)
				out[n] = *c;
			n++;
		}
	}
	if (out)
		out[n] = '\'';
	return n + 1;
}

int provenance_init(struct provenance *p, int argc, char **argv, struct error *err)
{
	memset(p, 0, sizeof *p);
	snprintf(p->version, sizeof p->version, "%s", SIMON_VERSION);
	snprintf(p->commit, sizeof p->commit, "%s", SIMON_COMMIT);
	utc_date(p->date, sizeof p->date);
	size_t len = strlen("simon");
	for (int i = 0; i < argc; i++)
		len += 1 + quoted(NULL, argv[i]);
	if (!(p->command = malloc(len + 1)))
		return error_set(err, "out of memory");
	size_t at = (size_t)sprintf(p->command, "simon");
	for (int i = 0; i < argc; i++) {
		p->command[at++] = ' ';
		at += quoted(p->command + at, argv[i]);
	}
	p->command[at] = '\0';
	return 0;
}

void provenance_release(struct provenance *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->inputs[i].path);
	free(p->inputs);
	free(p->command);
	memset(p, 0, sizeof *p);
}

static int append(struct provenance *p, const char *role, const char *path, const char *sha256, struct error *err)
{
	if (VEC_RESERVE(p->inputs, p->cap, p->n + 1))
		return error_set(err, "out of memory");
	struct input_file *f = &p->inputs[p->n];
	if (!(f->path = strdup(path)))
		return error_set(err, "out of memory");
	snprintf(f->role, sizeof f->role, "%s", role);
	snprintf(f->sha256, sizeof f->sha256, "%s", sha256);
	p->n++;
	return 0;
}

int provenance_add(struct provenance *p, const char *role, const char *path, struct error *err)
{
	char hex[65];
	return sha256_file(path, hex, err) || append(p, role, path, hex, err) ? -1 : 0;
}

static int add_one(void *p, const char *role, const char *file, struct error *err)
{
	return provenance_add(p, role, file, err);
}

int provenance_add_trace(struct provenance *p, const char *path, const struct cluster_config *cfg,
			 struct error *err)
{
	return trace_each_input(path, cfg, add_one, p, err);
}

int provenance_copy_inputs(struct provenance *p, const struct provenance *src)
{
	struct error err;
	for (size_t i = 0; i < src->n; i++)
		if (append(p, src->inputs[i].role, src->inputs[i].path, src->inputs[i].sha256, &err))
			return -1;
	return 0;
}

/* Traces and scheduler configs decide the results; where the matrix or a baseline lies does not. */
static bool decides(const struct input_file *f)
{
	return strcmp(f->role, "matrix") && strcmp(f->role, "baseline");
}

static size_t count_deciding(const struct provenance *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n; i++)
		n += decides(&p->inputs[i]);
	return n;
}

static bool has_input(const struct provenance *p, const struct input_file *f)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->inputs[i].role, f->role) && !strcmp(p->inputs[i].sha256, f->sha256))
			return true;
	return false;
}

bool provenance_same_inputs(const struct provenance *a, const struct provenance *b)
{
	if (count_deciding(a) != count_deciding(b))
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (decides(&a->inputs[i]) && !has_input(b, &a->inputs[i]))
			return false;
	return true;
}

cJSON *provenance_json(const struct provenance *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "simon_version", p->version);
	cJSON_AddStringToObject(o, "commit", p->commit);
	cJSON_AddStringToObject(o, "date", p->date);
	cJSON_AddStringToObject(o, "command", p->command ? p->command : "");
	cJSON *inputs = cJSON_AddArrayToObject(o, "inputs");
	for (size_t i = 0; i < p->n; i++) {
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "role", p->inputs[i].role);
		cJSON_AddStringToObject(f, "path", p->inputs[i].path);
		cJSON_AddStringToObject(f, "sha256", p->inputs[i].sha256);
		cJSON_AddItemToArray(inputs, f);
	}
	return o;
}

static const char *text_of(const cJSON *o, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

int provenance_read(struct provenance *p, const cJSON *j)
{
	memset(p, 0, sizeof *p);
	const char *version = text_of(j, "simon_version"), *commit = text_of(j, "commit"), *date = text_of(j, "date");
	const char *command = text_of(j, "command");
	const cJSON *inputs = cJSON_GetObjectItemCaseSensitive(j, "inputs");
	if (!version || !commit || !date || !command || !cJSON_IsArray(inputs))
		return -1;
	snprintf(p->version, sizeof p->version, "%s", version);
	snprintf(p->commit, sizeof p->commit, "%s", commit);
	snprintf(p->date, sizeof p->date, "%s", date);
	struct error err;
	if (!(p->command = strdup(command)))
		return -1;
	const cJSON *f;
	cJSON_ArrayForEach(f, inputs)
	{
		const char *role = text_of(f, "role"), *path = text_of(f, "path"), *sha = text_of(f, "sha256");
		if (!role || !path || !sha || strlen(sha) != 64 || append(p, role, path, sha, &err)) {
			provenance_release(p);
			return -1;
		}
	}
	return 0;
}

void provenance_html(FILE *f, const struct provenance *p)
{
	fprintf(f, "<p class=\"provenance\">Made by simon %s (commit ", p->version);
	xml_text(f, p->commit);
	fprintf(f, ") on %s with <code>", p->date);
	xml_text(f, p->command ? p->command : "");
	fprintf(f, "</code>. <details><summary>Inputs (SHA-256)</summary><table>");
	for (size_t i = 0; i < p->n; i++) {
		fprintf(f, "<tr><td>%s</td><td>", p->inputs[i].role);
		xml_text(f, p->inputs[i].path);
		fprintf(f, "</td><td><code>%s</code></td></tr>", p->inputs[i].sha256);
	}
	fprintf(f, "</table></details></p>\n");
}
