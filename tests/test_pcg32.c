#include <criterion/criterion.h>

#include "sim/util/pcg32.h"

/* The first outputs of O'Neill's pcg32-demo for seed 42, stream 54. */
Test(pcg32, matches_reference_sequence)
{
	struct pcg32 r;
	pcg32_seed(&r, 42, 54);
	const uint32_t expected[] = {0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e};
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
		cr_assert_eq(pcg32_next(&r), expected[i], "output %zu", i);
}

Test(pcg32, below_stays_in_range_and_covers_it)
{
	struct pcg32 r;
	pcg32_seed(&r, 7, 1);
	int seen[7] = {0};
	for (int i = 0; i < 7000; i++) {
		uint32_t v = pcg32_below(&r, 7);
		cr_assert_lt(v, 7u);
		seen[v]++;
	}
	for (int i = 0; i < 7; i++)
		cr_assert(seen[i] > 800 && seen[i] < 1200, "value %d seen %d times", i, seen[i]);
}

Test(pcg32, streams_are_independent)
{
	struct pcg32 a, b;
	pcg32_seed(&a, 42, RNG_ORDER);
	pcg32_seed(&b, 42, RNG_TUNE);
	int same = 0;
	for (int i = 0; i < 100; i++)
		same += pcg32_next(&a) == pcg32_next(&b);
	cr_assert_lt(same, 3);
}
