#include "sim/compare/journal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/compare/results.h"
#include "sim/report/provenance.h"
#include "sim/util/json_exact.h"
#include "sim/util/sha256.h"

/* One input of the journal's first line: its path and SHA-256 (or why it could not be read). */
static void add_input(cJSON *list, const char *path, const char *sha256)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "path", path);
	cJSON_AddStringToObject(f, "sha256", sha256);
	cJSON_AddItemToArray(list, f);
}

/* Every file a trace is read from, hashed; a trace that cannot be read is named as such (its
 * runs will fail, as they would without a journal). */
static void add_trace_inputs(cJSON *list, const char *path)
{
	struct provenance p = {0};
	struct error err;
	if (provenance_add_trace(&p, path, NULL, &err)) {
		add_input(list, path, "unreadable");
	} else {
		for (size_t i = 0; i < p.n; i++)
			add_input(list, p.inputs[i].path, p.inputs[i].sha256);
	}
	provenance_release(&p);
}

/* What the journal's first line says: the matrix, every input file with its SHA-256 (so that
 * a resume knows the files are the ones its runs read), the shard. */
static char *header(const struct matrix *m, const struct compare *c)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "simon_journal", 2);
	cJSON_AddItemToObject(o, "matrix", matrix_json(m));
	cJSON *inputs = cJSON_AddArrayToObject(o, "inputs");
	for (size_t i = 0; i < m->n_traces; i++)
		add_trace_inputs(inputs, m->traces[i].path);
	for (size_t i = 0; i < m->n_policies; i++) {
		const struct matrix_policy *p = &m->policies[i];
		char hex[65];
		struct error err;
		if (p->config[0])
			add_input(inputs, p->config, sha256_file(p->config, hex, &err) ? "unreadable" : hex);
	}
	char shard[32] = "";
	if (c->shard_n)
		snprintf(shard, sizeof shard, "%d/%d", c->shard_i, c->shard_n);
	cJSON_AddStringToObject(o, "shard", shard);
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

static void write_row(FILE *f, const struct matrix *m, const struct run_row *r)
{
	cJSON *o = run_row_json(m, r);
	char *text = o ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	if (text)
		fprintf(f, "%s\n", text);
	cJSON_free(text);
}

/* The planned row with this run index, or -1. */
static long slot_of(const struct compare *c, size_t index)
{
	size_t lo = 0, hi = c->n_rows;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->rows[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n_rows && c->rows[lo].index == index ? (long)lo : -1;
}

static int read_line(const struct matrix *m, struct compare *c, bool *done, const char *line)
{
	cJSON *j = json_parse_exact(line);
	struct run_row row;
	int rc = j && run_row_read(&row, m, j) == 0 ? 0 : -1;
	cJSON_Delete(j);
	long k = rc ? -1 : slot_of(c, row.index);
	if (k < 0 || done[k]) {
		if (!rc)
			run_row_release(&row);
		return -1;
	}
	c->rows[k] = row;
	done[k] = true;
	return 0;
}

/* Why an earlier journal's first line is not this run's: an input that changed since (named),
 * or another matrix or shard. */
static int other_journal(const char *path, const char *was, const char *now, struct error *err)
{
	cJSON *a = cJSON_Parse(was), *b = cJSON_Parse(now);
	const cJSON *ia = cJSON_GetObjectItemCaseSensitive(a, "inputs"), *ib = cJSON_GetObjectItemCaseSensitive(b, "inputs");
	bool same_matrix = a && b && cJSON_Compare(cJSON_GetObjectItem(a, "matrix"), cJSON_GetObjectItem(b, "matrix"), true) &&
			   cJSON_Compare(cJSON_GetObjectItem(a, "shard"), cJSON_GetObjectItem(b, "shard"), true) &&
			   cJSON_Compare(cJSON_GetObjectItem(a, "simon_journal"), cJSON_GetObjectItem(b, "simon_journal"), true);
	const cJSON *fa = ia ? ia->child : NULL, *fb = ib ? ib->child : NULL;
	for (; same_matrix && fa && fb && cJSON_Compare(fa, fb, true); fa = fa->next, fb = fb->next)
		;
	const char *changed = same_matrix && fb ? cJSON_GetStringValue(cJSON_GetObjectItem(fb, "path")) : NULL;
	if (changed)
		error_at(err, path, 1, 1,
			 "--resume: %s changed since this journal was written (its SHA-256 differs), so the runs it holds are "
			 "not this input's; run without --resume",
			 changed);
	else if (same_matrix)
		error_at(err, path, 1, 1, "--resume: the matrix's input files changed since this journal was written; run "
					  "without --resume");
	else
		error_at(err, path, 1, 1, "the journal of another matrix (or shard); run without --resume");
	cJSON_Delete(a);
	cJSON_Delete(b);
	return -1;
}

/* Reads the runs of an earlier journal back; 0 also when there is none. */
static int read_back(const char *path, const char *want, const struct matrix *m, struct compare *c, bool *done,
		     struct error *err)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return errno == ENOENT ? 0 : error_at(err, path, 0, 0, "cannot read the journal: %s", strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;
	for (size_t n = 1; !rc && (len = getline(&line, &cap, f)) > 0; n++) {
		bool complete = line[len - 1] == '\n';
		if (!complete)
			break;  /* cut short by the interruption: that run is done again */
		line[len - 1] = '\0';
		if (n == 1 && strcmp(line, want))
			rc = other_journal(path, line, want, err);
		else if (n > 1 && read_line(m, c, done, line))
			rc = error_at(err, path, n, 1, "damaged journal line; run without --resume");
	}
	free(line);
	fclose(f);
	return rc;
}

int journal_open(struct journal *j, const char *path, const struct matrix *m, struct compare *c, bool resume,
		 bool *done, struct error *err)
{
	memset(j, 0, sizeof *j);
	j->m = m;
	char *want = header(m, c);
	if (!want)
		return error_set(err, "out of memory");
	int rc = resume ? read_back(path, want, m, c, done, err) : 0;
	/* Rewritten whole, so that a line cut short is gone before new lines follow it. */
	if (!rc && !(j->f = fopen(path, "w")))
		rc = error_at(err, path, 0, 0, "cannot write the journal: %s", strerror(errno));
	if (!rc) {
		fprintf(j->f, "%s\n", want);
		for (size_t k = 0; k < c->n_rows; k++)
			if (done[k])
				write_row(j->f, m, &c->rows[k]);
		fflush(j->f);
		pthread_mutex_init(&j->lock, NULL);
	}
	free(want);
	return rc;
}

void journal_append(struct journal *j, const struct run_row *r)
{
	pthread_mutex_lock(&j->lock);
	write_row(j->f, j->m, r);
	fflush(j->f);
	pthread_mutex_unlock(&j->lock);
}

void journal_close(struct journal *j)
{
	if (!j->f)
		return;
	fclose(j->f);
	pthread_mutex_destroy(&j->lock);
	j->f = NULL;
}
