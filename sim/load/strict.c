#include "sim/load/strict.h"

#include <stdio.h>
#include <string.h>

#include "sim/load/yaml_doc.h"
#include "sim/util/suggest.h"

static bool lenient;

void load_set_lenient(bool on)
{
	lenient = on;
}

static bool listed(const char *const *list, const char *key)
{
	for (; list && *list; list++)
		if (strcmp(*list, key) == 0)
			return true;
	return false;
}

int load_unknown(const char *path, size_t line, size_t col, const char *what, const char *key, const char *where,
		 const char *const *known, size_t n, struct error *err)
{
	long near = suggest_nearest(key, known, n);
	char hint[128] = "";
	if (near >= 0)
		snprintf(hint, sizeof hint, " (did you mean \"%s\"?)", known[near]);
	error_at(err, path, line, col, "unknown %s \"%s\"%s%s%s", what, key, where ? " in " : "", where ? where : "",
		 hint);
	if (!lenient)
		return -1;
	fprintf(stderr, "simon: warning: %s; ignored (--strict=false)\n", err->msg);
	return 0;
}

int check_keys(yaml_document_t *doc, yaml_node_t *map, const char *path, const struct key_set *ks,
	       struct error *err)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return 0;
	for (yaml_node_pair_t *kv = map->data.mapping.pairs.start; kv < map->data.mapping.pairs.top; kv++) {
		yaml_node_t *k = yaml_document_get_node(doc, kv->key);
		if (!k || k->type != YAML_SCALAR_NODE)
			continue;
		const char *key = (const char *)k->data.scalar.value;
		if (ks->prefix && strncmp(key, ks->prefix, strlen(ks->prefix)) != 0)
			continue;
		if (listed(ks->known, key))
			continue;
		if (listed(ks->noted, key)) {
			fprintf(stderr, "simon: note: %s:%zu: %s.%s is accepted but not used by simon\n", path,
				yaml_line(k), ks->where, key);
			continue;
		}
		size_t n = 0;
		while (ks->known[n])
			n++;
		if (load_unknown(path, yaml_line(k), yaml_col(k), "field", key, ks->where, ks->known, n, err))
			return -1;
	}
	return 0;
}
