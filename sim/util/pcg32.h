/* pcg32.h — O'Neill's PCG32 (XSH-RR, 64-bit state, 32-bit output).
 *
 * Every random choice simon makes comes from one of these, seeded from --seed and a
 * stream number, so a run is reproducible bit for bit and independent choices (pod
 * order, tuning samples, tie-breaks, policy draws) do not disturb one another.
 */
#ifndef SIMON_PCG32_H
#define SIMON_PCG32_H

#include <stdbool.h>
#include <stdint.h>

struct pcg32 {
	uint64_t state;
	uint64_t inc;
};

/* Streams used by the engine; each gets its own generator from the same seed. */
enum rng_stream {
	RNG_ORDER = 1,    /* shufflePod */
	RNG_TUNE = 2,     /* workload tuning / inflation samples */
	RNG_TIEBREAK = 3, /* node tie-break ranks */
	RNG_POLICY = 4,   /* draws made by policies and GPU selection */
	RNG_TRAIN_INIT = 5,  /* simon train: a model's first weights */
	RNG_TRAIN_ORDER = 6, /* simon train: held-out decisions and each epoch's order */
	RNG_QUEUE = 7,       /* PipelineRandom: the pipelines' order */
	RNG_DESCHEDULE = 8,  /* draws made scheduling descheduled pods again */
};

void pcg32_seed(struct pcg32 *rng, uint64_t seed, uint64_t stream);
uint32_t pcg32_next(struct pcg32 *rng);
/* Uniform in [0, bound), without modulo bias; bound must be > 0. */
uint32_t pcg32_below(struct pcg32 *rng, uint32_t bound);
/* True with probability p (to 24 bits). */
bool pcg32_chance(struct pcg32 *rng, double p);
/* Uniform double in [0, 1) with 32 bits of randomness. */
double pcg32_unit(struct pcg32 *rng);

#endif
