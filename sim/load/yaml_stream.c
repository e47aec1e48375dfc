#include "sim/load/yaml_stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/vec.h"

enum phase { OUTSIDE, IN_ROOT, IN_ITEMS, AT_END };

struct anchor {
	char *name;
	int id;
};

struct yaml_stream_state {
	enum phase phase;
	yaml_document_t shell;    /* the document being read, less the items handed over */
	bool have_shell, root_done;
	int shell_root;
	char kind[64];            /* the document's kind, once read */
	bool kind_known;
	yaml_document_t *held;    /* kind-less items read before the kind */
	size_t n_held, cap_held, next_held;
	size_t items;
	struct anchor *anchors;   /* of the object being composed */
	size_t n_anchors, cap_anchors;
};

static int out_of_memory(struct yaml_stream *st, struct error *err)
{
	return error_at(err, st->r.path, 0, 0, "out of memory reading YAML");
}

static int next_event(struct yaml_stream *st, yaml_event_t *e, struct error *err)
{
	return yaml_parser_parse(&st->r.parser, e) ? 0 : yaml_reader_fail(&st->r, err);
}

static void forget_anchors(struct yaml_stream_state *s)
{
	for (size_t i = 0; i < s->n_anchors; i++)
		free(s->anchors[i].name);
	s->n_anchors = 0;
}

static int remember(struct yaml_stream *st, const yaml_char_t *anchor, int id, struct error *err)
{
	struct yaml_stream_state *s = st->s;
	if (!anchor)
		return 0;
	char *name = strdup((const char *)anchor);
	if (!name || VEC_RESERVE(s->anchors, s->cap_anchors, s->n_anchors + 1)) {
		free(name);
		return out_of_memory(st, err);
	}
	s->anchors[s->n_anchors++] = (struct anchor){name, id};
	return 0;
}

static int alias_of(struct yaml_stream *st, const yaml_event_t *e, int *id, struct error *err)
{
	const struct yaml_stream_state *s = st->s;
	for (size_t i = s->n_anchors; i-- > 0;)   /* the latest of a name, as YAML has it */
		if (strcmp(s->anchors[i].name, (const char *)e->data.alias.anchor) == 0) {
			*id = s->anchors[i].id;
			return 0;
		}
	return error_at(err, st->r.path, e->start_mark.line + 1, e->start_mark.column + 1,
			"alias *%s names no anchor of this object", (const char *)e->data.alias.anchor);
}

/* Nodes are pushed onto libyaml's document directly, which owns their memory and frees it
 * with free() (yaml_document_delete): a scalar takes its event's text instead of a copy, and
 * no node gets a tag, which simon never reads.  That is two of every three mallocs of reading
 * a large List.  The node's id (its index + 1), or 0 when out of memory. */
static int push_node(yaml_document_t *d, const yaml_node_t *n)
{
	if (d->nodes.top == d->nodes.end) {
		size_t have = (size_t)(d->nodes.end - d->nodes.start), want = have ? 2 * have : 16;
		yaml_node_t *grown = realloc(d->nodes.start, want * sizeof *grown);
		if (!grown)
			return 0;
		d->nodes.start = grown;
		d->nodes.top = grown + have;
		d->nodes.end = grown + want;
	}
	*d->nodes.top++ = *n;
	return (int)(d->nodes.top - d->nodes.start);
}

#define INITIAL_ENTRIES 8

/* A sequence or mapping node for the collection e begins, its entries' room made. */
static int push_collection(yaml_document_t *d, const yaml_event_t *e, bool mapping)
{
	yaml_node_t n = {.type = mapping ? YAML_MAPPING_NODE : YAML_SEQUENCE_NODE,
			 .start_mark = e->start_mark,
			 .end_mark = e->end_mark};
	void *room = malloc(INITIAL_ENTRIES * (mapping ? sizeof(yaml_node_pair_t) : sizeof(yaml_node_item_t)));
	if (!room)
		return 0;
	if (mapping) {
		n.data.mapping.pairs.start = n.data.mapping.pairs.top = room;
		n.data.mapping.pairs.end = n.data.mapping.pairs.start + INITIAL_ENTRIES;
		n.data.mapping.style = e->data.mapping_start.style;
	} else {
		n.data.sequence.items.start = n.data.sequence.items.top = room;
		n.data.sequence.items.end = n.data.sequence.items.start + INITIAL_ENTRIES;
		n.data.sequence.style = e->data.sequence_start.style;
	}
	int id = push_node(d, &n);
	if (!id)
		free(room);
	return id;
}

/* A scalar node taking e's text (e is left without it). */
static int push_scalar(yaml_document_t *d, yaml_event_t *e)
{
	yaml_node_t n = {.type = YAML_SCALAR_NODE, .start_mark = e->start_mark, .end_mark = e->end_mark};
	n.data.scalar.value = e->data.scalar.value;
	n.data.scalar.length = e->data.scalar.length;
	n.data.scalar.style = e->data.scalar.style;
	int id = push_node(d, &n);
	if (id)
		e->data.scalar.value = NULL;
	return id;
}

