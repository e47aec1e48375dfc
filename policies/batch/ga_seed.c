/* ga_seed.c — GA-seed: the genetic algorithm of the system simon replaces, as it was defined,
 * with its faults fixed, so that what the idea achieves can be seen beside GA.
 *
 * One gene per pod of the window holds a node index.  A chromosome is decoded by packing the
 * pods in arrival order, each on its gene's node when it fits there (GPUs as `best` picks
 * them), else left out.  Fitness 10·assigned − 2·unassigned.  Population 50, single-point
 * crossover with probability 0.8, one-gene mutation 0.2, roulette selection with replacement,
 * no elitism, up to 1,000 generations.  Fixed here: the fitness is shifted by 2·window + 1 so
 * that roulette never sees a negative weight; the best individual of any generation is kept
 * and returned (the original read it from the new population with an index from the old);
 * mutation draws a node other than the gene's (it never fired when nodes were identical).
 * It stops early when an individual assigns every pod, or (an addition, as the original never
 * stops before 1,000 generations) after `stall` generations without a better individual.
 *
 * Args: window (16), population (50), generations (1000), stall (50), budget (ms, 2000).
 * Cost per window: population × generations decodes of `window` pods, O(1) each to place.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/plugin/score.h"
#include "sim/plugin/batch.h"
#include "policies/kit/args.h"
#include "sim/util/clock.h"

#define MAX_WINDOW 65535
#define MAX_POPULATION 1024
#define CROSSOVER 0.8
#define MUTATION 0.2

struct ga_seed {
	int window, population, generations, stall;
	double budget_ms;
};

static const char *const ga_seed_args[] = {"window", "population", "generations", "stall", "budget", NULL};

static int ga_seed_init(void **self, const struct plugin_env *env, struct error *err)
{
	double window = 16, population = 50, generations = 1000, stall = 50, budget = 2000;
	if (arg_number(env, "GA-seed", "window", 1, MAX_WINDOW, &window, err) ||
	    arg_number(env, "GA-seed", "population", 2, MAX_POPULATION, &population, err) ||
	    arg_number(env, "GA-seed", "generations", 1, 1000000, &generations, err) ||
	    arg_number(env, "GA-seed", "stall", 1, 1000000, &stall, err) ||
	    arg_number(env, "GA-seed", "budget", 1, 3600000, &budget, err))
		return -1;
	struct ga_seed *g = malloc(sizeof *g);
	if (!g)
		return error_set(err, "out of memory");
	*g = (struct ga_seed){(int)window, (int)population, (int)generations, (int)stall, budget};
	*self = g;
	return 0;
}

/* One window's search: genes[k·n + i] is pod i's node in individual k. */
struct search {
	const struct ga_seed *g;
	struct trial *t;
	const struct pod_spec *const *pods;
	size_t n, nodes;
	struct pcg32 *rng;
	uint32_t *genes, *bred, *best;
	double *fitness;
	double best_fitness;
};

/* The shifted fitness of genes, or -1 when out of memory; out gets the placements when given. */
static double decode(struct search *s, const uint32_t *genes, struct placement *out)
{
	long assigned = 0;
	for (size_t i = 0; i < s->n; i++) {
		struct placement pl;
		if (trial_place_on(s->t, s->pods[i], genes[i], &pl))
			return -1;
		assigned += pl.node >= 0;
		if (out)
			out[i] = pl;
	}
	if (trial_undo(s->t))
		return -1;
	long unassigned = (long)s->n - assigned;
	return (double)(10 * assigned - 2 * unassigned) + 2.0 * (double)s->n + 1;
}

/* Decodes individual k, keeping it when it is the best yet; -1 when out of memory. */
static int rate(struct search *s, int k)
{
	uint32_t *genes = s->genes + (size_t)k * s->n;
	if ((s->fitness[k] = decode(s, genes, NULL)) < 0)
		return -1;
	if (s->fitness[k] > s->best_fitness) {
		s->best_fitness = s->fitness[k];
		memcpy(s->best, genes, s->n * sizeof *genes);
	}
	return 0;
}

