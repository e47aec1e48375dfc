#include "tests/support.h"

#include "sim/util/textfile.h"

#include <cjson/cJSON.h>

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

char *scratch_make(void)
{
	char *dir = strdup("/tmp/simon-test-XXXXXX");
	cr_assert(dir && mkdtemp(dir), "cannot create a scratch folder");
	return dir;
}

char *scratch_cluster(void)
{
	char *dir = scratch_make();
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 2, "T4"));
	return dir;
}

void scratch_remove(char *dir)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert(system(cmd) == 0);
	free(dir);
}

void write_text(const char *dir, const char *name, const char *text)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0777);
		*p = '/';
	}
	FILE *f = fopen(path, "w");
	cr_assert(f, "cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

void write_cluster_config(const char *dir, const char *custom)
{
	char text[2048];
	snprintf(text, sizeof text,
		 "apiVersion: simon/v1alpha1\nkind: Config\nmetadata:\n  name: test\nspec:\n  cluster:\n"
		 "    customConfig: cluster\n  customConfig:\n    shufflePod: false\n%s",
		 custom);
	write_text(dir, "cluster.yaml", text);
}

void write_sched_config(const char *dir, const char *plugin, const char *gpu_sel)
{
	char text[2048];
	snprintf(text, sizeof text,
		 "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		 "  - schedulerName: simon-scheduler\n    plugins:\n      score:\n        enabled:\n"
		 "          - name: %s\n            weight: 1000\n    pluginConfig:\n      - name: Open-Gpu-Share\n"
		 "        args:\n          gpuSelMethod: %s\n",
		 plugin, gpu_sel);
	write_text(dir, "sched.yaml", text);
}

void config_in_code(struct sched_config *cfg, const char *path, const char *const *plugins, const int64_t *weights,
		    int n)
{
	memset(cfg, 0, sizeof *cfg);
	snprintf(cfg->path, sizeof cfg->path, "%s", path);
	cfg->percentage_of_nodes = NODES_ALL;
	for (int i = 0; i < n; i++) {
		snprintf(cfg->score[i].name, sizeof cfg->score[i].name, "%s", plugins[i]);
		cfg->score[i].weight = weights[i];
	}
	cfg->n_score = n;
}

struct plugin_args *config_args(struct sched_config *cfg, const char *plugin, const char *const *pairs)
{
	struct plugin_args *a = &cfg->args[cfg->n_args++];
	snprintf(a->plugin, sizeof a->plugin, "%s", plugin);
	for (; pairs && *pairs; pairs += 2, a->n++) {
		snprintf(a->keys[a->n].key, sizeof a->keys[a->n].key, "%s", pairs[0]);
		snprintf(a->keys[a->n].value, sizeof a->keys[a->n].value, "%s", pairs[1]);
		a->keys[a->n].scalar = true;
	}
	return a;
}

struct node_spec *add_test_node(struct workload *w, const char *name, int64_t cpu, int gpus, int model)
{
	struct node_spec *n = workload_add_node(w);
	n->name = name;
	n->cpu_milli = cpu;
	n->mem_bytes = 1LL << 40;
	n->max_pods = 110;
	n->gpu_count = gpus;
	n->model = gpus ? model : -1;
	n->rack = -1;
	return n;
}

const char *node_yaml(const char *name, const char *cpu, const char *mem, int gpus, const char *model)
{
	static char text[1024];
	char labels[256] = "", gpu[128] = "";
	if (model)
		snprintf(labels, sizeof labels, "  labels:\n    alibabacloud.com/gpu-card-model: %s\n", model);
	if (gpus)
		snprintf(gpu, sizeof gpu, "    alibabacloud.com/gpu-count: '%d'\n", gpus);
	snprintf(text, sizeof text,
		 "apiVersion: v1\nkind: Node\nmetadata:\n  name: %s\n%sstatus:\n  allocatable:\n    cpu: '%s'\n"
		 "    memory: %s\n%s",
		 name, labels, cpu, mem, gpu);
	return text;
}

const char *pod_yaml(const char *name, const char *cpu, int gpu_count, int gpu_milli, const char *model,
		     long creation, long deletion)
{
	static char text[1024];
	char annos[512] = "";
	size_t n = 0;
	if (gpu_count)
		n += (size_t)snprintf(annos + n, sizeof annos - n,
				      "    alibabacloud.com/gpu-milli: '%d'\n    alibabacloud.com/gpu-count: '%d'\n",
				      gpu_milli, gpu_count);
	if (model)
		n += (size_t)snprintf(annos + n, sizeof annos - n, "    alibabacloud.com/gpu-card-model: '%s'\n", model);
	if (creation >= 0)
		n += (size_t)snprintf(annos + n, sizeof annos - n, "    alibabacloud.com/creation-time: '%ld'\n", creation);
	if (deletion >= 0)
		n += (size_t)snprintf(annos + n, sizeof annos - n, "    alibabacloud.com/deletion-time: '%ld'\n", deletion);
	snprintf(text, sizeof text,
		 "apiVersion: v1\nkind: Pod\nmetadata:\n  name: %s\n%s%sspec:\n  containers:\n  - name: main\n"
		 "    resources:\n      requests:\n        cpu: %s\n        memory: 1Gi\n",
		 name, n ? "  annotations:\n" : "", annos, cpu);
	return text;
}

int run_dir(const char *dir, enum run_mode mode, uint64_t seed, struct simulation *s, struct error *err)
{
	char cc[1024], sc[1024];
	snprintf(cc, sizeof cc, "%s/cluster.yaml", dir);
	snprintf(sc, sizeof sc, "%s/sched.yaml", dir);
	struct sim_options o = {.cluster_config = cc, .scheduler_config = sc, .mode = mode, .has_seed = true,
				.seed = seed};
	return simulation_run(s, &o, err);
}

static size_t index_of(const struct simulation *s, const char *pod)
{
	for (size_t i = 0; i < s->run.arrivals.n; i++)
		if (strcmp(s->run.arrivals.pods[i].name, pod) == 0)
			return i;
	cr_assert_fail("no pod named %s in the run", pod);
	return 0;
}

const struct pod_outcome *outcome_of(const struct simulation *s, const char *pod)
{
	return &s->run.result.outcomes[index_of(s, pod)];
}

const char *placed_on(const struct simulation *s, const char *pod)
{
	const struct pod_outcome *o = outcome_of(s, pod);
	return o->node < 0 ? "(none)" : s->run.cluster.spec[o->node].name;
}

uint32_t placed_gpus(const struct simulation *s, const char *pod)
{
	return outcome_of(s, pod)->gpus;
}

int run_simon(const char *args, char **err_text)
{
	char errfile[] = "/tmp/simon-stderr-XXXXXX";
	int fd = mkstemp(errfile);
	cr_assert(fd >= 0);
	close(fd);
	char cmd[4096];
	/* args starting with "&&" are a command line of their own, run from the source folder. */
	if (strncmp(args, "&&", 2) == 0)
		snprintf(cmd, sizeof cmd, "cd '%s' %s >/dev/null 2>'%s'", SIMON_SOURCE_DIR, args, errfile);
	else
		snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s >/dev/null 2>'%s'", SIMON_SOURCE_DIR, SIMON_BIN, args,
			 errfile);
	int status = system(cmd);
	if (err_text)
		*err_text = slurp(errfile);
	unlink(errfile);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *slurp(const char *path)
{
	char *text;
	size_t size;
	struct error err;
	return textfile_read(path, &text, &size, &err) ? NULL : text;
}

int have_openb(void)
{
	struct stat st;
	return stat(OPENB_DIR "/openb_pod_list_default", &st) == 0;
}

int files_in(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.' || (e->d_name[1] && strcmp(e->d_name, ".."));
	closedir(d);
	return n;
}

char *slurp_results(const char *path)
{
	char *text = slurp(path);
	if (!text)
		return NULL;
	size_t n = strlen(path);
	if (n > 5 && strcmp(path + n - 5, ".json") == 0) {
		cJSON *j = cJSON_Parse(text);
		free(text);
		if (!j)
			return NULL;
		cJSON_DeleteItemFromObject(j, "provenance");
		text = cJSON_PrintUnformatted(j);
		cJSON_Delete(j);
		return text;
	}
	/* HTML: the provenance is one line of its own. */
	char *line = strstr(text, "<p class=\"provenance\">");
	if (line) {
		char *end = strchr(line, '\n');
		memmove(line, end ? end + 1 : line + strlen(line), strlen(end ? end + 1 : line + strlen(line)) + 1);
	}
	return text;
}

/* Inserts text after the first line that starts with `after` in doc (a buffer of size). */
static void insert_after(char *doc, size_t size, const char *after, const char *text)
{
	char *at = strstr(doc, after);
	cr_assert(at, "no '%s' in %s", after, doc);
	at = strchr(at, '\n') + 1;
	size_t len = strlen(text), rest = strlen(at);
	cr_assert(at - doc + len + rest < size, "hand trace too long");
	memmove(at + len, at, rest + 1);
	memcpy(at, text, len);
}

static void append_doc(char *docs, size_t size, const char *doc)
{
	size_t len = strlen(docs);
	cr_assert(len + strlen(doc) + 5 < size, "hand trace too long");
	snprintf(docs + len, size - len, "%s%s", len ? "---\n" : "", doc);
}

void hand_node(struct hand_trace *t, const char *name, int gpus, const char *labels)
{
	char doc[2048];
	snprintf(doc, sizeof doc, "%s", node_yaml(name, "32", "64Gi", gpus, "T4"));
	insert_after(doc, sizeof doc, "  labels:", labels);
	append_doc(t->nodes, sizeof t->nodes, doc);
}

void hand_pod(struct hand_trace *t, const char *name, const char *cpu, int gpus, long at, long run, const char *labels,
	      const char *spec)
{
	char doc[4096], label_block[1024] = "";
	snprintf(doc, sizeof doc, "%s%s", pod_yaml(name, cpu, gpus, 1000, NULL, at, at + run), spec);
	if (*labels)
		snprintf(label_block, sizeof label_block, "  labels:\n%s", labels);
	insert_after(doc, sizeof doc, "  name:", label_block);
	append_doc(t->pods, sizeof t->pods, doc);
}

void hand_write(struct hand_trace *t, const char *dir, const char *custom)
{
	write_text(dir, "cluster/nodes.yaml", t->nodes);
	if (t->pods[0])   /* pods may come from elsewhere (a CSV or JSON trace) */
		write_text(dir, "cluster/pods.yaml", t->pods);
	write_cluster_config(dir, custom);
	t->nodes[0] = t->pods[0] = '\0';
}

void write_sched_with(const char *dir, const char *plugins, const char *profile)
{
	char sched[4096];
	snprintf(sched, sizeof sched,
		 "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		 "  - schedulerName: simon-scheduler\n    plugins:\n%s      score:\n        enabled:\n"
		 "          - name: BestFitScore\n%s",
		 plugins, profile);
	write_text(dir, "sched.yaml", sched);
}

char *apply_dir(const char *dir, const char *extra, const char *file)
{
	char args[2048];
	snprintf(args, sizeof args, "apply -q -f %s/cluster.yaml -s %s/sched.yaml %s -o %s/out", dir, dir, extra, dir);
	cr_assert_eq(run_simon(args, NULL), 0, "%s", args);
	snprintf(args, sizeof args, "%s/out/%s", dir, file);
	char *text = slurp(args);
	cr_assert_not_null(text, "no %s", args);
	return text;
}

char *apply_dir_fails(const char *dir, const char *extra)
{
	char args[2048], *err = NULL;
	snprintf(args, sizeof args, "apply -q -f %s/cluster.yaml -s %s/sched.yaml %s", dir, dir, extra);
	cr_assert_eq(run_simon(args, &err), 1, "%s", args);
	return err;
}

void run_written(const char *dir, const char *nodes, const char *pods, const char *scorer, struct simulation *s)
{
	write_text(dir, "cluster/nodes.yaml", nodes);
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	write_sched_config(dir, scorer, "best");
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, s, &err), 0, "%s", err.msg);
}

void expect_pods_csv(const char *dir, const char *text)
{
	char *csv = apply_dir(dir, "", "pods.csv");
	cr_assert(strstr(csv, text), "expected \"%s\" in\n%s", text, csv);
	free(csv);
}
