#include "sim/load/config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/dirlist.h"
#include "sim/load/strict.h"
#include "sim/load/yaml_field.h"
#include "sim/load/yaml_doc.h"

/* One open config document, for lookups and messages. */
struct cfg_ctx {
	yaml_document_t *doc;
	const char *path;
	struct error *err;
	struct yaml_fields f;
};


/* Opens path and checks `kind`; on success the reader holds the document. */
static int open_kind(struct yaml_reader *r, const char *path, const char *kind, struct error *err)
{
	if (yaml_reader_open(r, path, err))
		return -1;
	int got = yaml_reader_next(r, err);
	if (got <= 0) {
		if (got == 0)
			error_at(err, path, 0, 0, "empty file (expected a %s document)", kind);
		yaml_reader_release(r);
		return -1;
	}
	yaml_node_t *root = yaml_root(&r->doc);
	const char *k = yaml_text(yaml_get(&r->doc, root, "kind"));
	if (!k || strcmp(k, kind)) {
		error_at(err, path, yaml_line(root), yaml_col(root), "kind: expected %s, found %s", kind,
			 k ? k : "none");
		yaml_reader_release(r);
		return -1;
	}
	return 0;
}

static int resolve_path(const struct cfg_ctx *c, yaml_node_t *at, const char *rel, char *out, size_t size)
{
	if (path_beside(c->path, rel, out, size) == 0)
		return 0;
	return field_error(&c->f, at, "spec.cluster.customConfig",
		    "not found (looked beside the config file and in the working directory)");
}

/* A folder or file, or a list of them. */
static int read_cluster_paths(const struct cfg_ctx *c, yaml_node_t *at, struct cluster_config *cfg)
{
	const char *what = "missing (expected the folder holding the cluster's Node and Pod YAML)";
	if (at && at->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *it = at->data.sequence.items.start; it < at->data.sequence.items.top; it++) {
			yaml_node_t *item = yaml_document_get_node(c->doc, *it);
			const char *rel = yaml_text(item);
			if (!rel || !*rel)
				return field_error(&c->f, item, "spec.cluster.customConfig", "expected a folder or file name");
			if (cfg->n_paths == MAX_CLUSTER_PATHS)
				return field_error(&c->f, item, "spec.cluster.customConfig", "too many paths (at most 16)");
			if (resolve_path(c, item, rel, cfg->cluster_paths[cfg->n_paths], sizeof cfg->cluster_paths[0]))
				return -1;
			cfg->n_paths++;
		}
		return cfg->n_paths ? 0 : field_error(&c->f, at, "spec.cluster.customConfig", what);
	}
	const char *rel = yaml_text(at);
	if (!rel || !*rel)
		return field_error(&c->f, at ? at : yaml_root(c->doc), "spec.cluster.customConfig", what);
	cfg->n_paths = 1;
	return resolve_path(c, at, rel, cfg->cluster_paths[0], sizeof cfg->cluster_paths[0]);
}


static const struct key_set config_keys = {.where = "Config", .known = KEYS("apiVersion", "kind", "metadata", "spec")};
static const struct key_set metadata_keys = {.where = "metadata",
					     .known = KEYS("name", "namespace", "labels", "annotations")};
static const struct key_set spec_keys = {.where = "spec",
					 .known = KEYS("cluster", "customConfig", "newNode"),
					 .noted = KEYS("appList")};
static const struct key_set cluster_keys = {.where = "spec.cluster",
					    .known = KEYS("customConfig"),
					    .noted = KEYS("kubeConfig")};
static const struct key_set custom_keys = {
	.where = "spec.customConfig",
	.known = KEYS("shufflePod", "workloadTuningConfig", "workloadInflationConfig", "typicalPodsConfig",
		      "qosPriorities", "exportConfig", "newWorkloadConfig", "descheduleConfig")};
static const struct key_set deschedule_keys = {.where = "descheduleConfig", .known = KEYS("ratio", "policy")};
static const struct key_set export_keys = {.where = "exportConfig",
					   .known = KEYS("podSnapshotYamlFilePrefix", "nodeSnapshotCSVFilePrefix")};
