/* The reference's later steps (sim/later.h, sim/deschedule.h): each deschedule policy's
 * victims worked out by hand from its definitions, and the new target workload. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sim/later.h"
#include "tests/support.h"

SCRATCH_SUITE(deschedule, scratch_make);

static char pods[8192];

/* A pod; with zone, pinned to the nodes labelled so. */
static void pod_in(const char *name, const char *cpu, int gpus, int milli, const char *zone)
{
	size_t len = strlen(pods);
	snprintf(pods + len, sizeof pods - len, "%s%s", len ? "---\n" : "", pod_yaml(name, cpu, gpus, milli, NULL, -1, -1));
	len = strlen(pods);
	if (zone)
		snprintf(pods + len, sizeof pods - len, "  nodeSelector:\n    zone: %s\n", zone);
}

static void pod(const char *name, const char *cpu, int gpus, int milli)
{
	pod_in(name, cpu, gpus, milli, NULL);
}

/* A node of 32 CPUs and two T4s in a zone. */
static const char *zoned_node(const char *name, const char *zone)
{
	static char text[1024];
	snprintf(text, sizeof text, "%s", node_yaml(name, "32", "64Gi", 2, "T4"));
	char *labels = strstr(text, "  labels:\n");
	cr_assert(labels);
	char rest[1024];
	snprintf(rest, sizeof rest, "%s", labels + strlen("  labels:\n"));
	snprintf(labels, sizeof text - (size_t)(labels - text), "  labels:\n    zone: %s\n%s", zone, rest);
	return text;
}

/* Inflation mode, BestFit, with these customConfig lines. */
static void run(struct simulation *s, const char *nodes, const char *custom)
{
	write_text(dir, "cluster/nodes.yaml", nodes);
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, custom);
	write_sched_config(dir, "BestFitScore", "best");
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 42, s, &err), 0, "%s", err.msg);
	cr_assert_not_null(s->later);
}

static const char *victim(const struct simulation *s, size_t k)
{
	cr_assert(k < s->later->deschedule.evicted);
	return s->run.arrivals.pods[s->later->deschedule.victims[k]].name;
}

/* n1: 4 CPUs, 2 GPUs.  P1 (1 CPU, 300 milli of a GPU) and P2 (2 CPUs, no GPU): 1000 milli-CPU
 * left (under the 2000 bar), GPU0 700 milli free (over the 500 bar), so n1 is eligible.  With
 * P1 taken off the node has [2000, 2000] free against P1's [1000, 300]: cosine 0.8805; with P2
 * off, [3000, 1700] against [2000, 0]: 0.8700.  P2 is the less alike: the victim. */
Test(deschedule, cos_sim_evicts_the_least_alike_pod)
{
	pod("P1", "1", 1, 300);
	pod("P2", "2", 0, 0);
	struct simulation s;
	run(&s, node_yaml("n1", "4", "16Gi", 2, "T4"), "    descheduleConfig:\n      ratio: 0.5\n      policy: cosSim\n");
	const struct deschedule_result *d = &s.later->deschedule;
	cr_assert_eq(d->limit, 1);
	cr_assert_eq(d->evicted, 1);
	cr_assert_str_eq(victim(&s, 0), "P2");
	cr_assert_eq(d->failed, 0);
	cr_assert_str_eq(placed_on(&s, "P2"), "n1", "it comes back to the only node");
	simulation_release(&s);
}

/* With 2000 milli-CPU free the node is past the bar: nothing is evicted. */
Test(deschedule, cos_sim_leaves_nodes_with_cpu_to_spare)
{
	pod("P1", "1", 1, 300);
	pod("P2", "1", 0, 0);
	struct simulation s;
	run(&s, node_yaml("n1", "4", "16Gi", 2, "T4"), "    descheduleConfig:\n      ratio: 1\n      policy: cosSim\n");
	cr_assert_eq(s.later->deschedule.evicted, 0);
	simulation_release(&s);
}

/* n1 and n2 have 2 GPUs and CPU to spare.  On n1, A1 takes 500 milli of GPU0 and A2 all of GPU1;
 * on n2, B1 and B2 the same.  The typical pods are half (500 milli) and half (a whole GPU).
 * F of each node: the half pod fits (nothing too small for it), the whole one does not (all
 * 500 idle milli): F = 0.5 × 500 = 250.  Without A1: both fit, F = 0, a drop of 250; without
 * A2: the whole pod fits and GPU0's 500 are too small for it, F = 250, no drop.  So A1, then
 * (its node's F now 0) B1. */
