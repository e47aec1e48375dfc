/* InterPodAffinity and PodTopologySpread on four nodes worked out by hand: n1 and n2 in zone z1,
 * n3 and n4 in zone z2, 16 CPUs each.  Pods are placed in name order; every placement asserted
 * is forced by the rules, and every FitError is counted by hand.  Where a case reproduces one
 * of the upstream plugin tests (interpodaffinity and podtopologyspread in kubernetes/kubernetes),
 * its comment says which, in our words.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tests/support.h"

SCRATCH_SUITE(pod_affinity, scratch_make);

static const char nodes[] =
	"apiVersion: v1\nkind: List\nitems:\n"
	"- {kind: Node, metadata: {name: n1, labels: {zone: z1}}, status: {allocatable: {cpu: '16', memory: 64Gi}}}\n"
	"- {kind: Node, metadata: {name: n2, labels: {zone: z1}}, status: {allocatable: {cpu: '16', memory: 64Gi}}}\n"
	"- {kind: Node, metadata: {name: n3, labels: {zone: z2}}, status: {allocatable: {cpu: '16', memory: 64Gi}}}\n"
	"- {kind: Node, metadata: {name: n4, labels: {zone: z2}}, status: {allocatable: {cpu: '16', memory: 64Gi}}}\n";

/* A pod of 1 CPU with these labels (flow mapping body, may be "") and spec lines. */
static const char *pod(const char *name, const char *labels, const char *spec)
{
	static char text[32][2048];
	static int turn;
	char *t = text[turn++ % 32];
	snprintf(t, sizeof text[0],
		 "apiVersion: v1\nkind: Pod\nmetadata: {name: %s, labels: {%s}}\nspec:\n  containers: [{name: c, resources: "
		 "{requests: {cpu: '1'}}}]\n%s---\n",
		 name, labels, spec);
	return t;
}

static struct simulation sim;

static void run(const char *pods, const char *scorer)
{
	run_written(dir, nodes, pods, scorer, &sim);
}

static const char *on(const char *pod_name)
{
	return placed_on(&sim, pod_name);
}

static bool in_zone(const char *node, int zone)
{
	return zone == 1 ? !strcmp(node, "n1") || !strcmp(node, "n2") : !strcmp(node, "n3") || !strcmp(node, "n4");
}

static void expect_reason(const char *reason)
{
	expect_pods_csv(dir, reason);
}

#define ANTI(sel, key) "  affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: " sel ", topologyKey: " key "}]}}\n"
#define AFFINE(sel, key) "  affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: " sel ", topologyKey: " key "}]}}\n"

/* Upstream: a pod with anti-affinity to its own app by hostname cannot share a node with
 * another; four replicas take the four nodes and the fifth finds none. */
Test(pod_affinity, anti_affinity_by_hostname_keeps_replicas_apart)
{
	char pods[8192] = "";
	for (int i = 1; i <= 5; i++) {
		char name[16];
		snprintf(name, sizeof name, "web-%d", i);
		strcat(pods, pod(name, "app: web", ANTI("{matchLabels: {app: web}}", "kubernetes.io/hostname")));
	}
	run(pods, "BestFitScore");
	const char *seen[4];
	for (int i = 0; i < 4; i++) {
		char name[16];
		snprintf(name, sizeof name, "web-%d", i + 1);
		seen[i] = on(name);
		cr_assert(strcmp(seen[i], "(none)"), "%s found no node", name);
		for (int j = 0; j < i; j++)
			cr_assert(strcmp(seen[i], seen[j]), "%s shares %s", name, seen[i]);
	}
	cr_assert_str_eq(on("web-5"), "(none)");
	simulation_release(&sim);
	expect_reason("0/4 nodes are available: 4 node(s) didn't match pod anti-affinity rules.");
}

/* Upstream's symmetry: an existing pod's anti-affinity turns away a pod it matches, though that
 * pod has no rule of its own.  a-db runs in z1 (its selector) and keeps app=web out of z1:
 * b-web, also held to z1 by its selector, finds 2 nodes outside its selector and 2 turned away
 * by a-db; c-web goes to z2. */
