/* registry.c — the table of policies: a new policy is one file plus one line here. */
#include <string.h>

#include "sim/policy.h"

extern const struct policy_ops random_score_policy;
extern const struct policy_ops best_fit_score_policy;
extern const struct policy_ops dot_product_score_policy;
extern const struct policy_ops gpu_clustering_score_policy;
extern const struct policy_ops gpu_packing_score_policy;
extern const struct policy_ops fgd_score_policy;
extern const struct policy_ops topology_score_policy;

const struct policy_ops *const policy_table[] = {
	&random_score_policy,
	&best_fit_score_policy,
	&dot_product_score_policy,
	&gpu_clustering_score_policy,
	&gpu_packing_score_policy,
	&fgd_score_policy,
	&topology_score_policy,
	NULL,
};

const struct policy_ops *policy_find(const char *name)
{
	for (const struct policy_ops *const *p = policy_table; *p; p++)
		if (strcmp((*p)->name, name) == 0)
			return *p;
	return NULL;
}
