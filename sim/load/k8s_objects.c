/* k8s_objects.c — Kubernetes Node, Pod and PriorityClass documents into node_spec, pod_spec and
 * priority_class.
 *
 * Node: metadata.name, metadata.labels (alibabacloud.com/gpu-card-model, rack, server),
 * status.allocatable cpu, memory, pods (default 110), alibabacloud.com/gpu-count (<= 16), spec.taints
 * and spec.unschedulable (placement_read.c).
 * PriorityClass: metadata.name, value, globalDefault, preemptionPolicy.
 * Pod: metadata.name, metadata.labels (job-name, or pod-group.scheduling.sigs.k8s.io/name with
 * its min-available, name groups), spec.tolerations and spec.affinity.nodeAffinity
 * (placement_read.c), spec.priority, spec.priorityClassName, spec.preemptionPolicy, simon's
 * pipeline annotations
 * simon.io/pipeline, after, task-type and data-bytes,
 * spec.nodeSelector, spec.containers[*].resources.requests cpu and memory, and the openb annotations
 * alibabacloud.com/gpu-milli, gpu-count, gpu-card-model, gpu-index, creation-time,
 * deletion-time, scheduled-time, qos.  Every rejected value is reported as
 * "file:line:col: <Kind> <name>: <field>: <what was expected>".  O(document) each.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "sim/util/dirlist.h"
#include "sim/util/fnv.h"
#include "sim/util/textfile.h"
#include "sim/util/number.h"
#include "sim/load/placement_read.h"
#include "sim/load/quantity.h"
#include "sim/load/scalar_resources.h"
#include "sim/load/strict.h"
#include "sim/load/workload.h"
#include "sim/load/yaml_doc.h"
#include "sim/load/yaml_field.h"
#include "sim/load/yaml_stream.h"

#define ANNO_GPU_MILLI "alibabacloud.com/gpu-milli"
#define ANNO_GPU_COUNT "alibabacloud.com/gpu-count"
#define ANNO_GPU_MODEL GPU_MODEL_KEY
#define ANNO_GPU_INDEX "alibabacloud.com/gpu-index"
#define ANNO_CREATION "alibabacloud.com/creation-time"
#define ANNO_DELETION "alibabacloud.com/deletion-time"
#define ANNO_SCHEDULED "alibabacloud.com/scheduled-time"
#define ANNO_QOS "alibabacloud.com/qos"
#define ANNO_ASSUME_TIME "alibabacloud.com/assume-time"   /* the reference's bind time: not used */
#define ANNO_REFERENCE_UNSCHEDULED "simon/pod-unscheduled"   /* the reference's snapshot marker */
#define LABEL_RACK "rack"
#define LABEL_SERVER "server"
#define LABEL_JOB "job-name"
#define LABEL_POD_GROUP "pod-group.scheduling.sigs.k8s.io/name"
#define LABEL_POD_GROUP_CRD "scheduling.x-k8s.io/pod-group"
#define LABEL_MIN_AVAILABLE "pod-group.scheduling.sigs.k8s.io/min-available"
/* Bounds where values enter, so that no sum downstream can overflow: a pod asks for at most
 * a node's GPUs (and times are bounded by MAX_TIME). */
#define MAX_GPU_COUNT MAX_GPUS_PER_NODE

#define ALIBABA "alibabacloud.com/"
#define SIMON_IO "simon.io/"
#define ANNO_PIPELINE SIMON_IO "pipeline"
#define ANNO_AFTER SIMON_IO "after"
#define ANNO_TASK_TYPE SIMON_IO "task-type"
#define ANNO_DATA_BYTES SIMON_IO "data-bytes"
#define ANNO_UNSCHEDULED SIMON_IO "unscheduled"
#define LABEL_HOSTNAME "kubernetes.io/hostname"
#define LABEL_GPU_PRODUCT "nvidia.com/gpu.product"
#define RES_NVIDIA_GPU "nvidia.com/gpu"   /* whole GPUs, as the device plugins count them */
#define RES_AMD_GPU "amd.com/gpu"

/* Strictly read: the alibabacloud.com/ keys simon knows, and a container's resources. */
static const struct key_set pod_annotation_keys = {
	.where = "metadata.annotations",
	.known = KEYS(ANNO_GPU_MILLI, ANNO_GPU_COUNT, ANNO_GPU_MODEL, ANNO_GPU_INDEX, ANNO_CREATION, ANNO_DELETION,
		      ANNO_SCHEDULED, ANNO_QOS, ANNO_ASSUME_TIME),
	.prefix = ALIBABA};
/* simon's own pipeline annotations (sim/load/dag.h), as strictly. */
static const struct key_set pod_simon_keys = {
	.where = "metadata.annotations",
	.known = KEYS(ANNO_PIPELINE, ANNO_AFTER, ANNO_TASK_TYPE, ANNO_DATA_BYTES, ANNO_UNSCHEDULED),
	.prefix = SIMON_IO};
static const struct key_set node_label_keys = {.where = "metadata.labels", .known = KEYS(ANNO_GPU_MODEL),
					       .prefix = ALIBABA};
static const struct key_set allocatable_keys = {.where = "status.allocatable",
						.known = KEYS(ANNO_GPU_COUNT, ANNO_GPU_MILLI), .prefix = ALIBABA};
static const struct key_set resources_keys = {.where = "resources", .known = KEYS("requests", "limits", "claims")};

/* Containers of one file that request nothing: one warning per file, naming the first. */
#define MAX_SKIPPED_KINDS 8

struct file_notes {
	size_t count, line;
	const char *first;
	size_t unscheduled;       /* pods a snapshot marks as not run, left out */
	/* Objects of kinds simon does not read, by kind (the first few kinds), for one note. */
	struct {
		char kind[48];
		size_t n;
	} skipped[MAX_SKIPPED_KINDS];
	size_t n_skipped_kinds, skipped_other;
};

static void count_skipped(struct file_notes *m, const char *kind)
{
	for (size_t i = 0; i < m->n_skipped_kinds; i++)
		if (strcmp(m->skipped[i].kind, kind) == 0) {
			m->skipped[i].n++;
			return;
		}
	if (m->n_skipped_kinds == MAX_SKIPPED_KINDS) {
		m->skipped_other++;
		return;
	}
	snprintf(m->skipped[m->n_skipped_kinds].kind, sizeof m->skipped[0].kind, "%s", kind);
	m->skipped[m->n_skipped_kinds++].n = 1;
}

/* "skipping 3 Service, 1 ConfigMap (...)", once per file. */
static void note_skipped(const struct file_notes *m, const char *path)
{
	if (!m->n_skipped_kinds)
		return;
	char kinds[640] = "";
	size_t len = 0;
	for (size_t i = 0; i < m->n_skipped_kinds && len < sizeof kinds; i++) {
		int w = snprintf(kinds + len, sizeof kinds - len, "%s%zu %s", i ? ", " : "", m->skipped[i].n,
				 m->skipped[i].kind);
		len += w > 0 ? (size_t)w : 0;
	}
	fprintf(stderr, "simon: note: %s: skipping %s%s (simon reads Nodes, Pods, PriorityClasses, PodGroups, Deployments, ReplicaSets, "
		"StatefulSets and Jobs)\n",
		path, kinds, m->skipped_other ? " and objects of other kinds" : "");
}

/* The document being read, for lookups and messages. */
struct doc_ctx {
	struct workload *w;
	yaml_document_t *doc;
	const char *path;
	const char *kind;
	const char *name;
	const char *ns;           /* metadata.namespace, NULL for default */
	yaml_node_t *root;
	yaml_node_t *owner;       /* a template's controller (root is its template), else NULL */
	const char *pod_name;     /* the name its controller gives a template's pod */
	struct error *err;
	struct file_notes *missing;
};

static int bad(const struct doc_ctx *c, const yaml_node_t *at, const char *field, const char *what)
{
	const yaml_node_t *where = at ? at : c->root;
	return error_at(c->err, c->path, yaml_line(where), yaml_col(where), "%s %s: %s: %s", c->kind,
			c->name ? c->name : "(unnamed)", field, what);
}

/* The field kit (yaml_field.h) for this document, its messages led by "Kind name: ". */
static const struct yaml_fields *fields(const struct doc_ctx *c, struct yaml_fields *f)
{
	*f = (struct yaml_fields){c->doc, c->path, c->kind, c->name, c->err};
	return f;
}

/* A name as simon knows it within the document's namespace: "ns/name", or the bare name in
 * namespace default (as the openb traces and simon's own files write them), so that two groups
 * or pipelines of one name in two namespaces are two.  NULL when out of memory. */
static const char *in_namespace(const struct doc_ctx *c, const char *name)
{
	if (!c->ns)
		return arena_strdup(&c->w->strings, name);
	size_t n = strlen(c->ns), m = strlen(name);
	char *s = arena_alloc(&c->w->strings, n + m + 2);
	if (s) {
		memcpy(s, c->ns, n);
		s[n] = '/';
		memcpy(s + n + 1, name, m + 1);
	}
	return s;
}