Test(pod_affinity, existing_pods_anti_affinity_counts_against_newcomers)
{
	char pods[8192];
	snprintf(pods, sizeof pods, "%s%s%s",
		 pod("a-db", "app: db", "  nodeSelector: {zone: z1}\n" ANTI("{matchLabels: {app: web}}", "zone")),
		 pod("b-web", "app: web", "  nodeSelector: {zone: z1}\n"), pod("c-web", "app: web", ""));
	run(pods, "BestFitScore");
	cr_assert(in_zone(on("a-db"), 1));
	cr_assert_str_eq(on("b-web"), "(none)");
	cr_assert(in_zone(on("c-web"), 2), "c-web on %s", on("c-web"));
	simulation_release(&sim);
	expect_reason("0/4 nodes are available: 2 node(s) didn't match Pod's node affinity/selector, 2 node(s) didn't "
		      "satisfy existing pods anti-affinity rules.");
}

/* Required affinity: a-cache is pinned to n3; b-app wants a cache in its zone (z2), c-app on its
 * node (n3).  d-lone wants app=lone in its zone and is the first such pod: it matches its own
 * term, so it is let in (upstream: "the first pod of a group with affinity to itself").  e-orphan
 * wants a pod no one is: every node turns it away. */
Test(pod_affinity, required_affinity_follows_the_pods_it_names)
{
	char pods[8192];
	snprintf(pods, sizeof pods, "%s%s%s%s%s",
		 pod("a-cache", "app: cache", "  nodeSelector: {kubernetes.io/hostname: n3}\n"),
		 pod("b-app", "", AFFINE("{matchLabels: {app: cache}}", "zone")),
		 pod("c-app", "", AFFINE("{matchExpressions: [{key: app, operator: In, values: [cache]}]}", "kubernetes.io/hostname")),
		 pod("d-lone", "app: lone", AFFINE("{matchLabels: {app: lone}}", "zone")),
		 pod("e-orphan", "", AFFINE("{matchLabels: {app: missing}}", "zone")));
	run(pods, "BestFitScore");
	cr_assert_str_eq(on("a-cache"), "n3");
	cr_assert(in_zone(on("b-app"), 2), "b-app on %s", on("b-app"));
	cr_assert_str_eq(on("c-app"), "n3");
	cr_assert(strcmp(on("d-lone"), "(none)"));
	cr_assert_str_eq(on("e-orphan"), "(none)");
	simulation_release(&sim);
	expect_reason("0/4 nodes are available: 4 node(s) didn't match pod affinity rules.");
}

#define SPREAD(extra) "  topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: s}}" extra "}]\n"

/* DoNotSchedule by zone, maxSkew 1: s1 anywhere; s2 must take the other zone (1 + 1 − 0 = 2
 * in s1's); s3 and s4 either, one each, so the zones hold 2 and 2.  s5, held to z1: counting
 * only the nodes its selector lets in (nodeAffinityPolicy Honor, the default), z1 is the only
 * domain: 2 + 1 − 2 = 1, let in.  s6 the same but Ignore: z1 3 + 1 − z2's 2 = 2 > 1, turned
 * away by the spread on z1's nodes and by its selector on z2's. */
Test(pod_affinity, spread_keeps_zones_within_max_skew)
{
	char pods[8192];
	snprintf(pods, sizeof pods, "%s%s%s%s%s%s", pod("s1", "app: s", SPREAD("")), pod("s2", "app: s", SPREAD("")),
		 pod("s3", "app: s", SPREAD("")), pod("s4", "app: s", SPREAD("")),
		 pod("s5", "app: s", "  nodeSelector: {zone: z1}\n" SPREAD("")),
		 pod("s6", "app: s", "  nodeSelector: {zone: z1}\n" SPREAD(", nodeAffinityPolicy: Ignore")));
	run(pods, "BestFitScore");
	int z1 = 0;
	for (int i = 1; i <= 4; i++) {
		char name[8];
		snprintf(name, sizeof name, "s%d", i);
		z1 += in_zone(on(name), 1);
	}
	cr_assert_eq(z1, 2);
	cr_assert(in_zone(on("s1"), 1) != in_zone(on("s2"), 1), "s1 on %s, s2 on %s", on("s1"), on("s2"));
	cr_assert(in_zone(on("s5"), 1));
	cr_assert_str_eq(on("s6"), "(none)");
	simulation_release(&sim);
	expect_reason("0/4 nodes are available: 2 node(s) didn't match Pod's node affinity/selector, 2 node(s) didn't "
		      "match pod topology spread constraints.");
}

