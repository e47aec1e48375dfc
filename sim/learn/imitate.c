#include "sim/learn/imitate.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/learn/adam.h"
#include "sim/model/pair_features.h"

/* The margins a model's tie_margin is chosen from. */
static const double margins[] = {0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5};
#define N_MARGINS (sizeof margins / sizeof margins[0])

/* Scratch for a decision of up to max_n candidates, and the sums over decisions. */
struct work {
	const struct mlp *m;
	const struct dataset *ds;
	float scale;          /* of the gradient; 0: measure only */
	float *scores;        /* per candidate */
	float *acts;          /* per candidate, m->n_acts each */
	float *grad;          /* n_params */
	float delta[2 * MLP_MAX_WIDTH];
	double loss, agreement;
	size_t same[N_MARGINS], own;
};

static void work_release(struct work *w)
{
	free(w->scores);
	free(w->acts);
	free(w->grad);
}

static int work_init(struct work *w, const struct mlp *m, const struct dataset *ds)
{
	memset(w, 0, sizeof *w);
	size_t max_n = 1;
	for (size_t i = 0; i < ds->n; i++)
		max_n = ds->d[i].n > max_n ? ds->d[i].n : max_n;
	w->m = m;
	w->ds = ds;
	w->scores = malloc(max_n * sizeof *w->scores);
	w->acts = malloc(max_n * m->n_acts * sizeof *w->acts);
	w->grad = calloc(m->n_params, sizeof *w->grad);
	return w->scores && w->acts && w->grad ? 0 : -1;
}

/* The teacher's pick: the lowest tie rank among its best. */
static size_t teacher_pick(const struct dataset *ds, const struct decision *d)
{
	size_t chosen = SIZE_MAX;
	for (size_t i = 0; i < d->n; i++)
		if (ds->best[d->first + i] &&
		    (chosen == SIZE_MAX || ds->tie_rank[d->first + i] < ds->tie_rank[d->first + chosen]))
			chosen = i;
	return chosen;
}

/* Scores decision d's candidates and adds its loss, agreement and picks to w's sums; with a
 * scale, adds scale × its gradient too. */
static void decision(struct work *w, const struct decision *d)
{
	const struct mlp *m = w->m;
	const struct dataset *ds = w->ds;
	double top = -INFINITY;
	for (size_t i = 0; i < d->n; i++) {
		w->scores[i] = mlp_forward(m, ds->x + (d->first + i) * PAIR_FEATURES, w->acts + i * m->n_acts);
		top = w->scores[i] > top ? w->scores[i] : top;
	}
	double all = 0, best = 0, best_logits = 0;
	size_t n_best = 0;
	for (size_t i = 0; i < d->n; i++) {
		double e = exp(w->scores[i] - top);
		all += e;
		if (ds->best[d->first + i]) {
			best += e;
			best_logits += w->scores[i] - top;
			n_best++;
		}
	}
	w->loss += log(all) - best_logits / (double)n_best;
	w->agreement += best / all;
	for (size_t i = 0; w->scale != 0 && i < d->n; i++) {
		double g = exp(w->scores[i] - top) / all - (ds->best[d->first + i] ? 1.0 / (double)n_best : 0);
		mlp_backward(m, ds->x + (d->first + i) * PAIR_FEATURES, w->acts + i * m->n_acts, (float)(g * w->scale),
			     w->grad, w->delta);
	}
	if (w->scale != 0)
		return;
	size_t teacher = teacher_pick(ds, d);
	for (size_t j = 0; j < N_MARGINS; j++)
		w->same[j] += dataset_pick(ds, d, w->scores, margins[j]) == teacher;
	w->own += dataset_pick(ds, d, w->scores, m->tie_margin) == teacher;
}

/* Runs decisions order[from, to): their sums, and with a scale the gradient of their loss. */
static void run(struct work *w, const size_t *order, size_t from, size_t to, float scale)
{
	w->scale = scale;
	w->loss = w->agreement = 0;
	w->own = 0;
	memset(w->same, 0, sizeof w->same);
	if (scale != 0)
		memset(w->grad, 0, w->m->n_params * sizeof *w->grad);
	for (size_t k = from; k < to; k++)
		decision(w, &w->ds->d[order[k]]);
}

static double share(size_t part, size_t whole)
{
	return whole ? (double)part / (double)whole : 0;
}

static void measure(struct work *w, const size_t *order, size_t n, struct fit_stats *st, size_t *same)
{
	run(w, order, 0, n, 0);
	*st = (struct fit_stats){.decisions = n, .same = share(w->own, n)};
	memcpy(same, w->same, sizeof w->same);
	if (n) {
		st->loss = w->loss / (double)n;
		st->agreement = w->agreement / (double)n;
	}
}