/* The object's metadata.namespace as written (a template's: its controller's), NULL for none. */
static const char *namespace_written(const struct doc_ctx *c)
{
	return yaml_text(yaml_path(c->doc, c->owner ? c->owner : c->root, "metadata.namespace"));
}

/* metadata.namespace, NULL for Kubernetes' default. */
static const char *namespace_of(const struct doc_ctx *c)
{
	const char *ns = namespace_written(c);
	return ns && *ns && strcmp(ns, "default") ? ns : NULL;
}

/* The scalar under key (annotation keys contain dots, so this is no path), or NULL when absent;
 * a non-scalar is an error (*failed set). */
static const char *scalar_at(const struct doc_ctx *c, yaml_node_t *node, const char *path, yaml_node_t **where,
			     int *failed)
{
	struct yaml_fields df;
	const char *text;
	*failed = field_scalar(fields(c, &df), node, path, &text, where);
	return text;
}

static int quantity_field(const struct doc_ctx *c, yaml_node_t *node, const char *path, int milli, int required,
			  int64_t *out)
{
	yaml_node_t *at;
	int failed = 0;
	const char *text = scalar_at(c, node, path, &at, &failed);
	if (failed)
		return -1;
	if (!text) {
		if (required)
			return bad(c, node, path, "missing (expected a quantity such as 64, 64000m or 256Gi)");
		*out = 0;
		return 0;
	}
	const char *why = NULL;
	int r = milli ? quantity_milli(text, out, &why) : quantity_value(text, out, &why);
	if (r) {
		char msg[200];
		snprintf(msg, sizeof msg, "%s (got '%.60s')", why, text);
		return bad(c, at, path, msg);
	}
	return 0;
}

/* A whole number from 0 to max. */
static int integer_field(const struct doc_ctx *c, yaml_node_t *node, const char *path, long long max, long long *out,
			 int *present)
{
	struct yaml_fields df;
	int64_t v = 0;
	bool here;
	int rc = field_integer(fields(c, &df), node, path, 0, max, &v, &here);
	*present = here;
	if (here && !rc)
		*out = v;
	return rc;
}

/* A whole number in int32's range, signed, as Kubernetes' priorities are. */
static int int32_field(const struct doc_ctx *c, yaml_node_t *node, const char *path, int32_t *out, int *present)
{
	struct yaml_fields df;
	int64_t v = 0;
	bool here;
	int rc = field_integer(fields(c, &df), node, path, INT32_MIN, INT32_MAX, &v, &here);
	*present = here;
	if (here && !rc)
		*out = (int32_t)v;
	return rc;
}

/* "a, b,c" into the pod's after[] (names, spaces trimmed); an empty name is an error. */
static int after_field(const struct doc_ctx *c, yaml_node_t *at, struct pod_links *p)
{
	const char *text = yaml_text(at);
	if (!text)
		return bad(c, at, ANNO_AFTER, "expected the names of pods of its pipeline, e.g. 'a, b'");
	uint32_t n = 1;
	for (const char *t = text; *t; t++)
		n += *t == ',';
	p->after = arena_alloc(&c->w->strings, n * sizeof *p->after);
	if (!p->after)
		return error_set(c->err, "out of memory");
	for (const char *t = text;; t++) {
		const char *end = strchr(t, ',');
		size_t len = end ? (size_t)(end - t) : strlen(t);
		while (len && isspace((unsigned char)*t))
			t++, len--;
		while (len && isspace((unsigned char)t[len - 1]))
			len--;
		if (len == 0)
			return bad(c, at, ANNO_AFTER, "an empty name (expected names separated by commas)");
		if (!(p->after[p->n_after++] = arena_strndup(&c->w->strings, t, len)))
			return error_set(c->err, "out of memory");
		if (!end)
			break;
		t = end;
	}
	p->after_line = (uint32_t)yaml_line(at);
	p->after_col = (uint32_t)yaml_col(at);
	return 0;
}

/* simon.io/pipeline, after, task-type and data-bytes; after and data-bytes need a pipeline. */
static int pipeline_fields(const struct doc_ctx *c, yaml_node_t *annos, struct pod_spec *p)
{
	yaml_node_t *pipe = yaml_get(c->doc, annos, ANNO_PIPELINE), *after = yaml_get(c->doc, annos, ANNO_AFTER);
	yaml_node_t *type = yaml_get(c->doc, annos, ANNO_TASK_TYPE);
	yaml_node_t *data = yaml_get(c->doc, annos, ANNO_DATA_BYTES);
	if (!pipe && !after && !type && !data)
		return 0;
	struct pod_links *l = pod_links_of(c->w, p);
	if (!l)
		return error_set(c->err, "out of memory");
	if (pipe && !(yaml_text(pipe) && *yaml_text(pipe)))
		return bad(c, pipe, ANNO_PIPELINE, "expected the pipeline's name");
	if (pipe && !(l->pipeline = in_namespace(c, yaml_text(pipe))))
		return error_set(c->err, "out of memory");
	if (after && !pipe)
		return bad(c, after, ANNO_AFTER, "given without " ANNO_PIPELINE " (the pipeline its names belong to)");
	if (after && after_field(c, after, l))
		return -1;
	if (type && !(yaml_text(type) && *yaml_text(type)))
		return bad(c, type, ANNO_TASK_TYPE, "expected a task type, e.g. training");
	if (type && !(l->task_type = arena_strdup(&c->w->strings, yaml_text(type))))
		return error_set(c->err, "out of memory");
	return data ? quantity_field(c, annos, ANNO_DATA_BYTES, 0, 0, &l->data_bytes) : 0;
}

/* The pod's job: the coscheduling plugin's pod-group label, else job-name; and the group's
 * min-available label (a whole number from 1), 0 when not written. */
static int job_labels(const struct doc_ctx *c, yaml_node_t *labels, struct pod_spec *p)
{
	yaml_node_t *crd = yaml_get(c->doc, labels, LABEL_POD_GROUP_CRD), *group = yaml_get(c->doc, labels, LABEL_POD_GROUP);
	yaml_node_t *job = yaml_get(c->doc, labels, LABEL_JOB);
	const char *name = yaml_text(crd) && *yaml_text(crd)	     ? yaml_text(crd)
			   : yaml_text(group) && *yaml_text(group) ? yaml_text(group)
								   : yaml_text(job);
	if (name && *name && !(p->job_name = in_namespace(c, name)))
		return error_set(c->err, "out of memory");
	if (name && name == yaml_text(crd)) {   /* the PodGroup it names must be there (workload.h) */
		struct pod_links *l = pod_links_of(c->w, p);
		if (!l)
			return error_set(c->err, "out of memory");
		l->names_pod_group = true;
		l->group_line = (uint32_t)yaml_line(crd);
		l->group_col = (uint32_t)yaml_col(crd);
	}
	yaml_node_t *min = yaml_get(c->doc, labels, LABEL_MIN_AVAILABLE);
	if (!min)
		return 0;
	int64_t v;
	if (number_integer(yaml_text(min), 1, 1000000, &v))
		return bad(c, min, LABEL_MIN_AVAILABLE, "expected a whole number from 1 to 1000000");
	if (!p->job_name)
		return bad(c, min, LABEL_MIN_AVAILABLE, "given without a " LABEL_POD_GROUP " or " LABEL_JOB " label");
	struct pod_links *l = pod_links_of(c->w, p);
	if (!l)
		return error_set(c->err, "out of memory");
	l->min_available = (int32_t)v;
	l->min_line = (uint32_t)yaml_line(min);
	l->min_col = (uint32_t)yaml_col(min);
	return 0;
}

static int labels_field(const struct doc_ctx *c, yaml_node_t *map, const char *field, const struct label **out,
			size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	if (!map)
		return 0;
	if (map->type != YAML_MAPPING_NODE)
		return bad(c, map, field, "expected a mapping of key: value");
	size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
	struct label *labels = arena_alloc(&c->w->strings, n * sizeof *labels + 1);
	if (!labels)
		return bad(c, map, field, "out of memory");
	size_t i = 0;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++, i++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
		if (!yaml_text(k) || !yaml_text(v))
			return bad(c, v ? v : k, field, "expected string keys and values");
		labels[i].key = arena_strdup(&c->w->strings, yaml_text(k));
		labels[i].value = arena_strdup(&c->w->strings, yaml_text(v));
		if (!labels[i].key || !labels[i].value)
			return bad(c, map, field, "out of memory");
	}
	*out = labels;
	*n_out = n;
	return 0;
}

/* Kubernetes labels every node kubernetes.io/hostname with its name; a node written without
 * that label gets it, so that a pod pinned by it (a snapshot's) finds its node. */
