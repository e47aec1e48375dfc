#include "sim/load/hier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/dirlist.h"
#include "sim/util/outdir.h"
#include "sim/load/yaml_doc.h"

#define WORKLOAD_PREFIX "openb_pod_list"
#define CONFIG_NAME "simon-config-hier.yaml"

/* One folder's work: its node counter and where the output goes. */
struct hier_run {
	const struct hier_options *o;
	struct hier_result *r;
	struct output_set *out;
	long node_index;
	struct error *err;
};

static int scalar(yaml_document_t *d, const char *text)
{
	return yaml_document_add_scalar(d, NULL, (yaml_char_t *)text, (int)strlen(text), YAML_PLAIN_SCALAR_STYLE);
}

/* The value id under key in mapping map_id, or 0. */
static int find(yaml_document_t *d, int map_id, const char *key)
{
	yaml_node_t *map = yaml_document_get_node(d, map_id);
	yaml_node_t *value = yaml_get(d, map, key);
	return value ? (int)(value - d->nodes.start) + 1 : 0;
}

/* Sets key to a plain scalar in mapping map_id, replacing an existing value. */
static int set(yaml_document_t *d, int map_id, const char *key, const char *value)
{
	int v = scalar(d, value);
	if (!v)
		return -1;
	yaml_node_t *map = yaml_document_get_node(d, map_id);
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		const char *k = yaml_text(yaml_document_get_node(d, p->key));
		if (k && strcmp(k, key) == 0) {
			p->value = v;
			return 0;
		}
	}
	int k = scalar(d, key);
	return k && yaml_document_append_mapping_pair(d, map_id, k, v) ? 0 : -1;
}

/* The mapping under key in map_id, created when absent; 0 when key holds something else or
 * map_id is 0 (no mapping: libyaml asserts on appending to node 0). */
static int child_map(yaml_document_t *d, int map_id, const char *key)
{
	if (!map_id)
		return 0;
	int id = find(d, map_id, key);
	if (id)
		return yaml_document_get_node(d, id)->type == YAML_MAPPING_NODE ? id : 0;
	id = yaml_document_add_mapping(d, NULL, YAML_BLOCK_MAPPING_STYLE);
	int k = scalar(d, key);
	return id && k && yaml_document_append_mapping_pair(d, map_id, k, id) ? id : 0;
}

static int label_node(struct hier_run *h, yaml_document_t *d, const char *path)
{
	int labels = child_map(d, child_map(d, 1, "metadata"), "labels");
	if (!labels)
		return error_at(h->err, path, 0, 0, "Node %ld: metadata or metadata.labels is not a mapping",
				h->node_index);
	char rack[64], server[64];
	snprintf(rack, sizeof rack, "rack-%ld", h->node_index / h->o->servers_per_rack);
	snprintf(server, sizeof server, "srv-%ld", h->node_index % h->o->servers_per_rack);
	if (set(d, labels, "rack", rack) || set(d, labels, "server", server))
		return error_set(h->err, "out of memory");
	h->node_index++;
	h->r->nodes++;
	return 0;
}

static int name_scheduler(struct hier_run *h, yaml_document_t *d, const char *path)
{
	int spec = child_map(d, 1, "spec");
	if (!spec)
		return error_at(h->err, path, 0, 0, "Pod: spec is not a mapping");
	if (set(d, spec, "schedulerName", h->o->scheduler_name))
		return error_set(h->err, "out of memory");
	h->r->pods++;
	return 0;
}

static int transform(struct hier_run *h, yaml_document_t *d, const char *path)
{
	yaml_node_t *root = yaml_root(d);
	if (root->type != YAML_MAPPING_NODE)
		return 0;
	const char *kind = yaml_text(yaml_get(d, root, "kind"));
	if (kind && strcmp(kind, "Node") == 0)
		return label_node(h, d, path);
	if (kind && strcmp(kind, "Pod") == 0)
		return name_scheduler(h, d, path);
	return 0;
}

static int emit_error(struct hier_run *h, const char *path, yaml_emitter_t *e)
{
	return error_at(h->err, path, 0, 0, "cannot write YAML: %s", e->problem ? e->problem : "emitter error");
}

