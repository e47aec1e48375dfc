/* comparison.c — a comparison's lifetime: what results.c fills and read.c reads back, freed in
 * one place. */
#include <stdlib.h>
#include <string.h>

#include "sim/compare/results.h"

void comparison_release(struct comparison *cmp)
{
	compare_release(&cmp->runs);
	summaries_free(cmp->summaries, cmp->n_summaries);
	summaries_free(cmp->baseline, cmp->n_baseline);
	free(cmp->gates);
	matrix_release(&cmp->matrix);
	matrix_release(&cmp->baseline_matrix);
	provenance_release(&cmp->provenance);
	memset(cmp, 0, sizeof *cmp);
}
