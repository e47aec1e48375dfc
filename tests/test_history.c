/* A Kubernetes export's pods as Kubernetes records them: bound to a node (spec.nodeName) they
 * run there first, passing no filter; finished (Succeeded, Failed) they hold nothing in
 * inflation and replay their recorded run in replay; namespaces keep two of a name apart.
 * Every timeline below is worked out by hand. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tests/support.h"

SCRATCH_SUITE(history, scratch_make);

static const char nodes[] = "apiVersion: v1\nkind: List\nitems:\n"
			    "- kind: Node\n  metadata: {name: a}\n"
			    "  status: {allocatable: {cpu: '4', memory: 16Gi, nvidia.com/gpu: '2'}}\n"
			    "- kind: Node\n  metadata: {name: b}\n"
			    "  status: {allocatable: {cpu: '4', memory: 16Gi, nvidia.com/gpu: '2'}}\n";

static void run_mode(enum run_mode mode, const char *policy, struct simulation *s)
{
	write_text(dir, "cluster/nodes.yaml", nodes);
	write_cluster_config(dir, "");
	write_sched_config(dir, policy, "best");
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, mode, 1, s, &err), 0, "%s", err.msg);
}

/* The bound pod is placed first, on b where it runs, though created last and though its
 * selector matches no node; so the 2-CPU pod created before it finds 1 CPU left on b and goes
 * to a. */
Test(history, a_bound_pod_runs_on_its_node_before_any_is_scheduled)
{
	write_text(dir, "cluster/pods.yaml",
		   "kind: Pod\nmetadata: {name: early, creationTimestamp: '2026-11-30T07:00:00Z'}\n"
		   "spec: {containers: [{name: c, resources: {requests: {cpu: '2'}}}]}\n---\n"
		   "kind: Pod\nmetadata: {name: running, creationTimestamp: '2026-11-30T08:00:00Z'}\n"
		   "spec:\n  nodeName: b\n  nodeSelector: {nowhere: 'true'}\n"
		   "  containers: [{name: c, resources: {requests: {cpu: '3'}}}]\n"
		   "status: {phase: Running, startTime: '2026-11-30T08:00:05Z'}\n");
	struct simulation s;
	run_mode(MODE_INFLATION, "BestFitScore", &s);
	cr_assert_eq(s.run.arrivals.bound, 1);
	cr_assert_str_eq(s.run.arrivals.pods[0].name, "running");
	cr_assert_str_eq(placed_on(&s, "running"), "b", "its selector matches nothing: no filter ran");
	cr_assert_str_eq(placed_on(&s, "early"), "a");
	simulation_release(&s);
}

/* Two running pods bound to a 4-CPU node asking 3 + 2 CPUs: the export cannot be, and the error
 * names the pod, the node and both amounts. */
Test(history, bound_pods_that_overrun_their_node_are_an_error)
{
	write_text(dir, "cluster/nodes.yaml", nodes);
	write_text(dir, "cluster/pods.yaml",
		   "kind: Pod\nmetadata: {name: one}\nspec:\n  nodeName: a\n"
		   "  containers: [{name: c, resources: {requests: {cpu: '3'}}}]\n---\n"
		   "kind: Pod\nmetadata: {name: two}\nspec:\n  nodeName: a\n"
		   "  containers: [{name: c, resources: {requests: {cpu: '2'}}}]\n");
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	char *out = apply_dir_fails(dir, "");
	cr_assert(strstr(out, "pods.yaml:10:13: Pod two: spec.nodeName: Node a cannot hold it: its running pods ask "
			      "for 5000 cpu (milli), it has 4000 allocatable"),
		  "%s", out);
	free(out);
}

Test(history, a_node_name_no_node_has_is_an_error_with_the_nearest)
{
	write_text(dir, "cluster/nodes.yaml", nodes);
	write_text(dir, "cluster/pods.yaml",
		   "kind: Pod\nmetadata: {name: one}\nspec:\n  nodeName: c\n"
		   "  containers: [{name: c, resources: {requests: {cpu: '1'}}}]\n");
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	char *out = apply_dir_fails(dir, "");
	cr_assert(strstr(out, "pods.yaml:4:13: Pod one: spec.nodeName: no Node 'c' in the cluster; did you mean a?"), "%s",
		  out);
	free(out);
}

static const char finished[] =
	"kind: Pod\nmetadata: {name: done, creationTimestamp: '2026-11-30T07:00:00Z'}\n"
	"spec:\n  nodeName: a\n  containers: [{name: c, resources: {requests: {cpu: '4', nvidia.com/gpu: '2'}}}]\n"
	"status:\n  phase: Succeeded\n  startTime: '2026-11-30T07:00:20Z'\n  containerStatuses:\n"
	"  - state: {terminated: {startedAt: '2026-11-30T07:00:30Z', finishedAt: '2026-11-30T07:10:30Z'}}\n"
	"  - state: {terminated: {startedAt: '2026-11-30T07:00:40Z', finishedAt: '2026-11-30T07:20:30Z'}}\n"
	"---\n"
	"kind: Pod\nmetadata: {name: next, creationTimestamp: '2026-11-30T07:05:00Z'}\n"
	"spec: {containers: [{name: c, resources: {requests: {cpu: '4', nvidia.com/gpu: '2'}}}]}\n"
	"---\n"
	"kind: Pod\nmetadata: {name: third, creationTimestamp: '2026-11-30T07:06:00Z'}\n"
	"spec: {containers: [{name: c, resources: {requests: {cpu: '4', nvidia.com/gpu: '2'}}}]}\n";

