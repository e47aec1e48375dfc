/* kube-scheduler's node filters and their scores, on clusters small enough to work out by
 * hand: NodeUnschedulable, TaintToleration and NodeAffinity.  Each placement below is forced by
 * the rules (every other node is turned away, or scores less), and each FitError is counted by
 * hand, its parts sorted as kube-scheduler sorts them.  Where a case reproduces one of the
 * upstream plugin tests (the _test.go files of pkg/scheduler/framework/plugins), its comment says
 * which, in our words.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"

SCRATCH_SUITE(kube_filters, scratch_make);

/* A node of 16 CPUs and 64Gi, with these metadata.labels and spec lines (either may be ""). */
static const char *node(const char *name, const char *cpu, const char *labels, const char *spec)
{
	static char text[8][1024];
	static int turn;
	char *t = text[turn++ % 8];
	snprintf(t, sizeof text[0],
		 "apiVersion: v1\nkind: Node\nmetadata:\n  name: %s\n  labels: {%s}\nspec: {%s}\n"
		 "status:\n  allocatable: {cpu: '%s', memory: 64Gi, pods: '110'}\n---\n",
		 name, labels, spec, cpu);
	return t;
}

/* A pod of `cpu` CPUs with these spec lines (YAML flow, may be ""). */
static const char *pod(const char *name, const char *cpu, const char *spec)
{
	static char text[16][2048];
	static int turn;
	char *t = text[turn++ % 16];
	snprintf(t, sizeof text[0],
		 "apiVersion: v1\nkind: Pod\nmetadata: {name: %s}\nspec:\n  containers: [{name: c, resources: {requests: "
		 "{cpu: '%s', memory: 1Gi}}}]\n%s---\n",
		 name, cpu, spec);
	return t;
}

static struct simulation sim;

static void run(const char *nodes, const char *pods, const char *scorer)
{
	run_written(dir, nodes, pods, scorer, &sim);
}

static void expect_on(const char *pod_name, const char *node_name)
{
	const char *on = placed_on(&sim, pod_name), *want = node_name ? node_name : "(none)";
	cr_assert(strcmp(on, want) == 0, "%s on %s, expected %s", pod_name, on, want);
}

/* pods.csv of the same run, written by `simon apply`, must hold this reason. */
static void expect_reason(const char *reason)
{
	expect_pods_csv(dir, reason);
}

/* Upstream: a pod is not scheduled to an unschedulable node; it is when it tolerates the
 * node.kubernetes.io/unschedulable NoSchedule taint; a schedulable node takes any pod.  big
 * fits only the cordoned 16-CPU node, so it fails there and on the 4-CPU one for CPU; tolerant
 * is the same pod with the toleration; small fits the open node. */
Test(kube_filters, a_cordoned_node_takes_only_pods_that_tolerate_its_cordon)
{
	char nodes[4096], pods[4096];
	snprintf(nodes, sizeof nodes, "%s%s", node("cordoned", "16", "", "unschedulable: true"), node("open", "4", "", ""));
	snprintf(pods, sizeof pods, "%s%s%s", pod("big", "8", ""),
		 pod("tolerant", "8", "  tolerations: [{key: node.kubernetes.io/unschedulable, operator: Exists, "
				      "effect: NoSchedule}]\n"),
		 pod("small", "2", ""));
	run(nodes, pods, "BestFitScore");
	expect_on("big", NULL);
	expect_on("tolerant", "cordoned");
	expect_on("small", "open");
	simulation_release(&sim);
	expect_reason("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.");
}

/* Three tainted nodes and one free one.  Upstream cases, each a pod here:
 *  - no tolerations cannot go to a node with hard taints (plain → free);
 *  - a toleration of key and value, effect empty, tolerates a NoSchedule taint (gpu-job → gpu
 *    or free; the TaintToleration score then prefers gpu, which has no untolerated
 *    PreferNoSchedule taint, over free, which has one: 100 against 0);
 *  - a toleration whose key and value match but whose effect does not cannot go there
 *    (wrong-effect, effect NoExecute on the NoSchedule taint → free);
 *  - Exists with an empty key tolerates every taint (anything, 14 CPUs → any node but free,
 *    too small; the score ties them all at 100);
 *  - several tolerations for several taints, all tolerated (team, 24 CPUs → dedicated, the only
 *    node it fits by CPU);
 *  - a pod that fits only by CPU on tainted nodes finds none, and the FitError names the first
 *    untolerated taint of each node. */
