/* simon plan (sim/plan_search.h): the known answer on a cluster where it can be worked out by hand,
 * each target, and bad templates and targets as errors. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tests/support.h"

SCRATCH_SUITE(plan, scratch_make);

/* n1 has 4 GPUs; ten pods of one whole GPU each.  All ten run with ⌈10 / 4⌉ − 1 = 2 more nodes
 * of 4 GPUs, or ⌈10 / 2⌉ − 2 = 3 of 2 GPUs (with n1's 4); GPU allocation of the arrived work
 * reaches 80% (8 of 10) with one node of 4, two of 2. */
static void ten_one_gpu_pods(void)
{
	char pods[16384] = "";
	for (int i = 0; i < 10; i++) {
		char name[8];
		snprintf(name, sizeof name, "p%d", i);
		if (i)
			strcat(pods, "---\n");
		strcat(pods, pod_yaml(name, "1", 1, 1000, NULL, i, i + 100));
	}
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "32", "64Gi", 4, "T4"));
	write_text(dir, "cluster/pods.yaml", pods);
	write_text(dir, "four.yaml", node_yaml("four", "32", "64Gi", 4, "T4"));
	write_text(dir, "two.yaml", node_yaml("two", "32", "64Gi", 2, "T4"));
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
}

static char *plan(const char *extra)
{
	char args[2048];
	snprintf(args, sizeof args, "plan -q -f %s/cluster.yaml -s %s/sched.yaml %s -o %s/out", dir, dir, extra, dir);
	cr_assert_eq(run_simon(args, NULL), 0, "%s", args);
	snprintf(args, sizeof args, "%s/out/plan.csv", dir);
	char *csv = slurp(args);
	cr_assert_not_null(csv);
	return csv;
}

Test(plan, all_pods_need_the_nodes_worked_out_by_hand)
{
	ten_one_gpu_pods();
	char extra[1024];
	snprintf(extra, sizeof extra, "--node %s/four.yaml --cost 4 --node %s/two.yaml", dir, dir);
	char *csv = plan(extra);
	cr_assert(strstr(csv, "\nfour,0,6.000000,false,false,4.000000,0.000000\n"), "%s", csv);
	cr_assert(strstr(csv, "\nfour,2,0.000000,true,true,4.000000,8.000000\n"), "%s", csv);
	cr_assert(strstr(csv, "\nfour,1,2.000000,false,false,"), "%s", csv);
	cr_assert(strstr(csv, "\ntwo,3,0.000000,true,true,,\n"), "%s", csv);
	cr_assert(strstr(csv, "\ntwo,2,2.000000,false,false,,\n"), "%s", csv);
	free(csv);
}

Test(plan, an_allocation_target_and_a_wait_target)
{
	ten_one_gpu_pods();
	char extra[1024];
	snprintf(extra, sizeof extra, "--node %s/two.yaml --target alloc:80", dir);
	char *csv = plan(extra);
	cr_assert(strstr(csv, "\ntwo,2,80.000000,true,true,,\n"), "%s", csv);
	free(csv);
	/* Replay: each pod runs 100 s from its arrival at i s; with n1's 4 GPUs the last ones wait
	 * about 100 s; 6 more GPUs (3 nodes of 2) and nobody waits. */
	snprintf(extra, sizeof extra, "--node %s/two.yaml --target p95-wait:0 -m replay", dir);
	csv = plan(extra);
	cr_assert(strstr(csv, "\ntwo,3,0.000000,true,true,,\n"), "%s", csv);
	free(csv);
}

Test(plan, bad_templates_and_targets_are_errors)
{
	ten_one_gpu_pods();
	static const struct {
		const char *extra, *message;
	} bad[] = {
		{"--node %s/cluster/pods.yaml", "cluster/pods.yaml: a node template: expected one Node document and nothing else, "
						"found 0 Nodes and 10 Pods"},
		{"--node %s/none.yaml", "none.yaml"},
		/* -o is checked before the runs, not after them. */
		{"--node %s/two.yaml -o /dev/null/out", "/dev/null/out: cannot create the output folder: /dev/null is not a folder"},
		{"--node %s/two.yaml --target most", "--target 'most': expected all, alloc:PERCENT (above 0, at most 100) or p95-wait:SECONDS (0 to 10^12)"},
		{"--node %s/two.yaml --target p95-wait:10", "--target p95-wait: waits are replay's; add --mode replay"},
		{"", "no node template: give --node FILE, or spec.newNode in the cluster config"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char extra[1024], args[2048], *err = NULL;
		snprintf(extra, sizeof extra, bad[i].extra, dir);
		snprintf(args, sizeof args, "plan -q -f %s/cluster.yaml -s %s/sched.yaml %s", dir, dir, extra);
		cr_assert_eq(run_simon(args, &err), 1, "case %zu", i);
		cr_assert(strstr(err, bad[i].message), "case %zu: %s", i, err);
		free(err);
	}
}
