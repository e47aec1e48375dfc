#include "sim/learn/dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/vec.h"

void dataset_init(struct dataset *ds)
{
	memset(ds, 0, sizeof *ds);
}

void dataset_release(struct dataset *ds)
{
	free(ds->x);
	free(ds->best);
	free(ds->tie_rank);
	free(ds->d);
	dataset_init(ds);
}

static int reserve_rows(struct dataset *ds, size_t more)
{
	if (ds->rows + more <= ds->cap_rows)
		return 0;
	size_t cap = ds->cap_rows ? ds->cap_rows : 4096;
	while (cap < ds->rows + more)
		cap *= 2;
	float *x = realloc(ds->x, cap * PAIR_FEATURES * sizeof *x);
	if (x)
		ds->x = x;
	uint8_t *best = realloc(ds->best, cap);
	if (best)
		ds->best = best;
	uint32_t *rank = realloc(ds->tie_rank, cap * sizeof *rank);
	if (rank)
		ds->tie_rank = rank;
	if (!x || !best || !rank)
		return -1;
	ds->cap_rows = cap;
	return 0;
}

size_t dataset_pick(const struct dataset *ds, const struct decision *d, const float *scores, double margin)
{
	int64_t top = mlp_output_milli(scores[0]);
	for (size_t i = 1; i < d->n; i++)
		top = mlp_output_milli(scores[i]) > top ? mlp_output_milli(scores[i]) : top;
	int64_t floor = top - llround(1000.0 * margin);
	size_t chosen = SIZE_MAX;
	for (size_t i = 0; i < d->n; i++)
		if (mlp_output_milli(scores[i]) >= floor &&
		    (chosen == SIZE_MAX || ds->tie_rank[d->first + i] < ds->tie_rank[d->first + chosen]))
			chosen = i;
	return chosen;
}

/* One replay: the teacher's cycle at every pod, and the driver's choice (or the teacher's). */
struct collect {
	struct dataset *ds;
	struct sim_run *r;
	const struct mlp *driver;
	uint32_t *gpus;       /* per candidate: the GPUs its features describe */
	float *scores, *acts; /* the driver's */
};

/* Rows for the last cycle's candidates, written past ds->rows; whether the teacher's totals
 * told them apart (then they are kept as a decision). */
static int candidate_rows(struct collect *k, const struct pod_spec *p, bool *informative)
{
	struct dataset *ds = k->ds;
	const struct scheduler *s = &k->r->scheduler;
	size_t n = s->n_scored;
	if (reserve_rows(ds, n) || VEC_RESERVE(ds->d, ds->cap, ds->n + 1))
		return -1;
	int64_t top = s->total[0], low = s->total[0];
	for (size_t i = 1; i < n; i++) {
		top = s->total[i] > top ? s->total[i] : top;
		low = s->total[i] < low ? s->total[i] : low;
	}
	*informative = top != low;
	for (size_t i = 0; i < n && (*informative || k->driver); i++) {
		size_t row = ds->rows + i;
		pair_features(&k->r->cluster, s->typical, s->feasible[i], p, ds->x + row * PAIR_FEATURES, &k->gpus[i]);
		ds->best[row] = s->total[i] == top;
		ds->tie_rank[row] = k->r->cluster.tie_rank[s->feasible[i]];
	}
	return 0;
}

/* Where the pod goes: the teacher's choice pl, or the driver's among the rows just written. */
static struct placement choose(struct collect *k, struct placement pl)
{
	const struct scheduler *s = &k->r->scheduler;
	if (!k->driver || s->n_scored < 2)
		return pl;
	struct decision d = {k->ds->rows, (uint32_t)s->n_scored, 0};
	for (size_t i = 0; i < d.n; i++)
		k->scores[i] = mlp_forward(k->driver, k->ds->x + (d.first + i) * PAIR_FEATURES, k->acts);
	size_t i = dataset_pick(k->ds, &d, k->scores, k->driver->tie_margin);
	return (struct placement){(int32_t)s->feasible[i], k->gpus[i]};
}

static int replay(struct collect *k, uint64_t seed, struct error *err)
{
	struct dataset *ds = k->ds;
	struct sim_run *r = k->r;
	struct pcg32 rng;
	pcg32_seed(&rng, seed, RNG_POLICY);
	for (size_t i = 0; i < r->arrivals.n; i++) {
		const struct pod_spec *p = &r->arrivals.pods[i];
		struct placement pl;
		bool informative = false;
		enum schedule_result res = scheduler_schedule(&r->scheduler, &r->cluster, p, &rng, &pl);
		if (res == SCORER_FAILED)
			return error_set(err, "the teacher failed to score pod %s", p->name);
		if (res != SCHEDULED)
			continue;
		if (r->scheduler.n_scored > 1 && candidate_rows(k, p, &informative))
			return error_set(err, "out of memory for %zu training rows", ds->rows);
		pl = choose(k, pl);
		if (informative) {
			ds->d[ds->n++] = (struct decision){ds->rows, (uint32_t)r->scheduler.n_scored, ds->traces};
			ds->rows += r->scheduler.n_scored;
		}
		if (cluster_bind(&r->cluster, (size_t)pl.node, p, pl.gpus))
			return error_set(err, "out of memory");
		scheduler_bound(&r->scheduler, &r->cluster, p, (size_t)pl.node);
	}
	return 0;
}

static int run(struct collect *k, uint64_t seed, struct error *err)
{
	size_t n = k->r->cluster.n + MAX_SCORE_PLUGINS;
	k->gpus = malloc(n * sizeof *k->gpus);
	k->scores = malloc(n * sizeof *k->scores);
	k->acts = malloc((k->driver ? k->driver->n_acts : 1) * sizeof *k->acts);
	int rc = k->gpus && k->scores && k->acts ? replay(k, seed, err) : error_set(err, "out of memory");
	free(k->gpus);
	free(k->scores);
	free(k->acts);
	return rc;
}

int dataset_collect(struct dataset *ds, const struct trace *t, const char *teacher, const struct mlp *driver,
		    uint64_t seed, struct error *err)
{
	struct scheduler_profile profile;
	if (scheduler_profile_build(&profile, NULL, teacher, err))
		return -1;
	if (profile.batch || profile.scan_nodes)
		return error_set(err, "teacher %s: expected a score plugin that scores node classes", teacher);
	struct run_options o = {.profile = &profile, .mode = MODE_INFLATION, .has_seed = true, .seed = seed};
	struct sim_run r;
	int rc = sim_run_prepare(&r, t, &o, err);
	struct collect k = {.ds = ds, .r = &r, .driver = driver};
	if (!rc)
		rc = run(&k, seed, err);
	sim_run_release(&r);
	ds->traces++;
	return rc;
}