Test(kube_filters, taints_turn_away_pods_that_do_not_tolerate_them)
{
	char nodes[4096], pods[8192];
	snprintf(nodes, sizeof nodes, "%s%s%s%s",
		 node("gpu", "16", "", "taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]"),
		 node("dedicated", "48", "",
		      "taints: [{key: dedicated, value: team-a, effect: NoExecute}, {key: gpu, effect: NoSchedule}]"),
		 node("spare", "16", "", "taints: [{key: spare, value: 'yes', effect: NoSchedule}]"),
		 node("free", "8", "", "taints: [{key: spot, value: 'true', effect: PreferNoSchedule}]"));
	snprintf(pods, sizeof pods, "%s%s%s%s%s%s", pod("plain", "1", ""),
		 pod("gpu-job", "1", "  tolerations: [{key: nvidia.com/gpu, value: present}]\n"),
		 pod("wrong-effect", "1", "  tolerations: [{key: nvidia.com/gpu, value: present, effect: NoExecute}]\n"),
		 pod("anything", "14", "  tolerations: [{operator: Exists}]\n"),
		 pod("team", "24", "  tolerations: [{key: dedicated, operator: Equal, value: team-a}, {key: gpu, operator: "
				   "Exists, effect: NoSchedule}]\n"),
		 pod("too-big", "12", ""));
	run(nodes, pods, "TaintToleration");
	expect_on("plain", "free");
	expect_on("gpu-job", "gpu");
	expect_on("wrong-effect", "free");
	const char *anything = placed_on(&sim, "anything");
	cr_assert(strcmp(anything, "free") && strcmp(anything, "(none)"), "anything on %s", anything);
	expect_on("team", "dedicated");
	expect_on("too-big", NULL);
	simulation_release(&sim);
	expect_reason("0/4 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint "
					 "{dedicated: team-a}, 1 node(s) had untolerated taint {nvidia.com/gpu: present}, "
					 "1 node(s) had untolerated taint {spare: yes}.");
}

/* The issue's own example, counted as kube-scheduler counts and sorts it: one cordoned node,
 * two with the GPU taint, one without GPUs enough. */
Test(kube_filters, the_fit_error_names_every_filter_in_its_words)
{
	const char gpu8[] = "nvidia.com/gpu: '8'", gpu1[] = "nvidia.com/gpu: '1'";
	char nodes[4096], n[4][1024];
	const char *specs[4] = {"unschedulable: true", "taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]",
				"taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]", ""};
	for (int i = 0; i < 4; i++)
		snprintf(n[i], sizeof n[i],
			 "apiVersion: v1\nkind: Node\nmetadata: {name: n%d}\nspec: {%s}\nstatus:\n  allocatable: {cpu: '32', "
			 "memory: 64Gi, %s}\n---\n",
			 i, specs[i], i == 3 ? gpu1 : gpu8);
	snprintf(nodes, sizeof nodes, "%s%s%s%s", n[0], n[1], n[2], n[3]);
	run(nodes,
	    "apiVersion: v1\nkind: Pod\nmetadata: {name: train}\nspec:\n  containers: [{name: c, resources: {limits: "
	    "{nvidia.com/gpu: '4'}}}]\n",
	    "BestFitScore");
	expect_on("train", NULL);
	simulation_release(&sim);
	expect_reason("0/4 nodes are available: 1 Insufficient nvidia.com/gpu, 1 node(s) were "
				      "unschedulable, 2 node(s) had untolerated taint {nvidia.com/gpu: present}.");
}

static const char affinity_pre[] = "  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n"
				   "        nodeSelectorTerms:\n";

/* A pod whose required node affinity is these terms (each "- matchExpressions: [...]"). */
static const char *affine(const char *name, const char *terms)
{
	static char spec[8][1024];
	static int turn;
	char *s = spec[turn++ % 8];
	snprintf(s, sizeof spec[0], "%s%s", affinity_pre, terms);
	return pod(name, "1", s);
}