static void two_nodes_two_pods_each(struct simulation *s, const char *policy)
{
	pod_in("A1", "1", 1, 500, "a");
	pod_in("A2", "1", 1, 1000, "a");
	pod_in("B1", "1", 1, 500, "b");
	pod_in("B2", "1", 1, 1000, "b");
	char nodes[4096], custom[256];
	snprintf(nodes, sizeof nodes, "%s---\n", zoned_node("n1", "a"));
	strcat(nodes, zoned_node("n2", "b"));
	snprintf(custom, sizeof custom, "    descheduleConfig:\n      ratio: 0.75\n      policy: %s\n", policy);
	run(s, nodes, custom);
}

Test(deschedule, frag_one_pod_evicts_the_pod_that_cuts_fragmentation_most)
{
	struct simulation s;
	two_nodes_two_pods_each(&s, "fragOnePod");
	const struct deschedule_result *d = &s.later->deschedule;
	cr_assert_eq(d->limit, 3);
	cr_assert_eq(d->evicted, 2, "one pod per node, and only a pod whose removal lowers F");
	cr_assert_str_eq(victim(&s, 0), "A1", "n1 and n2 tie at F 250: the lower index first");
	cr_assert_str_eq(victim(&s, 1), "B1");
	cr_assert_eq(d->failed, 0);
	cr_assert_float_eq(d->before.frag_ratio_pct, 50, 1e-9, "500 of 1000 idle milli fragmented");
	simulation_release(&s);
}

/* fragMultiPod pops the node of most F (a tie: n1, the lower index) and evicts A1; n1 goes back
 * with F 0 and n2 (250) is popped next: B1.  With the limit of 3 left, n1 and n2 are popped at F
 * 0, have nothing that lowers it, and leave the heap. */
Test(deschedule, frag_multi_pod_goes_back_to_the_heap)
{
	struct simulation s;
	two_nodes_two_pods_each(&s, "fragMultiPod");
	const struct deschedule_result *d = &s.later->deschedule;
	cr_assert_eq(d->evicted, 2);
	cr_assert_str_eq(victim(&s, 0), "A1");
	cr_assert_str_eq(victim(&s, 1), "B1");
	cr_assert_eq(d->failed, 0);
	cr_assert_float_eq(d->after.frag_ratio_pct, 50, 1e-9, "they come back where they were: nothing changes");
	simulation_release(&s);
}

Test(deschedule, an_unknown_policy_is_an_error_with_the_nearest)
{
	pod("P1", "1", 1, 300);
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "4", "16Gi", 2, "T4"));
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "    descheduleConfig:\n      ratio: 0.5\n      policy: fragOnePods\n");
	write_sched_config(dir, "BestFitScore", "best");
	char *err = apply_dir_fails(dir, "");
	cr_assert(strstr(err, "cluster.yaml:12:15: unknown policy \"fragOnePods\" in descheduleConfig (did you mean "
			      "\"fragOnePod\"?)"),
		  "%s", err);
	free(err);
}

/* newWorkloadConfig: after the schedule, the typical pods are the new folder's. */
Test(deschedule, a_new_workload_becomes_the_target)
{
	pod("P1", "1", 1, 300);
	write_text(dir, "new/pods.yaml", pod_yaml("Q1", "2", 2, 1000, NULL, -1, -1));
	struct simulation s;
	run(&s, node_yaml("n1", "4", "16Gi", 2, "T4"), "    newWorkloadConfig: new\n");
	cr_assert(s.later->has_new_workload);
	cr_assert_eq(s.later->new_typical.n, 1);
	cr_assert_eq(s.later->new_typical.items[0].gpu_count, 2);
	/* Against two whole GPUs, GPU0's 700 free milli and GPU1's 1000 are all fragmented. */
	cr_assert_float_eq(s.run.result.final.frag_ratio_pct, 100, 1e-9);
	simulation_release(&s);
}

/* exportConfig: the snapshots land under their prefixes, and the pod snapshot read back with the
 * nodes rebuilds the state (each pod on its node and GPUs); a pod that did not run is marked and
 * left out when read back. */
