/* Names as users type them: policy spellings, and "did you mean" for the rest. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "sim/plugin/score.h"
#include "sim/util/suggest.h"
#include "tests/support.h"

Test(names, edit_distance_by_hand)
{
	cr_assert_eq(edit_distance("raito", "ratio"), 1);     /* one swap */
	cr_assert_eq(edit_distance("wieght", "weight"), 1);
	cr_assert_eq(edit_distance("request", "requests"), 1);
	cr_assert_eq(edit_distance("kitten", "sitting"), 3);
	cr_assert_eq(edit_distance("FGD", "fgd"), 0);         /* case does not count */
	cr_assert_eq(edit_distance("", "abc"), 3);
}

Test(names, nearest_only_when_near)
{
	const char *keys[] = {"ratio", "seed"};
	cr_assert_eq(suggest_nearest("raito", keys, 2), 0);
	cr_assert_eq(suggest_nearest("sede", keys, 2), 1);
	cr_assert_eq(suggest_nearest("podIncreaseStep", keys, 2), -1);
}

Test(names, policy_spellings)
{
	const char *fgd[] = {"FGDScore", "FGD", "fgd", "fgdscore", "FgdScore"};
	for (size_t i = 0; i < sizeof fgd / sizeof fgd[0]; i++) {
		const struct policy_ops *p = policy_lookup(fgd[i]);
		cr_assert(p && strcmp(p->name, "FGDScore") == 0, "%s", fgd[i]);
	}
	cr_assert_str_eq(policy_lookup("bestfit")->name, "BestFitScore");
	cr_assert_str_eq(policy_lookup("dotprod")->name, "DotProductScore");
	cr_assert_str_eq(policy_lookup("GPUPACKING")->name, "GpuPackingScore");
	cr_assert_null(policy_lookup("fg"));
	cr_assert_null(policy_lookup("Score"));
	cr_assert_str_eq(policy_suggest("fdg"), "FGDScore");
	cr_assert_str_eq(policy_suggest("BestFt"), "BestFitScore");
	cr_assert_null(policy_suggest("xyz"));
}

Test(names, unknown_policy_is_a_usage_error_with_a_suggestion)
{
	char *err = NULL;
	cr_assert_eq(run_simon("apply -f data/example/cluster-config.yaml -p topolgy", &err), 2);
	cr_assert_not_null(strstr(err, "unknown policy 'topolgy'; did you mean TopologyScore?"), "%s", err);
	free(err);
	cr_assert_eq(run_simon("apply -f data/example/cluster-config.yaml -p fgd -q", NULL), 0);
}