static const struct key_set tuning_keys = {.where = "workloadTuningConfig", .known = KEYS("ratio", "seed")};
static const struct key_set inflation_keys = {.where = "workloadInflationConfig", .known = KEYS("ratio", "seed")};
static const struct key_set typical_keys = {
	.where = "typicalPodsConfig",
	.known = KEYS("isInvolvedCpuPods", "podPopularityThreshold", "podIncreaseStep", "gpuResWeight"),
	.noted = KEYS("isConsideredGpuResWeight")};  /* an older reference's field; its example sets it false */

/* KubeSchedulerConfiguration: the parts simon reads.  Kubernetes' other settings are noted;
 * every extension point is accepted (simon's filter, reserve and bind are built in). */
static const struct key_set sched_keys = {
	.where = "KubeSchedulerConfiguration",
	.known = KEYS("apiVersion", "kind", "profiles", "percentageOfNodesToScore"),
	.noted = KEYS("parallelism", "leaderElection", "clientConnection", "healthzBindAddress", "metricsBindAddress",
		      "enableProfiling", "enableContentionProfiling", "podInitialBackoffSeconds", "podMaxBackoffSeconds",
		      "extenders", "featureGates")};
static const struct key_set profile_keys = {.where = "profiles[0]",
					    .known = KEYS("schedulerName", "plugins", "pluginConfig",
							  "percentageOfNodesToScore")};
static const struct key_set plugins_keys = {
	.where = "plugins",
	.known = KEYS("queueSort", "preFilter", "filter", "postFilter", "preScore", "score", "reserve", "permit",
		      "preBind", "bind", "postBind", "multiPoint")};
static const struct key_set score_keys = {.where = "plugins.score", .known = KEYS("enabled", "disabled")};
static const struct key_set enabled_keys = {.where = "plugins.score.enabled[]", .known = KEYS("name", "weight")};
static const struct key_set plugin_config_keys = {.where = "pluginConfig[]", .known = KEYS("name", "args")};

static int check(const struct cfg_ctx *c, yaml_node_t *map, const struct key_set *ks)
{
	return check_keys(c->doc, map, c->path, ks, c->err);
}

/* qosPriorities: {LS: 1000, Burstable: 500, BE: 0}, each a whole number in int32's range. */
static int read_qos(const struct cfg_ctx *c, yaml_node_t *custom, struct cluster_config *cfg)
{
	yaml_node_t *map = yaml_get(c->doc, custom, "qosPriorities");
	if (!map)
		return 0;
	if (map->type != YAML_MAPPING_NODE)
		return field_error(&c->f, map, "qosPriorities", "expected a mapping of QoS class to priority (LS: 1000)");
	for (yaml_node_pair_t *kv = map->data.mapping.pairs.start; kv < map->data.mapping.pairs.top; kv++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, kv->key);
		const char *name = yaml_text(k);
		if (!name || !*name || strlen(name) >= sizeof cfg->qos[0].qos)
			return field_error(&c->f, k, "qosPriorities", "expected a QoS class name (LS, Burstable, BE, ...)");
		if (cfg->n_qos == MAX_QOS_PRIORITIES)
			return field_error(&c->f, k, "qosPriorities", "too many classes (at most 16)");
		int64_t v;
		if (field_integer_at(&c->f, yaml_document_get_node(c->doc, kv->value), name, INT32_MIN, INT32_MAX, &v))
			return -1;
		struct qos_priority *q = &cfg->qos[cfg->n_qos++];
		snprintf(q->qos, sizeof q->qos, "%s", name);
		q->value = (int32_t)v;
	}
	return 0;
}

/* descheduleConfig {ratio, policy}: a share of the pods, and a policy the profile resolves
 * through the plugin registry. */
static int read_deschedule(const struct cfg_ctx *c, yaml_node_t *custom, struct cluster_config *cfg)
{
	yaml_node_t *d = yaml_get(c->doc, custom, "descheduleConfig"), *policy = yaml_get(c->doc, d, "policy");
	if (!d || check(c, d, &deschedule_keys) || field_real(&c->f, d, "ratio", 0, 1, &cfg->deschedule_ratio, NULL))
		return d ? -1 : 0;
	const char *name = yaml_text(policy);
	if (!policy || (name && !*name))
		return 0;   /* the reference deschedules only when a policy is named */
	if (!name || strlen(name) >= sizeof cfg->deschedule.name)
		return field_error(&c->f, policy, "policy", "expected the name of a deschedule policy (`simon help plugins`)");
	snprintf(cfg->deschedule.name, sizeof cfg->deschedule.name, "%s", name);
	cfg->deschedule.line = yaml_line(policy);
	cfg->deschedule.col = yaml_col(policy);
	return 0;
}

