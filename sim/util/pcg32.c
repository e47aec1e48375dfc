#include "sim/util/pcg32.h"

#define PCG32_MULT 6364136223846793005ULL

uint32_t pcg32_next(struct pcg32 *rng)
{
	uint64_t old = rng->state;
	rng->state = old * PCG32_MULT + rng->inc;
	uint32_t xorshifted = (uint32_t)(((old >> 18u) ^ old) >> 27u);
	uint32_t rot = (uint32_t)(old >> 59u);
	return (xorshifted >> rot) | (xorshifted << ((-rot) & 31u));
}

void pcg32_seed(struct pcg32 *rng, uint64_t seed, uint64_t stream)
{
	rng->state = 0;
	rng->inc = (stream << 1u) | 1u;
	pcg32_next(rng);
	rng->state += seed;
	pcg32_next(rng);
}

uint32_t pcg32_below(struct pcg32 *rng, uint32_t bound)
{
	/* Reject the low values that would make the modulo uneven. */
	uint32_t threshold = (uint32_t)(-bound) % bound;
	for (;;) {
		uint32_t r = pcg32_next(rng);
		if (r >= threshold)
			return r % bound;
	}
}

double pcg32_unit(struct pcg32 *rng)
{
	return pcg32_next(rng) * (1.0 / 4294967296.0);
}

bool pcg32_chance(struct pcg32 *rng, double p)
{
	return pcg32_below(rng, 1u << 24) < (uint32_t)(p * (1u << 24));
}
