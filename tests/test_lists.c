/* Lists, as `kubectl get -o yaml` writes them (kind: List, of any kinds) and as the API does
 * (typed lists: NodeList, PodList, whose items may leave out their kind): every item is read as
 * the document it would be on its own. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tests/support.h"

SCRATCH_SUITE(lists, scratch_make);

/* text as one item of a YAML list: "- " before its first line, "  " before the others. */
static void add_item(char *out, size_t size, const char *text)
{
	size_t len = strlen(out);
	bool first = true;
	for (const char *line = text; *line && len < size;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		int w = snprintf(out + len, size - len, "%s%.*s\n", first ? "- " : "  ", (int)n, line);
		len += w > 0 ? (size_t)w : 0;
		first = false;
		line += n + (end != NULL);
	}
}

static void run(struct simulation *s)
{
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, s, &err), 0, "%s", err.msg);
}

/* kubectl get nodes,pods,services -A -o yaml: one List of three kinds; the Service is left out
 * with a note, the node and both pods are read and placed. */
Test(lists, a_kubectl_list_of_mixed_kinds)
{
	char list[8192] = "apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n";
	add_item(list, sizeof list, node_yaml("n1", "8", "16Gi", 2, "T4"));
	add_item(list, sizeof list, pod_yaml("p1", "1", 1, 1000, NULL, -1, -1));
	add_item(list, sizeof list, "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n");
	add_item(list, sizeof list, pod_yaml("p2", "1", 1, 500, NULL, -1, -1));
	write_text(dir, "cluster/all.yaml", list);
	struct simulation s;
	run(&s);
	cr_assert_eq(s.trace.workload.n_nodes, 1);
	cr_assert_eq(s.trace.workload.n_pods, 2);
	cr_assert_str_eq(placed_on(&s, "p1"), "n1");
	cr_assert_str_eq(placed_on(&s, "p2"), "n1");
	simulation_release(&s);
}

/* The API's PodList: items without a kind are Pods. */
Test(lists, a_typed_list_names_its_items_kind)
{
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 1, "T4"));
	char pod[1024];
	snprintf(pod, sizeof pod, "%s", pod_yaml("p1", "2", 0, 0, NULL, -1, -1));
	char *kind = strstr(pod, "kind: Pod\n");
	memmove(kind, kind + strlen("kind: Pod\n"), strlen(kind + strlen("kind: Pod\n")) + 1);
	char list[4096] = "apiVersion: v1\nkind: PodList\nitems:\n";
	add_item(list, sizeof list, pod);
	write_text(dir, "cluster/pods.yaml", list);
	struct simulation s;
	run(&s);
	cr_assert_eq(s.trace.workload.n_pods, 1);
	cr_assert_eq(s.trace.workload.pods[0].cpu_milli, 2000);
	simulation_release(&s);
}

Test(lists, lists_do_not_nest)
{
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 1, "T4"));
	write_text(dir, "cluster/pods.yaml",
		   "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items: []\n");
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	char *err = apply_dir_fails(dir, "");
	cr_assert(strstr(err, "pods.yaml:4:3: a List inside a List (lists do not nest)"), "%s", err);
	free(err);
}

/* kubectl get nodes,pods -o json: the same List in JSON, which a .json file holding a "kind"
 * is read as (a WfCommons instance has none).  The node has 2 T4s; the pod asks for one. */