static int hostname_label(struct doc_ctx *c, struct node_spec *n)
{
	for (size_t i = 0; i < n->n_labels; i++)
		if (strcmp(n->labels[i].key, LABEL_HOSTNAME) == 0)
			return 0;
	struct label *labels = arena_alloc(&c->w->strings, (n->n_labels + 1) * sizeof *labels);
	if (!labels)
		return error_set(c->err, "out of memory");
	if (n->n_labels)
		memcpy(labels, n->labels, n->n_labels * sizeof *labels);
	labels[n->n_labels++] = (struct label){LABEL_HOSTNAME, n->name};
	n->labels = labels;
	return 0;
}

static const char *name_of(struct doc_ctx *c)
{
	yaml_node_t *at;
	int failed = 0;
	const char *name = scalar_at(c, yaml_get(c->doc, c->root, "metadata"), "name", &at, &failed);
	if (failed)
		return NULL;
	if (!name || !*name) {
		bad(c, yaml_get(c->doc, c->root, "metadata"), "metadata.name", "missing (every object needs a name)");
		return NULL;
	}
	c->name = arena_strdup(&c->w->strings, name);
	return c->name;
}

/* Whether node is a non-empty list or mapping, or a scalar other than empty, false, null. */
static bool given(const yaml_node_t *node)
{
	if (!node)
		return false;
	if (node->type == YAML_SEQUENCE_NODE)
		return node->data.sequence.items.top > node->data.sequence.items.start;
	if (node->type == YAML_MAPPING_NODE)
		return node->data.mapping.pairs.top > node->data.mapping.pairs.start;
	const char *t = yaml_text(node);
	return t && *t && strcmp(t, "false") && strcmp(t, "null") && strcmp(t, "~");
}

/* Whether an item of list has key: value. */
static bool any_item_is(struct doc_ctx *c, yaml_node_t *list, const char *key, const char *value)
{
	for (yaml_node_item_t *it = list->type == YAML_SEQUENCE_NODE ? list->data.sequence.items.start : NULL;
	     it && it < list->data.sequence.items.top; it++) {
		const char *text = yaml_text(yaml_get(c->doc, yaml_document_get_node(c->doc, *it), key));
		if (text && strcmp(text, value) == 0)
			return true;
	}
	return false;
}

/* Whether an item of list at path holds key (a container's ports' hostPort: "ports", ...). */
static bool any_item_has(struct doc_ctx *c, yaml_node_t *list, const char *inner, const char *key)
{
	for (yaml_node_item_t *it = list && list->type == YAML_SEQUENCE_NODE ? list->data.sequence.items.start : NULL;
	     it && it < list->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(c->doc, *it);
		if (!inner && given(yaml_get(c->doc, item, key)))
			return true;
		if (inner && any_item_has(c, yaml_get(c->doc, item, inner), NULL, key))
			return true;
	}
	return false;
}

/* Counts the fields of this pod that would change where or when it runs and that simon does not
 * model yet (workload.h's enum unmodelled). */
static void count_unmodelled_pod(struct doc_ctx *c)
{
	yaml_node_t *spec = yaml_get(c->doc, c->root, "spec");
	bool has[N_UNMODELLED] = {
		[UM_HOST_PORTS] = any_item_has(c, yaml_get(c->doc, spec, "containers"), "ports", "hostPort") ||
				  any_item_has(c, yaml_get(c->doc, spec, "initContainers"), "ports", "hostPort"),
		[UM_VOLUME_CLAIMS] = any_item_has(c, yaml_get(c->doc, spec, "volumes"), NULL, "persistentVolumeClaim"),
		[UM_RESOURCE_CLAIMS] = given(yaml_get(c->doc, spec, "resourceClaims")),
	};
	for (int u = 0; u < N_UNMODELLED; u++)
		c->w->unmodelled[u] += has[u];
}

static int load_node(struct doc_ctx *c)
{
	struct node_spec *n = workload_add_node(c->w);
	if (!n)
		return error_set(c->err, "out of memory");
	if (!(n->name = name_of(c)))
		return -1;
	n->file = c->path;
	n->line = yaml_line(c->root);
	yaml_node_t *alloc = yaml_path(c->doc, c->root, "status.allocatable");
	if (!alloc || alloc->type != YAML_MAPPING_NODE)
		return bad(c, alloc, "status.allocatable", "missing (expected cpu, memory and optional pods and GPUs)");
	long long v;
	int present;
	if (check_keys(c->doc, alloc, c->path, &allocatable_keys, c->err) ||
	    check_keys(c->doc, yaml_path(c->doc, c->root, "metadata.labels"), c->path, &node_label_keys, c->err))
		return -1;
	struct yaml_fields f;
	if (quantity_field(c, alloc, "cpu", 1, 1, &n->cpu_milli) ||
	    quantity_field(c, alloc, "memory", 0, 1, &n->mem_bytes) || node_scalars_read(fields(c, &f), alloc, c->w, n))
		return -1;
	/* status.capacity, for the reference's node snapshot (0 where it says nothing). */
	yaml_node_t *capacity = yaml_path(c->doc, c->root, "status.capacity");
	if (quantity_field(c, capacity, "cpu", 1, 0, &n->capacity_cpu_milli) ||
	    quantity_field(c, capacity, "memory", 0, 0, &n->capacity_mem_bytes))
		return -1;
	if (integer_field(c, alloc, "pods", 1000000, &v, &present))
		return -1;
	n->max_pods = present ? (int32_t)v : DEFAULT_MAX_PODS;
	if (integer_field(c, alloc, ANNO_GPU_COUNT, MAX_GPUS_PER_NODE, &v, &present))
		return -1;
	n->gpu_count = present ? (int)v : 0;
	/* Kubernetes' device plugins' form, where the Alibaba count is absent: whole GPUs. */
	static const char *const devices[] = {RES_NVIDIA_GPU, RES_AMD_GPU};
	for (size_t k = 0; !present && k < sizeof devices / sizeof devices[0]; k++) {
		int here;
		if (integer_field(c, alloc, devices[k], MAX_GPUS_PER_NODE - n->gpu_count, &v, &here))
			return -1;
		n->gpu_count += here ? (int)v : 0;
	}
	/* The openb nodes also give their total milli; it must agree with the count. */
	if (integer_field(c, alloc, ANNO_GPU_MILLI, MAX_GPUS_PER_NODE * GPU_MILLI, &v, &present))
		return -1;
	if (present && v != (long long)n->gpu_count * GPU_MILLI)
		return bad(c, yaml_get(c->doc, alloc, ANNO_GPU_MILLI), ANNO_GPU_MILLI,
			   "disagrees with " ANNO_GPU_COUNT " (expected 1000 per GPU)");
	yaml_node_t *labels = yaml_path(c->doc, c->root, "metadata.labels");
	if (labels_field(c, labels, "metadata.labels", &n->labels, &n->n_labels) || hostname_label(c, n))
		return -1;
	for (size_t i = 0; i < n->n_labels; i++) {
		const char *key = n->labels[i].key, *value = n->labels[i].value;
		if (!*value)
			continue;
		if (strcmp(key, LABEL_SERVER) == 0)
			n->server = value;
		if (strcmp(key, LABEL_RACK) == 0 && (n->rack = workload_rack(c->w, value)) < 0)
			return error_set(c->err, "out of memory");
		if (strcmp(key, ANNO_GPU_MODEL) == 0 && (n->model = workload_model(c->w, value)) < 0)
			return bad(c, labels, "metadata.labels", "more than 64 distinct GPU models");
	}
	/* GPU feature discovery's product label names the model where the Alibaba label is absent. */
	const char *product = n->model < 0 ? node_label(n, LABEL_GPU_PRODUCT) : NULL;
	if (product && *product && (n->model = workload_model(c->w, product)) < 0)
		return bad(c, labels, "metadata.labels", "more than 64 distinct GPU models");
	return node_placement_read(fields(c, &f), yaml_get(c->doc, c->root, "spec"), c->w, n);
}

/* Exactly n digits at *p, a number from lo to hi; *p moves past them.  0, or -1. */
static int digits(const char **p, int n, int lo, int hi, int *out)
{
	int v = 0;
	for (int k = 0; k < n; k++, ++*p) {
		if (!isdigit((unsigned char)**p))
			return -1;
		v = v * 10 + (**p - '0');
	}
	*out = v;
	return v >= lo && v <= hi ? 0 : -1;
}

/* Whether *p is one of the characters in `any` (moving past it). */
static bool sep(const char **p, const char *any)
{
	if (!**p || !strchr(any, **p))
		return false;
	++*p;
	return true;
}