/* minDomains 3 with two zones: the least count is taken as 0, so a zone that holds one matching
 * pod already (1 + 1 − 0 = 2) turns the second away; a key no node has turns every node away
 * as missing the label. */
Test(pod_affinity, min_domains_and_missing_keys)
{
	char pods[8192];
	snprintf(pods, sizeof pods, "%s%s%s%s",
		 pod("a1", "app: s", "  nodeSelector: {zone: z1}\n"), pod("a2", "app: s", "  nodeSelector: {zone: z2}\n"),
		 pod("b", "app: s", SPREAD(", minDomains: 3")),
		 pod("c", "app: s",
		     "  topologySpreadConstraints: [{maxSkew: 1, topologyKey: rack, whenUnsatisfiable: DoNotSchedule, "
		     "labelSelector: {matchLabels: {app: s}}}]\n"));
	run(pods, "BestFitScore");
	cr_assert_str_eq(on("b"), "(none)");
	cr_assert_str_eq(on("c"), "(none)");
	simulation_release(&sim);
	expect_reason("0/4 nodes are available: 4 node(s) didn't match pod topology spread constraints.");
	expect_reason("0/4 nodes are available: 4 node(s) didn't match pod topology spread constraints (missing required "
		      "label).");
}

/* ScheduleAnyway by hostname under the PodTopologySpread score alone: with h1 on one node, that
 * node scores 1 · ln(4 + 2) = 1.79, rounded 2, the others 0; normalized 0 and 100: h2 takes an
 * empty node, and so on, one pod a node. */
Test(pod_affinity, spread_score_prefers_empty_domains)
{
	char pods[8192] = "";
	for (int i = 1; i <= 4; i++) {
		char name[8];
		snprintf(name, sizeof name, "h%d", i);
		strcat(pods, pod(name, "app: h",
				 "  topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, "
				 "whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: h}}}]\n"));
	}
	run(pods, "PodTopologySpread");
	for (int i = 1; i <= 4; i++)
		for (int j = 1; j < i; j++) {
			char a[8], b[8];
			snprintf(a, sizeof a, "h%d", i);
			snprintf(b, sizeof b, "h%d", j);
			cr_assert(strcmp(on(a), on(b)), "%s and %s share %s", a, b, on(a));
		}
	simulation_release(&sim);
}

/* The InterPodAffinity score: x sits on n1; away prefers (weight 100) not to share a node with
 * app=x: n1 scores −100, the others 0, normalized 0 and 100; near prefers (weight 10) x's zone:
 * z1's nodes 10 → 100, z2's 0. */
Test(pod_affinity, preferred_terms_score_by_weight)
{
	char pods[8192];
	snprintf(pods, sizeof pods, "%s%s%s", pod("a-x", "app: x", "  nodeSelector: {kubernetes.io/hostname: n1}\n"),
		 pod("b-away", "",
		     "  affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 100, "
		     "podAffinityTerm: {labelSelector: {matchLabels: {app: x}}, topologyKey: kubernetes.io/hostname}}]}}\n"),
		 pod("c-near", "",
		     "  affinity: {podAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, "
		     "podAffinityTerm: {labelSelector: {matchLabels: {app: x}}, topologyKey: zone}}]}}\n"));
	run(pods, "InterPodAffinity");
	cr_assert(strcmp(on("b-away"), "n1"), "b-away on n1");
	cr_assert(in_zone(on("c-near"), 1), "c-near on %s", on("c-near"));
	simulation_release(&sim);
}

/* Preemption sees what taking a victim off does to the rules: on n1 (2 GPUs), L (priority 1,
 * app=x) runs from 0; H (priority 10) arrives at 50 with anti-affinity to app=x by hostname.
 * A GPU is free, but L's presence turns H away; taking L off lets H in, so L is the victim:
 * H runs 50–150, L again from 150 for its 1000 s. */
Test(pod_affinity, preemption_takes_off_what_the_rules_forbid)
{
	struct hand_trace t = {0};
	hand_node(&t, "n1", 2, "");
	hand_pod(&t, "L", "1", 1, 0, 1000, "    app: x\n", "  priority: 1\n");
	hand_pod(&t, "H", "1", 1, 50, 100, "",
		 "  priority: 10\n" ANTI("{matchLabels: {app: x}}", "kubernetes.io/hostname"));
	hand_write(&t, dir, "");
	write_sched_with(dir,
			 "      queueSort:\n        enabled:\n          - name: PrioritySort\n"
			 "      postFilter:\n        enabled:\n          - name: DefaultPreemption\n",
			 "");
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, 42, &sim, &err), 0, "%s", err.msg);
	cr_assert_eq(outcome_of(&sim, "H")->start, 50);
	cr_assert_eq(outcome_of(&sim, "L")->preemptions, 1);
	cr_assert_eq(outcome_of(&sim, "L")->end, 1150);
	simulation_release(&sim);
}

