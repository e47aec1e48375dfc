/* args.c — reading a policy's pluginConfig args from the generic key/value view, with
 * messages that name the policy, the key, the choices and (when known) file, line and column. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/number.h"

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

const struct plugin_arg *policy_arg(const struct policy_env *env, const char *key)
{
	const struct plugin_arg *a = plugin_args_get(env->args, key);
	return !a || (a->scalar && !a->value[0]) ? NULL : a;  /* an empty value keeps the default, as before */
}

int policy_arg_error(const struct policy_env *env, const struct plugin_arg *a, struct error *err, const char *fmt, ...)
{
	char what[ERROR_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (env->config_path)
		return error_at(err, env->config_path, a->line, a->col, "%s", what);
	return error_set(err, "%s", what);
}

int policy_arg_choice(const struct policy_env *env, const char *policy, const char *key, const char *const *names,
		      int n, int *out, struct error *err)
{
	const struct plugin_arg *a = policy_arg(env, key);
	if (!a)
		return 0;
	for (int i = 0; a->scalar && i < n; i++)
		if (strcmp(a->value, names[i]) == 0) {
			*out = i;
			return 0;
		}
	char choices[256];
	list_choices(choices, sizeof choices, names, n);
	return policy_arg_error(env, a, err, "%s: %s '%s' is not one of %s", policy, key, a->value, choices);
}

int policy_arg_number(const struct policy_env *env, const char *policy, const char *key, double min, double max,
		      double *out, struct error *err)
{
	const struct plugin_arg *a = policy_arg(env, key);
	if (!a)
		return 0;
	double v;
	if (a->scalar && number_real(a->value, min, max, &v) == NUMBER_OK) {
		*out = v;
		return 0;
	}
	return policy_arg_error(env, a, err, "%s: %s '%s' is not a number from %g to %g", policy, key, a->value, min,
				max);
}
