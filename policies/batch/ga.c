/* ga.c — GA: a genetic algorithm that places a window of arriving pods at once.
 *
 * A chromosome is an order of the window's pods; it is decoded by placing the pods in that
 * order with a greedy scorer (the decoder, FGDScore unless `scorer` names another), so every
 * individual is a feasible placement.  Fitness, compared in this order: GPU milli placed (more
 * is better), then the cluster's fragmentation after the window (frag.h; less is better).
 * The first individual is the arrival order, which is what the decoder alone would do; the
 * best individual always survives (elitism), so a window is never placed worse, by this
 * fitness, than by the decoder.  Parents are drawn by binary tournament, children made by
 * order crossover and a swap mutation.  Draws come from the run's seeded stream: the same seed
 * gives the same placements, unless the time budget (a safety stop) cuts a window short.
 *
 * Args (pluginConfig, all optional): scorer, window (pods, 16), population (12),
 * generations (15), crossover (0.9), mutation (0.3), budget (ms per window, 2000).
 * Cost per window: population × (generations + 1) decodes of `window` pods, each a
 * scheduling cycle on the live cluster, taken back after (sim/trial.c).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/plugin/score.h"
#include "sim/plugin/batch.h"
#include "policies/kit/args.h"
#include "sim/util/clock.h"

#define MAX_WINDOW 65535   /* pod indices are 16 bits */
#define MAX_POPULATION 256

struct ga {
	char scorer[64];
	int window, population, generations;
	double crossover, mutation, budget_ms;
};

struct fitness {
	int64_t placed_milli;
	double frag;
};

struct individual {
	uint16_t *order;
	struct fitness fit;
};

/* One window's search. */
struct search {
	const struct ga *g;
	struct trial *t;
	const struct pod_spec *const *pods;
	size_t n;
	struct pcg32 *rng;
	struct individual *pop, *next;
	bool *taken;              /* scratch for crossover, one per pod */
};

static const char *const ga_args[] = {"scorer", "window", "population", "generations", "crossover", "mutation",
				      "budget", NULL};

/* The decoder: a score plugin named exactly (not a batch placer). */
static int read_scorer(const struct plugin_env *env, struct ga *g, struct error *err)
{
	const struct plugin_arg *a = arg_value(env, "scorer");
	if (!a)
		return 0;
	const struct policy_ops *ops = a->scalar ? policy_find(a->value) : NULL;
	if (ops && !ops->place) {
		snprintf(g->scorer, sizeof g->scorer, "%s", ops->name);
		return 0;
	}
	char why[256];
	if (ops)
		snprintf(why, sizeof why, "%s places pods in batches; the decoder must be a score plugin", ops->name);
	else
		policy_unknown(why, sizeof why, a->value);
	return arg_error(env, a, err, "GA: scorer: %s", why);
}

static int ga_init(void **self, const struct plugin_env *env, struct error *err)
{
	struct ga *g = calloc(1, sizeof *g);
	if (!g)
		return error_set(err, "out of memory");
	*g = (struct ga){"FGDScore", 16, 12, 15, 0.9, 0.3, 2000};
	double window = g->window, population = g->population, generations = g->generations;
	if (read_scorer(env, g, err) ||
	    arg_number(env, "GA", "window", 1, MAX_WINDOW, &window, err) ||
	    arg_number(env, "GA", "population", 2, MAX_POPULATION, &population, err) ||
	    arg_number(env, "GA", "generations", 0, 100000, &generations, err) ||
	    arg_number(env, "GA", "crossover", 0, 1, &g->crossover, err) ||
	    arg_number(env, "GA", "mutation", 0, 1, &g->mutation, err) ||
	    arg_number(env, "GA", "budget", 1, 3600000, &g->budget_ms, err)) {
		free(g);
		return -1;
	}
	g->window = (int)window;
	g->population = (int)population;
	g->generations = (int)generations;
	*self = g;
	return 0;
}

static const char *ga_decoder(const void *self)
{
	return ((const struct ga *)self)->scorer;
}

static bool better(const struct fitness *a, const struct fitness *b)
{
	if (a->placed_milli != b->placed_milli)
		return a->placed_milli > b->placed_milli;
	return a->frag < b->frag;
}

/* Decodes x: the placements (by pod) into out when given; x's fitness. */
static int decode(struct search *s, struct individual *x, struct placement *out)
{
	x->fit = (struct fitness){0, 0};
	for (size_t i = 0; i < s->n; i++) {
		struct placement pl;
		const struct pod_spec *p = s->pods[x->order[i]];
		if (trial_place(s->t, p, s->rng, &pl))
			return -1;
		if (pl.node >= 0)
			x->fit.placed_milli += pod_gpu_total(p);
		if (out)
			out[x->order[i]] = pl;
	}
	x->fit.frag = trial_frag(s->t);
	return trial_undo(s->t);
}

