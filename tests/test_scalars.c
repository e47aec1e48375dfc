/* Scalar resources as NodeResourcesFit checks them: MIG profiles, extended resources,
 * ephemeral-storage and hugepages are counted per node against its allocatable, each named in
 * the reasons as "Insufficient <name>", and reported per resource.  Worked out by hand. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tests/support.h"

SCRATCH_SUITE(scalars, scratch_make);

/* mig: an A100 split as seven 1g.10gb and two 3g.40gb MIG devices (mixed strategy), no whole
 * GPUs; plain: one whole GPU, 20Gi of ephemeral storage and two example.com/foo. */
static const char nodes[] =
	"apiVersion: v1\nkind: List\nitems:\n"
	"- kind: Node\n  metadata: {name: mig, labels: {nvidia.com/gpu.product: A100-SXM4-80GB}}\n"
	"  status: {allocatable: {cpu: '64', memory: 256Gi, nvidia.com/gpu: '0', nvidia.com/mig-1g.10gb: '7',\n"
	"           nvidia.com/mig-3g.40gb: '2', hugepages-2Mi: '0', ephemeral-storage: 100Gi}}\n"
	"- kind: Node\n  metadata: {name: plain}\n"
	"  status: {allocatable: {cpu: '64', memory: 256Gi, nvidia.com/gpu: '1', ephemeral-storage: 20Gi,\n"
	"           example.com/foo: '2', rdma/hca: '8'}}\n";

static char *pod(const char *name, const char *resources)
{
	static char text[4][512];
	static int turn;
	char *t = text[turn++ % 4];
	snprintf(t, sizeof text[0], "kind: Pod\nmetadata: {name: %s}\nspec: {containers: [{name: c, resources: %s}]}\n",
		 name, resources);
	return t;
}

static void setup(const char *pods)
{
	write_text(dir, "cluster/nodes.yaml", nodes);
	write_text(dir, "cluster/pods.yaml", pods);
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
}

/* Three pods asking for one 3g.40gb each: the two on mig take both, the third finds none left
 * there and plain has none at all, so both nodes refuse it for that profile alone. */
Test(scalars, mig_profiles_are_devices_of_their_own)
{
	char pods[2048];
	snprintf(pods, sizeof pods, "%s---\n%s---\n%s---\n%s",
		 pod("m1", "{limits: {nvidia.com/mig-3g.40gb: '1'}}"),
		 pod("m2", "{requests: {nvidia.com/mig-3g.40gb: '1', cpu: '1'}}"),
		 pod("m3", "{requests: {nvidia.com/mig-3g.40gb: '1'}}"),
		 pod("small", "{limits: {nvidia.com/mig-1g.10gb: '3'}}"));
	setup(pods);
	char *csv = apply_dir(dir, "", "pods.csv");
	cr_assert(strstr(csv, "m1,0,0,0,0,,mig,"), "%s", csv);
	cr_assert(strstr(csv, "m2,1000,0,0,0,,mig,"), "%s", csv);
	cr_assert(strstr(csv, "m3,0,0,0,0,,,") && strstr(csv, "0/2 nodes are available: 2 Insufficient nvidia.com/mig-3g.40gb."),
		  "%s", csv);
	cr_assert(strstr(csv, "small,0,0,0,0,,mig,"), "%s", csv);
	free(csv);
	char summary[600];
	snprintf(summary, sizeof summary, "%s/out/summary.json", dir);
	char *json = slurp(summary);
	cr_assert(strstr(json, "\"nvidia.com/mig-3g.40gb\":\t{\n\t\t\t\"allocatable\":\t2,\n\t\t\t\"held_final\":\t2,\n"
			       "\t\t\t\"held_final_pct\":\t100,\n\t\t\t\"pods_asking\":\t3,\n\t\t\t\"pods_failed\":\t1"),
		  "%s", json);
	cr_assert(strstr(json, "\"nvidia.com/mig-1g.10gb\":\t{\n\t\t\t\"allocatable\":\t7,\n\t\t\t\"held_final\":\t3,"),
		  "%s", json);
	free(json);
}

/* example.com/foo: the init container's 3 is the pod's request (above the containers' 1 + 1),
 * more than plain's 2, so it fails everywhere; a limits-only 2 fits plain exactly; 30Gi of
 * ephemeral storage fits only mig's 100Gi (plain has 20Gi). */
Test(scalars, extended_resources_and_storage_are_checked_as_kube_scheduler_checks_them)
{
	char pods[3072];
	snprintf(pods, sizeof pods,
		 "kind: Pod\nmetadata: {name: init-big}\nspec:\n"
		 "  initContainers: [{name: i, resources: {requests: {example.com/foo: '3'}}}]\n"
		 "  containers:\n  - {name: a, resources: {requests: {example.com/foo: '1'}}}\n"
		 "  - {name: b, resources: {requests: {example.com/foo: '1'}}}\n---\n%s---\n%s",
		 pod("foo2", "{limits: {example.com/foo: '2'}}"), pod("disk30", "{requests: {ephemeral-storage: 30Gi}}"));
	setup(pods);
	char *csv = apply_dir(dir, "", "pods.csv");
	cr_assert(strstr(csv, "0/2 nodes are available: 2 Insufficient example.com/foo."), "%s", csv);
	cr_assert(strstr(csv, "foo2,0,0,0,0,,plain,"), "%s", csv);
	cr_assert(strstr(csv, "disk30,0,0,0,0,,mig,"), "%s", csv);
	free(csv);
}

