/* Priorities and the PrioritySort queue: PriorityClass documents, priorityClassName, the global
 * default, qosPriorities and their errors, worked out by hand; and replay timelines, by hand,
 * of a queue in FIFO and in priority order. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sim/report/waits.h"
#include "tests/support.h"

SCRATCH_SUITE(priority, scratch_make);

static const char classes[] = "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\n"
			      "value: 1000\npreemptionPolicy: Never\n---\n"
			      "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: low\n"
			      "value: -5\nglobalDefault: true\n";

/* A pod YAML with spec lines appended (priority, priorityClassName) and a qos annotation. */
static void add_pod(char *out, size_t size, const char *name, const char *qos, const char *spec_lines)
{
	char pod[2048];
	snprintf(pod, sizeof pod, "%s", pod_yaml(name, "1", 0, 0, NULL, -1, -1));
	if (qos) {
		char *annos = strstr(pod, "spec:");
		char rest[2048];
		snprintf(rest, sizeof rest, "%s", annos);
		snprintf(annos, sizeof pod - (size_t)(annos - pod), "  annotations:\n    alibabacloud.com/qos: %s\n%s", qos,
			 rest);
	}
	size_t len = strlen(out);
	snprintf(out + len, size - len, "%s%s%s", len ? "---\n" : "", pod, spec_lines);
}

static int load(const char *pods, const char *custom, struct trace *t, struct error *err)
{
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 1, "T4"));
	write_text(dir, "cluster/classes.yaml", classes);
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, custom);
	char path[1024];
	snprintf(path, sizeof path, "%s/cluster.yaml", dir);
	return trace_load(t, path, err);
}

static const struct pod_spec *pod_named(const struct trace *t, const char *name)
{
	for (size_t i = 0; i < t->workload.n_pods; i++)
		if (strcmp(t->workload.pods[i].name, name) == 0)
			return &t->workload.pods[i];
	cr_assert_fail("no pod %s", name);
	return NULL;
}

Test(priority, each_pod_gets_its_priority)
{
	char pods[8192] = "";
	add_pod(pods, sizeof pods, "by-class", NULL, "  priorityClassName: high\n");
	add_pod(pods, sizeof pods, "by-default", NULL, "");
	add_pod(pods, sizeof pods, "written", "LS", "  priority: 7\n");
	add_pod(pods, sizeof pods, "by-qos", "LS", "");
	add_pod(pods, sizeof pods, "other-qos", "BE", "");
	add_pod(pods, sizeof pods, "built-in", NULL, "  priorityClassName: system-node-critical\n");
	add_pod(pods, sizeof pods, "both-agree", NULL, "  priority: 1000\n  priorityClassName: high\n");
	/* A kubectl export writes the policy on every pod: read, and agreeing with its class. */
	add_pod(pods, sizeof pods, "exported", NULL, "  priority: 1000\n  priorityClassName: high\n  preemptionPolicy: Never\n");
	add_pod(pods, sizeof pods, "own-never", NULL, "  priority: 7\n  preemptionPolicy: Never\n");
	struct trace t;
	struct error err;
	cr_assert_eq(load(pods, "    qosPriorities:\n      LS: 500\n      Burstable: 100\n", &t, &err), 0, "%s", err.msg);
	cr_assert_eq(pod_named(&t, "by-class")->priority, 1000);
	cr_assert(pod_named(&t, "by-class")->never_preempts, "high says preemptionPolicy: Never");
	cr_assert_eq(pod_named(&t, "by-default")->priority, -5, "low is the global default");
	cr_assert_not(pod_named(&t, "by-default")->never_preempts);
	cr_assert_eq(pod_named(&t, "written")->priority, 7, "spec.priority before the QoS map");
	cr_assert_eq(pod_named(&t, "by-qos")->priority, 500);
	cr_assert_eq(pod_named(&t, "other-qos")->priority, -5, "BE is not mapped: the global default");
	cr_assert_eq(pod_named(&t, "built-in")->priority, 2000001000);
	cr_assert_eq(pod_named(&t, "both-agree")->priority, 1000);
	cr_assert(pod_named(&t, "exported")->never_preempts);
	cr_assert(pod_named(&t, "own-never")->never_preempts, "no class decides: the pod's own policy holds");
	cr_assert_not(pod_named(&t, "written")->never_preempts);
	trace_release(&t);
}

