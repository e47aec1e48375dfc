#include "sim/report/snapshot.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/later.h"
#include "sim/report/rules_yaml.h"
#include "sim/report/writers.h"
#include "sim/util/csv.h"

#define NODE_IP_LABEL "node-ip"   /* where the reference reads a node's address */

/* The reference's GPU memory per model (MiB), for its *_mem_mib columns; 0 for others. */
static int64_t gpu_mem_mib(const char *model)
{
	static const struct {
		const char *model;
		int64_t mib;
	} table[] = {{"P4", 7611},	{"2080", 11019},  {"1080", 11178}, {"M40", 11448}, {"T4", 15109},
		     {"V100M16", 16160}, {"P100", 16280}, {"A10", 22731}, {"3090", 24268}, {"V100M32", 32510},
		     {"A100", 81251}, {"G1", 1000},	  {"G2", 20000},   {"G3", 30000}};
	for (size_t k = 0; model && k < sizeof table / sizeof table[0]; k++)
		if (strcmp(model, table[k].model) == 0)
			return table[k].mib;
	return 0;
}

static const char *model_of(const struct report *r, size_t node)
{
	int m = r->cluster->spec[node].model;
	return m >= 0 && r->cluster->spec[node].gpu_count > 0 ? r->cluster->w->models[m] : "CPU";
}

/* A YAML string in single quotes, quotes doubled. */
/* A node's address as the reference's ip columns read it: its node-ip label, else empty. */
static const char *node_ip(const struct node_spec *n)
{
	const char *ip = node_label(n, NODE_IP_LABEL);
	return ip ? ip : "";
}

static void pod_yaml_doc(FILE *f, const struct report *r, size_t i, const struct pod_outcome *o)
{
	const struct workload *w = r->cluster->w;
	const struct pod_spec *p = &r->arrivals->pods[i];
	fprintf(f, "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ");
	yaml_quoted(f, p->name);
	fprintf(f, "\n  namespace: ");
	yaml_quoted(f, pod_namespace(w, p));
	fputc('\n', f);
	labels_yaml(f, p);
	fprintf(f, "  annotations:\n");
	if (p->gpu_count)
		fprintf(f, "    alibabacloud.com/gpu-milli: '%d'\n    alibabacloud.com/gpu-count: '%d'\n", p->gpu_milli,
			p->gpu_count);
	if (p->model_spec) {
		fprintf(f, "    alibabacloud.com/gpu-card-model: ");
		yaml_quoted(f, p->model_spec);
		fputc('\n', f);
	}
	if (o->node >= 0 && o->gpus) {
		fprintf(f, "    alibabacloud.com/gpu-index: '");
		write_gpu_indices(f, o->gpus);
		fprintf(f, "'\n");
	}
	if (p->creation != TIME_NONE)
		fprintf(f, "    alibabacloud.com/creation-time: '%" PRId64 "'\n", p->creation);
	if (p->deletion != TIME_NONE)
		fprintf(f, "    alibabacloud.com/deletion-time: '%" PRId64 "'\n", p->deletion);
	if (p->qos) {
		fprintf(f, "    alibabacloud.com/qos: ");
		yaml_quoted(f, p->qos);
		fputc('\n', f);
	}
	if (o->node < 0)
		fprintf(f, "    simon/pod-unscheduled: 'true'\n");
	fprintf(f, "spec:\n");
	if (p->priority)
		fprintf(f, "  priority: %" PRId32 "\n", p->priority);
	if (o->node >= 0) {
		fprintf(f, "  nodeSelector:\n    kubernetes.io/hostname: ");
		yaml_quoted(f, r->cluster->spec[o->node].name);
		fputc('\n', f);
	}
	rules_yaml(f, p);
	fprintf(f, "  containers:\n  - name: main\n");
	if (p->image_id >= 0) {
		fprintf(f, "    image: ");
		yaml_quoted(f, w->images[p->image_id]);
		fputc('\n', f);
	}
	fprintf(f, "    resources:\n      requests:\n        cpu: %" PRId64 "m\n        memory: '%" PRId64 "'\n", p->cpu_milli,
		p->mem_bytes);
	for (uint8_t k = 0; k < p->n_scalars; k++) {
		fprintf(f, "        ");
		yaml_quoted(f, p->scalars[k].name);
		fprintf(f, ": '%" PRId64 "'\n", p->scalars[k].amount);
	}
}