/* Inflation: the finished pod holds nothing, so the two others take both nodes. */
Test(history, inflation_leaves_finished_pods_out)
{
	write_text(dir, "cluster/pods.yaml", finished);
	struct simulation s;
	run_mode(MODE_INFLATION, "BestFitScore", &s);
	cr_assert_eq(s.run.arrivals.n, 2);
	cr_assert_eq(s.run.arrivals.finished_left_out, 1);
	cr_assert_eq(s.run.result.scheduled, 2);
	simulation_release(&s);
}

/* Replay: "done" arrives at 07:00:00 and runs its recorded 20 min (first startedAt 07:00:30 to
 * last finishedAt 07:20:30, so 1200 s) on a node the policy picks, not the one it ran on; "next"
 * (07:05:00) takes the other node; "third" (07:06:00) waits for "done" to end at 07:20:00,
 * 840 s later, and runs for ever (no recorded end). */
Test(history, replay_runs_a_finished_pod_for_its_recorded_run)
{
	write_text(dir, "cluster/pods.yaml", finished);
	struct simulation s;
	run_mode(MODE_REPLAY, "BestFitScore", &s);
	const int64_t seven = 1796022000;   /* 2026-11-30T07:00:00Z */
	const struct pod_outcome *done = outcome_of(&s, "done"), *third = outcome_of(&s, "third");
	cr_assert_eq(done->arrival, seven);
	cr_assert_eq(done->start, seven);
	cr_assert_eq(done->end, seven + 1200);
	cr_assert_eq(outcome_of(&s, "next")->start, seven + 300);
	cr_assert_eq(third->arrival, seven + 360);
	cr_assert_eq(third->start, seven + 1200);
	cr_assert_eq(third->end, TIME_NONE);
	cr_assert_str_eq(placed_on(&s, "third"), placed_on(&s, "done"));
	simulation_release(&s);
}

/* A bound running pod arrives in replay at its status.startTime (08:00:05), not at its creation. */
Test(history, replay_starts_a_bound_pod_at_its_start_time)
{
	write_text(dir, "cluster/pods.yaml",
		   "kind: Pod\nmetadata: {name: running, creationTimestamp: '2026-11-30T08:00:00Z'}\n"
		   "spec:\n  nodeName: b\n  containers: [{name: c, resources: {requests: {cpu: '3'}}}]\n"
		   "status: {phase: Running, startTime: '2026-11-30T08:00:05Z'}\n");
	struct simulation s;
	run_mode(MODE_REPLAY, "BestFitScore", &s);
	cr_assert_eq(outcome_of(&s, "running")->start, 1796025605);
	cr_assert_str_eq(placed_on(&s, "running"), "b");
	simulation_release(&s);
}

/* The Alibaba annotations keep precedence over Kubernetes' own times. */
Test(history, alibaba_times_take_precedence)
{
	write_text(dir, "cluster/pods.yaml",
		   "kind: Pod\nmetadata:\n  name: p\n  creationTimestamp: '2026-11-30T08:00:00Z'\n"
		   "  annotations: {alibabacloud.com/creation-time: '100', alibabacloud.com/scheduled-time: '110',\n"
		   "    alibabacloud.com/deletion-time: '160'}\n"
		   "spec: {containers: [{name: c, resources: {requests: {cpu: '1'}}}]}\n"
		   "status:\n  phase: Succeeded\n  containerStatuses:\n"
		   "  - state: {terminated: {startedAt: '2026-11-30T08:00:30Z', finishedAt: '2026-11-30T08:10:30Z'}}\n");
	struct simulation s;
	run_mode(MODE_REPLAY, "BestFitScore", &s);
	const struct pod_outcome *o = outcome_of(&s, "p");
	cr_assert_eq(o->arrival, 100);
	cr_assert_eq(o->end - o->start, 50);
	simulation_release(&s);
}

/* Two jobs named "train" in two namespaces are two gangs: each of 2 pods, min-available 2. */
Test(history, namespaces_keep_two_groups_of_one_name_apart)
{
	char pods[4096] = "";
	const char *spaces[] = {"red", "red", "blue", "blue"};
	for (int k = 0; k < 4; k++) {
		char one[512];
		snprintf(one, sizeof one,
			 "%skind: Pod\nmetadata:\n  name: w%d\n  namespace: %s\n"
			 "  labels: {pod-group.scheduling.sigs.k8s.io/name: train, "
			 "pod-group.scheduling.sigs.k8s.io/min-available: '2'}\n"
			 "spec: {containers: [{name: c, resources: {requests: {cpu: '1'}}}]}\n",
			 k ? "---\n" : "", k % 2 ? k - 1 : k, spaces[k]);
		strcat(pods, one);
	}
	write_text(dir, "cluster/pods.yaml", pods);
	struct simulation s;
	run_mode(MODE_INFLATION, "BestFitScore", &s);
	const struct workload *w = &s.trace.workload;
	cr_assert_eq(w->n_jobs, 2);
	cr_assert_str_eq(w->jobs[0], "blue/train");
	cr_assert_str_eq(w->jobs[1], "red/train");
	simulation_release(&s);
}