/* Upstream NodeAffinity cases on three nodes: a (zone z1, gpu a100, cores 64), b (zone z2,
 * gpu v100, cores 16), c (no labels but its hostname).  Each pod has one node that matches. */
Test(kube_filters, required_node_affinity_matches_as_kubernetes_matches)
{
	char nodes[4096], pods[16384];
	snprintf(nodes, sizeof nodes, "%s%s%s", node("a", "16", "zone: z1, gpu: a100, cores: '64'", ""),
		 node("b", "16", "zone: z2, gpu: v100, cores: '16'", ""), node("c", "16", "", ""));
	snprintf(pods, sizeof pods, "%s%s%s%s%s%s%s%s%s",
		 /* In: the label's value is among the values. */
		 affine("in", "        - matchExpressions: [{key: zone, operator: In, values: [z2, z9]}]\n"),
		 /* NotIn matches a node without the label. */
		 affine("not-in", "        - matchExpressions: [{key: zone, operator: NotIn, values: [z1, z2]}]\n"),
		 /* Expressions of a term are ANDed. */
		 affine("and", "        - matchExpressions: [{key: gpu, operator: Exists}, {key: zone, operator: NotIn, "
			       "values: [z1]}]\n"),
		 affine("absent", "        - matchExpressions: [{key: zone, operator: DoesNotExist}]\n"),
		 /* Gt compares whole numbers: 64 > 32, 16 is not. */
		 affine("gt", "        - matchExpressions: [{key: cores, operator: Gt, values: ['32']}]\n"),
		 affine("lt", "        - matchExpressions: [{key: cores, operator: Lt, values: ['32']}]\n"),
		 /* Terms are ORed: the first matches no node, the second b. */
		 affine("ored", "        - matchExpressions: [{key: zone, operator: In, values: [z9]}]\n"
				"        - matchExpressions: [{key: gpu, operator: In, values: [v100]}]\n"),
		 /* matchFields reads the node's name. */
		 affine("by-name", "        - matchFields: [{key: metadata.name, operator: In, values: [c]}]\n"),
		 /* A nodeSelector and a required affinity must both match: none does. */
		 pod("both", "1", "  nodeSelector: {zone: z1}\n  affinity: {nodeAffinity: {requiredDuringSchedulingIgnored"
				  "DuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: gpu, operator: In, "
				  "values: [v100]}]}]}}}\n"));
	run(nodes, pods, "BestFitScore");
	expect_on("in", "b");
	expect_on("not-in", "c");
	expect_on("and", "b");
	expect_on("absent", "c");
	expect_on("gt", "a");
	expect_on("lt", "b");
	expect_on("ored", "b");
	expect_on("by-name", "c");
	expect_on("both", NULL);
	simulation_release(&sim);
	expect_reason("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.");
}

/* Upstream NodeAffinity score: the weights of the preferred terms a node matches, scaled so
 * the best is 100.  a matches the weight-10 term, b the weight-50 one and the weight-5 one:
 * a 10 → 18, b 55 → 100, c 0 → 0; the pod goes to b. */
Test(kube_filters, preferred_node_affinity_scores_by_weight)
{
	char nodes[4096], pods[4096];
	snprintf(nodes, sizeof nodes, "%s%s%s", node("a", "16", "zone: z1", ""), node("b", "16", "zone: z2, gpu: v100", ""),
		 node("c", "16", "", ""));
	snprintf(pods, sizeof pods, "%s",
		 pod("p", "1", "  affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [\n"
			       "    {weight: 10, preference: {matchExpressions: [{key: zone, operator: In, values: [z1]}]}},\n"
			       "    {weight: 50, preference: {matchExpressions: [{key: gpu, operator: Exists}]}},\n"
			       "    {weight: 5, preference: {matchExpressions: [{key: zone, operator: In, values: [z2]}]}}]}}\n"));
	run(nodes, pods, "NodeAffinity");
	expect_on("p", "b");
	simulation_release(&sim);
}

