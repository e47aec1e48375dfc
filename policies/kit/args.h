/* args.h — reading a plugin's pluginConfig args from the generic key/value view, with messages
 * that name the plugin, the key, the choices and (when known) file, line and column.  A plugin
 * reads its args once, in its .init.
 */
#ifndef SIMON_PLUGIN_ARGS_H
#define SIMON_PLUGIN_ARGS_H

#include "sim/plugin/plugin.h"

/* The arg written for key, or NULL when absent or empty (the policy's default then stands). */
const struct plugin_arg *arg_value(const struct plugin_env *env, const char *key);
/* An error about arg a, at its line and column when the config file is known; returns -1. */
int arg_error(const struct plugin_env *env, const struct plugin_arg *a, struct error *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Reads args key as one of names[0..n): *out is its index; left as it is when the key is
 * absent or empty; anything else is an error naming the policy, the key and the choices. */
int arg_choice(const struct plugin_env *env, const char *policy, const char *key, const char *const *names,
		      int n, int *out, struct error *err);

/* Reads args key as a number in [min, max] into *out; left as it is when absent or empty. */
int arg_number(const struct plugin_env *env, const char *policy, const char *key, double min, double max,
		      double *out, struct error *err);
/* Reads args key as a whole number in [min, max] into *out; left as it is when absent or empty. */
int arg_integer(const struct plugin_env *env, const char *plugin, const char *key, int64_t min, int64_t max,
		int64_t *out, struct error *err);
/* Reads args key as true or false into *out; left as it is when absent or empty. */
int arg_bool(const struct plugin_env *env, const char *plugin, const char *key, bool *out, struct error *err);

#endif