/* A path the config names: an input beside the config file (else the working directory), or an
 * output prefix as written (relative to the working directory, as the reference's are). */
static int read_path(const struct cfg_ctx *c, yaml_node_t *map, const char *key, bool input, char *out, size_t size)
{
	yaml_node_t *at = yaml_get(c->doc, map, key);
	const char *text = yaml_text(at);
	if (!at || (text && !*text))
		return 0;
	if (!text)
		return field_error(&c->f, at, key, input ? "expected a folder" : "expected a path prefix");
	if (input)
		return resolve_path(c, at, text, out, size);
	if (snprintf(out, size, "%s", text) >= (int)size)
		return field_error(&c->f, at, key, "too long");
	return 0;
}

static int read_custom(const struct cfg_ctx *c, yaml_node_t *custom, struct cluster_config *cfg)
{
	yaml_node_t *export = yaml_get(c->doc, custom, "exportConfig");
	if (check(c, export, &export_keys) || read_deschedule(c, custom, cfg) ||
	    read_path(c, custom, "newWorkloadConfig", true, cfg->new_workload, sizeof cfg->new_workload) ||
	    read_path(c, export, "podSnapshotYamlFilePrefix", false, cfg->pod_snapshot_prefix,
		      sizeof cfg->pod_snapshot_prefix) ||
	    read_path(c, export, "nodeSnapshotCSVFilePrefix", false, cfg->node_snapshot_prefix,
		      sizeof cfg->node_snapshot_prefix))
		return -1;
	yaml_node_t *tune = yaml_get(c->doc, custom, "workloadTuningConfig");
	yaml_node_t *infl = yaml_get(c->doc, custom, "workloadInflationConfig");
	yaml_node_t *typ = yaml_get(c->doc, custom, "typicalPodsConfig");
	if (check(c, custom, &custom_keys) || check(c, tune, &tuning_keys) || check(c, infl, &inflation_keys) ||
	    check(c, typ, &typical_keys))
		return -1;
	int64_t step = 0;
	return read_qos(c, custom, cfg) || field_bool(&c->f, custom, "shufflePod", &cfg->shuffle_pod, NULL) ||
	       field_real(&c->f, tune, "ratio", 0, 1000, &cfg->tune_ratio, NULL) ||
	       field_integer(&c->f, tune, "seed", INT64_MIN, INT64_MAX, &cfg->tune_seed, &cfg->has_tune_seed) ||
	       field_real(&c->f, infl, "ratio", 0, 1000, &cfg->inflation_ratio, NULL) ||
	       field_integer(&c->f, infl, "seed", INT64_MIN, INT64_MAX, &cfg->inflation_seed, NULL) ||
	       field_bool(&c->f, typ, "isInvolvedCpuPods", &cfg->typical.involve_cpu_pods, NULL) ||
	       field_real(&c->f, typ, "podPopularityThreshold", 0, 100, &cfg->typical.popularity_threshold, NULL) ||
	       field_integer(&c->f, typ, "podIncreaseStep", 0, INT64_MAX, &step, NULL) ||
	       field_real(&c->f, typ, "gpuResWeight", 0, 1e6, &cfg->typical.gpu_res_weight, NULL) ||
	       ((cfg->typical.increase_step = step > INT_MAX ? INT_MAX : (int)step), 0);
}

int cluster_config_load(struct cluster_config *cfg, const char *path, struct error *err)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->typical.involve_cpu_pods = true;
	struct yaml_reader r;
	if (open_kind(&r, path, "Config", err))
		return -1;
	struct cfg_ctx c = {&r.doc, path, err, {&r.doc, path, NULL, NULL, err}};
	yaml_node_t *root = yaml_root(c.doc), *spec = yaml_get(c.doc, root, "spec");
	int rc = check(&c, root, &config_keys) || check(&c, yaml_get(c.doc, root, "metadata"), &metadata_keys) ||
		 check(&c, spec, &spec_keys) || check(&c, yaml_get(c.doc, spec, "cluster"), &cluster_keys) ||
		 read_cluster_paths(&c, yaml_path(c.doc, spec, "cluster.customConfig"), cfg) ||
		 read_path(&c, spec, "newNode", true, cfg->new_node, sizeof cfg->new_node) ||
		 read_custom(&c, yaml_get(c.doc, spec, "customConfig"), cfg);
	yaml_reader_release(&r);
	return rc;
}