/* Copies one file, transformed, into the output set. */
static int copy_file(struct hier_run *h, const char *in, const char *out_path)
{
	FILE *fp = output_path(h->out, out_path, h->err);
	if (!fp)
		return -1;
	struct yaml_reader r;
	if (yaml_reader_open(&r, in, h->err))
		return -1;
	yaml_emitter_t e;
	yaml_emitter_initialize(&e);
	yaml_emitter_set_output_file(&e, fp);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	int rc = yaml_emitter_open(&e) ? 0 : emit_error(h, out_path, &e);
	int got = 0;
	while (!rc && (got = yaml_reader_next(&r, h->err)) > 0) {
		rc = transform(h, &r.doc, in);
		/* yaml_emitter_dump consumes the document, whether or not it succeeds. */
		r.have_doc = 0;
		if (!rc && !yaml_emitter_dump(&e, &r.doc))
			rc = emit_error(h, out_path, &e);
		else if (rc)
			yaml_document_delete(&r.doc);
	}
	if (!rc && got < 0)
		rc = -1;
	if (!rc && !yaml_emitter_close(&e))
		rc = emit_error(h, out_path, &e);
	yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	yaml_reader_release(&r);
	h->r->files += !rc;
	return rc;
}

static int write_config(struct hier_run *h, const char *folder, const char *name, char **copies, size_t n)
{
	char path[4096];
	FILE *fp = path_join(path, sizeof path, folder, CONFIG_NAME, h->err) ? NULL : output_path(h->out, path, h->err);
	if (!fp)
		return -1;
	fprintf(fp, "# The rack/server copy of %s (written by simon gen-hier), set up as the\n"
		    "# ATC'23 experiments run the traces.\n"
		    "apiVersion: simon/v1alpha1\nkind: Config\nmetadata:\n  name: %s-hier\nspec:\n  cluster:\n"
		    "    customConfig:\n", name, name);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "      - %s\n", copies[i]);
	fprintf(fp, "  customConfig:\n    shufflePod: true\n    workloadTuningConfig:\n      ratio: 1.3\n"
		    "      seed: 42\n    typicalPodsConfig:\n      isInvolvedCpuPods: true\n"
		    "      podPopularityThreshold: 95\n      podIncreaseStep: 1\n");
	return 0;
}

static int copy_name(const char *file, char *out, size_t size)
{
	const char *dot = strrchr(file, '.');
	return snprintf(out, size, "%.*s-hier%s", (int)(dot - file), file, dot) >= (int)size ? -1 : 0;
}

static int do_folder(struct hier_run *h, const char *folder, const char *name)
{
	char **files = NULL, **copies = NULL;
	size_t n = 0, n_copies = 0;
	char target[4096];
	if (!h->o->output_dir)
		snprintf(target, sizeof target, "%s", folder);
	else if (path_join(target, sizeof target, h->o->output_dir, name, h->err) || output_make_dirs(target, h->err))
		return -1;
	if (dirlist(folder, &files, &n, h->err))
		return -1;
	copies = calloc(n ? n : 1, sizeof *copies);
	int rc = copies ? 0 : error_set(h->err, "out of memory");
	h->node_index = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		char in[4096], copy[1024], out[4096];
		if (!has_yaml_suffix(files[i]) || is_hier_copy(files[i]))
			continue;
		if ((rc = path_join(in, sizeof in, folder, files[i], h->err)) || is_dir(in))
			continue;
		if (copy_name(files[i], copy, sizeof copy) || path_join(out, sizeof out, target, copy, h->err))
			rc = error_at(h->err, in, 0, 0, "file name too long");
		if (!rc && !(rc = copy_file(h, in, out)) && !(copies[n_copies++] = strdup(copy)))
			rc = error_set(h->err, "out of memory");
	}
	if (!rc && n_copies == 0)
		rc = error_at(h->err, folder, 0, 0, "no YAML files to copy in this workload folder");
	if (!rc)
		rc = write_config(h, target, name, copies, n_copies);
	if (copies)
		dirlist_free(copies, n_copies);
	dirlist_free(files, n);
	h->r->folders += !rc;
	return rc;
}

int hier_generate(const struct hier_options *o, struct output_set *out, struct hier_result *r, struct error *err)
{
	memset(r, 0, sizeof *r);
	if (o->servers_per_rack <= 0)
		return error_set(err, "servers per rack must be at least 1 (got %ld)", o->servers_per_rack);
	char **entries = NULL;
	size_t n = 0;
	if (dirlist(o->data_dir, &entries, &n, err))
		return -1;
	struct hier_run h = {o, r, out, 0, err};
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		char folder[4096];
		if ((rc = path_join(folder, sizeof folder, o->data_dir, entries[i], err)))
			break;
		if (strncmp(entries[i], WORKLOAD_PREFIX, strlen(WORKLOAD_PREFIX)) == 0 && is_dir(folder))
			rc = do_folder(&h, folder, entries[i]);
	}
	dirlist_free(entries, n);
	if (!rc && r->folders == 0)
		rc = error_at(err, o->data_dir, 0, 0, "no workload folders (" WORKLOAD_PREFIX "_*) here");
	return rc ? -1 : 0;
}