/* Integer seconds, as the openb traces carry them, or RFC 3339 as the reference reads them. */
static int parse_time(const char *text, int64_t *out)
{
	int64_t secs;
	enum number_status st = number_integer(text, 0, INT64_MAX, &secs);   /* time_field bounds it */
	if (st == NUMBER_OK) {
		*out = secs;
		return 0;
	}
	if (st == NUMBER_RANGE)
		return -1;   /* negative, or past 64 bits */
	/* YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM), each field its digits exactly and in its range
	 * (timegm would carry a 13th month into the next year in silence). */
	struct tm tm = {0};
	const char *p = text;
	if (digits(&p, 4, 0, 9999, &tm.tm_year) || !sep(&p, "-") || digits(&p, 2, 1, 12, &tm.tm_mon) || !sep(&p, "-") ||
	    digits(&p, 2, 1, 31, &tm.tm_mday) || !sep(&p, "Tt") || digits(&p, 2, 0, 23, &tm.tm_hour) || !sep(&p, ":") ||
	    digits(&p, 2, 0, 59, &tm.tm_min) || !sep(&p, ":") || digits(&p, 2, 0, 60, &tm.tm_sec))
		return -1;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	long offset = 0;
	int hh, mm;
	if (sep(&p, "Zz")) {
		;
	} else if (*p == '+' || *p == '-') {
		long sign = *p++ == '-' ? -1 : 1;
		if (digits(&p, 2, 0, 23, &hh) || !sep(&p, ":") || digits(&p, 2, 0, 59, &mm))
			return -1;
		offset = sign * (hh * 3600L + mm * 60L);
	} else {
		return -1;
	}
	if (*p)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = (int64_t)timegm(&tm) - offset;
	return 0;
}

static int time_field(const struct doc_ctx *c, yaml_node_t *annos, const char *key, int64_t *out)
{
	yaml_node_t *at = yaml_get(c->doc, annos, key);
	if (!at)
		return 0;
	const char *text = yaml_text(at);
	if (!text || parse_time(text, out))
		return bad(c, at, key, "expected whole seconds (e.g. '427061') or an RFC 3339 time");
	if (*out > MAX_TIME || *out < -MAX_TIME)
		return bad(c, at, key, "out of range (at most 10^12 seconds from 1970)");
	return 0;
}

/* An RFC 3339 time of Kubernetes' own (metadata.creationTimestamp, status.startTime, ...) at
 * path under node into *out, unless *out is already set (the Alibaba annotations take
 * precedence); keep_earliest/latest pick among several.  Absent: unchanged. */
enum pick { PICK_ANY, PICK_EARLIEST, PICK_LATEST };
static int k8s_time(const struct doc_ctx *c, yaml_node_t *node, const char *path, enum pick pick, int64_t *out)
{
	yaml_node_t *at = yaml_path(c->doc, node, path);
	const char *text = yaml_text(at);
	if (!at || (text && !*text))
		return 0;
	int64_t t;
	if (!text || parse_time(text, &t) || t > MAX_TIME || t < -MAX_TIME)
		return bad(c, at, path, "expected an RFC 3339 time, e.g. 2026-11-30T08:00:00Z");
	if (*out == TIME_NONE || (pick == PICK_EARLIEST && t < *out) || (pick == PICK_LATEST && t > *out))
		*out = t;
	return 0;
}

/* A finished pod's recorded run: its containers' earliest state.terminated.startedAt to their
 * latest finishedAt (each absent one leaving the other as it is).  O(containers). */
static int recorded_run(struct doc_ctx *c, int64_t *start, int64_t *finish)
{
	yaml_node_t *statuses = yaml_path(c->doc, c->root, "status.containerStatuses");
	for (yaml_node_item_t *it = statuses && statuses->type == YAML_SEQUENCE_NODE ? statuses->data.sequence.items.start
										    : NULL;
	     it && it < statuses->data.sequence.items.top; it++) {
		yaml_node_t *s = yaml_document_get_node(c->doc, *it);
		if (k8s_time(c, s, "state.terminated.startedAt", PICK_EARLIEST, start) ||
		    k8s_time(c, s, "state.terminated.finishedAt", PICK_LATEST, finish))
			return -1;
	}
	return k8s_time(c, c->root, "status.startTime", PICK_ANY, start);
}

/* "Kind/namespace/name" (struct controller's key) of the first len bytes of name, in the
 * document's namespace; NULL when out of memory. */
static const char *controller_key(const struct doc_ctx *c, const char *kind, const char *name, size_t len)
{
	const char *ns = c->ns;
	size_t k = strlen(kind), m = ns ? strlen(ns) + 1 : 0;
	char *key = arena_alloc(&c->w->strings, k + m + len + 2);
	if (!key)
		return NULL;
	memcpy(key, kind, k);
	key[k] = '/';
	if (ns) {
		memcpy(key + k + 1, ns, m - 1);
		key[k + m] = '/';
	}
	memcpy(key + k + 1 + m, name, len);
	key[k + 1 + m + len] = '\0';
	return key;
}

/* The controller a Pod's ownerReferences name (the one marked controller: true, else the
 * first), as struct controller's key: a ReplicaSet a Deployment made (its name the
 * Deployment's and the pod's pod-template-hash) stands for that Deployment. */
static int owner_of(struct doc_ctx *c, struct pod_spec *p)
{
	yaml_node_t *refs = yaml_path(c->doc, c->root, "metadata.ownerReferences"), *ref = NULL;
	for (yaml_node_item_t *it = refs && refs->type == YAML_SEQUENCE_NODE ? refs->data.sequence.items.start : NULL;
	     it && it < refs->data.sequence.items.top; it++) {
		yaml_node_t *r = yaml_document_get_node(c->doc, *it);
		const char *controller = yaml_text(yaml_get(c->doc, r, "controller"));
		if (!ref || (controller && strcmp(controller, "true") == 0))
			ref = r;
	}
	const char *kind = yaml_text(yaml_get(c->doc, ref, "kind")), *name = yaml_text(yaml_get(c->doc, ref, "name"));
	if (!kind || !name || !*kind || !*name)
		return 0;
	const char *hash = yaml_text(yaml_get(c->doc, yaml_path(c->doc, c->root, "metadata.labels"), "pod-template-hash"));
	size_t n = strlen(name), h = hash ? strlen(hash) : 0;
	bool from_deployment = strcmp(kind, "ReplicaSet") == 0 && h && n > h + 1 && name[n - h - 1] == '-' &&
			       strcmp(name + n - h, hash) == 0;
	p->owner = from_deployment ? controller_key(c, "Deployment", name, n - h - 1) : controller_key(c, kind, name, n);
	return p->owner ? 0 : error_set(c->err, "out of memory");
}

/* Kubernetes' record of the pod's life, where the Alibaba annotations give none: it was created
 * at metadata.creationTimestamp; bound to spec.nodeName, it runs there from status.startTime;
 * finished (phase Succeeded or Failed), it ran its recorded run and holds nothing now. */
static int life_fields(struct doc_ctx *c, yaml_node_t *annos, struct pod_spec *p)
{
	const char *phase = yaml_text(yaml_path(c->doc, c->root, "status.phase"));
	p->finished = phase && (strcmp(phase, "Succeeded") == 0 || strcmp(phase, "Failed") == 0);
	/* A template's pods are made when their controller is. */
	if (k8s_time(c, c->owner ? c->owner : c->root, "metadata.creationTimestamp", PICK_ANY, &p->creation))
		return -1;
	int64_t start = TIME_NONE, finish = TIME_NONE;
	if (p->finished ? recorded_run(c, &start, &finish) : k8s_time(c, c->root, "status.startTime", PICK_ANY, &start))
		return -1;
	if (start != TIME_NONE && finish != TIME_NONE && finish < start)
		return bad(c, yaml_path(c->doc, c->root, "status.containerStatuses"), "state.terminated.finishedAt",
			   "earlier than its startedAt");
	if (!yaml_get(c->doc, annos, ANNO_SCHEDULED))
		p->scheduled = start;
	if (!yaml_get(c->doc, annos, ANNO_DELETION))
		p->deletion = finish;
	yaml_node_t *at;
	int failed = 0;
	const char *node = scalar_at(c, yaml_get(c->doc, c->root, "spec"), "nodeName", &at, &failed);
	if (failed)
		return -1;
	if (!node || !*node || p->finished)
		return 0;
	if (!(p->node_name = arena_strdup(&c->w->strings, node)))
		return error_set(c->err, "out of memory");
	p->node_name_line = (uint32_t)yaml_line(at);
	p->node_name_col = (uint32_t)yaml_col(at);
	return 0;
}

/* "0-1" or "3": the devices a pod was pinned to. */
static int gpu_index_field(const struct doc_ctx *c, yaml_node_t *annos, uint32_t *mask)
{
	yaml_node_t *at = yaml_get(c->doc, annos, ANNO_GPU_INDEX);
	*mask = 0;
	if (!at)
		return 0;
	const char *s = yaml_text(at);
	while (s && isdigit((unsigned char)*s)) {
		int id = 0;
		while (isdigit((unsigned char)*s) && id < 100)
			id = id * 10 + (*s++ - '0');
		if (id >= MAX_GPUS_PER_NODE)
			break;
		*mask |= 1u << id;
		if (!*s)
			return 0;
		if (*s++ != '-')
			break;
	}
	return bad(c, at, ANNO_GPU_INDEX, "expected device indices below 16 joined by '-', e.g. '0-1'");
}

