/* args.c — reading a plugin's pluginConfig args from the generic key/value view, with
 * messages that name the policy, the key, the choices and (when known) file, line and column. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/number.h"

#include "policies/kit/args.h"

static void list_choices(char *out, size_t size, const char *const *names, int n)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < n && len < size; i++) {
		int w = snprintf(out + len, size - len, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", names[i]);
		len += w > 0 ? (size_t)w : 0;
	}
}

const struct plugin_arg *arg_value(const struct plugin_env *env, const char *key)
{
	const struct plugin_arg *a = plugin_args_get(env->args, key);
	return !a || (a->scalar && !a->value[0]) ? NULL : a;  /* an empty value keeps the default, as before */
}

int arg_error(const struct plugin_env *env, const struct plugin_arg *a, struct error *err, const char *fmt, ...)
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

int arg_choice(const struct plugin_env *env, const char *policy, const char *key, const char *const *names,
		      int n, int *out, struct error *err)
{
	const struct plugin_arg *a = arg_value(env, key);
	if (!a)
		return 0;
	for (int i = 0; a->scalar && i < n; i++)
		if (strcmp(a->value, names[i]) == 0) {
			*out = i;
			return 0;
		}
	char choices[256];
	list_choices(choices, sizeof choices, names, n);
	return arg_error(env, a, err, "%s: %s '%s' is not one of %s", policy, key, a->value, choices);
}

int arg_number(const struct plugin_env *env, const char *policy, const char *key, double min, double max,
		      double *out, struct error *err)
{
	const struct plugin_arg *a = arg_value(env, key);
	if (!a)
		return 0;
	double v;
	if (a->scalar && number_real(a->value, min, max, &v) == NUMBER_OK) {
		*out = v;
		return 0;
	}
	return arg_error(env, a, err, "%s: %s '%s' is not a number from %g to %g", policy, key, a->value, min,
				max);
}

int arg_integer(const struct plugin_env *env, const char *plugin, const char *key, int64_t min, int64_t max,
		int64_t *out, struct error *err)
{
	const struct plugin_arg *a = arg_value(env, key);
	if (!a)
		return 0;
	if (a->scalar && number_integer(a->value, min, max, out) == NUMBER_OK)
		return 0;
	return arg_error(env, a, err, "%s: %s: expected a whole number from %lld to %lld", plugin, key, (long long)min,
			 (long long)max);
}

int arg_bool(const struct plugin_env *env, const char *plugin, const char *key, bool *out, struct error *err)
{
	const struct plugin_arg *a = arg_value(env, key);
	if (!a)
		return 0;
	if (a->scalar && (strcmp(a->value, "true") == 0 || strcmp(a->value, "false") == 0)) {
		*out = strcmp(a->value, "true") == 0;
		return 0;
	}
	return arg_error(env, a, err, "%s: %s: expected true or false", plugin, key);
}
