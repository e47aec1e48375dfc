/* Numbers as every loader reads them (sim/util/number.h): whole or not at all, within their
 * bounds; and the inputs that a number read in part, a NUL byte or an unbounded scale once
 * turned into a wrong result with exit 0. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util/number.h"
#include "tests/support.h"

Test(numbers, integers_are_read_whole)
{
	int64_t v = -1;
	cr_assert_eq(number_integer("12", 0, 100, &v), NUMBER_OK);
	cr_assert_eq(v, 12);
	cr_assert_eq(number_integer("+7", 0, 100, &v), NUMBER_OK);
	cr_assert_eq(v, 7);
	cr_assert_eq(number_integer("-3", -5, 5, &v), NUMBER_OK);
	cr_assert_eq(v, -3);
	cr_assert_eq(number_integer("12abc", 0, 100, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_integer("abc", 0, 100, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_integer("", 0, 100, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_integer(" 5", 0, 100, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_integer("5 ", 0, 100, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_integer("1.5", 0, 100, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_integer(NULL, 0, 100, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_integer("101", 0, 100, &v), NUMBER_RANGE);
	cr_assert_eq(number_integer("-1", 0, 100, &v), NUMBER_RANGE);
	cr_assert_eq(number_integer("99999999999999999999", 0, INT64_MAX, &v), NUMBER_RANGE);
	cr_assert_eq(v, -3, "a failed read leaves the value alone");
}

Test(numbers, reals_are_read_whole_and_finite)
{
	double v = -1;
	cr_assert_eq(number_real("1.5", 0, 10, &v), NUMBER_OK);
	cr_assert_float_eq(v, 1.5, 0);
	cr_assert_eq(number_real(".5", 0, 10, &v), NUMBER_OK);
	cr_assert_eq(number_real("2e3", 0, 1e4, &v), NUMBER_OK);
	cr_assert_float_eq(v, 2000, 0);
	cr_assert_eq(number_real("12abc", 0, 100, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_real("abc", 0, 100, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_real("0x10", 0, 100, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_real("inf", 0, INFINITY, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_real("nan", 0, 100, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_real(" 1", 0, 100, &v), NUMBER_SYNTAX);
	cr_assert_eq(number_real("1e400", 0, INFINITY, &v), NUMBER_RANGE);
	cr_assert_eq(number_real("1e-12", 1e-6, 1e9, &v), NUMBER_RANGE);
}

SCRATCH_SUITE(bad_numbers, scratch_make);

/* A cluster config listing the files named (a folder reads YAML and JSON, a list any). */
static void config_of(const char *files)
{
	char text[1024];
	snprintf(text, sizeof text,
		 "apiVersion: simon/v1alpha1\nkind: Config\nmetadata:\n  name: b\nspec:\n  cluster:\n"
		 "    customConfig: [%s]\n",
		 files);
	write_text(dir, "cluster.yaml", text);
	write_sched_config(dir, "BestFitScore", "best");
}

static void openb_nodes(void)
{
	write_text(dir, "cluster/nodes.csv", "sn,cpu_milli,memory_mib,gpu,model\nn1,8000,16384,2,T4\n");
	config_of("cluster/nodes.csv, cluster/pods.csv");
}

/* A NUL byte once ended the text there: the pods after it were dropped in silence. */
Test(bad_numbers, a_nul_byte_in_an_openb_csv_is_an_error_at_its_place)
{
	openb_nodes();
	static const char pods[] = "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np1,1000,1024,1,500\np2,10\0" "00,1024,1,500\n";
	char path[1024];
	snprintf(path, sizeof path, "%s/cluster/pods.csv", dir);
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	fwrite(pods, 1, sizeof pods - 1, f);
	fclose(f);
	char *err = apply_dir_fails(dir, "");
	cr_assert(strstr(err, "cluster/pods.csv:3:6: binary file (a NUL byte here), expected text"), "%s", err);
	free(err);
}