/* The reasons of a pod short of two things on one node and one on the other, sorted as strings
 * as Kubernetes' FitError sorts them. */
Test(scalars, each_short_resource_is_a_reason)
{
	setup(pod("both", "{requests: {example.com/foo: '5', ephemeral-storage: 200Gi}}"));
	char *csv = apply_dir(dir, "", "pods.csv");
	cr_assert(strstr(csv, "0/2 nodes are available: 2 Insufficient ephemeral-storage, 2 Insufficient example.com/foo."),
		  "%s", csv);
	free(csv);
}

Test(scalars, a_name_kubernetes_does_not_accept_in_a_container_is_an_error)
{
	setup(pod("typo", "{requests: {gpu: '1'}}"));
	char *out = apply_dir_fails(dir, "");
	cr_assert(strstr(out, "pods.yaml:3:54: Pod typo: resources.requests.gpu: not a container resource"), "%s", out);
	cr_assert(strstr(out, "did you mean cpu?"), "%s", out);
	free(out);
}

/* Two running pods bound to plain asking for 1 + 2 example.com/foo of its 2. */
Test(scalars, bound_pods_overrunning_a_scalar_are_an_error)
{
	setup("kind: Pod\nmetadata: {name: one}\nspec:\n  nodeName: plain\n"
	      "  containers: [{name: c, resources: {requests: {example.com/foo: '1'}}}]\n---\n"
	      "kind: Pod\nmetadata: {name: two}\nspec:\n  nodeName: plain\n"
	      "  containers: [{name: c, resources: {requests: {example.com/foo: '2'}}}]\n");
	char *out = apply_dir_fails(dir, "");
	cr_assert(strstr(out, "Pod two: spec.nodeName: Node plain cannot hold it: its running pods ask for 3 "
			      "example.com/foo, it has 2 allocatable"),
		  "%s", out);
	free(out);
}

/* Whole GPUs asked for as nvidia.com/gpu are short under that name, as kube-scheduler says it
 * (the Alibaba annotations' pods keep the reference's alibabacloud.com/gpu-count). */
Test(scalars, device_plugin_gpus_are_short_under_their_own_name)
{
	setup(pod("two-gpus", "{limits: {nvidia.com/gpu: '2'}}"));
	char *csv = apply_dir(dir, "", "pods.csv");
	cr_assert(strstr(csv, "0/2 nodes are available: 2 Insufficient nvidia.com/gpu."), "%s", csv);
	free(csv);
}

/* The shipped export (data/k8s) as it reads, counted by hand from its file: 3 pods bound (two
 * inference replicas and the notebook), 1 finished, 3 pending Pods, and the controllers' pods:
 * inference 6 − 2 running = 4, web 8, feature-store 3, train-llm 4, finetune 2 at a time: 28;
 * MIG: 14 1g.10gb and 4 3g.40gb on the MIG node; the cordoned node turns pods away. */
Test(scalars, the_shipped_kubernetes_export_reads_as_written)
{
	char cmd[600], path[600];
	snprintf(cmd, sizeof cmd, "apply -f data/k8s -p FGD -q -o %s/out", dir);
	cr_assert_eq(run_simon(cmd, NULL), 0);
	snprintf(path, sizeof path, "%s/out/summary.json", dir);
	char *json = slurp(path);
	cr_assert(strstr(json, "\"in_trace\":\t28,"), "%s", json);
	cr_assert(strstr(json, "\"finished_left_out\":\t1,") && strstr(json, "\"bound\":\t3\n"), "%s", json);
	cr_assert(strstr(json, "\"nvidia.com/mig-1g.10gb\":\t{\n\t\t\t\"allocatable\":\t14,"), "%s", json);
	cr_assert(strstr(json, "\"nvidia.com/mig-3g.40gb\":\t{\n\t\t\t\"allocatable\":\t4,"), "%s", json);
	cr_assert_null(strstr(json, "unschedulable"), "%s", json);   /* modelled now: nothing to note */
	free(json);
	/* The cordoned node turns away every pod that found no node, under NodeUnschedulable's words. */
	snprintf(path, sizeof path, "%s/out/pods.csv", dir);
	char *pods = slurp(path);
	cr_assert(strstr(pods, "0/9 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable, 2 Insufficient "
			       "nvidia.com/gpu, 5 node(s) didn't match Pod's node affinity/selector."),
		  "%s", pods);
	free(pods);
}
