/* Inputs that once crashed simon, ran it out of memory or changed a number in silence: each is
 * now an error at the place it enters, or handled exactly. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/compare/results.h"
#include "tests/support.h"

SCRATCH_SUITE(bad_inputs, scratch_cluster);

static void expect_apply_error(const char *needle)
{
	char args[1024], *err = NULL;
	snprintf(args, sizeof args, "apply -f %s/cluster.yaml -s %s/sched.yaml -q", dir, dir);
	cr_assert_eq(run_simon(args, &err), 1, "%s", err);
	cr_assert_not_null(strstr(err, needle), "stderr: %s\nwanted: %s", err, needle);
	free(err);
}

Test(bad_inputs, a_million_gpus_in_one_pod)
{
	write_text(dir, "cluster/pods.yaml", pod_yaml("p1", "1", 1000000, 1000, NULL, -1, -1));
	expect_apply_error("alibabacloud.com/gpu-count: expected a whole number from 0 to 16, got '1000000'");
}

Test(bad_inputs, times_near_the_end_of_int64)
{
	write_text(dir, "cluster/pods.yaml", pod_yaml("p1", "1", 1, 500, NULL, 9223372036854775000L, -1));
	expect_apply_error("alibabacloud.com/creation-time: out of range");
}

Test(bad_inputs, node_totals_past_int64)
{
	char text[4096] = "";
	strcat(text, node_yaml("big1", "8", "8000Pi", 0, NULL));
	strcat(text, "---\n");
	strcat(text, node_yaml("big2", "8", "8000Pi", 0, NULL));
	write_text(dir, "cluster/nodes.yaml", text);
	write_text(dir, "cluster/pods.yaml", pod_yaml("p1", "1", 0, 0, NULL, -1, -1));
	expect_apply_error("Node big2: the cluster's total CPU, memory or GPUs passes 2^63");
}

/* Runs dir's cluster and scheduler with options, which must succeed; the output file's text. */
static char *apply_output(const char *options, const char *file)
{
	char args[1024], path[1024];
	snprintf(args, sizeof args, "apply -f %s/cluster.yaml -s %s/sched.yaml -q %s -o %s/out", dir, dir, options, dir);
	cr_assert_eq(run_simon(args, NULL), 0);
	snprintf(path, sizeof path, "%s/out/%s", dir, file);
	return slurp(path);
}

/* A seed past 2^53 (and up to 2^64 − 1) is written with every digit. */
Test(bad_inputs, huge_seeds_round_trip_exactly)
{
	write_text(dir, "cluster/pods.yaml", pod_yaml("p1", "1", 1, 500, NULL, -1, -1));
	char *json = apply_output("--seed 9223372036854775807", "summary.json");
	cr_assert_not_null(strstr(json, "\"seed\":\t9223372036854775807,"), "%s", json);
	free(json);
	cr_assert_eq(run_simon("apply -f data/example/cluster-config.yaml -p fgd --seed nan -q", NULL), 2);
	cr_assert_eq(run_simon("apply -f data/example/cluster-config.yaml -p fgd --seed 18446744073709551616 -q", NULL), 2);
}

/* Through compare and a merge of shards, the same. */
Test(bad_inputs, huge_seeds_survive_a_merge)
{
	char text[1024];
	snprintf(text, sizeof text,
		 "kind: Matrix\ntraces: [%s/data/example/cluster-config.yaml]\npolicies: [fgd]\n"
		 "seeds: [9007199254740993, 18446744073709551615]\n",
		 SIMON_SOURCE_DIR);
	write_text(dir, "m.yaml", text);
	char args[2048];
	for (int i = 1; i <= 2; i++) {
		snprintf(args, sizeof args, "compare %s/m.yaml -q --shard %d/2 -o %s/s%d", dir, i, dir, i);
		cr_assert_eq(run_simon(args, NULL), 0);
	}
	snprintf(args, sizeof args, "compare --merge -q -o %s/merged %s/s1 %s/s2", dir, dir, dir);
	cr_assert_eq(run_simon(args, NULL), 0);
	char path[1024];
	snprintf(path, sizeof path, "%s/merged/results.csv", dir);
	char *csv = slurp(path);
	cr_assert_not_null(strstr(csv, ",fgd,9007199254740993,"), "%s", csv);
	cr_assert_not_null(strstr(csv, ",fgd,18446744073709551615,"), "%s", csv);
	free(csv);
}

/* results.json as a merge or a baseline reads it: bad values are errors, never out-of-bounds. */
static const char *read_error(const char *json)
{
	write_text(dir, "r.json", json);
	char path[1024];
	snprintf(path, sizeof path, "%s/r.json", dir);
	struct comparison cmp;
	static struct error err;
	cr_assert_neq(comparison_read(&cmp, path, &err), 0, "read %s", json);
	return err.msg;
}

#define MATRIX_JSON                                                                                                  \
	"{\"matrix\":{\"path\":\"m\",\"mode\":\"inflation\",\"traces\":[\"t\"],\"policies\":[\"p\"],\"seeds\":[%s],"   \
	"\"tune_ratios\":[],\"gates\":[]},\"runs_total\":1,\"runs\":[{\"index\":0,\"trace\":\"t\",\"policy\":\"p\","    \
	"\"ok\":true,\"metrics\":{},\"curve\":[%s],\"timeline\":[],\"waits\":[]}]}"

static const char *results_text(const char *seeds, const char *curve)
{
	static char text[2048];
	snprintf(text, sizeof text, MATRIX_JSON, seeds, curve);
	return text;
}

Test(bad_inputs, results_json_that_would_overflow)
{
	struct comparison ok;
	write_text(dir, "r.json", results_text("1", "[0,1,2,3],[1,1,2,3]"));
	char path[1024];
	snprintf(path, sizeof path, "%s/r.json", dir);
	struct error err;
	cr_assert_eq(comparison_read(&ok, path, &err), 0, "%s", err.msg);
	comparison_release(&ok);
	cr_assert_not_null(strstr(read_error(results_text("1", "[5,1,2,3],[1,1,2,3]")), "a run does not match"));
	cr_assert_not_null(strstr(read_error(results_text("1", "[0,1,2,3],[1e9,1,2,3]")), "a run does not match"));
	cr_assert_not_null(strstr(read_error(results_text("1", "[-1,1,2,3]")), "a run does not match"));
	cr_assert_not_null(strstr(read_error(results_text("\"x\"", "")), "a seed is not a whole number"));
	cr_assert_not_null(strstr(read_error(results_text("1e300", "")), "a seed is not a whole number"));
	cr_assert_not_null(strstr(read_error(results_text("99999999999999999999999", "")), "a seed is not a whole number"));
	cr_assert_not_null(strstr(read_error(results_text("-3", "")), "a seed is not a whole number"));
}

/* Names holding commas or quotes are quoted in the CSV files, so columns stay columns. */
Test(bad_inputs, csv_fields_are_quoted)
{
	write_text(dir, "cluster/pods.yaml", pod_yaml("p,\"1\"", "1", 1, 500, NULL, -1, -1));
	char *csv = apply_output("", "pods.csv");
	cr_assert_not_null(strstr(csv, "\n\"p,\"\"1\"\"\",1000,"), "%s", csv);
	free(csv);
}