/* batch_task.csv rows with plan_cpu written wrong, and a task number past its bound. */
Test(bad_numbers, batch_task_numbers_are_read_whole)
{
	static const struct {
		const char *row, *message;
	} bad[] = {
		{"M1,1,j1,1,Terminated,0,10,abc,0.5\n", "batch_task.csv:1: plan_cpu: expected a number from 0 to 1e+08"},
		{"M1,1,j1,1,Terminated,0,10,12abc,0.5\n", "batch_task.csv:1: plan_cpu: expected a number from 0 to 1e+08"},
		{"M1,1,j1,1,Terminated,0,10,1e9,0.5\n", "batch_task.csv:1: plan_cpu: expected a number from 0 to 1e+08"},
		{"M1,1,j1,1,Terminated,0,1e3,100,0.5\n", "batch_task.csv:1: start_time and end_time: expected whole seconds"},
		{"M2_99999999999,1,j1,1,Terminated,0,10,100,0.5\n",
		 "batch_task.csv:1: task_name M2_99999999999: task numbers go up to 1000000000"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 0, NULL));
		write_text(dir, "cluster/batch_task.csv", bad[i].row);
		config_of("cluster/nodes.yaml, cluster/batch_task.csv");
		char *err = apply_dir_fails(dir, "-m replay");
		cr_assert(strstr(err, bad[i].message), "case %zu: %s", i, err);
		free(err);
	}
}

/* --arrival-scale 1e-12 stretched times past int64 (undefined behaviour, then garbage): the
 * scale is bounded, from 10^-6 to 10^9, where it is read. */
Test(bad_numbers, the_arrival_scale_is_bounded)
{
	openb_nodes();
	write_text(dir, "cluster/pods.csv", "name,cpu_milli,memory_mib,num_gpu,gpu_milli,creation_time,deletion_time\n"
					    "p1,1000,1024,1,500,100,200\np2,1000,1024,1,500,1000000000,1000000100\n");
	char args[2048], *err = NULL;
	snprintf(args, sizeof args, "apply -q -f %s/cluster.yaml -s %s/sched.yaml -m replay --arrival-scale 1e-12", dir, dir);
	cr_assert_eq(run_simon(args, &err), 2);
	cr_assert(strstr(err, "--arrival-scale: expected a number from 1e-06 to 1e+09, got '1e-12'"), "%s", err);
	free(err);
	snprintf(args, sizeof args, "apply -q -f %s/cluster.yaml -s %s/sched.yaml -m replay --arrival-scale 1e-6", dir, dir);
	cr_assert_eq(run_simon(args, NULL), 0, "the bound itself runs");
}

/* RFC 3339 times are read field by field: a 13th month was carried into the next year in
 * silence, and "2023- 1-02" read as January. */
Test(bad_numbers, rfc3339_times_are_read_exactly)
{
	static const struct {
		const char *time;
		long long seconds;   /* -1: an error */
	} cases[] = {
		{"2023-01-02T03:04:05Z", 1672628645},	  {"2023-01-02T03:04:05.250+01:30", 1672623245},
		{"2023-13-02T03:04:05Z", -1},	  {"2023- 1-02T03:04:05Z", -1},
		{"2023-01-02T03:04:05", -1},	  {"2023-01-02T24:04:05Z", -1},
		{"2023-01-02T03:04:05+1:00", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char pod[2048];
		snprintf(pod, sizeof pod, "%s", pod_yaml("p", "1", 0, 0, NULL, -1, -1));
		char *spec = strstr(pod, "spec:");
		char rest[1024];
		snprintf(rest, sizeof rest, "%s", spec);
		snprintf(spec, sizeof pod - (size_t)(spec - pod), "  annotations:\n    alibabacloud.com/creation-time: '%s'\n%s",
			 cases[i].time, rest);
		write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 0, NULL));
		write_text(dir, "cluster/pods.yaml", pod);
		write_cluster_config(dir, "");
		write_sched_config(dir, "BestFitScore", "best");
		struct simulation s;
		struct error err = {{0}};
		int rc = run_dir(dir, MODE_REPLAY, 1, &s, &err);
		if (cases[i].seconds < 0) {
			cr_assert_neq(rc, 0, "case %zu (%s) loaded", i, cases[i].time);
			cr_assert(strstr(err.msg, "expected whole seconds (e.g. '427061') or an RFC 3339 time"), "%s", err.msg);
		} else {
			cr_assert_eq(rc, 0, "case %zu: %s", i, err.msg);
			cr_assert_eq(s.trace.workload.pods[0].creation, cases[i].seconds, "case %zu", i);
		}
		simulation_release(&s);
	}
}

/* `compare -j 4294967297` became one job (the long cut to an int before its check). */
Test(bad_numbers, flags_are_checked_before_they_are_narrowed)
{
	char *err = NULL;
	cr_assert_eq(run_simon("compare data/matrices/example.yaml --dry-run -j 4294967297", &err), 2);
	cr_assert(strstr(err, "--jobs: expected 1 to 256, got '4294967297'"), "%s", err);
	free(err);
}
