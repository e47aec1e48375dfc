#include "sim/compare/journal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/compare/results.h"
#include "sim/util/json_exact.h"

/* What the journal's first line says: the matrix, its inputs' paths, the shard. */
static char *header(const struct matrix *m, const struct compare *c)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "simon_journal", 1);
	cJSON_AddItemToObject(o, "matrix", matrix_json(m));
	cJSON *paths = cJSON_AddArrayToObject(o, "inputs");
	for (size_t i = 0; i < m->n_traces; i++)
		cJSON_AddItemToArray(paths, cJSON_CreateString(m->traces[i].path));
	for (size_t i = 0; i < m->n_policies; i++)
		cJSON_AddItemToArray(paths, cJSON_CreateString(m->policies[i].config[0] ? m->policies[i].config
											  : m->policies[i].policy));
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
			rc = error_at(err, path, 1, 1, "the journal of another matrix (or shard); run without --resume");
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
