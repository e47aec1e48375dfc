/* args.c — reading a policy's pluginConfig args from the generic key/value view, with
 * messages that name the policy, the key, the choices and (when known) file, line and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/policy.h"

static void list_choices(char *out, size_t size, const char *const *names, int n)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < n && len < size; i++) {
		int w = snprintf(out + len, size - len, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", names[i]);
		len += w > 0 ? (size_t)w : 0;
	}
}

int policy_arg_choice(const struct policy_env *env, const char *policy, const char *key, const char *const *names,
		      int n, int *out, struct error *err)
{
	const struct plugin_arg *a = plugin_args_get(env->args, key);
	if (!a || (a->scalar && !a->value[0]))  /* an empty value keeps the default, as before */
		return 0;
	for (int i = 0; a->scalar && i < n; i++)
		if (strcmp(a->value, names[i]) == 0) {
			*out = i;
			return 0;
		}
	char choices[256];
	list_choices(choices, sizeof choices, names, n);
	if (env->config_path)
		return error_at(err, env->config_path, a->line, a->col, "%s: %s '%s' is not one of %s", policy, key,
				a->value, choices);
	return error_set(err, "%s: %s '%s' is not one of %s", policy, key, a->value, choices);
}

int policy_arg_number(const struct policy_env *env, const char *policy, const char *key, double min, double max,
		      double *out, struct error *err)
{
	const struct plugin_arg *a = plugin_args_get(env->args, key);
	if (!a || (a->scalar && !a->value[0]))
		return 0;
	char *end = NULL;
	double v = a->scalar ? strtod(a->value, &end) : 0;
	if (a->scalar && end != a->value && !*end && v >= min && v <= max) {
		*out = v;
		return 0;
	}
	if (env->config_path)
		return error_at(err, env->config_path, a->line, a->col, "%s: %s '%s' is not a number from %g to %g",
				policy, key, a->value, min, max);
	return error_set(err, "%s: %s '%s' is not a number from %g to %g", policy, key, a->value, min, max);
}
