#include "sim/load/yaml_field.h"

#include <stdio.h>
#include <string.h>

#include "sim/load/yaml_doc.h"
#include "sim/util/number.h"

int field_error(const struct yaml_fields *f, const yaml_node_t *at, const char *field, const char *what)
{
	if (f->kind)
		return error_at(f->err, f->path, yaml_line(at), yaml_col(at), "%s %s: %s: %s", f->kind,
				f->name ? f->name : "(unnamed)", field, what);
	return error_at(f->err, f->path, yaml_line(at), yaml_col(at), "%s: %s", field, what);
}

int field_scalar(const struct yaml_fields *f, yaml_node_t *map, const char *key, const char **text, yaml_node_t **at)
{
	yaml_node_t *n = yaml_get(f->doc, map, key);
	if (at)
		*at = n;
	*text = n ? yaml_text(n) : NULL;
	if (n && !*text)
		return field_error(f, n, key, "expected a single value, found a list or mapping");
	return 0;
}

/* The node's text for a message: '' for a list or mapping. */
static const char *shown(const yaml_node_t *node)
{
	const char *t = yaml_text(node);
	return t ? t : "";
}

/* "expected a KIND from MIN to MAX, got 'TEXT'". */
static int not_in_range(const struct yaml_fields *f, yaml_node_t *node, const char *field, const char *kind,
			const char *min, const char *max)
{
	char what[240];
	snprintf(what, sizeof what, "expected a %s from %s to %s, got '%.60s'", kind, min, max, shown(node));
	return field_error(f, node, field, what);
}

int field_real_at(const struct yaml_fields *f, yaml_node_t *node, const char *field, double min, double max,
		  double *out)
{
	const char *t = yaml_text(node);
	if (t && number_real(t, min, max, out) == NUMBER_OK)
		return 0;
	char lo[32], hi[32];
	snprintf(lo, sizeof lo, "%g", min);
	snprintf(hi, sizeof hi, "%g", max);
	return not_in_range(f, node, field, "number", lo, hi);
}

int field_integer_at(const struct yaml_fields *f, yaml_node_t *node, const char *field, int64_t min, int64_t max,
		     int64_t *out)
{
	const char *t = yaml_text(node);
	if (t && number_integer(t, min, max, out) == NUMBER_OK)
		return 0;
	char lo[32], hi[32];
	snprintf(lo, sizeof lo, "%lld", (long long)min);
	snprintf(hi, sizeof hi, "%lld", (long long)max);
	return not_in_range(f, node, field, "whole number", lo, hi);
}

int field_real(const struct yaml_fields *f, yaml_node_t *map, const char *key, double min, double max, double *out,
	       bool *present)
{
	yaml_node_t *n = yaml_get(f->doc, map, key);
	if (present)
		*present = n != NULL;
	return n ? field_real_at(f, n, key, min, max, out) : 0;
}

int field_integer(const struct yaml_fields *f, yaml_node_t *map, const char *key, int64_t min, int64_t max,
		  int64_t *out, bool *present)
{
	yaml_node_t *n = yaml_get(f->doc, map, key);
	if (present)
		*present = n != NULL;
	return n ? field_integer_at(f, n, key, min, max, out) : 0;
}

int field_bool(const struct yaml_fields *f, yaml_node_t *map, const char *key, bool *out, bool *present)
{
	static const char *const yes[] = {"true", "True", "TRUE", "yes", "on"},
				 *const no[] = {"false", "False", "FALSE", "no", "off"};
	yaml_node_t *n = yaml_get(f->doc, map, key);
	if (present)
		*present = n != NULL;
	if (!n)
		return 0;
	const char *t = yaml_text(n);
	for (size_t i = 0; t && i < sizeof yes / sizeof yes[0]; i++) {
		if (strcmp(t, yes[i]) == 0)
			return *out = true, 0;
		if (strcmp(t, no[i]) == 0)
			return *out = false, 0;
	}
	char what[160];
	snprintf(what, sizeof what, "expected true or false, got '%.60s'", shown(n));
	return field_error(f, n, key, what);
}