/* The API's rules, each an error at its line and column. */
Test(kube_filters, bad_rules_are_errors_where_they_are_written)
{
	static const struct {
		const char *spec, *error;
	} cases[] = {
		{"  tolerations: [{key: a, operator: Equals}]\n",
		 "pods.yaml:6:36: "},
		{"  tolerations: [{key: a, operator: Equals}]\n",
		 "Pod bad: spec.tolerations[0]: expected Equal or Exists, got 'Equals'"},
		{"  tolerations: [{value: x}]\n",
		 "Pod bad: spec.tolerations[0]: a toleration without a key must have operator Exists"},
		{"  tolerations: [{key: a, effect: Never}]\n",
		 "Pod bad: spec.tolerations[0]: expected empty, NoSchedule, PreferNoSchedule or NoExecute, got 'Never'"},
		{"  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {}}}\n",
		 "nodeSelectorTerms needs at least one term"},
		{"  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
		 "[{matchExpressions: [{key: a, operator: Gt, values: ['x']}]}]}}}\n",
		 "Gt and Lt take one value, a whole number"},
		{"  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
		 "[{matchExpressions: [{key: a, operator: In}]}]}}}\n",
		 "In and NotIn need at least one value"},
		{"  affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 101, "
		 "preference: {}}]}}\n",
		 "weight: expected a whole number from 1 to 100, got '101'"},
		{"  tolerations: [{key: a, operater: Exists}]\n", "unknown field \"operater\" in a toleration (did you mean \"operator\"?)"},
	};
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	write_text(dir, "cluster/nodes.yaml", node("n", "4", "", "taints: [{key: a, effect: NoSchedule}]"));
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		write_text(dir, "cluster/pods.yaml", pod("bad", "1", cases[i].spec));
		char *err = apply_dir_fails(dir, "");
		cr_assert(strstr(err, cases[i].error), "case %zu: expected \"%s\" in: %s", i, cases[i].error, err);
		free(err);
	}
	static const char *const bad_taints[][2] = {
		{"taints: [{key: a, effect: Sometimes}]", "expected NoSchedule, PreferNoSchedule or NoExecute, got 'Sometimes'"},
		{"taints: [{effect: NoSchedule}]", "spec.taints[0]: a taint needs a key"},
		{"taints: [{key: a, effect: NoSchedule}, {key: a, value: b, effect: NoSchedule}]",
		 "spec.taints[1]: a second taint of the same key and effect"},
	};
	write_text(dir, "cluster/pods.yaml", pod("fine", "1", ""));
	for (size_t i = 0; i < sizeof bad_taints / sizeof bad_taints[0]; i++) {
		write_text(dir, "cluster/nodes.yaml", node("n", "4", "", bad_taints[i][0]));
		char *err = apply_dir_fails(dir, "");
		cr_assert(strstr(err, bad_taints[i][1]), "taint case %zu: expected \"%s\" in: %s", i, bad_taints[i][1], err);
		free(err);
	}
}

/* plugins.filter.disabled turns a default filter off, as in Kubernetes: with TaintToleration
 * disabled, the tainted node takes the pod. */
Test(kube_filters, a_disabled_default_filter_does_not_run)
{
	write_text(dir, "cluster/nodes.yaml", node("tainted", "4", "", "taints: [{key: a, effect: NoSchedule}]"));
	write_text(dir, "cluster/pods.yaml", pod("p", "1", ""));
	write_cluster_config(dir, "");
	write_text(dir, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: s\n    plugins:\n      filter:\n        disabled: [{name: TaintToleration}]\n"
		   "      score:\n        enabled: [{name: BestFitScore, weight: 1}]\n");
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, &sim, &err), 0, "%s", err.msg);
	expect_on("p", "tainted");
	simulation_release(&sim);
	write_text(dir, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: s\n    plugins:\n      score:\n        enabled: [{name: BestFitScore, weight: 1}]\n");
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, &sim, &err), 0, "%s", err.msg);
	expect_on("p", NULL);
	simulation_release(&sim);
}

/* The profile's addedAffinity holds every pod to zone z2, first of NodeAffinity's checks: p goes
 * to b, the one z2 node; q, held to z1 by its own selector, is turned away by the added
 * affinity on a and c and by its selector on b.  Its preferred term (weight 40) scores too. */