Test(deschedule, a_snapshot_read_back_gives_the_same_state)
{
	pod("P1", "1", 1, 300);
	pod("P2", "2", 1, 1000);
	pod("P3", "1", 1, 600);
	pod("big", "64", 0, 0);
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 2, "T4"));
	write_text(dir, "cluster/pods.yaml", pods);
	char custom[1024];
	snprintf(custom, sizeof custom,
		 "    exportConfig:\n      podSnapshotYamlFilePrefix: %s/snap\n      nodeSnapshotCSVFilePrefix: %s/snap\n", dir,
		 dir);
	write_cluster_config(dir, custom);
	write_sched_config(dir, "BestFitScore", "best");
	char *nodes1 = apply_dir(dir, "", "nodes.csv");
	char path[1024];
	snprintf(path, sizeof path, "%s/snap/InitSchedule/node-snapshot.csv", dir);
	char *csv = slurp(path);
	cr_assert_not_null(csv);
	/* n1: P1 (300) and P3 (600) share GPU0; P2 takes GPU1; 4000 milli-CPU left. */
	cr_assert(strstr(csv, "\nn1,,T4,8,2,17179869184,15109,3,4000,17179869184,100,1510,0,0,"), "%s", csv);
	free(csv);
	snprintf(path, sizeof path, "%s/snap/InitSchedule/pod-snapshot.yaml", dir);
	char *yaml = slurp(path);
	cr_assert(strstr(yaml, "  name: 'big'\n  namespace: 'default'\n  annotations:\n    simon/pod-unscheduled: 'true'\n"),
		  "%s", yaml);
	write_text(dir, "cluster/pods.yaml", yaml);
	write_cluster_config(dir, "");
	char *nodes2 = apply_dir(dir, "", "nodes.csv");
	cr_assert_str_eq(nodes1, nodes2);
	free(yaml);
	free(nodes1);
	free(nodes2);
}

/* An exportConfig place that cannot be written fails before the run, and nothing is written:
 * not the snapshots, not -o's report.  Before, the run ran, -o was written in full, and only
 * then did the snapshots fail. */
Test(deschedule, an_unwritable_export_place_fails_before_anything_is_written)
{
	pod("P1", "1", 1, 300);
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 2, "T4"));
	write_text(dir, "cluster/pods.yaml", pods);
	write_text(dir, "a-file", "not a folder\n");
	char custom[1024];
	snprintf(custom, sizeof custom, "    exportConfig:\n      podSnapshotYamlFilePrefix: %s/a-file/snap\n", dir);
	write_cluster_config(dir, custom);
	write_sched_config(dir, "BestFitScore", "best");
	char out[1024];
	snprintf(out, sizeof out, "-o %s/out", dir);
	char *err = apply_dir_fails(dir, out);
	cr_assert(strstr(err, "a-file"), "%s", err);
	free(err);
	snprintf(out, sizeof out, "%s/out", dir);
	cr_assert_eq(files_in(out), -1, "-o's folder was not even made");
}

/* A pod arriving at `at`, in namespace ns (NULL: none), with these annotation lines ("" for
 * none). */
static void pod_at(const char *name, const char *ns, const char *cpu, int milli, long at, const char *annos)
{
	char doc[2048];
	snprintf(doc, sizeof doc, "%s", pod_yaml(name, cpu, 1, milli, NULL, at, -1));
	char rest[2048], *a = strstr(doc, "  annotations:\n");
	cr_assert(a);
	snprintf(rest, sizeof rest, "%s", a + strlen("  annotations:\n"));
	snprintf(a, sizeof doc - (size_t)(a - doc), "%s%s%s%s  annotations:\n%s%s", ns ? "  namespace: " : "", ns ? ns : "",
		 ns ? "\n" : "", "", annos, rest);
	size_t len = strlen(pods);
	snprintf(pods + len, sizeof pods - len, "%s%s", len ? "---\n" : "", doc);
}

/* b arrives before a; both ask the same (3.5 CPUs, 300 milli), so cosSim weighs them alike and
 * takes the first it lists.  The reference lists a node's pods by namespace, then name: a, in
 * one namespace; b, when b's namespace comes first.  Before, simon weighed them in arrival
 * order and took b either way. */
Test(deschedule, a_nodes_pods_are_weighed_as_the_reference_lists_them)
{
	static const struct {
		const char *ns_a, *ns_b, *victim;
	} cases[] = {{NULL, NULL, "a"}, {"zz", "aa", "b"}};
	for (size_t k = 0; k < 2; k++) {
		pods[0] = '\0';
		pod_at("b", cases[k].ns_b, "3500m", 300, 1, "");
		pod_at("a", cases[k].ns_a, "3500m", 300, 2, "");
		struct simulation s;
		run(&s, node_yaml("n1", "8", "16Gi", 2, "T4"), "    descheduleConfig:\n      ratio: 1\n      policy: cosSim\n");
		cr_assert_eq(s.later->deschedule.evicted, 1);
		cr_assert_str_eq(victim(&s, 0), cases[k].victim, "case %zu", k);
		simulation_release(&s);
	}
}

/* Q (3.5 CPUs, 600 milli) takes GPU0; P (3.5 CPUs, 300 milli) is pinned to GPU1.  cosSim: with Q
 * off, [4500, 1700] against [3500, 600], cosine 0.9817; with P off, [4500, 1400] against
 * [3500, 300], 0.9767: P goes.  Made anew without its pin, as the reference makes it, P's GPU is
 * chosen again: best is the GPU with the least idle that fits, GPU0 (400 free).  Kept pinned
 * (before), it went back to GPU1. */
