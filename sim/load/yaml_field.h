/* yaml_field.h — one field of a YAML document read and checked, for every loader (the cluster
 * and scheduler configs, Nodes, Pods and their kin, matrices).
 *
 * A field is a scalar under a key of a mapping (or, with the _at forms, a node itself: a list
 * item).  An absent key leaves the value as it is and says so through *present; anything
 * else that is not what the field takes is an error at the value's file:line:col, in one text
 * per kind of value, the bound it checks included:
 *   PATH:L:C: [KIND NAME: ]FIELD: expected a number from MIN to MAX, got 'TEXT'
 *   PATH:L:C: [KIND NAME: ]FIELD: expected a whole number from MIN to MAX, got 'TEXT'
 *   PATH:L:C: [KIND NAME: ]FIELD: expected true or false, got 'TEXT'
 *   PATH:L:C: [KIND NAME: ]FIELD: expected a single value, found a list or mapping
 * Numbers are read by sim/util/number.h.  O(length of the text) per field.
 */
#ifndef SIMON_YAML_FIELD_H
#define SIMON_YAML_FIELD_H

#include <stdbool.h>
#include <stdint.h>
#include <yaml.h>

#include "sim/util/error.h"

struct yaml_fields {
	yaml_document_t *doc;
	const char *path;
	const char *kind;      /* with name, put before the field in messages ("Pod p: "); NULL: none */
	const char *name;      /* NULL: "(unnamed)" */
	struct error *err;
};

/* "PATH:L:C: [KIND NAME: ]FIELD: WHAT" at node at; returns -1. */
int field_error(const struct yaml_fields *f, const yaml_node_t *at, const char *field, const char *what);
/* The text of the scalar under key into *text (NULL: absent), its node into *at when at is
 * not NULL; a list or mapping there is an error. */
int field_scalar(const struct yaml_fields *f, yaml_node_t *map, const char *key, const char **text, yaml_node_t **at);

int field_real(const struct yaml_fields *f, yaml_node_t *map, const char *key, double min, double max, double *out,
	       bool *present);
int field_integer(const struct yaml_fields *f, yaml_node_t *map, const char *key, int64_t min, int64_t max,
		  int64_t *out, bool *present);
/* true/false (and YAML 1.1's True, TRUE, yes, on and their opposites). */
int field_bool(const struct yaml_fields *f, yaml_node_t *map, const char *key, bool *out, bool *present);

/* The node itself, named `field` in messages. */
int field_real_at(const struct yaml_fields *f, yaml_node_t *node, const char *field, double min, double max,
		  double *out);
int field_integer_at(const struct yaml_fields *f, yaml_node_t *node, const char *field, int64_t min, int64_t max,
		     int64_t *out);

#endif