static int model_field(const struct doc_ctx *c, yaml_node_t *annos, struct pod_spec *p)
{
	yaml_node_t *at = yaml_get(c->doc, annos, ANNO_GPU_MODEL);
	const char *spec = yaml_text(at);
	if (at && !spec)
		return bad(c, at, ANNO_GPU_MODEL, "expected models joined by '|', e.g. 'V100M16|V100M32'");
	if (!spec || !*spec)
		return 0;
	if (!(p->model_spec = arena_strdup(&c->w->strings, spec)))
		return error_set(c->err, "out of memory");
	if (workload_model_mask(c->w, spec, &p->model_mask))
		return bad(c, at, ANNO_GPU_MODEL, "more than 64 distinct GPU models");
	return 0;
}

/* The effective request, as kube-scheduler computes it (Kubernetes' pod resource helpers):
 * per resource, the sum over the containers, or the largest init container with the sidecars
 * (init containers with restartPolicy: Always) started before it, whichever is larger; the
 * sidecars also add to the sum; then spec.overhead.  A container's missing request defaults
 * to its limit, as the API server's defaulting fills it.  Whole devices (nvidia.com/gpu,
 * amd.com/gpu) count alike.  O(containers). */
struct demand {
	int64_t cpu, mem, devices;
	int64_t nonzero_cpu, nonzero_mem;  /* with kube-scheduler's defaults where none is asked */
	unsigned vendors;             /* bit k: kinds[k] of devices_of asked for */
	int64_t scalar[MAX_SCALARS];  /* by the workload's slots */
};

/* One quantity of a container: its request, else its limit. */
static int request_or_limit(struct doc_ctx *c, yaml_node_t *req, yaml_node_t *lim, const char *key, int milli,
			    int64_t *out)
{
	return quantity_field(c, yaml_get(c->doc, req, key) ? req : lim, key, milli, 0, out);
}

static int devices_of(struct doc_ctx *c, yaml_node_t *req, yaml_node_t *lim, int64_t *out, unsigned *vendors)
{
	static const char *const kinds[] = {RES_NVIDIA_GPU, RES_AMD_GPU};
	*out = 0;
	*vendors = 0;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		long long v = 0;
		int present;
		yaml_node_t *from = yaml_get(c->doc, req, kinds[k]) ? req : lim;
		if (integer_field(c, from, kinds[k], MAX_GPU_COUNT, &v, &present))
			return -1;
		*out += v;
		*vendors |= (v > 0) << k;
	}
	return 0;
}

static int container_demand(struct doc_ctx *c, yaml_node_t *container, struct demand *d)
{
	yaml_node_t *resources = yaml_get(c->doc, container, "resources");
	if (check_keys(c->doc, resources, c->path, &resources_keys, c->err))
		return -1;
	yaml_node_t *req = yaml_get(c->doc, resources, "requests"), *lim = yaml_get(c->doc, resources, "limits");
	if (!req && !lim && c->missing->count++ == 0) {
		c->missing->first = c->name;
		c->missing->line = yaml_line(container);
	}
	struct yaml_fields f;
	if (request_or_limit(c, req, lim, "cpu", 1, &d->cpu) || request_or_limit(c, req, lim, "memory", 0, &d->mem) ||
	    devices_of(c, req, lim, &d->devices, &d->vendors) || container_scalars_read(fields(c, &f), req, lim, c->w, d->scalar))
		return -1;
	bool cpu = yaml_get(c->doc, req, "cpu") || yaml_get(c->doc, lim, "cpu");
	bool mem = yaml_get(c->doc, req, "memory") || yaml_get(c->doc, lim, "memory");
	d->nonzero_cpu = cpu ? d->cpu : DEFAULT_NONZERO_CPU;
	d->nonzero_mem = mem ? d->mem : DEFAULT_NONZERO_MEM;
	return 0;
}

/* sum += d; each term is bounded, so only the sum can pass its bound. */
static int add_demand(struct doc_ctx *c, yaml_node_t *at, struct demand *sum, const struct demand *d)
{
	if (d->cpu > INT64_MAX - sum->cpu || d->mem > INT64_MAX - sum->mem || d->devices > MAX_GPU_COUNT - sum->devices ||
	    d->nonzero_cpu > INT64_MAX - sum->nonzero_cpu || d->nonzero_mem > INT64_MAX - sum->nonzero_mem)
		return bad(c, at, "resources.requests", "sum of container requests too large");
	for (int k = 0; k < MAX_SCALARS; k++)
		if (d->scalar[k] > INT64_MAX - sum->scalar[k])
			return bad(c, at, "resources.requests", "sum of container requests too large");
	sum->cpu += d->cpu;
	sum->mem += d->mem;
	sum->nonzero_cpu += d->nonzero_cpu;
	sum->nonzero_mem += d->nonzero_mem;
	sum->devices += d->devices;
	sum->vendors |= d->vendors;
	for (int k = 0; k < MAX_SCALARS; k++)
		sum->scalar[k] += d->scalar[k];
	return 0;
}

static void max_demand(struct demand *m, const struct demand *d)
{
	m->cpu = d->cpu > m->cpu ? d->cpu : m->cpu;
	m->mem = d->mem > m->mem ? d->mem : m->mem;
	m->nonzero_cpu = d->nonzero_cpu > m->nonzero_cpu ? d->nonzero_cpu : m->nonzero_cpu;
	m->nonzero_mem = d->nonzero_mem > m->nonzero_mem ? d->nonzero_mem : m->nonzero_mem;
	m->devices = d->devices > m->devices ? d->devices : m->devices;
	m->vendors |= d->vendors;
	for (int k = 0; k < MAX_SCALARS; k++)
		m->scalar[k] = d->scalar[k] > m->scalar[k] ? d->scalar[k] : m->scalar[k];
}

static yaml_node_t *container_list(struct doc_ctx *c, const char *path, int required, int *failed)
{
	yaml_node_t *list = yaml_path(c->doc, c->root, path);
	*failed = 0;
	if ((list || required) && (!list || list->type != YAML_SEQUENCE_NODE))
		*failed = bad(c, list, path, "missing (expected a list of containers)");
	return *failed ? NULL : list;
}

/* The init containers' part: the largest of them, each with the sidecars before it; the
 * sidecars also add to *sum. */
static int init_demand(struct doc_ctx *c, struct demand *sum, struct demand *largest)
{
	int failed;
	yaml_node_t *inits = container_list(c, "spec.initContainers", 0, &failed);
	struct demand sidecars = {0};
	*largest = sidecars;
	for (yaml_node_item_t *it = inits ? inits->data.sequence.items.start : NULL;
	     inits && it < inits->data.sequence.items.top; it++) {
		yaml_node_t *container = yaml_document_get_node(c->doc, *it);
		struct demand d;
		if (container_demand(c, container, &d))
			return -1;
		const char *restart = yaml_text(yaml_get(c->doc, container, "restartPolicy"));
		if (restart && strcmp(restart, "Always") == 0) {
			if (add_demand(c, container, sum, &d) || add_demand(c, container, &sidecars, &d))
				return -1;
			d = sidecars;
		} else if (add_demand(c, container, &d, &sidecars)) {
			return -1;
		}
		max_demand(largest, &d);
	}
	return failed;
}

/* The pod's nonzero scalar requests, in slot order. */
static int keep_scalars(struct doc_ctx *c, struct pod_spec *p, const int64_t *amount)
{
	int n = 0;
	for (int k = 0; k < MAX_SCALARS; k++)
		n += amount[k] != 0;
	if (!n)
		return 0;
	struct resource_amount *out = arena_alloc(&c->w->strings, (size_t)n * sizeof *out);
	if (!out)
		return error_set(c->err, "out of memory");
	p->scalars = out;
	for (int k = 0; k < MAX_SCALARS; k++)
		if (amount[k])
			out[p->n_scalars++] = (struct resource_amount){c->w->scalar_names[k], amount[k], k};
	return 0;
}