static int read_score_plugins(const struct cfg_ctx *c, yaml_node_t *enabled, struct sched_config *cfg)
{
	if (!enabled)
		return 0;
	if (enabled->type != YAML_SEQUENCE_NODE)
		return field_error(&c->f, enabled, "plugins.score.enabled", "expected a list of {name, weight}");
	for (yaml_node_item_t *it = enabled->data.sequence.items.start; it < enabled->data.sequence.items.top; it++) {
		yaml_node_t *p = yaml_document_get_node(c->doc, *it);
		yaml_node_t *name = yaml_get(c->doc, p, "name");
		const char *n = yaml_text(name);
		if (check(c, p, &enabled_keys))
			return -1;
		if (!n)
			return field_error(&c->f, p, "plugins.score.enabled", "each entry needs a name");
		if (cfg->n_score == MAX_SCORE_PLUGINS)
			return field_error(&c->f, p, "plugins.score.enabled", "too many score plugins (at most 16)");
		struct score_plugin_conf *s = &cfg->score[cfg->n_score];
		snprintf(s->name, sizeof s->name, "%s", n);
		s->line = yaml_line(name);
		s->col = yaml_col(name);
		s->weight = 1;
		if (field_integer(&c->f, p, "weight", 0, 1000000, &s->weight, NULL))
			return -1;
		cfg->n_score++;
	}
	return 0;
}

static const struct key_set point_keys = {.where = "an extension point", .known = KEYS("enabled", "disabled")};
static const struct key_set entry_keys = {.where = "enabled[]", .known = KEYS("name")};
static const struct key_set disabled_keys = {.where = "disabled[]", .known = KEYS("name")};

const char *const point_fields[N_POINTS] = {
	[POINT_QUEUE_SORT] = "plugins.queueSort", [POINT_FILTER] = "plugins.filter",
	[POINT_POST_FILTER] = "plugins.postFilter", [POINT_PERMIT] = "plugins.permit",
	[POINT_SCORE] = "plugins.score",	  [POINT_DESCHEDULE] = "descheduleConfig",
};

/* A list of {name} at point.key into out[*n]. */
static int read_names(const struct cfg_ctx *c, yaml_node_t *point, enum extension_point at, const char *key,
		      struct named_plugin *out, int *n)
{
	yaml_node_t *list = yaml_get(c->doc, point, key);
	if (!list)
		return 0;
	char field[96];
	snprintf(field, sizeof field, "%s.%s", point_fields[at], key);
	if (list->type != YAML_SEQUENCE_NODE)
		return field_error(&c->f, list, field, "expected a list of {name}");
	for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
		yaml_node_t *p = yaml_document_get_node(c->doc, *it), *name = yaml_get(c->doc, p, "name");
		if (check(c, p, key[0] == 'e' ? &entry_keys : &disabled_keys))
			return -1;
		if (!yaml_text(name) || strlen(yaml_text(name)) >= sizeof out[0].name)
			return field_error(&c->f, p, field, "each entry needs a name (at most 63 characters)");
		if (*n == MAX_POINT_PLUGINS)
			return field_error(&c->f, p, field, "too many plugins (at most 16)");
		struct named_plugin *np = &out[(*n)++];
		snprintf(np->name, sizeof np->name, "%s", yaml_text(name));
		np->line = yaml_line(name);
		np->col = yaml_col(name);
	}
	return 0;
}

/* An extension point's enabled and disabled plugins, by name as written: which plugins they
 * are, and where they belong, is the profile's to say (sim/profile.c), through the plugin
 * registry. */