Test(lists, a_list_in_json)
{
	write_text(dir, "cluster/all.json",
		   "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n            \"apiVersion\": \"v1\",\n"
		   "            \"kind\": \"Node\",\n            \"metadata\": {\n                \"labels\": {\n"
		   "                    \"alibabacloud.com/gpu-card-model\": \"T4\"\n                },\n"
		   "                \"name\": \"n1\"\n            },\n            \"status\": {\n"
		   "                \"allocatable\": {\n                    \"alibabacloud.com/gpu-count\": \"2\",\n"
		   "                    \"cpu\": \"8\",\n                    \"memory\": \"16Gi\"\n                }\n"
		   "            }\n        },\n        {\n            \"apiVersion\": \"v1\",\n            \"kind\": \"Pod\",\n"
		   "            \"metadata\": {\n                \"annotations\": {\n"
		   "                    \"alibabacloud.com/gpu-count\": \"1\",\n"
		   "                    \"alibabacloud.com/gpu-milli\": \"1000\"\n                },\n"
		   "                \"name\": \"p1\",\n                \"namespace\": \"default\"\n            },\n"
		   "            \"spec\": {\n                \"containers\": [\n                    {\n"
		   "                        \"name\": \"main\",\n                        \"resources\": {\n"
		   "                            \"requests\": {\"cpu\": \"1\", \"memory\": \"1Gi\"}\n"
		   "                        }\n                    }\n                ]\n            }\n        }\n    ],\n"
		   "    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
	struct simulation s;
	run(&s);
	cr_assert_eq(s.trace.workload.n_nodes, 1);
	cr_assert_eq(s.trace.workload.nodes[0].gpu_count, 2);
	cr_assert_eq(s.trace.workload.n_pods, 1);
	cr_assert_str_eq(placed_on(&s, "p1"), "n1");
	cr_assert_eq(s.run.result.outcomes[0].gpus != 0, true);
	simulation_release(&s);
}

/* The API's typed list in JSON puts its kind after its items (as kubectl puts `kind: List`):
 * items without a kind, read before the kind is, are kept until it is and then read as Nodes. */
Test(lists, a_typed_list_whose_kind_follows_its_items)
{
	write_text(dir, "cluster/nodes.json",
		   "{\"apiVersion\": \"v1\", \"items\": [\n"
		   " {\"metadata\": {\"name\": \"n1\"}, \"status\": {\"allocatable\": {\"cpu\": \"8\", \"memory\": \"16Gi\"}}},\n"
		   " {\"metadata\": {\"name\": \"n2\"}, \"status\": {\"allocatable\": {\"cpu\": \"4\", \"memory\": \"16Gi\"}}}],\n"
		   " \"kind\": \"NodeList\", \"metadata\": {\"resourceVersion\": \"\"}}\n");
	write_text(dir, "cluster/pods.yaml", pod_yaml("p1", "6", 0, 0, NULL, -1, -1));
	struct simulation s;
	run(&s);
	cr_assert_eq(s.trace.workload.n_nodes, 2);
	cr_assert_str_eq(s.trace.workload.nodes[0].name, "n1");
	cr_assert_eq(s.trace.workload.nodes[1].cpu_milli, 4000);
	cr_assert_str_eq(placed_on(&s, "p1"), "n1", "only n1 has 6 CPUs");
	simulation_release(&s);
}

/* Each item is read as a document of its own: an anchor serves aliases within its item, and an
 * alias to another item's anchor is an error at the alias, not a silent empty value. */
Test(lists, anchors_hold_within_one_item)
{
	write_text(dir, "cluster/all.yaml",
		   "kind: List\nitems:\n"
		   "- kind: Node\n  metadata: {name: n1}\n  status: {allocatable: &room {cpu: '8', memory: 16Gi}, capacity: *room}\n"
		   "- kind: Node\n  metadata: {name: n2}\n  status: {allocatable: *room}\n");
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	char *err = apply_dir_fails(dir, "");
	cr_assert(strstr(err, "all.yaml:8:25: alias *room names no anchor of this object"), "%s", err);
	free(err);
}

/* Only a List holds items: a Pod with a top-level items list is an error, not a List. */
Test(lists, items_outside_a_list_are_an_error)
{
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 1, "T4"));
	write_text(dir, "cluster/pods.yaml", "kind: Pod\nitems:\n- kind: Pod\n  metadata: {name: p}\n"
					     "  spec: {containers: [{name: c}]}\nmetadata: {name: q}\n");
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	char *err = apply_dir_fails(dir, "");
	cr_assert(strstr(err, "pods.yaml:1:1: a Pod with items (only a List"), "%s", err);
	free(err);
}