static const struct {
	const char *spec;       /* the pod's spec lines */
	const char *custom;     /* customConfig lines */
	const char *extra;      /* another classes file, or NULL */
	const char *message;
} bad[] = {
	{"  priorityClassName: hihg\n", "", NULL,
	 "pods.yaml:12:22: Pod p: spec.priorityClassName: no PriorityClass 'hihg' in the cluster's YAML; did you mean "
	 "high?"},
	{"  priorityClassName: high\n  priority: 5\n", "", NULL,
	 "pods.yaml:12:22: Pod p: spec.priority 5 is not PriorityClass high's value 1000"},
	{"", "", "apiVersion: v1\nkind: PriorityClass\nmetadata:\n  name: other\nvalue: 3\nglobalDefault: true\n",
	 "more.yaml:1: PriorityClass other: globalDefault: a second global default (low is one)"},
	{"", "", "apiVersion: v1\nkind: PriorityClass\nmetadata:\n  name: high\nvalue: 3\n",
	 "more.yaml:1: PriorityClass high: a second class of this name"},
	{"", "", "apiVersion: v1\nkind: PriorityClass\nmetadata:\n  name: x\nvalue: 3\npreemptionPolicy: Sometimes\n",
	 "more.yaml:6:19: PriorityClass x: preemptionPolicy: expected PreemptLowerPriority or Never"},
	{"", "", "apiVersion: v1\nkind: PriorityClass\nmetadata:\n  name: x\n", "PriorityClass x: value: missing"},
	{"  priority: 3000000000\n", "", NULL, "Pod p: priority: expected a whole number from -2147483648 to 2147483647"},
	/* As Kubernetes' Priority admission: the pod's policy must be its class's. */
	{"  priorityClassName: high\n  preemptionPolicy: PreemptLowerPriority\n", "", NULL,
	 "pods.yaml:12:22: Pod p: spec.preemptionPolicy PreemptLowerPriority is not PriorityClass high's Never (Kubernetes "
	 "rejects such a pod)"},
	{"  preemptionPolicy: Never\n", "", NULL,
	 "pods.yaml:1: Pod p: spec.preemptionPolicy Never is not PriorityClass low's PreemptLowerPriority"},
	{"  preemptionPolicy: Sometimes\n", "", NULL,
	 "pods.yaml:12:21: Pod p: spec.preemptionPolicy: expected PreemptLowerPriority or Never"},
	{"", "    qosPriorities:\n      LS: high\n", NULL, "cluster.yaml:11:11: LS: expected a whole number"},
};

Test(priority, bad_priorities_are_errors_at_their_place)
{
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char pods[4096] = "";
		add_pod(pods, sizeof pods, "p", NULL, bad[i].spec);
		char path[1024];
		snprintf(path, sizeof path, "%s/cluster/more.yaml", dir);
		remove(path);
		if (bad[i].extra)
			write_text(dir, "cluster/more.yaml", bad[i].extra);
		struct trace t;
		struct error err = {{0}};
		cr_assert_neq(load(pods, bad[i].custom, &t, &err), 0, "case %zu loaded", i);
		cr_assert(strstr(err.msg, bad[i].message), "case %zu:\n  got  %s\n  want %s", i, err.msg, bad[i].message);
		trace_release(&t);
	}
}

/* One node with one GPU.  r holds it from 0 to 100; x (priority 0) arrives at 10 for 50 s, y
 * (priority 100) at 20 for 30 s.  FIFO: x runs 100–150, y 150–180.  PrioritySort: y runs
 * 100–130, x 130–180.  With equal priorities PrioritySort is FIFO. */
