/* mlp_eval — scores rows of pair features with a model file, as MLPScore's forward pass does:
 *   mlp_eval MODEL.json < rows.csv > scores.txt
 * one row of PAIR_FEATURES comma-separated numbers per line, one score per line out (for the
 * PyTorch converter's test, tests/torch_converter.sh). */
#include <stdio.h>
#include <stdlib.h>

#include "sim/model/pair_features.h"
#include "sim/plugin/score.h"
#include "sim/util/mlp_file.h"

int main(int argc, char **argv)
{
	struct mlp m;
	struct error err;
	if (argc != 2) {
		fprintf(stderr, "usage: mlp_eval MODEL.json < rows.csv\n");
		return 2;
	}
	if (mlp_file_read(argv[1], pair_feature_names, PAIR_FEATURES, &m, &err)) {
		fprintf(stderr, "mlp_eval: %s\n", err.msg);
		return 1;
	}
	float x[PAIR_FEATURES], *acts = malloc(m.n_acts * sizeof *acts);
	int rc = acts ? 0 : 1;
	for (int k = 0; !rc;) {
		if (scanf(k ? ",%f" : "%f", &x[k]) != 1) {
			rc = k ? 1 : feof(stdin) ? -1 : 1;
			break;
		}
		if (++k == PAIR_FEATURES) {
			printf("%.9g\n", (double)mlp_forward(&m, x, acts));
			k = 0;
		}
	}
	free(acts);
	mlp_release(&m);
	return rc > 0;
}