Test(deschedule, a_victim_loses_its_gpu_pin)
{
	pods[0] = '\0';
	pod_at("Q", NULL, "3500m", 600, 1, "");
	pod_at("P", NULL, "3500m", 300, 2, "    alibabacloud.com/gpu-index: '1'\n");
	struct simulation s;
	run(&s, node_yaml("n1", "8", "16Gi", 2, "T4"), "    descheduleConfig:\n      ratio: 1\n      policy: cosSim\n");
	cr_assert_eq(s.later->deschedule.evicted, 1);
	cr_assert_str_eq(victim(&s, 0), "P");
	cr_assert_eq(placed_gpus(&s, "P"), 1u, "GPU0, chosen again (mask %u)", placed_gpus(&s, "P"));
	simulation_release(&s);
}

/* The reference's snapshot columns: a node's capacity (whole cores, rounded up; bytes) and its
 * node-ip label; the pod list holds only the pods that ran, by namespace and name, each with
 * its namespace, its node's ip and its creation time as written. */
Test(deschedule, snapshots_in_the_reference_format)
{
	pods[0] = '\0';
	pod_at("z", "team", "1", 300, 5, "");
	pod_at("y", "team", "1", 300, 6, "");
	char *at = strstr(pods, "creation-time: '6'");
	cr_assert(at);
	char rest[8192];
	snprintf(rest, sizeof rest, "%s", at + strlen("creation-time: '6'"));
	snprintf(at, sizeof pods - (size_t)(at - pods), "creation-time: '1970-01-01T00:00:06Z'%s", rest);
	pod("huge", "64", 0, 0);
	char node[2048];
	snprintf(node, sizeof node, "%s", node_yaml("n1", "8", "16Gi", 2, "T4"));
	char *labels = strstr(node, "  labels:\n");
	cr_assert(labels);
	snprintf(rest, sizeof rest, "%s", labels + strlen("  labels:\n"));
	snprintf(labels, sizeof node - (size_t)(labels - node), "  labels:\n    node-ip: 10.0.0.7\n%s", rest);
	strcat(node, "  capacity:\n    cpu: 8500m\n    memory: 17Gi\n");
	write_text(dir, "cluster/nodes.yaml", node);
	write_text(dir, "cluster/pods.yaml", pods);
	char custom[1024];
	snprintf(custom, sizeof custom, "    exportConfig:\n      nodeSnapshotCSVFilePrefix: %s/snap\n", dir);
	write_cluster_config(dir, custom);
	write_sched_config(dir, "BestFitScore", "best");
	free(apply_dir(dir, "", "nodes.csv"));
	char path[1024];
	snprintf(path, sizeof path, "%s/snap/InitSchedule/node-snapshot.csv", dir);
	char *csv = slurp(path);
	cr_assert(strstr(csv, "\nn1,10.0.0.7,T4,9,2,18253611008,15109,2,6000,18253611008,"), "%s", csv);
	free(csv);
	snprintf(path, sizeof path, "%s/snap/InitSchedule/pod-snapshot.csv", dir);
	csv = slurp(path);
	const char *want = "creation_time\n"
			   "y,team,10.0.0.7,1000,,1,0,30,300,T4,15109,4532,<none>,1970-01-01T00:00:06Z\n"
			   "z,team,10.0.0.7,1000,,1,0,30,300,T4,15109,4532,<none>,5\n";
	cr_assert(strstr(csv, want) && !strstr(csv, "huge"), "%s", csv);
	free(csv);
}

/* The reference's own pod snapshot reads as a trace: its bind time (alibabacloud.com/assume-time)
 * is accepted and unused, its pinned pod lands where it was, and its marked pod is left out. */
Test(deschedule, the_references_snapshot_is_readable)
{
	pods[0] = '\0';
	pod_at("ran", "paib-gpu", "1", 300, 5,
	       "    alibabacloud.com/assume-time: '1666856327380553000'\n    alibabacloud.com/gpu-index: '1'\n");
	strcat(pods, "  nodeSelector:\n    kubernetes.io/hostname: n1\n");
	pod_at("failed", "paib-gpu", "64", 300, 6, "    simon/pod-unscheduled: 'true'\n");
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 2, "T4"));
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	struct simulation s;
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 42, &s, &err), 0, "%s", err.msg);
	cr_assert_eq(s.trace.workload.n_pods, 1, "the marked pod is left out");
	cr_assert_eq(placed_gpus(&s, "ran"), 2u, "on its pinned GPU1");
	simulation_release(&s);
}
