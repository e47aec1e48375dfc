/* gen-hier: the label layout, idempotence, inputs left alone, the copies loading, bad input. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/load/hier.h"
#include "tests/support.h"

SCRATCH_SUITE(hier, scratch_make);

/* A workload folder with `nodes` nodes (in two files) and two pods. */
static void make_folder(const char *name, int nodes)
{
	char text[65536] = "", path[256], node[32];
	for (int i = 0; i < nodes; i++) {
		if (i == nodes / 2) {
			snprintf(path, sizeof path, "%s/a-nodes.yaml", name);
			write_text(dir, path, text);
			text[0] = '\0';
		} else if (i) {
			strcat(text, "---\n");
		}
		snprintf(node, sizeof node, "node-%03d", i);
		strcat(text, node_yaml(node, "8", "16Gi", 2, "T4"));
	}
	snprintf(path, sizeof path, "%s/b-nodes.yaml", name);
	write_text(dir, path, text);
	char pods[4096] = "";
	strcat(pods, pod_yaml("p1", "1", 1, 500, NULL, 1, 10));
	strcat(pods, "---\n");
	strcat(pods, pod_yaml("p2", "1", 0, 0, NULL, 2, 20));
	snprintf(path, sizeof path, "%s/pods.yaml", name);
	write_text(dir, path, pods);
}

/* As `simon gen-hier` runs it: the copies land together, or none does. */
static int generate_from(const char *data_dir, long per_rack, struct hier_result *r, struct error *err)
{
	struct hier_options o = {.data_dir = data_dir, .servers_per_rack = per_rack, .scheduler_name = "rl-scheduler"};
	struct output_set out;
	output_open(&out, NULL, err);
	if (hier_generate(&o, &out, r, err)) {
		output_abort(&out);
		return -1;
	}
	return output_commit(&out, err);
}

static int generate(long per_rack, struct hier_result *r, struct error *err)
{
	return generate_from(dir, per_rack, r, err);
}

static void check_layout(int nodes, long per_rack)
{
	char folder[64];
	snprintf(folder, sizeof folder, "openb_pod_list_n%d", nodes);
	make_folder(folder, nodes);
	struct hier_result r;
	struct error err = {{0}};
	cr_assert_eq(generate(per_rack, &r, &err), 0, "%s", err.msg);
	char cfg[1024];
	snprintf(cfg, sizeof cfg, "%s/%s/simon-config-hier.yaml", dir, folder);
	struct sim_options o = {.cluster_config = cfg, .policy = "BestFitScore"};
	struct simulation s;
	cr_assert_eq(simulation_run(&s, &o, &err), 0, "%s", err.msg);
	cr_assert_eq(s.trace.workload.n_nodes, (size_t)nodes);
	cr_assert_eq(s.trace.workload.n_racks, (size_t)((nodes + per_rack - 1) / per_rack));
	for (int i = 0; i < nodes; i++) {
		char rack[32], server[32];
		snprintf(rack, sizeof rack, "rack-%ld", i / per_rack);
		snprintf(server, sizeof server, "srv-%ld", i % per_rack);
		const struct node_spec *n = &s.trace.workload.nodes[i];
		cr_assert_str_eq(s.trace.workload.racks[n->rack], rack, "node %d of %d, %ld per rack", i, nodes, per_rack);
		cr_assert_str_eq(n->server, server, "node %d of %d, %ld per rack", i, nodes, per_rack);
	}
	cr_assert_eq(s.trace.workload.n_pods, 2);
	simulation_release(&s);
	char pods[1024];
	snprintf(pods, sizeof pods, "%s/%s/pods-hier.yaml", dir, folder);
	char *text = slurp(pods);
	cr_assert_not_null(strstr(text, "schedulerName: rl-scheduler"));
	free(text);
}

Test(hier, label_layout_one_node_per_rack)
{
	check_layout(3, 1);
}

Test(hier, label_layout_four_per_rack)
{
	check_layout(9, 4);
}

Test(hier, label_layout_more_per_rack_than_nodes)
{
	check_layout(5, 8);
}

Test(hier, label_layout_even_split)
{
	check_layout(12, 3);
}

static char *read_rel(const char *rel)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	return slurp(path);
}

Test(hier, reruns_are_byte_identical_and_inputs_untouched)
{
	make_folder("openb_pod_list_x", 6);
	char *nodes_before = read_rel("openb_pod_list_x/a-nodes.yaml");
	char *pods_before = read_rel("openb_pod_list_x/pods.yaml");
	struct hier_result r;
	struct error err = {{0}};
	cr_assert_eq(generate(4, &r, &err), 0, "%s", err.msg);
	cr_assert_eq(r.files, 3);
	cr_assert_eq(r.nodes, 6);
	cr_assert_eq(r.pods, 2);
	const char *outputs[] = {"openb_pod_list_x/a-nodes-hier.yaml", "openb_pod_list_x/b-nodes-hier.yaml",
				 "openb_pod_list_x/pods-hier.yaml", "openb_pod_list_x/simon-config-hier.yaml"};
	char *first[4];
	for (int i = 0; i < 4; i++)
		cr_assert_not_null(first[i] = read_rel(outputs[i]), "%s missing", outputs[i]);
	cr_assert_eq(generate(4, &r, &err), 0, "%s", err.msg);
	cr_assert_eq(r.files, 3, "a rerun must not copy its own copies");
	for (int i = 0; i < 4; i++) {
		char *again = read_rel(outputs[i]);
		cr_assert_str_eq(again, first[i], "%s changed on a rerun", outputs[i]);
		free(again);
		free(first[i]);
	}
	char *nodes_after = read_rel("openb_pod_list_x/a-nodes.yaml"), *pods_after = read_rel("openb_pod_list_x/pods.yaml");
	cr_assert_str_eq(nodes_after, nodes_before);
	cr_assert_str_eq(pods_after, pods_before);
	free(nodes_before);
	free(pods_before);
	free(nodes_after);
	free(pods_after);
}