static int requests(struct doc_ctx *c, struct pod_spec *p, int64_t *devices)
{
	int failed;
	yaml_node_t *containers = container_list(c, "spec.containers", 1, &failed);
	if (failed)
		return -1;
	struct demand sum = {0}, init;
	for (yaml_node_item_t *it = containers->data.sequence.items.start; it < containers->data.sequence.items.top;
	     it++) {
		yaml_node_t *container = yaml_document_get_node(c->doc, *it);
		struct demand d;
		if (container_demand(c, container, &d) || add_demand(c, container, &sum, &d))
			return -1;
	}
	if (init_demand(c, &sum, &init))
		return -1;
	max_demand(&sum, &init);
	yaml_node_t *overhead = yaml_path(c->doc, c->root, "spec.overhead");
	struct demand extra = {0};
	if (quantity_field(c, overhead, "cpu", 1, 0, &extra.cpu) || quantity_field(c, overhead, "memory", 0, 0, &extra.mem))
		return -1;
	extra.nonzero_cpu = extra.cpu;
	extra.nonzero_mem = extra.mem;
	if (add_demand(c, overhead, &sum, &extra))
		return -1;
	p->cpu_milli = sum.cpu;
	p->mem_bytes = sum.mem;
	p->nonzero_cpu = sum.nonzero_cpu;
	p->nonzero_mem = sum.nonzero_mem;
	p->nonzero_read = true;
	*devices = sum.devices;
	/* The name NodeResourcesFit would give a shortage of these GPUs. */
	p->gpu_resource = sum.vendors & 1 ? GPU_RES_NVIDIA : sum.vendors & 2 ? GPU_RES_AMD : GPU_RES_ALIBABA;
	return keep_scalars(c, p, sum.scalar);
}

/* The GPUs: the Alibaba annotations where present (the openb traces' form), else the whole
 * devices the containers ask for (1000 milli each); both must then agree on the count. */
static int gpu_request(struct doc_ctx *c, yaml_node_t *annos, int64_t devices, struct pod_spec *p)
{
	long long count = 0;
	int has_count, has_milli;
	if (integer_field(c, annos, ANNO_GPU_COUNT, MAX_GPU_COUNT, &count, &has_count))
		return -1;
	if (has_count && devices && devices != count)
		return bad(c, yaml_get(c->doc, annos, ANNO_GPU_COUNT), ANNO_GPU_COUNT,
			   "disagrees with the containers' " RES_NVIDIA_GPU " (or " RES_AMD_GPU ") request");
	if (!has_count && devices && !yaml_get(c->doc, annos, ANNO_GPU_MILLI)) {
		p->gpu_count = (int)devices;
		p->gpu_milli = GPU_MILLI;
		return 0;
	}
	int64_t milli = 0;
	has_milli = yaml_get(c->doc, annos, ANNO_GPU_MILLI) != NULL;
	if (has_milli && quantity_field(c, annos, ANNO_GPU_MILLI, 0, 1, &milli))
		return -1;
	yaml_node_t *at = yaml_get(c->doc, annos, has_milli ? ANNO_GPU_MILLI : ANNO_GPU_COUNT);
	const char *why = pod_gpus_invalid(count, milli, has_milli);
	if (why)
		return bad(c, at, has_milli ? ANNO_GPU_MILLI : ANNO_GPU_COUNT, why);
	p->gpu_count = (int)count;
	p->gpu_milli = (int)milli;
	return 0;
}

/* The creation time as written, kept when it is not its seconds written plainly (the
 * reference's snapshots copy the text). */
static int creation_text(struct doc_ctx *c, yaml_node_t *annos, struct pod_spec *p)
{
	const char *text = yaml_text(yaml_get(c->doc, annos, ANNO_CREATION));
	char plain[32];
	if (!text)
		return 0;
	snprintf(plain, sizeof plain, "%lld", (long long)p->creation);
	if (strcmp(text, plain) == 0)
		return 0;
	struct pod_links *l = pod_links_of(c->w, p);
	if (!l || !(l->creation_text = arena_strdup(&c->w->strings, text)))
		return error_set(c->err, "out of memory");
	return 0;
}

/* metadata.namespace and the first container's image, each interned. */
static int names_of(struct doc_ctx *c, struct pod_spec *p)
{
	struct workload *w = c->w;
	const char *ns = namespace_written(c);
	yaml_node_t *containers = yaml_path(c->doc, c->root, "spec.containers");
	yaml_node_t *first = containers && containers->type == YAML_SEQUENCE_NODE &&
					     containers->data.sequence.items.start < containers->data.sequence.items.top
				     ? yaml_document_get_node(c->doc, *containers->data.sequence.items.start)
				     : NULL;
	const char *image = yaml_text(yaml_get(c->doc, first, "image"));
	if (ns && *ns && (p->namespace_id = workload_intern(w, &w->namespaces, &w->n_namespaces, &w->cap_namespaces, ns)) < 0)
		return error_set(c->err, "out of memory");
	if (image && *image && (p->image_id = workload_intern(w, &w->images, &w->n_images, &w->cap_images, image)) < 0)
		return error_set(c->err, "out of memory");
	return 0;
}

static int load_pod(struct doc_ctx *c)
{
	/* A snapshot's pod that did not run is no part of the state it records: the reference's
	 * marker, or the one simon wrote before it wrote the reference's. */
	yaml_node_t *marks = yaml_path(c->doc, c->root, "metadata.annotations");
	const char *unscheduled = yaml_text(yaml_get(c->doc, marks, ANNO_REFERENCE_UNSCHEDULED));
	if (!unscheduled)
		unscheduled = yaml_text(yaml_get(c->doc, marks, ANNO_UNSCHEDULED));
	if (unscheduled && strcmp(unscheduled, "true") == 0) {
		c->missing->unscheduled++;
		return 0;
	}
	struct pod_spec *p = workload_add_pod(c->w);
	if (!p)
		return error_set(c->err, "out of memory");
	if (!(p->name = c->pod_name ? c->pod_name : name_of(c)))
		return -1;
	c->ns = namespace_of(c);
	if (!c->owner && owner_of(c, p))
		return -1;
	p->file = c->path;
	p->line = yaml_line(c->root);
	count_unmodelled_pod(c);
	yaml_node_t *annos = yaml_path(c->doc, c->root, "metadata.annotations");
	if (annos && annos->type != YAML_MAPPING_NODE && given(annos))
		return bad(c, annos, "metadata.annotations", "expected a mapping of key: value");
	if (annos && annos->type != YAML_MAPPING_NODE)
		annos = NULL;   /* `annotations:` with nothing after it: null, no annotations */
	if (check_keys(c->doc, annos, c->path, &pod_annotation_keys, c->err) ||
	    check_keys(c->doc, annos, c->path, &pod_simon_keys, c->err) || pipeline_fields(c, annos, p))
		return -1;
	int64_t devices;
	if (requests(c, p, &devices) || gpu_request(c, annos, devices, p) || model_field(c, annos, p) ||
	    gpu_index_field(c, annos, &p->gpu_index))
		return -1;
	if (p->gpu_index && __builtin_popcount(p->gpu_index) != p->gpu_count)
		return bad(c, yaml_get(c->doc, annos, ANNO_GPU_INDEX), ANNO_GPU_INDEX,
			   "names a different number of devices than " ANNO_GPU_COUNT);
	if (time_field(c, annos, ANNO_CREATION, &p->creation) || time_field(c, annos, ANNO_DELETION, &p->deletion) ||
	    time_field(c, annos, ANNO_SCHEDULED, &p->scheduled) || creation_text(c, annos, p) || names_of(c, p))
		return -1;
	if (life_fields(c, annos, p))
		return -1;
	if (p->deletion != TIME_NONE && pod_start(p) != TIME_NONE && p->deletion < pod_start(p))
		return bad(c, yaml_get(c->doc, annos, ANNO_DELETION), ANNO_DELETION, "earlier than the pod's start");
	yaml_node_t *qos = yaml_get(c->doc, annos, ANNO_QOS);
	if (yaml_text(qos) && !(p->qos = arena_strdup(&c->w->strings, yaml_text(qos))))
		return error_set(c->err, "out of memory");
	yaml_node_t *spec = yaml_get(c->doc, c->root, "spec"), *at;
	int has_prio, failed = 0;
	if (int32_field(c, spec, "priority", &p->priority, &has_prio))
		return -1;
	p->has_priority = has_prio;
	const char *policy = scalar_at(c, spec, "preemptionPolicy", &at, &failed);
	if (failed)
		return -1;
	if (policy && strcmp(policy, "PreemptLowerPriority") && strcmp(policy, "Never"))
		return bad(c, at, "spec.preemptionPolicy", "expected PreemptLowerPriority or Never");
	p->own_policy = !policy ? POLICY_UNSET : strcmp(policy, "Never") == 0 ? POLICY_NEVER : POLICY_PREEMPT;
	const char *class_name = scalar_at(c, spec, "priorityClassName", &at, &failed);
	if (failed)
		return -1;
	if (class_name && *class_name) {
		if (!(p->priority_class = arena_strdup(&c->w->strings, class_name)))
			return error_set(c->err, "out of memory");
		p->class_line = (uint32_t)yaml_line(at);
		p->class_col = (uint32_t)yaml_col(at);
	}
	yaml_node_t *labels = yaml_path(c->doc, c->root, "metadata.labels");
	struct yaml_fields f;
	if (job_labels(c, labels, p) || labels_field(c, labels, "metadata.labels", &p->labels, &p->n_labels) ||
	    pod_placement_read(fields(c, &f), spec, c->w, p))
		return -1;
	return labels_field(c, yaml_path(c->doc, c->root, "spec.nodeSelector"), "spec.nodeSelector", &p->selector,
			    &p->n_selector);
}

