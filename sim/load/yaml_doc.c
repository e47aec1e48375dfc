#include "sim/load/yaml_doc.h"

#include "sim/util/textfile.h"

#include <stdlib.h>
#include <string.h>

/* The whole file (textfile_read refuses a NUL byte: it is not YAML text). */
static int read_file(const char *path, unsigned char **text, size_t *size, struct error *err)
{
	char *buf;
	if (textfile_read(path, &buf, size, err))
		return -1;
	*text = (unsigned char *)buf;
	return 0;
}

int yaml_reader_open(struct yaml_reader *r, const char *path, struct error *err)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	if (read_file(path, &r->text, &r->size, err))
		return -1;
	if (!yaml_parser_initialize(&r->parser)) {
		free(r->text);
		r->text = NULL;
		return error_at(err, path, 0, 0, "out of memory");
	}
	yaml_parser_set_input_string(&r->parser, r->text, r->size);
	return 0;
}

int yaml_reader_fail(const struct yaml_reader *r, struct error *err)
{
	yaml_mark_t m = r->parser.problem_mark;
	return error_at(err, r->path, m.line + 1, m.column + 1, "malformed YAML: %s%s%s",
			r->parser.problem ? r->parser.problem : "parse error", r->parser.context ? " " : "",
			r->parser.context ? r->parser.context : "");
}

int yaml_document_is_empty(yaml_document_t *doc)
{
	yaml_node_t *root = yaml_document_get_root_node(doc);
	if (!root)
		return 1;
	return root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0;
}

int yaml_reader_next(struct yaml_reader *r, struct error *err)
{
	for (;;) {
		if (r->have_doc) {
			yaml_document_delete(&r->doc);
			r->have_doc = 0;
		}
		if (!yaml_parser_load(&r->parser, &r->doc))
			return yaml_reader_fail(r, err);
		r->have_doc = 1;
		if (!yaml_document_get_root_node(&r->doc))
			return 0; /* end of stream */
		if (!yaml_document_is_empty(&r->doc)) {
			r->documents++;
			return 1;
		}
	}
}

void yaml_reader_release(struct yaml_reader *r)
{
	if (r->have_doc)
		yaml_document_delete(&r->doc);
	if (r->text)
		yaml_parser_delete(&r->parser);
	free(r->text);
	memset(r, 0, sizeof *r);
}

yaml_node_t *yaml_root(yaml_document_t *doc)
{
	return yaml_document_get_root_node(doc);
}

yaml_node_t *yaml_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	size_t klen = strlen(key);
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		if (k && k->type == YAML_SCALAR_NODE && k->data.scalar.length == klen &&
		    memcmp(k->data.scalar.value, key, klen) == 0)
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

yaml_node_t *yaml_path(yaml_document_t *doc, yaml_node_t *node, const char *path)
{
	char key[128];
	while (node && *path) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof key)
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		node = yaml_get(doc, node, key);
		path += n + (path[n] == '.');
	}
	return node;
}

const char *yaml_text(const yaml_node_t *node)
{
	if (!node || node->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)node->data.scalar.value;
}

size_t yaml_line(const yaml_node_t *node)
{
	return node ? node->start_mark.line + 1 : 0;
}

size_t yaml_col(const yaml_node_t *node)
{
	return node ? node->start_mark.column + 1 : 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcmp(s + n - k, suffix) == 0;
}

bool has_yaml_suffix(const char *name)
{
	return ends_with(name, ".yaml") || ends_with(name, ".yml");
}

bool is_hier_copy(const char *name)
{
	return ends_with(name, "-hier.yaml") || ends_with(name, "-hier.yml");
}
