/* yaml_stream.h — a file's Kubernetes objects one at a time, for files too large to hold whole.
 *
 * Each YAML document is an object, except that the items of a document's top-level `items`
 * sequence (a List, as kubectl writes it) are each composed as a document of their own and
 * handed over as they are read, the rest of the List after its items.  Memory is then that of
 * one item, not of the whole List: a 10,000-node, 100,000-pod export is read in the space of
 * one pod.  Items without a kind that come before the List's kind (a typed list whose kind
 * follows its items) are kept until the kind is known.  Anchors and aliases work within one
 * object; nesting deeper than YAML_STREAM_MAX_DEPTH is an error.  O(events) in all.
 */
#ifndef SIMON_YAML_STREAM_H
#define SIMON_YAML_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "sim/load/yaml_doc.h"

#define YAML_STREAM_MAX_DEPTH 256

struct yaml_stream_state;

struct yaml_stream {
	struct yaml_reader r;     /* r.path, r.doc (the current object), r.documents */
	/* For the current object: NULL when it is a document; for a List's item, its List's kind
	 * ("List", "NodeList", ...), or "" when the List's kind is not read yet. */
	const char *list_kind;
	size_t items;             /* a document: how many items of it were handed over before it */
	struct yaml_stream_state *s;
};

int yaml_stream_open(struct yaml_stream *st, const char *path, struct error *err);
/* 1: st->r.doc holds the next object; 0: end of file; -1: an error. */
int yaml_stream_next(struct yaml_stream *st, struct error *err);
void yaml_stream_release(struct yaml_stream *st);

#endif