/* The pods that ran, as the reference's API lists them (namespace, then name): their indices,
 * *n of them (malloc'd; NULL when out of memory). */
static uint32_t *listed_placed(const struct report *r, const struct pod_outcome *outcomes, size_t *n)
{
	uint32_t *order = malloc((r->arrivals->n ? r->arrivals->n : 1) * sizeof *order);
	*n = 0;
	for (size_t i = 0; order && i < r->arrivals->n; i++)
		if (outcomes[i].node >= 0)
			order[(*n)++] = (uint32_t)i;
	if (order && sort_as_listed(r->cluster->w, r->arrivals->pods, order, *n)) {
		free(order);
		order = NULL;
	}
	return order;
}

/* The pods that ran, listed as the reference lists them; then, as it appends them, the others
 * in arrival order. */
static void write_pod_yaml(FILE *f, const struct report *r, const struct pod_outcome *outcomes, const uint32_t *placed,
			   size_t n_placed)
{
	for (size_t k = 0; k < n_placed; k++)
		pod_yaml_doc(f, r, placed[k], &outcomes[placed[k]]);
	for (size_t i = 0; i < r->arrivals->n; i++)
		if (outcomes[i].node < 0)
			pod_yaml_doc(f, r, i, &outcomes[i]);
}

/* The reference's pod list: the pods that ran (the others are no longer in its cluster). */
static void write_pod_csv(FILE *f, const struct report *r, const struct pod_outcome *outcomes, const uint32_t *placed,
			  size_t n_placed)
{
	fprintf(f, "pod,namespace,ip,cpu_milli,memory_mib,num_gpu,gpu_index,gpu_mem_ratio,gpu_milli,model,"
		   "gpu_mem_mib_each,gpu_mem_mib,gpu_type_req,creation_time\n");
	for (size_t k = 0; k < n_placed; k++) {
		const struct pod_spec *p = &r->arrivals->pods[placed[k]];
		const struct pod_outcome *o = &outcomes[placed[k]];
		const char *model = model_of(r, (size_t)o->node);
		int64_t each = gpu_mem_mib(model);
		csv_text(f, p->name, false);
		fputc(',', f);
		csv_text(f, pod_namespace(r->cluster->w, p), false);
		fputc(',', f);
		csv_text(f, node_ip(&r->cluster->spec[o->node]), false);
		fprintf(f, ",%" PRId64 ",,%d,", p->cpu_milli, p->gpu_count);
		write_gpu_indices(f, o->gpus);
		fprintf(f, ",%d,%d,", p->gpu_milli / 10, p->gpu_milli);
		csv_text(f, model, false);
		fprintf(f, ",%" PRId64 ",%" PRId64 ",", each, p->gpu_milli * each / 1000);
		csv_text(f, p->model_spec ? p->model_spec : "<none>", false);
		fputc(',', f);
		if (p->links && p->links->creation_text)
			csv_text(f, p->links->creation_text, false);   /* as written */
		else if (p->creation != TIME_NONE)
			fprintf(f, "%" PRId64, p->creation);
		fputc('\n', f);
	}
}

/* Each node's state as outcomes leave it: CPU and per-GPU milli in use, and pods. */
struct node_use {
	int64_t cpu;
	int32_t pods;
	int32_t gpu[MAX_GPUS_PER_NODE];
};