static int read_enabled(const struct cfg_ctx *c, yaml_node_t *point, enum extension_point at,
			struct sched_config *cfg)
{
	struct point_plugins *pp = &cfg->points[at];
	if (!point || check(c, point, &point_keys))
		return point ? -1 : 0;
	pp->line = yaml_line(point);
	pp->col = yaml_col(point);
	return read_names(c, point, at, "enabled", pp->enabled, &pp->n) ||
	       read_names(c, point, at, "disabled", pp->disabled, &pp->n_disabled);
}

static int read_points(const struct cfg_ctx *c, yaml_node_t *plugins, struct sched_config *cfg)
{
	static const char *const keys[] = {[POINT_QUEUE_SORT] = "queueSort", [POINT_FILTER] = "filter",
					   [POINT_POST_FILTER] = "postFilter", [POINT_PERMIT] = "permit"};
	for (int at = POINT_QUEUE_SORT; at <= POINT_PERMIT; at++)
		if (read_enabled(c, yaml_get(c->doc, plugins, keys[at]), (enum extension_point)at, cfg))
			return -1;
	return 0;
}

/* Every key of one entry's args, as text; a value that is not text is kept empty and
 * marked, so that only a plugin that reads it objects. */
static int add_arg(const struct cfg_ctx *c, yaml_node_t *key, yaml_node_t *value, const char *name,
		   struct plugin_args *a)
{
	const char *v = yaml_text(value);
	if (a->n == MAX_ARG_KEYS)
		return field_error(&c->f, key, "pluginConfig args", "too many keys (at most 48, nested ones counted)");
	if (v && strlen(v) >= sizeof a->keys[0].value)
		return field_error(&c->f, value, name, "too long (at most 255 characters)");
	struct plugin_arg *arg = &a->keys[a->n++];
	snprintf(arg->key, sizeof arg->key, "%s", name);
	snprintf(arg->value, sizeof arg->value, "%s", v ? v : "");
	arg->scalar = v != NULL;
	arg->line = yaml_line(value);
	arg->col = yaml_col(value);
	arg->key_line = yaml_line(key);
	arg->key_col = yaml_col(key);
	return 0;
}

/* The args under name (a key, its value, and the key's node for positions): a scalar is one
 * arg; a mapping's and a list's entries are args of their own, named name.key and name[i]. */
static int flatten_args(const struct cfg_ctx *c, yaml_node_t *key, yaml_node_t *value, const char *name,
			struct plugin_args *a, int depth)
{
	char sub[192];
	if (depth > 12)
		return field_error(&c->f, value, name, "nested too deep (at most 12 levels)");
	if (value && value->type == YAML_MAPPING_NODE && value->data.mapping.pairs.top > value->data.mapping.pairs.start) {
		for (yaml_node_pair_t *kv = value->data.mapping.pairs.start; kv < value->data.mapping.pairs.top; kv++) {
			yaml_node_t *k = yaml_document_get_node(c->doc, kv->key);
			const char *text = yaml_text(k);
			if (!text || (size_t)snprintf(sub, sizeof sub, "%s%s%s", name, *name ? "." : "", text) >= sizeof a->keys[0].key)
				return field_error(&c->f, k, "pluginConfig args", "expected a short key (at most 159 characters, nested)");
			if (flatten_args(c, k, yaml_document_get_node(c->doc, kv->value), sub, a, depth + 1))
				return -1;
		}
		return 0;
	}
	if (value && value->type == YAML_SEQUENCE_NODE && value->data.sequence.items.top > value->data.sequence.items.start) {
		int i = 0;
		for (yaml_node_item_t *it = value->data.sequence.items.start; it < value->data.sequence.items.top; it++, i++) {
			yaml_node_t *item = yaml_document_get_node(c->doc, *it);
			if ((size_t)snprintf(sub, sizeof sub, "%s[%d]", name, i) >= sizeof a->keys[0].key)
				return field_error(&c->f, item, "pluginConfig args", "expected a short key (at most 159 characters, nested)");
			if (flatten_args(c, item, item, sub, a, depth + 1))
				return -1;
		}
		return 0;
	}
	return add_arg(c, key, value, name, a);
}

static int read_args(const struct cfg_ctx *c, yaml_node_t *args, struct plugin_args *a)
{
	if (!args || args->type != YAML_MAPPING_NODE)
		return 0;
	return flatten_args(c, args, args, "", a, 0);
}