static const struct key_set priority_class_keys = {
	.where = "PriorityClass",
	.known = KEYS("apiVersion", "kind", "metadata", "value", "globalDefault", "description", "preemptionPolicy")};

/* A cluster-wide object's metadata.name, kept in the workload's strings; NULL (and err) when it
 * has none. */
static const char *object_name(struct doc_ctx *c, const char *kind)
{
	const char *name = yaml_text(yaml_path(c->doc, c->root, "metadata.name"));
	if (!name || !*name) {
		char what[96];
		snprintf(what, sizeof what, "missing (a %s is named by it)", kind);
		bad(c, c->root, "metadata.name", what);
		return NULL;
	}
	c->name = name;
	const char *kept = arena_strdup(&c->w->strings, name);
	if (!kept)
		error_set(c->err, "out of memory");
	return kept;
}

/* scheduling.k8s.io/v1 PriorityClass: metadata.name, value (required), globalDefault,
 * preemptionPolicy (PreemptLowerPriority, the default, or Never). */
static int load_priority_class(struct doc_ctx *c)
{
	const char *name;
	if (check_keys(c->doc, c->root, c->path, &priority_class_keys, c->err) || !(name = object_name(c, "PriorityClass")))
		return -1;
	struct priority_class *pc = workload_add_priority_class(c->w);
	if (!pc)
		return error_set(c->err, "out of memory");
	pc->name = name;
	pc->file = c->path;
	pc->line = yaml_line(c->root);
	int present, failed = 0;
	if (int32_field(c, c->root, "value", &pc->value, &present))
		return -1;
	if (!present)
		return bad(c, c->root, "value", "missing (expected the priority, a whole number)");
	yaml_node_t *at;
	const char *global = scalar_at(c, c->root, "globalDefault", &at, &failed);
	if (failed)
		return -1;
	if (global && strcmp(global, "true") && strcmp(global, "false"))
		return bad(c, at, "globalDefault", "expected true or false");
	pc->global_default = global && strcmp(global, "true") == 0;
	const char *policy = scalar_at(c, c->root, "preemptionPolicy", &at, &failed);
	if (failed)
		return -1;
	if (policy && strcmp(policy, "PreemptLowerPriority") && strcmp(policy, "Never"))
		return bad(c, at, "preemptionPolicy", "expected PreemptLowerPriority or Never");
	pc->never_preempts = policy && strcmp(policy, "Never") == 0;
	return 0;
}

static const struct key_set pod_group_keys = {.where = "PodGroup",
					      .known = KEYS("apiVersion", "kind", "metadata", "spec", "status")};
static const struct key_set pod_group_spec_keys = {.where = "PodGroup spec",
						   .known = KEYS("minMember"),
						   .noted = KEYS("scheduleTimeoutSeconds", "minResources")};

/* A PodGroup (scheduling.x-k8s.io): metadata.name and spec.minMember (a whole number from 1). */
static int load_pod_group(struct doc_ctx *c)
{
	yaml_node_t *spec = yaml_get(c->doc, c->root, "spec");
	const char *name;
	if (check_keys(c->doc, c->root, c->path, &pod_group_keys, c->err) ||
	    check_keys(c->doc, spec, c->path, &pod_group_spec_keys, c->err) || !(name = object_name(c, "PodGroup")))
		return -1;
	struct pod_group *g = workload_add_pod_group(c->w);
	if (!g)
		return error_set(c->err, "out of memory");
	c->ns = namespace_of(c);
	if (!(g->name = in_namespace(c, name)))
		return error_set(c->err, "out of memory");
	g->file = c->path;
	g->line = yaml_line(c->root);
	int present;
	if (int32_field(c, spec, "minMember", &g->min_member, &present))
		return -1;
	if (!present || g->min_member < 1)
		return bad(c, spec ? spec : c->root, "spec.minMember", "expected a whole number from 1");
	return 0;
}

/* A node's text and shape, folded into an FNV-1a hash: the pod-template-hash simon gives a
 * Deployment's template (Kubernetes hashes its Go form, which simon cannot reproduce; the form
 * of the label is Kubernetes'). */
static uint32_t tree_hash(yaml_document_t *doc, yaml_node_t *node, uint32_t h)
{
	if (!node)
		return h;
	unsigned char type = (unsigned char)node->type;
	h = fnv32a(h, &type, 1);
	if (node->type == YAML_SCALAR_NODE)
		h = fnv32a(h, node->data.scalar.value, node->data.scalar.length);
	if (node->type == YAML_SEQUENCE_NODE)
		for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++)
			h = tree_hash(doc, yaml_document_get_node(doc, *it), h);
	if (node->type == YAML_MAPPING_NODE)
		for (yaml_node_pair_t *q = node->data.mapping.pairs.start; q < node->data.mapping.pairs.top; q++)
			h = tree_hash(doc, yaml_document_get_node(doc, q->value),
				      tree_hash(doc, yaml_document_get_node(doc, q->key), h));
	return h;
}

/* How many pods a controller wants now: replicas (default 1); a Job's parallelism (default 1),
 * at most its completions (when given) less those status.succeeded counts.  The rest of a
 * Job's completions wait for pods to finish, which a template's pods never do here: *short_of. */
#define MAX_REPLICAS 1000000
static int wanted_pods(struct doc_ctx *c, yaml_node_t *spec, int32_t *wanted, int32_t *short_of)
{
	long long v = 1, completions = 0, succeeded = 0;
	int present, has_completions, has_succeeded;
	*short_of = 0;
	if (strcmp(c->kind, "Job") != 0) {
		if (integer_field(c, spec, "replicas", MAX_REPLICAS, &v, &present))
			return -1;
		*wanted = present ? (int32_t)v : 1;
		return 0;
	}
	if (integer_field(c, spec, "parallelism", MAX_REPLICAS, &v, &present) ||
	    integer_field(c, spec, "completions", MAX_REPLICAS, &completions, &has_completions) ||
	    integer_field(c, yaml_get(c->doc, c->root, "status"), "succeeded", MAX_REPLICAS, &succeeded, &has_succeeded))
		return -1;
	long long parallel = present ? v : 1;
	long long left = has_completions ? completions - (has_succeeded ? succeeded : 0) : parallel;
	left = left > 0 ? left : 0;
	*wanted = (int32_t)(parallel < left ? parallel : left);
	*short_of = (int32_t)(left - *wanted);
	return 0;
}

/* apps/v1 Deployment, ReplicaSet, StatefulSet and batch/v1 Job: the pods they want, each read
 * from spec.template as a Pod of its name (controller_pod_name), in the controller's namespace;
 * a Job's pods carry its job-name, so gangs by job-name work.  A ReplicaSet a Deployment owns is
 * the Deployment's, which makes its pods.  O(wanted × template). */
static int load_controller(struct doc_ctx *c)
{
	const char *name;
	if (!(name = object_name(c, c->kind)))
		return -1;
	c->ns = namespace_of(c);
	yaml_node_t *refs = yaml_path(c->doc, c->root, "metadata.ownerReferences");
	if (strcmp(c->kind, "ReplicaSet") == 0 && refs && any_item_is(c, refs, "kind", "Deployment"))
		return 0;
	yaml_node_t *spec = yaml_get(c->doc, c->root, "spec"), *tmpl = yaml_get(c->doc, spec, "template");
	if (!tmpl || tmpl->type != YAML_MAPPING_NODE)
		return bad(c, spec ? spec : c->root, "spec.template", "missing (expected the template of its pods)");
	int32_t wanted, short_of;
	if (wanted_pods(c, spec, &wanted, &short_of))
		return -1;
	struct controller *k = workload_add_controller(c->w);
	if (!k || !(k->key = controller_key(c, c->kind, name, strlen(name))))
		return error_set(c->err, "out of memory");
	k->wanted = wanted;
	k->short_of = short_of;
	k->file = c->path;
	k->line = yaml_line(c->root);
	int32_t id = (int32_t)(c->w->n_controllers - 1);
	char hash[16] = "";
	if (strcmp(c->kind, "Deployment") == 0)
		safe_encode(tree_hash(c->doc, tmpl, FNV32_START), hash, sizeof hash);
	bool job = strcmp(c->kind, "Job") == 0;
	const char *job_name = job ? in_namespace(c, name) : NULL;
	if (job && !job_name)
		return error_set(c->err, "out of memory");
	for (int32_t r = 0; r < wanted; r++) {
		struct doc_ctx t = *c;
		t.root = tmpl;
		t.owner = c->root;
		if (!(t.pod_name = controller_pod_name(&c->w->strings, c->kind, name, *hash ? hash : NULL, (uint32_t)r)))
			return error_set(c->err, "out of memory");
		size_t before = c->w->n_pods;
		if (load_pod(&t))
			return -1;
		if (c->w->n_pods == before)
			continue;
		struct pod_spec *p = &c->w->pods[c->w->n_pods - 1];
		p->controller = id;
		if (job && !p->job_name)
			p->job_name = job_name;
	}
	return 0;
}