static void write_node_csv(FILE *f, const struct report *r, const struct pod_outcome *outcomes, struct node_use *use)
{
	const struct cluster *c = r->cluster;
	memset(use, 0, c->n * sizeof *use);
	for (size_t i = 0; i < r->arrivals->n; i++) {
		const struct pod_outcome *o = &outcomes[i];
		if (o->node < 0)
			continue;
		use[o->node].cpu += r->arrivals->pods[i].cpu_milli;
		use[o->node].pods++;
		for (int g = 0; g < MAX_GPUS_PER_NODE; g++)
			use[o->node].gpu[g] += (o->gpus >> g & 1) * r->arrivals->pods[i].gpu_milli;
	}
	fprintf(f, "name,ip,model,cpu,gpu,memory_mib,gpu_mem_mib_each,num_pod,cpu_milli_left,memory_mib_left");
	for (int g = 0; g < 8; g++)
		fprintf(f, ",gpu_milli_left_%d,gpu_mem_mib_left_%d", g, g);
	fprintf(f, ",gpu_milli_left,gpu_mem_mib_left\n");
	for (size_t k = 0; k < c->n; k++) {
		const struct node_spec *n = &c->spec[k];
		const char *model = model_of(r, k);
		int64_t each = gpu_mem_mib(model), milli_total = 0, mib_total = 0;
		/* CPU and memory from capacity, as the reference reads them (whole cores, rounded up,
		 * as a Kubernetes quantity's Value()); CPU left from allocatable. */
		int64_t cpu = n->capacity_cpu_milli ? n->capacity_cpu_milli : n->cpu_milli;
		int64_t mem = n->capacity_mem_bytes ? n->capacity_mem_bytes : n->mem_bytes;
		csv_text(f, n->name, false);
		fputc(',', f);
		csv_text(f, node_ip(n), false);
		fputc(',', f);
		csv_text(f, model, false);
		fprintf(f, ",%" PRId64 ",%d,%" PRId64 ",%" PRId64 ",%d,%" PRId64 ",%" PRId64, (cpu + 999) / 1000, n->gpu_count,
			mem, each, use[k].pods, n->cpu_milli - use[k].cpu, mem);
		for (int g = 0; g < 8; g++) {
			int64_t left = g < n->gpu_count ? GPU_MILLI - use[k].gpu[g] : 0;
			milli_total += left;
			mib_total += left * each / 1000;
			fprintf(f, ",%" PRId64 ",%" PRId64, left, left * each / 1000);
		}
		fprintf(f, ",%" PRId64 ",%" PRId64 "\n", milli_total, mib_total);
	}
}

/* prefix/stage/name, its folder made. */
static FILE *stage_file(struct output_set *out, const char *prefix, const char *stage, const char *name,
			struct error *err)
{
	char dir[2048], path[2200];
	snprintf(dir, sizeof dir, "%s/%s", prefix, stage);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return output_make_dirs(dir, err) ? NULL : output_path(out, path, err);
}

static int write_stage(struct output_set *out, const struct report *r, const struct cluster_config *cfg,
		       const char *stage, const struct pod_outcome *outcomes, struct node_use *use, struct error *err)
{
	FILE *f;
	size_t n_placed;
	uint32_t *placed = listed_placed(r, outcomes, &n_placed);
	int rc = placed ? 0 : error_set(err, "out of memory writing snapshots");
	if (!rc && cfg->pod_snapshot_prefix[0]) {
		if ((f = stage_file(out, cfg->pod_snapshot_prefix, stage, "pod-snapshot.yaml", err)))
			write_pod_yaml(f, r, outcomes, placed, n_placed);
		rc = f ? 0 : -1;
	}
	if (!rc && cfg->node_snapshot_prefix[0]) {
		if ((f = stage_file(out, cfg->node_snapshot_prefix, stage, "node-snapshot.csv", err)))
			write_node_csv(f, r, outcomes, use);
		if (f && (f = stage_file(out, cfg->node_snapshot_prefix, stage, "pod-snapshot.csv", err)))
			write_pod_csv(f, r, outcomes, placed, n_placed);
		rc = f ? 0 : -1;
	}
	free(placed);
	return rc;
}

int snapshots_check(const struct cluster_config *cfg, struct error *err)
{
	return (cfg->pod_snapshot_prefix[0] && output_check(cfg->pod_snapshot_prefix, err)) ||
			       (cfg->node_snapshot_prefix[0] && output_check(cfg->node_snapshot_prefix, err))
		       ? -1
		       : 0;
}

int snapshots_add(struct output_set *out, const struct report *r, const struct cluster_config *cfg,
		  struct error *err)
{
	const struct later_steps *l = r->later;
	if (!l || !l->init_outcomes)
		return 0;
	struct node_use *use = malloc((r->cluster->n ? r->cluster->n : 1) * sizeof *use);
	if (!use)
		return error_set(err, "out of memory writing snapshots");
	int rc = write_stage(out, r, cfg, "InitSchedule", l->init_outcomes, use, err) ||
		 (l->descheduled && write_stage(out, r, cfg, "PostDeschedule", r->result->outcomes, use, err));
	free(use);
	return rc ? -1 : 0;
}