static int roulette(const struct search *s, double total)
{
	double spin = (double)pcg32_below(s->rng, 1u << 30) / (double)(1u << 30) * total;
	int k = 0;
	for (; k < s->g->population - 1 && spin >= s->fitness[k]; k++)
		spin -= s->fitness[k];
	return k;
}

/* One generation bred from the last by roulette, crossover and mutation, then rated. */
static int generation(struct search *s)
{
	double total = 0;
	for (int k = 0; k < s->g->population; k++)
		total += s->fitness[k];
	for (int k = 0; k < s->g->population; k++) {
		uint32_t *child = s->bred + (size_t)k * s->n;
		const uint32_t *a = s->genes + (size_t)roulette(s, total) * s->n;
		const uint32_t *b = s->genes + (size_t)roulette(s, total) * s->n;
		size_t cut = pcg32_chance(s->rng, CROSSOVER) ? pcg32_below(s->rng, (uint32_t)s->n) : s->n;
		memcpy(child, a, cut * sizeof *child);
		memcpy(child + cut, b + cut, (s->n - cut) * sizeof *child);
		if (s->nodes > 1 && pcg32_chance(s->rng, MUTATION)) {
			size_t i = pcg32_below(s->rng, (uint32_t)s->n);
			child[i] = (child[i] + 1 + pcg32_below(s->rng, (uint32_t)s->nodes - 1)) % (uint32_t)s->nodes;
		}
	}
	uint32_t *t = s->genes;
	s->genes = s->bred;
	s->bred = t;
	for (int k = 0; k < s->g->population; k++)
		if (rate(s, k))
			return -1;
	return 0;
}

static int evolve(struct search *s)
{
	double start = clock_seconds(), all_assigned = 12.0 * (double)s->n + 1;
	for (size_t i = 0; i < (size_t)s->g->population * s->n; i++)
		s->genes[i] = pcg32_below(s->rng, (uint32_t)s->nodes);
	for (int k = 0; k < s->g->population; k++)
		if (rate(s, k))
			return -1;
	double last_best = s->best_fitness;
	for (int gen = 0, stalled = 0; gen < s->g->generations && s->best_fitness < all_assigned &&
				       stalled < s->g->stall && (clock_seconds() - start) * 1000 < s->g->budget_ms;
	     gen++) {
		if (generation(s))
			return -1;
		stalled = s->best_fitness > last_best ? 0 : stalled + 1;
		last_best = s->best_fitness;
	}
	return 0;
}

static int ga_seed_place(void *self, struct trial *t, const struct pod_spec *const *pods, size_t n,
			 struct pcg32 *rng, struct placement *out, size_t *decided, struct error *err)
{
	const struct ga_seed *g = self;
	size_t k = n < (size_t)g->window ? n : (size_t)g->window, p = (size_t)g->population;
	*decided = k;
	const struct cluster *c = trial_cluster(t);
	if (c->n == 0) {
		for (size_t i = 0; i < k; i++)
			out[i] = (struct placement){-1, 0};
		return 0;
	}
	struct search s = {g, t, pods, k, c->n, rng, malloc(p * k * sizeof *s.genes), malloc(p * k * sizeof *s.bred),
			   malloc(k * sizeof *s.best), malloc(p * sizeof *s.fitness), -1};
	int rc = s.genes && s.bred && s.best && s.fitness ? evolve(&s) : -1;
	if (!rc && decode(&s, s.best, out) < 0)
		rc = -1;
	free(s.genes);
	free(s.bred);
	free(s.best);
	free(s.fitness);
	return rc ? error_set(err, "out of memory in GA-seed's search") : 0;
}

const struct policy_ops ga_seed_policy = {
	.name = "GA-seed",
	.summary = "the replaced system's GA (node-index genes, roulette, no elitism), its faults fixed",
	.args = ga_seed_args,
	.init = ga_seed_init,
	.place = ga_seed_place,
	.free = free,
};