/* The system's default constraints (hostname maxSkew 3 and zone 5, ScheduleAnyway) apply to a
 * Deployment's pods, which have no constraints of their own: under the PodTopologySpread score
 * alone, with one replica on a node, that node scores 1 · ln(4 + 2) + 2 = 3.79 → 4, the others
 * 2 (the zone key topology.kubernetes.io/zone is on no node: left out), normalized 50 and 100,
 * so four replicas take the four nodes.  A Pod written alone takes none: the score is then the
 * same everywhere. */
Test(pod_affinity, default_constraints_spread_a_controllers_pods)
{
	run("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
	    "spec:\n  replicas: 4\n  template:\n    metadata: {labels: {app: web}}\n"
	    "    spec: {containers: [{name: c, resources: {requests: {cpu: '1'}}}]}\n",
	    "PodTopologySpread");
	const struct workload *w = &sim.trace.workload;
	cr_assert_eq(w->n_pods, 4);
	for (size_t i = 0; i < 4; i++)
		for (size_t j = 0; j < i; j++)
			cr_assert(strcmp(on(w->pods[i].name), on(w->pods[j].name)), "%s and %s share %s", w->pods[i].name,
				  w->pods[j].name, on(w->pods[i].name));
	simulation_release(&sim);
}

/* defaultingType List with a DoNotSchedule zone constraint of maxSkew 1: the Deployment's four
 * replicas end two to a zone, as s1..s4 do with the constraint written (spread_keeps_zones_
 * within_max_skew); defaultConstraints under System is an error. */
Test(pod_affinity, listed_default_constraints_filter)
{
	write_text(dir, "cluster/nodes.yaml", nodes);
	write_text(dir, "cluster/pods.yaml",
		   "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
		   "spec:\n  replicas: 4\n  template:\n    metadata: {labels: {app: web}}\n"
		   "    spec: {containers: [{name: c, resources: {requests: {cpu: '1'}}}]}\n");
	write_cluster_config(dir, "");
	static const char sched[] =
		"apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		"  - schedulerName: s\n    plugins:\n      score:\n        enabled: [{name: BestFitScore, weight: 1}]\n"
		"    pluginConfig:\n      - name: PodTopologySpread\n        args:\n          defaultingType: %s\n"
		"          defaultConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}]\n";
	char text[1024];
	snprintf(text, sizeof text, sched, "List");
	write_text(dir, "sched.yaml", text);
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, &sim, &err), 0, "%s", err.msg);
	const struct workload *w = &sim.trace.workload;
	int z1 = 0;
	for (size_t i = 0; i < w->n_pods; i++)
		z1 += in_zone(on(w->pods[i].name), 1);
	cr_assert_eq(z1, 2);
	simulation_release(&sim);
	snprintf(text, sizeof text, sched, "System");
	write_text(dir, "sched.yaml", text);
	char *out = apply_dir_fails(dir, "");
	cr_assert(strstr(out, "PodTopologySpread: defaultConstraints need defaultingType List"), "%s", out);
	free(out);
}

/* Replay: a pod held back by anti-affinity is tried again when the pod it shuns leaves, though
 * that pod's node still has no room for it.  A and B in zone z1; B is full (fill, 31 CPUs, and
 * q, app=x, 1 CPU, leaving at 100); y (2 CPUs) shuns app=x by zone, so A turns it away too
 * while q runs; q leaves at 100 and y starts on A then. */
Test(pod_affinity, a_departure_elsewhere_lets_a_waiting_pod_in)
{
	struct hand_trace t = {0};
	hand_node(&t, "A", 0, "    zone: z1\n");
	hand_node(&t, "B", 0, "    zone: z1\n");
	hand_pod(&t, "fill", "31", 0, 0, 10000, "", "  nodeSelector: {kubernetes.io/hostname: B}\n");
	hand_pod(&t, "q", "1", 0, 0, 100, "    app: x\n", "  nodeSelector: {kubernetes.io/hostname: B}\n");
	hand_pod(&t, "y", "2", 0, 10, 50, "", ANTI("{matchLabels: {app: x}}", "zone"));
	hand_write(&t, dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, 42, &sim, &err), 0, "%s", err.msg);
	cr_assert_str_eq(placed_on(&sim, "y"), "A");
	cr_assert_eq(outcome_of(&sim, "y")->start, 100);
	simulation_release(&sim);
}