static void timeline(const char *queue_sort, int y_priority, long x_start, long y_start)
{
	char pods[8192] = "", line[64];
	snprintf(pods, sizeof pods, "%s", pod_yaml("r", "1", 1, 1000, NULL, 0, 100));
	strcat(pods, "---\n");
	strcat(pods, pod_yaml("x", "1", 1, 1000, NULL, 10, 60));
	strcat(pods, "---\n");
	strcat(pods, pod_yaml("y", "1", 1, 1000, NULL, 20, 50));
	snprintf(line, sizeof line, "  priority: %d\n", y_priority);
	strcat(pods, line);
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 1, "T4"));
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	char sched[2048];
	snprintf(sched, sizeof sched,
		 "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		 "  - schedulerName: simon-scheduler\n    plugins:\n%s      score:\n        enabled:\n"
		 "          - name: BestFitScore\n            weight: 1\n",
		 queue_sort);
	write_text(dir, "sched.yaml", sched);
	struct simulation s;
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, 42, &s, &err), 0, "%s", err.msg);
	cr_assert_eq(outcome_of(&s, "r")->start, 0);
	cr_assert_eq(outcome_of(&s, "x")->start, x_start, "x starts at %lld", (long long)outcome_of(&s, "x")->start);
	cr_assert_eq(outcome_of(&s, "y")->start, y_start, "y starts at %lld", (long long)outcome_of(&s, "y")->start);
	/* Waits by class: y's alone; r's 0 and x's x_start − 10, whose mean, nearest-rank median
	 * (the 1st of 2) and 95th percentile (the 2nd) follow. */
	size_t n;
	struct class_waits *w = waits_by_priority(&s.run.arrivals, &s.run.result, &n);
	cr_assert_eq(n, y_priority ? 2 : 1);
	const struct class_waits *low = &w[n - 1];
	if (y_priority) {
		cr_assert_eq(w[0].priority, y_priority);
		cr_assert_eq(w[0].pods, 1);
		cr_assert_eq(w[0].max, y_start - 20);
		cr_assert_eq(low->pods, 2);
		cr_assert_float_eq(low->mean, (x_start - 10) / 2.0, 1e-9);
		cr_assert_eq(low->p50, 0);
		cr_assert_eq(low->p95, x_start - 10);
		cr_assert_eq(low->max, x_start - 10);
	}
	free(w);
	simulation_release(&s);
}

static const char priority_sort[] = "      queueSort:\n        enabled:\n          - name: PrioritySort\n";

Test(priority, fifo_queue)
{
	timeline("", 100, 100, 150);
}

Test(priority, priority_sort_puts_the_higher_first)
{
	timeline(priority_sort, 100, 130, 100);
}

Test(priority, priority_sort_is_fifo_among_equals)
{
	timeline(priority_sort, 0, 100, 150);
}

Test(priority, an_unknown_queue_sort_is_an_error)
{
	char *err = NULL;
	write_text(dir, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: simon-scheduler\n    plugins:\n      queueSort:\n        enabled:\n"
		   "          - name: PriortySort\n      score:\n        enabled:\n          - name: BestFitScore\n");
	char args[1200];
	snprintf(args, sizeof args, "validate -f data/example/cluster-config.yaml -s %s/sched.yaml", dir);
	cr_assert_eq(run_simon(args, &err), 1);
	cr_assert(strstr(err, "sched.yaml:8:19: ") && strstr(err, "PriortySort") && strstr(err, "PrioritySort"), "%s",
		  err);
	free(err);
}

/* Kubernetes allows one queue sort per profile: two are an error naming both (before, the last
 * won, and [Coscheduling, PrioritySort] turned gangs off in silence). */