Test(hier, no_workload_folders)
{
	write_text(dir, "other/nodes.yaml", node_yaml("n", "8", "16Gi", 0, NULL));
	struct hier_result r;
	struct error err = {{0}};
	cr_assert_neq(generate(4, &r, &err), 0);
	cr_assert_not_null(strstr(err.msg, "no workload folders (openb_pod_list_*) here"), "%s", err.msg);
}

Test(hier, missing_data_dir)
{
	struct hier_result r;
	struct error err = {{0}};
	cr_assert_neq(generate_from("/nonexistent/simon", 4, &r, &err), 0);
	cr_assert_not_null(strstr(err.msg, "/nonexistent/simon: cannot open folder"), "%s", err.msg);
}

Test(hier, servers_per_rack_must_be_positive)
{
	make_folder("openb_pod_list_x", 2);
	struct hier_result r;
	struct error err = {{0}};
	cr_assert_neq(generate(0, &r, &err), 0);
	cr_assert_not_null(strstr(err.msg, "at least 1 (got 0)"), "%s", err.msg);
	cr_assert_neq(generate(-3, &r, &err), 0);
	char args[1024];
	snprintf(args, sizeof args, "gen-hier --data-dir %s --in-place --servers-per-rack 0", dir);
	cr_assert_eq(run_simon(args, NULL), 2);
	snprintf(args, sizeof args, "gen-hier --data-dir %s --in-place -n four", dir);
	cr_assert_eq(run_simon(args, NULL), 2);
}

/* An unreadable file (a dangling link) in a later folder: nothing at all is written. */
Test(hier, unreadable_file_writes_nothing)
{
	make_folder("openb_pod_list_a", 2);
	make_folder("openb_pod_list_b", 2);
	char link[1024];
	snprintf(link, sizeof link, "%s/openb_pod_list_b/zz.yaml", dir);
	cr_assert_eq(symlink("/nonexistent/target.yaml", link), 0);
	char args[1024], *err = NULL;
	snprintf(args, sizeof args, "gen-hier --data-dir %s --in-place", dir);
	cr_assert_eq(run_simon(args, &err), 1);
	cr_assert_not_null(strstr(err, "zz.yaml: cannot open"), "%s", err);
	free(err);
	char *copy = read_rel("openb_pod_list_a/pods-hier.yaml");
	cr_assert_null(copy, "a copy was left behind after the failure");
}

Test(hier, malformed_yaml_is_an_error)
{
	make_folder("openb_pod_list_a", 2);
	write_text(dir, "openb_pod_list_a/bad.yaml", "kind: Pod\nmetadata: [\n");
	struct hier_result r;
	struct error err = {{0}};
	cr_assert_neq(generate(4, &r, &err), 0);
	cr_assert_not_null(strstr(err.msg, "bad.yaml:3:1: malformed YAML"), "%s", err.msg);
}

/* A Node whose metadata is empty (or not a mapping) is an error, not an abort, and leaves
 * nothing behind. */
Test(hier, node_without_metadata_mapping)
{
	write_text(dir, "openb_pod_list_x/nodes.yaml",
		   "apiVersion: v1\nkind: Node\nmetadata:\nstatus:\n  allocatable:\n    cpu: 1\n");
	struct hier_result r;
	struct error err = {{0}};
	cr_assert_neq(generate(4, &r, &err), 0);
	cr_assert_not_null(strstr(err.msg, "Node 0: metadata or metadata.labels is not a mapping"), "%s", err.msg);
	char folder[1024];
	snprintf(folder, sizeof folder, "%s/openb_pod_list_x", dir);
	cr_assert_eq(files_in(folder), 1, "gen-hier left files behind");
}

/* --output writes the copies under a folder of the user's, leaving the data folder as it was;
 * writing beside the inputs needs --in-place, and a data folder must be named. */
Test(hier, output_folder_and_in_place)
{
	make_folder("openb_pod_list_a", 3);
	char args[1024], *err = NULL;
	snprintf(args, sizeof args, "gen-hier --data-dir %s", dir);
	cr_assert_eq(run_simon(args, &err), 2);
	cr_assert_not_null(strstr(err, "give --output OUT, or --in-place"), "%s", err);
	free(err);
	cr_assert_eq(run_simon("gen-hier --in-place", &err), 2);
	cr_assert_not_null(strstr(err, "--data-dir is required"), "%s", err);
	free(err);
	snprintf(args, sizeof args, "gen-hier --data-dir %s -o %s/.", dir, dir);
	cr_assert_eq(run_simon(args, &err), 2, "--output naming the data folder must need --in-place");
	cr_assert_not_null(strstr(err, "--output is the data folder"), "%s", err);
	free(err);
	snprintf(args, sizeof args, "gen-hier --data-dir %s -o %s/copies", dir, dir);
	cr_assert_eq(run_simon(args, NULL), 0);
	char folder[1024];
	snprintf(folder, sizeof folder, "%s/openb_pod_list_a", dir);
	cr_assert_eq(files_in(folder), 3, "the data folder changed");  /* a-nodes, b-nodes, pods */
	char *copy = read_rel("copies/openb_pod_list_a/pods-hier.yaml");
	cr_assert_not_null(copy);
	free(copy);
	snprintf(args, sizeof args, "apply -f %s/copies/openb_pod_list_a/simon-config-hier.yaml -p fgd -q", dir);
	cr_assert_eq(run_simon(args, NULL), 0);
}