/* A pod snapshot writes each pod's labels and rules back: read again, they are the same rules
 * (tolerations, node affinity with its fields, preferred anti-affinity over all namespaces,
 * spread with minDomains, pod affinity), and a label with a quote in it survives. */
Test(pod_affinity, snapshots_keep_the_rules)
{
	char pods[8192];
	snprintf(pods, sizeof pods, "%s%s%s",
		 pod("s1", "app: s", SPREAD(", minDomains: 2")),
		 pod("t", "app: 'x''y'",
		     "  tolerations: [{key: a, operator: Exists, effect: NoSchedule}, {operator: Exists}]\n"
		     "  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
		     "[{matchExpressions: [{key: zone, operator: In, values: [z1, z2]}], matchFields: [{key: metadata.name, "
		     "operator: NotIn, values: [n9]}]}]}, preferredDuringSchedulingIgnoredDuringExecution: [{weight: 3, "
		     "preference: {matchExpressions: [{key: zone, operator: Exists}]}}]},\n"
		     "    podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 7, podAffinityTerm: "
		     "{labelSelector: {matchLabels: {app: s}}, namespaceSelector: {}, topologyKey: zone}}]}}\n"),
		 pod("u", "app: s", AFFINE("{matchLabels: {app: s}}", "zone")));
	char custom[1024];
	snprintf(custom, sizeof custom, "    exportConfig:\n      podSnapshotYamlFilePrefix: %s/snap\n", dir);
	write_text(dir, "cluster/nodes.yaml", nodes);
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, custom);
	write_sched_config(dir, "BestFitScore", "best");
	free(apply_dir(dir, "", "pods.csv"));
	char path[1024];
	snprintf(path, sizeof path, "%s/snap/InitSchedule/pod-snapshot.yaml", dir);
	char *yaml = slurp(path);
	cr_assert(yaml && strstr(yaml, "  labels: {'app': 'x''y'}\n"), "%s", yaml);
	struct workload a, b;
	struct error err;
	workload_init(&a);
	workload_init(&b);
	snprintf(path, sizeof path, "%s/cluster/pods.yaml", dir);
	cr_assert_eq(workload_load_file(&a, path, &err), 0, "%s", err.msg);
	write_text(dir, "again/pods.yaml", yaml);
	snprintf(path, sizeof path, "%s/again/pods.yaml", dir);
	cr_assert_eq(workload_load_file(&b, path, &err), 0, "%s", err.msg);
	cr_assert_eq(a.n_pods, b.n_pods);
	for (size_t i = 0; i < a.n_pods; i++) {
		const struct pod_rules *x = a.pods[i].rules, *y = b.pods[i].rules;
		cr_assert_eq(!x, !y, "%s", a.pods[i].name);
		if (!x)
			continue;
		cr_assert_eq(x->n_tolerations, y->n_tolerations);
		cr_assert_eq(x->n_required, y->n_required);
		cr_assert_eq(x->n_preferred, y->n_preferred);
		cr_assert_eq(x->affinity.n, y->affinity.n);
		cr_assert_eq(x->anti_affinity_preferred.n, y->anti_affinity_preferred.n);
		cr_assert_eq(x->n_spread, y->n_spread);
		for (uint32_t k = 0; k < x->n_spread; k++)
			cr_assert_eq(x->spread[k].min_domains, y->spread[k].min_domains);
		for (uint32_t k = 0; k < x->n_required; k++)
			cr_assert_eq(x->required[k].n_reqs, y->required[k].n_reqs);
		for (uint32_t k = 0; k < x->anti_affinity_preferred.n; k++) {
			cr_assert_eq(x->anti_affinity_preferred.at[k].weight, y->anti_affinity_preferred.at[k].weight);
			cr_assert_eq(x->anti_affinity_preferred.at[k].all_namespaces, y->anti_affinity_preferred.at[k].all_namespaces);
		}
	}
	workload_release(&a);
	workload_release(&b);
	free(yaml);
}