static bool is_list_kind(const char *kind)
{
	size_t n = strlen(kind);
	return n >= 4 && strcmp(kind + n - 4, "List") == 0;
}

/* A List (kubectl's `kind: List`, of any kinds, or the API's typed NodeList, PodList, ...) once
 * its items were read one by one (yaml_stream.h): what is left of it must be a List.  Its
 * items, when not a list, are an error. */
static int load_list(const struct yaml_reader *r, yaml_node_t *root, const char *kind, size_t items_read,
		     struct error *err)
{
	yaml_node_t *items = yaml_get((yaml_document_t *)&r->doc, root, "items");
	if (items)
		return error_at(err, r->path, yaml_line(items), yaml_col(items), "%s items: expected a list of objects",
				kind);
	if (items_read && !is_list_kind(kind))
		return error_at(err, r->path, yaml_line(root), yaml_col(root),
				"a %s with items (only a List, or a typed list such as PodList, holds items)", kind);
	return 0;
}

/* The kind a List's items have when they name none: "" for any (a List, or one whose kind is
 * not read yet); Node for a NodeList.  NULL for an object outside a list. */
static const char *item_kind_of(const char *list_kind, char *buf, size_t size)
{
	if (!list_kind || !*list_kind || strcmp(list_kind, "List") == 0 || !is_list_kind(list_kind))
		return list_kind ? "" : NULL;
	snprintf(buf, size, "%.*s", (int)(strlen(list_kind) - 4), list_kind);
	return buf;
}

/* One object: a document, or an item of a List (list_kind: its items' kind, "" for any; NULL
 * outside a list). */
static int load_object(struct workload *w, struct yaml_stream *st, struct file_notes *missing, struct error *err)
{
	struct yaml_reader *r = &st->r;
	yaml_node_t *root = yaml_root(&r->doc);
	char buf[64];
	const char *list_kind = item_kind_of(st->list_kind, buf, sizeof buf);
	struct doc_ctx c = {.w = w, .doc = &r->doc, .path = r->path, .root = root, .err = err, .missing = missing};
	if (!root || root->type != YAML_MAPPING_NODE)
		return error_at(err, r->path, yaml_line(root), yaml_col(root),
				"expected a Kubernetes object (a mapping with kind: Node or kind: Pod)");
	const char *kind = yaml_text(yaml_get(c.doc, root, "kind"));
	if (!kind && list_kind && *list_kind)
		kind = list_kind;
	if (!kind)
		return error_at(err, r->path, yaml_line(root), yaml_col(root),
				"missing kind (expected kind: Node or kind: Pod)");
	c.kind = kind;
	if (!list_kind && (is_list_kind(kind) || st->items))
		return load_list(r, root, kind, st->items, err);
	if (strcmp(kind, "Node") == 0)
		return load_node(&c);
	if (strcmp(kind, "Pod") == 0)
		return load_pod(&c);
	if (strcmp(kind, "PriorityClass") == 0)
		return load_priority_class(&c);
	if (strcmp(kind, "PodGroup") == 0)
		return load_pod_group(&c);
	if (!strcmp(kind, "Deployment") || !strcmp(kind, "ReplicaSet") || !strcmp(kind, "StatefulSet") || !strcmp(kind, "Job"))
		return load_controller(&c);
	if (is_list_kind(kind))
		return error_at(err, r->path, yaml_line(root), yaml_col(root), "a %s inside a List (lists do not nest)",
				kind);
	count_skipped(missing, kind);
	return 0;
}

/* Whether a .json file is a Kubernetes object (`kubectl get -o json`: a top-level "kind" or
 * "apiVersion"), which the YAML reader takes as it is, JSON being YAML; else it is a WfCommons
 * instance.  Reads events only up to the first such key, so that a large export is not parsed
 * twice.  O(the events before it). */
static bool kubernetes_json(const char *path)
{
	struct yaml_reader r;
	struct error ignored;
	if (yaml_reader_open(&r, path, &ignored))
		return false;   /* the WfCommons loader says why */
	bool kube = false, done = false;
	int depth = 0, key = 0;   /* key: at depth 1, whether the next scalar is a key */
	while (!done) {
		yaml_event_t e;
		if (!yaml_parser_parse(&r.parser, &e))
			break;
		switch (e.type) {
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			depth++;
			key = depth == 1;
			done = depth == 1 && e.type == YAML_SEQUENCE_START_EVENT;   /* no object */
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			done = --depth == 0;
			key = depth == 1;
			break;
		case YAML_SCALAR_EVENT:
			if (depth == 1 && key)
				kube = done = !strcmp((const char *)e.data.scalar.value, "kind") ||
					      !strcmp((const char *)e.data.scalar.value, "apiVersion");
			else if (depth == 0)
				done = true;
			key = depth == 1 && !key;
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&e);
	}
	yaml_reader_release(&r);
	return kube;
}

int workload_load_file(struct workload *w, const char *path, struct error *err)
{
	size_t len = strlen(path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (len > 4 && strcmp(path + len - 4, ".csv") == 0)
		return strncmp(base, "batch_task", 10) == 0 ? workload_load_batch_dag(w, path, err)
							   : workload_load_csv(w, path, err);
	if (len > 5 && strcmp(path + len - 5, ".json") == 0 && !kubernetes_json(path))
		return workload_load_wfformat(w, path, err);
	const char *kept = arena_strdup(&w->strings, path);
	if (!kept)
		return error_set(err, "out of memory");
	struct yaml_stream st;
	if (yaml_stream_open(&st, kept, err))
		return -1;
	int got;
	struct file_notes missing = {0};
	while ((got = yaml_stream_next(&st, err)) > 0)
		if (load_object(w, &st, &missing, err)) {
			got = -1;
			break;
		}
	if (got == 0 && st.r.documents == 0)
		got = error_at(err, kept, 0, 0, "empty file (expected Node or Pod documents)");
	if (got == 0 && missing.count)
		fprintf(stderr,
			"simon: warning: %s:%zu: Pod %s: a container has no resources.requests and requests nothing "
			"(%zu such containers in this file)\n",
			kept, missing.line, missing.first, missing.count);
	if (got == 0)
		note_skipped(&missing, kept);
	if (got == 0 && missing.unscheduled)
		fprintf(stderr, "simon: note: %s: %zu pods marked " ANNO_REFERENCE_UNSCHEDULED " (a snapshot's pods that did "
				"not run) left out\n",
			kept, missing.unscheduled);
	yaml_stream_release(&st);
	return got;
}

static bool is_json(const char *name)
{
	size_t len = strlen(name);
	return len > 5 && strcmp(name + len - 5, ".json") == 0;
}

/* Whether names[0..n) hold the original of gen-hier's copy "X-hier.yaml": X.yaml or X.yml. */
static bool has_original(char *const *names, size_t n, const char *copy)
{
	size_t stem = strlen(copy) - strlen(strrchr(copy, '-'));
	for (size_t i = 0; i < n; i++)
		if (strncmp(names[i], copy, stem) == 0 && (!strcmp(names[i] + stem, ".yaml") || !strcmp(names[i] + stem, ".yml")))
			return true;
	return false;
}

/* A folder is read recursively, in name order: YAML, and WfCommons instances (.json).  The rack/server copies that gen-hier writes
 * beside the originals (X-hier.yaml) are skipped, with a note, when their original X.yaml is
 * beside them: a folder holding both would otherwise define every node twice. */
int workload_each_file(const char *path, int (*fn)(void *ctx, const char *file, struct error *err), void *ctx,
		       struct error *err)
{
	struct stat st;
	if (stat(path, &st))
		return error_at(err, path, 0, 0, "cannot read: %s", strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return fn(ctx, path, err);
	char **names = NULL;
	size_t n = 0;
	if (dirlist(path, &names, &n, err))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		char child[4096];
		if ((rc = path_join(child, sizeof child, path, names[i], err)))
			break;
		if (is_dir(child))
			rc = workload_each_file(child, fn, ctx, err);
		else if (is_hier_copy(names[i]) && has_original(names, n, names[i]))
			fprintf(stderr, "simon: note: %s: skipping %s, gen-hier's copy of a file beside it\n", path, names[i]);
		else if (has_yaml_suffix(names[i]) || is_json(names[i]))
			rc = fn(ctx, child, err);
	}
	dirlist_free(names, n);
	return rc;
}

static int load_one(void *w, const char *file, struct error *err)
{
	return workload_load_file(w, file, err);
}

int workload_load_dir(struct workload *w, const char *dir, struct error *err)
{
	return workload_each_file(dir, load_one, w, err);
}
