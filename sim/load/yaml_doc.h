/* yaml_doc.h — reading YAML documents one at a time, with positions for error messages.
 *
 * A yaml_reader walks the documents of one file (libyaml's document API); empty documents
 * (a trailing "---") are skipped.  Lookups return NULL when a key is absent or a node has
 * another shape, so loaders can say exactly what they expected and where.
 */
#ifndef SIMON_YAML_DOC_H
#define SIMON_YAML_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "sim/util/error.h"

struct yaml_reader {
	const char *path;
	unsigned char *text;
	size_t size;
	yaml_parser_t parser;
	yaml_document_t doc;
	int have_doc;
	int documents;  /* non-empty documents returned so far */
};

/* Reads the whole file; an unreadable or binary file is an error. */
int yaml_reader_open(struct yaml_reader *r, const char *path, struct error *err);
/* 1: r->doc holds the next non-empty document; 0: end of file; -1: syntax error. */
int yaml_reader_next(struct yaml_reader *r, struct error *err);
void yaml_reader_release(struct yaml_reader *r);
/* The parser's error, as "path:line:col: malformed YAML: ..."; returns -1. */
int yaml_reader_fail(const struct yaml_reader *r, struct error *err);
/* True for a document without content (a trailing "---"). */
int yaml_document_is_empty(yaml_document_t *doc);

yaml_node_t *yaml_root(yaml_document_t *doc);
/* The value under key in a mapping, or NULL. */
yaml_node_t *yaml_get(yaml_document_t *doc, yaml_node_t *map, const char *key);
/* Follows a dotted path of keys ("status.allocatable"), or NULL. */
yaml_node_t *yaml_path(yaml_document_t *doc, yaml_node_t *node, const char *path);
/* The text of a scalar, or NULL for another shape. */
const char *yaml_text(const yaml_node_t *node);
size_t yaml_line(const yaml_node_t *node);
size_t yaml_col(const yaml_node_t *node);

/* True for name.yaml and name.yml. */
bool has_yaml_suffix(const char *name);
/* True for the copies gen-hier writes (name-hier.yaml, name-hier.yml). */
bool is_hier_copy(const char *name);

#endif