Test(priority, two_queue_sorts_are_an_error)
{
	char *err = NULL;
	write_text(dir, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: simon-scheduler\n    plugins:\n      queueSort:\n        enabled:\n"
		   "          - name: Coscheduling\n          - name: PrioritySort\n      score:\n        enabled:\n"
		   "          - name: BestFitScore\n");
	char args[1200];
	snprintf(args, sizeof args, "validate -f data/example/cluster-config.yaml -s %s/sched.yaml", dir);
	cr_assert_eq(run_simon(args, &err), 1);
	cr_assert(strstr(err, "sched.yaml:9:19: plugins.queueSort.enabled: Coscheduling and PrioritySort are both enabled; "
			      "a profile has one queue sort"),
		  "%s", err);
	free(err);
}

/* The load knob on a hand-made trace: one node with 2 GPUs (2,000 milli).  a (1 GPU) runs
 * 0–100, b (1 GPU) 100–150, c (2 GPUs) 200–300.  The window is the first to the last arrival
 * here (3 pods: the 1st and 99th percentiles are the ends), 0–200: a holds 1,000 milli for 100
 * s, b for 50, c starts at its end: 150,000 / (2,000 × 200) = 37.5%.  Compressed by 2: a 0–100,
 * b 50–100, c 100–200, window 0–100: 150,000 / (2,000 × 100) = 75%; and c starts at 100, when
 * a and b leave. */
static void write_load_trace(void)
{
	char pods[4096];
	snprintf(pods, sizeof pods, "%s---\n", pod_yaml("a", "1", 1, 1000, NULL, 0, 100));
	strcat(pods, pod_yaml("b", "1", 1, 1000, NULL, 100, 150));
	strcat(pods, "---\n");
	strcat(pods, pod_yaml("c", "1", 2, 1000, NULL, 200, 300));
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 2, "T4"));
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
}

static void replay_with(struct simulation *s, double scale, double target)
{
	char path[1024], sched[1024];
	snprintf(path, sizeof path, "%s/cluster.yaml", dir);
	snprintf(sched, sizeof sched, "%s/sched.yaml", dir);
	struct sim_options o = {.cluster_config = path, .scheduler_config = sched, .mode = MODE_REPLAY,
				.arrival_scale = scale, .target_load = target};
	struct error err;
	cr_assert_eq(simulation_run(s, &o, &err), 0, "%s", err.msg);
}

Test(priority, the_load_knob_by_hand)
{
	write_load_trace();
	struct simulation s;
	replay_with(&s, 0, 0);
	cr_assert_float_eq(s.run.arrivals.offered_gpu_load_pct, 37.5, 1e-9);
	cr_assert_float_eq(s.run.arrivals.scale, 1, 0);
	cr_assert_eq(outcome_of(&s, "c")->start, 200);
	simulation_release(&s);
	replay_with(&s, 2, 0);
	cr_assert_float_eq(s.run.arrivals.offered_gpu_load_pct, 75, 1e-9);
	cr_assert_eq(outcome_of(&s, "b")->arrival, 50);
	cr_assert_eq(outcome_of(&s, "b")->end, 100, "b keeps its 50 s");
	cr_assert_eq(outcome_of(&s, "c")->arrival, 100);
	cr_assert_eq(outcome_of(&s, "c")->start, 100);
	cr_assert_eq(outcome_of(&s, "c")->end, 200);
	simulation_release(&s);
	/* Several k offer 75% here (whole seconds make the load a step function of k); the one found
	 * gives it, and the same k given as a scale gives the same. */
	replay_with(&s, 0, 75);
	double k = s.run.arrivals.scale, load = s.run.arrivals.offered_gpu_load_pct;
	cr_assert_float_eq(load, 75, 1.0, "got %g", load);
	simulation_release(&s);
	replay_with(&s, k, 0);
	cr_assert_float_eq(s.run.arrivals.offered_gpu_load_pct, load, 0);
	simulation_release(&s);
}

