/* registry.c — the table of policies: a new policy is one file plus one line here. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sim/policy.h"
#include "sim/util/suggest.h"

extern const struct policy_ops random_score_policy;
extern const struct policy_ops best_fit_score_policy;
extern const struct policy_ops dot_product_score_policy;
extern const struct policy_ops gpu_clustering_score_policy;
extern const struct policy_ops gpu_packing_score_policy;
extern const struct policy_ops fgd_score_policy;
extern const struct policy_ops topology_score_policy;
extern const struct policy_ops mlp_score_policy;
extern const struct policy_ops ga_policy;
extern const struct policy_ops ga_seed_policy;
extern const struct policy_ops round_robin_score_policy;
extern const struct policy_ops greedy_score_policy;
extern const struct policy_ops task_type_score_policy;

const struct policy_ops *const policy_table[] = {
	&random_score_policy,
	&best_fit_score_policy,
	&dot_product_score_policy,
	&gpu_clustering_score_policy,
	&gpu_packing_score_policy,
	&fgd_score_policy,
	&topology_score_policy,
	&mlp_score_policy,
	&ga_policy,
	&ga_seed_policy,
	&round_robin_score_policy,
	&greedy_score_policy,
	&task_type_score_policy,
	NULL,
};

const struct policy_ops *policy_find(const char *name)
{
	for (const struct policy_ops *const *p = policy_table; *p; p++)
		if (strcmp((*p)->name, name) == 0)
			return *p;
	return NULL;
}

/* The length of name without a trailing "Score" (any case). */
static size_t stem_length(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcasecmp(name + n - 5, "score") == 0 ? n - 5 : n;
}

static bool same_stem(const char *a, const char *b)
{
	size_t la = stem_length(a), lb = stem_length(b);
	return la == lb && strncasecmp(a, b, la) == 0;
}

const struct policy_ops *policy_lookup(const char *typed)
{
	for (const struct policy_ops *const *p = policy_table; *p; p++)
		if (same_stem(typed, (*p)->name) || ((*p)->alias && strcasecmp(typed, (*p)->alias) == 0))
			return *p;
	return NULL;
}

const char *policy_suggest(const char *typed)
{
	/* Every name, and after them every stem: "fgdd" is far from "FGDScore" but near "FGD". */
	const char *words[64] = {0};
	char stems[32][64];
	size_t n = 0;
	for (const struct policy_ops *const *p = policy_table; *p && n < 32; p++)
		words[n++] = (*p)->name;
	for (size_t i = 0; i < n; i++) {
		snprintf(stems[i], sizeof stems[i], "%.*s", (int)stem_length(words[i]), words[i]);
		words[n + i] = stems[i];
	}
	long near = suggest_nearest(typed, words, 2 * n);
	return near < 0 ? NULL : words[(size_t)near % n];
}

void policy_unknown(char *out, size_t size, const char *typed)
{
	const char *near = policy_suggest(typed);
	snprintf(out, size, "unknown policy '%.60s'%s%s%s (`simon help policies` lists them)", typed,
		 near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
}