static int compose(struct yaml_stream *st, yaml_document_t *d, yaml_event_t *e, int depth, int *id,
		   struct error *err);

/* The items or pairs of a collection begun by e, up to its end event. */
static int compose_children(struct yaml_stream *st, yaml_document_t *d, int id, bool mapping, int depth,
			    struct error *err)
{
	for (;;) {
		yaml_event_t c, v;
		int key, value;
		if (next_event(st, &c, err))
			return -1;
		if (c.type == YAML_SEQUENCE_END_EVENT || c.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&c);
			return 0;
		}
		int rc = compose(st, d, &c, depth + 1, &key, err);
		yaml_event_delete(&c);
		if (rc)
			return -1;
		if (!mapping) {
			if (!yaml_document_append_sequence_item(d, id, key))
				return out_of_memory(st, err);
			continue;
		}
		if (next_event(st, &v, err))
			return -1;
		rc = compose(st, d, &v, depth + 1, &value, err);
		yaml_event_delete(&v);
		if (rc)
			return -1;
		if (!yaml_document_append_mapping_pair(d, id, key, value))
			return out_of_memory(st, err);
	}
}

/* The node e begins, with all below it, added to d as *id. */
static int compose(struct yaml_stream *st, yaml_document_t *d, yaml_event_t *e, int depth, int *id,
		   struct error *err)
{
	if (depth > YAML_STREAM_MAX_DEPTH)
		return error_at(err, st->r.path, e->start_mark.line + 1, e->start_mark.column + 1,
				"YAML nested deeper than %d levels", YAML_STREAM_MAX_DEPTH);
	switch (e->type) {
	case YAML_ALIAS_EVENT:
		return alias_of(st, e, id, err);
	case YAML_SCALAR_EVENT:
		if (!(*id = push_scalar(d, e)))
			return out_of_memory(st, err);
		return remember(st, e->data.scalar.anchor, *id, err);
	case YAML_SEQUENCE_START_EVENT:
		if (!(*id = push_collection(d, e, false)))
			return out_of_memory(st, err);
		return remember(st, e->data.sequence_start.anchor, *id, err) ||
		       compose_children(st, d, *id, false, depth, err);
	case YAML_MAPPING_START_EVENT:
		if (!(*id = push_collection(d, e, true)))
			return out_of_memory(st, err);
		return remember(st, e->data.mapping_start.anchor, *id, err) ||
		       compose_children(st, d, *id, true, depth, err);
	default:
		return error_at(err, st->r.path, e->start_mark.line + 1, e->start_mark.column + 1,
				"malformed YAML: a node expected");
	}
}

/* Gives d to the caller as st->r.doc (the previous one deleted). */
static void hand_over(struct yaml_stream *st, yaml_document_t *d, const char *list_kind)
{
	if (st->r.have_doc)
		yaml_document_delete(&st->r.doc);
	st->r.doc = *d;
	st->r.have_doc = 1;
	st->list_kind = list_kind;
}

static int new_document(struct yaml_stream *st, yaml_document_t *d, struct error *err)
{
	forget_anchors(st->s);
	return yaml_document_initialize(d, NULL, NULL, NULL, 1, 1) ? 0 : out_of_memory(st, err);
}

/* Skips to the event that ends the document. */
static int end_document(struct yaml_stream *st, struct error *err)
{
	yaml_event_t e;
	if (next_event(st, &e, err))
		return -1;
	yaml_event_delete(&e);
	return 0;
}

/* Between documents: 0 at the end of the file; 1 with a document handed over; 2 when a
 * document's root mapping has begun (IN_ROOT) or an empty document was passed over. */
static int start_document(struct yaml_stream *st, struct error *err)
{
	struct yaml_stream_state *s = st->s;
	yaml_event_t e;
	if (next_event(st, &e, err))
		return -1;
	yaml_event_type_t type = e.type;
	yaml_event_delete(&e);
	if (type == YAML_STREAM_END_EVENT) {
		s->phase = AT_END;
		return 0;
	}
	if (type != YAML_DOCUMENT_START_EVENT)
		return 2;   /* the stream's start */
	if (new_document(st, &s->shell, err))
		return -1;
	s->have_shell = true;
	s->kind_known = false;
	s->items = 0;
	if (next_event(st, &e, err))
		return -1;
	int rc;
	if (e.type == YAML_MAPPING_START_EVENT) {
		s->shell_root = push_collection(&s->shell, &e, true);
		rc = s->shell_root ? remember(st, e.data.mapping_start.anchor, s->shell_root, err) : out_of_memory(st, err);
		yaml_event_delete(&e);
		s->phase = IN_ROOT;
		return rc ? -1 : 2;
	}
	int root;
	rc = compose(st, &s->shell, &e, 0, &root, err);
	yaml_event_delete(&e);
	if (rc || end_document(st, err))
		return -1;
	s->have_shell = false;
	if (yaml_document_is_empty(&s->shell)) {
		yaml_document_delete(&s->shell);
		return 2;
	}
	st->items = 0;
	st->r.documents++;
	hand_over(st, &s->shell, NULL);
	return 1;
}