static void copy(const struct search *s, struct individual *to, const struct individual *from)
{
	memcpy(to->order, from->order, s->n * sizeof *to->order);
	to->fit = from->fit;
}

static const struct individual *tournament(const struct search *s)
{
	uint32_t n = (uint32_t)s->g->population;
	const struct individual *a = &s->pop[pcg32_below(s->rng, n)], *b = &s->pop[pcg32_below(s->rng, n)];
	return better(&b->fit, &a->fit) ? b : a;
}

/* Order crossover: a slice of a in place, the rest in b's order. */
static void crossover(struct search *s, const struct individual *a, const struct individual *b,
		      struct individual *child)
{
	size_t n = s->n, lo = pcg32_below(s->rng, (uint32_t)n), hi = pcg32_below(s->rng, (uint32_t)n);
	if (lo > hi) {
		size_t t = lo;
		lo = hi;
		hi = t;
	}
	memset(s->taken, 0, n * sizeof *s->taken);
	for (size_t i = lo; i <= hi; i++) {
		child->order[i] = a->order[i];
		s->taken[a->order[i]] = true;
	}
	size_t at = (hi + 1) % n;
	for (size_t k = 0; k < n; k++) {
		uint16_t gene = b->order[(hi + 1 + k) % n];
		if (s->taken[gene])
			continue;
		child->order[at] = gene;
		at = (at + 1) % n;
	}
}

static void mutate(struct search *s, struct individual *x)
{
	size_t i = pcg32_below(s->rng, (uint32_t)s->n), j = pcg32_below(s->rng, (uint32_t)s->n);
	uint16_t t = x->order[i];
	x->order[i] = x->order[j];
	x->order[j] = t;
}

static int best_of(const struct search *s)
{
	int best = 0;
	for (int i = 1; i < s->g->population; i++)
		if (better(&s->pop[i].fit, &s->pop[best].fit))
			best = i;
	return best;
}

/* One generation: the best kept, the rest bred from pop into next and decoded; then next is pop. */
static int breed(struct search *s)
{
	copy(s, &s->next[0], &s->pop[best_of(s)]);
	for (int k = 1; k < s->g->population; k++) {
		const struct individual *a = tournament(s), *b = tournament(s);
		if (pcg32_chance(s->rng, s->g->crossover))
			crossover(s, a, b, &s->next[k]);
		else
			copy(s, &s->next[k], a);
		if (pcg32_chance(s->rng, s->g->mutation))
			mutate(s, &s->next[k]);
		if (decode(s, &s->next[k], NULL))
			return -1;
	}
	struct individual *t = s->pop;
	s->pop = s->next;
	s->next = t;
	return 0;
}

/* The first individual in arrival order (the decoder's own answer), the others shuffled. */
static int seed_population(struct search *s)
{
	for (int k = 0; k < s->g->population; k++) {
		uint16_t *order = s->pop[k].order;
		for (size_t i = 0; i < s->n; i++)
			order[i] = (uint16_t)i;
		for (size_t i = s->n; k > 0 && i > 1; i--) {
			size_t j = pcg32_below(s->rng, (uint32_t)i);
			uint16_t swap = order[i - 1];
			order[i - 1] = order[j];
			order[j] = swap;
		}
		if (decode(s, &s->pop[k], NULL))
			return -1;
	}
	return 0;
}

static int evolve(struct search *s)
{
	double start = clock_seconds();
	if (seed_population(s))
		return -1;
	for (int gen = 0; gen < s->g->generations && (clock_seconds() - start) * 1000 < s->g->budget_ms; gen++)
		if (breed(s))
			return -1;
	return 0;
}

static int ga_place(void *self, struct trial *t, const struct pod_spec *const *pods, size_t n, struct pcg32 *rng,
		    struct placement *out, size_t *decided, struct error *err)
{
	const struct ga *g = self;
	size_t k = n < (size_t)g->window ? n : (size_t)g->window, p = (size_t)g->population;
	*decided = k;
	struct individual *both = calloc(2 * p, sizeof *both);
	uint16_t *orders = malloc(2 * p * (k ? k : 1) * sizeof *orders);
	struct search s = {g, t, pods, k, rng, both, both ? both + p : NULL, calloc(k ? k : 1, sizeof *s.taken)};
	int rc = both && s.taken && orders ? 0 : -1;
	for (size_t i = 0; !rc && i < 2 * p; i++)
		both[i].order = orders + i * k;
	if (!rc)
		rc = evolve(&s);
	if (!rc)
		rc = decode(&s, &s.pop[best_of(&s)], out);
	free(both);
	free(orders);
	free(s.taken);
	return rc ? error_set(err, "out of memory in GA's search") : 0;
}

const struct policy_ops ga_policy = {
	.name = "GA",
	.summary = "a genetic algorithm placing windows of pods, decoded by a scorer (FGD by default)",
	.args = ga_args,
	.init = ga_init,
	.place = ga_place,
	.decoder = ga_decoder,
	.free = free,
};
