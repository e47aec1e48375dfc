#include "sim/load/scalar_resources.h"

#include <stdio.h>
#include <string.h>

#include "sim/load/quantity.h"
#include "sim/load/yaml_doc.h"
#include "sim/util/suggest.h"

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The names simon reads as cpu, memory, pods or GPU devices. */
static bool read_elsewhere(const char *name)
{
	static const char *const own[] = {"cpu", "memory", "pods", "nvidia.com/gpu", "amd.com/gpu"};
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
		if (strcmp(name, own[i]) == 0)
			return true;
	return starts_with(name, "alibabacloud.com/");
}

bool is_scalar_resource(const char *name)
{
	if (read_elsewhere(name))
		return false;
	return strchr(name, '/') || starts_with(name, "hugepages-") || starts_with(name, "attachable-volumes-") ||
	       strcmp(name, "ephemeral-storage") == 0;
}

/* "where.name: what" at node at; the field's name is made only here, off the path of every key
 * read.  Returns -1. */
static int resource_error(const struct yaml_fields *f, const yaml_node_t *at, const char *where, const char *name,
			  const char *what)
{
	char field[160];
	snprintf(field, sizeof field, "%s.%s", where, name);
	return field_error(f, at, field, what);
}

static int amount_of(const struct yaml_fields *f, yaml_node_t *value, const char *where, const char *name,
		     int64_t *out)
{
	const char *text = value && value->type == YAML_SCALAR_NODE ? yaml_text(value) : NULL, *why = NULL;
	if (!text)
		return resource_error(f, value, where, name, "expected a quantity such as 1, 10Gi or 2Mi");
	if (quantity_value(text, out, &why)) {
		char msg[200];
		snprintf(msg, sizeof msg, "%s (got '%.60s')", why, text);
		return resource_error(f, value, where, name, msg);
	}
	return 0;
}

/* One string per name across the nodes (O(names) per lookup); NULL when out of memory. */
static const char *kept_name(struct workload *w, const char *name)
{
	int id = workload_intern(w, &w->resource_names, &w->n_resource_names, &w->cap_resource_names, name);
	return id < 0 ? NULL : w->resource_names[id];
}

int node_scalars_read(const struct yaml_fields *f, yaml_node_t *alloc, struct workload *w, struct node_spec *n)
{
	size_t count = 0;
	for (yaml_node_pair_t *p = alloc->data.mapping.pairs.start; p < alloc->data.mapping.pairs.top; p++) {
		const char *key = yaml_text(yaml_document_get_node(f->doc, p->key));
		count += key && is_scalar_resource(key);
	}
	if (!count)
		return 0;
	struct resource_amount *out = arena_alloc(&w->strings, count * sizeof *out);
	if (!out)
		return error_set(f->err, "out of memory");
	n->scalars = out;
	n->n_scalars = 0;
	for (yaml_node_pair_t *p = alloc->data.mapping.pairs.start; p < alloc->data.mapping.pairs.top; p++) {
		const char *key = yaml_text(yaml_document_get_node(f->doc, p->key));
		if (!key || !is_scalar_resource(key))
			continue;
		int64_t v;
		if (amount_of(f, yaml_document_get_node(f->doc, p->value), "status.allocatable", key, &v))
			return -1;
		if (v == 0)
			continue;
		const char *name = kept_name(w, key);
		if (!name)
			return error_set(f->err, "out of memory");
		out[n->n_scalars++] = (struct resource_amount){name, v, -1};
	}
	return 0;
}

/* Why a container may not name key, or NULL when it may (cpu and memory are read apart). */
static const char *not_in_container(const char *key, char *msg, size_t size)
{
	static const char *const valid[] = {"cpu", "memory", "ephemeral-storage", "hugepages-2Mi", "hugepages-1Gi",
					    "nvidia.com/gpu", "amd.com/gpu"};
	if (starts_with(key, "alibabacloud.com/"))
		return "a GPU share is asked for by the pod's alibabacloud.com/ annotations, not by a container's "
		       "resources";
	if (strchr(key, '/') || starts_with(key, "hugepages-") || strcmp(key, "ephemeral-storage") == 0 ||
	    read_elsewhere(key))
		return NULL;
	long near = suggest_nearest(key, valid, sizeof valid / sizeof valid[0]);
	snprintf(msg, size,
		 "not a container resource (expected cpu, memory, ephemeral-storage, hugepages-<size> or an extended "
		 "resource, a domain-qualified name such as example.com/foo)%s%s%s",
		 near >= 0 ? "; did you mean " : "", near >= 0 ? valid[near] : "", near >= 0 ? "?" : "");
	return msg;
}

/* The scalar requests under one mapping; skip_in: names to leave (those requests gives). */
static int read_map(const struct yaml_fields *f, yaml_node_t *map, const char *where, yaml_node_t *skip_in,
		    struct workload *w, int64_t amount[MAX_SCALARS])
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return 0;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(f->doc, p->key);
		const char *key = yaml_text(k);
		char msg[400];
		const char *why = key ? not_in_container(key, msg, sizeof msg) : NULL;
		if (why)
			return resource_error(f, k, where, key, why);
		if (!key || !is_scalar_resource(key) || (skip_in && yaml_get(f->doc, skip_in, key)))
			continue;
		int64_t v;
		if (amount_of(f, yaml_document_get_node(f->doc, p->value), where, key, &v))
			return -1;
		if (v == 0)
			continue;
		int slot = workload_scalar_slot(w, key);
		if (slot < 0) {
			snprintf(msg, sizeof msg, "one scalar resource too many: pods ask for at most %d distinct ones",
				 MAX_SCALARS);
			return resource_error(f, k, where, key, msg);
		}
		amount[slot] = v;
	}
	return 0;
}

int container_scalars_read(const struct yaml_fields *f, yaml_node_t *req, yaml_node_t *lim, struct workload *w,
			   int64_t amount[MAX_SCALARS])
{
	memset(amount, 0, MAX_SCALARS * sizeof *amount);
	return read_map(f, req, "resources.requests", NULL, w, amount) ||
	       read_map(f, lim, "resources.limits", req && req->type == YAML_MAPPING_NODE ? req : NULL, w, amount);
}