/* Whether decision i is held out: a seeded hash of i below the held-out share, so that a
 * dataset that grows (DAgger) keeps its held-out decisions held out. */
static bool held_out(size_t i, const struct imitate_options *o)
{
	uint64_t z = o->seed * 0x9e3779b97f4a7c15u + i + 1;   /* splitmix64 */
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	z ^= z >> 31;
	return (double)(z >> 11) * 0x1p-53 < o->holdout;
}

static void shuffle(size_t *order, size_t n, struct pcg32 *rng)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = pcg32_below(rng, (uint32_t)i);
		size_t t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
}

static void epoch(struct mlp *m, struct work *w, size_t *order, size_t n, const struct imitate_options *o,
		  struct adam *adam, struct pcg32 *rng)
{
	shuffle(order, n, rng);
	for (size_t at = 0; at < n; at += (size_t)o->batch) {
		size_t end = at + (size_t)o->batch < n ? at + (size_t)o->batch : n;
		run(w, order, at, end, 1.0f / (float)(end - at));
		adam_step(adam, m->params, w->grad);
	}
}

/* Chooses m's tie margin: the one deciding most of the measured decisions as the teacher did
 * (the smallest on ties); its index. */
static size_t choose_margin(struct mlp *m, const size_t *same)
{
	size_t best = 0;
	for (size_t j = 1; j < N_MARGINS; j++)
		best = same[j] > same[best] ? j : best;
	m->tie_margin = margins[best];
	return best;
}


struct training {
	struct work w;
	struct adam adam;
	size_t *order;        /* held-out decisions, then the others */
	size_t n_held, n_train;
};

static void training_release(struct training *t)
{
	work_release(&t->w);
	adam_release(&t->adam);
	free(t->order);
}

static int training_init(struct training *t, struct mlp *m, const struct dataset *ds, const struct imitate_options *o,
			 struct error *err)
{
	memset(t, 0, sizeof *t);
	int rc = adam_init(&t->adam, m->n_params, o->lr) | work_init(&t->w, m, ds);
	t->order = malloc((ds->n ? ds->n : 1) * sizeof *t->order);
	if (rc || !t->order) {
		training_release(t);
		return error_set(err, "out of memory for training");
	}
	for (size_t i = 0; i < ds->n; i++)
		t->n_held += held_out(i, o);
	for (size_t i = 0, h = 0; i < ds->n; i++)
		t->order[held_out(i, o) ? h++ : t->n_held + t->n_train++] = i;
	return 0;
}

int imitate(struct mlp *m, const struct dataset *ds, const struct imitate_options *o, struct fit_stats *train,
	    struct fit_stats *held, struct error *err)
{
	struct training t;
	if (training_init(&t, m, ds, o, err))
		return -1;
	struct pcg32 rng;
	pcg32_seed(&rng, o->seed, RNG_TRAIN_ORDER);
	size_t *train_order = t.order + t.n_held, same[N_MARGINS], held_same[N_MARGINS];
	for (int e = 1; e <= o->epochs; e++) {
		epoch(m, &t.w, train_order, t.n_train, o, &t.adam, &rng);
		if (!o->progress || e == o->epochs)
			continue;
		measure(&t.w, t.order, t.n_held, held, held_same);
		fprintf(o->progress, "epoch %d/%d  held-out loss %.4f  agreement %.1f%%\n", e, o->epochs, held->loss,
			100 * held->agreement);
	}
	/* The margin is chosen where the model was not trained: on the held-out decisions, if any. */
	measure(&t.w, t.order, t.n_held, held, held_same);
	measure(&t.w, train_order, t.n_train, train, same);
	size_t j = choose_margin(m, t.n_held ? held_same : same);
	held->same = share(held_same[j], t.n_held);
	train->same = share(same[j], t.n_train);
	if (o->progress)
		fprintf(o->progress, "epoch %d/%d  loss %.4f  held-out loss %.4f  agreement %.1f%%  tie margin %g: "
			"decides as the teacher in %.1f%% (held out %.1f%%)\n", o->epochs, o->epochs, train->loss,
			held->loss, 100 * held->agreement, m->tie_margin, 100 * train->same, 100 * held->same);
	training_release(&t);
	return 0;
}

int imitate_measure(const struct mlp *m, const struct dataset *ds, struct fit_stats *st, struct error *err)
{
	struct work w;
	size_t *order = malloc((ds->n ? ds->n : 1) * sizeof *order), same[N_MARGINS];
	if (work_init(&w, m, ds) || !order) {
		work_release(&w);
		free(order);
		return error_set(err, "out of memory");
	}
	for (size_t i = 0; i < ds->n; i++)
		order[i] = i;
	measure(&w, order, ds->n, st, same);
	work_release(&w);
	free(order);
	return 0;
}