static int read_plugin_args(const struct cfg_ctx *c, yaml_node_t *list, struct sched_config *cfg)
{
	if (!list)
		return 0;
	if (list->type != YAML_SEQUENCE_NODE)
		return field_error(&c->f, list, "pluginConfig", "expected a list of {name, args}");
	for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
		yaml_node_t *p = yaml_document_get_node(c->doc, *it);
		const char *name = yaml_text(yaml_get(c->doc, p, "name"));
		if (check(c, p, &plugin_config_keys))
			return -1;
		if (!name)
			return field_error(&c->f, p, "pluginConfig", "each entry needs a name");
		if (cfg->n_args == MAX_PLUGIN_ARGS)
			return field_error(&c->f, p, "pluginConfig", "too many entries (at most 16)");
		struct plugin_args *a = &cfg->args[cfg->n_args++];
		snprintf(a->plugin, sizeof a->plugin, "%s", name);
		if (read_args(c, yaml_get(c->doc, p, "args"), a))
			return -1;
	}
	return 0;
}

/* percentageOfNodesToScore, 0..100: the profile's, else the top level's, else all nodes (as
 * the reference simulator's configs all write). */
static int read_percentage(const struct cfg_ctx *c, yaml_node_t *profile, struct sched_config *cfg)
{
	int64_t v = NODES_ALL;
	bool present = false;
	cfg->percentage_of_nodes = NODES_ALL;
	if (field_integer(&c->f, yaml_root(c->doc), "percentageOfNodesToScore", 0, 100, &v, &present) ||
	    field_integer(&c->f, profile, "percentageOfNodesToScore", 0, 100, &v, &present))
		return -1;
	cfg->percentage_of_nodes = (int32_t)v;
	return 0;
}

int sched_config_load(struct sched_config *cfg, const char *path, struct error *err)
{
	memset(cfg, 0, sizeof *cfg);
	if (snprintf(cfg->path, sizeof cfg->path, "%s", path) >= (int)sizeof cfg->path)
		return error_at(err, path, 0, 0, "path too long");
	struct yaml_reader r;
	if (open_kind(&r, path, "KubeSchedulerConfiguration", err))
		return -1;
	struct cfg_ctx c = {&r.doc, path, err, {&r.doc, path, NULL, NULL, err}};
	yaml_node_t *profiles = yaml_get(c.doc, yaml_root(c.doc), "profiles");
	int rc = check(&c, yaml_root(c.doc), &sched_keys);
	if (!profiles || profiles->type != YAML_SEQUENCE_NODE || profiles->data.sequence.items.start ==
									     profiles->data.sequence.items.top)
		rc = field_error(&c.f, profiles ? profiles : yaml_root(c.doc), "profiles", "missing (expected one profile)");
	yaml_node_t *profile = rc ? NULL : yaml_document_get_node(c.doc, *profiles->data.sequence.items.start);
	if (!rc) {
		cfg->enabled_line = yaml_line(profile);
		cfg->enabled_col = yaml_col(profile);
		yaml_node_t *plugins = yaml_get(c.doc, profile, "plugins");
		rc = check(&c, profile, &profile_keys) || check(&c, plugins, &plugins_keys) ||
		     check(&c, yaml_get(c.doc, plugins, "score"), &score_keys) ||
		     read_score_plugins(&c, yaml_path(c.doc, profile, "plugins.score.enabled"), cfg) ||
		     read_points(&c, plugins, cfg) || read_percentage(&c, profile, cfg) ||
		     read_plugin_args(&c, yaml_get(c.doc, profile, "pluginConfig"), cfg);
	}
	yaml_reader_release(&r);
	return rc ? -1 : 0;
}

const struct plugin_args *sched_config_args(const struct sched_config *cfg, const char *plugin)
{
	for (int i = 0; cfg && i < cfg->n_args; i++)
		if (strcmp(cfg->args[i].plugin, plugin) == 0)
			return &cfg->args[i];
	return NULL;
}

const struct plugin_arg *plugin_args_get(const struct plugin_args *a, const char *key)
{
	for (int i = 0; a && i < a->n; i++)
		if (strcmp(a->keys[i].key, key) == 0)
			return &a->keys[i];
	return NULL;
}