Test(priority, the_load_knob_says_what_it_cannot_do)
{
	write_load_trace();
	char args[2048], *err = NULL;
	snprintf(args, sizeof args, "apply -f %s/cluster.yaml -s %s/sched.yaml --target-load 100", dir, dir);
	cr_assert_eq(run_simon(args, &err), 2, "inflation mode has no load knob");
	cr_assert(strstr(err, "--target-load: sets the load of a replay; add --mode replay"), "%s", err);
	free(err);
	snprintf(args, sizeof args, "apply -f %s/cluster.yaml -s %s/sched.yaml -m replay --target-load 1000", dir, dir);
	cr_assert_eq(run_simon(args, &err), 1);
	cr_assert(strstr(err, "--target-load 1000: these arrivals offer from"), "%s", err);
	free(err);
	snprintf(args, sizeof args, "apply -f %s/cluster.yaml -s %s/sched.yaml -m replay --arrival-scale 0", dir, dir);
	cr_assert_eq(run_simon(args, &err), 2);
	cr_assert(strstr(err, "--arrival-scale: expected a number from 1e-06 to 1e+09, got '0'"), "%s", err);
	free(err);
}

/* n1: 8 CPUs and a T4; n2: 8 CPUs, no GPU.  "big" asks for 64 CPUs: no node could ever take
 * it; "v100" asks for a V100: n1's model does not match and n2 has no GPU.  In replay both
 * fail when they arrive, with Kubernetes' message, and "ok" runs. */
Test(priority, a_pod_that_can_never_fit_fails_with_its_reason)
{
	char nodes[4096], pods[4096];
	snprintf(nodes, sizeof nodes, "%s---\n", node_yaml("n1", "8", "16Gi", 1, "T4"));
	strcat(nodes, node_yaml("n2", "8", "16Gi", 0, NULL));
	snprintf(pods, sizeof pods, "%s---\n", pod_yaml("big", "64", 0, 0, NULL, 0, 100));
	strcat(pods, pod_yaml("v100", "1", 1, 1000, "V100", 0, 100));
	strcat(pods, "---\n");
	strcat(pods, pod_yaml("ok", "1", 1, 1000, NULL, 10, 100));
	write_text(dir, "cluster/nodes.yaml", nodes);
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	char *csv = apply_dir(dir, "-m replay", "pods.csv");
	cr_assert(strstr(csv, ",0/2 nodes are available: 2 Insufficient cpu.,\n"), "%s", csv);
	cr_assert(strstr(csv, ",\"0/2 nodes are available: 1 Insufficient alibabacloud.com/gpu-count, 1 node(s) didn't "
			      "match GPU model.\",\n"),
		  "%s", csv);
	cr_assert(strstr(csv, "\nok,1000,1024,1,1000,,n1,0,10,10,100,0,0,0,,\n"), "%s", csv);
	free(csv);
}

/* Inflation, on n1 (8 CPUs, 16Gi, two T4s): "full" takes both GPUs and 1 CPU; "share" wants half
 * a GPU, "cpu" 8 CPUs.  Neither fits when it arrives, and each gets the filter's reasons as the
 * node stood then. */
Test(priority, a_pod_without_room_gets_the_filter_reasons)
{
	char pods[4096];
	snprintf(pods, sizeof pods, "%s---\n", pod_yaml("full", "1", 2, 1000, NULL, 0, -1));
	strcat(pods, pod_yaml("share", "1", 1, 500, NULL, 1, -1));
	strcat(pods, "---\n");
	strcat(pods, pod_yaml("cpu", "8", 0, 0, NULL, 2, -1));
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 2, "T4"));
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	char *csv = apply_dir(dir, "", "pods.csv");
	cr_assert(strstr(csv, ",0/1 nodes are available: 1 Insufficient alibabacloud.com/gpu-milli.,\n"), "%s", csv);
	cr_assert(strstr(csv, "\ncpu,8000,1024,0,0,,,,,,,,0,0,0/1 nodes are available: 1 Insufficient cpu.,\n"), "%s", csv);
	free(csv);
}