Test(kube_filters, added_affinity_applies_to_every_pod)
{
	char nodes[4096], pods[4096];
	snprintf(nodes, sizeof nodes, "%s%s%s", node("a", "16", "zone: z1", ""), node("b", "16", "zone: z2", ""),
		 node("c", "16", "", ""));
	snprintf(pods, sizeof pods, "%s%s", pod("p", "1", ""), pod("q", "1", "  nodeSelector: {zone: z1}\n"));
	write_text(dir, "cluster/nodes.yaml", nodes);
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	write_text(dir, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: s\n    plugins:\n      score:\n        enabled: [{name: NodeAffinity, weight: 1}]\n"
		   "    pluginConfig:\n      - name: NodeAffinity\n        args:\n          addedAffinity:\n"
		   "            requiredDuringSchedulingIgnoredDuringExecution:\n              nodeSelectorTerms:\n"
		   "              - matchExpressions: [{key: zone, operator: In, values: [z2]}]\n"
		   "            preferredDuringSchedulingIgnoredDuringExecution:\n"
		   "            - {weight: 40, preference: {matchExpressions: [{key: zone, operator: Exists}]}}\n");
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, &sim, &err), 0, "%s", err.msg);
	expect_on("p", "b");
	expect_on("q", NULL);
	simulation_release(&sim);
	expect_reason("0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) didn't "
		      "match scheduler-enforced node affinity.");
}

/* percentageOfNodesToScore as kube-scheduler's: 200 nodes (za: m000..m099, zb: m100..m199) at
 * 50% make a cycle look for 100 feasible nodes, in NodeTree order (the zones in turn: m000,
 * m100, m001, m101, ...), starting where the last cycle stopped.  The first pod's 100 are
 * m000..m049 and m100..m149; the second's m050..m099 and m150..m199; the third's the first
 * window again.  All nodes are alike and empty, so each pod goes to a node of its window. */
Test(kube_filters, a_sampled_cycle_looks_at_the_nodes_in_turn)
{
	static char nodes[200 * 200];
	size_t len = 0;
	for (int i = 0; i < 200; i++)
		len += (size_t)snprintf(nodes + len, sizeof nodes - len,
					"apiVersion: v1\nkind: Node\nmetadata: {name: m%03d, labels: {topology.kubernetes.io/zone: %s}}\n"
					"status: {allocatable: {cpu: '8', memory: 8Gi}}\n---\n",
					i, i < 100 ? "za" : "zb");
	char pods[4096];
	snprintf(pods, sizeof pods, "%s%s%s", pod("a", "1", ""), pod("b", "1", ""), pod("c", "1", ""));
	write_text(dir, "cluster/nodes.yaml", nodes);
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	write_text(dir, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: s\n    percentageOfNodesToScore: 50\n    plugins:\n      score:\n"
		   "        enabled: [{name: NodeResourcesFit, weight: 1}]\n");
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, &sim, &err), 0, "%s", err.msg);
	const char *names[] = {"a", "b", "c"};
	for (int k = 0; k < 3; k++) {
		int i = atoi(placed_on(&sim, names[k]) + 1), in_first = i % 100 < 50;
		cr_assert_eq(in_first, k != 1, "pod %s on m%03d", names[k], i);
	}
	simulation_release(&sim);
}

/* A pod already bound to a node with a NoExecute taint it does not tolerate stays, as the
 * kubelet runs it, but Kubernetes' taint manager would evict it: simon counts it under
 * not_modelled.  One that tolerates the taint is not counted. */
Test(kube_filters, bound_pods_a_no_execute_taint_would_evict_are_named)
{
	write_text(dir, "cluster/nodes.yaml", node("n", "8", "", "taints: [{key: gone, effect: NoExecute}]"));
	write_text(dir, "cluster/pods.yaml",
		   "apiVersion: v1\nkind: Pod\nmetadata: {name: stays}\nspec: {nodeName: n, containers: [{name: c, resources: "
		   "{requests: {cpu: '1'}}}]}\nstatus: {phase: Running}\n---\n"
		   "apiVersion: v1\nkind: Pod\nmetadata: {name: tolerant}\nspec: {nodeName: n, tolerations: [{key: gone, "
		   "operator: Exists}], containers: [{name: c, resources: {requests: {cpu: '1'}}}]}\nstatus: {phase: Running}\n");
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, &sim, &err), 0, "%s", err.msg);
	cr_assert_eq(sim.trace.workload.unmodelled[UM_NO_EXECUTE], 1);
	expect_on("stays", "n");
	simulation_release(&sim);
}