/* One key and value of the root mapping into the shell, or its end (root_done); an `items`
 * sequence is handed over item by item instead (IN_ITEMS). */
static int root_entry(struct yaml_stream *st, struct error *err)
{
	struct yaml_stream_state *s = st->s;
	yaml_event_t k, v;
	if (next_event(st, &k, err))
		return -1;
	if (k.type == YAML_MAPPING_END_EVENT) {
		yaml_event_delete(&k);
		s->phase = OUTSIDE;
		s->root_done = true;
		return end_document(st, err);
	}
	bool items = k.type == YAML_SCALAR_EVENT && strcmp((const char *)k.data.scalar.value, "items") == 0;
	bool kind = k.type == YAML_SCALAR_EVENT && strcmp((const char *)k.data.scalar.value, "kind") == 0;
	int key, value, rc = compose(st, &s->shell, &k, 1, &key, err);
	yaml_event_delete(&k);
	if (rc || next_event(st, &v, err))
		return -1;
	if (items && v.type == YAML_SEQUENCE_START_EVENT) {
		yaml_event_delete(&v);
		s->phase = IN_ITEMS;
		return 0;
	}
	rc = compose(st, &s->shell, &v, 1, &value, err);
	if (!rc && kind && v.type == YAML_SCALAR_EVENT) {
		snprintf(s->kind, sizeof s->kind, "%s", yaml_text(yaml_document_get_node(&s->shell, value)));
		s->kind_known = true;
	}
	yaml_event_delete(&v);
	if (rc)
		return -1;
	return yaml_document_append_mapping_pair(&s->shell, s->shell_root, key, value) ? 0 : out_of_memory(st, err);
}

/* The next item: 1 handed over; 0 when it was kept for later, or the items ended. */
static int next_item(struct yaml_stream *st, struct error *err)
{
	struct yaml_stream_state *s = st->s;
	yaml_event_t e;
	yaml_document_t item;
	int root;
	if (next_event(st, &e, err))
		return -1;
	if (e.type == YAML_SEQUENCE_END_EVENT) {
		yaml_event_delete(&e);
		s->phase = IN_ROOT;
		return 0;
	}
	int rc = new_document(st, &item, err);
	if (!rc && (rc = compose(st, &item, &e, 1, &root, err)))
		yaml_document_delete(&item);
	yaml_event_delete(&e);
	if (rc)
		return -1;
	s->items++;
	yaml_node_t *top = yaml_document_get_node(&item, root);
	if (s->kind_known || (top->type == YAML_MAPPING_NODE && yaml_get(&item, top, "kind"))) {
		hand_over(st, &item, s->kind_known ? s->kind : "");
		return 1;
	}
	if (VEC_RESERVE(s->held, s->cap_held, s->n_held + 1)) {
		yaml_document_delete(&item);
		return out_of_memory(st, err);
	}
	s->held[s->n_held++] = item;
	return 0;
}

int yaml_stream_open(struct yaml_stream *st, const char *path, struct error *err)
{
	memset(st, 0, sizeof *st);
	if (!(st->s = calloc(1, sizeof *st->s)))
		return error_at(err, path, 0, 0, "out of memory");
	if (yaml_reader_open(&st->r, path, err)) {
		free(st->s);
		st->s = NULL;
		return -1;
	}
	return 0;
}

int yaml_stream_next(struct yaml_stream *st, struct error *err)
{
	struct yaml_stream_state *s = st->s;
	for (;;) {
		if (s->root_done && s->next_held < s->n_held) {
			hand_over(st, &s->held[s->next_held++], s->kind_known ? s->kind : "");
			return 1;
		}
		if (s->root_done) {
			s->root_done = s->have_shell = false;
			s->n_held = s->next_held = 0;
			st->items = s->items;
			st->r.documents++;
			hand_over(st, &s->shell, NULL);
			return 1;
		}
		int rc;
		switch (s->phase) {
		case AT_END:
			return 0;
		case OUTSIDE:
			rc = start_document(st, err);
			if (rc <= 1)
				return rc;
			break;
		case IN_ROOT:
			if (root_entry(st, err))
				return -1;
			break;
		case IN_ITEMS:
			rc = next_item(st, err);
			if (rc)
				return rc;
			break;
		}
	}
}

void yaml_stream_release(struct yaml_stream *st)
{
	struct yaml_stream_state *s = st->s;
	if (s) {
		if (s->have_shell)
			yaml_document_delete(&s->shell);
		for (size_t i = s->next_held; i < s->n_held; i++)
			yaml_document_delete(&s->held[i]);
		free(s->held);
		forget_anchors(s);
		free(s->anchors);
		free(s);
	}
	yaml_reader_release(&st->r);
	memset(st, 0, sizeof *st);
}
